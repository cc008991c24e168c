"""JSON Schema validation with file and line: what a schema (``schemas/*.schema.json``, JSON
Schema 2020-12) says about a front matter or a data file, in the editor's language, every
mistake at once."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostic, did_you_mean
from ..i18n.messages import Message, listing
from ..runtime.cache import kept
from .files import JsonPath, YamlData

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator


@dataclass(frozen=True)
class Schema:
    """A schema of ``schemas/`` (JSON Schema 2020-12, checking ``format``: real dates), by its text.

    It is compiled when a value is first checked against it in a run: most values are found to
    have passed it before (:func:`schema_problems`), and then jsonschema is not even loaded
    (0.06 s of every command's start, with what it loads)."""

    text: str

    @property
    def validator(self) -> Validator:
        return _validator(self.text)


def load_schema(schema_file: Path) -> Schema:
    return Schema(schema_file.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=64)
def _validator(schema_text: str) -> Validator:
    """One per schema text: checking a schema against the meta-schema costs more than checking
    hundreds of pages against it (a frozen edition's schemas are usually the draft's), and what
    passed is kept between runs (:mod:`..runtime.cache`)."""
    import jsonschema

    kept(_meta_checked, schema_text)
    return jsonschema.Draft202012Validator(
        json.loads(schema_text), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _meta_checked(schema_text: str) -> bool:
    """True for a schema the meta-schema accepts; ``SchemaError`` for one it does not."""
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(json.loads(schema_text))
    return True


def schema_problems(data: YamlData, schema: Schema, display: str) -> list[Diagnostic]:
    """:func:`schema_diagnostics` against ``schema``; none, without checking again, for a value
    that passed this schema in an earlier run (:mod:`..runtime.cache`, kept by the value alone:
    the lines of its keys only matter to the diagnostics of a value that fails)."""
    if kept(_passes, schema.text, data.value):
        return []
    return schema_diagnostics(data, schema.validator, display)


def _passes(schema_text: str, value: Any) -> bool:
    """Whether ``value`` is valid against the schema of ``schema_text``."""
    return bool(_validator(schema_text).is_valid(value))


def schema_diagnostics(data: YamlData, validator: Validator, display: str) -> list[Diagnostic]:
    """Every schema error of ``data``, each with the line of the offending key and its JSON path."""
    from jsonschema.exceptions import best_match  # loaded with the validator

    problems: list[Diagnostic] = []
    for error in validator.iter_errors(data.value):
        if error.validator == "additionalProperties" and error.validator_value is False:
            problems.extend(_unknown_keys(error, data, display))
            continue
        shown = best_match(error.context) if error.context else error
        path = tuple(error.absolute_path)
        message, hint = schema_problem(shown)
        problems.append(Diagnostic(display, data.line_of(path),
                                   Message("schema.at", path=_json_path(path), problem=message), hint))
    return problems


def _json_path(path: JsonPath) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


def _unknown_keys(error: ValidationError, data: YamlData, display: str) -> Iterable[Diagnostic]:
    schema = error.schema if isinstance(error.schema, Mapping) else {}
    known = schema.get("properties", {})
    base = tuple(error.absolute_path)
    for key in sorted(set(error.instance) - set(known)):  # type: ignore[arg-type]  # an object's keys
        yield Diagnostic(display, data.line_of(base + (key,)),
                         Message("schema.unknown_key", path=_json_path(base + (key,)), key=key),
                         did_you_mean(key, known) or Message("schema.unknown_key.hint", keys=listing(sorted(known))))


#: What a value must be, by JSON Schema type, as an editor reads it.
TYPE_NAMES = ("string", "integer", "number", "boolean", "array", "object", "null")


#: Validators whose error says "too small/large" with the limit as their value.
_LIMITS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength",
           "minItems", "maxItems", "minProperties", "maxProperties")


def schema_problem(error: ValidationError) -> tuple[Message, Message | None]:
    """jsonschema's (English) error as a message and a hint, by the kind of validator that failed.

    Every validator the schemas of ``schemas/`` use has its own message; any other says which
    keyword failed (a test keeps the two in step).
    """
    kind, expected, value = str(error.validator), error.validator_value, _shown(error.instance)
    if kind == "type":
        types = expected if isinstance(expected, list) else [expected]
        names = [Message(f"schema.type.{name}") for name in types if name in TYPE_NAMES]
        return Message("schema.type", expected=names[0] if len(names) == 1 else listing(types)), None
    if kind == "enum":
        allowed = [str(item) for item in expected]  # type: ignore[union-attr]  # an enum is a list
        return (Message("schema.enum", value=value),
                did_you_mean(value, allowed) or Message("schema.enum.hint", values=listing(allowed)))
    if kind == "const":
        return Message("schema.const", value=value, expected=_shown(expected)), None
    if kind == "required":
        missing = next((name for name in expected  # type: ignore[union-attr]  # a list of names
                        if isinstance(error.instance, Mapping) and name not in error.instance
                        and repr(name) in error.message), "?")
        return Message("schema.required", property=missing), Message("schema.required.hint", property=missing)
    if kind == "dependentRequired":
        key, needs = next(((name, need) for name, needs in expected.items()  # type: ignore[union-attr]
                           for need in needs if repr(need) in error.message and repr(name) in error.message),
                          ("?", "?"))
        return (Message("schema.dependent_required", property=key, needs=needs),
                Message("schema.required.hint", property=needs))
    if kind == "pattern":
        return Message("schema.pattern", value=value), Message("schema.pattern.hint", pattern=str(expected))
    if kind == "format":
        if expected == "date":
            return Message("schema.format.date", value=value), Message("schema.format.date.hint")
        return Message("schema.format", value=value, format=str(expected)), None
    if kind == "minLength" and expected == 1:
        return Message("schema.empty"), None
    if kind in _LIMITS:
        return Message(f"schema.{kind}", limit=str(expected)), None
    if kind == "uniqueItems":
        return Message("schema.unique_items"), Message("hint.keep_one")
    if kind == "additionalProperties":
        return Message("schema.additional_properties"), None
    return Message("schema.invalid", keyword=kind), None


def _shown(value: Any) -> str:
    """A value as it appears in a message: short, on one line."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."

