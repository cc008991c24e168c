"""A laptop screen, 1280 px: the generated pages made of wide tables use the whole width, and
the process map fits the screen."""

from __future__ import annotations

import pytest

WIDE_PAGES = ["register/", "glossary/", "translation-status/", "objectives/", "processes/"]
TEXT_COLUMN = "document.querySelector('.md-content').getBoundingClientRect().width"
TEXT_INSIDE = "document.querySelector('.md-content__inner').getBoundingClientRect().width"  # without padding
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


LAPTOP = {"width": 1280, "height": 800}
#: How tall the process interaction map may be at 1280 px. As one column it was 1,317 px; in
#: bands it must fit a laptop screen (1280 x 800) with a short scroll past the page's title.
MAP_MAX_HEIGHT = 620


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_process_map_fits_a_laptop_screen(page, base_url, language):
    page.set_viewport_size(LAPTOP)
    page.goto(f"{base_url}/{language}/draft/processes/")
    drawing = page.locator("#sapat-interaction svg").bounding_box()
    assert drawing["height"] <= MAP_MAX_HEIGHT, f"the map is {drawing['height']:.0f} px tall"
    assert drawing["width"] <= page.evaluate(TEXT_INSIDE), "the map fits the text column"
    assert drawing["height"] < LAPTOP["height"] - 100, "the whole map is on the screen at once"


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_interaction_matrix_uses_the_width_and_keeps_the_names_in_view(page, base_url, language):
    page.set_viewport_size(LAPTOP)
    page.goto(f"{base_url}/{language}/draft/interaction-matrix/")
    assert not page.evaluate(TOC_SHOWN)
    region = page.locator(".sapat-matrix .sapat-scroll")
    box = region.bounding_box()
    assert box["width"] >= page.evaluate(TEXT_INSIDE), "the matrix takes the whole text column"
    assert box["height"] <= LAPTOP["height"], "it scrolls inside the screen, not past it"
    first_name = page.locator(".sapat-matrix tbody th[scope=row]").first
    header = page.locator(".sapat-matrix thead")
    region.evaluate("region => { region.scrollLeft = region.scrollWidth; region.scrollTop = 400; }")
    assert region.evaluate("region => region.scrollLeft") > 0, "the matrix is wider than the screen"
    assert abs(first_name.bounding_box()["x"] - box["x"]) <= 2, "the row names stay at the left edge"
    assert abs(header.bounding_box()["y"] - box["y"]) <= 2, "the column names stay at the top"
