"""The site as the university serves it: Debian's nginx running the server block of docs/serving.md
, which includes site_config/nginx/sapat.conf, in front of the site as
main publishes it, at the top of the server and below /qms/ at once.

A plain HTTP client reads what nginx answers (status, headers, bytes: no browser hides an
encoding or a header); Chromium follows the 404 pages' links as a reader does, with and without
scripts. nginx runs as a child of the test, with its files in a folder of its own, and is
stopped when the module's tests are done, whether they passed or not."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest
from browsing import assert_no_foreign_request, watched_page
from playwright.sync_api import Browser, expect

from helpers import ROOT, html_elements
from sapat.core.i18n.labels import label

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MOUNTS = ("", "/qms")  # the server block serves the site at the top and below /qms/
LANGUAGES = ("ky", "ru")
KEPT = "public, max-age=31536000, immutable"
ASKED_AGAIN = "no-cache"
#: Material's styles and scripts whose names carry a hash of their content.
HASHED = re.compile(r"/assets/(?:[^/]+/)*[^/]+\.[0-9a-f]{8}\.min\.(?:css|js)(?:\.map)?$")


# --------------------------------------------------------------------------- nginx


def server_block(site: Path, port: int) -> str:
    """The server block of docs/serving.md, on ``port`` of 127.0.0.1 and with this run's paths."""
    readme = (ROOT / "docs" / "serving.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```nginx\n(.*?)^```", readme, re.M | re.S)
    assert len(blocks) == 1, "docs/serving.md should show one nginx server block"
    block = blocks[0]
    for written, here in (("listen 80;", f"listen 127.0.0.1:{port};"),
                          ("/srv/sapat/site_config/", f"{ROOT}/site_config/"),
                          ("/srv/sapat/site", str(site))):
        assert written in block, f"the server block of docs/serving.md no longer has {written!r}"
        block = block.replace(written, here)
    return block


def main_config(folder: Path, server: str) -> str:
    """nginx's main configuration: Debian's types, the server, and every file nginx writes (pid,
    logs, temporary bodies) in ``folder``. As root, the workers stay root: the site is in a
    folder of the test run that only its owner may read."""
    temporary = "\n".join(f"    {kind}_temp_path {folder}/{kind};" for kind in
                          ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""daemon off;
{"user root;" if os.geteuid() == 0 else ""}
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {folder}/access.log;
{temporary}
{server}
}}
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_listening(process: subprocess.Popen[bytes], port: int, folder: Path) -> None:
    """Wait until nginx accepts connections; if it ends instead, fail with what it said."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    said = "".join(path.read_text(errors="replace") for path in (folder / "stderr", folder / "error.log")
                   if path.exists())
    pytest.fail(f"nginx did not start (exit status {process.poll()}):\n{said}")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Fast shutdown (SIGTERM: the master stops its workers); if that hangs, kill the group."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@pytest.fixture(scope="module")
def nginx(published_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of Debian's nginx serving ``published_site`` as docs/serving.md says, on a free local port."""
    if not os.access(NGINX, os.X_OK):
        pytest.skip(f"Debian's nginx is not installed ({NGINX}): make test installs it (apt-get install nginx)")
    folder = tmp_path_factory.mktemp("nginx")
    port = free_port()
    config = folder / "nginx.conf"
    config.write_text(main_config(folder, server_block(published_site, port)), encoding="utf-8")
    with (folder / "stderr").open("wb") as said:
        process = subprocess.Popen([NGINX, "-p", f"{folder}/", "-c", str(config), "-e", str(folder / "error.log")],
                                   stdin=subprocess.DEVNULL, stdout=said, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    try:
        wait_until_listening(process, port, folder)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)


# --------------------------------------------------------------------------- HTTP


@dataclass(frozen=True)
class Answer:
    status: int
    headers: Message
    body: bytes

    @property
    def cache_control(self) -> str:
        """Every Cache-Control header, joined: nginx must send one."""
        return ", ".join(self.headers.get_all("Cache-Control") or [])

    @property
    def html(self) -> str:
        assert self.headers["Content-Type"] == "text/html; charset=utf-8"
        return self.body.decode("utf-8")


class _Unfollowed(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer to look at, not to follow."""

    def redirect_request(self, *args: object) -> None:
        return None


#: No proxy either: every request goes to the local nginx and nowhere else.
_client = urllib.request.build_opener(urllib.request.ProxyHandler({}), _Unfollowed)


def fetch(url: str, **headers: str) -> Answer:
    """nginx's answer as it came: urllib asks for no compression unless told (Accept-Encoding)."""
    request = urllib.request.Request(url, headers={name.replace("_", "-"): value for name, value in headers.items()})
    try:
        with _client.open(request, timeout=10) as response:
            return Answer(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        with error:
            return Answer(error.code, error.headers, error.read())


def addresses(html: str) -> list[str]:
    """Where a page's links and forms lead."""
    return [e.attrs.get("href") or e.attrs["action"] for e in html_elements(html) if e.tag in ("a", "form")]


def edition_in_force(site: Path, language: str) -> str:
    """The version that ``latest`` names in the language's versions.json."""
    versions = json.loads((site / language / "versions.json").read_text(encoding="utf-8"))
    return next(version["version"] for version in versions if "latest" in version["aliases"])


# --------------------------------------------------------------------------- 404 pages


@pytest.mark.parametrize("mount", MOUNTS)
@pytest.mark.parametrize("path,language", [("/ky/2018-12-21/a/b/", "ky"), ("/ru/draft/x/y/z.html", "ru"),
                                           ("/ky/missing", "ky"), ("/ru/draft/assets/x.0123abcd.min.js", "ru")])
def test_a_missing_page_at_any_depth_gets_the_404_page_of_its_language(nginx, published_site, mount, path, language):
    answer = fetch(nginx + mount + path)
    assert answer.status == 404
    assert answer.cache_control == ASKED_AGAIN  # not kept: the page may be published later
    found = html_elements(answer.html)
    assert found[0].attrs["lang"] == language
    assert [e.text for e in found if e.tag == "h1"] == [label("not_found.title", language)]
    own = (published_site / language / "404.html").read_text(encoding="utf-8")
    assert [e.text for e in found if e.tag == "style"] == [e.text for e in html_elements(own) if e.tag == "style"]
    assert addresses(answer.html) == [f"{mount}/{language}/"] * 2


@pytest.mark.parametrize("mount", MOUNTS)
def test_elsewhere_the_web_roots_404_page_speaks_both_languages(nginx, mount):
    answer = fetch(f"{nginx}{mount}/no/such/page")
    assert answer.status == 404
    found = html_elements(answer.html)
    assert [e.text for e in found if e.tag == "h1"] == [label("not_found.title", language) for language in LANGUAGES]
    assert addresses(answer.html) == [f"{mount}/{language}/" for language in LANGUAGES for _ in range(2)]


@pytest.mark.parametrize("mount", MOUNTS)
@pytest.mark.parametrize("missing", ["/ky/2018-12-21/a/b/", "/ru/x/", "/no/such/page"])
def test_every_address_of_a_404_page_answers_200_with_the_top_of_its_edition(nginx, published_site, mount, missing):
    for address in addresses(fetch(nginx + mount + missing).html):
        answer = fetch(nginx + address)
        language = address.removeprefix(mount).strip("/")
        assert answer.status == 200, address
        assert answer.body == (published_site / language / "index.html").read_bytes()


#: Scripts on or off, a missing page in an edition or outside every language, the site at the top
#: or below /qms/: every pair of two of these is in one case (all eight would add nothing that
#: depends on three of them at once).
FOLLOWED = [pytest.param(javascript, missing, language, mount, id=f"{'script' if javascript else 'no-script'}-"
                         f"{language}-{mount.strip('/') or 'top'}")
            for javascript, (missing, language), mount in [
                (True, ("/ru/2018-12-21/a/b/", "ru"), MOUNTS[0]), (True, ("/no/such/page", "ky"), MOUNTS[1]),
                (False, ("/ru/2018-12-21/a/b/", "ru"), MOUNTS[1]), (False, ("/no/such/page", "ky"), MOUNTS[0])]]


@pytest.mark.parametrize("javascript,missing,language,mount", FOLLOWED)
def test_followed_in_a_browser_a_404_link_leads_to_the_edition_in_force(browser: Browser, nginx, published_site, mount,
                                                                         missing, language, javascript):
    """Without scripts nginx's links are the ones followed, and mike's redirects go by refresh."""
    requests: list[str] = []
    page = watched_page(browser, requests, java_script_enabled=javascript)
    statuses: dict[str, int] = {}
    page.on("response", lambda response: statuses.setdefault(response.url, response.status))
    try:
        assert page.goto(nginx + mount + missing).status == 404
        page.locator(f'a[hreflang="{language}"]').click()
        edition = f"{nginx}{mount}/{language}/{edition_in_force(published_site, language)}/"
        page.wait_for_url(re.compile(re.escape(edition) + "$"))
        expect(page.locator(".md-content h1")).to_be_visible()
        assert statuses[edition] == 200
        assert statuses[f"{nginx}{mount}/{language}/"] == 200  # the address on the 404 page
        assert page.locator("html").get_attribute("lang") == language
    finally:
        page.context.close()
    assert_no_foreign_request(requests)


def test_below_the_folder_the_404_search_finds_pages_through_nginx(browser: Browser, nginx, published_site):
    requests: list[str] = []
    page = watched_page(browser, requests)
    try:
        page.goto(f"{nginx}/qms/ky/2018-12-21/a/b/")
        page.get_by_role("searchbox", name=label("not_found.search", "ky")).fill("аудит")
        page.get_by_role("button", name=label("not_found.search_button", "ky")).click()
        page.wait_for_url(re.compile(rf"^{re.escape(nginx)}/qms/ky/{edition_in_force(published_site, 'ky')}/\?q="))
        results = page.locator(".md-search-result__item a")
        expect(results.first).to_be_visible(timeout=10000)
    finally:
        page.context.close()
    assert_no_foreign_request(requests)
    index = f"{nginx}/qms/ky/{edition_in_force(published_site, 'ky')}/search/search_index.json"
    assert index in requests, requests


# --------------------------------------------------------------------------- pages, caching, compression


@pytest.mark.parametrize("mount", MOUNTS)
@pytest.mark.parametrize("path", ["ky/2018-12-21/04-qms/", "ru/draft/", "ru/latest/glossary/", "index.html"])
def test_a_page_that_exists_is_served_as_it_is_as_utf8_and_asked_for_again(nginx, published_site, mount, path):
    answer = fetch(f"{nginx}{mount}/{path}")
    assert answer.status == 200
    assert answer.headers["Content-Type"] == "text/html; charset=utf-8"
    assert answer.cache_control == ASKED_AGAIN
    assert answer.body == (published_site / path / ("index.html" if path.endswith("/") else "")).read_bytes()


@pytest.mark.parametrize("mount", MOUNTS)
def test_hashed_assets_are_kept_a_year_and_every_other_file_is_asked_for_again(nginx, published_site, mount):
    files = ["/" + path.relative_to(published_site).as_posix() for path in sorted(published_site.rglob("*"))
             if path.is_file()]
    hashed = [path for path in files if HASHED.search(path)]
    # Material's two styles and two scripts (and their maps), in each edition of each language
    assert {re.sub(r"\.[0-9a-f]{8}\.", ".", path.rsplit("/", 1)[1]) for path in hashed} >= {
        "main.min.css", "palette.min.css", "bundle.min.js", "search.min.js"}
    for path in hashed:
        assert fetch(nginx + mount + path).cache_control == KEPT, path
    others = ["/ky/versions.json", "/ru/versions.json", "/ky/draft/search/search_index.json",
              "/ky/draft/assets/sapat.js", "/ky/draft/assets/javascripts/workers/sapat-search.js",
              "/ky/draft/pagefind/pagefind.js", "/ky/2018-12-21/pagefind/pagefind.js",
              "/ru/2018-12-21/jamu-qms-2018-12-21-ru.pdf", "/ky/draft/", "/404.html"]
    assert set(others) - {"/ky/draft/"} <= set(files)
    for path in others:
        answer = fetch(nginx + mount + path)
        assert (answer.status, answer.cache_control) == (200, ASKED_AGAIN), path


@pytest.mark.parametrize("path", ["/qms/ky/versions.json", "/ru/draft/search/search_index.json", "/ky/draft/"])
def test_a_file_asked_for_again_is_answered_304_while_it_is_unchanged(nginx, path):
    first = fetch(nginx + path)
    validators = {"If_None_Match": first.headers["ETag"], "If_Modified_Since": first.headers["Last-Modified"]}
    assert all(validators.values()), first.headers
    again = fetch(nginx + path, **validators)
    assert (again.status, again.body) == (304, b"")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_frozen_editions_search_script_goes_compressed_to_a_browser_that_accepts_it(nginx, published_site, language):
    """Pagefind's own index files are compressed already; its script, which every search
    fetches first, is compressed by the server."""
    path = f"/qms/{language}/2018-12-21/pagefind/pagefind.js"
    text = (published_site / language / "2018-12-21/pagefind/pagefind.js").read_bytes()
    plain, compressed = fetch(nginx + path), fetch(nginx + path, Accept_Encoding="gzip")
    for answer in plain, compressed:
        assert answer.status == 200
        assert answer.headers["Content-Type"] == "application/javascript; charset=utf-8"
        assert answer.headers["Vary"] == "Accept-Encoding"
    assert plain.headers["Content-Encoding"] is None and plain.body == text
    assert compressed.headers["Content-Encoding"] == "gzip" and gzip.decompress(compressed.body) == text
    print(f"{language}: search script {len(plain.body):,} bytes, sent gzipped as {len(compressed.body):,}")
    assert len(compressed.body) < len(text) / 3


@pytest.mark.parametrize("path,content_type", [
    ("/ky/2018-12-21/pagefind/pagefind.js", "application/javascript; charset=utf-8"),
    ("/ru/2018-12-21/assets/javascripts/workers/sapat-search.js", "application/javascript; charset=utf-8"),
    ("/ky/draft/assets/javascripts/workers/sapat-search.js", "application/javascript; charset=utf-8"),
    ("/ru/draft/pagefind/pagefind.js", "application/javascript; charset=utf-8"),
    ("/ru/2018-12-21/07-product-realization/", "text/html; charset=utf-8"),
    ("/ky/versions.json", "application/json; charset=utf-8"),
])
def test_scripts_html_and_json_go_compressed_and_say_they_are_utf8(nginx, published_site, path, content_type):
    answer = fetch(nginx + path, Accept_Encoding="gzip")
    assert (answer.status, answer.headers["Content-Type"], answer.headers["Content-Encoding"]) == (
        200, content_type, "gzip")
    file = published_site / path.strip("/") / ("index.html" if path.endswith("/") else "")
    assert gzip.decompress(answer.body) == file.read_bytes()


@pytest.mark.parametrize("path,location", [("/qms", "/qms/"), ("/qms/ky", "/qms/ky/"), ("/ru/draft", "/ru/draft/")])
def test_a_folder_without_its_slash_is_redirected_to_it(nginx, path, location):
    answer = fetch(nginx + path)
    assert answer.status == 301
    assert answer.headers["Location"] in (location, nginx + location)
