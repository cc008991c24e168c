"""The building blocks every diagram shares: text sizes, titles, clause lines, outlines, legends."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..i18n.labels import label
from ..model.links import clause_target
from ..model.processes import KINDS
from .scene import LegendEntry, Node, Paragraph

TITLE_SIZE = 12.5
TEXT_SIZE = 12.0
SMALL_SIZE = 11.0


def clause_line(clauses: Sequence[str], size: float = SMALL_SIZE) -> Paragraph:
    """A line of clause numbers, each a link to its clause."""
    return Paragraph.links([(c, clause_target(c)) for c in clauses], size=size)


def kind_style(kind: str) -> str:
    """The box style of a process kind: double, thick or dashed outline (readable in black and white)."""
    return f"process-{kind}"


def process_kind_legend(lang: str) -> list[LegendEntry]:
    """Legend entries explaining the three outlines of process boxes."""
    return [LegendEntry(label(f"kinds.{kind}", lang), box=kind_style(kind))
            for kind in KINDS]


def title_paragraph(text: str, size: float = TITLE_SIZE) -> Paragraph:
    """A box's title: bold."""
    return Paragraph.of(text, size=size, bold=True)


def fit_width(nodes: Iterable[Node], minimum: float) -> float:
    """A column width that fits the longest unbreakable word of ``nodes`` (and ``minimum``)."""
    return max([minimum] + [node.min_width() for node in nodes])
