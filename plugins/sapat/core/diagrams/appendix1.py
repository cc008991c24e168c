"""Appendix 1: the model of a process-based QMS, drawn from ``processes/model.yml``.

The blocks sit on the grid the YAML gives (column, row, spans); column widths follow the
longest word so that no word is cut. Each block links to its first clause and lists all its
clauses as separate links; arrows are solid for value-adding activity and dashed for the flow
of information, as in the legend of the manual's figure.
"""

from __future__ import annotations

from ..i18n.labels import label
from ..i18n.messages import Message
from ..model.links import clause_target
from ..model.processes import Appendix1, Block, ProcessModel
from .elements import SMALL_SIZE, TEXT_SIZE, clause_line, fit_width, title_paragraph
from .figure import clause_links, finish, ident, unavailable
from .grid import Cell, grid_layout
from .routing import Router, label_position
from .scene import Label, LegendEntry, Node, Paragraph, Scene
from .svg import Href, bullet_list, esc, table, text_link
from .text_metrics import text_width

MIN_COLUMN = 112.0
COLUMN_GAP, ROW_GAP = 26.0, 34.0
MIN_BLOCK_HEIGHT = 50.0
LABEL_SIZE = 11.5
KIND = "appendix-1"


def _node(block: Block, model: Appendix1, lang: str) -> Node:
    paragraphs = [title_paragraph(block.title.get(lang))]
    if block.subtitle:
        paragraphs.append(Paragraph.of(block.subtitle.get(lang), size=TEXT_SIZE, italic=True))
    parties = {p.id: p for p in model.parties}
    paragraphs += [Paragraph.of(parties[p].name.get(lang), size=SMALL_SIZE, bullet=True)
                   for p in block.parties if p in parties]
    paragraphs.append(clause_line(block.clauses))
    return Node(block.id, tuple(paragraphs), "block", clause_target(block.clauses[0]),
                min_height=MIN_BLOCK_HEIGHT)


def _column_widths(model: Appendix1, nodes: dict[str, Node]) -> list[float]:
    count = max(b.column + b.columns for b in model.blocks)
    return [fit_width([nodes[b.id] for b in model.blocks if b.column == c and b.columns == 1],
                      MIN_COLUMN) for c in range(count)]


def appendix1_scene(model: ProcessModel, lang: str) -> Scene:
    """Appendix 1 laid out: blocks on their grid, arrows routed, labels and legend placed."""
    a1 = model.appendix1
    assert a1 is not None, "Appendix 1 is drawn only once processes/model.yml loaded"
    nodes = {b.id: _node(b, a1, lang) for b in a1.blocks}
    widths = _column_widths(a1, nodes)

    def span(block: Block) -> float:
        return sum(widths[block.column:block.column + block.columns]) + COLUMN_GAP * (block.columns - 1)

    cells = [Cell(b.id, b.column, b.row, nodes[b.id].content_height(span(b)), b.columns, b.rows,
                  stretch=b.rows > 1) for b in a1.blocks]
    for name, rect in grid_layout(cells, widths, COLUMN_GAP, ROW_GAP).items():
        nodes[name].rect = rect
    scene = Scene(KIND, nodes)
    router = Router(scene.node_rects())
    for arrow in a1.arrows:
        route = router.connect(arrow.source, arrow.target, arrow.kind)
        scene.routes.append(route)
        if arrow.label:
            text = arrow.label.get(lang)
            rect = label_position(route, text_width(text, LABEL_SIZE) + 6, LABEL_SIZE * 1.4,
                                  scene.rects().values())
            scene.labels.append(Label(rect, text, LABEL_SIZE))
    scene.legend = [LegendEntry(a1.legend[kind].get(lang), line=kind) for kind in ("value", "information")]
    return scene


def _alternative(a1: Appendix1, lang: str, href: Href) -> str:
    titles = {b.id: b.title.get(lang) for b in a1.blocks}

    def heading(block: Block) -> str:
        text = titles[block.id] + (f": {block.subtitle.get(lang)}" if block.subtitle else "")
        return text_link(text, clause_target(block.clauses[0]), href)

    def arrows_from(block: Block) -> str:
        return "<br/>".join(f"→ {esc(titles[a.target])} ({esc(a1.legend[a.kind].get(lang))})"
                            for a in a1.arrows if a.source == block.id) or "—"

    rows = [(heading(b), clause_links(b.clauses, href), arrows_from(b)) for b in a1.blocks]
    parties = bullet_list(
        esc(p.name.get(lang)) + f" ({clause_links([p.clause], href)})" +
        bullet_list(esc(r.text.get(lang)) + (f" ({clause_links([r.clause], href)})" if r.clause else "")
                    for r in p.requirements)
        for p in a1.parties)
    return (table([label("block", lang), label("clause_numbers", lang), label("leads_to", lang)], rows) +
            f"<p><strong>{esc(label('parties', lang))}</strong></p>" + parties)


def _description(a1: Appendix1, lang: str) -> str:
    titles = {b.id: b.title.get(lang) for b in a1.blocks}
    arrows = "; ".join(f"{titles[a.source]} → {titles[a.target]} ({a1.legend[a.kind].get(lang)})"
                       for a in a1.arrows)
    return label("appendix1.desc", lang, blocks=len(a1.blocks), arrows=len(a1.arrows),
                 arrows_text=arrows + ".")


def appendix1_svg(model: ProcessModel, lang: str, href: Href, scene: Scene | None = None) -> str:
    """Appendix 1 as an HTML figure: inline SVG, text version and caption (``scene``: laid out
    already, by the check)."""
    a1 = model.appendix1
    if a1 is None:
        return unavailable(KIND, Message("diagram.file_not_loaded", file="processes/model.yml"), lang)
    caption = a1.caption.get(lang)
    return finish(lambda: scene or appendix1_scene(model, lang), KIND, ident(KIND), caption, _description(a1, lang),
                  caption, _alternative(a1, lang, href), lang, href)
