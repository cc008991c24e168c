"""Appendix 2: the PDCA cycle in the manual's words (section 3), drawn from ``processes/pdca.yml``.

Four boxes go round clockwise — plan, do, check, act — and the last leads back to the first.
Each box carries the big letter, the manual's name and wording of the phase, and links to
the clauses that carry the phase out.
"""

from __future__ import annotations

from ..i18n.labels import label
from ..i18n.messages import Message
from ..model.processes import Pdca, Phase, ProcessModel
from .elements import TEXT_SIZE, clause_line, title_paragraph
from .figure import clause_links, finish, ident, unavailable
from .grid import Cell, grid_layout
from .routing import Router
from .scene import Node, Paragraph, Scene
from .svg import Href, esc, table

KIND = "appendix-2"
BOX_WIDTH = 270.0
COLUMN_GAP, ROW_GAP = 64.0, 52.0
LETTER_SIZE = 26.0
# Clockwise round a 2 x 2 grid: (column, row) of plan, do, check, act.
POSITIONS = ((0, 0), (1, 0), (1, 1), (0, 1))


def _node(phase: Phase, lang: str) -> Node:
    return Node(phase.id, (
        Paragraph.of(phase.letter, size=LETTER_SIZE, bold=True),
        title_paragraph(phase.name.get(lang)),
        Paragraph.of(phase.text.get(lang), size=TEXT_SIZE),
        clause_line(phase.clauses),
    ), "phase", padding=10)


def pdca_scene(model: ProcessModel, lang: str) -> Scene:
    """The PDCA cycle laid out: four phases clockwise, each handing over to the next."""
    assert model.pdca is not None, "Appendix 2 is drawn only once processes/pdca.yml loaded"
    phases = model.pdca.phases
    nodes = {p.id: _node(p, lang) for p in phases}
    cells = [Cell(p.id, column, row, nodes[p.id].content_height(BOX_WIDTH), stretch=True)
             for p, (column, row) in zip(phases, POSITIONS, strict=True)]
    for name, rect in grid_layout(cells, [BOX_WIDTH, BOX_WIDTH], COLUMN_GAP, ROW_GAP).items():
        nodes[name].rect = rect
    scene = Scene(KIND, nodes)
    router = Router(scene.node_rects())
    for index, phase in enumerate(phases):
        following = phases[(index + 1) % len(phases)]
        scene.routes.append(router.connect(phase.id, following.id, "value"))
    return scene


def _alternative(pdca: Pdca, lang: str, href: Href) -> str:
    phases = pdca.phases
    rows = [(esc(f"{p.letter} — {p.name.get(lang)}"), esc(p.text.get(lang)), clause_links(p.clauses, href),
             esc(phases[(i + 1) % len(phases)].name.get(lang))) for i, p in enumerate(phases)]
    return (table([label("phase", lang), label("content", lang), label("clause_numbers", lang),
                   label("next", lang)], rows) +
            f"<p>{label('pdca.source', lang, clause=clause_links([pdca.clause], href))}</p>")


def pdca_svg(model: ProcessModel, lang: str, href: Href, scene: Scene | None = None) -> str:
    """Appendix 2 as an HTML figure: inline SVG, text version and caption (``scene``: laid out
    already, by the check)."""
    pdca = model.pdca
    if pdca is None:
        return unavailable(KIND, Message("diagram.file_not_loaded", file="processes/pdca.yml"), lang)
    caption = pdca.caption.get(lang)
    description = label("pdca.desc", lang, phases=" → ".join(
        f"{p.name.get(lang)} — {p.text.get(lang)}" for p in pdca.phases))
    return finish(lambda: scene or pdca_scene(model, lang), KIND, ident(KIND), caption, description, caption,
                  _alternative(pdca, lang, href), lang, href)
