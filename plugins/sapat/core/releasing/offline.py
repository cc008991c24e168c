"""An edition's offline copy as one ZIP, frozen with the edition, and how anyone checks it.

The copy (core/publishing/offline.py builds its pages) is packed at release, and by a mend,
into ``site/<language>/jamu-qms-<version>-<language>-offline.zip`` of the edition's folder:
published beside the edition's PDF, listed in the edition's manifest like any file of it, so
``sapat verify`` of the edition covers the ZIP byte for byte. The ZIP holds one folder (the
copy) with a manifest of its own (``manifest.sha256``, ``sha256sum`` format), so the copy
can be checked once unpacked, with ``sha256sum -c`` or ``sapat verify``, away from the site.

The ZIP is the same bytes whenever the same copy is packed: files in the order of their
paths, each with the same fixed time, permissions and compression.
"""

from __future__ import annotations

import hashlib
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..i18n.languages import LANGUAGES
from ..model.editions import ADDED_COPIES, PUBLISHED, Edition, editions_folder
from ..model.project import Project
from .manifests import MANIFEST, Discrepancy, ManifestError, digest_of, file_digest, make_manifest, parse_manifest

#: The time every file of the ZIP carries (the earliest a ZIP can say): a copy packed twice is
#: the same bytes.
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_UNIX = 3


def pack(copy: Path, target: Path, folder: str) -> None:
    """The copy in ``copy`` with its manifest, as the ZIP ``target`` holding it in ``folder``."""
    (copy / MANIFEST).write_text(make_manifest(copy), encoding="utf-8")
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(path for path in copy.rglob("*") if path.is_file()):
            entry = zipfile.ZipInfo(f"{folder}/{path.relative_to(copy).as_posix()}", _FIXED_TIME)
            entry.create_system = _UNIX
            entry.external_attr = 0o100644 << 16
            archive.writestr(entry, path.read_bytes(), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)


def offline_copy(edition_folder: Path, edition: Edition, language: str) -> Path:
    """Where edition's offline copy in ``language`` is: frozen with it, beside its PDF; or, for
    an edition frozen before offline copies were made, where ``sapat add-offline`` adds it,
    beside the edition (it may not exist: such an edition has none until then)."""
    frozen = edition_folder / PUBLISHED / language / edition.offline_name(language)
    if frozen.is_file() or edition.added_copies is None:
        return frozen
    return edition_folder / ADDED_COPIES / edition.offline_name(language)


@dataclass(frozen=True)
class CopyCheck:
    """An offline copy (its ZIP or its unpacked folder) against the manifest it carries."""

    files: int
    #: The digest of the manifest the copy carries (``sha256:…``), None when it has none.
    digest: str | None
    discrepancies: list[Discrepancy]
    #: The first line of the manifest that is not ``<sha256>  <path>``, if any.
    malformed: int | None = None

    @property
    def verified(self) -> bool:
        return self.digest is not None and self.malformed is None and not self.discrepancies


def check_copy(path: Path) -> CopyCheck:
    """Every file of the offline copy at ``path`` (a ZIP, or the folder it unpacks into)
    against the manifest it carries: which file changed, is missing or was added. A ZIP that
    cannot be opened carries no manifest; a file of it that cannot be read back (a byte of its
    compressed data changed) reads as changed, its manifest as malformed."""
    try:
        digests, manifest = _zip_digests(path) if path.is_file() else _folder_digests(path)
    except zipfile.BadZipFile:
        return CopyCheck(0, None, [])
    if manifest is None:
        return CopyCheck(len(digests), None, [])
    try:
        entries = parse_manifest(manifest)
    except ManifestError as exc:
        return CopyCheck(len(digests), digest_of(manifest), [], exc.line)
    found = [Discrepancy(name, "missing" if name not in digests else "changed")
             for name, digest in entries.items() if digests.get(name) != digest]
    found += [Discrepancy(name, "added") for name in sorted(digests) if name not in entries]
    return CopyCheck(len(entries), digest_of(manifest), found)


def _zip_digests(path: Path) -> tuple[dict[str, str], str | None]:
    """The digest of every file of the ZIP, by its path inside the copy's folder, and the
    manifest's text."""
    with zipfile.ZipFile(path) as archive:
        members = {info.filename.split("/", 1)[1]: info for info in archive.infolist()
                   if not info.is_dir() and "/" in info.filename}
        manifest = members.pop(MANIFEST, None)
        digests = {name: hashlib.sha256(_read(archive, info)).hexdigest() for name, info in members.items()}
        return digests, _read(archive, manifest).decode("utf-8", errors="replace") if manifest else None


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A file of the ZIP, or, when it cannot be read back (its compressed bytes or their
    checksum changed), a line no manifest has, so that it reads as changed."""
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, zlib.error, EOFError):
        return b"unreadable\n"


def _folder_digests(folder: Path) -> tuple[dict[str, str], str | None]:
    manifest = folder / MANIFEST
    digests = {path.relative_to(folder).as_posix(): file_digest(path) for path in sorted(folder.rglob("*"))
               if path.is_file() and path != manifest}
    return digests, manifest.read_text(encoding="utf-8") if manifest.is_file() else None


def frozen_copy(project: Project, digest: str) -> tuple[str, str] | None:
    """The edition and language of the offline copy frozen in ``project``'s repository whose
    manifest has ``digest``, if any: a copy found elsewhere is one of them."""
    for edition in project.editions:
        for language in LANGUAGES:
            path = offline_copy(editions_folder(project.repository) / edition.version, edition, language)
            if path.is_file() and check_copy(path).digest == digest:
                return edition.version, language
    return None


__all__ = ["CopyCheck", "check_copy", "frozen_copy", "offline_copy", "pack"]
