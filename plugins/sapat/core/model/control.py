"""Document control (ISO 9001:2008 4.2.3): what a page's metadata says about its text, and
whether a translation still translates it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from .metadata import APPROVED, DRAFT, SUPERSEDED
from .pages import Page

#: The label that names each field of :data:`~.metadata.INFERABLE` on a page, in the order a
#: reader meets them in the document-control block.
FIELD_LABELS = {"status": "status", "approved_by": "approval", "approval_date": "approval_date",
                "protocol": "protocol_number", "effective_date": "effective", "owner_role": "owner",
                "next_review_date": "next_review"}


#: A change summary as the front matter writes it: one text (Kyrgyz) or one per language.
Summary = str | Mapping[str, str] | None


@dataclass(frozen=True)
class Revision:
    """An earlier revision of a page as its ``history`` records it: only what its decision stated
    (``sapat approve`` leaves an inferred protocol or date out), and its summary."""

    number: int
    summary: Summary
    protocol: str | None = None
    date: str | None = None

    @classmethod
    def of(cls, entry: Mapping[str, Any]) -> Revision:
        return cls(int(entry.get("revision") or 0), entry.get("summary"),
                   str(entry["protocol"]) if entry.get("protocol") else None,
                   str(entry["date"]) if entry.get("date") else None)


@dataclass(frozen=True)
class DocumentControl:
    """What a reader and an auditor need to know about a page as a controlled document."""

    code: str
    title: str
    revision: int
    status: str
    owner_role: str
    approved_by: str | None
    approval_date: str | None
    protocol: str | None
    effective_date: str | None
    next_review_date: str | None
    change_summary: Summary
    changed_since_approval: bool
    review_overdue: bool
    #: The fields the editors inferred (not stated by the source), each with its reason by
    #: language; every other value is a fact of the source.
    inferred: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    #: The revisions before this one, oldest first.
    history: tuple[Revision, ...] = ()

    @classmethod
    def of(cls, page: Page, today: dt.date) -> DocumentControl:
        """The control data of a source-language page, judged on ``today``."""
        review = page.get("next_review_date")
        return cls(
            code=str(page.get("document_code", "")), title=page.title,
            revision=int(page.get("revision") or 0), status=str(page.get("status", "")),
            owner_role=str(page.get("owner_role", "")), approved_by=page.get("approved_by"),
            approval_date=page.get("approval_date"), protocol=page.get("protocol"),
            effective_date=page.get("effective_date"), next_review_date=review,
            change_summary=page.get("change_summary"),
            changed_since_approval=page.get("status") == APPROVED
            and page.get("approved_fingerprint") != page.fingerprint,
            review_overdue=bool(review and review < today.isoformat()),
            inferred=dict(page.get("inferred") or {}),
            history=tuple(Revision.of(entry) for entry in page.get("history") or [] if isinstance(entry, Mapping)),
        )

    @property
    def shown_status(self) -> str:
        """An approved page whose text changed since is, for a reader, a draft."""
        return DRAFT if self.changed_since_approval else self.status

    @property
    def nav_badge(self) -> str | None:
        """The page status the navigation marks: only pages not in force as approved."""
        return self.shown_status if self.shown_status in (DRAFT, SUPERSEDED) else None

    def shows_inferred(self, name: str) -> bool:
        """Whether the value shown for field ``name`` is the editors' inference. A status shown
        as draft because the text changed is sapat's finding, not an inference."""
        if name == "status" and self.shown_status != self.status:
            return False
        return name in self.inferred

    def shown_inferences(self) -> list[str]:
        """The inferred fields the page shows, in the order of :data:`FIELD_LABELS`."""
        return [name for name in FIELD_LABELS if self.shows_inferred(name)]

    def remarks(self, name: str) -> list[str]:
        """The label keys to say after the value of field ``name``: that it is inferred and, for
        the review date, that it is overdue (only "if the inference holds" when inferred)."""
        inferred = self.shows_inferred(name)
        keys = ["inferred"] if inferred else []
        if name == "next_review_date" and self.review_overdue:
            keys.append("review_overdue_if_inferred" if inferred else "review_overdue")
        return keys

    def overdue_later(self) -> str | None:
        """The label key to say after the review date once it has passed, when it had not on the
        day the page was built: then it is said when the page is read (:func:`~.labels.due_mark`)."""
        if not self.next_review_date or self.review_overdue:
            return None
        return "review_overdue_if_inferred" if self.shows_inferred("next_review_date") else "review_overdue"

    def reason(self, name: str, language: str) -> str:
        """Why the value of field ``name`` is an inference, in ``language``."""
        return self.inferred.get(name, {}).get(language, "")


class TranslationState(StrEnum):
    """How a translated page relates to the source text it translates."""

    CURRENT = "current"
    STALE = "stale"
    #: The page exists but records no translation yet (``sapat new`` writes it so).
    UNTRANSLATED = "untranslated"
    MISSING = "missing"


def translation_record(original: Page) -> dict[str, Any]:
    """What ``sapat translated`` writes into a translation's ``translation_of``: the revision
    and fingerprint of the original, and a short fingerprint of each of its clauses."""
    return {"revision": original.get("revision"), "fingerprint": original.fingerprint,
            "clauses": {clause.id: clause.fingerprint for clause in original.scan.clauses}}


def translation_state(original: Page | None, translation: Page | None) -> TranslationState:
    """Whether ``translation`` translates the current text of ``original``."""
    if original is None or translation is None:
        return TranslationState.MISSING
    if translation.get("translation_of") is None:
        return TranslationState.UNTRANSLATED
    record = _record(translation)
    if record.get("fingerprint") == original.fingerprint and \
            record.get("revision") == original.get("revision"):
        return TranslationState.CURRENT
    return TranslationState.STALE


def lagging_clauses(original: Page, translation: Page) -> list[str]:
    """The clauses of ``original`` whose text changed (or that are new) since ``translation``
    was made; every clause when the translation recorded no clause fingerprints."""
    recorded = _record(translation).get("clauses")
    if not isinstance(recorded, Mapping):
        return [clause.id for clause in original.scan.clauses]
    return [clause.id for clause in original.scan.clauses if recorded.get(clause.id) != clause.fingerprint]


def _record(translation: Page) -> Mapping[str, Any]:
    record = translation.get("translation_of")
    return record if isinstance(record, Mapping) else {}
