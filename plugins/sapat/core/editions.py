"""Editions of the manual: the frozen, approved editions a reviewer can cite, and the draft.

An edition is the whole manual as the Academic Council approved it on one day, in every
language, frozen when ``sapat release`` records it: its published files never change again.
The working copy of ``main`` is published beside them as the ``draft`` edition, which is not
approved. ``manual/editions/editions.yml`` lists the frozen editions, oldest first; each has
its folder ``manual/editions/<version>/`` (see README, "Editions").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .data_files import Schemas, read_data_file
from .diagnostics import Diagnostic
from .labels import label
from .languages import LANGUAGES
from .manifests import SOURCES
from .repository import Repository

#: The version name of the working copy.
DRAFT = "draft"
#: The alias that always leads to the edition in force.
LATEST = "latest"
EDITIONS_FILE = "editions.yml"


@dataclass(frozen=True)
class Order:
    """The rector's order that put an approved edition into effect ("введено в действие приказом")."""

    number: str
    date: str


@dataclass(frozen=True)
class Edition:
    """One edition: a frozen approved one, or the draft (which has no approval)."""

    version: str
    #: The version's title in each language, as the version selector shows it.
    titles: dict[str, str]
    approved_by: str | None = None
    approval_date: str | None = None
    protocol: str | None = None
    order: Order | None = None
    #: What changed since the previous edition, in each language.
    summary: dict[str, str] = field(default_factory=dict)
    #: Files of approval evidence frozen with the edition (minutes extract, the order).
    evidence: tuple[str, ...] = ()
    #: ``sha256:`` digest of the edition's manifest (every frozen file and its digest).
    manifest_digest: str | None = None
    #: How the release was signed: "ssh", "gpg" or "unsigned".
    signature: str = "unsigned"
    #: The line of its entry in editions.yml, for diagnostics.
    line: int | None = field(default=None, compare=False)

    @property
    def frozen(self) -> bool:
        return self.version != DRAFT

    @property
    def as_of(self) -> dt.date | None:
        """The day its pages are judged on (review dates, overdue): its approval; None for the
        draft, which is judged on the day it is built."""
        return dt.date.fromisoformat(self.approval_date) if self.approval_date else None

    def title(self, language: str) -> str:
        return self.titles.get(language) or self.version


def draft_edition() -> Edition:
    """The working copy, titled in every language."""
    return Edition(DRAFT, {code: label("edition.draft", code) for code in LANGUAGES})


def editions_folder(repository: Repository) -> Path:
    return repository.manual / "editions"


def load_editions(repository: Repository, schemas: Schemas,
                  report: list[Diagnostic]) -> list[Edition]:
    """The frozen editions of ``manual/editions/editions.yml``, oldest first (none before the
    first release)."""
    path = editions_folder(repository) / EDITIONS_FILE
    if not path.is_file():
        return []
    file = read_data_file(path, repository.display(path), schemas.schema("editions.schema.json"), report)
    if file is None:
        return []
    return [_edition(entry, file.data.line_of(("editions", index)))
            for index, entry in enumerate(file.value["editions"])]


def edition_sources(repository: Repository, editions: list[Edition], version: str) -> Path | None:
    """Where edition ``version`` (or ``latest``) keeps its sources as released: a folder with
    ``manual/``, ``processes/``, ``schemas/`` and ``mkdocs.yml``, which ``load_project`` reads
    like the working copy. None when no such edition is listed."""
    if version == LATEST and editions:
        version = editions[-1].version
    if version not in {edition.version for edition in editions}:
        return None
    return editions_folder(repository) / version / SOURCES


def _edition(entry: dict, line: int | None) -> Edition:
    order = entry.get("order")
    return Edition(
        version=entry["version"], titles=dict(entry["title"]), approved_by=entry["approved_by"],
        approval_date=entry["approval_date"], protocol=entry["protocol"],
        order=Order(order["number"], order["date"]) if order else None,
        summary=dict(entry.get("summary", {})), evidence=tuple(entry.get("evidence", ())),
        manifest_digest=entry["manifest"], signature=entry.get("signature", "unsigned"), line=line)


__all__ = ["DRAFT", "EDITIONS_FILE", "LATEST", "Edition", "Order", "draft_edition", "edition_sources",
           "editions_folder", "load_editions"]
