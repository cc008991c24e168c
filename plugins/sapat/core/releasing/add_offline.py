"""Adding offline copies to an edition frozen without them, changing none of its files.

An edition is mended once at most (docs/editions.md): the edition of 2018-12-21 was frozen, and
mended, before offline copies existed, and a second mend only to add them would replace its
files and its manifest once more. A copy is a new artefact, not a change of the edition, so
``sapat add-offline`` makes it the way a mend would (:func:`.mend.build_again`: its frozen
sources, today's code), the copies alone (``build`` makes no pages and typesets no PDF), and:

- refuses, writing nothing, unless the text of every clause of every page of each copy is the
  frozen edition's (:func:`.mend.text_changes`), or when the edition already has copies;
- puts the frozen edition's own PDF in each copy, so the document of record travels unchanged;
- stores the ZIPs beside the edition, outside its manifest-covered folder
  (``manual/editions/<version>/offline/``), and records the act with the digest of each ZIP in
  editions.yml (``offline_added``), which is what vouches for them.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from ..diagnostics import SapatError
from ..git import git
from ..i18n.languages import LANGUAGES
from ..i18n.messages import Message
from ..model.editions import ADDED_COPIES, PUBLISHED, AddedCopies, Edition, editions_folder, write_editions
from ..sources.repository import Repository
from .manifests import file_digest
from .mend import Build, build_again, refusal, text_changes
from .offline import offline_copy, pack
from .release import uncommitted_inputs


def add_offline_copies(repository: Repository, editions: list[Edition], version: str, reason: Mapping[str, str],
                       today: dt.date, build: Build) -> Edition:
    """Build edition ``version``'s offline copies with today's code and add them beside it,
    recorded in editions.yml; nothing is written when it has copies already, the build fails
    or the text of any clause of a copy differs from the edition's (a SapatError says which)."""
    edition = next((edition for edition in editions if edition.version == version), None)
    if edition is None:
        raise SapatError(Message("mend.unknown_edition", version=version), Message("mend.unknown_edition.hint"))
    folder = editions_folder(repository) / version
    if any(offline_copy(folder, edition, language).is_file() for language in LANGUAGES) or edition.added_copies \
            or (folder / ADDED_COPIES).exists():
        raise SapatError(Message("add_offline.has_copies", version=version), Message("add_offline.has_copies.hint"))
    with tempfile.TemporaryDirectory(prefix="sapat-add-offline-") as work:
        built = build_again(repository, editions, edition, Path(work), build, "add_offline.build_failed")
        shown = repository.display(folder / PUBLISHED)
        copies = {language: _with_frozen_pdf(built / language / edition.offline_name(language),
                                             folder / PUBLISHED / language / edition.pdf_name(language),
                                             Path(work) / "copies" / language)
                  for language in LANGUAGES}
        changes = [change for language, copy in copies.items()
                   for change in text_changes(folder / PUBLISHED / language, copy, f"{shown}/{language}",
                                              new_as_files=True)]
        if changes:
            raise refusal(changes, Message("add_offline.refused", version=version, count=len(changes)))
        (folder / ADDED_COPIES).mkdir()
        for language, copy in copies.items():
            pack(copy, folder / ADDED_COPIES / edition.offline_name(language), copy.name)
    added = replace(edition, added_copies=AddedCopies(
        today.isoformat(), dict(reason),
        {language: "sha256:" + file_digest(folder / ADDED_COPIES / edition.offline_name(language))
         for language in LANGUAGES}))
    write_editions(repository, [added if other.version == version else other for other in editions])
    return added


def _with_frozen_pdf(zip_file: Path, frozen_pdf: Path, into: Path) -> Path:
    """The copy packed in ``zip_file``, unpacked into ``into``, with the edition's PDF as it was
    frozen beside its pages (the PDF, the document of record, is the edition's: none is typeset)."""
    with zipfile.ZipFile(zip_file) as archive:
        archive.extractall(into)
    (copy,) = into.iterdir()
    shutil.copyfile(frozen_pdf, copy / frozen_pdf.name)
    return copy


def added_copies(repository: Repository, edition: Edition) -> dict[str, Path]:
    """The offline copies added to ``edition`` after its release, by language (none for an
    edition whose copies were frozen with it): ``sapat build`` publishes them where a released
    edition's are."""
    if edition.added_copies is None:
        return {}
    folder = editions_folder(repository) / edition.version / ADDED_COPIES
    return {language: folder / edition.offline_name(language) for language in edition.added_copies.digests}


def add_and_commit(root: Path, editions: list[Edition], version: str, reason: Mapping[str, str],
                   build: Build) -> Edition:
    """``sapat add-offline``: the copies added (:func:`add_offline_copies`) and committed with
    the reason; ``editions`` are the working copy's, already checked."""
    if changed := uncommitted_inputs(root):
        raise SapatError(Message("release.uncommitted", files=", ".join(changed)), Message("release.uncommitted.hint"))
    edition = add_offline_copies(Repository(root), editions, version, reason, dt.date.today(), build)
    digests = edition.added_copies.digests if edition.added_copies else {}
    git(root, "add", "--", str(editions_folder(Repository(root)).relative_to(root)))
    git(root, "commit", "-q", "-m", f"Add offline copies to edition {version}: {reason.get('ru') or ''}\n\n"
        "Built from its frozen sources with today's code, the text of every clause as the edition's and its "
        "frozen PDF inside; kept beside the edition, outside its manifest, which is unchanged "
        f"({edition.manifest_digest}). " + ", ".join(f"{language} {digest}" for language, digest in digests.items()))
    return edition


__all__ = ["add_and_commit", "add_offline_copies", "added_copies"]
