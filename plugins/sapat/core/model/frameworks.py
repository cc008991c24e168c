"""What a reviewer audits against: the manual's clauses and processes mapped onto each framework
(ISO 9001:2015 with Amd 1:2024, ISO 9001:2026, ESG 2015 Part 1, the Kyrgyz minimum requirements
for accreditation; ISO 9001:2008 comes from ``manual/standards/iso9001.yml``, see
:meth:`~.coverage.Coverage.framework`), one row per requirement.

The mappings are ``manual/frameworks/<id>.yml``, beside the manual's pages and not among them:
they are analyses against external criteria that change on their own schedule, dated in their
own files, not part of the manual's approved text, and published outside every edition
(docs/frameworks.md). Each file is checked against
``schemas/framework.schema.json`` first; what a schema cannot say is checked here with file and
line: a row's status agrees with what it names, a process exists and is governed by one of the
row's clauses, a record of the records register (``processes/records.yml``, :mod:`.registers`) exists,
a requirement is listed once, the framework a file extends exists and has the requirements it
removes. The manual's clauses each row names are collected as mentions and checked like
``[[references]]``; the words of each file's name, edition and source are kept to be searched for
the documents they cite (:mod:`sapat.core.checks.registers`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ..diagnostics import Diagnostic, did_you_mean
from ..i18n.languages import LANGUAGES
from ..i18n.messages import Message, listing
from ..sources.data_files import ClauseMention, DataFile, Schemas, clause_mentions, read_data_file
from ..sources.files import JsonPath
from ..sources.repository import Repository
from .processes import ProcessModel, Text

FRAMEWORK_SCHEMA = "framework.schema.json"
#: The folder of the criteria pages in a language's web root, beside the list of editions.
CRITERIA = "criteria"
#: The records register, which names every record a row gives as evidence.
RECORDS_REGISTER = "processes/records.yml"
#: The fields of a framework file whose words cite other documents (standards, decrees...).
CITING_FIELDS = ("name", "edition", "source")
#: A number in a text about the manual: the manual's clauses belong under 'clauses', where they
#: are checked and linked.
NUMBER_IN_TEXT = re.compile(r"(?<![\d:.])\d+(?:\.\d+)+")


class Status(StrEnum):
    """How far the manual addresses a requirement."""

    ADDRESSED = "addressed"
    PARTLY = "partly"
    GAP = "gap"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class Row:
    """One requirement of a framework and what the manual says to it."""

    id: str
    #: The requirement in the editors' own short words (a standard's text is not quoted).
    title: Text
    status: Status
    clauses: tuple[str, ...] = ()
    processes: tuple[str, ...] = ()
    #: Ids of the records register (processes/records.yml): the records that would show it.
    evidence: tuple[str, ...] = ()
    #: What the manual leaves out; for a requirement that does not apply, why.
    gap: Text | None = None
    #: About the requirement itself: what an amendment changed, what is known only from a draft.
    note: Text | None = None


@dataclass(frozen=True)
class Framework:
    """One framework's requirements and how far the manual addresses each."""

    id: str
    name: Text
    #: The edition of the framework mapped, and what is known of its status.
    edition: Text
    #: Where the requirements' numbers and titles come from, with addresses and the date read.
    source: Text
    #: The day the mapping was last made or checked: "as of" on every page and spreadsheet.
    as_of: dt.date
    rows: tuple[Row, ...]
    #: Known only from a draft: every page says so.
    provisional: bool = False
    display: str = ""

    def counts(self) -> dict[Status, int]:
        """How many requirements have each status."""
        statuses = [row.status for row in self.rows]
        return {status: statuses.count(status) for status in Status}

    def ids(self) -> set[str]:
        """Every requirement id and every heading above one (``7`` and ``7.1`` for ``7.1.2``)."""
        found: set[str] = set()
        for row in self.rows:
            parts = row.id.split(".")
            found.update(".".join(parts[:end]) for end in range(1, len(parts) + 1))
        return found


@dataclass(frozen=True)
class CitingText:
    """Words of a data file that may cite other documents, and where they are."""

    display: str
    line: int | None
    text: str


def citing_texts(data: DataFile, keys: Sequence[str]) -> list[CitingText]:
    """The words under ``keys`` (each a text in every language) of ``data``, with their lines."""
    return [CitingText(data.display, data.data.line_of((key, language)), words)
            for key in keys if isinstance(data.value.get(key), Mapping)
            for language, words in data.value[key].items()]


@dataclass
class Frameworks:
    """Every framework and the records the rows name; empty where manual/frameworks/ does not exist
    (a frozen edition's sources, whose mappings live outside the edition)."""

    frameworks: list[Framework] = field(default_factory=list)
    #: The records register's names of the records (id -> text), which the rows name as evidence.
    records: dict[str, Text] = field(default_factory=dict)
    mentions: list[ClauseMention] = field(default_factory=list)
    #: The name, edition and source of every file, searched for the documents they cite.
    citing: list[CitingText] = field(default_factory=list)

    def get(self, framework_id: str) -> Framework | None:
        return next((framework for framework in self.frameworks if framework.id == framework_id), None)


def text(value: Mapping[str, str]) -> Text:
    return Text({language: value[language] for language in LANGUAGES})


def optional_text(value: Mapping[str, str] | None) -> Text | None:
    return text(value) if value else None


def process_problems(loaded: DataFile, where: JsonPath, processes: Sequence[str], clauses: Sequence[str],
                     subject: str, repository: Repository, model: ProcessModel) -> list[Diagnostic]:
    """Every process a row names exists and is governed by one of the row's clauses."""
    return [problem for position, process_id in enumerate(processes)
            if (problem := process_problem(loaded, where + ("processes", position), process_id, clauses, subject,
                                           repository, model))]


def process_problem(loaded: DataFile, path: JsonPath, process_id: str, clauses: Sequence[str], subject: str,
                    repository: Repository, model: ProcessModel) -> Diagnostic | None:
    """Why the process named at ``path`` cannot be named there: it does not exist, or none of
    ``clauses`` governs it; None when it can."""
    process = model.processes.get(process_id)
    if process is None:
        if (repository.processes / f"{process_id}.yml").is_file():  # its own error says why
            return None
        return loaded.at(path, Message("coverage.unknown_process", process=process_id),
                         did_you_mean(process_id, model.processes) or Message("coverage.unknown_process.hint"))
    if not set(process.clauses) & set(clauses):
        return loaded.at(path, Message("coverage.process_not_governed", process=process_id, subject=subject),
                         Message("coverage.process_not_governed.hint", process=process_id,
                                 clauses=listing(process.clauses), listed=listing(clauses)))
    return None


def number_problems(loaded: DataFile, where: JsonPath, key: str, value: Mapping[str, str] | None,
                    listed: str) -> list[Diagnostic]:
    """A text about the manual names no clause number: it would be neither linked nor checked."""
    return [loaded.at(where + (key, language), Message("coverage.number_in_note", key=listed, number=match.group()),
                      Message("coverage.number_in_note.hint"))
            for language, words in (value or {}).items() if (match := NUMBER_IN_TEXT.search(words))]


def duplicate_problems(loaded: DataFile, key: str, id_key: str, listed: str) -> list[Diagnostic]:
    """Each requirement has one row."""
    seen: set[str] = set()
    problems = []
    for index, row in enumerate(loaded.value[key]):
        if row[id_key] in seen:
            problems.append(loaded.at((key, index, id_key), Message("coverage.twice", key=listed, number=row[id_key]),
                                      Message("coverage.twice.hint")))
        seen.add(row[id_key])
    return problems


def record_problems(loaded: DataFile, where: JsonPath, evidence: Sequence[str],
                    records: Mapping[str, Text]) -> list[Diagnostic]:
    """Every record a row names is one of the records register."""
    return [loaded.at(where + ("evidence", position), Message("framework.unknown_record", record=record),
                      did_you_mean(record, records) or Message("framework.unknown_record.hint"))
            for position, record in enumerate(evidence) if record not in records]


def load_frameworks(repository: Repository, schemas: Schemas, model: ProcessModel,
                    records: Mapping[str, Text] | None) -> tuple[Frameworks, list[Diagnostic]]:
    """Read and check manual/frameworks/, every file by id; ``records`` are the records
    register's names (None: processes/records.yml did not load; an error where frameworks exist
    and it is missing, and its own errors say what is wrong with it otherwise)."""
    folder = repository.frameworks
    if not folder.is_dir():
        return Frameworks(), []
    report: list[Diagnostic] = []
    if records is None and not (repository.root / RECORDS_REGISTER).is_file():
        report.append(Diagnostic(RECORDS_REGISTER, None, Message("data.file_missing", name=RECORDS_REGISTER),
                                 Message("data.file_missing.hint")))
    loaded: dict[str, DataFile] = {}
    for path in sorted(folder.glob("*.yml")):
        if data := read_data_file(path, repository.display(path), schemas.schema(FRAMEWORK_SCHEMA), report):
            loaded[path.stem] = data
    known: dict[str, Framework] = {}
    # a file that extends another is read after it
    order = sorted(loaded, key=lambda ident: (loaded[ident].value.get("extends") is not None, ident))
    found = Frameworks(records=dict(records or {}))
    for ident in order:
        data = loaded[ident]
        framework, problems = _framework(ident, data, known, records, repository, model)
        report += problems
        if framework is not None:
            known[ident] = framework
            found.frameworks.append(framework)
        found.mentions += clause_mentions(data)
        found.citing += citing_texts(data, CITING_FIELDS)
    found.frameworks.sort(key=lambda framework: framework.id)
    return found, report


def _framework(ident: str, data: DataFile, known: Mapping[str, Framework], records: Mapping[str, Text] | None,
               repository: Repository, model: ProcessModel) -> tuple[Framework | None, list[Diagnostic]]:
    value = data.value
    name = text(value["name"])
    problems = duplicate_problems(data, "rows", "id", ident)
    rows = []
    for index, row_value in enumerate(value["rows"]):
        row = _row(row_value)
        rows.append(row)
        problems += row_problems(data, ("rows", index), row, f"{ident} {row.id}", records, repository, model)
    base_id = value.get("extends")
    removed = value.get("removed", [])
    if base_id is not None:
        base = known.get(base_id)
        if base is None:
            return None, problems + [data.at(("extends",), Message("framework.unknown_base", framework=base_id),
                                             did_you_mean(base_id, known) or Message("framework.unknown_base.hint"))]
        problems += [data.at(("removed", position), Message("framework.unknown_requirement", framework=base.id,
                                                            requirement=requirement),
                             did_you_mean(requirement, [row.id for row in base.rows]) or
                             Message("framework.unknown_requirement.hint", framework=base.id))
                     for position, requirement in enumerate(removed) if requirement not in base.ids()]
        rows = _extended(base.rows, rows, set(removed))
    elif removed:
        problems.append(data.at(("removed",), Message("framework.removed_without_base"),
                                Message("framework.removed_without_base.hint")))
    framework = Framework(ident, name, text(value["edition"]), text(value["source"]),
                          dt.date.fromisoformat(value["as_of"]), tuple(rows), value.get("provisional", False),
                          data.display)
    return framework, problems


def _row(value: Mapping[str, Any]) -> Row:
    return Row(value["id"], text(value["title"]), Status(value["status"]), tuple(value.get("clauses", ())),
               tuple(value.get("processes", ())), tuple(value.get("evidence", ())), optional_text(value.get("gap")),
               optional_text(value.get("note")))


def row_problems(data: DataFile, where: JsonPath, row: Row, subject: str, records: Mapping[str, Text] | None,
                 repository: Repository, model: ProcessModel) -> list[Diagnostic]:
    """A row's status agrees with what it names: addressed or partly names the manual's
    clauses; anything but addressed says in words what is missing (or why it does not apply);
    its processes and records exist; its words name no clause number."""
    problems = []
    if row.status in (Status.ADDRESSED, Status.PARTLY) and not row.clauses:
        problems.append(data.at(where + ("status",), Message("framework.no_clauses", subject=subject,
                                                             status=row.status.value),
                                Message("framework.no_clauses.hint")))
    if (row.gap is None) != (row.status is Status.ADDRESSED):
        key = "framework.gap_missing" if row.gap is None else "framework.gap_but_addressed"
        problems.append(data.at(where + ("status",), Message(key, subject=subject, status=row.status.value),
                                Message(f"{key}.hint")))
    problems += process_problems(data, where, row.processes, row.clauses, subject, repository, model)
    if records is not None:  # else the register's own errors say why it did not load
        problems += record_problems(data, where, row.evidence, records)
    value = data.value
    for step in where:
        value = value[step]
    problems += number_problems(data, where, "gap", value.get("gap"), subject)
    return problems


def _extended(base: Sequence[Row], rows: Sequence[Row], removed: set[str]) -> list[Row]:
    """The base's rows less ``removed``, each replaced by this file's row of the same id, and this
    file's new rows; in the order a reader counts clauses."""
    own = {row.id: row for row in rows}
    merged = {row.id: own.get(row.id, row) for row in base if row.id not in removed}
    merged.update(own)
    return sorted(merged.values(), key=lambda row: tuple(int(part) for part in row.id.split(".")))


def status_of(partly: object, gap: object) -> Status:
    """The status of an ISO 9001:2008 row of manual/standards/iso9001.yml, which says it by its notes."""
    if gap is not None:
        return Status.GAP
    return Status.PARTLY if partly is not None else Status.ADDRESSED
