"""A page of the current area and how it is written: standalone (its own style, no asset), with
the way home, and the day it is true as of."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path

from ...i18n.labels import label
from ...i18n.languages import LANGUAGES
from ...load import load_sources
from ...model.editions import DRAFT, Edition, edition_sources
from ...model.links import LinkForm, Location, href
from ...model.project import Project
from ..not_found import standalone_page
from ..page_header import under_title
from ..screens import scrollable_tables


@dataclass(frozen=True)
class CurrentPage:
    """One page of the current area: its folder below the language's web root, its title, and
    the HTML of its main part; ``up`` is the page a reader goes back to (its folder, or None
    for the language's home)."""

    folder: str
    title: str
    main: str
    up: tuple[str, str] | None = None


@dataclass(frozen=True)
class CurrentFile:
    """A file of the current area that is no page (a spreadsheet), by its path there."""

    path: str
    content: bytes


def html_table(headers: list[str], rows: list[list[str]]) -> str:
    """A table of the current area: ``headers`` are text, the cells of ``rows`` are HTML."""
    head = "".join(f'<th scope="col">{escape(header)}</th>' for header in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def html_link(url: str, text: str) -> str:
    """A link whose address and text are escaped."""
    return f'<a href="{escape(url)}">{escape(text)}</a>'


#: What a cell of the current area's tables shows when there is nothing to show.
NOTHING = "—"


def clause_links(project: Project, clauses: Iterable[str], here: Location) -> str:
    """Links to ``clauses`` in the draft, from the page at ``here``; the ones the manual lacks
    are left out (the check reports them)."""
    known = project.languages[here.language].index.clauses
    draft = Location(here.language, "", version=DRAFT)
    links = [html_link(href(location, here, LinkForm.URL), known[ident].label) for ident in clauses
             if ident in known and (location := project.locate(f"clause:{ident}", draft)) is not None]
    return ", ".join(links) or NOTHING


def released_sources(project: Project, edition: Edition) -> Project | None:
    """The sources ``edition`` was released from, read but not checked again (they were checked
    on its day); None when they are not kept. The edition in force's are the ones the check read
    (``project.base``): each language's pages asked for them, and reading them again was 80 ms of
    each build."""
    folder = edition_sources(project.repository, project.editions, edition.version)
    if folder is None or not folder.is_dir():
        return None
    if edition is project.editions[-1] and project.base is not None:
        return project.base
    return load_sources(folder, project.today)


#: What makes the pages (and files) of one kind, in one language.
PageMaker = Callable[[Project, str], Iterable[CurrentPage | CurrentFile]]


def write_current_area(project: Project, makers: Iterable[PageMaker], root: Path, language: str) -> list[Path]:
    """Every page of ``makers`` in ``language``, as a standalone page (its own style, no asset)
    at ``root/<folder>/index.html``, and every file at ``root/<path>``; the paths written."""
    site_title = LANGUAGES[language].site_title
    written = []
    for make in makers:
        for page in make(project, language):
            if isinstance(page, CurrentFile):
                path = root / page.path
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(page.content)
                written.append(path)
                continue
            depth = page.folder.count("/") + 1
            home = "../" * depth
            trail = [f'<a href="{home}">{escape(site_title)}</a>']
            if page.up:
                folder, title = page.up
                trail.append(f'<a href="{home}{folder}/">{escape(title)}</a>')
            as_of = f'<p class="as-of">{escape(label("current.as_of", language, date=project.today.isoformat()))}</p>'
            main = under_title(scrollable_tables(page.main, label("scroll_table", language)), as_of)
            path = root / page.folder / "index.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(standalone_page(language, f"{page.title} – {site_title}", " › ".join(trail),
                                            main, wide=True), encoding="utf-8")
            written.append(path)
    return written


__all__ = ["NOTHING", "CurrentFile", "CurrentPage", "PageMaker", "clause_links", "html_link", "html_table",
           "released_sources", "write_current_area"]
