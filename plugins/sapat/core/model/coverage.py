"""ISO 9001 coverage (``manual/standards/iso9001.yml``): for each clause of ISO 9001:2008, the
clause of ISO 9001:2015 that replaced it, the manual's clauses and processes that address it and
the records that would show it. The file is part of the manual's sources, so every edition
carries its own; the draft's is also the ISO 9001:2008 framework of the criteria pages
(:meth:`Coverage.framework`), beside the frameworks of ``manual/frameworks/`` (:mod:`.frameworks`).
Before those mapped every ISO 9001:2015 requirement, the file listed the ones the manual did not
yet address (``iso2015_gaps``); a frozen edition's file still does.

The file is checked against ``schemas/coverage.schema.json`` first; what a schema cannot say
(a row names clauses or a gap, a process exists and is governed by one of the row's clauses, a
record of the records register exists, an ISO 9001:2015 clause is one of
manual/frameworks/iso9001-2015.yml) is checked here with file and line. The clauses the file names
are collected in :attr:`Coverage.mentions` for the caller, which holds the manual's clause index;
the words of its edition and source in :attr:`Coverage.citing`, searched for the documents they cite.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ..diagnostics import Diagnostic, did_you_mean
from ..i18n.messages import Message
from ..sources.data_files import ClauseMention, DataFile, Schemas, clause_mentions, read_data_file
from ..sources.repository import Repository
from .frameworks import (
    CitingText,
    Framework,
    Frameworks,
    Row,
    citing_texts,
    duplicate_problems,
    number_problems,
    process_problems,
    record_problems,
    status_of,
    text,
)
from .processes import ProcessModel, Text

COVERAGE_FILE = "standards/iso9001.yml"  # inside manual/
COVERAGE_SCHEMA = "coverage.schema.json"
#: The framework the ISO 9001:2008 rows name the clauses of (their ``iso2015`` lists).
ISO_2015 = "iso9001-2015"
#: How reviewers name the edition the manual follows.
ISO_2008 = Text({"ky": "ISO 9001:2008 / ГОСТ ISO 9001-2011", "ru": "ISO 9001:2008 / ГОСТ ISO 9001-2011"})
#: The notes of each list; a clause number written in one would be neither linked nor checked.
NOTES = {"matrix": ("partly", "gap"), "iso2015_gaps": ("note",)}


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
    #: Ids of the records register (processes/records.yml): the records that would show it.
    evidence: tuple[str, ...] = ()

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
    #: The edition mapped and the day the ratings were made or checked (a frozen edition's file
    #: has neither: it is no framework of the criteria pages).
    edition: Text | None = None
    as_of: dt.date | None = None
    display: str = COVERAGE_FILE
    citing: list[CitingText] = field(default_factory=list)

    def counts(self) -> dict[Extent, int]:
        """How many ISO 9001:2008 clauses (headings aside) are addressed fully, partly or not."""
        rows = [r.extent for r in self.requirements if not r.heading]
        return {extent: rows.count(extent) for extent in Extent}

    def framework(self) -> Framework | None:
        """The clauses of ISO 9001:2008 as a framework of the criteria pages: a row per clause,
        headings aside (their sub-clauses say how far they are addressed)."""
        if self.source is None or self.edition is None or self.as_of is None:
            return None
        rows = tuple(Row(r.number, r.title, status_of(r.partly, r.gap), r.clauses, r.processes, r.evidence,
                         r.gap or r.partly) for r in self.requirements if not r.heading)
        return Framework("iso9001-2008", ISO_2008, self.edition, self.source, self.as_of, rows, display=self.display)


def load_coverage(repository: Repository, schemas: Schemas, model: ProcessModel,
                  frameworks: Frameworks) -> tuple[Coverage, list[Diagnostic]]:
    """Read and check the coverage file; the processes it names are looked up in ``model``, its
    records and ISO 9001:2015 clauses in ``frameworks`` (when manual/frameworks/ exists)."""
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
        if frameworks.records:
            report += record_problems(loaded, ("matrix", index), requirement.evidence, frameworks.records)
        if (iso2015 := frameworks.get(ISO_2015)) is not None:
            report += _iso2015_problems(loaded, index, requirement, iso2015)
    report += duplicate_problems(loaded, "matrix", "iso2008", "matrix")
    gaps = value.get("iso2015_gaps", [])
    report += duplicate_problems(loaded, "iso2015_gaps", "iso2015", "iso2015_gaps") if gaps else []
    report += _numbers_in_notes(loaded)
    new = tuple(NewRequirement(g["iso2015"], text(g["title"]), tuple(g.get("clauses", ())), text(g["note"]))
                for g in gaps)
    edition, as_of = value.get("edition"), value.get("as_of")
    return Coverage(text(value["source"]), requirements, new, clause_mentions(loaded),
                    text(edition) if edition else None, dt.date.fromisoformat(as_of) if as_of else None,
                    display, citing_texts(loaded, ("edition", "source"))), report


def _has_sub_clauses(number: str, numbers: list[str]) -> bool:
    return any(other.startswith(number + ".") for other in numbers)


def _requirement(row: Mapping[str, Any], heading: bool) -> Requirement:
    partly, gap = row.get("partly"), row.get("gap")
    return Requirement(row["iso2008"], text(row["title"]), tuple(row["iso2015"]), tuple(row.get("clauses", ())),
                       tuple(row.get("processes", ())), text(partly) if partly else None,
                       text(gap) if gap else None, heading, tuple(row.get("evidence", ())))


def _iso2015_problems(loaded: DataFile, index: int, requirement: Requirement, iso2015: Framework) -> list[Diagnostic]:
    """Every ISO 9001:2015 clause a row names is one of manual/frameworks/iso9001-2015.yml (or a heading
    above one)."""
    known = iso2015.ids()
    return [loaded.at(("matrix", index, "iso2015", position),
                      Message("framework.unknown_requirement", framework=iso2015.id, requirement=number),
                      did_you_mean(number, known) or Message("framework.unknown_requirement.hint",
                                                              framework=iso2015.id))
            for position, number in enumerate(requirement.iso2015) if number not in known]


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
    problems += process_problems(loaded, where, requirement.processes, requirement.clauses,
                                 f"ISO 9001:2008 {number}", repository, model)
    return problems


def _numbers_in_notes(loaded: DataFile) -> list[Diagnostic]:
    """Notes name no clause numbers: the row's columns carry them, where they are checked."""
    return [problem for key, note_keys in NOTES.items() for index, row in enumerate(loaded.value.get(key, []))
            for note_key in note_keys for problem in number_problems(loaded, (key, index), note_key,
                                                                     row.get(note_key), key)]
