"""The registers the quality department keeps beside the manual, from ``processes/``: the records
the manual requires (``records.yml``, also the one place the frameworks' evidence is named), the
documents of external origin (``external-documents.yml``), the units that receive an
acknowledgement sheet of every edition (``units.yml``) and the sheets given and returned
(``acknowledgements.yml``).

They are documents with dates of their own, not the manual's approved text (docs/registers.md).
Each file is checked against its JSON Schema first; what a schema cannot say is checked here
with file and line: ids are unique, a record names the manual's clauses or says that only a
framework names it, its process exists and is governed by one of its clauses, every role and
unit exists, a replaced document names what replaced it, a sheet came back after it was given.
The clauses the files name are collected as mentions, checked like ``[[references]]``; what
looks across the whole project (which clauses refer to 4.2.4, what the pages cite) is checked in
:mod:`sapat.core.checks.registers`. A file that is absent is a register not kept (yet): a frozen
edition's sources from before the registers have none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

from ..diagnostics import Diagnostic, did_you_mean
from ..i18n.languages import LANGUAGES
from ..i18n.messages import Message
from ..sources.data_files import ClauseMention, DataFile, Schemas, clause_mentions, duplicate_ids, read_data_file
from ..sources.files import JsonPath
from ..sources.repository import Repository
from .editions import Edition
from .frameworks import process_problem
from .processes import (
    EXTERNAL_FILE,
    RECORDS_FILE,
    REGISTER_FILES,
    RETURNS_FILE,
    UNITS_FILE,
    ProcessModel,
    Text,
)

#: The folder of the registers in a language's web root, beside the list of editions (the
#: current area), and the records register's page there.
REGISTERS = "registers"
RECORDS_PAGE = f"{REGISTERS}/records/index.md"
#: The clause that governs records: every clause that refers to it for its records needs one.
RECORDS_CLAUSE = "4.2.4"
#: What the quality department states of a record; the manual states none of them yet.
RECORD_DETAILS = ("owner", "form", "place", "retention", "disposal")


@dataclass(frozen=True)
class Dates:
    """A register's own dates: as of when it is true, and when it is reviewed next (None: not set)."""

    display: str
    as_of: dt.date
    next_review: dt.date | None = None
    #: The line of ``next_review`` (of ``as_of`` when it is not set).
    line: int | None = None


@dataclass(frozen=True)
class Record:
    """A record: what it is, the clauses that require it, the process that makes it, and what the
    quality department states of keeping it (None: not set)."""

    id: str
    name: Text
    clauses: tuple[str, ...]
    process: str | None
    framework_only: bool
    owner: str | None
    form: Text | None
    place: Text | None
    retention: Text | None
    disposal: Text | None
    line: int | None = None

    def unset(self) -> tuple[str, ...]:
        """Which of :data:`RECORD_DETAILS` are not set yet."""
        return tuple(name for name in RECORD_DETAILS if getattr(self, name) is None)


class Status(StrEnum):
    """What the sources read confirm of a document's edition, never more."""

    CURRENT = "current"
    REPLACED = "replaced"
    DRAFT = "draft"
    NOT_CONFIRMED = "not_confirmed"


@dataclass(frozen=True)
class ExternalDocument:
    """A document of external origin the manual or a coverage file cites."""

    id: str
    name: Text
    edition: Text
    status: Status
    replaced_by: str | None
    source: Text
    kept: Text | None
    checked: dt.date
    next_check: dt.date | None
    cited_as: tuple[str, ...]
    line: int | None = None
    next_check_line: int | None = None


@dataclass(frozen=True)
class Unit:
    """A unit that receives an acknowledgement sheet of every edition."""

    id: str
    name: Text
    clauses: tuple[str, ...]
    responsible: str | None = None


@dataclass(frozen=True)
class Return:
    """One acknowledgement sheet given to a unit, and whether it came back signed."""

    unit: str
    edition: str
    issued: dt.date
    due: dt.date | None = None
    returned: dt.date | None = None
    signed: int | None = None
    kept: Text | None = None
    line: int | None = None
    due_line: int | None = None


@dataclass
class Registers:
    """Every register that loaded. A register whose file is absent or wrong (its own errors say
    why) has no dates and no entries: nothing about it is checked or published."""

    records: tuple[Record, ...] = ()
    records_dates: Dates | None = None
    documents: tuple[ExternalDocument, ...] = ()
    documents_dates: Dates | None = None
    units: tuple[Unit, ...] = ()
    returns: tuple[Return, ...] = ()
    returns_dates: Dates | None = None
    mentions: list[ClauseMention] = field(default_factory=list)

    def record_names(self) -> dict[str, Text]:
        """Every record's name, by id: what the frameworks' evidence is checked against."""
        return {record.id: record.name for record in self.records}

    def records_of_clause(self, clause: str) -> list[Record]:
        """The records that ``clause`` requires (asked under every heading of every page)."""
        return self._by_clause.get(clause, [])

    @cached_property
    def _by_clause(self) -> dict[str, list[Record]]:
        found: dict[str, list[Record]] = {}
        for record in self.records:
            for clause in record.clauses:
                found.setdefault(clause, []).append(record)
        return found

    def records_of_process(self, process: str) -> list[Record]:
        return [record for record in self.records if record.process == process]

    def document(self, ident: str) -> ExternalDocument | None:
        return next((document for document in self.documents if document.id == ident), None)

    def returned(self, unit: str, edition: str) -> Return | None:
        """The sheet of ``edition`` given to ``unit``, as the register of returns holds it."""
        return next((entry for entry in self.returns if (entry.unit, entry.edition) == (unit, edition)), None)


def _text(value: Mapping[str, str] | None) -> Text | None:
    return Text({language: value[language] for language in LANGUAGES}) if value else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _dates(data: DataFile) -> Dates:
    value = data.value
    key = "next_review" if "next_review" in value else "as_of"
    return Dates(data.display, dt.date.fromisoformat(value["as_of"]), _date(value.get("next_review")),
                 data.data.line_of((key,)))


def load_registers(repository: Repository, schemas: Schemas, model: ProcessModel,
                   editions: Sequence[Edition]) -> tuple[Registers, list[Diagnostic]]:
    """Read and check the register files of processes/ that exist."""
    report: list[Diagnostic] = []
    files: dict[str, DataFile] = {}
    for name, schema in REGISTER_FILES.items():
        path = repository.processes / name
        if path.is_file() and (data := read_data_file(path, repository.display(path), schemas.schema(schema),
                                                      report)) is not None:
            files[name] = data
    registers = Registers()
    if (data := files.get(RECORDS_FILE)) is not None:
        registers.records = tuple(_record(data, index) for index in range(len(data.value["records"])))
        registers.records_dates = _dates(data)
        report += duplicate_ids(data, "records") + _record_problems(data, registers.records, repository, model)
    if (data := files.get(EXTERNAL_FILE)) is not None:
        registers.documents = tuple(_document(data, index) for index in range(len(data.value["documents"])))
        registers.documents_dates = _dates(data)
        report += duplicate_ids(data, "documents") + _document_problems(data, registers.documents)
    if (data := files.get(UNITS_FILE)) is not None:
        registers.units = tuple(Unit(value["id"], Text(dict(value["name"])), tuple(value["clauses"]),
                                     value.get("responsible")) for value in data.value["units"])
        report += duplicate_ids(data, "units") + [
            problem for index, unit in enumerate(registers.units)
            if unit.responsible and (problem := _role(data, ("units", index, "responsible"), unit.responsible, model))]
    if (data := files.get(RETURNS_FILE)) is not None:
        registers.returns = tuple(_return(data, index) for index in range(len(data.value["returns"])))
        registers.returns_dates = _dates(data)
        report += _return_problems(data, registers, editions, unit_file=UNITS_FILE in files)
    registers.mentions = [mention for data in files.values() for mention in clause_mentions(data)]
    return registers, report


def _role(data: DataFile, path: JsonPath, role: str, model: ProcessModel) -> Diagnostic | None:
    return model.roles.unknown(role, data.display, data.data.line_of(path), str(path[-1]))


def _record(data: DataFile, index: int) -> Record:
    value: Mapping[str, Any] = data.value["records"][index]
    return Record(value["id"], Text(dict(value["name"])), tuple(value.get("clauses", ())), value.get("process"),
                  value.get("framework_only", False), value.get("owner"), _text(value.get("form")),
                  _text(value.get("place")), _text(value.get("retention")), _text(value.get("disposal")),
                  data.data.line_of(("records", index, "id")))


def _record_problems(data: DataFile, records: Iterable[Record], repository: Repository,
                     model: ProcessModel) -> list[Diagnostic]:
    """A record names the manual's clauses or is named by a framework only, not both and not
    neither; its process exists and is governed by one of its clauses; its owner is a role."""
    problems = []
    for index, record in enumerate(records):
        where: JsonPath = ("records", index)
        if record.framework_only == bool(record.clauses):
            key = "records.clauses_and_framework" if record.clauses else "records.no_clause"
            problems.append(data.at(where + ("id",), Message(key, record=record.id), Message(f"{key}.hint")))
        if record.process is not None and (problem := process_problem(
                data, where + ("process",), record.process, record.clauses, record.id, repository, model)):
            problems.append(problem)
        if record.owner is not None and (problem := _role(data, where + ("owner",), record.owner, model)):
            problems.append(problem)
    return problems


def _document(data: DataFile, index: int) -> ExternalDocument:
    value: Mapping[str, Any] = data.value["documents"][index]
    text = {key: Text(dict(value[key])) for key in ("name", "edition", "source")}
    return ExternalDocument(value["id"], text["name"], text["edition"], Status(value["status"]),
                            value.get("replaced_by"), text["source"], _text(value.get("kept")),
                            dt.date.fromisoformat(value["checked"]), _date(value.get("next_check")),
                            tuple(value["cited_as"]), data.data.line_of(("documents", index, "id")),
                            data.data.line_of(("documents", index, "next_check")))


def _document_problems(data: DataFile, documents: Sequence[ExternalDocument]) -> list[Diagnostic]:
    """A replaced document, and only a replaced one, names the document of the register that
    replaced it."""
    ids = [document.id for document in documents]
    problems = []
    for index, document in enumerate(documents):
        where: JsonPath = ("documents", index)
        successor = document.replaced_by
        if (document.status is Status.REPLACED) != (successor is not None):
            key = "external.replaced_by_missing" if successor is None else "external.replaced_by_not_replaced"
            problems.append(data.at(where + ("status",), Message(key, document=document.id,
                                                                 status=document.status.value),
                                    Message(f"{key}.hint")))
        elif successor is not None and successor not in ids:
            problems.append(data.at(where + ("replaced_by",), Message("external.unknown_document", document=successor),
                                    did_you_mean(successor, ids) or Message("external.unknown_document.hint")))
    return problems


def _return(data: DataFile, index: int) -> Return:
    value: Mapping[str, Any] = data.value["returns"][index]
    return Return(value["unit"], value["edition"], dt.date.fromisoformat(value["issued"]), _date(value.get("due")),
                  _date(value.get("returned")), value.get("signed"), _text(value.get("kept")),
                  data.data.line_of(("returns", index, "unit")), data.data.line_of(("returns", index, "due")))


def _return_problems(data: DataFile, registers: Registers, editions: Sequence[Edition],
                     unit_file: bool) -> list[Diagnostic]:
    """Every sheet is of a unit and an edition that exist, listed once, and came back after it
    was given."""
    versions = [edition.version for edition in editions]
    units = [unit.id for unit in registers.units]
    seen: set[tuple[str, str]] = set()
    problems = []
    for index, entry in enumerate(registers.returns):
        where: JsonPath = ("returns", index)
        if unit_file and entry.unit not in units:
            problems.append(data.at(where + ("unit",), Message("returns.unknown_unit", unit=entry.unit,
                                                               file=f"processes/{UNITS_FILE}"),
                                    did_you_mean(entry.unit, units) or Message("returns.unknown_unit.hint")))
        if entry.edition not in versions:
            problems.append(data.at(where + ("edition",), Message("returns.unknown_edition", edition=entry.edition),
                                    did_you_mean(entry.edition, versions) or Message("returns.unknown_edition.hint")))
        if entry.returned is not None and entry.returned < entry.issued:
            problems.append(data.at(where + ("returned",), Message("returns.before_issued",
                                                                   returned=entry.returned.isoformat(),
                                                                   issued=entry.issued.isoformat()),
                                    Message("returns.before_issued.hint")))
        if (entry.unit, entry.edition) in seen:
            problems.append(data.at(where + ("unit",), Message("returns.twice", unit=entry.unit, edition=entry.edition),
                                    Message("hint.keep_one")))
        seen.add((entry.unit, entry.edition))
    return problems


__all__ = ["EXTERNAL_FILE", "RECORDS_CLAUSE", "RECORDS_FILE", "RECORDS_PAGE", "RECORD_DETAILS", "REGISTERS",
           "REGISTER_FILES", "RETURNS_FILE", "UNITS_FILE", "Dates", "ExternalDocument", "Record", "Registers", "Return",
           "Status", "Unit", "load_registers"]
