"""The registers against the manual and the frameworks.

Errors: a clause whose text refers to 4.2.4 for its records names no record of the records
register; a record that only a framework names is named by none; the manual or a coverage file
cites a document the register of external documents lacks. Notices, never blocking: what the
quality department has not stated yet (a summary per register, so that ``make check`` stays
readable), a document the manual cites that was replaced, the units that have not returned the
acknowledgement sheet of the edition in force, and the reviews due (:mod:`..model.reviews`).
A register whose file is absent (a frozen edition's sources from before it) is not checked.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..diagnostics import Diagnostic, Severity
from ..i18n.messages import Message, listing
from ..model.clauses import Clause
from ..model.project import Project
from ..model.registers import RECORD_DETAILS, RECORDS_CLAUSE, Status
from ..model.reviews import WINDOW, Due, Register, Review, reviews

#: How many items a notice names before it says how many more there are.
NAMED = 4


def clause_records(project: Project) -> list[Diagnostic]:
    """Every clause whose text refers to 4.2.4 is named by a record of the records register: the
    error is on the reference, where the requirement is written."""
    registers = project.registers
    if registers.records_dates is None:
        return []
    index = project.source.index
    file = registers.records_dates.display
    return [Diagnostic(clause.page, _reference_line(project, clause),
                       Message("records.clause_without_record", clause=clause.id, records=RECORDS_CLAUSE, file=file),
                       Message("records.clause_without_record.hint", clause=clause.id, file=file))
            for clause in index.referring_clauses(RECORDS_CLAUSE) if not registers.records_of_clause(clause.id)]


def _reference_line(project: Project, clause: Clause) -> int:
    index = project.source.index
    return next((ref.line for ref in index.backlinks.get(RECORDS_CLAUSE, [])
                 if (enclosing := index.enclosing_clause(ref)) is not None and enclosing.id == clause.id), clause.line)


def framework_records(project: Project) -> list[Diagnostic]:
    """A record the manual does not require is there because a framework names it as evidence."""
    registers = project.registers
    if registers.records_dates is None or not project.repository.frameworks.is_dir():
        return []
    named = {record for framework in project.criteria() for row in framework.rows for record in row.evidence}
    named |= {record for requirement in project.coverage.requirements for record in requirement.evidence}
    return [Diagnostic(registers.records_dates.display, record.line, Message("records.unnamed", record=record.id),
                       Message("records.unnamed.hint"))
            for record in registers.records if record.framework_only and record.id not in named]


def citations(project: Project) -> list[Diagnostic]:
    """Every citation of a document of external origin is of one in the register; one notice per
    replaced document the manual's text still cites."""
    registers = project.registers
    if registers.documents_dates is None:
        return []
    file = registers.documents_dates.display
    found = project.citations()
    problems = [Diagnostic(citation.display, citation.line, Message("citation.unknown", written=citation.written,
                                                                    file=file),
                           Message("citation.unknown.hint", file=file))
                for citation in found if citation.document is None]
    for document in registers.documents:
        cited = [citation for citation in found if citation.in_manual and citation.document == document.id]
        if document.status is Status.REPLACED and cited:
            problems.append(Diagnostic(cited[0].display, cited[0].line,
                                       Message("citation.replaced", written=cited[0].written, document=document.id,
                                               successor=document.replaced_by or "", count=len(cited)),
                                       Message("citation.replaced.hint", file=file), Severity.NOTICE))
    return problems


def not_set(project: Project) -> list[Diagnostic]:
    """What the quality department has not stated yet: one notice per register."""
    registers = project.registers
    problems = []
    required = [record for record in registers.records if record.clauses]
    if registers.records_dates is not None and (missing := {name: sum(name in record.unset() for record in required)
                                                            for name in RECORD_DETAILS}) and any(missing.values()):
        problems.append(Diagnostic(registers.records_dates.display, required[0].line if required else None,
                                   Message("records.not_set", total=len(required), **missing),
                                   Message("records.not_set.hint"), Severity.NOTICE))
    documents = registers.documents
    if registers.documents_dates is not None and documents:
        kept = sum(document.kept is None for document in documents)
        checks = sum(document.next_check is None for document in documents)
        if kept or checks:
            problems.append(Diagnostic(registers.documents_dates.display, documents[0].line,
                                       Message("external.not_set", total=len(documents), kept=kept, next_check=checks),
                                       Message("external.not_set.hint"), Severity.NOTICE))
    return problems


def unreturned(project: Project) -> list[Diagnostic]:
    """The units that have not returned the acknowledgement sheet of the edition in force."""
    registers = project.registers
    if registers.returns_dates is None or not registers.units or not project.editions:
        return []
    edition = project.editions[-1].version
    missing = [unit.id for unit in registers.units
               if (entry := registers.returned(unit.id, edition)) is None or entry.returned is None]
    if not missing:
        return []
    return [Diagnostic(registers.returns_dates.display, registers.returns_dates.line,
                       Message("returns.missing", edition=edition, count=len(missing), total=len(registers.units),
                               units=_named(missing)),
                       Message("returns.missing.hint"), Severity.NOTICE)]


def reviews_due(project: Project) -> list[Diagnostic]:
    """The reviews overdue or due within :data:`WINDOW` days, today: one notice per register."""
    found = reviews(project, project.today)
    return [_register_notice(register, [review for review in found if review.register is register])
            for register in Register if any(review.register is register for review in found)]


def _register_notice(register: Register, found: Sequence[Review]) -> Diagnostic:
    overdue = [_item(review) for review in found if review.due is Due.OVERDUE]
    soon = [_item(review) for review in found if review.due is Due.SOON]
    first = found[0]
    return Diagnostic(first.display, first.line,
                      Message("reviews.due", register=Message(f"reviews.register.{register.value}"),
                              overdue=_named(overdue) or "—", soon=_named(soon) or "—", days=WINDOW),
                      Message("reviews.due.hint"), Severity.NOTICE)


def _item(review: Review) -> str:
    return f"{review.subject} ({review.date.isoformat()}{'*' if review.inferred else ''})"


def _named(items: Sequence[str]) -> str:
    """The first few items, and how many more."""
    shown = listing(items[:NAMED])
    return shown + (f" (+{len(items) - NAMED})" if len(items) > NAMED else "")
