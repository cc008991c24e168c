"""The checks of each page: its front matter, its document code, marks only the changes page may
have, and headings the editors' guide may not have."""

from __future__ import annotations

import datetime as dt

from ..checks.revisions import revision_rules
from ..diagnostics import Diagnostic
from ..i18n.languages import SOURCE_LANGUAGE
from ..i18n.messages import Message
from ..model.pages import LanguagePages, Page
from ..model.project import Project
from ..model.roles import Roles
from ..sources.critic import marks_in
from ..sources.data_files import Schemas
from ..sources.schemas import schema_problems
from .orthography import scan_errors

ROLE_KEYS = ("owner_role", "approved_by")



def page_metadata(pages: LanguagePages, schemas: Schemas, today: dt.date, roles: Roles) -> list[Diagnostic]:
    """Front matter against its schema; the source pages' revision rules, roles and spelling.
    A page whose front matter breaks its schema is marked invalid."""
    problems: list[Diagnostic] = []
    source = pages.language == SOURCE_LANGUAGE
    for page in pages.files.values():
        if not page.valid:
            continue
        schema = schemas.schema(_schema_of(page, source))
        invalid = schema_problems(page.meta, schema, page.display)
        problems += invalid
        page.valid = not invalid
        if not source or not page.controlled:
            continue
        problems += revision_rules(page.meta, page.display, page.fingerprint, today)
        problems += scan_errors(page.display, page.body, page.body_line)
        for key in ROLE_KEYS:
            role = page.get(key)
            if isinstance(role, str) and \
                    (problem := roles.unknown(role, page.display, page.meta.line_of((key,)), key)):
                problems.append(problem)
    return problems



def critic_marks(project: Project) -> list[Diagnostic]:
    """CriticMarkup in the manual's own pages: only the changes page may mark a change."""
    return [problem for pages in project.languages.values() for page in pages.files.values()
            for problem in marks_in(page.display, page.body, page.body_line)]



def _schema_of(page: Page, source: bool) -> str:
    """The schema of a page's front matter: the guide's own, a controlled page's, a translation's."""
    if page.in_guide:
        return "guide.schema.json"
    return "page.schema.json" if source else "translation.schema.json"



def guide_pages(project: Project) -> list[Diagnostic]:
    """The guide for editors stands outside the manual's numbering: none of its headings is a clause."""
    return [Diagnostic(page.display, clause.line,
                       Message("guide.clause_heading", heading=clause.heading, clause=clause.id),
                       Message("guide.clause_heading.hint"))
            for pages in project.languages.values() for page in pages.files.values() if page.in_guide
            for clause in page.scan.clauses]



def document_codes(project: Project) -> list[Diagnostic]:
    """A document code identifies one controlled document."""
    first: dict[str, Page] = {}
    problems = []
    for page in project.source.controlled().values():
        code = page.get("document_code")
        if not isinstance(code, str):
            continue
        if code in first:
            problems.append(Diagnostic(page.display, page.meta.line_of(("document_code",)),
                                       Message("document_code.used", code=code, other=first[code].display),
                                       Message("document_code.used.hint")))
        first.setdefault(code, page)
    return problems

