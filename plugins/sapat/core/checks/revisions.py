"""The rules of document control a schema cannot state: revisions only go forward, an approval
comes before the page takes effect, and an approved page is exactly the text that was approved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ..diagnostics import Diagnostic, Severity
from ..i18n.messages import Message
from ..model.metadata import APPROVED, INFERABLE
from ..sources.files import JsonPath, YamlData


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
    listed = meta.get("history")  # the schema's error already says when it is no list
    history = [h for h in listed if isinstance(h, Mapping)] if isinstance(listed, list) else []
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

