"""Where each side of ``sapat diff`` comes from: a folder with the sources, an edition, the
draft, or a git revision. Every side ends up as a folder that ``load_project`` reads.

A name is tried in that order: an existing folder; a version of
``manual/editions/editions.yml`` (or ``latest``), whose frozen sources are compared; ``draft``,
the working copy; a git revision, whose sources ``git archive`` writes into a scratch folder.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, SapatError
from ..git import available, git_or_none
from ..i18n.messages import Message, listing
from ..load import load_project
from ..model.editions import DRAFT, edition_sources, load_editions
from ..sources.data_files import Schemas
from ..sources.repository import SOURCE_PARTS, Repository
from .compare import ProjectDiff, compare


@dataclass(frozen=True)
class Side:
    folder: Path
    #: How the report names it: "edition 2018-12-21", "revision HEAD~1 (84435c6)"...
    description: Message


def working_copy(root: Path) -> Side:
    return Side(root, Message("diff.side.working_copy"))


def open_side(root: Path, name: str, scratch: Path) -> Side:
    """The sources that ``name`` means, read from the repository at ``root``; a git revision is
    written into a new folder under ``scratch``."""
    folder = Path(name).expanduser()
    if folder.is_dir():
        if not (folder / "manual").is_dir():
            raise SapatError(Message("diff.folder_without_manual", name=name, parts=listing(SOURCE_PARTS)))
        return Side(folder.resolve(), Message("diff.side.folder", name=name))
    if (edition := _edition(root, name)) is not None:
        return edition
    if name == DRAFT:
        return working_copy(root)
    return _revision(root, name, scratch)


def _edition(root: Path, version: str) -> Side | None:
    repository = Repository(root)
    report: list[Diagnostic] = []
    editions = load_editions(repository, Schemas(repository.schemas), report)
    if report:
        raise SapatError(Message("diff.editions_unreadable", path=report[0].path))
    folder = edition_sources(repository, editions, version)
    if folder is None:
        return None
    if not (folder / "manual").is_dir():
        raise SapatError(Message("diff.edition_without_sources", version=version,
                                   path=repository.display(folder)))
    return Side(folder, Message("diff.side.edition", version=folder.parent.name))


def _revision(root: Path, name: str, scratch: Path) -> Side:
    """The sources of git revision ``name``, extracted with ``git archive``."""
    if not available():
        raise SapatError(Message("diff.not_found_no_git", name=name, draft=DRAFT))
    commit = git_or_none(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}")
    if commit is None:
        raise SapatError(Message("diff.not_found", name=name, draft=DRAFT, root=str(root)))
    sha = commit.decode().strip()
    listed = git_or_none(root, "ls-tree", "--name-only", sha) or b""
    present = [entry for entry in listed.decode().splitlines() if entry in SOURCE_PARTS]
    archive = git_or_none(root, "archive", "--format=tar", sha, "--", *present) if present else None
    if archive is None:
        raise SapatError(Message("diff.revision_without_sources", name=name, sha=sha[:7],
                                   parts=listing(SOURCE_PARTS)))
    import tarfile  # loaded only for a side taken from git

    folder = scratch / sha
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return Side(folder, Message("diff.side.revision", name=name, sha=sha[:7]))


@dataclass(frozen=True)
class Comparison:
    """``sapat diff``'s answer: the two sides, what changed, and the sides whose sources have
    mistakes (how many errors): they are compared as read, and the editor is told once."""

    old: Side
    new: Side
    diff: ProjectDiff
    mistaken: tuple[tuple[Side, int], ...]


def compare_sides(root: Path, old: str, new: str | None, languages: Sequence[str]) -> Comparison:
    """What changed from side ``old`` to side ``new`` (the working copy when None), clause by clause."""
    with tempfile.TemporaryDirectory(prefix="sapat-diff-") as scratch:
        newer = open_side(root, new, Path(scratch)) if new else working_copy(root)
        sides = (open_side(root, old, Path(scratch)), newer)
        before, after = (load_project(side.folder) for side in sides)
    mistaken = tuple((side, len(errors)) for side, project in zip(sides, (before, after), strict=True)
                     if (errors := project.errors()))
    return Comparison(sides[0], sides[1], compare(before, after, languages), mistaken)
