"""Arrows that run only in the gutters of a grid of boxes, each on a track of its own.

Boxes stand in the cells of a grid. Between the rows run horizontal channels, between the
columns vertical ones; channel ``i`` lies before row (or column) ``i``. An arrow leaves its box
into a channel beside it, runs along that channel or turns once into a crossing one, and
enters its target from a channel beside that box; boxes that face each other across a channel
are joined by a straight line. No channel passes through a box and every channel grows to
hold its tracks, so every arrow can be drawn whatever the data say.

A plan (which sides and channels, which track, the order of the attachment points on each
side) depends on the grid alone; :meth:`ChannelPlan.draw` turns it into coordinates once the
sizes of the columns and rows are known. The crossings of a plan are the same at any sizes, so
a plan can be improved before the text is measured (:func:`untangled_plan`), once for every
language.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from itertools import accumulate, pairwise
from typing import NamedTuple

from .geometry import SIDES, Point, Rect
from .routing import Route, assign_tracks, crossing_count, crossing_pairs

Cell = tuple[int, int]
"""A place on the grid: (row, column)."""
Polyline = list[tuple[float, float]]

#: Space between a channel's edge and its first track, and between neighbouring tracks.
MARGIN, SPACING = 12.0, 9.0
#: The width of a channel without tracks: room for a straight arrow and its head.
EMPTY_CHANNEL = 24.0
#: Space per attachment point along a box side.
PORT_SPACING = 10.0
#: What a bend and a crossing cost, in units of length, when plans are compared.
BEND_COST, CROSSING_COST = 60.0, 400.0
#: A course is worth trying when it is at most this much longer (with its bends) than the best.
COURSE_SLACK = 1.6
#: Sizes plans are compared at (a box), before the real sizes are known.
NOMINAL_CELL = (150.0, 50.0)


class Channel(NamedTuple):
    """A gutter: ``h`` runs horizontally between rows, ``v`` vertically between columns.

    Named tuples, not dataclasses, for the plan's many small values: the search hashes and
    compares them hundreds of thousands of times.
    """

    axis: str
    position: int

    def along(self, cell: Cell) -> int:
        """Where ``cell`` lies along this channel: its column for ``h``, its row for ``v``."""
        return cell[1] if self.axis == "h" else cell[0]


@cache
def side_channel(cell: Cell, side: str) -> Channel:
    """The channel a side of a box faces."""
    row, column = cell
    return {"top": Channel("h", row), "bottom": Channel("h", row + 1),
            "left": Channel("v", column), "right": Channel("v", column + 1)}[side]


class Course(NamedTuple):
    """The way one arrow takes: the side it leaves by, the channels it follows, the side it enters by."""

    source: Cell
    target: Cell
    exit: str
    entry: str
    channels: tuple[Channel, ...]


class Stub(NamedTuple):
    """An arrow's attachment to a box side, as one entry of the ordered points of that side."""

    arrow: int
    end: str  # "source", "target", or "both" for a straight arrow between facing boxes
    order: tuple[int, float]


@dataclass(frozen=True)
class ChannelPlan:
    """Every arrow's course, its track in each channel it follows and its attachment points."""

    courses: tuple[Course, ...]
    tracks: Mapping[tuple[int, Channel], int]
    track_count: Mapping[Channel, int]
    slots: Mapping[tuple[Channel, int], tuple[Stub, ...]]
    rows: int
    columns: int

    def ports_along(self, axis: str, index: int) -> int:
        """The most attachment points one side of a box in row (``v``) or column (``h``) ``index`` holds."""
        return max((len(stubs) for (channel, along), stubs in self.slots.items()
                    if channel.axis == axis and along == index), default=0)

    def channel_size(self, channel: Channel) -> float:
        """The width (or height) of a channel that holds its tracks with a margin on each side."""
        count = self.track_count.get(channel, 0)
        return 2 * MARGIN + (count - 1) * SPACING if count else EMPTY_CHANNEL

    def draw(self, column_widths: Sequence[float], row_heights: Sequence[float],
             x0: float = 0.0, y0: float = 0.0) -> tuple[dict[Cell, Rect], list[Route]]:
        """The cells' boxes and the arrows for the given sizes of columns and rows.

        Routes come in the order of the edges the plan was made for, named by cell
        (``"row,column"``); callers rename them.
        """
        _, columns = self._positions("v", column_widths, x0)
        _, rows = self._positions("h", row_heights, y0)
        cells = {(r, c): Rect(columns[c][0], rows[r][0], columns[c][1], rows[r][1])
                 for r in range(self.rows) for c in range(self.columns)}
        lines = self._lines(column_widths, row_heights, x0, y0)
        routes = [Route(_name(course.source), _name(course.target), tuple(Point(x, y) for x, y in line),
                        "handover") for course, line in zip(self.courses, lines, strict=True)]
        return cells, routes

    def score(self) -> float:
        """How hard the plan is to read: its crossings, then the length of its arrows (nominal sizes)."""
        lines = self._nominal_lines()
        length = sum(abs(qx - px) + abs(qy - py) for line in lines for (px, py), (qx, qy) in pairwise(line))
        return CROSSING_COST * crossing_count(lines) + length

    def crossings(self) -> int:
        """How often the arrows cross: the same at any sizes of columns and rows."""
        return crossing_count(self._nominal_lines())

    def crossing_arrows(self) -> list[int]:
        """The arrows that cross another, by number."""
        return sorted({arrow for pair in crossing_pairs(self._nominal_lines()) for arrow in pair})

    def _nominal_lines(self) -> list[Polyline]:
        """The arrows drawn with every box of :data:`NOMINAL_CELL` size: the relative order of all
        coordinates, and so every crossing, is that of any other sizes."""
        return self._lines([NOMINAL_CELL[0]] * self.columns, [NOMINAL_CELL[1]] * self.rows)

    def _lines(self, column_widths: Sequence[float], row_heights: Sequence[float],
               x0: float = 0.0, y0: float = 0.0) -> list[Polyline]:
        """Every arrow as (x, y) points; plain numbers, as the search draws plans by the thousand."""
        xs, columns = self._positions("v", column_widths, x0)
        ys, rows = self._positions("h", row_heights, y0)
        ports: dict[tuple[int, str], float] = {}
        for (channel, along), stubs in self.slots.items():
            start, size = (columns if channel.axis == "h" else rows)[along]
            for number, stub in enumerate(stubs, start=1):
                position = start + size * number / (len(stubs) + 1)
                for end in (("source", "target") if stub.end == "both" else (stub.end,)):
                    ports[(stub.arrow, end)] = position

        def attach(cell: Cell, side: str, along: float) -> tuple[float, float]:
            """The point of a side of a cell's box, as :meth:`Rect.side_point` gives it."""
            (left, width), (top, height) = columns[cell[1]], rows[cell[0]]
            if side in ("top", "bottom"):
                return along, top if side == "top" else top + height
            return left if side == "left" else left + width, along

        lines = []
        for arrow, course in enumerate(self.courses):
            x, y = attach(course.source, course.exit, ports[(arrow, "source")])
            end_x, end_y = attach(course.target, course.entry, ports[(arrow, "target")])
            line = [(x, y)]
            for channel in course.channels:
                track = (xs if channel.axis == "v" else ys)[channel.position] + MARGIN + \
                    self.tracks[(arrow, channel)] * SPACING
                x, y = (track, y) if channel.axis == "v" else (x, track)
                line.append((x, y))
            if course.channels:
                line.append((x, end_y) if course.channels[-1].axis == "v" else (end_x, y))
            line.append((end_x, end_y))
            lines.append(line)
        return lines

    def _positions(self, axis: str, sizes: Sequence[float],
                   origin: float) -> tuple[list[float], list[tuple[float, float]]]:
        """Where each channel of ``axis`` starts, and each row or column between them (start, size)."""
        channels = [self.channel_size(Channel(axis, i)) for i in range(len(sizes) + 1)]
        starts = list(accumulate((size for pair in zip(channels, sizes, strict=False) for size in pair),
                                 initial=origin))
        return starts[0::2], [(starts[2 * i + 1], size) for i, size in enumerate(sizes)]


def _name(cell: Cell) -> str:
    return f"{cell[0]},{cell[1]}"


def plan_channels(cells: Mapping[str, Cell], edges: Sequence[tuple[str, str]]) -> ChannelPlan:
    """A plan of arrows from box to box, each by its shortest course; ``cells`` gives each box's place."""
    rows = max(r for r, _ in cells.values()) + 1
    columns = max(c for _, c in cells.values()) + 1
    return _plan(tuple(_best_course(cells[s], cells[t]) for s, t in edges), rows, columns)


def untangled_plan(cells: Mapping[str, Cell], edges: Sequence[tuple[str, str]]) -> ChannelPlan:
    """The plan improved step by step while a step lowers its :meth:`~ChannelPlan.score`.

    First each arrow that crosses another tries its other short courses, round after round
    while a round removes crossings; then neighbouring tracks of a channel are exchanged.
    """
    plan = plan_channels(cells, edges)
    best = plan.score()
    options = [_short_courses(cells[s], cells[t]) for s, t in edges]
    crossing = plan.crossings()
    while crossing:
        for arrow in plan.crossing_arrows():
            for course in options[arrow]:
                if course == plan.courses[arrow]:
                    continue
                candidate = _plan(plan.courses[:arrow] + (course,) + plan.courses[arrow + 1:],
                                  plan.rows, plan.columns)
                if (score := candidate.score()) < best:
                    plan, best = candidate, score
        if plan.crossings() == crossing:
            break
        crossing = plan.crossings()
    return _exchanged_tracks(plan, best)


def _exchanged_tracks(plan: ChannelPlan, best: float) -> ChannelPlan:
    improved = True
    while improved:
        improved = False
        for channel, count in plan.track_count.items():
            for track in range(count - 1):
                swap = {track: track + 1, track + 1: track}
                tracks = {key: swap.get(number, number) if key[1] == channel else number
                          for key, number in plan.tracks.items()}
                candidate = _ordered(replace(plan, tracks=tracks))
                if (score := candidate.score()) < best:
                    plan, best, improved = candidate, score, True
    return plan


def _plan(courses: tuple[Course, ...], rows: int, columns: int) -> ChannelPlan:
    """A plan for these courses: tracks packed in every channel, attachment points ordered."""
    by_channel: dict[Channel, list[tuple[int, float, float, float]]] = defaultdict(list)
    for arrow, course in enumerate(courses):
        for channel, a, b in _legs(course):
            by_channel[channel].append((arrow, float(min(a, b)), float(max(a, b)), _leaning(course, channel)))
    tracks: dict[tuple[int, Channel], int] = {}
    count: dict[Channel, int] = {}
    for channel, legs in by_channel.items():
        assigned = assign_tracks([(lo, hi) for _, lo, hi, _ in legs])
        leaning: dict[int, list[float]] = defaultdict(list)
        for (_, _, _, lean), track in zip(legs, assigned, strict=True):
            leaning[track].append(lean)
        place = {track: number for number, track in
                 enumerate(sorted(leaning, key=lambda t: (sum(leaning[t]) / len(leaning[t]), t)))}
        for (arrow, _, _, _), track in zip(legs, assigned, strict=True):
            tracks[(arrow, channel)] = place[track]
        count[channel] = len(place)
    return _ordered(ChannelPlan(courses, tracks, count, {}, rows, columns))


def _ordered(plan: ChannelPlan) -> ChannelPlan:
    """The plan with the attachment points of every side ordered for its tracks."""
    slots: dict[tuple[Channel, int], list[Stub]] = defaultdict(list)
    for arrow, course in enumerate(plan.courses):
        for place, stub in _stubs(arrow, course, plan.tracks, plan.track_count):
            slots[place].append(stub)
    ordered = {place: tuple(sorted(stubs, key=lambda s: (s.order, s.arrow))) for place, stubs in slots.items()}
    return replace(plan, slots=ordered)


def _candidates(source: Cell, target: Cell) -> Iterator[Course]:
    """Every course with at most one turn from channel to channel."""
    for exit_side in SIDES:
        first = side_channel(source, exit_side)
        for entry_side in SIDES:
            last = side_channel(target, entry_side)
            if first == last:
                channels: tuple[Channel, ...] = () if first.along(source) == first.along(target) else (first,)
            elif first.axis != last.axis:
                channels = (first, last)
            else:
                continue
            yield Course(source, target, exit_side, entry_side, channels)


@cache
def _best_course(source: Cell, target: Cell) -> Course:
    """The course with the fewest bends and then the shortest, measured on a nominal grid."""
    return min(_candidates(source, target), key=_cost)


@cache
def _short_courses(source: Cell, target: Cell) -> tuple[Course, ...]:
    """The courses not much longer than the best one, best first."""
    courses = sorted(_candidates(source, target), key=_cost)
    return tuple(c for c in courses if _cost(c) <= COURSE_SLACK * _cost(courses[0]))


def _cost(course: Course) -> float:
    """Bends and length of a course drawn on a nominal grid, from the middle of each side."""
    (w, h), gap = NOMINAL_CELL, EMPTY_CHANNEL

    def middle(cell: Cell, side: str) -> Point:
        box = Rect(gap + cell[1] * (w + gap), gap + cell[0] * (h + gap), w, h)
        return box.side_point(side, sum(box.side_range(side)) / 2)

    points = [middle(course.source, course.exit)]
    for channel in course.channels:
        line = gap / 2 + channel.position * ((w if channel.axis == "v" else h) + gap)
        last = points[-1]
        points.append(Point(line, last.y) if channel.axis == "v" else Point(last.x, line))
    end = middle(course.target, course.entry)
    if course.channels:
        last = points[-1]
        points.append(Point(last.x, end.y) if course.channels[-1].axis == "v" else Point(end.x, last.y))
    points.append(end)
    length = sum(abs(q.x - p.x) + abs(q.y - p.y) for p, q in pairwise(points))
    return BEND_COST * (len(points) - 2) + length


@cache
def _leaning(course: Course, channel: Channel) -> float:
    """Which side of ``channel`` a leg's ends lie on: 0 both before it (above, left), 1 both after.

    A stub counts for the side of its box, a turn into the other channel for the way it turns.
    A track whose legs lean one way goes to that side, so that their stubs cross fewer tracks.
    """
    ends = []
    for cell, side in ((course.source, course.exit), (course.target, course.entry)):
        if side_channel(cell, side) == channel:
            ends.append(0.0 if side in ("bottom", "right") else 1.0)
    if len(ends) < 2:
        other = next(c for c in course.channels if c != channel)
        cell = course.target if course.channels[0] == channel else course.source
        ends.append(0.0 if 2 * other.along(cell) + 1 < 2 * channel.position else 1.0)
    return sum(ends) / len(ends)


@cache
def _legs(course: Course) -> tuple[tuple[Channel, int, int], ...]:
    """Each channel a course follows, with the extent it takes there in half-cells.

    Along a channel, cell ``i`` (a row or a column) lies at ``2i + 1`` and crossing channel
    ``i`` at ``2i``, so legs that meet at a cell or a crossing count as overlapping.
    """
    channels = course.channels
    if len(channels) == 1:
        (channel,) = channels
        return ((channel, 2 * channel.along(course.source) + 1, 2 * channel.along(course.target) + 1),)
    if len(channels) == 2:
        first, second = channels
        return ((first, 2 * first.along(course.source) + 1, 2 * second.position),
                (second, 2 * first.position, 2 * second.along(course.target) + 1))
    return ()


def _stubs(arrow: int, course: Course, tracks: Mapping[tuple[int, Channel], int],
           track_count: Mapping[Channel, int]) -> Iterator[tuple[tuple[Channel, int], Stub]]:
    """Where an arrow attaches to its boxes, and how it sorts among the others on that side.

    Seen from the box, a stub runs out to its track and turns towards lower (up, left) or
    higher coordinates. Those turning low come first, the nearest track first; then the
    straight arrows; then those turning high, the farthest track first. So no stub crosses
    the track of a neighbour on the same side.
    """
    if not course.channels:
        channel = side_channel(course.source, course.exit)
        yield (channel, channel.along(course.source)), Stub(arrow, "both", (1, 0.0))
        return
    legs = _legs(course)
    last, a, b = legs[-1]
    for end, cell, side, (channel, here, there) in (("source", course.source, course.exit, legs[0]),
                                                     ("target", course.target, course.entry, (last, b, a))):
        track = tracks[(arrow, channel)]
        before = side in ("bottom", "right")  # the box lies before the channel
        distance = track if before else track_count[channel] - 1 - track
        order = (0, float(distance)) if there < here else (2, float(-distance))
        yield (channel, channel.along(cell)), Stub(arrow, end, order)
