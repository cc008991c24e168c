"""The map of how processes hand over to one another, drawn from ``processes/*.yml``.

Processes stand in one column, grouped by kind; within a kind they are ordered by a local
search that keeps hand-over arcs short and pointing down where it can. Hand-overs going down
run in tracks to the right of the column, those going back up (the feedback loops of the PDCA
cycle) run to the left. Tracks are shared
by arrows that never overlap, and attachment points on a side are ordered so that an arrow's
stub never crosses an arrow of the same box. The result reads like an arc diagram and can
never route through a box, whatever the YAML says.
"""

from __future__ import annotations

from collections import defaultdict

from ..labels import label
from ..links import process_target
from ..messages import Message
from ..processes import KINDS, Process, ProcessModel
from .elements import TITLE_SIZE, add_legend, fit_width, kind_style, process_kind_legend
from .figure import clause_links, finish, ident, process_text_link, unavailable
from .geometry import Point, Rect
from .routing import Route, assign_tracks
from .scene import LegendEntry, Node, Paragraph, Scene
from .svg import Href, esc, table

KIND = "interaction"
MIN_BOX_WIDTH = 240.0
BOX_GAP = 14.0
PORT_SPACING = 10.0
FIRST_TRACK, TRACK_SPACING = 16.0, 11.0
BACK_PENALTY = 3
BAND_GAP = 10.0


def flow_order(model: ProcessModel) -> list[str]:
    """Processes by kind (management, core, support), each band ordered for short arcs.

    Within a band, a process goes where the hand-overs it takes part in get shortest; arcs that
    point back up count a little extra, so the flow reads downward where it can.
    """
    edges = [(s.id, t.id) for s, t, _ in model.hand_overs()]
    order = sorted(model.processes, key=lambda p: KINDS.index(model.processes[p].kind))
    kind_of = {pid: model.processes[pid].kind for pid in order}
    return _shorten(order, edges, kind_of)


def _order_cost(order: list[str], edges: list[tuple[str, str]]) -> int:
    """Total length of the arcs, each arc pointing back counted as a few extra boxes."""
    position = {pid: i for i, pid in enumerate(order)}
    return sum(abs(position[t] - position[s]) + (BACK_PENALTY if position[t] < position[s] else 0)
               for s, t in edges)


def _shorten(order: list[str], edges: list[tuple[str, str]], band: dict[str, str]) -> list[str]:
    """Move single processes within their band to where arcs get shorter, until no move helps.

    Short arcs need few tracks and cross little, which is what makes the map readable.
    """
    best_cost = _order_cost(order, edges)
    improved = True
    while improved:
        improved = False
        for pid in list(order):
            rest = [p for p in order if p != pid]
            places = [i for i in range(len(rest) + 1)
                      if band[pid] in (band.get(rest[i - 1]) if i else None,
                                       band.get(rest[i]) if i < len(rest) else None)]
            for place in places:
                candidate = rest[:place] + [pid] + rest[place:]
                cost = _order_cost(candidate, edges)
                if cost < best_cost:
                    order, best_cost, improved = candidate, cost, True
    return order


def _node(process: Process, lang: str) -> Node:
    return Node(process.id, (Paragraph.of(process.name.get(lang), size=TITLE_SIZE),),
                kind_style(process.kind), process_target(process.id), padding=9)


def interaction_scene(model: ProcessModel, lang: str) -> Scene:
    """The interaction map laid out: a column of processes, hand-overs in tracks beside it."""
    order = flow_order(model)
    index = {pid: i for i, pid in enumerate(order)}
    nodes = {pid: _node(model.processes[pid], lang) for pid in order}
    edges = [(s.id, t.id) for s, t, _ in model.hand_overs()]
    sides = ["right" if index[t] > index[s] else "left" for s, t in edges]
    tracks = _tracks(edges, sides, index)
    ports = _port_order(edges, sides, tracks, index)
    headings = _place_boxes(order, nodes, ports, model, lang)
    scene = Scene(KIND, {**headings, **nodes})
    for number, ((source, target), side) in enumerate(zip(edges, sides, strict=True)):
        scene.routes.append(_route(number, source, target, side, tracks[number], nodes, ports))
    add_legend(scene, process_kind_legend(lang) + [LegendEntry(label("handover", lang), line="handover")])
    return scene


def _tracks(edges: list[tuple[str, str]], sides: list[str], index: dict[str, int]) -> list[int]:
    """A track per edge, counted separately on each side of the column."""
    result = [0] * len(edges)
    for side in ("left", "right"):
        chosen = [i for i, s in enumerate(sides) if s == side]
        spans = [(float(min(index[edges[i][0]], index[edges[i][1]])),
                  float(max(index[edges[i][0]], index[edges[i][1]]))) for i in chosen]
        for i, track in zip(chosen, assign_tracks(spans), strict=True):
            result[i] = track
    return result


Ports = dict[tuple[str, str], list[int]]


def _port_order(edges: list[tuple[str, str]], sides: list[str], tracks: list[int],
                index: dict[str, int]) -> Ports:
    """Edge numbers attached to each (box, side), top to bottom.

    Arrows whose track runs upward come first, inner tracks on top; then those running
    downward, outer tracks on top. That way no stub crosses the track of a neighbour on the
    same box side.
    """
    ends: dict[tuple[str, str], list[tuple[int, int, int]]] = defaultdict(list)
    for number, ((source, target), side) in enumerate(zip(edges, sides, strict=True)):
        for here, there in ((source, target), (target, source)):
            upward = index[there] < index[here]
            key = (0, tracks[number]) if upward else (1, -tracks[number])
            ends[(here, side)].append((*key, number))
    return {place: [number for *_, number in sorted(items)] for place, items in ends.items()}


def _place_boxes(order: list[str], nodes: dict[str, Node], ports: Ports, model: ProcessModel,
                 lang: str) -> dict[str, Node]:
    """Stack the boxes top to bottom, a heading above each band; returns the headings."""
    width = fit_width(nodes.values(), MIN_BOX_WIDTH)
    headings: dict[str, Node] = {}
    y = 0.0
    for pid in order:
        kind = model.processes[pid].kind
        if f"band:{kind}" not in headings:
            heading = Node(f"band:{kind}", (Paragraph.of(label(f"kinds.{kind}", lang), size=TITLE_SIZE,
                                                         bold=True),), "legend", align="start", padding=2)
            y += BAND_GAP if headings else 0.0
            height = heading.content_height(width)
            heading.rect = Rect(0.0, y, width, height)
            headings[heading.id] = heading
            y += height + 4
        node = nodes[pid]
        busiest = max(len(ports.get((pid, side), ())) for side in ("left", "right"))
        node.min_height = (busiest + 1) * PORT_SPACING
        height = node.content_height(width)
        node.rect = Rect(0.0, y, width, height)
        y += height + BOX_GAP
    return headings


def _route(number: int, source: str, target: str, side: str, track: int,
           nodes: dict[str, Node], ports: Ports) -> Route:
    def port(pid: str) -> Point:
        rect = nodes[pid].placed
        attached = ports[(pid, side)]
        y = rect.y + rect.h * (attached.index(number) + 1) / (len(attached) + 1)
        return Point(rect.right if side == "right" else rect.x, y)

    start, end = port(source), port(target)
    offset = FIRST_TRACK + track * TRACK_SPACING
    x = start.x + offset if side == "right" else start.x - offset
    return Route(source, target, (start, Point(x, start.y), Point(x, end.y), end), "handover")


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


def interaction_svg(model: ProcessModel, lang: str, href: Href) -> str:
    """The process interaction map as an HTML figure: inline SVG, text version and caption."""
    if not model.processes:
        return unavailable(KIND, Message("diagram.no_processes"), lang)
    caption = label("interaction.caption", lang)
    description = label("interaction.desc", lang, processes=len(model.processes),
                        handovers=len(model.hand_overs()))
    return finish(lambda: interaction_scene(model, lang), KIND, ident(KIND), caption, description, caption,
                  _alternative(model, flow_order(model), lang, href), lang, href)
