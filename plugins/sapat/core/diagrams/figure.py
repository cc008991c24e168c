"""Turning a laid-out scene into the published figure: SVG, text version and caption."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..i18n.labels import label
from ..i18n.messages import Message
from ..model.links import clause_target, process_target
from ..model.processes import Process
from .geometry import LayoutError
from .scene import Scene
from .svg import Href, esc, figure, legend_list, render_svg, text_link


def clause_links(clauses: Iterable[str], href: Href) -> str:
    """Clause numbers as HTML links for a text version."""
    return ", ".join(text_link(c, clause_target(c), href) for c in clauses)


def process_text_link(process: Process, lang: str, href: Href) -> str:
    """A process name as an HTML link to its page."""
    return text_link(process.name.get(lang), process_target(process.id), href)


def ident(*parts: str) -> str:
    """An HTML id for a figure, unique per diagram (and per process for process maps)."""
    return "-".join(("sapat",) + parts)


def finish(build: Callable[[], Scene], kind: str, figure_id: str, title: str, description: str,
           caption: str, alternative: str, lang: str, href: Href, open_alternative: bool = True) -> str:
    """Lay the scene out, render it and wrap it with its legend, text version and caption.

    A layout that cannot be drawn (say, Appendix 1 blocks moved so that an arrow has no
    clear path) leaves the text version in place of the picture; the build reports the cause
    through :func:`sapat.core.diagrams.lay_out`.
    """
    try:
        scene = build().fit()
    except LayoutError as exc:
        return figure(figure_id, kind, unavailable(kind, exc.message, lang), caption,
                      label("text_version", lang), alternative, True)
    svg = render_svg(scene, figure_id, title, description, href)
    return figure(figure_id, kind, svg, caption, label("text_version", lang), alternative,
                  open_alternative, legend_list(scene.legend))


def unavailable(kind: str, message: Message, lang: str) -> str:
    """What replaces a diagram whose data did not load (the build reports why), in the page's language."""
    return f'<p class="sapat-diagram-missing sapat-diagram-{esc(kind)}">{esc(message.render(lang))}</p>'
