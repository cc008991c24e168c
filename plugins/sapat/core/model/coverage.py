"""ISO 9001 coverage (``manual/standards/iso9001.yml``): for each clause of ISO 9001:2008, the
clause of ISO 9001:2015 that replaced it and the manual's clauses and processes that address it;
then the ISO 9001:2015 requirements the manual does not yet address.

The file is checked against ``schemas/coverage.schema.json`` first; what a schema cannot say
(a row names clauses or a gap, a process exists and is governed by one of the row's clauses)
is checked here with file and line. The clauses the file names are collected in
:attr:`Coverage.mentions` for the caller, which holds the manual's clause index.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ..diagnostics import Diagnostic, did_you_mean
from ..i18n.languages import LANGUAGES
from ..i18n.messages import Message, listing
from ..sources.data_files import ClauseMention, DataFile, Schemas, clause_mentions, read_data_file
from ..sources.repository import Repository
from .processes import ProcessModel, Text

COVERAGE_FILE = "standards/iso9001.yml"  # inside manual/
COVERAGE_SCHEMA = "coverage.schema.json"
#: The notes of each list; a clause number written in one would be neither linked nor checked.
NOTES = {"matrix": ("partly", "gap"), "iso2015_gaps": ("note",)}
NUMBER_IN_TEXT = re.compile(r"(?<![\d:.])\d+(?:\.\d+)+")


class Extent(StrEnum):
    """How much of a requirement the manual's text addresses."""

    FULL = "full"
    PARTIAL = "partial"
    GAP = "gap"


@dataclass(frozen=True)
class Requirement:
    """A clause of ISO 9001:2008 and where the manual addresses it."""

    number: str
    title: Text
    iso2015: tuple[str, ...]
    clauses: tuple[str, ...]
    processes: tuple[str, ...]
    #: What the manual's clauses leave out of the requirement.
    partly: Text | None
    #: Why no clause of the manual addresses the requirement.
    gap: Text | None
    #: True when its sub-clauses are listed too: their rows say how far it is addressed.
    heading: bool = False

    @property
    def extent(self) -> Extent:
        if self.gap is not None:
            return Extent.GAP
        return Extent.PARTIAL if self.partly is not None else Extent.FULL


@dataclass(frozen=True)
class NewRequirement:
    """A requirement of ISO 9001:2015 that the manual does not yet address, or only in part."""

    number: str
    title: Text
    clauses: tuple[str, ...]
    note: Text

    @property
    def extent(self) -> Extent:
        return Extent.PARTIAL if self.clauses else Extent.GAP


@dataclass
class Coverage:
    """The loaded coverage file; empty when it could not be read (the reason is reported)."""

    source: Text | None = None
    requirements: tuple[Requirement, ...] = ()
    gaps_2015: tuple[NewRequirement, ...] = ()
    #: Every clause of the manual the file names, with line.
    mentions: list[ClauseMention] = field(default_factory=list)

    def counts(self) -> dict[Extent, int]:
        """How many ISO 9001:2008 clauses (headings aside) are addressed fully, partly or not."""
        rows = [r.extent for r in self.requirements if not r.heading]
        return {extent: rows.count(extent) for extent in Extent}


def load_coverage(repository: Repository, schemas: Schemas,
                  model: ProcessModel) -> tuple[Coverage, list[Diagnostic]]:
    """Read and check the coverage file; the processes it names are looked up in ``model``."""
    path = repository.manual / COVERAGE_FILE
    display = repository.display(path)
    if not path.is_file():
        return Coverage(), [Diagnostic(display, None, Message("coverage.missing", path=display),
                                       Message("coverage.missing.hint"))]
    report: list[Diagnostic] = []
    loaded = read_data_file(path, display, schemas.schema(COVERAGE_SCHEMA), report)
    if loaded is None:
        return Coverage(), report
    value = loaded.value
    numbers = [row["iso2008"] for row in value["matrix"]]
    requirements = tuple(_requirement(row, _has_sub_clauses(row["iso2008"], numbers))
                         for row in value["matrix"])
    for index, requirement in enumerate(requirements):
        report += _requirement_problems(loaded, index, requirement, repository, model)
    report += _duplicates(loaded, "matrix", "iso2008")
    report += _duplicates(loaded, "iso2015_gaps", "iso2015")
    report += _numbers_in_notes(loaded)
    gaps = tuple(NewRequirement(g["iso2015"], _text(g["title"]), tuple(g.get("clauses", ())), _text(g["note"]))
                 for g in value["iso2015_gaps"])
    return Coverage(_text(value["source"]), requirements, gaps, clause_mentions(loaded)), report


def _text(value: Mapping[str, str]) -> Text:
    return Text({lang: value[lang] for lang in LANGUAGES})


def _has_sub_clauses(number: str, numbers: list[str]) -> bool:
    return any(other.startswith(number + ".") for other in numbers)


def _requirement(row: Mapping[str, Any], heading: bool) -> Requirement:
    partly, gap = row.get("partly"), row.get("gap")
    return Requirement(row["iso2008"], _text(row["title"]), tuple(row["iso2015"]), tuple(row.get("clauses", ())),
                       tuple(row.get("processes", ())), _text(partly) if partly else None,
                       _text(gap) if gap else None, heading)


def _requirement_problems(loaded: DataFile, index: int, requirement: Requirement,
                          repository: Repository, model: ProcessModel) -> list[Diagnostic]:
    """A row names the manual's clauses or states a gap, never both; a heading's sub-clauses
    carry its coverage; every process exists and is governed by one of the row's clauses."""
    where, number = ("matrix", index), requirement.number
    problems = []
    if requirement.gap is None and not requirement.clauses:
        problems.append(loaded.at(where, Message("coverage.nothing", number=number),
                                  Message("coverage.nothing.hint")))
    if requirement.gap is not None and (requirement.clauses or requirement.partly or requirement.processes):
        problems.append(loaded.at(where + ("gap",), Message("coverage.gap_and_clauses", number=number),
                                  Message("coverage.gap_and_clauses.hint")))
    if requirement.heading and (requirement.partly or requirement.gap):
        key = "partly" if requirement.partly else "gap"
        problems.append(loaded.at(where + (key,), Message("coverage.heading_note", number=number),
                                  Message("coverage.heading_note.hint", key=key)))
    for position, process_id in enumerate(requirement.processes):
        path = where + ("processes", position)
        process = model.processes.get(process_id)
        if process is None:
            if not (repository.processes / f"{process_id}.yml").is_file():  # else its own error says why
                problems.append(loaded.at(path, Message("coverage.unknown_process", process=process_id),
                                          did_you_mean(process_id, model.processes) or
                                          Message("coverage.unknown_process.hint")))
        elif not set(process.clauses) & set(requirement.clauses):
            problems.append(loaded.at(path, Message("coverage.process_not_governed", process=process_id,
                                                    number=number),
                                      Message("coverage.process_not_governed.hint", process=process_id,
                                              clauses=listing(process.clauses),
                                              listed=listing(requirement.clauses))))
    return problems


def _duplicates(loaded: DataFile, key: str, number_key: str) -> list[Diagnostic]:
    seen: set[str] = set()
    problems = []
    for index, row in enumerate(loaded.value[key]):
        number = row[number_key]
        if number in seen:
            problems.append(loaded.at((key, index, number_key), Message("coverage.twice", key=key, number=number),
                                      Message("coverage.twice.hint")))
        seen.add(number)
    return problems


def _numbers_in_notes(loaded: DataFile) -> list[Diagnostic]:
    """Notes name no clause numbers: the row's columns carry them, where they are checked."""
    problems = []
    for key, note_keys in NOTES.items():
        for index, row in enumerate(loaded.value[key]):
            for note_key in note_keys:
                for language, text in row.get(note_key, {}).items():
                    if match := NUMBER_IN_TEXT.search(text):
                        problems.append(loaded.at((key, index, note_key, language),
                                                  Message("coverage.number_in_note", key=key, number=match.group()),
                                                  Message("coverage.number_in_note.hint")))
    return problems
