"""The ``sapat`` MkDocs plugin: maps MkDocs events onto :mod:`sapat.core`, nothing more.

The core loads and checks the project once, writes the generated pages and computes every
link; the plugin logs the core's diagnostics (strict mode fails on them), hands MkDocs the
generated pages, and decorates each page with what the core renders for it.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import cast

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_markdown_title
from mkdocs.utils.templates import TemplateContext

from ..core.diagnostics import Severity
from ..core.i18n.labels import label, nav_badge_titles
from ..core.i18n.languages import SOURCE_LANGUAGE
from ..core.i18n.messages import LOG, InLanguage, Message, choose_language
from ..core.load import load_project
from ..core.model.editions import LATEST, Edition, draft_edition, in_force_has
from ..core.model.links import Location, alternates, edition_root
from ..core.model.project import Project
from ..core.publishing import search
from ..core.publishing.generated import hidden_sidebars, nav_with_sections
from ..core.publishing.generated.audits import COLUMNS, QUESTIONS_CLASS
from ..core.publishing.offline import OFFLINE_SCRIPT, OfflineCopy, offline_notice
from ..core.publishing.page_header import draft_mark, edition_badge, edition_notice
from ..core.publishing.steps import after_build, finish_page
from ..core.runtime import cache
from ..core.sources.repository import Repository
from ..markdown import ChecklistTablesExtension, ReferencesExtension
from .config import SapatConfig

log = get_plugin_logger(__name__)

#: The site folder this process last built into, and the digest of each generated page's text
#: as built there. ``mkdocs serve`` rebuilds in one process, so its dirty rebuild (which renders
#: only modified files) can leave alone the generated pages whose text a save did not change.
#: Each rebuild loads a new plugin, hence a module-level record; one folder's, so it stays as
#: large as one site's generated pages. Not a cache of results: it says what a folder holds.
_last_built: tuple[str, dict[str, str]] = ("", {})


class _GeneratedPage(File):
    """A page sapat writes; for a dirty rebuild it is modified only when its text changed."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed


class SapatPlugin(BasePlugin[SapatConfig]):
    """Validation, references, diagrams, document control and translation notices for one edition."""

    def __init__(self) -> None:
        self.project: Project | None = None
        self.language = SOURCE_LANGUAGE
        #: The language of the messages logged to editors (not the edition's language).
        self.messages = "en"
        self.here = Location(SOURCE_LANGUAGE, "index.md")
        # What is being built: the draft (make serve, and the draft of make site) unless
        # sapat's site builder says otherwise (see publish()).
        self.edition = draft_edition()
        self.version = ""
        self.latest_exists = False
        #: Told (pages built, pages) after each page: sapat's site builder shows the progress.
        self.report_progress: Callable[[int, int], None] | None = None
        self._pages = self._built = 0
        #: The generated pages of this build, recorded in _last_built once the build succeeded.
        self._built_now: dict[str, str] = {}
        #: The checked project to publish from, when sapat's site builder gives it (see publish()).
        self._given: Project | None = None
        #: Material's search worker, which pages are pointed away from to sapat's (core/publishing/search.py).
        self._material_worker: str | None = None
        #: How the edition is built as an offline copy (None: for the site), and its banner.
        self.offline: OfflineCopy | None = None
        self._offline_notice = ""

    def publish(self, edition: Edition, latest_exists: bool, project: Project | None = None,
                offline: OfflineCopy | None = None) -> None:
        """Build ``edition`` as one folder of a versioned web root (``<language>/<version>/``).

        ``latest_exists``: whether an edition is in force that a draft or superseded page can
        lead to. A frozen edition is judged on its approval day: it never says "overdue".
        ``project``: the repository already checked on that day, published without loading it
        again (else :meth:`on_config` loads it).
        ``offline``: built as the edition's offline copy (core/publishing/offline.py).
        """
        self.edition, self.version, self.latest_exists = edition, edition.version, latest_exists
        self._given = project
        self.offline = offline

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:
            return config
        self.language = config.theme["language"]
        self.messages = choose_language(None, os.environ, self.config.messages)
        _log_in_mkdocs(self.messages)
        repository = Repository.from_docs_dir(config.docs_dir)
        given = self._given
        self.project = project = given if given is not None and given.repository.root == repository.root \
            else load_project(repository.root, self.edition.as_of)
        for diagnostic in project.diagnostics:
            (log.error if diagnostic.severity is Severity.ERROR else log.info)(diagnostic.format(self.messages))
        if project.errors() and self.config.stop_on_errors:
            raise PluginError(Message("build.stopped", count=len(project.errors())).render(self.messages))
        # "Edit this page" opens the source file, only when the repository's address is known, and
        # only in the draft: a frozen edition is never edited.
        config.edit_uri = repository.edit_uri(self.language, self.config.edit_branch) \
            if config.repo_url and not self.edition.frozen else None
        config.markdown_extensions.append(ReferencesExtension(  # type: ignore[arg-type]  # MkDocs takes instances too
            resolve=lambda ident: project.clause_link(ident, self.here),
            backlinks=lambda ident: project.backlinks(ident, self.here),
            on_missing=self._missing, backlinks_label=label("backlinks", self.language)))
        config.markdown_extensions.append(ChecklistTablesExtension(QUESTIONS_CLASS, COLUMNS))  # type: ignore[arg-type]
        config.nav = nav_with_sections(config.nav or [], project, self.language)
        config.mdx_configs.setdefault("toc", {})["permalink_title"] = label("permalink", self.language)
        config.extra["status"] = nav_badge_titles(self.language)
        # Material shows the language selector when extra.alternate is set; the links in it
        # come from the core (partials/alternate.html), these lead to each edition's home.
        config.extra["alternate"] = [{"name": name, "lang": code, "link": link}
                                     for code, name, link in alternates(self.location("index.md"))]
        if self.offline is not None:
            # Opened from disk: pages are files, search comes as scripts, no version selector.
            config.use_directory_urls = False
            config.extra["polyfills"] = [OFFLINE_SCRIPT]
            # The header keeps the edition's badge (partials/alternate.html) but no language
            # selector, and the head no alternate links, whose sitemaps Material would fetch.
            config.extra["alternate"] = True
            self.offline = OfflineCopy(self.offline.address, edition_root(self.language, self.version))
            earlier = [edition for edition in project.editions if edition.version < self.version]
            self._offline_notice = offline_notice(self.edition, earlier, self.language, self.offline.address)
        elif self.version:
            # Material's version selector and its banner for editions not in force (mike's layout).
            config.extra["version"] = {"provider": "mike", "default": LATEST}
        return config

    def location(self, page: str) -> Location:
        """A page of the edition being built."""
        return Location(self.language, page, version=self.version, file_urls=self.offline is not None)

    def _missing(self, written: str) -> None:
        page = self.project.languages[self.language].page(self.here.page) if self.project else None
        where = page.display if page else self.here.page
        log.warning(f"{where}: {Message('reference.unknown', written=written).render(self.messages)}")

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.project is not None:
            folder, before = _last_built
            built = before if folder == config.site_dir else {}
            for page in self.project.languages[self.language].generated.values():
                file = cast(_GeneratedPage, _GeneratedPage.generated(config, page.name, content=page.body))
                digest = hashlib.sha256(page.body.encode()).hexdigest()
                file.changed = built.get(page.name) != digest
                self._built_now[page.name] = digest
                files.append(file)
        self._material_worker = search.material_worker(file.src_uri for file in files)
        files.append(File.generated(config, search.WORKER, content=search.worker_script()))
        self._pages, self._built = len(files.documentation_pages()), 0
        return files

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        self._built += 1
        if self.report_progress is not None:
            self.report_progress(self._built, self._pages)
        return output

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.here = self.location(page.file.src_uri)
        page.meta["search"] = {"exclude": True}  # out of Material's index: Pagefind's is searched
        if self.project is not None:
            # Material shows meta "status" as a nav badge: only for pages not in force as approved.
            control = self.project.control(page.file.src_uri)
            if control is not None and control.nav_badge:
                page.meta["status"] = control.nav_badge
            else:
                page.meta.pop("status", None)
            if hidden := hidden_sidebars(page.file.src_uri):
                page.meta["hide"] = hidden
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.project is None:
            return html
        # The theme prints titles unescaped (nav, <title>): a title is text, so escape it once.
        page.meta["title"] = escape(page.title or "", quote=False)
        finished = finish_page(self.project, self.here, self.edition, html)
        # Read by the theme override main.html: the page's own values on every printed sheet.
        page.meta["sapat_print_style"] = finished.print_style
        return finished.html

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        global _last_built
        _last_built = (config.site_dir, self._built_now)
        if self.project is not None:
            after_build(Path(config.site_dir), self.language, config.site_name, self._built == self._pages,
                        self.offline)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """The theme's templates compiled once per machine, not again in every build (see
        :func:`_compiled_templates`). A dirty rebuild (``make serve``) reads only the pages saved
        since the last build, and the nav would name every other page "None": name each as
        MkDocs would have."""
        env.bytecode_cache = _compiled_templates()
        if self.project is not None:
            sources = self.project.languages[self.language]
            for file in files.documentation_pages():
                if file.page is not None and file.page.markdown is None \
                        and (source := sources.page(file.src_uri)) is not None:
                    file.page.title = source.get("title") or get_markdown_title(source.body)
        return env

    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        here = self.location(page.file.src_uri)
        context["sapat_alternates"] = self._alternates(here)  # type: ignore[typeddict-unknown-key]
        context["sapat_offline_notice"] = self._offline_notice  # type: ignore[typeddict-unknown-key]
        context["sapat_edition_notice"] = edition_notice(  # type: ignore[typeddict-unknown-key]
            self.edition, here, self.latest_exists,
            self.project is None or in_force_has(self.project.repository, self.project.editions, self.language,
                                                 here.page))
        context["sapat_edition_badge"] = edition_badge(self.edition, self.language)  # type: ignore[typeddict-unknown-key]
        context["sapat_draft_mark"] = draft_mark(self.edition, self.language)  # type: ignore[typeddict-unknown-key]
        context["sapat_search_worker"] = (self._material_worker, search.WORKER)  # type: ignore[typeddict-unknown-key]
        return context

    def on_template_context(self, context: TemplateContext, *, template_name: str,
                            config: MkDocsConfig) -> TemplateContext:
        context["sapat_alternates"] = self._alternates(self.location("index.md"))  # type: ignore[typeddict-unknown-key]
        return context

    def _alternates(self, here: Location) -> list[tuple[str, str, str]]:
        """The language selector's links; none in an offline copy (the other language is a copy
        of its own, and its banner leads to the site)."""
        return [] if self.offline is not None else alternates(here)


def _compiled_templates() -> BytecodeCache | None:
    """Jinja's compiled templates, kept in sapat's cache (:mod:`sapat.core.runtime.cache`, kind
    ``templates``): compiling Material's templates took a quarter of each language's build. Jinja
    reuses a template's code only while its source and the Python version are the ones it was
    compiled from, so what is kept cannot go stale. None while the cache is off: compiled anew."""
    return _KeptTemplates() if cache.enabled(_KeptTemplates.KIND) else None


class _KeptTemplates(BytecodeCache):
    """Jinja's bytecode cache in sapat's, under Jinja's own key of each template."""

    KIND = "templates"

    def load_bytecode(self, bucket: Bucket) -> None:
        if (data := cache.stored_bytes(self.KIND, bucket.key)) is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        cache.store_bytes(self.KIND, bucket.key, bucket.bytecode_to_string())


class _ToMkDocs(logging.Handler):
    """sapat's log (:data:`~sapat.core.i18n.messages.LOG`: work that fell back from a child, say)
    through MkDocs' own, in the editor's language, where no one else shows it (``mkdocs serve``)."""

    def __init__(self, language: str):
        super().__init__()
        self.setFormatter(InLanguage(language))

    def emit(self, record: logging.LogRecord) -> None:
        log.log(record.levelno, self.format(record))


def _log_in_mkdocs(language: str) -> None:
    """Show sapat's log through MkDocs' in ``language``, unless something shows it already (the
    ``sapat`` command does, on stderr)."""
    mine = [handler for handler in LOG.handlers if isinstance(handler, _ToMkDocs)]
    if mine:
        for handler in mine:
            handler.setFormatter(InLanguage(language))
    elif not LOG.handlers:
        LOG.addHandler(_ToMkDocs(language))
        LOG.setLevel(logging.INFO)
