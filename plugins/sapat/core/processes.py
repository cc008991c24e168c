"""The university's processes, Appendix 1, Appendix 2 and the quality objectives, from YAML.

``processes/`` holds one file per process (``<id>.yml``) plus three files with fixed names:
``model.yml`` (Appendix 1 and the interested parties), ``pdca.yml`` (Appendix 2) and
``objectives.yml`` (the objectives of 2.2). Every file is checked against its JSON Schema
first; only files that pass are turned into objects, so nothing downstream (diagrams, pages)
ever sees malformed data. References between files (owners, hand-overs, parties, arrows) are
checked here with file and line; references to clauses are handed to the caller through
:meth:`ProcessModel.clause_references`, because only the caller holds the manual's clause index.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

from .diagnostics import Diagnostic, SourceError, did_you_mean
from .layout import LANGUAGES
from .metadata import load_validator, schema_diagnostics
from .sources import JsonPath, YamlData, load_yaml_file

KINDS = ("management", "core", "support")
PHASES = ("plan", "do", "check", "act")
MODEL_FILE, PDCA_FILE, OBJECTIVES_FILE, ROLES_FILE = "model.yml", "pdca.yml", "objectives.yml", "roles.yml"
SCHEMAS = {MODEL_FILE: "model.schema.json", PDCA_FILE: "pdca.schema.json",
           OBJECTIVES_FILE: "objectives.schema.json"}
PROCESS_SCHEMA = "process.schema.json"


# --------------------------------------------------------------------------- data classes

@dataclass(frozen=True)
class Text:
    """The same words in both languages of the manual."""

    ky: str
    ru: str

    def get(self, lang: str) -> str:
        """The text in ``lang`` ("ky" or "ru")."""
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}; use one of {LANGUAGES}")
        return getattr(self, lang)


@dataclass(frozen=True)
class Item:
    """A bilingual line of a list (an input, an output, a resource...) and where the manual says it."""

    text: Text
    clause: str | None = None


@dataclass(frozen=True)
class HandOver:
    """A process passing its result on to another one, and the clause that says so."""

    target: str
    clause: str


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
class Objective:
    """A quality objective of 2.2; the SMART fields stay None until someone sets them."""

    id: str
    text: Text
    indicator: Text | None = None
    target: Text | None = None
    due: str | None = None
    owner: str | None = None

    def missing_smart_fields(self) -> tuple[str, ...]:
        """Which of indicator, target, due, owner are not set yet."""
        return tuple(name for name in ("indicator", "target", "due", "owner")
                     if getattr(self, name) is None)

    @property
    def measurable(self) -> bool:
        """Measurable once it says what is measured and what value counts as reached."""
        return self.indicator is not None and self.target is not None


@dataclass(frozen=True)
class Objectives:
    """The register of quality objectives."""

    clauses: tuple[str, ...]
    items: tuple[Objective, ...]


ClauseMention = tuple[str, str, int]


@dataclass
class ProcessModel:
    """Everything loaded from ``processes/``; parts that failed validation are absent (None)."""

    processes: dict[str, Process] = field(default_factory=dict)
    appendix1: Appendix1 | None = None
    pdca: Pdca | None = None
    objectives: Objectives | None = None
    role_names: dict[str, Text] = field(default_factory=dict)
    mentions: list[ClauseMention] = field(default_factory=list)

    def clause_references(self) -> list[ClauseMention]:
        """(clause id, display file, line) for every clause the YAML mentions, in file order."""
        return list(self.mentions)

    def process(self, process_id: str) -> Process:
        """The process with ``process_id``; a KeyError names the known ones."""
        try:
            return self.processes[process_id]
        except KeyError:
            hint = did_you_mean(process_id, self.processes) or "no such process"
            raise KeyError(f"unknown process '{process_id}': {hint}") from None

    def hand_overs(self) -> list[tuple[Process, Process, str]]:
        """Every (from, to, clause) whose target exists, in file order."""
        return [(p, self.processes[h.target], h.clause) for p in self.processes.values()
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

    def role_name(self, role_id: str, lang: str) -> str:
        """A role's name as roles.yml spells it, or its id when roles.yml has no name."""
        name = self.role_names.get(role_id)
        return name.get(lang) if name else role_id


# --------------------------------------------------------------------------- loading

@dataclass
class _Loaded:
    """A file that parsed and passed its schema."""

    display: str
    data: YamlData

    @property
    def value(self) -> Any:
        return self.data.value


class _Report:
    """Collects diagnostics; each names the file and the line of the offending YAML key."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []

    def add(self, loaded: _Loaded, path: JsonPath, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(loaded.display, loaded.data.line_of(path), message, hint))


def load_process_model(processes_dir: Path, display_root: Path, schemas_dir: Path,
                       roles: Mapping[str, Mapping[str, Any]]) -> tuple[ProcessModel, list[Diagnostic]]:
    """Read, validate and cross-check every YAML file of ``processes_dir``.

    ``roles`` are the roles of ``roles.yml`` by id (the caller loads and validates that file).
    Display paths are relative to ``display_root`` so that editors see
    ``processes/internal-audit.yml:12``.
    """
    role_ids = set(roles)
    report = _Report()
    unreadable: set[str] = set()
    files = _read_files(processes_dir, display_root, schemas_dir, report, unreadable)
    model = ProcessModel(role_names={rid: Text(str(r.get("ky", rid)), str(r.get("ru", rid)))
                                     for rid, r in roles.items()})
    model.appendix1 = _build(files.get(MODEL_FILE), _appendix1)
    model.pdca = _build(files.get(PDCA_FILE), _pdca)
    model.objectives = _build(files.get(OBJECTIVES_FILE), _objectives)
    # A file whose id matches its name goes first, so a copied file is the one told it clashes.
    process_files = sorted((loaded for name, loaded in files.items() if name not in SCHEMAS),
                           key=lambda loaded: loaded.value["id"] != Path(loaded.display).stem)
    for loaded in process_files:
        process = _process(loaded)
        if _check_process_identity(loaded, process, model, report):
            model.processes[process.id] = process
    for loaded in process_files:
        _check_process_links(loaded, model, role_ids, unreadable, report)
    if MODEL_FILE in files:
        _check_appendix1(files[MODEL_FILE], report)
    if OBJECTIVES_FILE in files:
        _check_objectives(files[OBJECTIVES_FILE], role_ids, report)
    model.mentions = [mention for loaded in files.values() for mention in _clause_mentions(loaded)]
    return model, report.diagnostics


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _read_files(processes_dir: Path, display_root: Path, schemas_dir: Path, report: _Report,
                unreadable: set[str]) -> dict[str, _Loaded]:
    """Every ``*.yml`` that parses and passes its schema, by file name, in name order.

    The names of the files that do not are added to ``unreadable``: a hand-over to such a
    process is not reported again, its file's own error says what to fix.
    """
    validators: dict[str, Any] = {}
    found: dict[str, _Loaded] = {}
    for path in sorted(processes_dir.glob("*.yaml")):
        report.diagnostics.append(Diagnostic(
            _display(path, display_root), None, "process data files end in .yml",
            f"rename it to {path.stem}.yml"))
    for name in SCHEMAS:
        if not (processes_dir / name).is_file():
            report.diagnostics.append(Diagnostic(
                _display(processes_dir / name, display_root), None, f"{name} is missing",
                "restore it from the repository's history"))
    for path in sorted(processes_dir.glob("*.yml")):
        if path.name == ROLES_FILE:
            continue
        display = _display(path, display_root)
        try:
            data = load_yaml_file(path, display)
        except SourceError as exc:
            report.diagnostics.append(exc.diagnostic)
            unreadable.add(path.stem)
            continue
        schema = SCHEMAS.get(path.name, PROCESS_SCHEMA)
        if schema not in validators:
            validators[schema] = load_validator(schemas_dir / schema)
        problems = schema_diagnostics(data, validators[schema], display)
        if problems:
            report.diagnostics.extend(problems)
            unreadable.add(path.stem)
            continue
        found[path.name] = _Loaded(display, data)
    return found


def _build(loaded: _Loaded | None, builder: Callable[[dict], Any]) -> Any:
    return builder(loaded.value) if loaded else None


def _text(value: Mapping[str, str]) -> Text:
    return Text(value["ky"], value["ru"])


def _optional_text(value: Mapping[str, str] | None) -> Text | None:
    return _text(value) if value else None


def _items(values: Iterable[Mapping[str, str]] | None) -> tuple[Item, ...]:
    return tuple(Item(_text(v), v.get("clause")) for v in values or ())


def _process(loaded: _Loaded) -> Process:
    v = loaded.value
    summary = v.get("summary")
    return Process(
        id=v["id"], name=_text(v["name"]), kind=v["kind"], owner=v["owner"],
        owner_clauses=tuple(v["owner_clauses"]),
        summary=Item(_text(summary), summary.get("clause")) if summary else None,
        clauses=tuple(v["clauses"]), inputs=_items(v["inputs"]), outputs=_items(v["outputs"]),
        suppliers=tuple(v.get("suppliers", ())), customers=tuple(v.get("customers", ())),
        resources=_items(v.get("resources")), indicators=_items(v.get("indicators")),
        hands_over_to=tuple(HandOver(h["process"], h["clause"]) for h in v.get("hands_over_to", ())),
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


def _objectives(v: dict) -> Objectives:
    items = tuple(Objective(o["id"], _text(o), _optional_text(o.get("indicator")),
                            _optional_text(o.get("target")), o.get("due"), o.get("owner"))
                  for o in v["objectives"])
    return Objectives(tuple(v["clauses"]), items)


# --------------------------------------------------------------------------- cross-checks

def _check_process_identity(loaded: _Loaded, process: Process, model: ProcessModel,
                            report: _Report) -> bool:
    """The id must match the file name and be unique; a duplicate is left out of the model."""
    stem = Path(loaded.display).stem
    if process.id != stem:
        report.add(loaded, ("id",), f"process id '{process.id}' differs from the file name '{stem}.yml'",
                   f"set 'id: {stem}' or rename the file to {process.id}.yml")
    if process.id in model.processes:
        first = model.processes[process.id].path
        report.add(loaded, ("id",), f"process id '{process.id}' is already used by {first}",
                   "give each process its own id")
        return False
    return True


def _check_process_links(loaded: _Loaded, model: ProcessModel, role_ids: set[str],
                         unreadable: set[str], report: _Report) -> None:
    """Owner role, parties and hand-over targets must exist; cycles are fine, self-loops are not."""
    v = loaded.value
    _check_role(loaded, ("owner",), v["owner"], role_ids, report)
    party_ids = {p.id for p in model.appendix1.parties} if model.appendix1 else None
    for key in ("suppliers", "customers"):
        for index, party in enumerate(v.get(key, ())):
            if party_ids is not None and party not in party_ids:
                report.add(loaded, (key, index), f"{key}: '{party}' is not an interested party "
                           "of processes/model.yml",
                           did_you_mean(party, party_ids) or "add the party to model.yml first")
    seen: set[str] = set()
    for index, hand_over in enumerate(v.get("hands_over_to", ())):
        target = hand_over["process"]
        where = ("hands_over_to", index, "process")
        if target == v["id"]:
            report.add(loaded, where, f"process '{target}' hands over to itself",
                       "list only the other processes that receive its results")
        elif target not in model.processes and target not in unreadable:
            report.add(loaded, where, f"hand-over to '{target}': no such process",
                       did_you_mean(target, model.processes) or
                       f"create processes/{target}.yml or correct the id")
        elif target in seen:
            report.add(loaded, where, f"hand-over to '{target}' is listed twice", "keep one of them")
        seen.add(target)


def _check_role(loaded: _Loaded, path: JsonPath, role: str, role_ids: set[str],
                report: _Report) -> None:
    if role not in role_ids:
        report.add(loaded, path, f"'{role}' is not a role of processes/roles.yml",
                   did_you_mean(role, role_ids) or "use a role id from processes/roles.yml")


def _check_unique_ids(loaded: _Loaded, key: str, report: _Report) -> set[str]:
    ids: set[str] = set()
    for index, entry in enumerate(loaded.value[key]):
        if entry["id"] in ids:
            report.add(loaded, (key, index, "id"), f"{key}: id '{entry['id']}' is given twice",
                       "give each entry its own id")
        ids.add(entry["id"])
    return ids


def _check_appendix1(loaded: _Loaded, report: _Report) -> None:
    """Unique ids, known parties, arrows between known blocks, and no two blocks on one cell."""
    party_ids = _check_unique_ids(loaded, "parties", report)
    block_ids = _check_unique_ids(loaded, "blocks", report)
    occupied: dict[tuple[int, int], str] = {}
    for index, block in enumerate(loaded.value["blocks"]):
        for pos, party in enumerate(block.get("parties", ())):
            if party not in party_ids:
                report.add(loaded, ("blocks", index, "parties", pos), f"'{party}' is not a party "
                           "listed under 'parties'", did_you_mean(party, party_ids))
        for cell in _cells(block):
            if cell in occupied:
                report.add(loaded, ("blocks", index, "column"), f"block '{block['id']}' overlaps "
                           f"block '{occupied[cell]}' at column {cell[0]}, row {cell[1]}",
                           "move one of them to a free column or row")
                break
            occupied[cell] = block["id"]
    for index, arrow in enumerate(loaded.value["arrows"]):
        for end in ("from", "to"):
            if arrow[end] not in block_ids:
                report.add(loaded, ("arrows", index, end), f"arrow {end} '{arrow[end]}': no such block",
                           did_you_mean(arrow[end], block_ids))
        if arrow["from"] == arrow["to"]:
            report.add(loaded, ("arrows", index), "an arrow cannot start and end on the same block")


def _cells(block: Mapping[str, int]) -> Iterator[tuple[int, int]]:
    for column in range(block["column"], block["column"] + block.get("columns", 1)):
        for row in range(block["row"], block["row"] + block.get("rows", 1)):
            yield column, row


def _check_objectives(loaded: _Loaded, role_ids: set[str], report: _Report) -> None:
    _check_unique_ids(loaded, "objectives", report)
    for index, objective in enumerate(loaded.value["objectives"]):
        if "owner" in objective:
            _check_role(loaded, ("objectives", index, "owner"), objective["owner"], role_ids, report)


# --------------------------------------------------------------------------- clause mentions

def _clause_mentions(loaded: _Loaded) -> list[ClauseMention]:
    """Every value under a key named ``clause`` or ending in ``clauses``, wherever it sits.

    Walking the data instead of listing fields means a clause added under a new key is still
    checked against the manual.
    """
    found: list[ClauseMention] = []

    def walk(value: Any, path: JsonPath) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "clause" and isinstance(item, str):
                    found.append((item, loaded.display, loaded.data.line_of(path + (key,)) or 0))
                elif key.endswith("clauses") and isinstance(item, list):
                    for index, clause in enumerate(item):
                        if isinstance(clause, str):
                            line = loaded.data.line_of(path + (key, index)) or 0
                            found.append((clause, loaded.display, line))
                else:
                    walk(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, path + (index,))

    walk(loaded.value, ())
    return found
