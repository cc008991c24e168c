"""A keyboard reader: every link of a diagram is reached with Tab, in order, and shows focus; the
details of the document control open from the keyboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

DIAGRAM_LINKS = "figure .sapat-diagram-svg a"
FOCUSED_LINK = f"() => [...document.querySelectorAll('{DIAGRAM_LINKS}')].indexOf(document.activeElement)"
# the focused element's box with room for an outline drawn around it
AROUND_FOCUS = """() => { const box = document.activeElement.getBoundingClientRect();
  return {x: box.x - 6, y: box.y - 6, width: box.width + 12, height: box.height + 12}; }"""


@pytest.mark.parametrize("address", ["ky/draft/appendix-1/", "ru/draft/processes/internal-audit/"])
def test_tab_reaches_every_diagram_link_and_shows_where_the_focus_is(page, base_url, address):
    page.goto(f"{base_url}/{address}")
    links = page.locator(DIAGRAM_LINKS).count()
    assert links >= 4
    page.locator("figure .sapat-scroll").first.focus()  # the drawing's scroll region, just before its links
    reached, unmarked = [], []
    for _ in range(links):
        page.keyboard.press("Tab")
        reached.append(page.evaluate(FOCUSED_LINK))
        area = page.evaluate(AROUND_FOCUS)
        focused = page.screenshot(clip=area)
        page.evaluate("() => document.activeElement.blur()")  # Tab goes on from here
        if page.screenshot(clip=area) == focused:
            unmarked.append(reached[-1])
    assert reached == list(range(links))
    assert unmarked == [], "these diagram links look the same with and without focus"


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_details_of_the_document_control_open_from_the_keyboard(page, base_url, language):
    """Right after the page's title, Tab reaches the summary of the control block's details; it
    shows where the focus is, and Enter opens and closes what it holds."""
    page.goto(f"{base_url}/{language}/draft/07-product-realization/")
    page.locator("h1 .headerlink").focus()
    page.keyboard.press("Tab")
    summary = page.locator(".sapat-control details > summary")
    expect(summary).to_be_focused()
    area = page.evaluate(AROUND_FOCUS)
    focused = page.screenshot(clip=area)
    page.evaluate("() => document.activeElement.blur()")
    assert page.screenshot(clip=area) != focused, "the summary looks the same with and without focus"
    summary.focus()
    reasons = page.locator(".sapat-control .sapat-provenance")
    expect(reasons).to_be_hidden()
    page.keyboard.press("Enter")
    expect(reasons).to_be_visible()
    expect(page.locator(".sapat-control__details")).to_contain_text("2019-12-21")  # the next review
    page.keyboard.press("Enter")
    expect(reasons).to_be_hidden()
