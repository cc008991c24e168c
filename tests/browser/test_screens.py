"""A laptop screen, 1280 px: the generated pages made of wide tables use the whole width."""

from __future__ import annotations

import pytest

WIDE_PAGES = ["register/", "glossary/", "translation-status/", "objectives/"]
TEXT_COLUMN = "document.querySelector('.md-content').getBoundingClientRect().width"
TOC_SHOWN = "(() => { const toc = document.querySelector('.md-sidebar--secondary'); " \
            "return !!toc && getComputedStyle(toc).display !== 'none'; })()"
TABLE_OVERFLOW = "[...document.querySelectorAll('.md-content .sapat-scroll')]" \
                 ".map(region => region.scrollWidth - region.clientWidth)"


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_wide_generated_pages_give_the_table_of_contents_column_to_the_table(page, base_url, language):
    page.goto(f"{base_url}/{language}/draft/04-qms/")
    assert page.evaluate(TOC_SHOWN)
    narrow = page.evaluate(TEXT_COLUMN)
    for address in WIDE_PAGES:
        page.goto(f"{base_url}/{language}/draft/{address}")
        assert not page.evaluate(TOC_SHOWN), address
        assert page.evaluate(TEXT_COLUMN) > narrow * 1.2, address
        overflow = page.evaluate(TABLE_OVERFLOW)
        assert overflow and max(overflow) <= 0, f"{address}: a table is clipped by {max(overflow)} px"
