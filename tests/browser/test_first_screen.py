"""The clause before the paperwork: on a phone (360 x 740) and an old laptop (1280 x 800) every
page of the manual shows its first clause on the first screen, under a document control of a
line or two whose details are one click away. Where the first clause is, is measured in the
sweep (sweep.py: every page loaded once, read on both screens)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sweep import SCREENS, manual_pages

from sapat.core.i18n.languages import LANGUAGES


def test_the_manual_s_pages_are_found(published_site):
    for language in LANGUAGES:
        pages = manual_pages(published_site, language)
        assert len(pages) == 13 and "07-product-realization/" in pages and "./" in pages


@pytest.mark.parametrize("screen", SCREENS)
def test_every_page_of_the_manual_shows_its_first_clause_on_the_first_screen(sweep, published_site, screen):
    """Read in the sweep (sweep.py), which loads each page once on both screens: the draft's
    banner shown above all, then where the first clause starts (FIRST_CLAUSE)."""
    below = {}
    for address in manual_pages(published_site, sweep.language):
        report = sweep.pages[f"{sweep.language}/draft/{address}".removesuffix("./")]
        assert report.banner_shown, address
        first = report.first_clause[screen]
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
