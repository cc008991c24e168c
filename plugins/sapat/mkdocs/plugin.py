"""The ``sapat`` MkDocs plugin: loads and checks the project once, then decorates pages.

All logic lives in :mod:`sapat.core`; this module only maps MkDocs events onto it.
"""

from __future__ import annotations

import posixpath

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from ..core import render
from ..core.clauses import backlink_targets, clause_targets
from ..core.diagnostics import Severity
from ..core.labels import label
from ..core.layout import SOURCE_LANGUAGE, Layout, edition_url
from ..core.project import Project, TranslationState, load_project_cached
from ..markdown import ReferencesExtension
from .config import SapatConfig

log = get_plugin_logger(__name__)

GENERATORS = {
    "register.md": render.register_page,
    "glossary.md": render.glossary_page,
    "translation-status.md": render.translation_status_page,
}


class SapatPlugin(BasePlugin[SapatConfig]):
    """Validation, references, document control and translation notices for one edition."""

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
        return config

    def on_files(self, files: Files, *, config) -> Files:
        if self.project is None:
            return files
        for name, generate in GENERATORS.items():
            files.append(File.generated(config, name, content=generate(self.project, self.language)))
        return files

    def on_page_markdown(self, markdown, *, page, config, files):
        self.current_page = page.file.src_uri
        if self.project is not None:
            # Material reads meta "status" as a nav badge: show drafts and superseded pages
            # (in both editions), not the normal approved state.
            control = self.project.control(page.file.src_uri)
            shown = control.shown_status if control else None
            if shown in ("draft", "superseded"):
                page.meta["status"] = shown
            else:
                page.meta.pop("status", None)
        return markdown

    def on_page_content(self, html, *, page, config, files):
        if self.project is None:
            return html
        name = page.file.src_uri
        control = self.project.control(name)
        if control is None:
            return html
        block = render.control_block(control, self.project, self.language)
        if self.language != SOURCE_LANGUAGE and \
                self.project.translation_state(name, self.language) is TranslationState.STALE:
            block += render.stale_notice(edition_url(page.url, SOURCE_LANGUAGE), self.language)
        head, separator, rest = html.partition("</h1>")
        return head + separator + block + rest if separator else block + html
