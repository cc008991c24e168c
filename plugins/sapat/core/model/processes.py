"""The university's processes, Appendix 1, Appendix 2 and the quality objectives, from YAML.

``processes/`` holds one file per process (``<id>.yml``) plus four files with fixed names:
``roles.yml`` (the roles the manual names), ``model.yml`` (Appendix 1 and the interested
parties), ``pdca.yml`` (Appendix 2) and ``objectives.yml`` (the objectives of 2.2), and the
registers the quality department keeps (:data:`REGISTER_FILES`, read by :mod:`.registers`); any
other file is an error. Every file is checked against its JSON Schema first; only files that pass
are turned into objects, so nothing downstream (diagrams, pages) ever sees malformed data.
References between files (owners, hand-overs, parties, arrows) are checked here with file and
line; the clauses the files name are collected in :attr:`ProcessModel.mentions` for the caller,
which holds the manual's clause index.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, did_you_mean
from ..i18n.languages import LANGUAGES
from ..i18n.messages import Message, listing
from ..sources.data_files import ClauseMention, DataFile, Schemas, clause_mentions, duplicate_ids, read_data_file
from ..sources.files import JsonPath
from ..sources.repository import Repository
from .roles import ROLES_FILE, Roles

KINDS = ("management", "core", "support")
PHASES = ("plan", "do", "check", "act")
MODEL_FILE, PDCA_FILE, OBJECTIVES_FILE = "model.yml", "pdca.yml", "objectives.yml"
SCHEMAS = {MODEL_FILE: "model.schema.json", PDCA_FILE: "pdca.schema.json",
           OBJECTIVES_FILE: "objectives.schema.json", ROLES_FILE: "roles.schema.json"}
PROCESS_SCHEMA = "process.schema.json"
RECORDS_FILE, EXTERNAL_FILE = "records.yml", "external-documents.yml"
UNITS_FILE, RETURNS_FILE = "units.yml", "acknowledgements.yml"
#: The registers kept in processes/ beside the processes (read by :mod:`.registers`), each with
#: its schema; no process file has these names.
REGISTER_FILES = {RECORDS_FILE: "records.schema.json", EXTERNAL_FILE: "external-documents.schema.json",
                  UNITS_FILE: "units.schema.json", RETURNS_FILE: "acknowledgements.schema.json"}
#: The programme of internal audits, read by :mod:`.audits`.
AUDITS_FILE = "audit-programme.yml"
#: The keys that make a YAML file of processes/ a process (the others have fixed names).
PROCESS_KEYS = ("id", "kind")


# --------------------------------------------------------------------------- data classes

@dataclass(frozen=True)
class Text:
    """The same words in every language of the manual."""

    by_language: Mapping[str, str]

    def get(self, lang: str) -> str:
        """The text in ``lang``."""
        if lang not in self.by_language:
            raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
        return self.by_language[lang]


@dataclass(frozen=True)
class Item:
    """A bilingual line of a list (an input, an output, a resource...) and where the manual says it."""

    text: Text
    clause: str | None = None


@dataclass(frozen=True)
class HandOver:
    """A process passing its result on to another one, the clause that says so, and what it
    passes on (empty when the data do not say)."""

    target: str
    clause: str
    what: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Process:
    """One process of the QMS as its YAML file describes it."""

    id: str
    name: Text
    kind: str
    owner: str
    owner_clauses: tuple[str, ...]
    summary: Item | None
    clauses: tuple[str, ...]
    inputs: tuple[Item, ...]
    outputs: tuple[Item, ...]
    suppliers: tuple[str, ...]
    customers: tuple[str, ...]
    resources: tuple[Item, ...]
    indicators: tuple[Item, ...]
    hands_over_to: tuple[HandOver, ...]
    path: str


@dataclass(frozen=True)
class Party:
    """An interested party (customer, supplier, authority) and its requirements."""

    id: str
    name: Text
    clause: str
    requirements: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Block:
    """A block of Appendix 1 and its place on the figure's grid."""

    id: str
    title: Text
    subtitle: Text | None
    clauses: tuple[str, ...]
    parties: tuple[str, ...]
    column: int
    row: int
    columns: int = 1
    rows: int = 1


@dataclass(frozen=True)
class ModelArrow:
    """An arrow of Appendix 1: ``kind`` is "value" (value-adding activity) or "information"."""

    source: str
    target: str
    kind: str
    label: Text | None = None


@dataclass(frozen=True)
class Appendix1:
    """The process-based model of the QMS (Appendix 1)."""

    caption: Text
    legend: Mapping[str, Text]
    parties: tuple[Party, ...]
    blocks: tuple[Block, ...]
    arrows: tuple[ModelArrow, ...]


@dataclass(frozen=True)
class Phase:
    """One phase of the PDCA cycle: the manual's wording and the clauses that carry it out."""

    id: str
    name: Text
    text: Text
    clauses: tuple[str, ...]

    @property
    def letter(self) -> str:
        """P, D, C or A."""
        return self.id[0].upper()


@dataclass(frozen=True)
class Pdca:
    """The PDCA cycle of section 3 (Appendix 2)."""

    clause: str
    caption: Text
    phases: tuple[Phase, ...]


@dataclass(frozen=True)
class Value:
    """A value of an objective's indicator in one year, and the line it is written on."""

    year: int
    value: float
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Target:
    """The value an objective is to reach, and which way counts as reaching it."""

    value: float
    #: "higher": reached at or above :attr:`value`; "lower": at or below it.
    better: str

    def reached(self, value: float) -> bool:
        return value >= self.value if self.better == "higher" else value <= self.value


@dataclass(frozen=True)
class Objective:
    """A quality objective of 2.2; the SMART fields and the values stay empty until the
    rectorate sets them and the quality department measures them."""

    id: str
    text: Text
    indicator: Text | None = None
    target: Target | None = None
    due: str | None = None
    owner: str | None = None
    unit: Text | None = None
    baseline: Value | None = None
    #: The values measured, by year (as the file lists them).
    measured: tuple[Value, ...] = ()

    def missing_smart_fields(self) -> tuple[str, ...]:
        """Which of indicator, unit, target, due, owner are not set yet."""
        return tuple(name for name in ("indicator", "unit", "target", "due", "owner")
                     if getattr(self, name) is None)

    @property
    def measurable(self) -> bool:
        """Measurable once it says what is measured, in what unit, and what value counts as reached."""
        return self.indicator is not None and self.unit is not None and self.target is not None

    def value_in(self, year: int) -> Value | None:
        """The value measured in ``year``, if one was."""
        return next((value for value in self.measured if value.year == year), None)

    def series(self) -> tuple[Value, ...]:
        """The baseline and the values measured, by year: what its chart draws."""
        return tuple(sorted(((self.baseline,) if self.baseline else ()) + self.measured, key=lambda v: v.year))


@dataclass(frozen=True)
class Objectives:
    """The register of quality objectives, and the file it is read from."""

    clauses: tuple[str, ...]
    items: tuple[Objective, ...]
    display: str = OBJECTIVES_FILE


@dataclass
class ProcessModel:
    """Everything loaded from ``processes/``; parts that failed validation are absent (None)."""

    processes: dict[str, Process] = field(default_factory=dict)
    appendix1: Appendix1 | None = None
    pdca: Pdca | None = None
    objectives: Objectives | None = None
    roles: Roles = field(default_factory=Roles)
    #: Every clause the YAML files name, with file and line, in file order.
    mentions: list[ClauseMention] = field(default_factory=list)

    def process(self, process_id: str) -> Process:
        """The process with ``process_id``; a KeyError names the known ones."""
        try:
            return self.processes[process_id]
        except KeyError:
            hint = did_you_mean(process_id, self.processes) or "no such process"
            raise KeyError(f"unknown process '{process_id}': {hint}") from None

    def hand_overs(self) -> list[tuple[Process, Process, HandOver]]:
        """Every (from, to, hand-over) whose target exists, in file order."""
        return [(p, self.processes[h.target], h) for p in self.processes.values()
                for h in p.hands_over_to if h.target in self.processes]

    def received_from(self, process_id: str) -> list[Process]:
        """The processes that hand over to ``process_id``."""
        return [source for source, target, _ in self.hand_overs() if target.id == process_id]

    def handed_to(self, process_id: str) -> list[Process]:
        """The processes ``process_id`` hands over to."""
        return [target for source, target, _ in self.hand_overs() if source.id == process_id]

    def party(self, party_id: str) -> Party | None:
        """The interested party with ``party_id`` (None when Appendix 1 did not load)."""
        parties = self.appendix1.parties if self.appendix1 else ()
        return next((p for p in parties if p.id == party_id), None)

    def party_name(self, party_id: str, lang: str) -> str:
        """A party's name, or its id when Appendix 1 does not know it."""
        party = self.party(party_id)
        return party.name.get(lang) if party else party_id


# --------------------------------------------------------------------------- loading

class _Report:
    """Collects diagnostics; each names the file and the line of the offending YAML key."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []

    def add(self, loaded: DataFile, path: JsonPath, message: Message, hint: Message | None = None) -> None:
        self.diagnostics.append(loaded.at(path, message, hint))


def load_process_model(repository: Repository,
                       schemas: Schemas) -> tuple[ProcessModel, list[Diagnostic]]:
    """Read, validate and cross-check every YAML file of ``processes/``.

    Display paths are relative to the repository, so that editors see
    ``processes/internal-audit.yml:12``.
    """
    report = _Report()
    unreadable: set[str] = set()
    files = _read_files(repository, schemas, report, unreadable)
    model = ProcessModel(roles=Roles.from_file(files.get(ROLES_FILE)))
    model.appendix1 = _build(files.get(MODEL_FILE), _appendix1)
    model.pdca = _build(files.get(PDCA_FILE), _pdca)
    model.objectives = _objectives(files[OBJECTIVES_FILE]) if OBJECTIVES_FILE in files else None
    # A file whose id matches its name goes first, so a copied file is the one told it clashes.
    process_files = sorted((loaded for name, loaded in files.items() if name not in SCHEMAS),
                           key=lambda loaded: loaded.value["id"] != Path(loaded.display).stem)
    for loaded in process_files:
        process = _process(loaded)
        if _check_process_identity(loaded, process, model, report):
            model.processes[process.id] = process
    for loaded in process_files:
        _check_process_links(loaded, model, unreadable, report)
    if MODEL_FILE in files:
        _check_appendix1(files[MODEL_FILE], report)
    if OBJECTIVES_FILE in files:
        _check_objectives(files[OBJECTIVES_FILE], model.roles, report)
    model.mentions = [mention for loaded in files.values() for mention in clause_mentions(loaded)]
    return model, report.diagnostics


def _read_files(repository: Repository, schemas: Schemas, report: _Report,
                unreadable: set[str]) -> dict[str, DataFile]:
    """Every ``*.yml`` that parses and passes its schema, by file name, in name order.

    The names of the files that do not are added to ``unreadable``: a hand-over to such a
    process is not reported again, its file's own error says what to fix.
    """
    folder = repository.processes
    found: dict[str, DataFile] = {}
    for path in sorted(folder.glob("*.yaml")):
        report.diagnostics.append(Diagnostic(repository.display(path), None, Message("data.yaml_extension"),
                                             Message("data.yaml_extension.hint", name=f"{path.stem}.yml")))
    for name in SCHEMAS:
        if not (folder / name).is_file():
            report.diagnostics.append(Diagnostic(repository.display(folder / name), None,
                                                 Message("data.file_missing", name=name),
                                                 Message("data.file_missing.hint")))
    for path in sorted(folder.glob("*.yml")):
        if path.name in REGISTER_FILES or path.name == AUDITS_FILE:
            continue
        display = repository.display(path)
        schema = SCHEMAS.get(path.name, PROCESS_SCHEMA)
        problems: list[Diagnostic] = []
        loaded = read_data_file(path, display, schemas.schema(schema), problems)
        if schema == PROCESS_SCHEMA and _not_a_process(problems):
            report.diagnostics.append(Diagnostic(
                display, 1, Message("data.not_a_process", name=path.name, files=listing(SCHEMAS)),
                Message("data.not_a_process.hint")))
            continue
        report.diagnostics.extend(problems)
        if loaded is None:
            unreadable.add(path.stem)
        else:
            found[path.name] = loaded
    return found


def _not_a_process(problems: list[Diagnostic]) -> bool:
    """A file that misses every key that makes a process was never meant to be one."""
    missing = {key for key in PROCESS_KEYS for d in problems
               if (problem := d.message.value("problem")) and isinstance(problem, Message)
               and problem.key == "schema.required" and problem.value("property") == key}
    return missing == set(PROCESS_KEYS)


def _build(loaded: DataFile | None, builder: Callable[[dict], Any]) -> Any:
    return builder(loaded.value) if loaded else None


def _text(value: Mapping[str, str]) -> Text:
    return Text({lang: value[lang] for lang in LANGUAGES})


def _optional_text(value: Mapping[str, str] | None) -> Text | None:
    return _text(value) if value else None


def _items(values: Iterable[Mapping[str, str]] | None) -> tuple[Item, ...]:
    return tuple(Item(_text(v), v.get("clause")) for v in values or ())


def _process(loaded: DataFile) -> Process:
    v = loaded.value
    summary = v.get("summary")
    return Process(
        id=v["id"], name=_text(v["name"]), kind=v["kind"], owner=v["owner"],
        owner_clauses=tuple(v["owner_clauses"]),
        summary=Item(_text(summary), summary.get("clause")) if summary else None,
        clauses=tuple(v["clauses"]), inputs=_items(v["inputs"]), outputs=_items(v["outputs"]),
        suppliers=tuple(v.get("suppliers", ())), customers=tuple(v.get("customers", ())),
        resources=_items(v.get("resources")), indicators=_items(v.get("indicators")),
        hands_over_to=tuple(HandOver(h["process"], h["clause"], _items(h.get("what")))
                            for h in v.get("hands_over_to", ())),
        path=loaded.display)


def _appendix1(v: dict) -> Appendix1:
    parties = tuple(Party(p["id"], _text(p), p["clause"], _items(p.get("requirements")))
                    for p in v["parties"])
    blocks = tuple(Block(b["id"], _text(b), _optional_text(b.get("subtitle")), tuple(b["clauses"]),
                         tuple(b.get("parties", ())), b["column"], b["row"], b.get("columns", 1),
                         b.get("rows", 1)) for b in v["blocks"])
    arrows = tuple(ModelArrow(a["from"], a["to"], a["kind"], _optional_text(a.get("label")))
                   for a in v["arrows"])
    legend = {key: _text(value) for key, value in v["legend"].items()}
    return Appendix1(_text(v["caption"]), legend, parties, blocks, arrows)


def _pdca(v: dict) -> Pdca:
    phases = tuple(Phase(p["id"], _text(p["name"]), _text(p["text"]), tuple(p["clauses"]))
                   for p in v["phases"])
    return Pdca(v["clause"], _text(v["caption"]), phases)


def _objectives(loaded: DataFile) -> Objectives:
    def value(entry: dict | None, path: JsonPath) -> Value | None:
        return Value(entry["year"], entry["value"], loaded.data.line_of(path)) if entry else None

    items = []
    for index, o in enumerate(loaded.value["objectives"]):
        where: JsonPath = ("objectives", index)
        target = Target(o["target"]["value"], o["target"]["better"]) if "target" in o else None
        measured = tuple(Value(m["year"], m["value"], loaded.data.line_of((*where, "measured", n, "year")))
                         for n, m in enumerate(o.get("measured", ())))
        items.append(Objective(o["id"], _text(o), _optional_text(o.get("indicator")), target, o.get("due"),
                               o.get("owner"), _optional_text(o.get("unit")),
                               value(o.get("baseline"), (*where, "baseline", "year")), measured))
    return Objectives(tuple(loaded.value["clauses"]), tuple(items), loaded.display)


# --------------------------------------------------------------------------- cross-checks

def _check_process_identity(loaded: DataFile, process: Process, model: ProcessModel,
                            report: _Report) -> bool:
    """The id must match the file name and be unique; a duplicate is left out of the model."""
    stem = Path(loaded.display).stem
    if process.id != stem:
        report.add(loaded, ("id",), Message("process.id_differs", id=process.id, file=f"{stem}.yml"),
                   Message("process.id_differs.hint", stem=stem, file=f"{process.id}.yml"))
    if process.id in model.processes:
        first = model.processes[process.id].path
        report.add(loaded, ("id",), Message("process.id_used", id=process.id, other=first),
                   Message("process.id_used.hint"))
        return False
    return True


def _check_process_links(loaded: DataFile, model: ProcessModel, unreadable: set[str],
                         report: _Report) -> None:
    """Owner role, parties and hand-over targets must exist; cycles are fine, self-loops are not."""
    v = loaded.value
    _check_role(loaded, ("owner",), v["owner"], model.roles, report)
    party_ids = {p.id for p in model.appendix1.parties} if model.appendix1 else None
    for key in ("suppliers", "customers"):
        for index, party in enumerate(v.get(key, ())):
            if party_ids is not None and party not in party_ids:
                report.add(loaded, (key, index), Message("process.unknown_party", key=key, party=party),
                           did_you_mean(party, party_ids) or Message("process.unknown_party.hint"))
    seen: set[str] = set()
    for index, hand_over in enumerate(v.get("hands_over_to", ())):
        target = hand_over["process"]
        where = ("hands_over_to", index, "process")
        if target == v["id"]:
            report.add(loaded, where, Message("process.hands_over_to_itself", id=target),
                       Message("process.hands_over_to_itself.hint"))
        elif target not in model.processes and target not in unreadable:
            report.add(loaded, where, Message("process.unknown_target", target=target),
                       did_you_mean(target, model.processes) or
                       Message("process.unknown_target.hint", file=f"processes/{target}.yml"))
        elif target in seen:
            report.add(loaded, where, Message("process.hand_over_twice", target=target), Message("hint.keep_one"))
        seen.add(target)


def _check_role(loaded: DataFile, path: JsonPath, role: str, roles: Roles, report: _Report) -> None:
    problem = roles.unknown(role, loaded.display, loaded.data.line_of(path), str(path[-1]))
    if problem:
        report.diagnostics.append(problem)


def _check_unique_ids(loaded: DataFile, key: str, report: _Report) -> set[str]:
    report.diagnostics.extend(duplicate_ids(loaded, key))
    return {entry["id"] for entry in loaded.value[key]}


def _check_appendix1(loaded: DataFile, report: _Report) -> None:
    """Unique ids, known parties, arrows between known blocks, and no two blocks on one cell."""
    party_ids = _check_unique_ids(loaded, "parties", report)
    block_ids = _check_unique_ids(loaded, "blocks", report)
    occupied: dict[tuple[int, int], str] = {}
    for index, block in enumerate(loaded.value["blocks"]):
        for pos, party in enumerate(block.get("parties", ())):
            if party not in party_ids:
                report.add(loaded, ("blocks", index, "parties", pos), Message("model.unknown_party", party=party),
                           did_you_mean(party, party_ids) or Message("model.unknown_party.hint"))
        for cell in _cells(block):
            if cell in occupied:
                report.add(loaded, ("blocks", index, "column"),
                           Message("model.overlap", block=block["id"], other=occupied[cell], column=cell[0],
                                   row=cell[1]),
                           Message("model.overlap.hint"))
                break
            occupied[cell] = block["id"]
    for index, arrow in enumerate(loaded.value["arrows"]):
        for end in ("from", "to"):
            if arrow[end] not in block_ids:
                report.add(loaded, ("arrows", index, end), Message("model.unknown_block", end=end, block=arrow[end]),
                           did_you_mean(arrow[end], block_ids) or Message("model.unknown_block.hint"))
        if arrow["from"] == arrow["to"]:
            report.add(loaded, ("arrows", index), Message("model.self_arrow"), Message("model.self_arrow.hint"))


def _cells(block: Mapping[str, int]) -> Iterator[tuple[int, int]]:
    for column in range(block["column"], block["column"] + block.get("columns", 1)):
        for row in range(block["row"], block["row"] + block.get("rows", 1)):
            yield column, row


#: What an objective's field needs beside it to mean anything: a value is of an indicator, in a unit.
OBJECTIVE_NEEDS = {"unit": ("indicator",), "baseline": ("indicator", "unit"), "target": ("indicator", "unit"),
                   "due": ("target",), "measured": ("indicator", "unit")}


def _check_objectives(loaded: DataFile, roles: Roles, report: _Report) -> None:
    """Unique ids, known owners, each field with what it needs, one value per year and none
    before the baseline. (A year still to come depends on the day: checks/objectives.py.)"""
    _check_unique_ids(loaded, "objectives", report)
    for index, objective in enumerate(loaded.value["objectives"]):
        where: JsonPath = ("objectives", index)
        if "owner" in objective:
            _check_role(loaded, (*where, "owner"), objective["owner"], roles, report)
        for key, needed in OBJECTIVE_NEEDS.items():
            missing = [name for name in needed if name not in objective]
            if key in objective and missing:
                report.add(loaded, (*where, key), Message("objective.needs", id=objective["id"], key=key,
                                                          missing=listing(missing)),
                           Message("objective.needs.hint", key=key))
        baseline = objective.get("baseline", {}).get("year")
        years: set[int] = set()
        for number, value in enumerate(objective.get("measured", ())):
            year, at = value["year"], (*where, "measured", number, "year")
            if year in years:
                report.add(loaded, at, Message("objective.year_twice", id=objective["id"], year=year),
                           Message("objective.year_twice.hint"))
            elif baseline is not None and year < baseline:
                report.add(loaded, at, Message("objective.before_baseline", id=objective["id"], year=year,
                                               baseline=baseline),
                           Message("objective.before_baseline.hint"))
            years.add(year)
