"""The clause before the paperwork: on a phone (360 x 740) and an old laptop (1280 x 800) every
page of the manual shows its first clause on the first screen, under a document control of a
line or two whose details are one click away."""

from __future__ import annotations

from pathlib import Path

import pytest
from browsing import wait_for_theme
from playwright.sync_api import expect

from sapat.core.i18n.languages import LANGUAGES

SCREENS = {"phone": {"width": 360, "height": 740}, "laptop": {"width": 1280, "height": 800}}

# Where the first clause starts: the first clause heading under the page's title or, on a page
# that is one clause (3, 9, 10, the appendices, the title page), the first thing of its text
# after the document control and its notices.
FIRST_CLAUSE = r"""() => {
  const article = document.querySelector("article.md-content__inner");
  const title = article.querySelector("h1");
  const clause = [...article.querySelectorAll("h2[id], h3[id], h4[id]")]
    .find(heading => /^(\d+(\.\d+)*|appendix-\d+)$/.test(heading.id));
  const decoration = ["sapat-control", "sapat-notice", "sapat-pdf", "sapat-draft-mark", "sapat-backlinks",
                      "sapat-records"];
  const text = [...article.children].find(element => element.compareDocumentPosition(title) &
      Node.DOCUMENT_POSITION_PRECEDING && !decoration.some(name => element.classList.contains(name)));
  const start = clause || text;
  const box = start.getBoundingClientRect();
  return {what: start.id || start.tagName, top: Math.round(box.top),
          line: Math.round(box.top + Math.min(box.height, 24)), screen: window.innerHeight};
}"""


def manual_pages(site: Path, language: str) -> list[str]:
    """The address of every page of the draft that has a document control: the manual's pages."""
    draft = site / language / "draft"
    return sorted(page.parent.relative_to(draft).as_posix() + "/" for page in draft.rglob("index.html")
                  if 'class="sapat-control ' in page.read_text(encoding="utf-8"))


def test_the_manual_s_pages_are_found(site):
    for language in LANGUAGES:
        pages = manual_pages(site, language)
        assert len(pages) == 13 and "07-product-realization/" in pages and "./" in pages


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_of_the_manual_shows_its_first_clause_on_the_first_screen(page, base_url, site, language,
                                                                              screen):
    page.set_viewport_size(SCREENS[screen])
    below = {}
    for address in manual_pages(site, language):
        page.goto(f"{base_url}/{language}/draft/{address}")
        wait_for_theme(page)
        expect(page.locator("[data-md-component=outdated]")).to_be_visible()  # the draft's banner, above all
        first = page.evaluate(FIRST_CLAUSE)
        if not (first["top"] >= 0 and first["line"] <= first["screen"]):
            below[address] = first
    assert below == {}, f"the first clause is below the first screen at {SCREENS[screen]}: {below}"


def test_the_details_of_the_document_control_are_closed_and_say_what_they_hold(page, base_url):
    for language, summary in (("ky", "Документ жөнүндө толук маалымат жана тыянактардын негиздемелери"),
                              ("ru", "Подробнее о документе и обоснования выводов редакторов")):
        page.goto(f"{base_url}/{language}/draft/07-product-realization/")
        details = page.locator(".sapat-control details")
        expect(details).not_to_have_attribute("open", "")
        expect(details.locator("summary")).to_have_text(summary)
        expect(page.locator(".sapat-provenance")).to_be_hidden()
        expect(page.locator(".sapat-control__line").first).to_contain_text(
            "вывод редакторов" if language == "ru" else "редакторлордун тыянагы")  # status: inferred
