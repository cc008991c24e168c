"""Revision metadata: JSON Schema validation with lines, document-control rules, fingerprints.

The schema (``schemas/*.schema.json``, JSON Schema 2020-12) says what a page's front matter may
contain; the rules here say what a schema cannot: revisions only go forward, an approval comes
before the page takes effect, and an approved page is exactly the text that was approved.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
from jsonschema.exceptions import ValidationError, best_match

from ..diagnostics import Diagnostic, Severity, did_you_mean
from ..i18n.languages import LANGUAGES
from ..i18n.messages import Message, listing
from ..sources.files import JsonPath, YamlData, set_front_matter
from ..sources.fingerprints import fingerprint

APPROVED, DRAFT, SUPERSEDED = "approved", "draft", "superseded"
#: The fields whose value may be the editors' inference rather than a fact of the source
#: (``inferred:`` in the front matter; schemas/page.schema.json lists the same).
INFERABLE = ("status", "approved_by", "approval_date", "protocol", "effective_date", "owner_role",
             "next_review_date")


Validator = jsonschema.protocols.Validator


@dataclass(frozen=True)
class Schema:
    """A schema of ``schemas/``, compiled."""

    validator: Validator


def load_schema(schema_file: Path) -> Schema:
    """A 2020-12 schema that also checks ``format`` (real dates)."""
    text = schema_file.read_text(encoding="utf-8")
    return Schema(_validator(text))


@functools.lru_cache(maxsize=64)
def _validator(schema_text: str) -> Validator:
    """One per schema text: checking a schema against the meta-schema costs more than checking
    hundreds of pages against it, and a frozen edition's schemas are usually the draft's."""
    schema = json.loads(schema_text)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def schema_problems(data: YamlData, schema: Schema, display: str) -> list[Diagnostic]:
    """:func:`schema_diagnostics` against ``schema``. Checked at every run: keeping the verdicts
    (:mod:`..runtime.cache`) saved nothing measurable, its key (the value with the line of every
    key) costing about what the check does (docs/runtime.md)."""
    return schema_diagnostics(data, schema.validator, display)


def schema_diagnostics(data: YamlData, validator: Validator, display: str) -> list[Diagnostic]:
    """Every schema error of ``data``, each with the line of the offending key and its JSON path."""
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


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def revision_rules(data: YamlData, display: str, body_fingerprint: str,
                   today: dt.date) -> list[Diagnostic]:
    """Document-control rules that a JSON Schema cannot express."""
    meta = data.value if isinstance(data.value, Mapping) else {}
    problems: list[Diagnostic] = []

    def report(path: JsonPath, message: Message, hint: Message | None = None,
               severity: Severity = Severity.ERROR) -> None:
        problems.append(Diagnostic(display, data.line_of(path), message, hint, severity))

    revision = meta.get("revision")
    history = [h for h in meta.get("history") or [] if isinstance(h, Mapping)]
    previous_revision, previous_date = 0, None
    for index, entry in enumerate(history):
        rev, when = entry.get("revision"), _date(entry.get("date"))
        if isinstance(rev, int):
            if rev <= previous_revision:
                report(("history", index, "revision"),
                       Message("revision.history_order", revision=rev, previous=previous_revision),
                       Message("revision.history_order.hint"))
            previous_revision = max(previous_revision, rev)
        if when and previous_date and when < previous_date:
            report(("history", index, "date"),
                   Message("revision.history_date_order", date=str(when), previous=str(previous_date)),
                   Message("revision.history_date_order.hint"))
        previous_date = when or previous_date
    if isinstance(revision, int) and revision <= previous_revision:
        report(("revision",), Message("revision.not_newer", revision=revision, previous=previous_revision),
               Message("revision.not_newer.hint", next=previous_revision + 1))

    approved, effective = _date(meta.get("approval_date")), _date(meta.get("effective_date"))
    review = _date(meta.get("next_review_date"))
    if approved and approved > today:
        report(("approval_date",), Message("approval.future", date=str(approved)),
               Message("approval.future.hint"))
    if approved and effective and effective < approved:
        report(("effective_date",),
               Message("approval.effective_before", effective=str(effective), approved=str(approved)),
               Message("approval.effective_before.hint"))
    if approved and review and review <= approved:
        report(("next_review_date",), Message("approval.review_before", review=str(review), approved=str(approved)),
               Message("approval.review_before.hint"))
    if approved and previous_date and previous_date > approved:
        report(("approval_date",), Message("approval.history_after", date=str(previous_date), approved=str(approved)),
               Message("approval.history_after.hint"))
    inferred = meta.get("inferred")
    for name in inferred if isinstance(inferred, Mapping) else ():
        if name in INFERABLE and meta.get(name) is None:
            report(("inferred", name), Message("inferred.unset", field=name),
                   Message("inferred.unset.hint", field=name))
    if meta.get("status") == APPROVED and meta.get("approved_fingerprint") not in (None, body_fingerprint):
        # Not an error: editing is how a new revision starts. The site shows the page as a
        # draft until 'sapat approve' records the approval of the new text.
        report(("approved_fingerprint",), Message("approval.text_changed", date=str(meta.get("approval_date"))),
               Message("approval.text_changed.hint", path=display), Severity.NOTICE)
    return problems


@dataclass(frozen=True)
class Approval:
    """What ``sapat approve`` records: who approved which text, when, under which protocol.

    Without an effective date the page takes effect on approval; without a review date it
    is reviewed a year after it takes effect. Both are sapat's defaults, not the approval's
    words (the manual sets no review period for itself), so they are recorded as inferred.
    """

    approved_by: str
    protocol: str
    date: dt.date
    summary: str
    effective: dt.date | None = None
    next_review: dt.date | None = None

    @property
    def effective_date(self) -> dt.date:
        return self.effective or self.date

    @property
    def next_review_date(self) -> dt.date:
        return self.next_review or a_year_after(self.effective_date)


def a_year_after(day: dt.date) -> dt.date:
    """The same day a year later; 28 February for 29 February."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


#: The fields a new approval states, so that an earlier inference about them no longer holds.
STATED_BY_APPROVAL = tuple(name for name in INFERABLE if name != "owner_role")


def approve(text: str, body: str, current: Mapping[str, Any], approval: Approval) -> str:
    """The page text with its front matter updated for a new approval of ``body``.

    The revision goes up by one unless the page is the approved draft of a revision that was
    never approved; the old revision moves into ``history``. What the approval states is no
    longer inferred; an effective or review date left to sapat's default is.
    """
    revision = int(current.get("revision") or 0)
    history = list(current.get("history") or [])
    if current.get("status") == APPROVED or current.get("approved_fingerprint"):
        history.append({key: value for key, value in {
            "revision": revision, "date": _stated(current, "approval_date"),
            "protocol": _stated(current, "protocol"), "summary": current.get("change_summary"),
        }.items() if value is not None})
        revision += 1
    updates = {
        "revision": revision, "status": APPROVED, "approved_by": approval.approved_by,
        "approval_date": approval.date.isoformat(), "protocol": approval.protocol,
        "effective_date": approval.effective_date.isoformat(),
        "next_review_date": approval.next_review_date.isoformat(),
        "change_summary": approval.summary, "approved_fingerprint": fingerprint(body),
        "history": history,
        "inferred": _inferred_after(current, approval) or None,
    }
    return set_front_matter(text, updates)


def _stated(current: Mapping[str, Any], name: str) -> Any:
    """The value of field ``name`` when the source states it; None when it was inferred (the
    history keeps only facts: an earlier revision's inferences have no place left to say so)."""
    inferred = current.get("inferred")
    return None if isinstance(inferred, Mapping) and name in inferred else current.get(name)


def _inferred_after(current: Mapping[str, Any], approval: Approval) -> dict[str, Any]:
    """The page's ``inferred`` entries once ``approval`` is recorded."""
    earlier = current.get("inferred")
    inferred = {name: reason for name, reason in (earlier.items() if isinstance(earlier, Mapping) else ())
                if name not in STATED_BY_APPROVAL}
    defaults = {"effective_date": (approval.effective, "inferred.effective_default"),
                "next_review_date": (approval.next_review, "inferred.review_default")}
    for name, (given, key) in defaults.items():
        if given is None:
            inferred[name] = {code: language.labels[key] for code, language in LANGUAGES.items()}
    return inferred
