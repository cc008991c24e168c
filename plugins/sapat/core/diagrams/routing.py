"""Arrows between boxes: orthogonal routes, the rules a drawable arrow obeys, and a router.

Every diagram is checked with the same predicates (:func:`route_problems`,
:func:`routes_conflict`), which is what the tests use instead of comparing pictures.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from ..i18n.messages import Message
from .geometry import (
    EPS,
    OUTWARD,
    SIDES,
    LayoutError,
    Point,
    Rect,
    direction,
    horizontal,
    segment_enters,
    vertical,
)


@dataclass(frozen=True)
class Route:
    """An arrow: an orthogonal polyline from the edge of one box to the edge of another."""

    source: str
    target: str
    points: tuple[Point, ...]
    kind: str = "value"

    def segments(self) -> list[tuple[Point, Point]]:
        return list(pairwise(self.points))

    @property
    def name(self) -> str:
        """How messages name the arrow: ``source -> target``."""
        return f"{self.source} -> {self.target}"


def route_problems(route: Route, rects: Mapping[str, Rect], clearance: float = 0.0) -> list[Message]:
    """What is wrong with an arrow; an empty list means it is drawable.

    It must be orthogonal, leave its source box outward from an edge, arrive on an edge of its
    target box moving inward, and keep ``clearance`` from every other box.
    """
    problems = []
    points, arrow = route.points, route.name
    if len(points) < 2:
        return [Message("diagram.arrow_too_short", arrow=arrow)]
    for p, q in route.segments():
        if not (horizontal(p, q) or vertical(p, q)):
            problems.append(Message("diagram.segment_slanted", arrow=arrow, start=_point(p), end=_point(q)))
        if abs(p.x - q.x) + abs(p.y - q.y) < EPS:
            problems.append(Message("diagram.segment_empty", arrow=arrow, point=_point(p)))
    source, target = rects.get(route.source), rects.get(route.target)
    if source is None or target is None:
        return problems + [Message("diagram.arrow_missing_box", arrow=arrow)]
    start_side, end_side = source.side_of(points[0]), target.side_of(points[-1])
    if start_side is None:
        problems.append(Message("diagram.arrow_start_off", arrow=arrow))
    elif direction(points[0], points[1]) != OUTWARD[start_side]:
        problems.append(Message("diagram.arrow_start_inward", arrow=arrow))
    if end_side is None:
        problems.append(Message("diagram.arrow_end_off", arrow=arrow))
    elif direction(points[-2], points[-1]) != tuple(-d for d in OUTWARD[end_side]):
        problems.append(Message("diagram.arrow_end_outward", arrow=arrow))
    for name, rect in rects.items():
        zone = rect if name in (route.source, route.target) else rect.inflate(clearance)
        if any(segment_enters(p, q, zone) for p, q in route.segments()):
            problems.append(Message("diagram.arrow_through_box", arrow=arrow, box=name))
    return problems


def segments_conflict(a: tuple[Point, Point], b: tuple[Point, Point], gap: float) -> bool:
    """True when two segments would read as one line: parallel and close, or touching at an end.

    Crossing at a right angle is allowed; that is how orthogonal diagrams read.
    """
    (p, q), (r, s) = a, b
    if horizontal(p, q) and horizontal(r, s):
        return abs(p.y - r.y) < gap and _ranges_meet((p.x, q.x), (r.x, s.x), gap)
    if vertical(p, q) and vertical(r, s):
        return abs(p.x - r.x) < gap and _ranges_meet((p.y, q.y), (r.y, s.y), gap)
    h, v = (a, b) if horizontal(p, q) else (b, a)
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


def crossings(routes: Sequence[Route]) -> int:
    """How often one arrow crosses another: each crossing is a place where the eye must choose.

    Counts the points where a horizontal segment of one route and a vertical segment of
    another pass through each other, both strictly between their ends.
    """
    return crossing_count([[(p.x, p.y) for p in route.points] for route in routes])


Polyline = Sequence[tuple[float, float]]


def crossing_count(polylines: Sequence[Polyline]) -> int:
    """:func:`crossings` of orthogonal polylines given as (x, y) pairs (fast, for layout searches)."""
    return len(crossing_pairs(polylines))


def crossing_pairs(polylines: Sequence[Polyline]) -> list[tuple[int, int]]:
    """Each crossing as the numbers of the two polylines that cross there."""
    across: list[tuple[int, float, float, float]] = []  # (line, y, x from, x to)
    upright: list[tuple[int, float, float, float]] = []  # (line, x, y from, y to)
    for number, line in enumerate(polylines):
        for (px, py), (qx, qy) in pairwise(line):
            if abs(py - qy) < EPS:
                across.append((number, py, min(px, qx) + EPS, max(px, qx) - EPS))
            elif abs(px - qx) < EPS:
                upright.append((number, px, min(py, qy) + EPS, max(py, qy) - EPS))
    across.sort(key=lambda segment: segment[1])
    heights = [y for _, y, _, _ in across]
    return [(a, b) for b, x, y0, y1 in upright
            for a, _, x0, x1 in across[bisect_right(heights, y0):bisect_left(heights, y1)]
            if x0 < x < x1 and a != b]


def _point(point: Point) -> str:
    return f"({point.x:g}, {point.y:g})"


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
        raise LayoutError(Message("diagram.no_path", arrow=f"{source} -> {target}"))

    def _claim(self, route: Route) -> None:
        self.routes.append(route)
        for name, point in ((route.source, route.points[0]), (route.target, route.points[-1])):
            side = self.rects[name].side_of(point)
            assert side is not None, "a route passed route_problems, so it ends on a side"
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
        if horizontal(p, q):
            options = (Rect(mx - width / 2, my - gap - height, width, height),
                       Rect(mx - width / 2, my + gap, width, height))
        else:
            options = (Rect(mx + gap, my - height / 2, width, height),
                       Rect(mx - gap - width, my - height / 2, width, height))
        for rect in options:
            if not any(rect.overlaps(other, gap) for other in avoid):
                return rect
    raise LayoutError(Message("diagram.no_label_room", arrow=route.name))


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
