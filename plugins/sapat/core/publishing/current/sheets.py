"""Where each edition's acknowledgement sheets are, and the sheets the current area makes.

An edition released with sheets keeps them (``<language>/<version>/acknowledgement/<unit>.pdf``,
frozen, in its manifest). An edition released before sheets were made has none of its own: the
current area makes them from the edition's frozen sources, beside its record
(``<language>/editions/<version>/acknowledgement/<unit>.pdf``), not frozen, and every page that
links them says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ...i18n.labels import label
from ...model.editions import EDITIONS_LIST, PUBLISHED, Edition, editions_folder
from ...model.project import Project
from ..pdf.sheets import ACKNOWLEDGEMENT, edition_sheets
from .area import CurrentFile, released_sources


@dataclass(frozen=True)
class Sheets:
    """An edition's sheets in one language: their folder below the language's web root, the
    units that have one, and whether they are frozen with the edition."""

    folder: str
    units: tuple[str, ...]
    frozen: bool

    def path(self, unit: str) -> str:
        return f"{self.folder}/{unit}.pdf"


def edition_sheets_of(project: Project, edition: Edition, language: str) -> Sheets:
    """Where the sheets of ``edition`` are: its own, or the current area's."""
    frozen = editions_folder(project.repository) / edition.version / PUBLISHED / language / ACKNOWLEDGEMENT
    if frozen.is_dir():
        return Sheets(f"{edition.version}/{ACKNOWLEDGEMENT}", tuple(sorted(path.stem for path in frozen.glob("*.pdf"))),
                      frozen=True)
    return Sheets(f"{EDITIONS_LIST}/{edition.version}/{ACKNOWLEDGEMENT}",
                  tuple(unit.id for unit in project.registers.units), frozen=False)


def current_sheets(project: Project, language: str) -> Iterator[CurrentFile]:
    """The sheets of every edition released before sheets were made, from its frozen sources."""
    previous: Project | None = None
    for edition in project.editions:
        sources = released_sources(project, edition)
        sheets = edition_sheets_of(project, edition, language)
        if sources is not None and not sheets.frozen and project.registers.units:
            made = label("sheet.made_current", language, date=project.today.isoformat())
            for unit, pdf in edition_sheets(project, edition, sources, previous, made, language,
                                            day=project.today.isoformat()).items():
                yield CurrentFile(sheets.path(unit), pdf)
        previous = sources
