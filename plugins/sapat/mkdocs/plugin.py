"""The ``sapat`` MkDocs plugin: loads and checks the project once, then decorates pages.

All logic lives in :mod:`sapat.core`; this module only maps MkDocs events onto it.
"""

from __future__ import annotations

import posixpath
from html import escape
from pathlib import Path
from typing import Callable

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..core import printing, process_pages, render, screens
from ..core.clauses import backlink_targets, clause_targets
from ..core.diagnostics import Severity
from ..core.diagrams import PLACEHOLDER, render_placeholder
from ..core.diagrams.interaction import flow_order
from ..core.labels import label
from ..core.layout import PROCESS_PAGES, SOURCE_LANGUAGE, Layout
from ..core.not_found import not_found_page
from ..core.project import Project, load_project_cached
from ..markdown import ReferencesExtension
from .config import SapatConfig

log = get_plugin_logger(__name__)

GENERATORS: dict[str, Callable[[Project, str], str]] = {
    "register.md": render.register_page,
    "glossary.md": render.glossary_page,
    "translation-status.md": render.translation_status_page,
    "objectives.md": lambda project, language: process_pages.objectives_markdown(project.processes, language),
    f"{PROCESS_PAGES}/index.md": lambda project, language: process_pages.processes_index_markdown(
        project.processes, language),
}


class SapatPlugin(BasePlugin[SapatConfig]):
    """Validation, references, diagrams, document control and translation notices for one edition."""

    def __init__(self):
        self.project: Project | None = None
        self.language = SOURCE_LANGUAGE
        self.current_page = ""
        self.targets: dict = {}
        self.backlinks: dict = {}

    def on_config(self, config):
        if not self.config.enabled:
            return config
        layout = Layout.from_docs_dir(config.docs_dir)
        self.language = config.theme["language"]
        self.project = project = load_project_cached(layout.root)
        for diagnostic in project.diagnostics:
            (log.error if diagnostic.severity is Severity.ERROR else log.info)(diagnostic.format())
        if project.errors() and self.config.stop_on_errors:
            raise PluginError(f"{len(project.errors())} error(s) in the manual's sources; "
                              "nothing was built (run 'make check' to see them again)")
        edition = project.editions[self.language]
        prefix = layout.display(layout.docs_dir(self.language))
        self.targets = clause_targets(edition.index, lambda path: posixpath.relpath(path, prefix))
        self.backlinks = backlink_targets(edition.index, self.targets)
        config.markdown_extensions.append(ReferencesExtension(
            lookup=self.targets.get, backlinks=lambda ident: self.backlinks.get(ident, ()),
            current_page=lambda: self.current_page,
            backlinks_label=label("backlinks", self.language)))
        config.nav = self._with_process_pages(config.nav)
        config.mdx_configs.setdefault("toc", {})["permalink_title"] = label("permalink", self.language)
        return config

    def _with_process_pages(self, nav: list) -> list:
        """The nav entry ``processes/index.md`` becomes a section with every process page."""
        index = f"{PROCESS_PAGES}/index.md"
        if self.project is None or self.project.processes is None or index not in (nav or []):
            return nav
        pages = [index] + [f"{PROCESS_PAGES}/{pid}.md" for pid in flow_order(self.project.processes)]
        section = {label("processes", self.language): pages}
        return [section if item == index else item for item in nav]

    def on_files(self, files: Files, *, config) -> Files:
        if self.project is None:
            return files
        for name, generate in GENERATORS.items():
            files.append(File.generated(config, name, content=generate(self.project, self.language)))
        for pid in self.project.processes.processes:
            files.append(File.generated(config, f"{PROCESS_PAGES}/{pid}.md",
                                        content=process_pages.process_page_markdown(
                                            self.project.processes, pid, self.language)))
        return files

    def on_page_markdown(self, markdown, *, page, config, files):
        self.current_page = page.file.src_uri
        if self.project is not None:
            # Material reads meta "status" as a nav badge: show drafts and superseded pages
            # (in both editions), not the normal approved state.
            control = self.project.control(page.file.src_uri)
            badge = control.nav_badge if control else None
            if badge:
                page.meta["status"] = badge
            else:
                page.meta.pop("status", None)
            if hidden := screens.hidden_sidebars(page.file.src_uri):
                page.meta["hide"] = hidden
        return markdown

    def on_page_content(self, html, *, page, config, files):
        if self.project is None:
            return html
        # The theme prints titles unescaped (nav, <title>): a title is text, so escape it once.
        page.meta["title"] = escape(page.title or "", quote=False)
        href = self._href(page, files)
        html = PLACEHOLDER.sub(lambda m: render_placeholder(
            m.group("name"), self.project.processes, self.language, href) or m.group(0), html)
        header = render.page_header(self.project, page.file.src_uri, self.language, page.url, href)
        # read by the theme override main.html: the page's own values on every printed sheet
        page.meta["sapat_print_style"] = printing.page_print_style(
            self.project, page.file.src_uri, self.language)
        html = render.under_title(html, header)
        html = screens.scrollable_tables(html, label("scroll_table", self.language))
        return printing.mark_clause_links(html)

    def on_post_build(self, *, config):
        if self.project is not None:
            # replaces the theme's 404, whose relative asset paths break below the top folder
            Path(config.site_dir, "404.html").write_text(
                not_found_page({self.language: config.site_name}), encoding="utf-8")

    def _href(self, page: Page, files: Files) -> Callable[[str], str | None]:
        """Links from ``page`` for diagrams: "clause:7.3.1" or "process:<id>" to a URL."""
        def href(target: str) -> str | None:
            kind, _, ident = target.partition(":")
            if kind == "clause" and ident in self.targets:
                path, anchor = self.targets[ident].page, "#" + self.targets[ident].anchor
            elif kind == "process":
                path, anchor = f"{PROCESS_PAGES}/{ident}.md", ""
            else:
                return None
            file = files.get_file_from_path(path)
            return get_relative_url(file.url, page.url) + anchor if file else None
        return href
