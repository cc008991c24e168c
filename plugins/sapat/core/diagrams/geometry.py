"""Pure geometry of the diagrams: points, boxes and axis-aligned segments.

All coordinates are SVG user units (y grows down). Nothing here knows about processes or SVG.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..i18n.messages import Message

EPS = 0.01
SIDES = ("top", "right", "bottom", "left")
OUTWARD = {"top": (0.0, -1.0), "right": (1.0, 0.0), "bottom": (0.0, 1.0), "left": (-1.0, 0.0)}


class LayoutError(ValueError):
    """A diagram that cannot be drawn without boxes or arrows running into each other."""

    def __init__(self, message: Message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True)
class Rect:
    """An axis-aligned box; ``x``, ``y`` is the top-left corner."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def inflate(self, d: float) -> Rect:
        """The box grown by ``d`` on every side (shrunk when ``d`` is negative)."""
        return Rect(self.x - d, self.y - d, self.w + 2 * d, self.h + 2 * d)

    def overlaps(self, other: Rect, gap: float = 0.0) -> bool:
        """True when the two boxes share area, or come closer than ``gap``."""
        return (self.x < other.right + gap - EPS and other.x < self.right + gap - EPS and
                self.y < other.bottom + gap - EPS and other.y < self.bottom + gap - EPS)

    def contains(self, other: Rect) -> bool:
        """True when ``other`` lies entirely inside this box."""
        return (other.x >= self.x - EPS and other.y >= self.y - EPS and
                other.right <= self.right + EPS and other.bottom <= self.bottom + EPS)

    def side_of(self, p: Point, tol: float = 0.5) -> str | None:
        """The side of the box that ``p`` lies on, or None when it is not on the outline."""
        within_x = self.x - tol <= p.x <= self.right + tol
        within_y = self.y - tol <= p.y <= self.bottom + tol
        if within_x and abs(p.y - self.y) <= tol:
            return "top"
        if within_x and abs(p.y - self.bottom) <= tol:
            return "bottom"
        if within_y and abs(p.x - self.x) <= tol:
            return "left"
        if within_y and abs(p.x - self.right) <= tol:
            return "right"
        return None

    def side_range(self, side: str) -> tuple[float, float]:
        """The interval a side covers: x for top and bottom, y for left and right."""
        return (self.x, self.right) if side in ("top", "bottom") else (self.y, self.bottom)

    def side_point(self, side: str, along: float) -> Point:
        """The point of ``side`` at coordinate ``along`` (x for top/bottom, y for left/right)."""
        return {"top": Point(along, self.y), "bottom": Point(along, self.bottom),
                "left": Point(self.x, along), "right": Point(self.right, along)}[side]


def bounding(rects: Iterable[Rect]) -> Rect:
    """The smallest box around all ``rects``."""
    rects = list(rects)
    x, y = min(r.x for r in rects), min(r.y for r in rects)
    return Rect(x, y, max(r.right for r in rects) - x, max(r.bottom for r in rects) - y)


def overlapping(rects: Mapping[str, Rect], gap: float = 0.0) -> list[tuple[str, str]]:
    """Every pair of boxes that overlap (or come closer than ``gap``)."""
    items = sorted(rects.items())
    return [(a, b) for i, (a, ra) in enumerate(items) for b, rb in items[i + 1:]
            if ra.overlaps(rb, gap)]


def horizontal(p: Point, q: Point) -> bool:
    return abs(p.y - q.y) < EPS


def vertical(p: Point, q: Point) -> bool:
    return abs(p.x - q.x) < EPS


def segment_enters(p: Point, q: Point, rect: Rect) -> bool:
    """True when the axis-aligned segment ``p``-``q`` passes through the inside of ``rect``."""
    x0, x1 = sorted((p.x, q.x))
    y0, y1 = sorted((p.y, q.y))
    return x0 < rect.right - EPS and x1 > rect.x + EPS and y0 < rect.bottom - EPS and y1 > rect.y + EPS


def direction(p: Point, q: Point) -> tuple[float, float]:
    dx, dy = q.x - p.x, q.y - p.y
    return ((dx > 0) - (dx < 0), (dy > 0) - (dy < 0))
