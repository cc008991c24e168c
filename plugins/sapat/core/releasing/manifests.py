"""Manifests of frozen editions: the SHA-256 digest of every file, in ``sha256sum`` format, so
that anyone can check a frozen edition, in the repository or in a downloaded copy, offline.

A frozen edition lives in ``manual/editions/<version>/``: ``site/<language>/`` holds what is
published as ``<language>/<version>/`` of the web root, ``sources/`` the sources it was built
from. Its manifest lists every file of both, with paths relative to the edition's folder
(``site/ky/04-qms/index.html``), and is itself published as ``<language>/<version>/manifest.sha256``
(the same bytes in every language), so it travels with every copy of the site.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..i18n.messages import Message
from ..model.editions import PUBLISHED, Edition

MANIFEST = "manifest.sha256"


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def digest_of(text: str) -> str:
    """``sha256:<hex>`` of a manifest's text: what editions.yml records."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_manifest(edition_folder: Path) -> str:
    """The manifest of every file under ``edition_folder`` (manifests excluded), sorted."""
    files = sorted(path for path in edition_folder.rglob("*") if path.is_file() and path.name != MANIFEST)
    return "".join(f"{file_digest(path)}  {path.relative_to(edition_folder).as_posix()}\n" for path in files)


def seal(edition_folder: Path, languages: Iterable[str]) -> str:
    """Write the manifest of a frozen edition's folder into each language's published folder
    (where it travels with every copy of the site); its digest."""
    manifest = make_manifest(edition_folder)
    for language in languages:
        (edition_folder / PUBLISHED / language / MANIFEST).write_text(manifest, encoding="utf-8")
    return digest_of(manifest)


class ManifestError(ValueError):
    """A manifest that is not ``<sha256>  <path>`` line by line; ``line`` is the first bad one."""

    def __init__(self, line: int):
        super().__init__(f"line {line} of the manifest is not '<sha256>  <path>'")
        self.line = line


def parse_manifest(text: str) -> dict[str, str]:
    """Relative path -> hex digest; a malformed line raises :class:`ManifestError`."""
    entries: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        digest, separator, path = line.partition("  ")
        if not separator or len(digest) != 64 or not path:
            raise ManifestError(number)
        entries[path] = digest
    return entries


@dataclass(frozen=True)
class Discrepancy:
    """A file of a frozen edition that is not as its manifest says."""

    path: str
    kind: str  # "changed", "missing" or "added"


def compare(entries: dict[str, str], folder_of: dict[str, Path]) -> list[Discrepancy]:
    """Check files against manifest ``entries``.

    ``folder_of`` maps a top folder of the manifest's paths (``site/ky``, ``sources``) to the
    folder that holds those files here; entries under other prefixes are not checked (a web
    root carries no sources). Every file found under those folders and not listed is "added".
    """
    found: list[Discrepancy] = []
    listed: set[Path] = set()
    for path, digest in entries.items():
        local = _local(path, folder_of)
        if local is None:
            continue
        listed.add(local)
        if not local.is_file():
            found.append(Discrepancy(path, "missing"))
        elif file_digest(local) != digest:
            found.append(Discrepancy(path, "changed"))
    for prefix, folder in folder_of.items():
        for local in sorted(folder.rglob("*")):
            if local.is_file() and local not in listed and local.name != MANIFEST:
                found.append(Discrepancy(f"{prefix}/{local.relative_to(folder).as_posix()}", "added"))
    return found


def _local(path: str, folder_of: dict[str, Path]) -> Path | None:
    for prefix, folder in folder_of.items():
        if path.startswith(prefix + "/"):
            return folder / path[len(prefix) + 1:]
    return None


@dataclass(frozen=True)
class AddedCopy:
    """An offline copy added to a frozen edition after its release (``sapat add-offline``),
    found beside its files but outside its manifest: vouched for by the digest editions.yml
    records, or, where the repository is not at hand, only reported."""

    path: str  # as the manifest would name it: site/ky/jamu-qms-2018-12-21-ky-offline.zip
    digest: str  # sha256:<hex> of the file found
    recorded: bool


@dataclass(frozen=True)
class EditionCheck:
    """The outcome of checking one frozen edition found in a web root."""

    version: str
    digest: str
    files: int
    discrepancies: list[Discrepancy]
    #: Why the manifest itself cannot be trusted (copies differ, or not the digest recorded).
    manifest_problem: Message | None = None
    #: Its offline copies added after the release, each as its recorded digest says.
    added_copies: tuple[AddedCopy, ...] = ()

    @property
    def verified(self) -> bool:
        return not self.discrepancies and self.manifest_problem is None


def edition_folder_of_web_root(folder: Path) -> bool:
    """Whether ``folder`` is an edition's folder in a web root (``<root>/<language>/<version>/``):
    its manifest lists the edition's published files, where an offline copy's lists its own."""
    try:
        entries = parse_manifest((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ManifestError):
        return False
    return any(path.startswith(PUBLISHED + "/") for path in entries)


def verify_web_root(root: Path, recorded: Mapping[str, Sequence[str]],
                    added: Mapping[str, Mapping[str, str]] | None = None) -> list[EditionCheck]:
    """Check every frozen edition of a published web root (``root/<language>/<version>/``)
    against its manifest; ``recorded`` maps versions to the manifest digests editions.yml
    holds, the current first and then those a mend replaced, which a copy made before carries
    (empty when the repository is not at hand: the digests are then only reported). ``added``
    maps versions to the offline copies added after their release (``site/<language>/<name>``
    to the ``sha256:`` digest editions.yml records), which their manifest does not list."""
    manifests: dict[str, dict[str, Path]] = {}
    for path in sorted(root.glob(f"*/*/{MANIFEST}")):
        manifests.setdefault(path.parent.name, {})[path.parent.parent.name] = path
    checks = []
    for version, by_language in manifests.items():
        texts = {path.read_text(encoding="utf-8") for path in by_language.values()}
        text = next(iter(texts))
        problem = None
        if len(texts) > 1:
            problem = Message("verify.copies_differ")
        elif version in recorded and digest_of(text) not in recorded[version]:
            problem = Message("verify.not_recorded", digest=recorded[version][0])
        try:
            entries = parse_manifest(text)
        except ManifestError as exc:
            checks.append(EditionCheck(version, digest_of(text), 0, [], Message("verify.malformed", line=exc.line)))
            continue
        languages = {path.split("/")[1] for path in entries if path.startswith(PUBLISHED + "/")}
        folders = {f"{PUBLISHED}/{language}": root / language / version for language in sorted(languages)}
        published = {path: digest for path, digest in entries.items() if path.startswith(PUBLISHED + "/")}
        expected = (added or {}).get(version, {}) if version in recorded else _unlisted_copies(version, published)
        copies, wrong = _added_copies(expected, folders)
        found = [item for item in compare(published, folders) if item.path not in expected] + wrong
        checks.append(EditionCheck(version, digest_of(text), len(published), found, problem, copies))
    missing = sorted(set(recorded) - set(manifests))
    checks += [EditionCheck(version, recorded[version][0], 0, [], Message("verify.missing_edition"))
               for version in missing]
    return checks


def _unlisted_copies(version: str, published: Mapping[str, str]) -> dict[str, str | None]:
    """Where an edition's offline copies are, when its manifest does not list them (added after
    its release; no digest to check them by without the repository)."""
    languages = {path.split("/")[1] for path in published}
    paths = (f"{PUBLISHED}/{language}/{Edition(version).offline_name(language)}" for language in sorted(languages))
    return {path: None for path in paths if path not in published}


def _added_copies(expected: Mapping[str, str | None],
                  folders: dict[str, Path]) -> tuple[tuple[AddedCopy, ...], list[Discrepancy]]:
    """The added copies found (a web root published before they were added has none), and
    those whose bytes are not the ones recorded."""
    copies, wrong = [], []
    for path, recorded in expected.items():
        local = _local(path, folders)
        if local is None or not local.is_file():
            continue
        digest = "sha256:" + file_digest(local)
        if recorded is not None and digest != recorded:
            wrong.append(Discrepancy(path, "changed"))
        else:
            copies.append(AddedCopy(path, digest, recorded is not None))
    return tuple(copies), wrong
