"""Search as a reader meets it: from typing a word to the first result, in headless Chromium.

For each size (the real manual, or it plus N generated procedures per language), the site is
built once with ``sapat build`` and served on 127.0.0.1 by a plain HTTP server; then, in a fresh
browser context each time (nothing cached), a page of the draft is opened, and as soon as it has
loaded the word is typed into Material's search. Measured: the time from typing to the first
result on screen, and the bytes of search the page had fetched by then (the index, the worker
and its scripts: what the first search costs the reader's connection; Pagefind goes on to
fetch the fragments of the results after the first ten, which are not counted). Also the
time from opening the page to the first result: Material's lunr fetches and builds its index
as the page loads.

Engines, on the same built pages:
  Pagefind        what sapat publishes: Pagefind's index, fetched in parts, behind Material's dialog
  lunr            Material's own search: the text of every page (the manual's text, as sapat's
                  pages leave it to search) in one index that the browser builds when a page loads
  lunr, titles    the same with the titles and headings alone: the smallest index lunr can have
The lunr engines get the index Material's search plugin makes of the same article HTML, and
Material's worker; Kyrgyz is searched as lunr's English without its stemmer and trimmer (no
folding of ө, ү, ң), as sapat's Kyrgyz lunr did before the folding.
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from corpus import add_procedures
from material.plugins.search.plugin import SearchIndex
from playwright.sync_api import Browser, Request, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "browser"))
from browsing import CHROMIUM, FLAGS, serve  # the tests' browser and server

from sapat.core.publishing.search import MATERIAL_WORKER, NOT_SEARCHED_ATTRIBUTE, WORKER

LANGUAGES = ("ky", "ru")
ENGINES = ("Pagefind", "lunr", "lunr, titles")
QUERY = {"ky": "аудит", "ru": "аудит"}
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.DOTALL)
_DRAWING = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
_SEARCH_FILES = re.compile(r"/(?:search|pagefind|assets/javascripts/(?:workers|lunr))/")
# The first result on screen, timed in the page (performance.now()), not over Playwright's link
_WATCH = """() => {
  window.sapatFirstResult = null;
  new MutationObserver((changes, observer) => {
    if (document.querySelector(".md-search-result__item")) {
      window.sapatFirstResult = performance.now();
      observer.disconnect();
    }
  }).observe(document.body, {childList: true, subtree: true});
  return performance.now();
}"""


@dataclass
class Timing:
    seconds: float  # median, typing to the first result
    opened: float  # median, opening the page to the first result (what lunr does as it loads included)
    fetched: int  # bytes of search the page fetched (median)
    index: int  # bytes of the index files on disk (what a server holds)


def lunr_edition(edition: Path, language: str, titles_only: bool) -> None:
    """``edition`` (a copy of a built one) searched by Material's lunr worker over an index of
    its pages as Material's search plugin makes it, of what sapat leaves to search."""
    index = SearchIndex(lang=["ru" if language == "ru" else "en"], separator=r"[\s\-]+",
                        pipeline=["stopWordFilter"],
                        fields={"title": {"boost": 1e3}, "text": {"boost": 1e0}, "tags": {"boost": 1e6}})
    for page in sorted(edition.rglob("index.html")):
        found = _ARTICLE.search(page.read_text(encoding="utf-8"))
        if found is None:
            continue
        content = _DRAWING.sub("", found.group(1)).replace(NOT_SEARCHED_ATTRIBUTE[0], "data-search-exclude")
        url = page.parent.relative_to(edition).as_posix() + "/" if page.parent != edition else ""
        index.add_entry_from_context(_Page(url.removeprefix("./"), content))
    if titles_only:
        for entry in index.entries:
            entry["text"] = ""
    (edition / "search" / "search_index.json").write_text(index.generate_search_index(None), encoding="utf-8")
    worker = next(edition.glob(MATERIAL_WORKER))
    shutil.copyfile(worker, edition / WORKER)  # the pages ask sapat's worker: answer with Material's
    shutil.rmtree(edition / "pagefind")


class _Page:
    """What Material's search plugin reads of a page."""

    def __init__(self, url: str, content: str) -> None:
        self.url, self.content, self.meta, self.toc, self.title = url, content, {}, [], ""


def first_result(browser: Browser, url: str, query: str) -> tuple[float, float, int]:
    """Seconds from typing ``query`` on the freshly loaded page ``url`` to the first result and
    from opening the page to it, and the bytes of search the page fetched."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    done: list[Request] = []
    page.on("requestfinished", lambda request: done.append(request))
    page.goto(url, wait_until="load")
    page.locator(".md-search__input").click()
    typed = page.evaluate(_WATCH)
    page.keyboard.insert_text(query)
    page.keyboard.press("End")  # Material searches on key events; inserted text sends none
    page.locator(".md-search-result__item").first.wait_for(timeout=120_000)
    shown = page.wait_for_function("() => window.sapatFirstResult").json_value()
    by_then = page.evaluate("performance.timeOrigin") + shown  # what came later is not the first result's
    fetched = sum(request.sizes()["responseBodySize"] for request in done if _SEARCH_FILES.search(request.url)
                  and request.timing["startTime"] + request.timing["responseEnd"] <= by_then)
    context.close()
    return (shown - typed) / 1000, shown / 1000, fetched  # performance.now(): since the page was opened


def measure_search(root: Path, size: str, runs: int) -> dict[str, dict[str, Timing]]:
    """Every engine in both languages at one size (``real`` or procedures per language), on the
    copy of the repository at ``root``."""
    if size != "real":
        add_procedures(root, int(size), folder="procedures", by_unit=True)
    subprocess.run([str(Path(sys.executable).parent / "sapat"), "--root", str(root), "build"], check=True,
                   capture_output=True)
    site = root / "site"
    folders = {"Pagefind": "draft", "lunr": "lunr", "lunr, titles": "lunr-titles"}
    for language in LANGUAGES:
        for engine, folder in folders.items():
            if folder != "draft":
                shutil.copytree(site / language / "draft", site / language / folder)
                lunr_edition(site / language / folder, language, titles_only=engine == "lunr, titles")
    server, base = serve(site)
    results: dict[str, dict[str, Timing]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            for language in LANGUAGES:
                results[language] = {}
                for engine, folder in folders.items():
                    edition = site / language / folder
                    measured = [first_result(browser, f"{base}/{language}/{folder}/", QUERY[language])
                                for _ in range(runs)]
                    on_disk = sum(f.stat().st_size for f in (edition / "pagefind").rglob("*") if f.is_file()) \
                        if engine == "Pagefind" else (edition / "search" / "search_index.json").stat().st_size
                    results[language][engine] = Timing(statistics.median(m[0] for m in measured),
                                                       statistics.median(m[1] for m in measured),
                                                       int(statistics.median(m[2] for m in measured)), on_disk)
            browser.close()
    finally:
        server.shutdown()
        shutil.rmtree(root.parent)
    return results


def print_search(size: str, results: dict[str, dict[str, Timing]]) -> None:
    label = "the real manual" if size == "real" else f"manual + {size} procedures per language"
    print(f"\n{label}")
    for language, engines in results.items():
        for engine, timing in engines.items():
            print(f"  {language}  {engine:<14}{timing.seconds:>7.2f} s  (opened: {timing.opened:5.2f} s)"
                  f"  {timing.fetched:>12,} bytes fetched  {timing.index:>12,} bytes of index", flush=True)
