"""The map of how processes hand over to one another, drawn from ``processes/*.yml``.

The processes stand in three bands side by side, management, core and support, each a
column or two of a common grid under its heading, so the map is about as wide as it is tall
and fits a laptop screen. Arrows run only in the gutters between the rows and columns of the
grid (:mod:`.channels`), each on a track of its own, so they can never cross a box, whatever
the YAML says. Within its band a process takes the place where the arrows cross least: a
local search swaps processes between the cells of a band while that removes crossings or
shortens the arrows.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import permutations
from math import ceil

from ..i18n.labels import label
from ..i18n.messages import Message
from ..model.links import process_target
from ..model.processes import KINDS, Process, ProcessModel
from ..runtime.cache import kept
from .channels import PORT_SPACING, Cell, Channel, ChannelPlan, plan_channels, untangled_plan
from .elements import TITLE_SIZE, fit_width, kind_style, process_kind_legend
from .figure import clause_links, finish, ident, process_text_link, unavailable
from .geometry import Rect
from .routing import Route
from .scene import LegendEntry, Node, Paragraph, Scene
from .svg import Href, esc, table

KIND = "interaction"
MIN_BOX_WIDTH = 150.0
#: The grid has at most this many columns; the bands share them and grow downwards.
MAX_COLUMNS = 5
HEADING_GAP = 6.0
#: Half the space between the tinted areas of neighbouring bands.
ZONE_GAP = 2.0

Bands = tuple[tuple[str, tuple[str, ...]], ...]
Edges = tuple[tuple[str, str], ...]


def _bands(model: ProcessModel) -> Bands:
    """Each kind that has processes, with its processes in file order, in the order of :func:`_band_order`."""
    bands = tuple((kind, members) for kind in KINDS
                  if (members := tuple(p.id for p in model.processes.values() if p.kind == kind)))
    return _band_order(bands, _edges(model))


def _edges(model: ProcessModel) -> Edges:
    return tuple((s.id, t.id) for s, t, _ in model.hand_overs())


def _band_order(bands: Bands, edges: Edges) -> Bands:
    """The bands left to right so that hand-overs between bands pass as few bands as they can.

    The band with the most hand-overs to the others stands in the middle, so that its arrows
    to either side are short; among equally good orders, the first in the order of kinds.
    """
    kind_of = {pid: kind for kind, members in bands for pid in members}
    between = [(kind_of[s], kind_of[t]) for s, t in edges if kind_of[s] != kind_of[t]]

    def spread(order: Bands) -> int:
        position = {kind: i for i, (kind, _) in enumerate(order)}
        return sum(abs(position[a] - position[b]) for a, b in between)

    return min(permutations(bands), key=spread)


def grid_rows(bands: Bands) -> int:
    """The fewest rows that let the bands, each in whole columns, share :data:`MAX_COLUMNS`."""
    largest = max(len(members) for _, members in bands)
    return next(rows for rows in range(1, largest + 1)
                if sum(ceil(len(members) / rows) for _, members in bands) <= MAX_COLUMNS
                or rows == largest)


def band_columns(bands: Bands) -> list[tuple[str, range]]:
    """Each band's columns of the grid, left to right."""
    rows, first, result = grid_rows(bands), 0, []
    for kind, members in bands:
        width = ceil(len(members) / rows)
        result.append((kind, range(first, first + width)))
        first += width
    return result


Arrangement = tuple[tuple[tuple[str, Cell], ...], ChannelPlan]

#: The last arrangement this process used, with its bands and hand-overs: the map is drawn in
#: both languages and orders several pages, from one model. One entry, found by exactly the
#: search's arguments, so it can never be another model's.
_last: tuple[tuple[Bands, Edges], Arrangement] | None = None


def layout(model: ProcessModel) -> tuple[dict[str, Cell], ChannelPlan]:
    """Each process's cell on the grid, (row, column), and the plan of the arrows between them."""
    places, plan = arrangement(model)
    return dict(places), plan


def arrangement(model: ProcessModel) -> Arrangement:
    """The map's arrangement for ``model``: the last one if its hand-overs are the same, else
    searched for, its result kept between runs (:mod:`..runtime.cache`)."""
    global _last
    search = (_bands(model), _edges(model))
    if _last is None or _last[0] != search:
        _last = search, kept(_arrange, *search)
    return _last[1]


def adopt_arrangement(model: ProcessModel, found: Arrangement) -> None:
    """Take ``found``, searched for elsewhere (a child of the check), as the last arrangement, for ``model``."""
    global _last
    _last = (_bands(model), _edges(model)), found


def _arrange(bands: Bands, edges: Edges) -> Arrangement:
    """Processes placed in their bands' cells where the arrows cross least, then are shortest.

    Starts from the file order, column by column, and swaps two cells of a band (either may be
    empty) as long as a swap improves the plan's score; then the arrows' courses and tracks
    are improved for that placement. The result depends on the hand-overs only, not on the
    language, so it is computed once for both.
    """
    rows = grid_rows(bands)
    band_cells = [[(r, c) for c in columns for r in range(rows)] for _, columns in band_columns(bands)]
    places: dict[str, Cell] = {}
    for (_, members), cells in zip(bands, band_cells, strict=True):
        places.update(zip(members, cells, strict=False))
    best = plan_channels(places, edges).score()
    improved = True
    while improved:
        improved = False
        for cells in band_cells:
            for i, a in enumerate(cells):
                for b in cells[i + 1:]:
                    candidate = _swapped(places, a, b)
                    if candidate is None:
                        continue
                    if (score := plan_channels(candidate, edges).score()) < best:
                        places, best, improved = candidate, score, True
    return tuple(places.items()), untangled_plan(places, edges)


def _swapped(places: dict[str, Cell], a: Cell, b: Cell) -> dict[str, Cell] | None:
    """``places`` with whatever stands in cells ``a`` and ``b`` exchanged; None if both are empty."""
    at = {cell: pid for pid, cell in places.items()}
    if a not in at and b not in at:
        return None
    swapped = dict(places)
    if a in at:
        swapped[at[a]] = b
    if b in at:
        swapped[at[b]] = a
    return swapped


def flow_order(model: ProcessModel) -> list[str]:
    """The processes as the map shows them: band by band (management, core, support), each
    band read row by row."""
    if not model.processes:
        return []
    places, _ = layout(model)
    return sorted(places, key=lambda pid: (KINDS.index(model.processes[pid].kind), *places[pid]))


def _node(process: Process, lang: str) -> Node:
    return Node(process.id, (Paragraph.of(process.name.get(lang), size=TITLE_SIZE),),
                kind_style(process.kind), process_target(process.id), padding=9)


def _heading(kind: str, lang: str) -> Node:
    return Node(f"band:{kind}", (Paragraph.of(label(f"kinds.{kind}", lang), size=TITLE_SIZE, bold=True),),
                "legend", padding=2)


def interaction_scene(model: ProcessModel, lang: str) -> Scene:
    """The interaction map laid out: three bands of processes, hand-overs in the gutters."""
    places, plan = layout(model)
    bands = _bands(model)
    nodes = {pid: _node(model.processes[pid], lang) for pid in places}
    headings = {kind: _heading(kind, lang) for kind, _ in bands}
    width = fit_width([*nodes.values(), *headings.values()], MIN_BOX_WIDTH)
    widths = [max(width, (plan.ports_along("h", c) + 1) * PORT_SPACING) for c in range(plan.columns)]
    heights = [max([nodes[pid].content_height(widths[c]) for pid, (r, c) in places.items() if r == row] +
                   [(plan.ports_along("v", row) + 1) * PORT_SPACING]) for row in range(plan.rows)]
    top = max(headings[kind].content_height(_span(widths, columns, plan))
              for kind, columns in band_columns(bands)) + HEADING_GAP
    cells, routes = plan.draw(widths, heights, y0=top)
    for pid, cell in places.items():
        nodes[pid].rect = cells[cell]
    bottom = cells[(plan.rows - 1, 0)].bottom + plan.channel_size(Channel("h", plan.rows))
    zones = []
    for kind, columns in band_columns(bands):
        first, last = cells[(0, columns[0])], cells[(0, columns[-1])]
        headings[kind].rect = Rect(first.x, 0.0, last.right - first.x, top - HEADING_GAP)
        left = first.x - plan.channel_size(Channel("v", columns[0])) / (2 if columns[0] else 1)
        right = last.right + plan.channel_size(Channel("v", columns[-1] + 1)) / (
            2 if columns[-1] + 1 < plan.columns else 1)
        zones.append(Rect(left + ZONE_GAP, -HEADING_GAP, right - left - 2 * ZONE_GAP, bottom + HEADING_GAP))
    scene = Scene(KIND, {**{h.id: h for h in headings.values()}, **nodes}, zones=zones,
                  legend=[*process_kind_legend(lang), LegendEntry(label("handover", lang), line="handover")])
    scene.routes = _named(routes, _edges(model))
    return scene


def _span(widths: Sequence[float], columns: range, plan: ChannelPlan) -> float:
    """The width a heading over ``columns`` may take: the columns and the channels between them."""
    return sum(widths[c] for c in columns) + sum(plan.channel_size(Channel("v", c)) for c in columns[1:])


def _named(routes: list[Route], edges: Edges) -> list[Route]:
    """The plan's routes named by the processes they join."""
    return [Route(source, target, route.points, route.kind)
            for route, (source, target) in zip(routes, edges, strict=True)]


def _alternative(model: ProcessModel, order: list[str], lang: str, href: Href) -> str:
    rows = []
    for pid in order:
        process = model.processes[pid]
        targets = "<br/>".join(f"→ {process_text_link(model.processes[h.target], lang, href)} "
                              f"({clause_links([h.clause], href)})"
                              for h in process.hands_over_to if h.target in model.processes)
        rows.append((process_text_link(process, lang, href), esc(label(f"kind.{process.kind}", lang)),
                     targets or esc(label("none", lang))))
    return table([label("processes", lang), label("kind", lang), label("hands_over_to", lang)], rows)


def interaction_svg(model: ProcessModel, lang: str, href: Href, scene: Scene | None = None) -> str:
    """The process interaction map as an HTML figure: inline SVG, text version and caption
    (``scene``: laid out already, by the check)."""
    if not model.processes:
        return unavailable(KIND, Message("diagram.no_processes"), lang)
    caption = label("interaction.caption", lang)
    description = label("interaction.desc", lang, processes=len(model.processes),
                        handovers=len(model.hand_overs()))
    return finish(lambda: scene or interaction_scene(model, lang), KIND, ident(KIND), caption, description, caption,
                  _alternative(model, flow_order(model), lang, href), lang, href)
