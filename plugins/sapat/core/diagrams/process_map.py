"""The map of one process, drawn from its YAML file: a "turtle" diagram.

Suppliers (interested parties and the processes that hand over to it) stand on the left,
then the inputs, the process, the outputs and, on the right, the customers and the processes
it hands over to. Resources and owner sit in the upper corners ("with what?", "who?"),
governing clauses and indicators in the lower ones ("how?", "how well?"). Solid
arrows carry the flow of results, dashed ones the owner's, resources', clauses' and
indicators' link to the process. Neighbouring processes link to their pages, clauses to the
manual.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..i18n.labels import label
from ..i18n.messages import Message
from ..model.links import process_target
from ..model.processes import Item, Process, ProcessModel
from .elements import (
    SMALL_SIZE,
    TEXT_SIZE,
    TITLE_SIZE,
    clause_line,
    fit_width,
    kind_style,
    title_paragraph,
)
from .figure import clause_links, finish, ident, process_text_link, unavailable
from .grid import Cell, grid_layout, stack
from .routing import Router
from .scene import LegendEntry, Node, Paragraph, Scene
from .svg import Href, bullet_list, esc, table

KIND = "process-map"
CENTER = "process"
WIDTHS = {"side": 140.0, "list": 176.0, "center": 160.0}
COLUMN_GAP, ROW_GAP, STACK_GAP = 26.0, 30.0, 10.0


def _list_node(node_id: str, title: str, items: Sequence[Item], lang: str, style: str = "list") -> Node:
    body = [Paragraph.of(i.text.get(lang), size=SMALL_SIZE, bullet=True) for i in items]
    if not body:
        body = [Paragraph.of(label("not_set", lang), size=SMALL_SIZE, italic=True)]
    return Node(node_id, (title_paragraph(title, TEXT_SIZE), *body), style, align="start")


def _neighbour(process: Process, prefix: str, lang: str) -> Node:
    return Node(f"{prefix}:{process.id}", (Paragraph.of(process.name.get(lang), size=TEXT_SIZE),),
                kind_style(process.kind), process_target(process.id))


def _parties(node_id: str, title: str, party_ids: Sequence[str], model: ProcessModel,
             lang: str) -> list[Node]:
    names = [model.party_name(p, lang) for p in party_ids]
    if not names:
        return []
    return [Node(node_id, (title_paragraph(title, TEXT_SIZE),
                           *(Paragraph.of(n, size=SMALL_SIZE, bullet=True) for n in names)),
                 "party", align="start")]


def _nodes(model: ProcessModel, process: Process, lang: str) -> dict[str, list[Node]]:
    """The map's boxes, by grid slot; the side slots hold stacks of boxes."""
    center = Node(CENTER, (title_paragraph(process.name.get(lang), TITLE_SIZE + 0.5),
                           Paragraph.of(label(f"kind.{process.kind}", lang), size=SMALL_SIZE, italic=True)),
                  kind_style(process.kind), padding=10)
    owner = Node("owner", (title_paragraph(label('process.owner', lang), TEXT_SIZE),
                           Paragraph.of(model.roles.name(process.owner, lang), size=SMALL_SIZE),
                           clause_line(process.owner_clauses)), "list")
    clauses = Node("clauses", (title_paragraph(label("clauses", lang), TEXT_SIZE),
                               clause_line(process.clauses, TEXT_SIZE)), "list")
    return {
        "suppliers": _parties("suppliers", label("suppliers", lang), process.suppliers, model, lang) +
        [_neighbour(p, "from", lang) for p in model.received_from(process.id)],
        "inputs": [_list_node("inputs", label("inputs", lang), process.inputs, lang)],
        "center": [center],
        "outputs": [_list_node("outputs", label("outputs", lang), process.outputs, lang)],
        "customers": [_neighbour(p, "to", lang) for p in model.handed_to(process.id)] +
        _parties("customers", label("customers", lang), process.customers, model, lang),
        "resources": [_list_node("resources", label("resources", lang), process.resources, lang)],
        "owner": [owner],
        "clauses": [clauses],
        "indicators": [_list_node("indicators", label("indicators", lang), process.indicators, lang)],
    }


# slot: (column, row, columns, width key)
SLOTS = {
    "suppliers": (0, 1, 1, "side"), "inputs": (1, 1, 1, "list"), "center": (2, 1, 1, "center"),
    "outputs": (3, 1, 1, "list"), "customers": (4, 1, 1, "side"),
    "resources": (1, 0, 1, "list"), "owner": (3, 0, 1, "list"),
    "clauses": (1, 2, 1, "list"), "indicators": (3, 2, 1, "list"),
}


def _widths(slots: dict[str, list[Node]]) -> list[float]:
    widths = [0.0] * 5
    for slot, nodes in slots.items():
        column, _, columns, key = SLOTS[slot]
        if nodes and columns == 1:
            widths[column] = max(widths[column], fit_width(nodes, WIDTHS[key]))
    return widths


def _slot_width(slot: str, widths: list[float]) -> float:
    column, _, columns, _ = SLOTS[slot]
    return sum(widths[column:column + columns]) + COLUMN_GAP * (columns - 1)


def _place(slots: dict[str, list[Node]]) -> None:
    """Grid the slots, then stack the boxes of each slot inside its cell."""
    widths = _widths(slots)
    cells = []
    for slot, nodes in slots.items():
        if not nodes:
            continue
        column, row, columns, _ = SLOTS[slot]
        width = _slot_width(slot, widths)
        height = sum(n.content_height(width) for n in nodes) + STACK_GAP * (len(nodes) - 1)
        cells.append(Cell(slot, column, row, height, columns, stretch=slot in ("inputs", "outputs")
                          or len(nodes) > 1))
    areas = grid_layout(cells, widths, COLUMN_GAP, ROW_GAP)
    for slot, nodes in slots.items():
        if not nodes:
            continue
        area = areas[slot]
        if len(nodes) == 1 and slot in ("inputs", "outputs"):
            nodes[0].rect = area
            continue
        heights = [n.content_height(area.w) for n in nodes]
        for node, rect in zip(nodes, stack(area, heights, STACK_GAP), strict=True):
            node.rect = rect


def process_map_scene(model: ProcessModel, process_id: str, lang: str) -> Scene:
    """The map of ``process_id`` laid out, arrows routed, with its legend."""
    process = model.process(process_id)
    slots = _nodes(model, process, lang)
    _place(slots)
    scene = Scene(KIND, {node.id: node for nodes in slots.values() for node in nodes})
    router = Router(scene.node_rects())
    links = [(n.id, "inputs", "handover") for n in slots["suppliers"]]
    links += [("inputs", CENTER, "handover"), (CENTER, "outputs", "handover")]
    links += [("outputs", n.id, "handover") for n in slots["customers"]]
    links += [("owner", CENTER, "information"), ("resources", CENTER, "information"),
              ("clauses", CENTER, "information"), (CENTER, "indicators", "information")]
    scene.routes.extend(router.connect(source, target, kind) for source, target, kind in links)
    scene.legend = [LegendEntry(label("handover", lang), line="handover"),
                    LegendEntry(label("support_link", lang), line="information")]
    return scene


def _items_html(items: Sequence[Item], lang: str, href: Href) -> str:
    if not items:
        return esc(label("not_set", lang))
    return bullet_list(esc(i.text.get(lang)) + (f" ({clause_links([i.clause], href)})" if i.clause else "")
                       for i in items)


def _alternative(model: ProcessModel, process: Process, lang: str, href: Href) -> str:
    def parties(ids: Sequence[str]) -> list[str]:
        return [esc(model.party_name(p, lang)) for p in ids]

    suppliers = parties(process.suppliers) + [process_text_link(p, lang, href) for p in model.received_from(process.id)]
    customers = [process_text_link(p, lang, href) for p in model.handed_to(process.id)] + parties(process.customers)
    rows = [
        (label('process.owner', lang), esc(model.roles.name(process.owner, lang)) +
         f" ({clause_links(process.owner_clauses, href)})"),
        (label("suppliers", lang), bullet_list(suppliers) or esc(label("none", lang))),
        (label("inputs", lang), _items_html(process.inputs, lang, href)),
        (label("outputs", lang), _items_html(process.outputs, lang, href)),
        (label("customers", lang), bullet_list(customers) or esc(label("none", lang))),
        (label("resources", lang), _items_html(process.resources, lang, href)),
        (label("indicators", lang), _items_html(process.indicators, lang, href)),
        (label("clauses", lang), clause_links(process.clauses, href)),
    ]
    return table(["", process.name.get(lang)], [(esc(head), cell) for head, cell in rows])


def _description(model: ProcessModel, process: Process, lang: str) -> str:
    def names(processes: Sequence[Process]) -> str:
        return ", ".join(p.name.get(lang) for p in processes) or label("none", lang)

    return label("map.desc", lang, name=process.name.get(lang),
                 sources=names(model.received_from(process.id)),
                 targets=names(model.handed_to(process.id)),
                 inputs="; ".join(i.text.get(lang) for i in process.inputs),
                 outputs="; ".join(i.text.get(lang) for i in process.outputs))


def process_map_svg(model: ProcessModel, process_id: str, lang: str, href: Href,
                    scene: Scene | None = None) -> str:
    """The map of one process as an HTML figure; its text version starts closed (``scene``: laid
    out already, by the check).

    The page that shows the map lists the same facts right under it, so the text version is
    there for screen readers without repeating itself on screen.
    """
    if process_id not in model.processes:
        return unavailable(KIND, Message("diagram.process_not_loaded", id=process_id), lang)
    process = model.process(process_id)
    caption = label("map.caption", lang, name=process.name.get(lang))
    return finish(lambda: scene or process_map_scene(model, process_id, lang), KIND, ident(KIND, process_id), caption,
                  _description(model, process, lang), caption, _alternative(model, process, lang, href),
                  lang, href, open_alternative=False)
