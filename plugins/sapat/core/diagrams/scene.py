"""What a diagram is made of before it becomes SVG: boxes with text, arrows, labels, and the legend
that the figure says under the drawing.

Each diagram module builds a :class:`Scene`; :mod:`.svg` draws any scene the same way, and
:func:`scene_problems` checks any scene the same way (no overlapping boxes, every arrow from
edge to edge, text inside its box, everything inside the picture). Link targets stay symbolic
("clause:7.3.1", "process:internal-audit") until rendering, so layout never depends on URLs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..i18n.messages import Message
from .geometry import Point, Rect, bounding, overlapping
from .routing import Route, route_problems, routes_conflict
from .text_metrics import Piece, text_width, wrap_pieces

LINE_HEIGHT = 1.28
PARAGRAPH_GAP = 4.0
BULLET = "• "
MARGIN = 12.0


@dataclass(frozen=True)
class Paragraph:
    """A run of text in one size and weight; pieces may carry link targets."""

    pieces: tuple[Piece, ...]
    size: float = 13.0
    bold: bool = False
    italic: bool = False
    bullet: bool = False

    @classmethod
    def of(cls, text: str, target: str | None = None, **style: Any) -> Paragraph:
        """A paragraph of one piece of text."""
        return cls(((text, target),), **style)

    @classmethod
    def links(cls, targets: Sequence[tuple[str, str]], separator: str = ", ",
              **style: Any) -> Paragraph:
        """A paragraph listing (text, target) links, e.g. clause numbers."""
        pieces: list[Piece] = []
        for index, (text, target) in enumerate(targets):
            if index:
                pieces.append((separator, None))
            pieces.append((text, target))
        return cls(tuple(pieces), **style)


@dataclass(frozen=True)
class TextLine:
    """One line of text, positioned: ``x`` is the anchor point, ``y`` the baseline."""

    x: float
    y: float
    size: float
    bold: bool
    italic: bool
    anchor: str
    pieces: tuple[Piece, ...]

    @property
    def width(self) -> float:
        return text_width("".join(text for text, _ in self.pieces), self.size, self.bold)

    @property
    def linked(self) -> bool:
        return any(target for _, target in self.pieces)


@dataclass
class Node:
    """A box with text. ``target`` makes the whole box a link; ``style`` picks its outline."""

    id: str
    paragraphs: tuple[Paragraph, ...] = ()
    style: str = "block"
    target: str | None = None
    align: str = "middle"
    padding: float = 8.0
    min_height: float = 0.0
    rect: Rect | None = None

    def _wrapped(self, width: float) -> list[tuple[Paragraph, list[list[Piece]]]]:
        inner = width - 2 * self.padding
        result = []
        for paragraph in self.paragraphs:
            pieces = paragraph.pieces
            indent = 0.0
            if paragraph.bullet:
                pieces = ((BULLET, None),) + pieces
                indent = text_width(BULLET, paragraph.size, paragraph.bold)
            result.append((paragraph, wrap_pieces(pieces, inner, paragraph.size, paragraph.bold,
                                                  indent=indent)))
        return result

    def min_width(self) -> float:
        """The narrowest box that holds the longest word without cutting it."""
        widest = 0.0
        for paragraph in self.paragraphs:
            extra = text_width(BULLET, paragraph.size, paragraph.bold) if paragraph.bullet else 0.0
            for text, _ in paragraph.pieces:
                for word in text.split():
                    widest = max(widest, extra + text_width(word, paragraph.size, paragraph.bold))
        return widest + 2 * self.padding + 2

    def content_height(self, width: float) -> float:
        """The height the box needs at ``width`` to hold all its text."""
        wrapped = self._wrapped(width)
        text = sum(len(lines) * p.size * LINE_HEIGHT for p, lines in wrapped)
        text += PARAGRAPH_GAP * max(len(wrapped) - 1, 0)
        return max(text + 2 * self.padding, self.min_height)

    def lines(self) -> list[TextLine]:
        """The node's text, line by line, centred vertically in its box."""
        rect = self.placed
        wrapped = self._wrapped(rect.w)
        block = sum(len(lines) * p.size * LINE_HEIGHT for p, lines in wrapped)
        block += PARAGRAPH_GAP * max(len(wrapped) - 1, 0)
        y = rect.y + (rect.h - block) / 2
        out = []
        for paragraph, lines in wrapped:
            indent = text_width(BULLET, paragraph.size, paragraph.bold) if paragraph.bullet else 0.0
            for number, pieces in enumerate(lines):
                line_height = paragraph.size * LINE_HEIGHT
                baseline = y + line_height * 0.5 + paragraph.size * 0.36
                if self.align == "middle" and not paragraph.bullet:
                    x, anchor = rect.cx, "middle"
                else:
                    x, anchor = rect.x + self.padding + (indent if number else 0.0), "start"
                out.append(TextLine(x, baseline, paragraph.size, paragraph.bold, paragraph.italic,
                                    anchor, tuple(pieces)))
                y += line_height
            y += PARAGRAPH_GAP
        return out

    @property
    def placed(self) -> Rect:
        """The box once it is laid out (an error before)."""
        if self.rect is None:
            raise ValueError(f"node {self.id} has not been laid out")
        return self.rect

    def text_problems(self) -> list[Message]:
        """Lines that stick out of the box (by the same estimate that wrapped them)."""
        rect = self.placed
        problems = []
        for line in self.lines():
            text = "".join(t for t, _ in line.pieces)
            left = line.x - line.width / 2 if line.anchor == "middle" else line.x
            if left < rect.x + 1 or left + line.width > rect.right - 1:
                problems.append(Message("diagram.text_too_wide", text=text, box=self.id))
            if line.y - line.size < rect.y or line.y + line.size * 0.3 > rect.bottom:
                problems.append(Message("diagram.text_outside", text=text, box=self.id))
        return problems


@dataclass(frozen=True)
class Label:
    """A short text next to an arrow ("Вход", "Выход")."""

    rect: Rect
    text: str
    size: float


@dataclass(frozen=True)
class LegendEntry:
    """An arrow kind (``line``) or a box style (``box``) with its meaning."""

    text: str
    line: str | None = None
    box: str | None = None


@dataclass
class Scene:
    """A laid-out diagram; ``width`` and ``height`` make its viewBox (origin 0, 0).

    ``zones`` are tinted areas behind everything (a group of boxes): arrows and boxes may lie
    on them, so they are not boxes.
    """

    kind: str
    nodes: dict[str, Node]
    routes: list[Route] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    zones: list[Rect] = field(default_factory=list)
    #: What the outlines and arrows mean: said under the drawing, in the page's text, so that it
    #: wraps to any width (drawn in the picture, a phone cut it at the edge of the screen).
    legend: list[LegendEntry] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0

    def rects(self) -> dict[str, Rect]:
        """Every box of the picture, arrow labels included, by id."""
        rects = {node.id: node.placed for node in self.nodes.values()}
        rects.update({f"label:{i}": label.rect for i, label in enumerate(self.labels)})
        return rects

    def node_rects(self) -> dict[str, Rect]:
        return {node.id: node.placed for node in self.nodes.values()}

    def fit(self) -> Scene:
        """Set the viewBox to the drawing plus a margin, moving everything to start at it."""
        extent = bounding(list(self.rects().values()) + self.zones +
                          [Rect(p.x, p.y, 0, 0) for r in self.routes for p in r.points])
        dx, dy = MARGIN - extent.x, MARGIN - extent.y
        move = lambda r: Rect(r.x + dx, r.y + dy, r.w, r.h)  # noqa: E731 - tiny local helper
        shift = lambda p: Point(p.x + dx, p.y + dy)  # noqa: E731
        for node in self.nodes.values():
            node.rect = move(node.placed)
        self.routes = [Route(r.source, r.target, tuple(map(shift, r.points)), r.kind) for r in self.routes]
        self.labels = [Label(move(label.rect), label.text, label.size) for label in self.labels]
        self.zones = [move(zone) for zone in self.zones]
        self.width, self.height = extent.w + 2 * MARGIN, extent.h + 2 * MARGIN
        return self

    def smallest_text(self) -> float | None:
        """The size of the smallest text drawn (None when nothing is written)."""
        sizes = [line.size for node in self.nodes.values() for line in node.lines()]
        return min(sizes + [label.size for label in self.labels], default=None)


def scene_problems(scene: Scene, clearance: float = 2.0) -> list[Message]:
    """Everything that would make the picture wrong; the layout tests expect an empty list."""
    problems = [Message("diagram.boxes_overlap", box=a, other=b) for a, b in overlapping(scene.rects())]
    nodes = scene.node_rects()
    for route in scene.routes:
        problems.extend(route_problems(route, nodes, clearance))
    for i, a in enumerate(scene.routes):
        for b in scene.routes[i + 1:]:
            if routes_conflict(a, b, 3.0):
                problems.append(Message("diagram.arrows_together", arrow=a.name, other=b.name))
    frame = Rect(0, 0, scene.width, scene.height)
    for name, rect in [*scene.rects().items(), *((f"zone:{i}", z) for i, z in enumerate(scene.zones))]:
        if not frame.contains(rect):
            problems.append(Message("diagram.box_outside", box=name))
    for route in scene.routes:
        if not all(frame.contains(Rect(p.x, p.y, 0, 0)) for p in route.points):
            problems.append(Message("diagram.arrow_outside", arrow=route.name))
    for node in scene.nodes.values():
        problems.extend(node.text_problems())
    return problems

