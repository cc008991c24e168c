"""Internal audits (8.2.2) as values: a checklist per process, made from the manual's own words,
and the yearly audit programme the quality department enters in ``processes/audit-programme.yml``.

A checklist is derived, never written: every line of a governing clause's own text (a sentence
or a list item, as the manual writes one per line) is a question, in the language of the page
it is read in, and the evidence to ask for is what the data already tie to that clause and
process (the records register, the process's inputs, outputs and indicators). So a change of
the clause's approved text is a change of the checklist, and nothing is said that the manual
does not say.

The programme is the quality department's document with its own dates, not the approved text
(docs/audits.md): audits it plans, by year and month, with the role of the lead auditor, and
the record of each report once the audit is done.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ..diagnostics import Diagnostic
from ..sources.data_files import Schemas, read_data_file
from ..sources.repository import Repository
from .clauses import Clause
from .processes import AUDITS_FILE, Item, Process
from .registers import Record

#: The list markers a line of the manual can start with ("- ", "* ", "1. ").
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
#: The folder of the checklist pages in an edition, and of their PDFs.
AUDITS_FOLDER = "audits"
AUDITS_INDEX = f"{AUDITS_FOLDER}/index.md"
AUDITS_SCHEMA = "audit-programme.schema.json"
#: How many years a programme's cycle lasts unless the file says otherwise (docs/audits.md).
DEFAULT_CYCLE_YEARS = 1


def checklist_page(process_id: str) -> str:
    """The checklist page of a process, beside the other checklists."""
    return f"{AUDITS_FOLDER}/{process_id}.md"


@dataclass(frozen=True)
class Question:
    """One requirement of a clause, in the clause's own words (Markdown, ``[[references]]`` kept).

    ``item`` is True for an item of a list, which reads on from the line before it."""

    number: str
    text: str
    item: bool = False


@dataclass(frozen=True)
class Evidence:
    """What an auditor asks to see for a clause: the records the register ties to the clause and
    the process, and the process's inputs, outputs and indicators the data say the clause states."""

    records: tuple[Record, ...] = ()
    inputs: tuple[Item, ...] = ()
    outputs: tuple[Item, ...] = ()
    indicators: tuple[Item, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.records or self.inputs or self.outputs or self.indicators)


@dataclass(frozen=True)
class ChecklistClause:
    """A governing clause of the process: its heading, its questions, its evidence. ``clause`` is
    None when the reader's language lacks the clause (the translation check says so)."""

    id: str
    clause: Clause | None
    questions: tuple[Question, ...]
    evidence: Evidence


@dataclass(frozen=True)
class Checklist:
    """The audit checklist of one process in one language."""

    process: Process
    clauses: tuple[ChecklistClause, ...]

    @property
    def questions(self) -> int:
        return sum(len(clause.questions) for clause in self.clauses)


def questions(text: str) -> tuple[Question, ...]:
    """Each requirement of a clause's own text: every non-empty line a question (the manual
    writes a sentence per line), a list item numbered under the line that introduces it."""
    found: list[Question] = []
    sentence, item = 0, 0
    for line in text.splitlines():
        if not line.strip():
            continue
        if marker := _LIST_ITEM.match(line):
            item += 1
            found.append(Question(f"{max(sentence, 1)}.{item}", line[marker.end():].strip(), item=True))
        else:
            sentence, item = sentence + 1, 0
            found.append(Question(str(sentence), line.strip()))
    return tuple(found)


def checklist(process: Process, clauses: Mapping[str, Clause], records: Sequence[Record]) -> Checklist:
    """The checklist of ``process`` from ``clauses`` (one language's clause index) and the
    records of the records register."""
    def stated(items: Sequence[Item], ident: str) -> tuple[Item, ...]:
        return tuple(item for item in items if item.clause == ident)

    found = []
    for ident in process.clauses:
        clause = clauses.get(ident)
        evidence = Evidence(tuple(r for r in records if r.process == process.id and ident in r.clauses),
                            stated(process.inputs, ident), stated(process.outputs, ident),
                            stated(process.indicators, ident))
        found.append(ChecklistClause(ident, clause, questions(clause.text) if clause else (), evidence))
    return Checklist(process, tuple(found))


# --------------------------------------------------------------------------- the programme

class AuditStatus(StrEnum):
    """What the programme says of an audit; "overdue" is not entered, it is read from the date."""

    PLANNED = "planned"
    DONE = "done"


@dataclass(frozen=True)
class PlannedAudit:
    """One audit of the programme, with the line of each of its keys for the checks."""

    year: int
    month: int
    process: str
    auditor: str
    status: AuditStatus
    done: dt.date | None = None
    report: str | None = None
    lines: Mapping[str, int | None] = field(default_factory=dict, compare=False)

    def line(self, key: str) -> int | None:
        return self.lines.get(key)

    def state(self, today: dt.date) -> str:
        """planned, done or overdue (planned and its month is over) as of ``today``."""
        if self.status is AuditStatus.DONE:
            return "done"
        month_over = (today.year, today.month) > (self.year, self.month)
        return "overdue" if month_over else "planned"


@dataclass(frozen=True)
class AuditProgramme:
    """The programme as the file holds it: how many years a cycle lasts, and the audits."""

    display: str
    cycle_years: int
    audits: tuple[PlannedAudit, ...]
    #: The line of 'audits:' (where a process missing from a cycle is reported).
    line: int | None = None

    def years(self) -> list[int]:
        return sorted({audit.year for audit in self.audits})

    def cycles(self) -> list[tuple[int, ...]]:
        """The cycles that hold an audit: runs of ``cycle_years`` years from the first year."""
        years = self.years()
        if not years:
            return []
        first = years[0]
        starts = sorted({first + (year - first) // self.cycle_years * self.cycle_years for year in years})
        return [tuple(range(start, start + self.cycle_years)) for start in starts]


def load_programme(repository: Repository, schemas: Schemas) -> tuple[AuditProgramme | None, list[Diagnostic]]:
    """The programme of ``processes/audit-programme.yml``, or None when the file is absent (a
    frozen edition's sources from before it) or breaks its schema (the reasons are returned)."""
    path = repository.processes / AUDITS_FILE
    report: list[Diagnostic] = []
    if not path.is_file() or (data := read_data_file(path, repository.display(path),
                                                     schemas.schema(AUDITS_SCHEMA), report)) is None:
        return None, report

    def audit(index: int, value: Mapping[str, Any]) -> PlannedAudit:
        lines = {key: data.data.line_of(("audits", index, key)) for key in value}
        done = value.get("done")
        return PlannedAudit(value["year"], value["month"], value["process"], value["auditor"],
                            AuditStatus(value["status"]), dt.date.fromisoformat(done) if done else None,
                            value.get("report"), lines)

    audits = tuple(audit(index, value) for index, value in enumerate(data.value["audits"]))
    return AuditProgramme(data.display, data.value.get("cycle_years", DEFAULT_CYCLE_YEARS), audits,
                          data.data.line_of(("audits",))), report
