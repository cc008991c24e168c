"""The whole manual as one value: every language's pages, the process data, the glossary, the
editions, the coverage, and what the check found. :mod:`sapat.core.load` makes it; everything
else asks it questions (which page holds a clause, how to link to it, what a page's document
control is), so the check and the build cannot disagree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..diagnostics import Diagnostic, Severity
from ..diagrams import LaidOut
from ..i18n.languages import SOURCE_LANGUAGE
from ..sources.repository import Nav, Repository
from .audits import AUDITS_INDEX, AuditProgramme
from .citations import Citation, citations, page_texts
from .control import DocumentControl, TranslationState, lagging_clauses, translation_state
from .coverage import Coverage
from .editions import Edition
from .frameworks import Framework, Frameworks
from .glossary import Term
from .links import LinkForm, LinkTarget, Location, clause_target, href, process_page
from .pages import LanguagePages, Page
from .processes import ProcessModel
from .registers import RECORDS_PAGE, Registers
from .roles import Roles


@dataclass
class Project:
    """The loaded repository: every language's pages, the process data, the glossary, the ISO
    9001 coverage and the other frameworks."""

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
    #: The mappings onto the frameworks a reviewer audits against (manual/frameworks/), published
    #: outside every edition.
    frameworks: Frameworks = field(default_factory=Frameworks)
    #: The registers kept beside the manual (processes/): records, documents of external origin,
    #: the units that receive acknowledgement sheets and the sheets returned.
    registers: Registers = field(default_factory=Registers)
    #: The programme of internal audits (processes/audit-programme.yml); None when absent or unreadable.
    audits: AuditProgramme | None = None
    #: The diagrams the check laid out, for the pages to draw (by name and language).
    drawings: LaidOut = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: Each page's document control as :meth:`control` made it, with the page and the day it was
    #: made of: made again only for another page object or day.
    _controls: dict[str, tuple[Page, dt.date, DocumentControl]] = field(default_factory=dict, init=False,
                                                                         repr=False, compare=False)

    @property
    def source(self) -> LanguagePages:
        """The pages of the approved text (Kyrgyz)."""
        return self.languages[SOURCE_LANGUAGE]

    def criteria(self) -> list[Framework]:
        """Every framework of the criteria pages: ISO 9001:2008, which the manual follows, first."""
        iso2008 = self.coverage.framework()
        return ([iso2008] if iso2008 else []) + self.frameworks.frameworks

    @property
    def roles(self) -> Roles:
        return self.process_model.roles

    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    def control(self, name: str) -> DocumentControl | None:
        """Document control of page ``name``: always the source page's metadata. Made once for a
        page: the registers, every year's page of the management review and every page's header
        ask for it again and again (at + 2,000 procedures 110,000 times in a build)."""
        page = self.source.files.get(name)
        if page is None or not page.valid or not page.controlled:
            return None
        made = self._controls.get(name)
        if made is None or made[0] is not page or made[1] != self.today:
            made = self._controls[name] = (page, self.today, DocumentControl.of(page, self.today))
        return made[2]

    @property
    def has_checklists(self) -> bool:
        """Whether the manual's nav has the section of audit checklists: sources frozen before
        checklists existed (the edition of 2018-12-21) list none, and an edition built from them
        again (a mend, added offline copies) gets none, nor links to them."""
        return self.nav is None or any(entry.page == AUDITS_INDEX for entry in self.nav.entries)

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

    def record_links(self, ident: str, here: Location) -> list[LinkTarget]:
        """Links to the records register's entries of the records clause ``ident`` requires, from
        a page of an edition (the register is in the current area, beside the editions)."""
        return [LinkTarget(href(Location(here.language, RECORDS_PAGE, anchor=record.id), here, LinkForm.URL),
                           record.name.get(here.language), record.name.get(here.language))
                for record in self.registers.records_of_clause(ident)]

    def citations(self) -> list[Citation]:
        """Every citation of a document of external origin in the manual's pages (every language)
        and in the coverage files, with the document of the register it cites."""
        documents = self.registers.documents
        pages = [page for pages in self.languages.values() for page in pages.files.values()]
        return [*citations(page_texts(pages), documents, in_manual=True),
                *citations([*self.coverage.citing, *self.frameworks.citing], documents, in_manual=False)]

    def file_page(self, path: Path) -> Page | None:
        """The page read from ``path``, in whichever language."""
        path = path.resolve()
        return next((page for pages in self.languages.values() for page in pages.files.values()
                     if page.path is not None and page.path.resolve() == path), None)
