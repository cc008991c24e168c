"""A laptop screen, 1280 px: the generated pages made of wide tables use the whole width, and
the process map fits the screen."""

from __future__ import annotations

import io

import pytest
from browsing import wait_for_theme
from PIL import Image

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
    drawing = page.locator("#sapat-interaction svg.sapat-diagram-svg").bounding_box()
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
    # Measured again after a frame: under load the page can still settle (fonts, the header)
    # between the first measure and the scroll, which moved the region by 46 px once in CI.
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    box = region.bounding_box()
    assert abs(first_name.bounding_box()["x"] - box["x"]) <= 2, "the row names stay at the left edge"
    assert abs(header.bounding_box()["y"] - box["y"]) <= 2, "the column names stay at the top"


SIDEBAR = ".md-sidebar--primary .md-sidebar__scrollwrap"
SIDEBAR_TITLE = ".md-nav--primary > .md-nav__title"
SIDEBAR_ITEMS = ".md-nav--primary > .md-nav__list"


def pixels(page, clip: dict, hidden: str | None = None) -> list[tuple[int, ...]]:
    """The pixels of ``clip`` as drawn, or with the element ``hidden`` transparent (its place and
    its part in the column's scroll snapping kept, which ``visibility`` would change)."""
    if hidden:
        page.locator(hidden).evaluate("element => { element.style.opacity = '0'; }")
    shot = Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB")
    if hidden:
        page.locator(hidden).evaluate("element => { element.style.opacity = ''; }")
    return list(shot.get_flattened_data())


@pytest.mark.slow
@pytest.mark.parametrize("language", ["ky", "ru"])
def test_nothing_shows_through_the_sticky_title_of_the_navigation(page, base_url, language):
    """The navigation's title stays at the top of its column while the items scroll under it. At
    1280 px it takes two lines, and Material faded it into the list with a soft shadow, through
    which the items under it showed half drawn, like a third line of it. Every pixel of the title
    and just below it is the title's own or an item's own, never the two mixed."""
    page.set_viewport_size(LAPTOP)
    page.goto(f"{base_url}/{language}/draft/07-product-realization/")
    wait_for_theme(page)
    title = page.locator(SIDEBAR_TITLE).bounding_box()
    assert title["height"] > 30, "the title takes two lines, as it does at this width"
    clip = {"x": title["x"], "y": title["y"], "width": title["width"], "height": title["height"] + 16}
    # The first time an element is made transparent, Chromium draws it again on a layer of its
    # own, its text antialiased otherwise: done once for both before anything is compared.
    for element in (SIDEBAR_TITLE, SIDEBAR_ITEMS):
        pixels(page, clip, element)
    mixed = []
    for scrolled in range(0, 64, 8):
        page.locator(SIDEBAR).evaluate("(column, top) => { column.scrollTop = top; }", scrolled)
        shown, title_alone, items_alone = (pixels(page, clip, hidden) for hidden in (None, SIDEBAR_ITEMS,
                                                                                      SIDEBAR_TITLE))
        if any(pixel not in (a, b) for pixel, a, b in zip(shown, title_alone, items_alone, strict=True)):
            mixed.append(scrolled)
    assert mixed == [], f"scrolled by these px, the items show through the title: {mixed}"
