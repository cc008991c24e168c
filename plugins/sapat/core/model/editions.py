"""Editions of the manual: the frozen, approved editions a reviewer can cite, and the draft.

An edition is the whole manual as the Academic Council approved it on one day, in every
language, frozen when ``sapat release`` records it: its published files never change again.
The working copy of ``main`` is published beside them as the ``draft`` edition, which is not
approved. ``manual/editions/editions.yml`` lists the frozen editions, oldest first; each has
its folder ``manual/editions/<version>/`` (see docs/editions.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic
from ..i18n.labels import label, remark
from ..sources.data_files import Schemas, read_data_file
from ..sources.files import yaml_lines
from ..sources.repository import Repository
from .links import page_url
from .roles import Roles

#: The version name of the working copy.
DRAFT = "draft"
#: The alias that always leads to the edition in force.
LATEST = "latest"
EDITIONS_FILE = "editions.yml"
#: The part of editions.yml above the list, written again as it is.
EDITIONS_HEADER = ("# The frozen editions of the manual, oldest first; by 'sapat release', 'mend', 'add-offline'.\n"
                   "# An entry says what the decision's source states; what the editors inferred is listed under\n"
                   "# `inferred` with the reason (see docs/editors.md, \"Stated or inferred\"), and every title\n"
                   "# is worded from it.\n")
#: The folder of the list of editions and their records in a language's web root, beside the
#: editions' folders (the current area, see publishing/current/).
EDITIONS_LIST = "editions"
#: The page of every edition that holds its record (see generated/editions.py).
EDITIONS = "editions.md"
#: The page of every edition that says what changed since the one before (generated/changes.py).
CHANGES = "changes.md"

#: The folders of a frozen edition (manual/editions/<version>/): what was published, by language,
#: and the sources it was built from.
PUBLISHED, SOURCES = "site", "sources"
#: The folder of the offline copies added to an edition frozen without them (``sapat
#: add-offline``): beside the edition's own files, outside its manifest.
ADDED_COPIES = "offline"


@dataclass(frozen=True)
class Order:
    """The rector's order that put an approved edition into effect ("введено в действие приказом")."""

    number: str
    date: str


#: What an edition's record may list as the editors' inference: that it was approved at all,
#: and by whom, when and under which protocol.
INFERABLE = ("approval", "approved_by", "approval_date", "protocol")


@dataclass(frozen=True)
class Quote:
    """The words of the decision's source, quoted: where they are in the repository (a file and
    its lines, checked to exist) and the text in each language: the source's own words, with
    only the scan's misreadings corrected, and the others' translation."""

    file: str
    lines: tuple[int, int]
    words: Mapping[str, str]


@dataclass(frozen=True)
class Mend:
    """A recorded act that made an edition's pages and PDFs again with later code, its text
    unchanged (``sapat mend``, core/releasing/mend.py)."""

    date: str
    #: Why, in every language.
    reason: Mapping[str, str]
    #: The digest of the manifest it replaced: a copy published before still verifies.
    replaced: str


@dataclass(frozen=True)
class AddedCopies:
    """Offline copies added after the release to an edition frozen without them (``sapat
    add-offline``, core/releasing/add_offline.py): new files beside the edition, none of its own
    changed, so its manifest stays the one released (or mended); each ZIP is vouched for by its
    digest here instead."""

    date: str
    #: Why, in every language.
    reason: Mapping[str, str]
    #: ``sha256:<hex>`` of each language's ZIP, by language.
    digests: Mapping[str, str]


@dataclass(frozen=True)
class Edition:
    """One edition: a frozen one, or the draft (which has no approval).

    Its record says what the source of the decision states; whatever the editors inferred
    (even that the text was approved at all) is listed in ``inferred`` with the reason, and
    every title and line that names the edition is worded from the record, so no surface
    states as a fact what the source does not."""

    version: str
    approved_by: str | None = None
    approval_date: str | None = None
    protocol: str | None = None
    #: The number of the approving body's meeting the source names, when that is what it
    #: states (the approval itself then being the editors' inference).
    meeting: str | None = None
    order: Order | None = None
    #: What changed since the previous edition, in each language.
    summary: Mapping[str, str] = field(default_factory=dict)
    #: Files of approval evidence frozen with the edition (minutes extract, the order).
    evidence: tuple[str, ...] = ()
    #: ``sha256:`` digest of the edition's manifest (every frozen file and its digest).
    manifest_digest: str | None = None
    #: How the release was signed: "ssh", "gpg" or "unsigned".
    signature: str = "unsigned"
    #: The day it was released (frozen): its files and PDFs date from then.
    released: str | None = None
    #: The fields of :data:`INFERABLE` the editors inferred, each with its reason by language.
    inferred: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    #: Every time its pages and PDFs were made again (oldest first).
    mends: tuple[Mend, ...] = ()
    #: Offline copies added after the release, when it was frozen without them.
    added_copies: AddedCopies | None = None
    #: The decision's source in its own words, when it is in the repository.
    source: Quote | None = None
    #: The line of its entry in editions.yml, for diagnostics.
    line: int | None = field(default=None, compare=False)

    @property
    def digests(self) -> tuple[str, ...]:
        """Every manifest digest a copy of this edition may carry: the current, then those that
        mends replaced."""
        return tuple(digest for digest in (self.manifest_digest, *(m.replaced for m in reversed(self.mends)))
                     if digest)

    @property
    def frozen(self) -> bool:
        return self.version != DRAFT

    @property
    def approval_stated(self) -> bool:
        """Whether the source states that this edition was approved (the draft never is)."""
        return self.frozen and "approval" not in self.inferred

    @property
    def as_of(self) -> dt.date | None:
        """The day its pages are judged on (review dates, overdue): its decision; None for the
        draft, which is judged on the day it is built."""
        return dt.date.fromisoformat(self.approval_date) if self.approval_date else None

    def title(self, language: str) -> str:
        """The short name of the edition (version selector, page header, PDF header): its date
        and what the source states of it, "approved, protocol № 5" only when it says so."""
        if not self.frozen:
            return label("edition.draft", language)
        if self.approval_stated:
            return label("edition.title", language, date=self.approval_date, protocol=self.protocol)
        return label("edition.title_meeting", language, date=self.approval_date,
                     meeting=self.meeting or self.protocol)

    def pdf_name(self, language: str) -> str:
        """Its PDF's file name at the root of the language's site: ``jamu-qms-draft-ky.pdf``."""
        return f"jamu-qms-{self.version}-{language}.pdf"

    def offline_name(self, language: str) -> str:
        """Its offline copy's file name, beside its PDF: ``jamu-qms-2018-12-21-ky-offline.zip``
        (it unpacks into a folder of the same name, without ``.zip``)."""
        return f"jamu-qms-{self.version}-{language}-offline.zip"

    def decision(self, roles: Roles, language: str) -> str:
        """The edition's decision in one sentence, as the source states it (the body named by
        ``roles``), with every value the editors inferred marked so (:func:`~.labels.remark`);
        empty for the draft."""
        if not self.frozen:
            return ""
        body = roles.name(self.approved_by or "", language)
        def value(name: str, text: str | None) -> str:
            return f"{text or ''}{remark(['inferred'] if name in self.inferred else [], language)}"
        if self.approval_stated:
            return label("edition.approved", language, body=value("approved_by", body),
                         date=value("approval_date", self.approval_date), protocol=value("protocol", self.protocol))
        return label("edition.considered", language, body=body, date=self.approval_date,
                     meeting=self.meeting or self.protocol)

    def reasons(self, language: str) -> list[tuple[str, str]]:
        """Each inferred field of the record and why it is inferred, in ``language``."""
        return [(name, self.inferred[name].get(language, "")) for name in INFERABLE if name in self.inferred]


def draft_edition() -> Edition:
    """The working copy."""
    return Edition(DRAFT)


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


def in_force_has(repository: Repository, editions: list[Edition], language: str, page: str) -> bool:
    """Whether the edition in force (the last released) publishes ``page`` in ``language``: a
    page the draft added (a new procedure, an audit checklist) is not there yet. While that
    edition's site is not stored yet (a release renders the editions before it first), every
    page is taken to be there."""
    if not editions:
        return True
    published = editions_folder(repository) / editions[-1].version / PUBLISHED / language
    return not published.is_dir() or (published / page_url(page)).exists()


def edition_sources(repository: Repository, editions: list[Edition], version: str) -> Path | None:
    """Where edition ``version`` (or ``latest``) keeps its sources as released: a folder with
    ``manual/``, ``processes/``, ``schemas/`` and ``mkdocs.yml``, which ``load_project`` reads
    like the working copy. None when no such edition is listed."""
    if version == LATEST and editions:
        version = editions[-1].version
    if version not in {edition.version for edition in editions}:
        return None
    return editions_folder(repository) / version / SOURCES


def write_editions(repository: Repository, editions: list[Edition]) -> None:
    """editions.yml written from ``editions``: the one way it is written, at a release and a mend."""
    lines = yaml_lines("editions", [entry(edition) for edition in editions]) or ["editions: []"]
    path = editions_folder(repository) / EDITIONS_FILE
    path.write_text(EDITIONS_HEADER + "\n".join(lines) + "\n", encoding="utf-8")


def entry(edition: Edition) -> dict[str, object]:
    """An edition as editions.yml records it (the reverse of reading it)."""
    record: dict[str, object] = {"version": edition.version, "approved_by": edition.approved_by,
                                 "approval_date": edition.approval_date, "protocol": edition.protocol}
    if edition.meeting:
        record["meeting"] = edition.meeting
    if edition.order:
        record["order"] = {"number": edition.order.number, "date": edition.order.date}
    if edition.summary:
        record["summary"] = dict(edition.summary)
    if edition.evidence:
        record["evidence"] = list(edition.evidence)
    if edition.inferred:
        record["inferred"] = {name: dict(reasons) for name, reasons in edition.inferred.items()}
    record |= {"manifest": edition.manifest_digest, "signature": edition.signature, "released": edition.released}
    if edition.mends:
        record["mended"] = [{"date": mend.date, "reason": dict(mend.reason), "replaced": mend.replaced}
                            for mend in edition.mends]
    if added := edition.added_copies:
        record["offline_added"] = {"date": added.date, "reason": dict(added.reason), "copies": dict(added.digests)}
    if edition.source:
        record["source"] = {"file": edition.source.file, "lines": list(edition.source.lines),
                            "words": dict(edition.source.words)}
    return record


def _edition(entry: dict, line: int | None) -> Edition:
    order = entry.get("order")
    return Edition(
        version=entry["version"], approved_by=entry["approved_by"], approval_date=entry["approval_date"],
        protocol=entry["protocol"], meeting=entry.get("meeting"),
        order=Order(order["number"], order["date"]) if order else None,
        summary=dict(entry.get("summary", {})), evidence=tuple(entry.get("evidence", ())),
        manifest_digest=entry["manifest"], signature=entry.get("signature", "unsigned"),
        released=entry.get("released"), inferred={name: dict(reasons) for name, reasons in
                                                  (entry.get("inferred") or {}).items()},
        mends=tuple(Mend(mend["date"], dict(mend["reason"]), mend["replaced"]) for mend in entry.get("mended", ())),
        added_copies=AddedCopies(added["date"], dict(added["reason"]), dict(added["copies"]))
        if (added := entry.get("offline_added")) else None,
        source=Quote(source["file"], (source["lines"][0], source["lines"][1]), dict(source["words"]))
        if (source := entry.get("source")) else None,
        line=line)


__all__ = ["ADDED_COPIES", "CHANGES", "DRAFT", "EDITIONS", "EDITIONS_FILE", "EDITIONS_LIST", "INFERABLE", "LATEST",
           "AddedCopies", "Edition", "Mend", "Order", "Quote", "draft_edition", "edition_sources", "editions_folder",
           "load_editions", "write_editions"]
