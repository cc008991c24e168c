"""The whole manual, loaded once and checked as a whole.

``load_project`` reads every page of every language, the glossary and the process data,
writes the generated pages, and returns a :class:`Project` together with every diagnostic
of the run. ``sapat check`` prints those diagnostics; the MkDocs plugin logs them and
publishes from the same object, so the check and the build cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from . import cache, checks
from .background import Background
from .control import DocumentControl, TranslationState, lagging_clauses, translation_state
from .coverage import Coverage, load_coverage
from .data_files import Schemas, read_data_file
from .diagnostics import Diagnostic, Severity, SourceError, sort_key
from .diagrams import LaidOut, diagram_names, lay_out
from .diagrams.interaction import KIND as INTERACTION
from .diagrams.interaction import Arrangement, adopt_arrangement, arrangement
from .editions import LATEST, Edition, edition_sources, load_editions
from .generated import generate_pages, process_page
from .glossary import Term
from .languages import LANGUAGES, SOURCE_LANGUAGE
from .links import LinkForm, LinkTarget, Location, clause_target, href
from .metadata import keep_verdicts
from .pages import LanguagePages, Page, ReadPages, read_page
from .processes import ProcessModel, load_process_model
from .repository import Nav, Repository, read_nav
from .roles import Roles


@dataclass
class Project:
    """The loaded repository: every language's pages, the process data, the glossary, the ISO
    9001 coverage."""

    repository: Repository
    today: dt.date
    languages: dict[str, LanguagePages] = field(default_factory=dict)
    terms: list[Term] = field(default_factory=list)
    nav: Nav | None = None  # None: mkdocs.yml could not be read (already reported)
    process_model: ProcessModel = field(default_factory=ProcessModel)
    #: The frozen editions, oldest first (manual/editions/editions.yml).
    editions: list[Edition] = field(default_factory=list)
    #: The sources of the edition in force, loaded: what the changes page compares against.
    base: Project | None = None
    coverage: Coverage = field(default_factory=Coverage)
    #: The diagrams the check laid out, for the pages to draw (by name and language).
    drawings: LaidOut = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def source(self) -> LanguagePages:
        """The pages of the approved text (Kyrgyz)."""
        return self.languages[SOURCE_LANGUAGE]

    @property
    def roles(self) -> Roles:
        return self.process_model.roles

    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    def control(self, name: str) -> DocumentControl | None:
        """Document control of page ``name``: always the source page's metadata."""
        page = self.source.files.get(name)
        if page is None or not page.valid or not page.controlled:
            return None
        return DocumentControl.of(page, self.today)

    def in_nav_order(self, names: Iterable[str]) -> list[str]:
        """``names`` in the order of the navigation, as a reader and the PDF meet the pages (the
        title page, ЖАМУ-СМС-00, first); a name the navigation lacks (the check reports it) after
        them, by name."""
        position = {entry.page: index for index, entry in enumerate(self.nav.entries if self.nav else ())}
        return sorted(names, key=lambda name: (position.get(name, len(position)), name))

    def translation_state(self, name: str, language: str) -> TranslationState:
        """Whether ``language``'s page ``name`` translates the current source text."""
        if language == SOURCE_LANGUAGE:
            return TranslationState.CURRENT
        return translation_state(self.source.files.get(name), self.languages[language].files.get(name))

    def lagging_clauses(self, name: str, language: str) -> list[str]:
        """The clauses of page ``name`` that changed since it was translated into ``language``."""
        original, translation = self.source.files.get(name), self.languages[language].files.get(name)
        return lagging_clauses(original, translation) if original and translation else []

    def locate(self, target: str, here: Location) -> Location | None:
        """Where a symbolic target is in the edition of ``here``: ``clause:7.3.1``,
        ``process:internal-audit`` or ``page:04-qms.md``; None when it does not exist."""
        kind, _, ident = target.partition(":")
        pages = self.languages[here.language]
        if kind == "clause" and (clause := pages.index.clauses.get(ident)):
            return replace(here, page=pages.by_display[clause.page].name, anchor=ident)
        if kind == "process" and ident in self.process_model.processes:
            return replace(here, page=process_page(ident), anchor="")
        if kind == "page" and pages.page(ident):
            return replace(here, page=ident, anchor="")
        return None

    def link(self, target: str, here: Location, form: LinkForm) -> str | None:
        """The link from ``here`` to a symbolic target of the same language (None if unknown)."""
        location = self.locate(target, here)
        return href(location, here, form) if location else None

    def clause_link(self, ident: str, here: Location, form: LinkForm = LinkForm.SOURCE) -> LinkTarget | None:
        """The link from ``here`` to clause ``ident``, with the clause's number and title."""
        clause = self.languages[here.language].index.clauses.get(ident)
        location = self.locate(clause_target(ident), here)
        if clause is None or location is None:
            return None
        return LinkTarget(href(location, here, form), clause.label, clause.heading)

    def backlinks(self, ident: str, here: Location) -> list[LinkTarget]:
        """Links to the clauses whose text refers to clause ``ident``."""
        index = self.languages[here.language].index
        return [link for clause in index.referring_clauses(ident)
                if (link := self.clause_link(clause.id, here)) is not None]

    def file_page(self, path: Path) -> Page | None:
        """The page read from ``path``, in whichever language."""
        path = path.resolve()
        return next((page for pages in self.languages.values() for page in pages.files.values()
                     if page.path is not None and page.path.resolve() == path), None)


_cache: dict[tuple[Path, bool], tuple[tuple, Project]] = {}


def load_project_cached(root: Path, today: dt.date | None = None, checked: bool = True) -> Project:
    """``load_project`` (or with ``checked=False`` ``load_sources``), reused while no source file
    changed: one build loads it for the check and for every edition; ``mkdocs serve`` reloads
    only after an edit."""
    repository = Repository(root.resolve())
    day = today or dt.date.today()
    stamp = (day,) + tuple((str(path), path.stat().st_mtime_ns, path.stat().st_size)
                           for path in repository.sources())
    key = (repository.root, checked)
    cached = _cache.get(key)
    if cached is None or cached[0] != stamp:
        _cache[key] = (stamp, (load_project if checked else load_sources)(repository.root, day))
    return _cache[key][1]


@dataclass(frozen=True)
class DiagramCheck:
    """What checking the diagrams found, what it drew, and the interaction map's arrangement."""

    diagnostics: list[Diagnostic]
    drawings: LaidOut
    arrangement: Arrangement | None


def _check_diagrams(repository: Repository, model: ProcessModel) -> Callable[[], tuple[list[Diagnostic], LaidOut]]:
    """Start laying out and checking every diagram, beside the rest of the check where other
    cores can take it (:mod:`.background`): the interaction map, whose arrangement is a search
    of its own, and the other diagrams at the same time. Their result depends on the process
    data and its schemas alone, which seldom change between two checks: it is kept (:mod:`.cache`).
    The function returned gives the diagnostics and the scenes, and leaves the map's
    arrangement where the generated pages will look for it."""
    sources = [*sorted(repository.processes.rglob("*.yml")), *sorted(repository.schemas.glob("*.json"))]
    key = cache.key("diagrams", (part for path in sources
                                 for part in (repository.display(path).encode(), path.read_bytes())))
    stored = cache.load(key)
    if isinstance(stored, DiagramCheck):
        return partial(_adopted, model, stored)
    others = [name for name in diagram_names(model) if name != INTERACTION]
    interaction_map = Background(partial(_interaction_laid_out, model))
    other_diagrams = Background(partial(lay_out, model, others))

    def result() -> tuple[list[Diagnostic], LaidOut]:
        (diagnostics, scenes), found = interaction_map.result()
        other_diagnostics, other_scenes = other_diagrams.result()
        checked = DiagramCheck(diagnostics + other_diagnostics, {**scenes, **other_scenes}, found)
        cache.store(key, checked)
        return _adopted(model, checked)
    return result


def _adopted(model: ProcessModel, checked: DiagramCheck) -> tuple[list[Diagnostic], LaidOut]:
    if checked.arrangement is not None:
        adopt_arrangement(model, checked.arrangement)
    return checked.diagnostics, checked.drawings


def _interaction_laid_out(model: ProcessModel) -> tuple[tuple[list[Diagnostic], LaidOut], Arrangement | None]:
    """The interaction map laid out and checked, and the arrangement that drawing it needed."""
    return lay_out(model, [INTERACTION]), arrangement(model) if model.processes else None


def load_sources(root: Path, today: dt.date | None = None) -> Project:
    """The pages and process data, their clauses resolved, and nothing checked beyond what
    tells a valid page from an invalid one: all a comparison needs of the edition in force,
    whose own checks ran when it was released."""
    repository = Repository(root.resolve())
    project = Project(repository, today or dt.date.today())
    if _links_outside(project):
        return project
    schemas = Schemas(repository.schemas)
    project.process_model, _ = load_process_model(repository, schemas)
    _read_pages(project, schemas)
    for pages in project.languages.values():
        pages.index.resolve()
    project.diagnostics.clear()
    keep_verdicts()
    return project


def load_project(root: Path, today: dt.date | None = None) -> Project:
    """Read and check everything; the result carries all diagnostics, sorted by file and line."""
    repository = Repository(root.resolve())
    project = Project(repository, today or dt.date.today())
    if _links_outside(project):
        return project
    report = project.diagnostics
    schemas = Schemas(repository.schemas)
    glossary = read_data_file(repository.manual / "glossary.yml", "manual/glossary.yml",
                              schemas.schema("glossary.schema.json"), report)
    project.terms = [Term.from_yaml(entry) for entry in glossary.value["terms"]] if glossary else []
    try:
        project.nav = read_nav(repository.mkdocs_yml)
    except SourceError as exc:
        report.append(exc.diagnostic)
    project.process_model, problems = load_process_model(repository, schemas)
    report.extend(problems)
    diagrams = _check_diagrams(repository, project.process_model)
    project.editions = load_editions(repository, schemas, report)
    if (base := edition_sources(repository, project.editions, LATEST)) is not None and base.is_dir():
        project.base = load_project_cached(base, project.today, checked=False)
    project.coverage, problems = load_coverage(repository, schemas, project.process_model)
    report.extend(problems)
    _read_pages(project, schemas)
    for pages in project.languages.values():
        pages.index.resolve()  # the manual's own clauses, for the pages that show them (changes)
    diagram_problems, project.drawings = diagrams()
    for language, pages in project.languages.items():
        for page in generate_pages(project, language):
            pages.add(page)
        report.extend(pages.index.resolve())
    report.extend(checks.references(project))
    report.extend(checks.critic_marks(project))
    report.extend(checks.data_clauses(project))
    report.extend(checks.links(project))
    report.extend(diagram_problems)
    report.extend(checks.document_codes(project.source))
    report.extend(checks.navigation(project))
    report.extend(checks.long_nav_levels(project))
    report.extend(checks.guide_pages(project))
    report.extend(checks.translations(project))
    report.extend(checks.frozen_editions(project))
    project.diagnostics.sort(key=sort_key)
    keep_verdicts()
    return project


def _links_outside(project: Project) -> bool:
    """Whether a source is a symbolic link out of the repository. Then the check reads nothing
    at all: no file is read through such a link, and the build stops on its errors, so nothing
    is published through it either. Every language is there, with no page."""
    if outside := project.repository.links_outside():
        project.diagnostics += outside
        project.languages = {language: LanguagePages(language) for language in LANGUAGES}
    return bool(outside)


def _read_pages(project: Project, schemas: Schemas) -> None:
    """Every Markdown file of every language, its front matter checked against its schema.
    Generated pages show document control and translation state: the files' metadata is
    checked first, and a page whose metadata is wrong is left out of them. Each translation is
    read beside the source, in a forked process where another core can take it (:mod:`.background`)."""
    translations = {language: Background(partial(_read_language, project, schemas, language))
                    for language in LANGUAGES if language != SOURCE_LANGUAGE}
    read = {SOURCE_LANGUAGE: _read_language(project, schemas, SOURCE_LANGUAGE)}
    read.update((language, reading.result()) for language, reading in translations.items())
    for language in LANGUAGES:
        project.languages[language], problems = read[language]
        project.diagnostics.extend(problems)


def _read_language(project: Project, schemas: Schemas, language: str) -> tuple[LanguagePages, list[Diagnostic]]:
    """The pages of one language and what is wrong with them, their metadata checked."""
    pages = LanguagePages(language)
    problems: list[Diagnostic] = []
    docs = project.repository.docs_dir(language)
    kept: ReadPages = cache.KeptResults("pages", str(docs))
    for path in sorted(docs.rglob("*.md")):
        pages.add(read_page(path, path.relative_to(docs).as_posix(), language,
                            project.repository.display(path), problems, kept))
    problems += checks.page_metadata(pages, schemas, project.today, project.roles)
    kept.save()  # here: this may be a forked process
    keep_verdicts()
    return pages, problems
