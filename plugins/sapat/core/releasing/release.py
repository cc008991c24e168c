"""Releasing an edition: the act that freezes the approved text, and the checks that guard it.

``sapat release`` asks :func:`release_problems` whether the working copy may become an edition,
has the site built for that edition (MkDocs: plugins/sapat/mkdocs/site.py), then :func:`freeze`s the
built files with a snapshot of their sources and a manifest, and records the edition in
``manual/editions/editions.yml``; :func:`commit_release` makes it a commit of ``main`` and a tag,
signed when git has a signing key.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from ..diagnostics import Diagnostic, SapatError, sort_key
from ..git import git, git_or_none, git_text
from ..i18n.languages import LANGUAGES, SOURCE_LANGUAGE, TRANSLATIONS
from ..i18n.messages import Message
from ..load import load_project
from ..model.control import TranslationState
from ..model.editions import DRAFT, EDITIONS_FILE, LATEST, PUBLISHED, SOURCES, Edition, Order, editions_folder
from ..model.metadata import APPROVED
from ..model.project import Project
from ..publishing.current.criteria import spreadsheets
from ..publishing.pdf.sheets import write_sheets
from ..sources.repository import SOURCE_PARTS, Repository
from .manifests import seal
from .mend import Build, mend, write_editions

#: The build inputs that must be committed before a release (the edition is a commit of main).
BUILD_INPUTS = (*SOURCE_PARTS, "site_config", "plugins", "requirements.lock")


@dataclass(frozen=True)
class ReleaseRequest:
    """What the quality department asks to freeze: the approval and its evidence."""

    version: str
    approved_by: str
    approval_date: dt.date
    protocol: str
    order: Order | None = None
    summary: dict[str, str] | None = None
    evidence: tuple[Path, ...] = ()

    def edition(self, signature: str, released: dt.date) -> Edition:
        """The edition this request records, released on ``released`` (its manifest digest is
        added when frozen). A release records an approval the quality department states."""
        return Edition(self.version, self.approved_by, self.approval_date.isoformat(), self.protocol,
                       order=self.order, summary=dict(self.summary or {}),
                       evidence=tuple(path.name for path in self.evidence), signature=signature,
                       released=released.isoformat())


def edition_folder(repository: Repository, version: str) -> Path:
    return editions_folder(repository) / version


def release_problems(project: Project, request: ReleaseRequest, previous: Project | None) -> list[Diagnostic]:
    """Why the working copy cannot become the edition ``request`` asks for (empty: it can).

    ``previous`` is the latest frozen edition's sources, loaded: revisions only go forward.
    """
    repository = project.repository
    registry = repository.display(editions_folder(repository) / EDITIONS_FILE)
    problems: list[Diagnostic] = list(project.errors())  # an edition is released from sources without mistakes
    if request.version in (DRAFT, LATEST) or any(e.version == request.version for e in project.editions) \
            or edition_folder(repository, request.version).exists():
        problems.append(Diagnostic(registry, None, Message("release.exists", version=request.version),
                                   Message("release.exists.hint")))
    if request.approved_by not in project.roles.names:
        problems.append(Diagnostic("sapat release", None, Message("release.unknown_body", role=request.approved_by),
                                   Message("release.unknown_body.hint")))
    for path in request.evidence:
        if not path.is_file():
            problems.append(Diagnostic("sapat release", None, Message("release.no_evidence", path=str(path)),
                                       Message("release.no_evidence.hint")))
    for name, page in project.source.files.items():
        if not page.controlled:
            continue
        problems += _page_problems(project, name, request, previous)
        for language in TRANSLATIONS:
            if project.translation_state(name, language) is not TranslationState.CURRENT:
                translation = project.languages[language].files.get(name)
                where = translation.display if translation else f"manual/{language}/{name}"
                line = translation.meta.line_of(("translation_of",)) if translation else None
                problems.append(Diagnostic(where, line, Message("release.translation_lags", language=language,
                                                                original=page.display),
                                           Message("release.translation_lags.hint", page=where)))
    return problems


def _page_problems(project: Project, name: str, request: ReleaseRequest, previous: Project | None) -> list[Diagnostic]:
    page = project.source.files[name]
    control = project.control(name)
    if control is None:
        return []  # its metadata is wrong: 'sapat check' reports it, and releasing is refused
    line = page.meta.line_of
    problems = []
    if control.shown_status != APPROVED:
        status = Message(f"release.status.{control.shown_status}")  # in the words the site uses for it
        problems.append(Diagnostic(page.display, line(("status",)), Message("release.not_approved", status=status),
                                   Message("release.not_approved.hint", page=page.display)))
    if control.approval_date and control.approval_date > request.approval_date.isoformat():
        problems.append(Diagnostic(page.display, line(("approval_date",)),
                                   Message("release.approved_after", date=control.approval_date,
                                           edition=request.approval_date.isoformat()),
                                   Message("release.approved_after.hint")))
    earlier = previous.source.files.get(name) if previous else None
    if earlier is not None and isinstance(earlier.get("revision"), int) and control.revision < earlier.get("revision"):
        problems.append(Diagnostic(page.display, line(("revision",)),
                                   Message("release.revision_back", revision=control.revision,
                                           previous=earlier.get("revision")),
                                   Message("release.revision_back.hint")))
    return problems


def freeze(repository: Repository, request: ReleaseRequest, edition: Edition, built: Path,
           recorded: list[Edition]) -> Edition:
    """Move ``edition`` as built (``built/<language>/``) into ``manual/editions/<version>/`` with
    its evidence, a snapshot of its sources and its manifest; record it in editions.yml after
    the editions ``recorded`` there."""
    folder = edition_folder(repository, request.version)
    for language in LANGUAGES:
        shutil.copytree(built / language, folder / PUBLISHED / language)
    evidence = folder / PUBLISHED / SOURCE_LANGUAGE / "evidence"
    for path in request.evidence:
        evidence.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, evidence / path.name)
    snapshot = folder / SOURCES
    for part in SOURCE_PARTS:
        source = repository.root / part
        if source.is_dir():
            shutil.copytree(source, snapshot / part, ignore=_editions_folder_of(repository))
        else:
            shutil.copy2(source, snapshot / part)
    edition = replace(edition, manifest_digest=seal(folder, LANGUAGES))
    write_editions(repository, [*recorded, edition])
    return edition


def keep_spreadsheets(project: Project, built: Path) -> None:
    """The spreadsheets of what a reviewer audits against, as of the release day, kept in the
    edition as built (``<language>/criteria/``), so its manifest lists them; the pages stay outside
    every edition, current (docs/frameworks.md)."""
    for language in LANGUAGES:
        for file in spreadsheets(project, language):
            path = built / language / file.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(file.content)


def keep_acknowledgement_sheets(project: Project, edition: Edition, built: Path) -> None:
    """The acknowledgement sheets of the edition, one per unit of the day and language, in the
    edition as built (``<language>/acknowledgement/``), so its manifest lists them: they list
    the documents it changed since the edition in force (docs/registers.md)."""
    write_sheets(project, edition, project.base, "sheet.made_frozen", edition.released or project.today.isoformat(),
                 LANGUAGES, built)


def _editions_folder_of(repository: Repository) -> Callable[[str, list[str]], list[str]]:
    """An ignore callback for copytree that leaves the frozen editions out of a snapshot."""
    editions = editions_folder(repository).resolve()

    def ignore(directory: str, names: list[str]) -> list[str]:
        return [name for name in names if (Path(directory) / name).resolve() == editions]
    return ignore


def signing_method(root: Path) -> str:
    """How git signs here: "ssh" or "gpg" when a signing key is configured, else "unsigned"."""
    if not (git_or_none(root, "config", "user.signingkey") or b"").strip():
        return "unsigned"
    return "ssh" if (git_or_none(root, "config", "gpg.format") or b"").strip() == b"ssh" else "gpg"


def uncommitted_inputs(root: Path) -> list[str]:
    """Build inputs with uncommitted changes: an edition must be a commit of main."""
    status = git_text(root, "status", "--porcelain", "--", *BUILD_INPUTS)
    return [line[3:] for line in status.splitlines() if line.strip()]


def commit_release(root: Path, edition: Edition) -> str:
    """Commit the frozen edition and tag it ``edition/<version>`` (signed when git can sign)."""
    git(root, "add", "--", str(editions_folder(Repository(root)).relative_to(root)))
    git(root, "commit", "-q", "-m", f"Release edition {edition.version} "
         f"(approved by {edition.approved_by} on {edition.approval_date}, protocol {edition.protocol})")
    tag = f"edition/{edition.version}"
    sign = ["-s"] if edition.signature != "unsigned" else ["-a"]
    git(root, "tag", *sign, "-m", f"Edition {edition.version}, manifest {edition.manifest_digest}", tag)
    return tag


def commit_mend(root: Path, edition: Edition) -> None:
    """Commit a mended edition (its folder and editions.yml): the act and its reason in the log."""
    mend = edition.mends[-1]
    git(root, "add", "-A", "--", str(editions_folder(Repository(root)).relative_to(root)))
    git(root, "commit", "-q", "-m", f"Mend edition {edition.version}: {mend.reason.get('ru') or ''}\n\n"
         f"Pages and PDFs made again from its frozen sources with today's code; the text of every clause "
         f"is unchanged. Manifest {mend.replaced} -> {edition.manifest_digest}.")


def release(root: Path, request: ReleaseRequest, build: Build) -> tuple[Edition, str]:
    """``sapat release``: the approved working copy, committed, checked (:func:`release_problems`),
    built with its PDFs by ``build``, frozen, committed and tagged. The edition and its tag;
    nothing is written when the release is refused or the build fails."""
    if changed := uncommitted_inputs(root):
        raise SapatError(Message("release.uncommitted", files=", ".join(changed)), Message("release.uncommitted.hint"))
    repository = Repository(root)
    project = load_project(root)
    previous = load_project(edition_folder(repository, project.editions[-1].version) / SOURCES) \
        if project.editions else None
    if problems := release_problems(project, request, previous):
        raise SapatError(Message("release.refused", version=request.version, reasons=len(problems)),
                         problems=sorted(problems, key=sort_key))
    edition = request.edition(signing_method(root), released=dt.date.today())
    with tempfile.TemporaryDirectory(prefix="sapat-release-") as built:
        try:
            build(repository, edition, Path(built), request.evidence)
        except SapatError as exc:
            raise SapatError(Message("release.build_failed", reason=exc.reason), problems=exc.problems) from None
        keep_spreadsheets(project, Path(built))
        keep_acknowledgement_sheets(project, edition, Path(built))
        edition = freeze(repository, request, edition, Path(built), project.editions)
    return edition, commit_release(root, edition)


def mend_edition(root: Path, project: Project, version: str, reason: Mapping[str, str], build: Build) -> Edition:
    """``sapat mend``: edition ``version`` made again with today's code (:func:`.mend.mend`) and
    committed with its reason; ``project`` is the working copy, already checked."""
    if changed := uncommitted_inputs(root):
        raise SapatError(Message("release.uncommitted", files=", ".join(changed)), Message("release.uncommitted.hint"))
    if version not in {edition.version for edition in project.editions}:
        raise SapatError(Message("mend.unknown_edition", version=version), Message("mend.unknown_edition.hint"))
    edition = mend(Repository(root), project.editions, version, reason, dt.date.today(), build)
    commit_mend(root, edition)
    return edition


__all__ = ["release", "mend_edition", "ReleaseRequest", "commit_mend", "commit_release", "edition_folder", "freeze",
           "keep_acknowledgement_sheets", "keep_spreadsheets", "release_problems", "signing_method",
           "uncommitted_inputs"]
