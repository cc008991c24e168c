"""Approving a page: the front matter an approval writes (revision, dates, protocol, the approved
text's fingerprint), inferences the approval settles removed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..diagnostics import SapatError
from ..i18n.languages import LANGUAGES, SOURCE_LANGUAGE, TRANSLATIONS
from ..i18n.messages import Message
from ..load import load_project
from ..model.control import translation_record
from ..model.metadata import APPROVED, INFERABLE
from ..model.pages import Page
from ..model.project import Project
from ..sources.files import set_front_matter
from ..sources.fingerprints import fingerprint


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



def editor_page(project: Project, path: Path, source: bool) -> Page:
    """The controlled page at ``path`` (absolute) that an editor named: an original when ``source``,
    a translation otherwise, its front matter valid."""
    page = project.file_page(path)
    if page is None or (page.language == SOURCE_LANGUAGE) != source:
        shown = project.repository.display(path)
        raise SapatError(Message("cli.not_an_original", path=shown, language=SOURCE_LANGUAGE) if source else
                         Message("cli.not_a_translation", path=shown, languages="|".join(TRANSLATIONS)))
    if not page.controlled:
        raise SapatError(Message("cli.not_controlled", path=page.display))
    if not page.valid:
        raise SapatError(Message("cli.page_has_mistakes", page=page.display))
    return page


def approve_page(root: Path, path: Path, approval: Approval) -> tuple[Project, Page]:
    """``sapat approve``: the original at ``path`` approved; the project read again, and the page
    as approved."""
    page = editor_page(load_project(root), path, source=True)
    assert page.path is not None  # a page read from a file
    page.path.write_text(approve(page.text, page.body, page.meta.value, approval), encoding="utf-8")
    project = load_project(root)
    return project, editor_page(project, page.path, source=True)


def mark_translated(root: Path, path: Path) -> Project:
    """``sapat translated``: the translation at ``path`` records the original's text it
    translates; the project read again."""
    project = load_project(root)
    page = editor_page(project, path, source=False)
    original = project.source.files.get(page.name)
    if original is None:
        raise SapatError(Message("cli.no_original", page=page.display, language=SOURCE_LANGUAGE))
    assert page.path is not None
    page.path.write_text(set_front_matter(page.text, {"translation_of": translation_record(original)}),
                         encoding="utf-8")
    return load_project(root)
