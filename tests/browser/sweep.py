"""The sweep: every page a reader can open (a sample of a frozen edition's, see FROZEN_SAMPLE),
loaded once in Chromium and read as a reader gets it, for test_every_page and test_first_screen.
It is made a language at a time (:class:`Sweep`), so that the two languages are read side by
side, one by each worker of the test run (tests/conftest.py, ``ByModule``).

Each page is loaded on a laptop's screen (1280 x 800) and read when the theme's script has
rendered the version selector: axe-core (accessibility.py: every rule of WCAG 2.1 A/AA and best
practice, the experimental ones too) runs, what is shown or spoken is collected, and on a page
of the manual (one with a document control) where its first clause starts is measured; then the
window narrows to a phone's (360 x 740) and the page is measured again: what scrolls sideways,
the one axe rule that depends on the layout (scrollable-region-focusable), and the first clause.
Every error a script logs on the way is kept."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from accessibility import axe_script, violations
from browsing import assert_no_foreign_request, errors_logged, wait_for_theme, watched_page
from playwright.sync_api import Browser
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from helpers import english_in, html_pages, theme_english
from sapat.core.i18n.languages import LANGUAGES, SOURCE_LANGUAGE
from sapat.core.model.editions import DRAFT, LATEST

#: The screens a page is read on: an old laptop's, then a phone's.
SCREENS = {"laptop": {"width": 1280, "height": 800}, "phone": {"width": 360, "height": 740}}

SHOWN_TEXT = """() => {
  const texts = [];
  const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let node = walker.currentNode; node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) {
      if (!node.parentElement.closest("script, style")) texts.push(node.data);
    } else {
      for (const attribute of node.attributes) {
        if (!["href", "src", "d"].includes(attribute.name)) texts.push(attribute.value);
      }
    }
  }
  return texts;
}"""

# What sticks out past the right edge of the window, and what scrolls sideways, other than
# inside a scroll region that a keyboard reaches and that has a name.
SIDEWAYS = """() => {
  const name = element => (element.getAttribute("aria-label") || "").trim() ||
    (element.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean)
      .map(id => (document.getElementById(id) || {}).textContent || "").join(" ").trim();
  const describe = element => element.tagName.toLowerCase() +
    (element.className && typeof element.className === "string"
      ? "." + element.className.trim().split(/\\s+/).join(".") : "");
  const announced = region => region && region.tabIndex >= 0 && region.getAttribute("role") === "region"
    && name(region);
  const problems = [];
  if (document.documentElement.scrollWidth > window.innerWidth) {
    problems.push(`the page is ${document.documentElement.scrollWidth}px wide`);
  }
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || getComputedStyle(element).visibility === "hidden") continue;
    const scrolls = element.scrollWidth > element.clientWidth + 1 &&
      ["auto", "scroll"].includes(getComputedStyle(element).overflowX);
    if (scrolls && !announced(element) && !element.closest("[role=region]")) {
      problems.push(`${describe(element)} scrolls sideways without a name and a tab stop`);
    }
    if (box.right > window.innerWidth + 1 && !announced(element.closest("[role=region]"))) {
      problems.push(`${describe(element)} reaches ${Math.round(box.right)}px`);
    }
  }
  return problems.slice(0, 5);
}"""


# Where the first clause starts: the first clause heading under the page's title or, on a page
# that is one clause (3, 9, 10, the appendices, the title page), the first thing of its text
# after the document control and its notices.
FIRST_CLAUSE = r"""() => {
  const article = document.querySelector("article.md-content__inner");
  const title = article.querySelector("h1");
  const clause = [...article.querySelectorAll("h2[id], h3[id], h4[id]")]
    .find(heading => /^(\d+(\.\d+)*|appendix-\d+)$/.test(heading.id));
  const decoration = ["sapat-control", "sapat-notice", "sapat-pdf", "sapat-draft-mark", "sapat-backlinks",
                      "sapat-records"];
  const text = [...article.children].find(element => element.compareDocumentPosition(title) &
      Node.DOCUMENT_POSITION_PRECEDING && !decoration.some(name => element.classList.contains(name)));
  const start = clause || text;
  const box = start.getBoundingClientRect();
  return {what: start.id || start.tagName, top: Math.round(box.top),
          line: Math.round(box.top + Math.min(box.height, 24)), screen: window.innerHeight};
}"""


#: The draft's banner, shown above all on every page of the draft (Material's "outdated" notice).
BANNER = "[data-md-component=outdated]"


def language_of(address: str) -> str:
    """The language whose sweep reads a page: the one its address starts with; the web root's
    own pages (its 404 page) are read with the source language's."""
    first = address.split("/", 1)[0]
    return first if first in LANGUAGES else SOURCE_LANGUAGE


@dataclass
class PageReport:
    violations: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    english: set[str] = field(default_factory=set)
    sideways: list[str] = field(default_factory=list)
    #: On a page of the manual: where its first clause is, by screen (FIRST_CLAUSE), and whether
    #: the draft's banner was shown above it.
    first_clause: dict[str, dict] = field(default_factory=dict)
    banner_shown: bool = False


def edition_of(address: str) -> str:
    """The edition a page's address lies in (``ky/2018-12-21/04-qms/``), or "" (``ky/404.html``)."""
    parts = address.split("/")
    return parts[1] if len(parts) > 2 else ""


def manual_pages(site: Path, language: str) -> list[str]:
    """The address of every page of the draft that has a document control: the manual's pages."""
    draft = site / language / DRAFT
    return sorted(page.parent.relative_to(draft).as_posix() + "/" for page in draft.rglob("index.html")
                  if 'class="sapat-control ' in page.read_text(encoding="utf-8"))


# One page of each kind a frozen edition has, by its address inside the edition, the kinds
# shared between the two languages: the title page; a chapter of clauses with its document
# control; an appendix and the process map, drawn; a process page; the wide matrix; the
# generated lists and registers; the edition's record and its changes; a page of the guide;
# the edition's 404 page.
FROZEN_SAMPLE = {
    "ky": ("", "07-product-realization/", "processes/", "interaction-matrix/", "register/", "glossary/",
           "guide/errors/", "404.html"),
    "ru": ("04-qms/", "appendix-1/", "processes/internal-audit/", "iso-9001/", "objectives/", "editions/",
           "changes/", "404.html"),
}


def published_pages(site: Path) -> list[str]:
    """Every page a reader can open, as its address: every edition in both languages and the
    404 pages (read at their own address here; at a wrong address they are tested in
    test_not_found). The redirects have nothing to check: the web root's and each language's
    index.html, and the alias latest/, forward at once to a page checked here."""
    redirects = {site / "index.html", *(site / language / "index.html" for language in LANGUAGES)}
    return [page.relative_to(site).as_posix().removesuffix("index.html") for page in html_pages(site)
            if page not in redirects and LATEST not in page.relative_to(site).parts]


def frozen_editions(site: Path) -> set[str]:
    """The versions of the frozen editions published in ``site``."""
    return {entry["version"] for language in LANGUAGES
            for entry in json.loads((site / language / "versions.json").read_text(encoding="utf-8"))} - {DRAFT}


#: The folders of the draft whose pages are one template filled from data, a page per process:
#: the process pages and the audit checklists (17 each per language).
TEMPLATED = ("processes/", "audits/")
#: Setting it reads every page: each of a frozen edition's and each templated page of the draft.
EVERY_PAGE = "SAPAT_EVERY_PAGE"


def templated_sample(site: Path, pages: list[str]) -> set[str]:
    """Of each templated folder of the draft in each language, the pages the sweep reads: its
    list (the folder's own page), and of the pages made from the one template the largest
    (the most to lay out on a phone) and the smallest (what a page says when its data is
    thin). The rest differ only in their data, which the site's tests check in their HTML
    (tests/site/test_audits_site.py, test_diagrams_site.py)."""
    sample = set()
    for language in LANGUAGES:
        for folder in TEMPLATED:
            prefix = f"{language}/{DRAFT}/{folder}"
            made = [address for address in pages if address.startswith(prefix) and address != prefix]
            by_size = sorted(made, key=lambda address: (site / address / "index.html").stat().st_size)
            sample |= {prefix, by_size[0], by_size[-1]} if by_size else {prefix}
    return sample


def is_templated(address: str) -> bool:
    parts = address.split("/", 2)
    return len(parts) == 3 and parts[1] == DRAFT and parts[2].startswith(TEMPLATED)


def pages_to_read(site: Path) -> list[str]:
    """The published pages the sweep reads: all but a frozen edition's pages outside its
    sample and the templated pages of the draft outside theirs (all of them with
    SAPAT_EVERY_PAGE=1)."""
    pages, frozen = published_pages(site), frozen_editions(site)
    if os.environ.get(EVERY_PAGE):
        return pages
    sample = templated_sample(site, pages)

    def read(address: str) -> bool:
        language, _, inside = address.partition("/")
        if edition_of(address) in frozen:
            return inside.partition("/")[2] in FROZEN_SAMPLE[language]
        return not is_templated(address) or address in sample
    return [address for address in pages if read(address)]


@dataclass(frozen=True)
class Sweep:
    """What the sweep read of one language's pages: a report by page address."""

    language: str
    pages: dict[str, PageReport]


def read_every_page(browser: Browser, base_url: str, site: Path, language: str) -> Sweep:
    """Each of ``pages_to_read(site)`` in ``language`` (language_of), served at ``base_url``,
    read as the module says."""
    requests: list[str] = []
    page = watched_page(browser, requests, viewport=SCREENS["laptop"])
    page.context.add_init_script(axe_script())
    errors = errors_logged(page)
    english = theme_english()
    manual = {f"{language}/{DRAFT}/{address}".removesuffix("./") for address in manual_pages(site, language)}
    found = {}
    for address in [address for address in pages_to_read(site) if language_of(address) == language]:
        errors.clear()
        page.set_viewport_size(SCREENS["laptop"])
        page.goto(f"{base_url}/{address}")
        wait_for_theme(page)
        report = found[address] = PageReport()
        report.violations = violations(page)
        report.english = english_in(page.evaluate(SHOWN_TEXT), english)
        if address in manual:
            banner = page.locator(BANNER)
            try:
                banner.wait_for(state="visible", timeout=5000)
                report.banner_shown = True
            except PlaywrightTimeout:
                pass
            report.first_clause["laptop"] = page.evaluate(FIRST_CLAUSE)
        page.set_viewport_size(SCREENS["phone"])
        page.wait_for_function("width => window.innerWidth === width", arg=SCREENS["phone"]["width"])
        report.sideways = page.evaluate(SIDEWAYS)
        report.violations += violations(page, ["scrollable-region-focusable"])
        if address in manual:
            report.first_clause["phone"] = page.evaluate(FIRST_CLAUSE)
        report.errors = [error.replace(base_url, "") for error in errors]  # the same at any port
    page.context.close()
    assert_no_foreign_request(requests)
    return Sweep(language, found)
