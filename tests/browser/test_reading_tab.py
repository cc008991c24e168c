"""The tab the browser tests read in, a test after another (browsing.ReadingTab): what one test
changed on it is undone before the next, and a tab that cannot be brought back is replaced."""

from __future__ import annotations

import pytest
from browsing import WINDOW, ReadingTab
from playwright.sync_api import Error as PlaywrightError


def test_what_a_test_changed_on_the_tab_is_undone(reading_context, base_url):
    tab = ReadingTab(reading_context)
    page = tab.page
    page.route("**/*.css", lambda route: route.abort())
    page.set_viewport_size({"width": 360, "height": 740})
    page.emulate_media(media="print")
    page.goto(f"{base_url}/ky/draft/04-qms/")
    page.evaluate("() => sessionStorage.setItem('left', 'behind')")
    tab.ready_for_the_next_test()
    assert tab.page is page and page.url == "about:blank"
    page.goto(f"{base_url}/ky/draft/04-qms/")
    assert page.viewport_size == WINDOW and page.evaluate("matchMedia('print').matches") is False
    assert page.evaluate("sessionStorage.getItem('left')") is None
    assert page.evaluate("getComputedStyle(document.body).fontFamily") != ""  # the style sheets came
    page.close()


def test_a_tab_whose_page_crashed_is_replaced(reading_context):
    tab = ReadingTab(reading_context)
    crashed = tab.page
    with pytest.raises(PlaywrightError):
        crashed.goto("chrome://crash")
    tab.ready_for_the_next_test()
    assert tab.page is not crashed and crashed.is_closed()
    tab.page.set_content("<p>Сапат</p>")
    assert tab.page.inner_text("p") == "Сапат"
    tab.page.close()
