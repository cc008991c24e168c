"""Reading the built site as a reader does: Debian's Chromium (headless, driven by
Playwright) and a plain web server that answers a missing address with its edition's 404."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import sys
import threading
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page
from playwright.sync_api import Error as PlaywrightError

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags for a closed network: without them Chromium keeps calling hosts it cannot reach.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site below ``mount`` ("/" or "/qms/"); a missing page gets the 404 page of
    the edition its address lies in (``/ky/...`` -> ``ky/404.html``), as a configured server
    would, without changing the address."""

    mount = "/"

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        if not path.startswith(self.mount):
            return str(Path(self.directory) / "no such file")
        return super().translate_path("/" + path[len(self.mount):])

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        edition = self.path[len(self.mount):].split("/", 1)[0] if self.path.startswith(self.mount) else ""
        page = Path(self.directory) / edition / "404.html"
        body = (page if edition and page.is_file() else Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A browser that stops loading a file it no longer needs is no error of the site."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(site: Path, mount: str = "/") -> tuple[http.server.ThreadingHTTPServer, str]:
    """A server for ``site`` on a free local port, and its address."""
    handler = type("Mounted", (SiteHandler,), {"mount": mount})
    server = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


#: A laptop's window, where a page is read unless a test says otherwise.
WINDOW = {"width": 1280, "height": 900}


def new_reading_context(browser: Browser, **options) -> BrowserContext:
    """A new browser context: a laptop's window, the Kyrgyz locale, unless ``options`` say otherwise."""
    return browser.new_context(**{"viewport": WINDOW, "locale": "ky", **options})


class ReadingTab:
    """The one tab of the reading context that the tests read in, a test after another: a new
    tab costs Chromium about 1.8 s of CPU for its first page, against 0.4 s for the next page of
    a tab already open (measured 2026-12-07, the machine's CPU over 20 pages each way)."""

    def __init__(self, context: BrowserContext):
        self.context, self.page = context, context.new_page()

    def ready_for_the_next_test(self) -> None:
        """Routes, window size (WINDOW) and media as the context gives them, the page's session
        storage emptied, the tab on a blank page: the next test's first address loads a page
        anew, even when it is the same. A tab that cannot be brought back (its page crashed,
        say) is replaced, so that one failed test does not fail the ones after it."""
        try:
            self.page.unroute_all(behavior="ignoreErrors")
            self.page.emulate_media(media="null")
            self.page.set_viewport_size(WINDOW)
            if self.page.url.startswith("http"):
                self.page.evaluate("() => sessionStorage.clear()")
            self.page.goto("about:blank")
        except PlaywrightError:
            self.page.close()
            self.page = self.context.new_page()


def watched_page(browser: Browser, requests: list[str], **options) -> Page:
    """A new page (in a context of its own) that adds every URL it requests to ``requests``."""
    page = new_reading_context(browser, **options).new_page()
    page.on("request", lambda request: requests.append(request.url))
    return page


def assert_no_foreign_request(requests: list[str]) -> None:
    foreign = [url for url in requests if not url.startswith(("http://127.0.0.1", "data:"))]
    assert foreign == [], "the page asked another host"


# Material renders the version selector with its script, once versions.json has come (and
# sapat.js names it then): a page is read as a reader finds it once that is done.
_VERSIONS_SHOWN = """() => {
  const config = document.getElementById("__config");
  return !config || !JSON.parse(config.textContent).version || document.querySelector(".md-version") !== null;
}"""


def wait_for_theme(page: Page) -> None:
    """Returns once the theme's script has rendered what it renders after the page loaded."""
    page.wait_for_function(_VERSIONS_SHOWN)


def errors_logged(page: Page) -> list[str]:
    """A list that gets every error the page logs to the console and every exception its
    scripts leave uncaught, as they happen."""
    errors: list[str] = []

    def logged(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(f"{message.text} ({message.location.get('url', '')})")

    page.on("console", logged)
    page.on("pageerror", lambda error: errors.append(f"{error.name}: {error.message}"))
    return errors


def shots_folder(fallback: Path) -> Path:
    """Where a test leaves the screenshots a person is to look at: ``$SAPAT_SHOTS`` when it is
    set, else ``fallback`` (the test's temporary folder)."""
    folder = Path(os.environ.get("SAPAT_SHOTS") or fallback)
    folder.mkdir(parents=True, exist_ok=True)
    return folder
