"""Diagrams drawn at build time from ``processes/*.yml``: inline SVG, no script, no request.

Public functions take the loaded :class:`~sapat.core.model.processes.ProcessModel`, a language
("ky" or "ru") and ``href``: a function turning a symbolic target ("clause:7.3.1",
"process:internal-audit") into a URL, or None for no link. Each returns an HTML ``<figure>``
with the SVG (``role="group"``, ``<title>``, ``<desc>``), a text version and a caption.

Pages ask for a diagram with a placeholder comment that :func:`render_placeholder` resolves:
``<!-- sapat:diagram appendix-1 -->``, ``appendix-2``, ``interaction`` or
``process-map:<process id>``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterator, Mapping
from functools import partial

from ..diagnostics import Diagnostic
from ..i18n.languages import LANGUAGES
from ..i18n.messages import Message
from ..model.processes import ProcessModel
from .appendix1 import appendix1_scene, appendix1_svg
from .geometry import LayoutError
from .interaction import interaction_scene, interaction_svg
from .pdca import pdca_scene, pdca_svg
from .process_map import process_map_scene, process_map_svg
from .scene import Scene, scene_problems
from .svg import Href

PLACEHOLDER = re.compile(r"<!--\s*sapat:diagram\s+(?P<name>[a-z0-9:-]+)\s*-->")
#: The figures the scan lost, drawn under the heading of their appendix: clause id -> diagram.
APPENDIX_FIGURES = {"appendix-1": "appendix-1", "appendix-2": "appendix-2"}

__all__ = ["APPENDIX_FIGURES", "PLACEHOLDER", "LaidOut", "appendix1_scene", "appendix1_svg", "diagram_names",
           "insert_diagrams", "interaction_scene", "interaction_svg", "lay_out", "pdca_scene",
           "pdca_svg", "process_map_scene", "process_map_svg", "render_placeholder"]


#: Diagrams laid out by the check, by (name, language): the pages draw the very scenes that
#: were checked, and each is laid out once rather than again in every language's build.
LaidOut = Mapping[tuple[str, str], Scene]


def render_placeholder(name: str, model: ProcessModel, lang: str, href: Href,
                       laid_out: LaidOut | None = None) -> str | None:
    """The figure a ``<!-- sapat:diagram NAME -->`` placeholder stands for; None if unknown."""
    scene = (laid_out or {}).get((name, lang))
    if name == "appendix-1":
        return appendix1_svg(model, lang, href, scene)
    if name == "appendix-2":
        return pdca_svg(model, lang, href, scene)
    if name == "interaction":
        return interaction_svg(model, lang, href, scene)
    if name.startswith("process-map:"):
        return process_map_svg(model, name.split(":", 1)[1], lang, href, scene)
    return None


def insert_diagrams(html: str, model: ProcessModel, lang: str, href: Href, laid_out: LaidOut | None = None) -> str:
    """Rendered HTML with every diagram placeholder replaced by its figure."""
    return PLACEHOLDER.sub(lambda m: render_placeholder(m.group("name"), model, lang, href, laid_out)
                           or m.group(0), html)


def _scenes(model: ProcessModel) -> Iterator[tuple[str, str, Callable[[str], Scene]]]:
    """(name, YAML file that feeds it, scene builder) for every diagram the model can draw."""
    if model.appendix1:
        yield "appendix-1", "processes/model.yml", lambda lang: appendix1_scene(model, lang)
    if model.pdca:
        yield "appendix-2", "processes/pdca.yml", lambda lang: pdca_scene(model, lang)
    if model.processes:
        yield "interaction", "processes", lambda lang: interaction_scene(model, lang)
    for process in model.processes.values():
        yield f"process-map:{process.id}", process.path, partial(_process_map, model, process.id)


def _process_map(model: ProcessModel, process_id: str, lang: str) -> Scene:
    return process_map_scene(model, process_id, lang)


def diagram_names(model: ProcessModel) -> list[str]:
    """The name of every diagram the model can draw (``appendix-1``, ``process-map:<id>``, ...)."""
    return [name for name, _, _ in _scenes(model)]


def lay_out(model: ProcessModel, names: Container[str] | None = None) -> tuple[list[Diagnostic], LaidOut]:
    """Every diagram (or those ``names``) laid out in both languages: what cannot be drawn
    cleanly, as diagnostics, and every scene that could be laid out.

    The pictures are checked the way the tests check them (no overlap, arrows from edge to
    edge, text inside its box), so a change to the YAML that breaks a drawing fails the build
    with the file to look at instead of publishing a broken figure.
    """
    found: list[Diagnostic] = []
    scenes: dict[tuple[str, str], Scene] = {}
    for name, path, build in _scenes(model):
        if names is not None and name not in names:
            continue
        for lang in LANGUAGES:
            try:
                scene = scenes[(name, lang)] = build(lang).fit()
                problems = scene_problems(scene)
            except LayoutError as exc:
                problems = [exc.message]
            found.extend(Diagnostic(path, None, Message("diagram.problem", name=name, language=lang, problem=problem),
                                    Message("diagram.problem.hint")) for problem in problems)
    return found, scenes
