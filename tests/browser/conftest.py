"""Fixtures of the real-browser tests: the published site (conftest.published_site) on a local
server, one Chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from accessibility import axe_script
from browsing import (
    CHROMIUM,
    FLAGS,
    ReadingTab,
    assert_no_foreign_request,
    new_reading_context,
    serve,
    watched_page,
)
from playwright.sync_api import Page, sync_playwright
from sweep import Sweep, read_every_page

from sapat.core.i18n.languages import LANGUAGES


def pytest_collection_modifyitems(config, items):
    if not os.path.exists(CHROMIUM) and os.environ.get("SAPAT_SKIP_BROWSER"):
        skip = pytest.mark.skip(reason="SAPAT_SKIP_BROWSER is set and there is no Chromium")
        for item in items:
            if Path(__file__).parent in Path(item.path).parents:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def base_url(published_site):
    """The published site (conftest.published_site) on a local server."""
    server, url = serve(published_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def mounted_url(published_site):
    """The site published below a folder, ``/qms/``: ``/qms/ky/`` is the Kyrgyz edition."""
    server, url = serve(published_site, "/qms/")
    yield url + "/qms"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def requests() -> list[str]:
    """Every URL the page and its workers asked for, as they ask."""
    return []


@pytest.fixture(scope="session")
def reading_context(browser):
    """The browser context of every test's ``page`` (a laptop's window, Kyrgyz locale), with
    axe-core (accessibility.py) in every document it loads: a context already open costs Chromium
    half the CPU of the same page in a new context, whose cache is empty and whose scripts are
    compiled anew. What a test must read from an empty cache, or with other options, it reads in
    a context of its own (browsing.watched_page)."""
    context = new_reading_context(browser)
    context.add_init_script(axe_script())
    yield context
    context.close()


@pytest.fixture(scope="session")
def reading_tab(reading_context) -> Iterator[ReadingTab]:
    tab = ReadingTab(reading_context)
    yield tab
    tab.page.close()


@pytest.fixture
def page(reading_tab, requests, monkeypatch):
    """The reading tab (ReadingTab) for one test, watched for requests to other hosts; after the
    test, none of the listeners it added are left, and the tab is ready for the next test.
    (Local storage is the context's, as between tabs.)"""
    page, added = reading_tab.page, []

    def on(event, handler):
        added.append((event, handler))
        return Page.on(page, event, handler)
    monkeypatch.setattr(page, "on", on)
    page.on("request", lambda request: requests.append(request.url))
    yield page
    for event, handler in added:
        page.remove_listener(event, handler)
    reading_tab.ready_for_the_next_test()
    assert_no_foreign_request(requests)


@pytest.fixture
def own_page(browser, requests):
    """A page in a new context of its own, for a test that sets what a whole context shares
    (Playwright's clock is the context's) or that counts what is fetched (an empty cache)."""
    page = watched_page(browser, requests)
    yield page
    page.context.close()
    assert_no_foreign_request(requests)


@pytest.fixture(scope="session", params=LANGUAGES, ids=LANGUAGES)
def sweep(request, browser, base_url, published_site) -> Sweep:
    """Every page of the published site in a language (a sample of a frozen edition's), each
    loaded once and read on a laptop's screen and a phone's (sweep.py): for test_every_page
    and test_first_screen, whose tests run once per language."""
    return read_every_page(browser, base_url, published_site, request.param)
