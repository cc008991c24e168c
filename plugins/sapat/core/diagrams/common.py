"""Pieces every diagram module uses: link targets, clause lines, legends and the final figure."""

from __future__ import annotations

from typing import Callable, Iterable, Sequence

from ..processes import Process
from ..labels import label
from .layout import LayoutError, bounding
from .scene import LegendEntry, Node, Paragraph, Scene, legend
from .svg import Href, esc, figure, render_svg, text_link

TITLE_SIZE = 12.5
TEXT_SIZE = 12.0
SMALL_SIZE = 11.0


def clause_target(clause: str) -> str:
    """The symbolic link target of a clause, resolved to a URL by the caller's ``href``."""
    return f"clause:{clause}"


def process_target(process_id: str) -> str:
    """The symbolic link target of a process page."""
    return f"process:{process_id}"


def clause_line(clauses: Sequence[str], size: float = SMALL_SIZE) -> Paragraph:
    """A line of clause numbers, each a link to its clause."""
    return Paragraph.links([(c, clause_target(c)) for c in clauses], size=size)


def clause_links(clauses: Iterable[str], href: Href) -> str:
    """Clause numbers as HTML links for a text version."""
    return ", ".join(text_link(c, clause_target(c), href) for c in clauses)


def process_link(process: Process, lang: str, href: Href) -> str:
    """A process name as an HTML link to its page."""
    return text_link(process.name.get(lang), process_target(process.id), href)


def kind_style(kind: str) -> str:
    """The box style of a process kind: double, thick or dashed outline (readable in black and white)."""
    return f"process-{kind}"


def process_kind_legend(lang: str) -> list[LegendEntry]:
    """Legend entries explaining the three outlines of process boxes."""
    return [LegendEntry(label(f"kinds.{kind}", lang), box=kind_style(kind))
            for kind in ("management", "core", "support")]


def add_legend(scene: Scene, entries: Sequence[LegendEntry], gap: float = 22.0) -> None:
    """Put the legend under everything drawn so far, as wide as the drawing."""
    drawn = bounding(scene.rects().values())
    nodes, samples = legend(entries, drawn.x, drawn.bottom + gap, max(drawn.w, 320))
    scene.nodes.update({node.id: node for node in nodes})
    scene.samples.extend(samples)


def ident(*parts: str) -> str:
    """An HTML id for a figure, unique per diagram (and per process for process maps)."""
    return "-".join(("sapat",) + parts)


def finish(build: Callable[[], Scene], kind: str, figure_id: str, title: str, description: str,
           caption: str, alternative: str, lang: str, href: Href, open_alternative: bool = True) -> str:
    """Lay the scene out, render it and wrap it with its text version and caption.

    A layout that cannot be drawn (say, Appendix 1 blocks moved so that an arrow has no
    clear path) leaves the text version in place of the picture; the build reports the cause
    through :func:`sapat.core.diagrams.diagram_diagnostics`.
    """
    try:
        scene = build().fit()
    except LayoutError as exc:
        return figure(figure_id, kind, unavailable(kind, str(exc)), caption,
                      label("text_version", lang), alternative, True)
    svg = render_svg(scene, figure_id, title, description, href)
    return figure(figure_id, kind, svg, caption, label("text_version", lang), alternative,
                  open_alternative)


def unavailable(kind: str, message: str) -> str:
    """What replaces a diagram whose data did not load (the build reports why)."""
    return f'<p class="sapat-diagram-missing sapat-diagram-{esc(kind)}">{esc(message)}</p>'


def title_paragraph(text: str, size: float = TITLE_SIZE) -> Paragraph:
    return Paragraph.of(text, size=size, bold=True)


def fit_width(nodes: Iterable[Node], minimum: float) -> float:
    """A column width that fits the longest unbreakable word of ``nodes`` (and ``minimum``)."""
    return max([minimum] + [node.min_width() for node in nodes])
