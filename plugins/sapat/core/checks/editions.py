"""The frozen editions are exactly as released, and the source their records quote is there."""

from __future__ import annotations

from ..diagnostics import Diagnostic
from ..i18n.languages import LANGUAGES, SOURCE_LANGUAGE
from ..i18n.messages import Message
from ..model.editions import ADDED_COPIES, EDITIONS_FILE, PUBLISHED, SOURCES, Edition, editions_folder
from ..model.project import Project
from ..releasing.manifests import MANIFEST, ManifestError, compare, digest_of, file_digest, parse_manifest
from ..sources.repository import Repository


def frozen_editions(project: Project) -> list[Diagnostic]:
    """Every frozen edition is exactly as it was released: each file as its manifest says, and
    the manifest the one whose digest editions.yml recorded; the offline copies added after its
    release are the ZIPs editions.yml records."""
    repository = project.repository
    registry = repository.display(editions_folder(repository) / EDITIONS_FILE)
    problems: list[Diagnostic] = []
    for edition in project.editions:
        folder = editions_folder(repository) / edition.version
        problems += _added_copies(repository, edition)
        manifests = {language: folder / PUBLISHED / language / MANIFEST for language in LANGUAGES}
        texts = {path.read_text(encoding="utf-8") for path in manifests.values() if path.is_file()}
        if len(texts) != 1 or not all(path.is_file() for path in manifests.values()) or \
                digest_of(next(iter(texts))) != edition.manifest_digest:
            problems.append(Diagnostic(registry, edition.line, Message("edition.manifest_untrusted",
                                                                       version=edition.version),
                                       Message("edition.restore.hint")))
            continue
        try:
            entries = parse_manifest(next(iter(texts)))
        except ManifestError as exc:
            problems.append(Diagnostic(repository.display(manifests[SOURCE_LANGUAGE]), exc.line,
                                       Message("edition.manifest_malformed"), Message("edition.restore.hint")))
            continue
        folders = {f"{PUBLISHED}/{language}": folder / PUBLISHED / language for language in LANGUAGES}
        folders[SOURCES] = folder / SOURCES
        for discrepancy in compare(entries, folders):
            problems.append(Diagnostic(repository.display(folder / discrepancy.path), None,
                                       Message(f"edition.file_{discrepancy.kind}", version=edition.version),
                                       Message("edition.restore.hint")))
    return problems


def _added_copies(repository: Repository, edition: Edition) -> list[Diagnostic]:
    """Each offline copy added after the release (``offline/``) is the ZIP whose digest
    editions.yml records, and the folder holds nothing else."""
    folder = editions_folder(repository) / edition.version / ADDED_COPIES
    recorded = {folder / edition.offline_name(language): digest
                for language, digest in (edition.added_copies.digests if edition.added_copies else {}).items()}
    found = {path for path in folder.rglob("*") if path.is_file()}
    kinds = {path: "missing" if path not in found else "changed" for path, digest in recorded.items()
             if path not in found or "sha256:" + file_digest(path) != digest}
    kinds |= {path: "added" for path in found - recorded.keys()}
    return [Diagnostic(repository.display(path), None, Message(f"edition.file_{kind}", version=edition.version),
                       Message("edition.restore.hint")) for path, kind in sorted(kinds.items())]


def quoted_sources(project: Project) -> list[Diagnostic]:
    """The source an edition's record quotes is a file of the repository that has those lines."""
    repository = project.repository
    registry = repository.display(editions_folder(repository) / EDITIONS_FILE)
    problems = []
    for edition in project.editions:
        if edition.source is None:
            continue
        path = (repository.root / edition.source.file).resolve()
        first, last = edition.source.lines
        inside = path.is_relative_to(repository.root) and path.is_file()
        count = len(path.read_text(encoding="utf-8", errors="replace").splitlines()) if inside else 0
        if not inside or not 1 <= first <= last <= count:
            problems.append(Diagnostic(registry, edition.line,
                                       Message("edition.quote_missing", version=edition.version,
                                               file=edition.source.file, first=first, last=last),
                                       Message("edition.quote_missing.hint")))
    return problems
