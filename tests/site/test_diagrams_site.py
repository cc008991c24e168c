"""Appendix 1, Appendix 2 and the process maps in the built site: inline SVG with working links."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from helpers import elements, resolve_link, sapat
from sapat.core.model.editions import DRAFT

FIGURES = {"appendix-1": "appendix-1", "appendix-2": "appendix-2", "interaction": "processes"}


def diagrams(page) -> list[str]:
    """The inline SVG diagrams of a page (theme icons are SVG too, but have no role)."""
    html = page.read_text(encoding="utf-8")
    return [chunk.split("</svg>", 1)[0] for chunk in html.split("<svg")[1:]
            if 'role="group"' in chunk.split(">", 1)[0]]


def svg_links(page):
    """How many diagrams the page has, and every link inside them."""
    found = diagrams(page)
    return len(found), [part.split('"', 1)[0] for svg in found for part in svg.split('href="')[1:]]


@pytest.mark.parametrize("language", ("ky", "ru"))
@pytest.mark.parametrize("figure", FIGURES)
def test_each_diagram_is_inline_svg_with_at_least_four_working_links(draft_site, language, figure):
    page = draft_site / language / DRAFT / FIGURES[figure] / "index.html"
    svgs, links = svg_links(page)
    assert svgs >= 1
    assert len(links) >= 4
    for href in links:
        path, anchor = resolve_link(page, href)
        assert path.is_file(), f"{href} on {page} is dead"
        if anchor:
            assert anchor in {e.attrs.get("id") for e in elements(path)}, f"{href} on {page}"
    for svg in diagrams(page):
        assert "<title" in svg and "<desc" in svg and "<script" not in svg


@pytest.mark.parametrize("language", ("ky", "ru"))
@pytest.mark.parametrize("appendix", ("appendix-1", "appendix-2"))
def test_an_appendix_says_its_caption_once_as_the_caption_of_its_figure(draft_site, language, appendix):
    """The scan kept only each figure's legend and caption; they belong to the drawn figure."""
    article = (draft_site / language / DRAFT / appendix / "index.html").read_text(encoding="utf-8")
    article = article.split("<article", 1)[1].split("</article>", 1)[0]
    caption = article.split("<figcaption", 1)[1].split(">", 1)[1].split("</figcaption>", 1)[0]
    assert len(caption) > 5
    outside_the_drawing = re.sub(r"<svg.*?</svg>", "", article, flags=re.S)  # its <title> names it too
    assert outside_the_drawing.count(caption) == 1


def test_every_process_page_has_its_map_and_no_dead_diagram_link(draft_site):
    pages = sorted((draft_site / "ky" / DRAFT / "processes").glob("*/index.html"))
    assert len(pages) >= 15
    for page in pages:
        svgs, links = svg_links(page)
        assert svgs == 1, page
        for href in links:
            assert resolve_link(page, href)[0].is_file(), f"{href} on {page}"


def test_yaml_text_is_escaped_in_the_published_diagram(repo):
    path = repo / "processes/purchasing.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "ky: Сатып алуулар", 'ky: "Сатып <script>alert(1)</script> алуулар"', 1), encoding="utf-8")
    run = sapat(repo, "build")
    assert run.returncode == 0, run.output
    for page in (repo / "site/ky/draft/processes/index.html", repo / "site/ky/draft/processes/purchasing/index.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html
        assert "&lt;script&gt;alert(1)" in html


@pytest.mark.parametrize("language, not_measurable", [("ky", "ченелбейт"), ("ru", "пока не измерима")])
def test_the_objectives_register_marks_what_cannot_be_measured_yet(draft_site, language, not_measurable):
    rows = [e for e in elements(draft_site / language / DRAFT / "objectives" / "index.html") if e.tag == "tr"][1:]
    assert len(rows) == 5  # the five objectives of 2.2, none invented
    assert all(not_measurable in row.text for row in rows)


class _Table(HTMLParser):
    """The rows of a page's matrix table: each a list of (tag, attributes, text, links) cells."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows: list[list[tuple[str, dict, str, list[str]]]] = []
        self.cell: tuple[str, dict, list[str], list[str]] | None = None
        self.inside = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "div" and "sapat-matrix" in (attributes.get("class") or "").split():
            self.inside = True
        elif self.inside and tag == "tr":
            self.rows.append([])
        elif self.inside and tag in ("th", "td"):
            self.cell = (tag, attributes, [], [])
        elif self.cell and tag == "a":
            self.cell[3].append(attributes["href"])

    def handle_endtag(self, tag):
        if self.inside and tag in ("th", "td") and self.cell:
            name, attributes, text, links = self.cell
            self.rows[-1].append((name, attributes, "".join(text).strip(), links))
            self.cell = None
        elif tag == "table":
            self.inside = False

    def handle_data(self, data):
        if self.cell:
            self.cell[2].append(data)


@pytest.mark.parametrize("language, title", [("ky", "Процесстердин өз ара карым-катнаш матрицасы"),
                                             ("ru", "Матрица взаимодействия процессов")])
def test_the_interaction_matrix_page_shows_every_hand_over_with_working_links(draft_site, language, title):
    page = draft_site / language / DRAFT / "interaction-matrix" / "index.html"
    found = elements(page)
    assert [e.text.strip() for e in found if e.tag == "h1"][0].startswith(title)
    region = next(e for e in found if e.tag == "div" and "sapat-scroll" in e.attrs.get("class", ""))
    assert region.attrs["role"] == "region" and region.attrs["tabindex"] == "0" and region.attrs["aria-label"]
    table = _Table()
    table.feed(page.read_text(encoding="utf-8"))
    rows = [row for row in table.rows if any(attrs.get("scope") == "row" for _, attrs, _, _ in row)]
    assert len(rows) == 17, "every process hands over in a row of its own"
    filled = [cell for row in rows for cell in row if cell[0] == "td" and cell[2]]
    assert len(filled) == 36, "each of the 36 hand-overs in one cell"
    for _, _, text, links in filled:
        assert links, f"the clause of {text!r} is a link"
    for row in table.rows:
        for _, _, _, links in row:
            for href in links:
                path, anchor = resolve_link(page, href)
                assert path.is_file(), f"{href} on {page} is dead"
                if anchor:
                    assert anchor in {e.attrs.get("id") for e in elements(path)}, href
    index = draft_site / language / DRAFT / "processes" / "index.html"
    assert "../interaction-matrix/" in {e.attrs.get("href") for e in elements(index) if e.tag == "a"}, \
        "the map's page leads to the matrix, in the text and in the nav"
