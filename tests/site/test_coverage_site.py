"""The published ISO 9001 compliance matrix, in both languages."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import elements, resolve_link
from sapat.core.model.editions import DRAFT

# Every clause of ISO 9001:2008 from 4 to 8.5.3, in the standard's order.
ISO_9001_2008 = [
    "4", "4.1", "4.2", "4.2.1", "4.2.2", "4.2.3", "4.2.4",
    "5", "5.1", "5.2", "5.3", "5.4", "5.4.1", "5.4.2",
    "5.5", "5.5.1", "5.5.2", "5.5.3", "5.6", "5.6.1", "5.6.2", "5.6.3",
    "6", "6.1", "6.2", "6.2.1", "6.2.2", "6.3", "6.4",
    "7", "7.1", "7.2", "7.2.1", "7.2.2", "7.2.3",
    "7.3", "7.3.1", "7.3.2", "7.3.3", "7.3.4", "7.3.5", "7.3.6", "7.3.7", "7.4", "7.4.1", "7.4.2", "7.4.3",
    "7.5", "7.5.1", "7.5.2", "7.5.3", "7.5.4", "7.5.5", "7.6",
    "8", "8.1", "8.2", "8.2.1", "8.2.2", "8.2.3", "8.2.4", "8.3", "8.4", "8.5", "8.5.1", "8.5.2", "8.5.3",
]
GAP = {"ky": "чагылдырылган эмес", "ru": "не отражено"}
COLUMNS = ("iso2008", "iso2015", "clauses", "processes", "extent")


@dataclass
class Link:
    attrs: dict[str, str]
    text: str = ""


@dataclass
class Cell:
    text: str = ""
    links: list[Link] = field(default_factory=list)


class _Tables(HTMLParser):
    """The data cells of every table, each with its text and the links inside it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[Cell]]] = []
        self.cell: Cell | None = None
        self.link: Link | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag == "td" and self.tables:
            self.cell = Cell()
            self.tables[-1][-1].append(self.cell)
        elif tag == "a" and self.cell is not None:
            self.link = Link({k: v or "" for k, v in attrs})
            self.cell.links.append(self.link)

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self.cell = None
        elif tag == "a":
            self.link = None

    def handle_data(self, data: str) -> None:
        for part in (self.cell, self.link):
            if part is not None:
                part.text += data


def tables(page: Path) -> list[list[list[Cell]]]:
    """Each table of the page as its rows of data cells (the header row has none)."""
    parser = _Tables()
    parser.feed(page.read_text(encoding="utf-8"))
    return [[row for row in table if row] for table in parser.tables]


def number(cell: Cell) -> str:
    return cell.text.split()[0]


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_matrix_lists_every_2008_clause_with_a_manual_clause_or_a_gap(draft_site, language):
    page = draft_site / language / DRAFT / "iso-9001" / "index.html"
    [matrix] = tables(page)
    assert [number(row[0]) for row in matrix] == ISO_9001_2008
    for row in matrix:
        cells = dict(zip(COLUMNS, row, strict=True))
        references = [a for a in cells["clauses"].links if "sapat-ref" in a.attrs.get("class", "")]
        assert references or cells["extent"].text.strip().startswith(GAP[language]), number(row[0])


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_its_clause_and_process_links_lead_to_their_pages(draft_site, language):
    page = draft_site / language / DRAFT / "iso-9001" / "index.html"
    [matrix] = tables(page)
    edition = (draft_site / language / DRAFT).resolve()
    references = processes = 0
    for row in matrix:
        for cell in row:
            for a in cell.links:
                path, anchor = resolve_link(page, a.attrs["href"])
                assert path.is_file() and path.is_relative_to(edition), a.attrs["href"]
                if "sapat-ref" in a.attrs.get("class", ""):
                    assert anchor == a.text and anchor in {e.attrs.get("id") for e in elements(path)}
                    references += 1
                else:
                    assert path.parent.parent.name == "processes" and a.text.strip()
                    processes += 1
    assert references >= 70 and processes >= 60


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_2015_requirements_are_on_the_criteria_pages_beside_the_editions(draft_site, language):
    page = draft_site / language / DRAFT / "iso-9001" / "index.html"
    [criteria] = [a.attrs["href"] for a in elements(page) if a.tag == "a" and "criteria" in a.attrs.get("href", "")]
    summary, _ = resolve_link(page, criteria)
    assert summary == (draft_site / language / "criteria" / "index.html").resolve()
    [frameworks] = tables(summary)
    assert len(frameworks) == 5 and "2015" in frameworks[2][0].text and frameworks[2][1].text == "2026-12-07"
    for row in frameworks:
        [link] = row[0].links
        framework, _ = resolve_link(summary, link.attrs["href"])
        [requirements] = tables(framework)
        assert int(row[-2].text) == len(requirements) == sum(int(cell.text) for cell in row[2:6])
        for requirement in requirements:
            for cell in requirement:
                for a in cell.links:
                    path, anchor = resolve_link(framework, a.attrs["href"])
                    assert path.is_file() and (not anchor or anchor in {e.attrs.get("id") for e in elements(path)})
