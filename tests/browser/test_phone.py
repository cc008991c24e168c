"""A phone 360 px wide: the header says which edition is read, and the process interaction
matrix and map are readable."""

from __future__ import annotations

import pytest
from browsing import serve, wait_for_theme
from playwright.sync_api import expect

from helpers import FIRST, SECOND
from sapat.core.editions import DRAFT
from sapat.core.labels import label

PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="module")
def editions_url(two_editions):
    """Two editions released with today's code, and the draft."""
    server, url = serve(two_editions / "site")
    yield url
    server.shutdown()


BADGE_IN_VIEW = """() => { const badge = document.querySelector(".md-header .sapat-badge");
  const box = badge.getBoundingClientRect();
  return box.left >= 0 && box.right <= window.innerWidth && box.top >= 0 && box.bottom <= window.innerHeight
    && badge.scrollWidth <= badge.clientWidth; }"""


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_header_says_which_edition_is_read_on_a_phone(page, editions_url, language):
    """Material's version selector named the edition, cut short on a phone ("2018-1…") and gone
    once the page scrolls; the badge beside the language selector stays whole and in view, and
    the selector is an arrow beside it that opens the list of editions."""
    page.set_viewport_size(PHONE)
    for version, shown in ((FIRST, FIRST), (SECOND, SECOND), (DRAFT, label("edition.draft_badge", language))):
        page.goto(f"{editions_url}/{language}/{version}/07-product-realization/")
        wait_for_theme(page)
        badge = page.locator(".md-header .sapat-badge")
        expect(badge).to_have_text(f"{label('edition', language)}: {shown}" if version != DRAFT else shown)
        assert page.evaluate(BADGE_IN_VIEW), version
        selector = page.locator(".md-version__current")
        assert selector.bounding_box()["x"] + selector.bounding_box()["width"] <= badge.bounding_box()["x"], \
            "the version selector slides under the badge"
        selector.focus()  # on a phone it is an arrow that opens the list of editions, as a tap does
        expect(page.locator(".md-version__link", has_text=f"{FIRST} ·")).to_be_visible()
        selector.blur()
        page.mouse.wheel(0, 3000)
        page.wait_for_function("() => window.scrollY > 1000")
        assert page.evaluate(BADGE_IN_VIEW), f"{version}, scrolled"
