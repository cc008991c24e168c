"""Pure geometry for the diagrams: boxes, orthogonal arrows, text metrics, grids and tracks.

Nothing here knows about processes or SVG. Every diagram is laid out with these functions and
checked with the same predicates (:func:`overlapping`, :func:`route_problems`), which is what
the tests use instead of comparing pictures. All coordinates are SVG user units (y grows down).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

EPS = 0.01
SIDES = ("top", "right", "bottom", "left")
OUTWARD = {"top": (0.0, -1.0), "right": (1.0, 0.0), "bottom": (0.0, 1.0), "left": (-1.0, 0.0)}


class LayoutError(ValueError):
    """A diagram that cannot be drawn without boxes or arrows running into each other."""


# --------------------------------------------------------------------------- shapes

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

    def inflate(self, d: float) -> "Rect":
        """The box grown by ``d`` on every side (shrunk when ``d`` is negative)."""
        return Rect(self.x - d, self.y - d, self.w + 2 * d, self.h + 2 * d)

    def overlaps(self, other: "Rect", gap: float = 0.0) -> bool:
        """True when the two boxes share area, or come closer than ``gap``."""
        return (self.x < other.right + gap - EPS and other.x < self.right + gap - EPS and
                self.y < other.bottom + gap - EPS and other.y < self.bottom + gap - EPS)

    def contains(self, other: "Rect") -> bool:
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


# --------------------------------------------------------------------------- routes

@dataclass(frozen=True)
class Route:
    """An arrow: an orthogonal polyline from the edge of one box to the edge of another."""

    source: str
    target: str
    points: tuple[Point, ...]
    kind: str = "value"

    def segments(self) -> list[tuple[Point, Point]]:
        return list(zip(self.points, self.points[1:]))


def _horizontal(p: Point, q: Point) -> bool:
    return abs(p.y - q.y) < EPS


def _vertical(p: Point, q: Point) -> bool:
    return abs(p.x - q.x) < EPS


def segment_enters(p: Point, q: Point, rect: Rect) -> bool:
    """True when the axis-aligned segment ``p``-``q`` passes through the inside of ``rect``."""
    x0, x1 = sorted((p.x, q.x))
    y0, y1 = sorted((p.y, q.y))
    return x0 < rect.right - EPS and x1 > rect.x + EPS and y0 < rect.bottom - EPS and y1 > rect.y + EPS


def _direction(p: Point, q: Point) -> tuple[float, float]:
    dx, dy = q.x - p.x, q.y - p.y
    return ((dx > 0) - (dx < 0), (dy > 0) - (dy < 0))


def route_problems(route: Route, rects: Mapping[str, Rect], clearance: float = 0.0) -> list[str]:
    """What is wrong with an arrow; an empty list means it is drawable.

    It must be orthogonal, leave its source box outward from an edge, arrive on an edge of its
    target box moving inward, and keep ``clearance`` from every other box.
    """
    problems = []
    points = route.points
    if len(points) < 2:
        return ["an arrow needs at least two points"]
    for p, q in route.segments():
        if not (_horizontal(p, q) or _vertical(p, q)):
            problems.append(f"segment {p}-{q} is neither horizontal nor vertical")
        if abs(p.x - q.x) + abs(p.y - q.y) < EPS:
            problems.append(f"segment at {p} has no length")
    source, target = rects.get(route.source), rects.get(route.target)
    if source is None or target is None:
        return problems + [f"arrow {route.source} -> {route.target} names a missing box"]
    start_side, end_side = source.side_of(points[0]), target.side_of(points[-1])
    if start_side is None:
        problems.append(f"arrow {route.source} -> {route.target} does not start on its box")
    elif _direction(points[0], points[1]) != OUTWARD[start_side]:
        problems.append(f"arrow {route.source} -> {route.target} does not leave its box outward")
    if end_side is None:
        problems.append(f"arrow {route.source} -> {route.target} does not end on its box")
    elif _direction(points[-2], points[-1]) != tuple(-d for d in OUTWARD[end_side]):
        problems.append(f"arrow {route.source} -> {route.target} does not enter its box")
    for name, rect in rects.items():
        zone = rect if name in (route.source, route.target) else rect.inflate(clearance)
        if any(segment_enters(p, q, zone) for p, q in route.segments()):
            problems.append(f"arrow {route.source} -> {route.target} runs through box {name}")
    return problems


def segments_conflict(a: tuple[Point, Point], b: tuple[Point, Point], gap: float) -> bool:
    """True when two segments would read as one line: parallel and close, or touching at an end.

    Crossing at a right angle is allowed; that is how orthogonal diagrams read.
    """
    (p, q), (r, s) = a, b
    if _horizontal(p, q) and _horizontal(r, s):
        return abs(p.y - r.y) < gap and _ranges_meet((p.x, q.x), (r.x, s.x), gap)
    if _vertical(p, q) and _vertical(r, s):
        return abs(p.x - r.x) < gap and _ranges_meet((p.y, q.y), (r.y, s.y), gap)
    h, v = (a, b) if _horizontal(p, q) else (b, a)
    (hx0, hx1), hy = sorted((h[0].x, h[1].x)), h[0].y
    (vy0, vy1), vx = sorted((v[0].y, v[1].y)), v[0].x
    near = hx0 - gap < vx < hx1 + gap and vy0 - gap < hy < vy1 + gap
    crossing = hx0 + gap <= vx <= hx1 - gap and vy0 + gap <= hy <= vy1 - gap
    return near and not crossing


def _ranges_meet(a: tuple[float, float], b: tuple[float, float], gap: float) -> bool:
    a0, a1 = sorted(a)
    b0, b1 = sorted(b)
    return a0 < b1 + gap and b0 < a1 + gap


def routes_conflict(a: Route, b: Route, gap: float) -> bool:
    """True when any segment of ``a`` conflicts with any segment of ``b``."""
    return any(segments_conflict(s, t, gap) for s in a.segments() for t in b.segments())


class Router:
    """Draws arrows one by one so that none crosses a box or runs along another arrow.

    For each arrow it tries, in order, a straight line, the two L shapes, the two Z shapes and
    U-shaped detours round everything in between, each with a few attachment points, and keeps the first that passes
    :func:`route_problems` and does not conflict with the arrows already drawn. Arrows sharing a
    box side get different attachment points.
    """

    FRACTIONS = (0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9, 0.0, 1.0)

    def __init__(self, rects: Mapping[str, Rect], clearance: float = 6.0, spacing: float = 10.0):
        self.rects = dict(rects)
        self.clearance = clearance
        self.spacing = spacing
        self.routes: list[Route] = []
        self._ports: dict[tuple[str, str], list[float]] = {}

    def connect(self, source: str, target: str, kind: str = "value") -> Route:
        """Route an arrow from box ``source`` to box ``target`` or raise :class:`LayoutError`."""
        for points in self._candidates(source, target):
            route = Route(source, target, points, kind)
            if route_problems(route, self.rects, self.clearance):
                continue
            if any(routes_conflict(route, other, self.spacing) for other in self.routes):
                continue
            self._claim(route)
            return route
        raise LayoutError(f"no clear path for the arrow {source} -> {target}")

    def _claim(self, route: Route) -> None:
        self.routes.append(route)
        for name, point in ((route.source, route.points[0]), (route.target, route.points[-1])):
            side = self.rects[name].side_of(point)
            self._ports.setdefault((name, side), []).append(
                point.x if side in ("top", "bottom") else point.y)

    def _slots(self, name: str, side: str, lo: float, hi: float,
               toward: float | None = None) -> list[float]:
        """Free attachment coordinates on a side, within ``lo``..``hi``, best first.

        The middle comes first; after it, with ``toward``, the slots nearest to it: an arrow
        then attaches on the part of the side that faces where it goes, which keeps arrows
        from crossing each other.
        """
        margin = min(8.0, (hi - lo) / 4)
        lo, hi = lo + margin, hi - margin
        if hi < lo:
            return []
        used = self._ports.get((name, side), [])
        slots = [lo + f * (hi - lo) for f in self.FRACTIONS]
        if toward is not None:
            slots[1:] = sorted(slots[1:], key=lambda s: abs(s - toward))
        return [s for s in slots if all(abs(s - u) >= self.spacing for u in used)]

    def _side_slots(self, name: str, side: str, other: str) -> list[float]:
        rect, facing = self.rects[name], self.rects[other]
        toward = facing.cx if side in ("top", "bottom") else facing.cy
        return self._slots(name, side, *rect.side_range(side), toward=toward)

    def _candidates(self, source: str, target: str) -> Iterable[tuple[Point, ...]]:
        s, t = self.rects[source], self.rects[target]
        yield from self._straight(source, target, s, t)
        yield from self._elbows(source, target, s, t)
        yield from self._zigzags(source, target, s, t)
        yield from self._detours(source, target, s, t)

    def _straight(self, source: str, target: str, s: Rect, t: Rect) -> Iterable[tuple[Point, ...]]:
        for exit_side, entry_side in (("right", "left"), ("left", "right"),
                                      ("bottom", "top"), ("top", "bottom")):
            lo = max(s.side_range(exit_side)[0], t.side_range(entry_side)[0])
            hi = min(s.side_range(exit_side)[1], t.side_range(entry_side)[1])
            free_target = self._slots(target, entry_side, lo, hi)
            for along in self._slots(source, exit_side, lo, hi):
                if along in free_target:
                    yield s.side_point(exit_side, along), t.side_point(entry_side, along)

    def _elbows(self, source: str, target: str, s: Rect, t: Rect) -> Iterable[tuple[Point, ...]]:
        horizontal_exit = "right" if t.cx > s.cx else "left"
        vertical_entry = "top" if t.cy > s.cy else "bottom"
        vertical_exit = "bottom" if t.cy > s.cy else "top"
        horizontal_entry = "left" if t.cx > s.cx else "right"
        for y in self._side_slots(source, horizontal_exit, target):
            for x in self._side_slots(target, vertical_entry, source):
                start, end = s.side_point(horizontal_exit, y), t.side_point(vertical_entry, x)
                yield start, Point(end.x, start.y), end
        for x in self._side_slots(source, vertical_exit, target):
            for y in self._side_slots(target, horizontal_entry, source):
                start, end = s.side_point(vertical_exit, x), t.side_point(horizontal_entry, y)
                yield start, Point(start.x, end.y), end

    def _zigzags(self, source: str, target: str, s: Rect, t: Rect) -> Iterable[tuple[Point, ...]]:
        if t.x > s.right or s.x > t.right:
            exit_side, entry_side = ("right", "left") if t.x > s.right else ("left", "right")
            gap_lo, gap_hi = sorted((s.side_point(exit_side, 0).x, t.side_point(entry_side, 0).x))
            for a in self._side_slots(source, exit_side, target):
                for b in self._side_slots(target, entry_side, source):
                    for mid in self._gap_slots(gap_lo, gap_hi):
                        yield (s.side_point(exit_side, a), Point(mid, a), Point(mid, b),
                               t.side_point(entry_side, b))
        if t.y > s.bottom or s.y > t.bottom:
            exit_side, entry_side = ("bottom", "top") if t.y > s.bottom else ("top", "bottom")
            gap_lo, gap_hi = sorted((s.side_point(exit_side, 0).y, t.side_point(entry_side, 0).y))
            for a in self._side_slots(source, exit_side, target):
                for b in self._side_slots(target, entry_side, source):
                    for mid in self._gap_slots(gap_lo, gap_hi):
                        yield (s.side_point(exit_side, a), Point(a, mid), Point(b, mid),
                               t.side_point(entry_side, b))

    def _detours(self, source: str, target: str, s: Rect, t: Rect) -> Iterable[tuple[Point, ...]]:
        """U shapes that leave and enter on the same side, around everything in between."""
        for side in SIDES:
            for a in self._side_slots(source, side, target):
                for b in self._side_slots(target, side, source):
                    start, end = s.side_point(side, a), t.side_point(side, b)
                    for level in self._detour_levels(side, start, end):
                        if side in ("top", "bottom"):
                            yield start, Point(start.x, level), Point(end.x, level), end
                        else:
                            yield start, Point(level, start.y), Point(level, end.y), end

    def _detour_levels(self, side: str, start: Point, end: Point) -> list[float]:
        """Lines just beyond every box lying between ``start`` and ``end`` on that side."""
        vertical = side in ("top", "bottom")
        lo, hi = sorted((start.x, end.x) if vertical else (start.y, end.y))
        between = [r for r in self.rects.values()
                   if (r.x < hi and r.right > lo if vertical else r.y < hi and r.bottom > lo)]
        edges = [getattr(r, {"top": "y", "bottom": "bottom", "left": "x", "right": "right"}[side])
                 for r in between] + ([start.y, end.y] if vertical else [start.x, end.x])
        sign = -1 if side in ("top", "left") else 1
        extreme = (min if sign < 0 else max)(edges)
        return [extreme + sign * (2 * self.clearance + k * self.spacing) for k in range(3)]

    def _gap_slots(self, lo: float, hi: float) -> list[float]:
        return [lo + f * (hi - lo) for f in (0.5, 0.3, 0.7)]


def label_position(route: Route, width: float, height: float, avoid: Iterable[Rect],
                   gap: float = 3.0) -> Rect:
    """A place for an arrow's label next to its longest segment, clear of ``avoid``."""
    avoid = list(avoid)
    segments = sorted(route.segments(), key=lambda s: -(abs(s[1].x - s[0].x) + abs(s[1].y - s[0].y)))
    for p, q in segments:
        mx, my = (p.x + q.x) / 2, (p.y + q.y) / 2
        if _horizontal(p, q):
            options = (Rect(mx - width / 2, my - gap - height, width, height),
                       Rect(mx - width / 2, my + gap, width, height))
        else:
            options = (Rect(mx + gap, my - height / 2, width, height),
                       Rect(mx - gap - width, my - height / 2, width, height))
        for rect in options:
            if not any(rect.overlaps(other, gap) for other in avoid):
                return rect
    raise LayoutError(f"no room for the label of the arrow {route.source} -> {route.target}")


# --------------------------------------------------------------------------- tracks

def assign_tracks(intervals: Sequence[tuple[float, float]]) -> list[int]:
    """Give each interval a track so that intervals on one track never touch.

    Shorter intervals get the inner tracks, so short arrows stay close to their boxes and long
    ones run outside them.
    """
    order = sorted(range(len(intervals)), key=lambda i: (intervals[i][1] - intervals[i][0], i))
    tracks: list[list[tuple[float, float]]] = []
    result = [0] * len(intervals)
    for index in order:
        lo, hi = intervals[index]
        for number, taken in enumerate(tracks):
            if all(hi < a or lo > b for a, b in taken):
                taken.append((lo, hi))
                result[index] = number
                break
        else:
            tracks.append([(lo, hi)])
            result[index] = len(tracks) - 1
    return result


# --------------------------------------------------------------------------- grids

@dataclass(frozen=True)
class Cell:
    """Something to place on a grid: its span and the height its content needs."""

    id: str
    column: int
    row: int
    height: float
    columns: int = 1
    rows: int = 1
    stretch: bool = False


def grid_layout(cells: Sequence[Cell], column_widths: Sequence[float], column_gap: float,
                row_gap: float, x0: float = 0.0, y0: float = 0.0) -> dict[str, Rect]:
    """Place cells on a grid of fixed column widths; rows grow to fit their tallest cell.

    A cell spanning several rows that needs more room than they give spreads the difference
    over those rows. Cells that do not ``stretch`` keep their own height, centred vertically.
    """
    rows = max((c.row + c.rows for c in cells), default=0)
    heights = [0.0] * rows
    for cell in cells:
        if cell.rows == 1:
            heights[cell.row] = max(heights[cell.row], cell.height)
    for cell in cells:
        if cell.rows > 1:
            span = range(cell.row, cell.row + cell.rows)
            missing = cell.height - (sum(heights[r] for r in span) + row_gap * (cell.rows - 1))
            for r in span:
                heights[r] += max(missing, 0.0) / cell.rows
    xs = [x0 + sum(column_widths[:i]) + column_gap * i for i in range(len(column_widths))]
    ys = [y0 + sum(heights[:i]) + row_gap * i for i in range(rows)]
    placed = {}
    for cell in cells:
        x, y = xs[cell.column], ys[cell.row]
        w = sum(column_widths[cell.column:cell.column + cell.columns]) + column_gap * (cell.columns - 1)
        h = sum(heights[cell.row:cell.row + cell.rows]) + row_gap * (cell.rows - 1)
        placed[cell.id] = Rect(x, y, w, h) if cell.stretch else Rect(x, y + (h - cell.height) / 2, w, cell.height)
    return placed


def stack(area: Rect, heights: Sequence[float], gap: float) -> list[Rect]:
    """Boxes of ``heights`` stacked top to bottom, centred vertically in ``area``."""
    total = sum(heights) + gap * max(len(heights) - 1, 0)
    y = area.y + (area.h - total) / 2
    rects = []
    for h in heights:
        rects.append(Rect(area.x, y, area.w, h))
        y += h + gap
    return rects


# --------------------------------------------------------------------------- text

# Advance widths in em for a generic sans-serif (Roboto, the theme's font, and its fallbacks).
# They err on the wide side, and SAFETY widens them further so that text still fits when the
# browser falls back to a wide font such as DejaVu Sans.
SAFETY = 1.07
_NARROW = set(" .,:;!|'ijlI()[]«»\"-–")
_WIDE = set("mwMWшщжюмфыөЖШЩЮМФЫ@%")


@lru_cache(maxsize=None)
def char_width(ch: str) -> float:
    """Estimated advance width of one character, in em (cached: text is measured often)."""
    if ch == " ":
        return 0.27
    if ch in _NARROW:
        return 0.33
    if ch in "—":
        return 0.95
    if ch in _WIDE:
        return 0.86 if ch.isupper() else 0.78
    if ch.isdigit():
        return 0.58
    if ch.isupper():
        return 0.72
    if unicodedata.category(ch).startswith("L"):
        return 0.58
    return 0.62


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width of ``text`` set at ``size`` units."""
    return sum(char_width(ch) for ch in text) * size * SAFETY * (1.06 if bold else 1.0)


Piece = tuple[str, "str | None"]


def wrap_pieces(pieces: Sequence[Piece], width: float, size: float, bold: bool = False,
                first_indent: float = 0.0, indent: float = 0.0) -> list[list[Piece]]:
    """Break text made of (text, link target) pieces into lines no wider than ``width``.

    Lines break at spaces; a word longer than a line is cut. Each line comes back as pieces
    again, adjacent pieces with the same target merged, so a link never splits mid-word.
    """
    chars = [(ch, target) for text, target in pieces for ch in " ".join(text.split("\n"))]
    words = _words(chars)
    lines: list[list[tuple[str, str | None]]] = []
    current: list[tuple[str, str | None]] = []
    current_width = 0.0
    for word in words:
        for chunk in _cut(word, width - indent, size, bold):
            chunk_width = text_width("".join(c for c, _ in chunk), size, bold)
            room = width - (first_indent if not lines else indent)
            space = text_width(" ", size, bold) if current else 0.0
            if current and current_width + space + chunk_width > room:
                lines.append(current)
                current, current_width, space = [], 0.0, 0.0
            if current:
                current.append((" ", _joint(current[-1][1], chunk[0][1])))
            current.extend(chunk)
            current_width += space + chunk_width
    if current:
        lines.append(current)
    return [_merge(line) for line in lines]


def _words(chars: list[tuple[str, str | None]]) -> list[list[tuple[str, str | None]]]:
    words, word = [], []
    for ch, target in chars:
        if ch.isspace():
            if word:
                words.append(word)
            word = []
        else:
            word.append((ch, target))
    if word:
        words.append(word)
    return words


def _cut(word: list[tuple[str, str | None]], width: float, size: float,
         bold: bool) -> list[list[tuple[str, str | None]]]:
    """A word that is wider than a line, cut into pieces that fit."""
    chunks, chunk, used = [], [], 0.0
    for ch in word:
        advance = text_width(ch[0], size, bold)
        if chunk and used + advance > width:
            chunks.append(chunk)
            chunk, used = [], 0.0
        chunk.append(ch)
        used += advance
    return chunks + [chunk] if chunk else chunks


def _joint(before: str | None, after: str | None) -> str | None:
    """A space between two words belongs to a link only if both sides are the same link."""
    return before if before == after else None


def _merge(chars: list[tuple[str, str | None]]) -> list[Piece]:
    pieces: list[list] = []
    for ch, target in chars:
        if pieces and pieces[-1][1] == target:
            pieces[-1][0] += ch
        else:
            pieces.append([ch, target])
    return [(text, target) for text, target in pieces]
