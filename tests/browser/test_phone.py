"""A phone 360 px wide: the header says which edition is read, and the process interaction
matrix and map are readable."""

from __future__ import annotations

import pytest
from browsing import serve, wait_for_theme
from playwright.sync_api import expect

from helpers import FIRST, SECOND
from sapat.core.i18n.labels import label
from sapat.core.model.editions import DRAFT

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


# Each hand-over as the table gives it (row, column: cell) and as the list does (process: item).
HAND_OVERS = r"""() => {
  const text = element => element.textContent.replace(/\s+/g, " ").trim();
  const table = document.querySelector(".sapat-matrix table");
  const columns = [...table.querySelectorAll("thead tr:last-child th")].map(text);
  const inTable = [];
  for (const row of table.querySelectorAll("tbody tr")) {
    const source = row.querySelector("th[scope=row]");
    [...row.querySelectorAll("td")].forEach((cell, index) => {
      if (source && text(cell)) inTable.push(`${text(source)} → ${columns[index]} — ${text(cell)}`);
    });
  }
  const inList = [...document.querySelectorAll(".sapat-matrix-list > ul > li")].flatMap(item =>
    [...item.querySelectorAll(":scope > ul > li")]
      .map(target => `${text(item.querySelector("strong"))} → ${text(target)}`));
  return {inTable, inList};
}"""
SHOWN = "selector => [...document.querySelectorAll(selector)].some(element => element.getClientRects().length)"


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_interaction_matrix_is_a_list_on_a_phone_and_a_table_on_a_laptop(page, base_url, language):
    """17 columns in a 328 px region, a third of it the sticky column of names, could not be read:
    on a phone every process lists what it hands over to whom, the table's very cells."""
    page.goto(f"{base_url}/{language}/draft/interaction-matrix/")
    both = page.evaluate(HAND_OVERS)
    assert len(both["inTable"]) == 36 and sorted(both["inList"]) == sorted(both["inTable"])
    for size, table, listed in ((PHONE, False, True), ({"width": 1280, "height": 800}, True, False)):
        page.set_viewport_size(size)
        assert page.evaluate(SHOWN, ".sapat-matrix table") is table
        assert page.evaluate(SHOWN, ".sapat-matrix-list li") is listed
    page.set_viewport_size(PHONE)
    widest = page.evaluate("() => Math.max(...[...document.querySelectorAll('.sapat-matrix-list li')]"
                           ".map(item => item.getBoundingClientRect().right))")
    assert widest <= PHONE["width"], "the list fits the phone's width"


# The size of every text of each drawing as shown (its font size times the drawing's scale), and
# each legend entry's box and whether its text is cut.
DRAWN_TEXT = """() => [...document.querySelectorAll("figure.sapat-diagram")].map(figure => {
  const svg = figure.querySelector("svg.sapat-diagram-svg");
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll("text")].map(text => parseFloat(text.getAttribute("font-size")) * scale);
  const legend = [...figure.querySelectorAll(".sapat-legend li")].map(entry => {
    const box = entry.getBoundingClientRect();
    return {left: box.left, right: box.right, cut: entry.scrollWidth > entry.clientWidth + 1};
  });
  return {smallest: Math.min(...sizes), legend};
})"""


@pytest.mark.parametrize("address, entries", [("ky/draft/processes/", 4), ("ru/draft/processes/", 4),
                                              ("ky/draft/appendix-1/", 2), ("ru/draft/appendix-2/", 0),
                                              ("ru/draft/processes/internal-audit/", 2)])
def test_a_diagram_on_a_phone_has_text_of_12_px_and_its_legend_whole(page, base_url, address, entries):
    """The map was drawn at 85 % (labels of 10 px) and its legend, drawn in the picture, was cut at
    the edge of the screen ("Негизги процес…"): the drawing now scrolls at the size that makes
    its smallest text 12 px, and the legend is the page's text under it, wrapping."""
    page.set_viewport_size(PHONE)
    page.goto(f"{base_url}/{address}")
    drawings = page.evaluate(DRAWN_TEXT)
    assert len(drawings) == 1 and len(drawings[0]["legend"]) == entries
    assert drawings[0]["smallest"] >= 11.99, f"text of {drawings[0]['smallest']:.1f} px"
    for entry in drawings[0]["legend"]:
        assert entry["left"] >= 0 and entry["right"] <= PHONE["width"] and not entry["cut"], entry
