"""Every published page of both editions, in Chromium, as a reader gets it: axe-core finds no
serious or critical accessibility violation, no English of the theme is shown or spoken, and
on a phone 360 px wide nothing but a named scroll region scrolls sideways.

Each page is loaded once: axe-core (WCAG 2.1 A/AA and best practice) runs at 1280 px, then
the window narrows to 360 px and the page is measured (and the one axe rule that depends on
the layout, scrollable-region-focusable, runs again).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from browsing import assert_no_foreign_request, watched_page

from helpers import english_in, html_pages, theme_english
from sapat.core.editions import LATEST
from sapat.core.languages import LANGUAGES

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = ("serious", "critical")
PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}

AXE_RUN = """options => axe.run(document, options).then(results => results.violations.map(v => ({
    id: v.id, impact: v.impact, targets: v.nodes.map(n => n.target.join(" ")) })))"""

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
    english: set[str] = field(default_factory=set)
    sideways: list[str] = field(default_factory=list)


def published_pages(site: Path) -> list[str]:
    """Every page a reader can open, as its address: every edition in both languages and the
    404 pages (read at their own address here; at a wrong address they are tested in
    test_not_found). The redirects have nothing to check: the web root's and each language's
    index.html, and the alias latest/, forward at once to a page checked here."""
    redirects = {site / "index.html", *(site / language / "index.html" for language in LANGUAGES)}
    return [page.relative_to(site).as_posix().removesuffix("index.html") for page in html_pages(site)
            if page not in redirects and LATEST not in page.relative_to(site).parts]


def violations(page, **options) -> list[str]:
    found = page.evaluate(AXE_RUN, {"resultTypes": ["violations"], **options})
    return [f"{v['id']} ({v['impact']}): {target}" for v in found if v["impact"] in BLOCKING
            for target in v["targets"]]


@pytest.fixture(scope="module")
def reports(browser, base_url, site) -> dict[str, PageReport]:
    requests: list[str] = []
    page = watched_page(browser, requests)
    page.context.add_init_script(AXE_SCRIPT)
    english = theme_english()
    found = {}
    for address in published_pages(site):
        page.set_viewport_size(DESKTOP)
        page.goto(f"{base_url}/{address}")
        report = found[address] = PageReport()
        report.violations = violations(page, runOnly={"type": "tag", "values": AXE_TAGS})
        report.english = english_in(page.evaluate(SHOWN_TEXT), english)
        page.set_viewport_size(PHONE)
        page.wait_for_function("width => window.innerWidth === width", arg=PHONE["width"])
        report.sideways = page.evaluate(SIDEWAYS)
        report.violations += violations(page, runOnly={"type": "rule", "values": ["scrollable-region-focusable"]})
    page.context.close()
    assert_no_foreign_request(requests)
    return found


def test_every_page_of_both_editions_is_checked(reports, site):
    for language in LANGUAGES:
        pages = [address for address in reports if address.startswith(f"{language}/")]
        published = [page for page in html_pages(site / language) if LATEST not in page.parts]
        assert len(pages) == len(published) - 1 >= 30  # all but the language's home, a redirect
        versions = [entry["version"] for entry in json.loads((site / language / "versions.json").read_text())]
        assert len(versions) >= 2 and all(any(p.startswith(f"{language}/{v}/") for p in pages) for v in versions)
    assert "404.html" in reports


def test_axe_core_finds_no_serious_or_critical_violation(reports):
    found = {address: report.violations for address, report in reports.items() if report.violations}
    assert found == {}, "\n".join(f"{address}: {line}" for address, lines in found.items() for line in lines)


def test_no_theme_english_is_shown_or_spoken(reports):
    found = {address: sorted(report.english) for address, report in reports.items() if report.english}
    assert found == {}, found


def test_nothing_scrolls_sideways_on_a_phone_but_named_scroll_regions(reports):
    found = {address: report.sideways for address, report in reports.items() if report.sideways}
    assert found == {}, "\n".join(f"{address}: {line}" for address, lines in found.items() for line in lines)
