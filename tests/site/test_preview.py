"""``make serve``: the live preview rebuilds only the page an editor saved (MkDocs' ``--dirty``)
and the generated pages the save changed; the saved page comes out as a full build makes it:
its nav, references and backlinks."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from helpers import copy_sources, elements

#: The flags ``make serve`` gives ``mkdocs serve`` (Makefile).
SERVE_FLAGS = ("--dirty", "--no-strict")
PATIENCE = 120.0


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def answer_ctrl_c() -> None:
    """Run in the server's process before mkdocs starts: Ctrl-C (SIGINT) stops it as it would in
    a terminal, even when the tests run in the background, whose children ignore SIGINT."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def wait_for(condition, server: subprocess.Popen) -> str:
    """The page once ``condition`` holds for it; fails when the server stops or stalls."""
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline and server.poll() is None:
        if (html := condition()) is not None:
            return html
        time.sleep(0.2)
    raise AssertionError(f"mkdocs serve stopped or stalled (exit status {server.poll()})")


def nav_titles(html: str) -> list[str]:
    return [" ".join(title.split()) for title in re.findall(r'<span class="md-ellipsis">([^<]*)<', html)]


def test_the_makefile_serves_as_this_test_does():
    makefile = (Path(__file__).parents[2] / "Makefile").read_text(encoding="utf-8")
    assert f"mkdocs serve {' '.join(SERVE_FLAGS)} " in makefile


@pytest.mark.slow
def test_a_saved_page_is_rebuilt_alone_with_its_nav_references_and_backlinks(tmp_path):
    root = copy_sources(tmp_path / "repo")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/04-qms/"
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", *SERVE_FLAGS, "-a", f"127.0.0.1:{port}"],
                                  cwd=root, stdout=output, stderr=subprocess.STDOUT, preexec_fn=answer_ctrl_c)
    register = f"http://127.0.0.1:{port}/register/"
    try:
        before = wait_for(lambda: fetch(url), server)
        index = f"http://127.0.0.1:{port}/pagefind/pagefind-entry.json"  # names the index by its content
        indexed = fetch(index)
        assert "бекитилген" in register_row(fetch(register) or "", "ЖАМУ-СМС-04")
        page = root / "manual/ky/04-qms.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nБелги 7391: [[8.2.2]] караңыз.\n",
                        encoding="utf-8")
        after = wait_for(lambda: html if (html := fetch(url)) and "Белги 7391" in html else None, server)
        # a generated page that the save changed is rendered again: the text is no longer the approved one
        assert "долбоор" in register_row(fetch(register) or "", "ЖАМУ-СМС-04")
        # the search index of the first build is kept: a save does not index the edition again
        assert indexed and fetch(index) == indexed
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()  # no server left behind, and the test fails: Ctrl-C did not stop it
            raise
    output = log.read_text(encoding="utf-8")
    assert "Documentation built" in output and output.count("Building documentation") == 2, output
    assert nav_titles(after) == nav_titles(before) and "None" not in nav_titles(after)
    pages = {}
    for name, html in (("before", before), ("after", after)):
        pages[name] = tmp_path / f"{name}.html"
        pages[name].write_text(html, encoding="utf-8")
    references = [e for e in elements(pages["after"]) if "sapat-ref" in e.attrs.get("class", "").split()]
    assert all(e.tag == "a" for e in references)
    assert any(e.attrs["href"].startswith("../08-measurement/#") for e in references)
    assert backlinks(pages["after"]) == backlinks(pages["before"]) != []


def register_row(html: str, code: str) -> str:
    """The document register's row of the page with document code ``code``."""
    return next((row for row in re.findall(r"<tr>(.*?)</tr>", html, re.DOTALL) if code in row), "")


def backlinks(page: Path) -> list[str]:
    """The targets of the links that say where the page's clauses are referred to from."""
    paragraphs = re.findall(r'class="sapat-backlinks"[^>]*>(.*?)</p>', page.read_text(encoding="utf-8"))
    return [href for paragraph in paragraphs for href in re.findall(r'href="([^"]*)"', paragraph)]
