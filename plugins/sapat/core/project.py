"""The whole manual, loaded once and checked as a whole.

``load_project`` reads every page of every language, the roles, the glossary and the process
data, and returns a :class:`Project` together with every diagnostic of the run. ``sapat check``
prints those diagnostics; the MkDocs plugin logs them and renders from the same object.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, Mapping

from .clauses import ClauseIndex, PageScan, scan_page
from .diagnostics import Diagnostic, Severity, SourceError, did_you_mean, sort_key
from .glossary import Term, terminology_problems
from .layout import GENERATED_PAGES, LANGUAGES, SOURCE_LANGUAGE, Layout, nav_pages
from .metadata import (APPROVED, fingerprint, load_validator, revision_rules,
                       schema_diagnostics)
from .diagrams import diagram_diagnostics
from .orthography import scan_errors
from .processes import ProcessModel, load_process_model
from .sources import YamlData, load_yaml, load_yaml_file, read_text, split_front_matter


@dataclass
class Page:
    """One Markdown page of one language edition."""

    language: str
    name: str
    display: str
    meta: YamlData
    body: str
    body_line: int
    scan: PageScan
    readable: bool = True

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.body)

    @property
    def title(self) -> str:
        value = self.meta.value if isinstance(self.meta.value, Mapping) else {}
        return str(value.get("title") or self.name)

    def get(self, key: str, default: Any = None) -> Any:
        value = self.meta.value if isinstance(self.meta.value, Mapping) else {}
        return value.get(key, default)


@dataclass
class Edition:
    """All pages of one language, with their clause index."""

    language: str
    pages: dict[str, Page] = field(default_factory=dict)
    index: ClauseIndex = field(default_factory=ClauseIndex)


class TranslationState(str, Enum):
    """How a translated page relates to the Kyrgyz text it translates."""

    CURRENT = "current"
    STALE = "stale"
    MISSING = "missing"


@dataclass(frozen=True)
class DocumentControl:
    """What a reader and an auditor need to know about a page as a controlled document."""

    code: str
    title: str
    revision: int
    status: str
    owner_role: str
    approved_by: str | None
    approval_date: str | None
    protocol: str | None
    effective_date: str | None
    next_review_date: str | None
    change_summary: str
    changed_since_approval: bool
    review_overdue: bool

    @property
    def shown_status(self) -> str:
        """An approved page whose text changed since is, for a reader, a draft."""
        return "draft" if self.changed_since_approval else self.status

    @property
    def nav_badge(self) -> str | None:
        """The page status the navigation marks: only pages not in force as approved."""
        return self.shown_status if self.shown_status in ("draft", "superseded") else None


@dataclass
class Project:
    """The loaded repository."""

    layout: Layout
    today: dt.date
    editions: dict[str, Edition] = field(default_factory=dict)
    roles: dict[str, Mapping[str, Any]] = field(default_factory=dict)
    terms: list[Term] = field(default_factory=list)
    nav: list[str] | None = None  # None: mkdocs.yml could not be read (already reported)
    processes: ProcessModel | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def source(self) -> Edition:
        return self.editions[SOURCE_LANGUAGE]

    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    def control(self, name: str) -> DocumentControl | None:
        """Document control of page ``name``: always the Kyrgyz (source) page's metadata."""
        page = self.source.pages.get(name)
        if page is None or not isinstance(page.meta.value, Mapping):
            return None
        review = page.get("next_review_date")
        return DocumentControl(
            code=str(page.get("document_code", "")), title=page.title,
            revision=int(page.get("revision") or 0), status=str(page.get("status", "")),
            owner_role=str(page.get("owner_role", "")), approved_by=page.get("approved_by"),
            approval_date=page.get("approval_date"), protocol=page.get("protocol"),
            effective_date=page.get("effective_date"), next_review_date=review,
            change_summary=str(page.get("change_summary", "")),
            changed_since_approval=page.get("status") == APPROVED
            and page.get("approved_fingerprint") != page.fingerprint,
            review_overdue=bool(review and review < self.today.isoformat()),
        )

    def translation_state(self, name: str, language: str) -> TranslationState:
        """Whether ``language``'s page ``name`` translates the current Kyrgyz text."""
        page = self.editions[language].pages.get(name)
        source = self.source.pages.get(name)
        if page is None or source is None:
            return TranslationState.MISSING
        if language == SOURCE_LANGUAGE:
            return TranslationState.CURRENT
        of = page.get("translation_of")
        of = of if isinstance(of, Mapping) else {}
        if of.get("fingerprint") == source.fingerprint and of.get("revision") == source.get("revision"):
            return TranslationState.CURRENT
        return TranslationState.STALE

    def role_name(self, role: str, language: str) -> str:
        return str(self.roles.get(role, {}).get(language, role))


_cache: dict[Path, tuple[tuple, Project]] = {}


def load_project_cached(root: Path) -> Project:
    """``load_project``, reused while no source file changed (one build loads it for the check
    and for every edition; ``mkdocs serve`` reloads only after an edit)."""
    root = root.resolve()
    layout = Layout(root)
    stamp = (dt.date.today(),) + tuple(
        (str(path), path.stat().st_mtime_ns, path.stat().st_size)
        for folder in (layout.manual, layout.processes, layout.schemas)
        for path in sorted(folder.rglob("*")) if path.is_file()) + (layout.mkdocs_yml.stat().st_mtime_ns,)
    cached = _cache.get(root)
    if cached is None or cached[0] != stamp:
        _cache[root] = (stamp, load_project(root))
    return _cache[root][1]


def load_project(root: Path, today: dt.date | None = None) -> Project:
    """Read and check everything; the result carries all diagnostics, sorted by file and line."""
    layout = Layout(root.resolve())
    project = Project(layout, today or dt.date.today())
    report = project.diagnostics.extend
    project.roles = _load_roles(layout, report)
    project.terms = _load_terms(layout, report)
    try:
        project.nav = nav_pages(layout.mkdocs_yml)
    except SourceError as exc:
        report([exc.diagnostic])
    validators = {"source": load_validator(layout.schemas / "page.schema.json"),
                  "translation": load_validator(layout.schemas / "translation.schema.json")}
    for language in LANGUAGES:
        edition = project.editions[language] = Edition(language)
        for path in sorted(layout.docs_dir(language).glob("*.md")):
            page = _load_page(layout, language, path, validators, project, report)
            edition.pages[page.name] = page
            edition.index.add(page.scan)
        report(edition.index.resolve())
    project.processes, problems = load_process_model(layout.processes, layout.root, layout.schemas,
                                                     project.roles)
    report(problems)
    report(_check_data_clauses(project.processes, project.source))
    report(diagram_diagnostics(project.processes))
    report(_check_document_codes(project.source))
    report(_check_navigation(project))
    report(_check_editions(project))
    project.diagnostics.sort(key=sort_key)
    return project


def _load_page(layout: Layout, language: str, path: Path, validators: Mapping, project: Project,
               report) -> Page:
    """One page; a page whose file or front matter is broken is still scanned for clauses, so
    that one mistake is reported once rather than again by every reference to the page."""
    display = layout.display(path)
    meta: YamlData | None = None
    try:
        document = split_front_matter(read_text(path, display))
        if document.front_matter is None:
            raise SourceError(Diagnostic(display, 1, "the page has no front matter",
                                         "start the file with a '---' block of revision metadata"))
        meta = load_yaml(document.front_matter, display, document.front_matter_line)
    except SourceError as exc:
        report([exc.diagnostic])
        document = split_front_matter(path.read_bytes().decode("utf-8", "replace"))
    page = Page(language, path.name, display, meta or YamlData({}), document.body,
                document.body_line, scan_page(display, document.body, document.body_line),
                readable=meta is not None)
    if meta is None:
        return page
    if not isinstance(meta.value, Mapping):
        report([Diagnostic(display, document.front_matter_line,
                           "the front matter is not a set of 'key: value' lines")])
        page.meta = YamlData({})
        return page
    if language == SOURCE_LANGUAGE:
        report(schema_diagnostics(meta, validators["source"], display))
        report(revision_rules(meta, display, page.fingerprint, project.today))
        report(scan_errors(display, page.body, page.body_line))
        for key in ("owner_role", "approved_by"):
            role = page.get(key)
            if isinstance(role, str) and project.roles and role not in project.roles:
                report([Diagnostic(display, meta.line_of((key,)), f"unknown role '{role}' in {key}",
                                   did_you_mean(role, project.roles) or
                                   "use a role id of processes/roles.yml")])
    else:
        report(schema_diagnostics(meta, validators["translation"], display))
    return page


def _load_roles(layout: Layout, report) -> dict[str, Mapping[str, Any]]:
    data = _load_data_file(layout, layout.processes / "roles.yml", "roles.schema.json", report)
    return {role["id"]: role for role in (data or {}).get("roles", []) if isinstance(role, Mapping)}


def _load_terms(layout: Layout, report) -> list[Term]:
    data = _load_data_file(layout, layout.manual / "glossary.yml", "glossary.schema.json", report)
    return [Term.from_yaml(entry) for entry in (data or {}).get("terms", [])]


def _load_data_file(layout: Layout, path: Path, schema: str, report) -> Mapping | None:
    """A YAML data file, or None (with diagnostics) when it is unreadable or invalid."""
    display = layout.display(path)
    try:
        data = load_yaml_file(path, display)
    except SourceError as exc:
        report([exc.diagnostic])
        return None
    problems = schema_diagnostics(data, load_validator(layout.schemas / schema), display)
    report(problems)
    return None if problems else data.value


def _check_data_clauses(model: ProcessModel, source: Edition) -> list[Diagnostic]:
    """Clauses named in the process data must exist, exactly like references in Markdown."""
    return [Diagnostic(path, line, f"clause {clause} does not exist in the manual",
                       did_you_mean(clause, source.index.clauses) or "use a clause number of the manual")
            for clause, path, line in model.clause_references() if clause not in source.index.clauses]


def _check_document_codes(source: Edition) -> list[Diagnostic]:
    """A document code identifies one controlled document."""
    first: dict[str, Page] = {}
    problems = []
    for page in source.pages.values():
        code = page.get("document_code")
        if not isinstance(code, str):
            continue
        if code in first:
            problems.append(Diagnostic(page.display, page.meta.line_of(("document_code",)),
                                       f"document code {code} is already used by {first[code].display}",
                                       "give every page its own document code"))
        first.setdefault(code, page)
    return problems


def _check_navigation(project: Project) -> list[Diagnostic]:
    """Every page must be reachable from the nav, and the nav must name only real pages."""
    problems: list[Diagnostic] = []
    if project.nav is None:
        return problems
    display = project.layout.display(project.layout.mkdocs_yml)
    for edition in project.editions.values():
        for name, page in edition.pages.items():
            if name not in project.nav:
                problems.append(Diagnostic(page.display, 1, "no reader can reach this page: it is "
                                           "not in the nav of mkdocs.yml", f"add '- {name}' to nav"))
    known = set(project.source.pages) | set(GENERATED_PAGES)
    for name in project.nav:
        if name not in known and "/" not in name:
            problems.append(Diagnostic(display, None, f"nav names '{name}', which is no page",
                                       did_you_mean(name, known)))
    return problems


def _check_editions(project: Project) -> list[Diagnostic]:
    """Every edition has the same pages with the same clauses; translations use the glossary."""
    problems: list[Diagnostic] = []
    source = project.source
    for language, edition in project.editions.items():
        if language == SOURCE_LANGUAGE:
            continue
        docs = project.layout.display(project.layout.docs_dir(language))
        for name, page in source.pages.items():
            if not page.readable:
                continue  # already reported; comparing with a broken original says nothing new
            translated = edition.pages.get(name)
            if translated is None:
                problems.append(Diagnostic(f"{docs}/{name}", None,
                                           f"the {language} translation of {page.display} is missing",
                                           f"translate it into {docs}/{name}; pages never fall back "
                                           "to Kyrgyz"))
                continue
            problems.extend(_compare_clauses(page, translated))
            problems.extend(terminology_problems(project.terms, page.body, translated.display,
                                                 translated.body, translated.body_line))
            if project.translation_state(name, language) is TranslationState.STALE:
                problems.append(Diagnostic(
                    translated.display, translated.meta.line_of(("translation_of",)),
                    f"the translation is stale: {page.display} changed since it was translated",
                    f"update the translation, then run 'sapat translated {translated.display}'",
                    Severity.NOTICE))
        for name, page in edition.pages.items():
            if name not in source.pages:
                problems.append(Diagnostic(page.display, 1, "this translation has no Kyrgyz original",
                                           did_you_mean(name, source.pages)))
    return problems


def _compare_clauses(source: Page, translated: Page) -> list[Diagnostic]:
    """Clause numbers, and so anchors and references, are the same in every language."""
    ours = [c.id for c in source.scan.clauses]
    theirs = {c.id: c for c in translated.scan.clauses}
    problems = [Diagnostic(translated.display, None, f"clause {clause} of {source.display} is "
                           "missing from the translation", "translate its heading with the same number")
                for clause in ours if clause not in theirs]
    problems += [Diagnostic(translated.display, clause.line, f"clause {clause.id} is not in "
                            f"the Kyrgyz original {source.display}", "use the original's numbering")
                 for clause in theirs.values() if clause.id not in ours]
    return problems
