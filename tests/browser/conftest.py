"""A reader's browser: Debian's Chromium, headless, driven by Playwright, on the built site."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags for a closed network: without them Chromium keeps calling hosts it cannot reach.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serving(directory: Path) -> Iterator[str]:
    """A plain web server on loopback for ``directory``; yields its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(_Quiet, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def base_url(site):
    with serving(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM) and os.environ.get("SAPAT_SKIP_BROWSER"):
        pytest.skip("SAPAT_SKIP_BROWSER is set and there is no Chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def requests() -> list[str]:
    """Every URL the page and its workers asked for."""
    return []


@pytest.fixture
def page(browser, requests):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ky")
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    yield page
    context.close()
    foreign = [url for url in requests if not url.startswith(("http://127.0.0.1", "data:"))]
    assert foreign == [], "the page asked another host"
