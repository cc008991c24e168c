"""Every published page of both editions, in Chromium, as a reader gets it: axe-core finds no
serious or critical accessibility violation, no script logs an error, no English of the theme
is shown or spoken, and on a phone 360 px wide nothing but a named scroll region scrolls
sideways.

Each page is loaded once and read when the theme's script has rendered the version selector:
axe-core (accessibility.py: every rule of WCAG 2.1 A/AA and best practice, the experimental
ones too) runs at 1280 px, then the window narrows to 360 px and the page is measured (and the
one axe rule that depends on the layout, scrollable-region-focusable, runs again).

A frozen edition's pages are byte for byte as released, the theme's HTML and scripts included.
What that theme did wrong is named in FROZEN_THEME_FAULTS: reported at every run (a warning),
not failing, until the edition is rendered again with today's code; anything else fails there
as on the draft, and an entry that no page of the sample shows any more fails too, so that it
is removed.

Every page of the draft is read, and every page outside the editions (the lists of editions,
the 404 pages). Of a frozen edition, a sample is read: one page of each kind (FROZEN_SAMPLE),
which runs that edition's theme, styles and scripts in today's Chromium. The rest is proven by
its manifest instead: every file of a frozen edition is the one released (``sapat verify``,
sapat.core.checks.editions; test_frozen_editions: the repository passes verify, and a build
publishes the edition byte for byte as frozen), and each page was read here in full when the
edition was released or mended. A change of axe-core (AXE_VERSION) or of a frozen edition
(a mend) is the time to read every page again: SAPAT_EVERY_FROZEN_PAGE=1 pytest tests/browser/test_every_page.py
"""

from __future__ import annotations

import json
import os
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from accessibility import axe_script, violations
from browsing import assert_no_foreign_request, errors_logged, wait_for_theme, watched_page

from helpers import english_in, html_pages, theme_english
from sapat.core.i18n.languages import LANGUAGES
from sapat.core.model.editions import DRAFT, LATEST

PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}

# The frozen editions' findings that come from the theme they were rendered with, each fixed
# since: what was found ("rule (impact): element", as violations() prints it, or the error
# logged) -> why, and what fixed it.
# The edition of 2018-12-21 had four (the version selector's name, the matrix's corner cell,
# the banner script's error, the 404 page's icon) until it was mended on 2026-12-07 (editions.yml).
FROZEN_THEME_FAULTS: dict[str, dict[str, str]] = {}


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


@dataclass
class PageReport:
    violations: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    english: set[str] = field(default_factory=set)
    sideways: list[str] = field(default_factory=list)


def edition_of(address: str) -> str:
    """The edition a page's address lies in (``ky/2018-12-21/04-qms/``), or "" (``ky/404.html``)."""
    parts = address.split("/")
    return parts[1] if len(parts) > 2 else ""


def assert_nothing_unexcused(found: dict[str, list[str]]) -> None:
    """Fails with every line found on a page (by its address) but the named faults of its
    frozen edition's theme."""
    left = {address: [line for line in lines if line not in FROZEN_THEME_FAULTS.get(edition_of(address), {})]
            for address, lines in found.items()}
    assert not any(left.values()), "\n".join(f"{address}: {line}" for address, lines in left.items() for line in lines)


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


def pages_to_read(site: Path) -> list[str]:
    """The published pages the sweep reads: all but a frozen edition's pages outside its
    sample (all of them with SAPAT_EVERY_FROZEN_PAGE=1)."""
    pages, frozen = published_pages(site), frozen_editions(site)
    if os.environ.get("SAPAT_EVERY_FROZEN_PAGE"):
        return pages
    return [address for address in pages if edition_of(address) not in frozen
            or address.split("/", 2)[2] in FROZEN_SAMPLE[address.split("/", 1)[0]]]


@pytest.fixture(scope="module")
def reports(browser, base_url, published_site) -> dict[str, PageReport]:
    requests: list[str] = []
    page = watched_page(browser, requests)
    page.context.add_init_script(axe_script())
    errors = errors_logged(page)
    english = theme_english()
    found = {}
    for address in pages_to_read(published_site):
        errors.clear()
        page.set_viewport_size(DESKTOP)
        page.goto(f"{base_url}/{address}")
        wait_for_theme(page)
        report = found[address] = PageReport()
        report.violations = violations(page)
        report.english = english_in(page.evaluate(SHOWN_TEXT), english)
        page.set_viewport_size(PHONE)
        page.wait_for_function("width => window.innerWidth === width", arg=PHONE["width"])
        report.sideways = page.evaluate(SIDEWAYS)
        report.violations += violations(page, ["scrollable-region-focusable"])
        report.errors = [error.replace(base_url, "") for error in errors]  # the same at any port
    page.context.close()
    assert_no_foreign_request(requests)
    return found


def test_every_page_of_the_draft_and_a_sample_of_each_frozen_edition_is_checked(reports, published_site):
    frozen = frozen_editions(published_site)
    assert frozen  # main publishes at least one frozen edition
    for language in LANGUAGES:
        pages = [address for address in reports if address.startswith(f"{language}/")]
        published = published_pages(published_site)
        for version in (DRAFT, *frozen):
            edition = [address for address in published if address.startswith(f"{language}/{version}/")]
            read = [address for address in pages if address.startswith(f"{language}/{version}/")]
            if version == DRAFT or os.environ.get("SAPAT_EVERY_FROZEN_PAGE"):
                assert read == edition and len(read) >= 30
            else:  # every page of the sample is still published: none was renamed away from it
                assert sorted(read) == sorted(f"{language}/{version}/{address}" for address in FROZEN_SAMPLE[language])
        outside = [address for address in published if address.startswith(f"{language}/")
                   and edition_of(address) not in (DRAFT, *frozen)]
        assert outside and set(outside) <= set(pages)  # the list of editions, the language's 404 page
    assert "404.html" in reports


def test_axe_core_finds_no_serious_or_critical_violation(reports):
    assert_nothing_unexcused({address: report.violations for address, report in reports.items()})


def test_no_page_logs_an_error(reports):
    """An error in the console is a script that stopped half-way, or a file the page lacks."""
    assert_nothing_unexcused({address: report.errors for address, report in reports.items()})


def test_a_frozen_edition_is_excused_only_what_its_theme_still_shows(reports):
    """Each named fault is reported with the number of pages that show it; one that no page
    shows any more (the edition was rendered again) is an error, so that it is removed."""
    seen = Counter((edition_of(address), line) for address, report in reports.items()
                   for line in {*report.violations, *report.errors})
    for edition, faults in FROZEN_THEME_FAULTS.items():
        gone = [fault for fault in faults if not seen[edition, fault]]
        assert gone == [], f"no page of the edition {edition} shows {gone}: remove it from FROZEN_THEME_FAULTS"
        warnings.warn(f"the frozen edition {edition} keeps faults of the theme it was rendered with, excused "
                      "until it is rendered again: " + "; ".join(f"{fault} ({seen[edition, fault]} of its pages: {why})"
                                                                  for fault, why in faults.items()), stacklevel=1)


def test_no_theme_english_is_shown_or_spoken(reports):
    found = {address: sorted(report.english) for address, report in reports.items() if report.english}
    assert found == {}, found


def test_nothing_scrolls_sideways_on_a_phone_but_named_scroll_regions(reports):
    found = {address: report.sideways for address, report in reports.items() if report.sideways}
    assert found == {}, "\n".join(f"{address}: {line}" for address, lines in found.items() for line in lines)
