"""YAML data files (roles, glossary, processes): read, checked against their JSON Schema, and
searched for the clauses they name."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, SapatError
from ..i18n.messages import Message
from ..sources.schemas import Schema, load_schema, schema_problems
from .files import JsonPath, YamlData, load_yaml_file


@dataclass(frozen=True)
class DataFile:
    """A YAML file that parsed and passed its schema, with the line of every key."""

    display: str
    data: YamlData

    @property
    def value(self) -> Any:
        return self.data.value

    def at(self, path: JsonPath, message: Message, hint: Message | None = None) -> Diagnostic:
        """A diagnostic on the line of ``path`` in this file."""
        return Diagnostic(self.display, self.data.line_of(path), message, hint)


@dataclass
class Schemas:
    """The JSON Schemas of ``schemas/``, each compiled once."""

    folder: Path
    _loaded: dict[str, Schema] = field(default_factory=dict)

    def schema(self, name: str) -> Schema:
        if name not in self._loaded:
            self._loaded[name] = load_schema(self.folder / name)
        return self._loaded[name]


def read_data_file(path: Path, display: str, schema: Schema,
                   report: list[Diagnostic]) -> DataFile | None:
    """The file, or None when it cannot be read or breaks its schema (the reasons go to ``report``)."""
    try:
        data = load_yaml_file(path, display)
    except SapatError as exc:
        report.extend(exc.problems)
        return None
    problems = schema_problems(data, schema, display)
    report.extend(problems)
    return None if problems else DataFile(display, data)


def duplicate_ids(file: DataFile, key: str) -> list[Diagnostic]:
    """An entry of the list ``key`` whose ``id`` an earlier entry has already: each has its own."""
    seen: set[str] = set()
    problems = []
    for index, entry in enumerate(file.value[key]):
        if entry["id"] in seen:
            problems.append(file.at((key, index, "id"), Message("data.id_twice", key=key, id=entry["id"]),
                                    Message("data.id_twice.hint")))
        seen.add(entry["id"])
    return problems


@dataclass(frozen=True)
class ClauseMention:
    """A clause of the manual named in a data file."""

    clause: str
    display: str
    line: int | None
    #: What to do when the clause does not exist, if more than "use a clause of the manual".
    hint: Message | None = None


def clause_mentions(file: DataFile) -> list[ClauseMention]:
    """Every value under a key named ``clause`` or ending in ``clauses``, wherever it sits.

    Walking the data instead of listing fields means a clause added under a new key is still
    checked against the manual.
    """
    found: list[ClauseMention] = []

    def walk(value: Any, path: JsonPath) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "clause" and isinstance(item, str):
                    found.append(ClauseMention(item, file.display, file.data.line_of(path + (key,))))
                elif key.endswith("clauses") and isinstance(item, list):
                    found.extend(ClauseMention(clause, file.display, file.data.line_of(path + (key, index)))
                                 for index, clause in enumerate(item) if isinstance(clause, str))
                else:
                    walk(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, path + (index,))

    walk(file.value, ())
    return found
