"""No English where a reader looks: every built page of both editions, in text and attributes."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import ROOT, english_in, html_pages, reader_text, theme_english

#: Attributes a browser shows as a tooltip or a screen reader speaks.
SPOKEN = ("title", "aria-label", "aria-description", "aria-roledescription", "aria-valuetext",
          "placeholder", "alt", "label")
LATIN_WORD = re.compile(r"[A-Za-z]+")


def editions(site: Path) -> dict[str, list[Path]]:
    pages = {language: html_pages(site / language) for language in ("ky", "ru")}
    pages["root"] = [site / "404.html"]
    return pages


def test_theme_english_is_found_inside_a_text_not_across_two():
    patterns = theme_english()
    assert english_in(["Бетке өтүү", "Back to top!"], patterns) == {"Back to top"}
    assert english_in(["Back to", "top"], patterns) == set()
    assert english_in(["Searching"], patterns) == set()  # a whole word only


def test_no_theme_english_on_any_page_of_either_edition(draft_site):
    patterns = theme_english()
    assert {"Permanent link", "Search", "Back to top", "404 - Not found"} <= set(patterns)
    found = {}
    for edition, pages in editions(draft_site).items():
        assert pages, edition
        for page in pages:
            if english := english_in(reader_text(page), patterns):
                found[page.relative_to(draft_site).as_posix()] = sorted(english)
    assert found == {}, f"theme English on {len(found)} pages: {found}"


class _Spoken(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.values: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.values += [value for name, value in attrs if name in SPOKEN and value]


def manual_latin_words() -> set[str]:
    """Latin words the manual's own text uses (ISO, PDCA, SMART...): those may be shown."""
    return {word for path in (ROOT / "manual").rglob("*.md")
            for word in LATIN_WORD.findall(path.read_text(encoding="utf-8"))}


@pytest.mark.parametrize("edition", ("ky", "ru", "root"))
def test_tooltips_and_labels_carry_no_english_that_the_manual_does_not(draft_site, edition):
    allowed = manual_latin_words()
    found = {}
    for page in editions(draft_site)[edition]:
        parser = _Spoken()
        parser.feed(page.read_text(encoding="utf-8"))
        foreign = {value for value in parser.values if set(LATIN_WORD.findall(value)) - allowed}
        if foreign:
            found[page.relative_to(draft_site).as_posix()] = sorted(foreign)[:5]
    assert found == {}, found
