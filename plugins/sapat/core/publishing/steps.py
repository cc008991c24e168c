"""The steps any engine that builds an edition calls, so that the MkDocs plugin is one driver of
the core and another engine (Zensical runs no MkDocs plugin) can be another.

1. **Before the build**: the pages sapat generates (``project.languages[language].generated``)
   and the nav with its sections (:func:`~.generated.nav_with_sections`); the Markdown
   extension (:mod:`sapat.markdown`) resolves ``[[references]]`` while pages are converted.
2. **Each page, after Markdown**: :func:`finish_page`.
3. **After the build**: :func:`after_build`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..diagrams import insert_diagrams
from ..i18n.labels import label
from ..model.editions import Edition
from ..model.links import LinkForm, Location, resolve_site_links
from ..model.project import Project
from . import printing, screens, search
from .not_found import not_found_page
from .offline import OfflineCopy, keep_links_inside, leave_out_what_disk_never_reads, write_search_scripts
from .page_header import page_header, records_lines, under_title
from .pdf import pdf_link
from .sanitise import sanitise


@dataclass(frozen=True)
class FinishedPage:
    """A page's HTML as published, and the style every printed sheet of it carries (the theme
    puts it in the page's head)."""

    html: str
    print_style: str


def finish_page(project: Project, here: Location, edition: Edition, html: str) -> FinishedPage:
    """The HTML Markdown made of page ``here``, as sapat publishes it: its diagrams drawn, the
    records each clause requires under its heading, its header (document control, notices, the
    PDF's link) under the title, wide tables in scroll regions, clause links marked for print,
    and nothing that runs script or loads from another host, whatever got past the check."""
    def link(target: str) -> str | None:
        return project.link(target, here, LinkForm.URL)

    html = insert_diagrams(resolve_site_links(html, here), project.process_model, here.language, link,
                           project.drawings)
    html = records_lines(html, lambda clause: project.record_links(clause, here), here.language)
    html = under_title(html, page_header(project, here, link, edition) + pdf_link(edition, here))
    html = screens.scrollable_tables(html, label("scroll_table", here.language))
    style = printing.page_print_style(project, here.page, here.language, edition.title(here.language))
    return FinishedPage(sanitise(printing.mark_clause_links(html)), style)


def after_build(site_dir: Path, language: str, site_name: str, every_page_built: bool,
                offline: OfflineCopy | None = None) -> None:
    """The edition's own 404 page (the theme's, with relative asset paths, breaks below the top
    folder), and its search index when every page was built (a dirty rebuild, as in
    ``make serve`` after a save, keeps the index of the first build: indexing takes seconds).
    An ``offline`` copy gets its search as scripts, and its links kept inside it."""
    (site_dir / "404.html").write_text(not_found_page({language: site_name}), encoding="utf-8")
    if every_page_built:
        search.write_index(site_dir, language, file_urls=offline is not None)
    if offline is not None:
        write_search_scripts(site_dir)
        leave_out_what_disk_never_reads(site_dir)
        keep_links_inside(site_dir, offline.root, offline.address)
