"""What changed between two editions of the manual, clause by clause, in every language.

Each side is a loaded :class:`~sapat.core.model.project.Project` (a frozen edition's sources, a git
revision, the working copy). The clause number is the identity: a clause is added, removed,
changed (its heading or text), or moved when the same number now stands on another page (a
move is not a removal and an addition; a moved clause can also have changed). For every page
the revision metadata that changed is listed with the page's title in each language, so a
reviewer sees a new revision, protocol or approval date next to the words it approved.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ..i18n.labels import label
from ..i18n.languages import LANGUAGES, SOURCE_LANGUAGE, in_language
from ..model.clauses import Clause, clause_order
from ..model.pages import LanguagePages, Page
from ..model.project import Project
from .word_diff import DiffLine, diff_lines, diff_words

#: The document-control fields of a source page that a comparison reports, in reading order.
CONTROL_FIELDS = ("document_code", "revision", "status", "approved_by", "approval_date", "protocol",
                  "effective_date", "next_review_date", "owner_role", "change_summary")
_ROLE_FIELDS = ("approved_by", "owner_role")


class Change(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    MOVED = "moved"


@dataclass(frozen=True)
class PageRef:
    """A page of one side: its file name and its title in the language compared."""

    name: str
    title: str


@dataclass(frozen=True)
class ClauseChange:
    """One clause that is not the same in both editions."""

    id: str
    #: How a reader names it: "4.2.4", or "Тиркеме 1" for an appendix.
    label: str
    old: Clause | None
    new: Clause | None
    old_page: PageRef | None
    new_page: PageRef | None
    #: The heading's words compared (None when the heading is the same or one side lacks it).
    heading: DiffLine | None

    @property
    def text(self) -> tuple[DiffLine, ...]:
        """The clause's text compared line by line (every line, the unchanged ones too). Made
        when asked for: a changes page names the clauses of a new page without quoting them."""
        return diff_lines(self.old.text if self.old else "", self.new.text if self.new else "")

    @property
    def kind(self) -> Change:
        """What a reviewer is told first; a clause that moved and changed is CHANGED and :attr:`moved`."""
        if self.old is None:
            return Change.ADDED
        if self.new is None:
            return Change.REMOVED
        return Change.CHANGED if self.old.fingerprint != self.new.fingerprint else Change.MOVED

    @property
    def moved(self) -> bool:
        return self.old_page is not None and self.new_page is not None and self.old_page.name != self.new_page.name


@dataclass(frozen=True)
class FieldChange:
    """A page's metadata field as it was and as it is, as the reader's language shows it."""

    key: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class PageChange:
    """A page added, removed, or whose revision metadata or title changed."""

    name: str
    old: PageRef | None
    new: PageRef | None
    #: What changed in the metadata of a page that is in both editions (none for one added or
    #: removed: the page itself is the change).
    fields: tuple[FieldChange, ...]

    @property
    def title(self) -> str:
        page = self.new or self.old
        assert page is not None
        return page.title


@dataclass(frozen=True)
class LanguageDiff:
    """Every change of one language's edition."""

    language: str
    clauses: tuple[ClauseChange, ...]
    pages: tuple[PageChange, ...]
    #: The clauses of the new edition: a reference to one of them can be a link.
    new_clauses: frozenset[str]

    def listed(self, kind: Change) -> list[ClauseChange]:
        """The clauses listed under ``kind``: one that moved and changed is under both."""
        if kind is Change.MOVED:
            return [change for change in self.clauses if change.moved]
        return [change for change in self.clauses if change.kind is kind]

    @property
    def empty(self) -> bool:
        return not self.clauses and not self.pages


@dataclass(frozen=True)
class ProjectDiff:
    languages: dict[str, LanguageDiff]


def compare(old: Project, new: Project, languages: Iterable[str] = LANGUAGES) -> ProjectDiff:
    """Every clause and page of ``old`` against ``new``, in each of ``languages`` (all of them
    unless a caller, such as one language's changes page, needs fewer)."""
    return ProjectDiff({language: _compare_language(old, new, language) for language in languages})


def _compare_language(old: Project, new: Project, language: str) -> LanguageDiff:
    before, after = old.languages[language], new.languages[language]
    old_clauses, new_clauses = _editors_clauses(before), _editors_clauses(after)
    old_pages, new_pages = _page_refs(before), _page_refs(after)
    changes = []
    for ident in sorted(old_clauses.keys() | new_clauses.keys(), key=clause_order):
        was, now = old_clauses.get(ident), new_clauses.get(ident)
        old_page = old_pages[was.page] if was else None
        new_page = new_pages[now.page] if now else None
        same_text = was is not None and now is not None and was.fingerprint == now.fingerprint
        if same_text and old_page and new_page and old_page.name == new_page.name:
            continue
        changes.append(_clause_change(ident, was, now, old_page, new_page))
    # The manual's own pages: the editors' guide is no part of what an approval is asked for.
    pages = [change for name in sorted(before.controlled().keys() | after.controlled().keys())
             if (change := _page_change(old, new, language, name)) is not None]
    return LanguageDiff(language, tuple(changes), tuple(pages), frozenset(after.index.clauses))


def _clause_change(ident: str, was: Clause | None, now: Clause | None, old_page: PageRef | None,
                   new_page: PageRef | None) -> ClauseChange:
    heading = diff_words(was.title, now.title) if was and now and was.heading != now.heading else None
    named = now or was
    return ClauseChange(ident, named.label if named else ident, was, now, old_page, new_page, heading)


def _editors_clauses(pages: LanguagePages) -> dict[str, Clause]:
    """The clauses of the manual's own pages (generated pages have none of their own)."""
    return {ident: clause for ident, clause in pages.index.clauses.items()
            if not pages.by_display[clause.page].generated}


def _page_refs(pages: LanguagePages) -> dict[str, PageRef]:
    """Each of the manual's own pages as a change names it, by the display path its clauses
    carry (made once: a page has many clauses)."""
    return {page.display: PageRef(page.name, page.title) for page in pages.files.values()}


def _page_change(old: Project, new: Project, language: str, name: str) -> PageChange | None:
    was, now = old.languages[language].files.get(name), new.languages[language].files.get(name)
    if was is None or now is None:
        return PageChange(name, PageRef(name, was.title) if was else None,
                          PageRef(name, now.title) if now else None, ())
    before, after = _fields(old, language, name), _fields(new, language, name)
    fields = tuple(FieldChange(key, before.get(key), after.get(key)) for key in ("title", *CONTROL_FIELDS)
                   if before.get(key) != after.get(key)
                   and (key != "change_summary" or _decision_summary(old, name) != _decision_summary(new, name)))
    return PageChange(name, PageRef(name, was.title), PageRef(name, now.title), fields) if fields else None


def _decision_summary(project: Project, name: str) -> str:
    """A page's change summary as the decision words it (the source language's): a summary that
    gained its translation is the same summary."""
    source = project.source.files.get(name)
    return in_language(source.get("change_summary") if source else None, SOURCE_LANGUAGE)


def _fields(project: Project, language: str, name: str) -> dict[str, str]:
    """A page's title in ``language`` and its document control (the source page's metadata),
    as ``language`` shows them: statuses in words, roles by name."""
    page: Page | None = project.languages[language].files.get(name)
    source = project.source.files.get(name)
    values: Mapping[str, Any] = source.meta.value if source and source.valid and \
        isinstance(source.meta.value, Mapping) else {}
    shown = {key: _shown(project, language, key, values[key]) for key in CONTROL_FIELDS if key in values}
    if page is not None:
        shown["title"] = page.title
    return shown


def _shown(project: Project, language: str, key: str, value: Any) -> str:
    if key == "status" and f"status.{value}" in LANGUAGES[language].labels:
        return label(f"status.{value}", language)
    if key in _ROLE_FIELDS:
        return project.roles.name(str(value), language)
    return in_language(value, language)


__all__ = ["CONTROL_FIELDS", "Change", "ClauseChange", "FieldChange", "LanguageDiff", "PageChange",
           "PageRef", "ProjectDiff", "compare"]
