"""The ``sapat`` MkDocs plugin: maps MkDocs events onto :mod:`sapat.core`, nothing more.

The core loads and checks the project once, writes the generated pages and computes every
link; the plugin logs the core's diagnostics (strict mode fails on them), hands MkDocs the
generated pages, and decorates each page with what the core renders for it.
"""

from __future__ import annotations

from html import escape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from ..core import search
from ..core.diagnostics import Severity
from ..core.diagrams import insert_diagrams
from ..core.editions import draft_edition
from ..core.generated import nav_with_process_pages
from ..core.labels import label, nav_badge_titles
from ..core.languages import SOURCE_LANGUAGE
from ..core.links import LinkForm, Location, alternates
from ..core.page_header import page_header, under_title
from ..core.pdf import pdf_link
from ..core.project import Project, load_project_cached
from ..core.repository import Repository
from ..markdown import ReferencesExtension
from .config import SapatConfig

log = get_plugin_logger(__name__)


class SapatPlugin(BasePlugin[SapatConfig]):
    """Validation, references, diagrams, document control and translation notices for one edition."""

    def __init__(self) -> None:
        self.project: Project | None = None
        self.language = SOURCE_LANGUAGE
        self.here = Location(SOURCE_LANGUAGE, "index.md")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:
            return config
        self.language = config.theme["language"]
        self.project = project = load_project_cached(Repository.from_docs_dir(config.docs_dir).root)
        for diagnostic in project.diagnostics:
            (log.error if diagnostic.severity is Severity.ERROR else log.info)(diagnostic.format())
        if project.errors() and self.config.stop_on_errors:
            raise PluginError(f"{len(project.errors())} error(s) in the manual's sources; "
                              "nothing was built (run 'make check' to see them again)")
        config.markdown_extensions.append(ReferencesExtension(  # type: ignore[arg-type]  # MkDocs takes instances too
            resolve=lambda ident: project.clause_link(ident, self.here),
            backlinks=lambda ident: project.backlinks(ident, self.here),
            on_missing=self._missing, backlinks_label=label("backlinks", self.language)))
        config.nav = nav_with_process_pages(config.nav or [], project, self.language)
        config.extra["status"] = nav_badge_titles(self.language)
        # Material shows the language selector when extra.alternate is set; the links in it
        # come from the core (partials/alternate.html), these lead to each edition's home.
        config.extra["alternate"] = [{"name": name, "lang": code, "link": link}
                                     for code, name, link in alternates(Location(self.language, "index.md"))]
        return config

    def _missing(self, written: str) -> None:
        page = self.project.languages[self.language].page(self.here.page) if self.project else None
        where = page.display if page else self.here.page
        log.warning(f"{where}: reference [[{written}]] points to no clause")

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.project is not None:
            for page in self.project.languages[self.language].generated.values():
                files.append(File.generated(config, page.name, content=page.body))
        for path, script in search.lunr_language_files(self.language).items():
            files.append(File.generated(config, path, content=script))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.here = Location(self.language, page.file.src_uri)
        if self.project is not None:
            # Material shows meta "status" as a nav badge: only for pages not in force as approved.
            control = self.project.control(page.file.src_uri)
            if control is not None and control.nav_badge:
                page.meta["status"] = control.nav_badge
            else:
                page.meta.pop("status", None)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.project is None:
            return html
        # The theme prints titles unescaped (nav, <title>): a title is text, so escape it once.
        page.meta["title"] = escape(page.title or "", quote=False)
        project, here = self.project, self.here

        def link(target: str) -> str | None:
            return project.link(target, here, LinkForm.URL)

        html = insert_diagrams(html, project.process_model, self.language, link)
        return under_title(html, page_header(project, here, link) + pdf_link(draft_edition(), here))

    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        context["sapat_alternates"] = alternates(Location(self.language, page.file.src_uri))  # type: ignore[typeddict-unknown-key]
        return context

    def on_template_context(self, context: TemplateContext, *, template_name: str,
                            config: MkDocsConfig) -> TemplateContext:
        context["sapat_alternates"] = alternates(Location(self.language, "index.md"))  # type: ignore[typeddict-unknown-key]
        return context
