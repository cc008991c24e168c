"""A keyboard reader: every link of a diagram is reached with Tab, in order, and shows focus."""

from __future__ import annotations

import pytest

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
