"""A line chart of values by year against a target line, as inline SVG (a quality objective's
measured values, core/publishing/current/objectives.py).

Drawn like the diagrams (svg.py: every text escaped, ``currentColor`` so that it prints and
follows the page's colours, no script, no font, no request), but an image, not a figure with
links: ``role="img"`` named by its ``<title>`` and ``<desc>``, the values in a table beside it
being its text version. The target is told from the values by its dashes, not by colour.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from math import ceil, floor, log10

from .svg import element, esc, num

WIDTH, HEIGHT = 560.0, 280.0
LEFT, RIGHT, TOP, BOTTOM = 64.0, 24.0, 24.0, 60.0
FONT = 13.0
#: A value's label is drawn over a white outline, so that it stays legible where it crosses the
#: target line (the current area's pages are white, on screen and printed).
HALO = {"stroke": "#fff", "stroke-width": "4", "paint-order": "stroke", "stroke-linejoin": "round"}
#: How many steps the value axis is cut into, about.
STEPS = 4


@dataclass(frozen=True)
class Point:
    """One value of the chart: its year (the label under it), the value, and its text as the
    page writes it (``64,5``)."""

    year: int
    value: float
    text: str


def nice_step(span: float, steps: int = STEPS) -> float:
    """A step of 1, 2 or 5 times a power of ten that cuts ``span`` into about ``steps`` parts."""
    raw = span / steps if span > 0 else 1.0
    power = 10 ** floor(log10(raw))
    return next(factor * power for factor in (1, 2, 5, 10) if factor * power >= raw)


def value_axis(values: Sequence[float]) -> tuple[float, float, float]:
    """The lowest and highest value of the axis and its step: from zero (or below, for a
    negative value), so that a small change is not drawn as a large one, to the highest value or above."""
    low, high = min(0.0, *values), max(0.0, *values)
    step = nice_step(high - low)
    return floor(low / step) * step, ceil(high / step) * step or step, step


def line_chart(ident: str, title: str, description: str, points: Sequence[Point],
               target: float | None = None, target_text: str = "", tick_text: Callable[[float], str] = str) -> str:
    """The SVG of ``points`` joined by a line, each marked and labelled with its text, and the
    target as a dashed line across labelled ``target_text``; ``tick_text`` writes the axis'
    values (the page's decimal separator)."""
    low, high, step = value_axis([point.value for point in points] + ([target] if target is not None else []))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y(value: float) -> float:
        return TOP + plot_h * (1 - (value - low) / (high - low))

    def x(index: int) -> float:
        return LEFT + plot_w * (index + 0.5) / len(points)

    text = {"fill": "currentColor", "font-size": num(FONT)}
    ticks = []
    for n in range(round((high - low) / step) + 1):
        value = low + n * step
        ticks.append(element("line", {"x1": num(LEFT), "x2": num(WIDTH - RIGHT), "y1": num(y(value)),
                                      "y2": num(y(value)), "stroke": "currentColor", "stroke-opacity": "0.2"}))
        ticks.append(element("text", {**text, "x": num(LEFT - 8), "y": num(y(value) + FONT * 0.35),
                                      "text-anchor": "end"}, esc(tick_text(value))))
    years = [element("text", {**text, "x": num(x(i)), "y": num(HEIGHT - BOTTOM + FONT + 8),
                              "text-anchor": "middle"}, esc(point.year)) for i, point in enumerate(points)]
    parts = [element("title", {"id": f"{ident}-title"}, esc(title)),
             element("desc", {"id": f"{ident}-desc"}, esc(description)),
             element("g", {"class": "sapat-chart-axis"}, "".join(ticks + years)),
             element("line", {"x1": num(LEFT), "x2": num(LEFT), "y1": num(TOP), "y2": num(HEIGHT - BOTTOM),
                              "stroke": "currentColor"})]
    if target is not None:  # the line across, and its legend under the years
        dashes = {"stroke": "currentColor", "stroke-width": "2", "stroke-dasharray": "8 5"}
        legend = HEIGHT - FONT * 0.6
        parts.append(element("g", {"class": "sapat-chart-target"}, element(
            "line", {**dashes, "x1": num(LEFT), "x2": num(WIDTH - RIGHT), "y1": num(y(target)),
                     "y2": num(y(target))}) + element(
            "line", {**dashes, "x1": num(LEFT), "x2": num(LEFT + 34), "y1": num(legend - FONT * 0.35),
                     "y2": num(legend - FONT * 0.35)}) + element(
            "text", {**text, "x": num(LEFT + 42), "y": num(legend), "font-style": "italic"}, esc(target_text))))
    line = " ".join(f"{num(x(i))},{num(y(point.value))}" for i, point in enumerate(points))
    marks = "".join(element("circle", {"cx": num(x(i)), "cy": num(y(point.value)), "r": "4.5",
                                       "fill": "currentColor"}) +
                    element("text", {**text, **HALO, "x": num(x(i)), "y": num(y(point.value) - 10),
                                     "text-anchor": "middle", "font-weight": "700"}, esc(point.text))
                    for i, point in enumerate(points))
    parts.append(element("g", {"class": "sapat-chart-values"},
                         element("polyline", {"points": line, "fill": "none", "stroke": "currentColor",
                                              "stroke-width": "2.5"}) + marks))
    return element("svg", {"xmlns": "http://www.w3.org/2000/svg", "viewBox": f"0 0 {num(WIDTH)} {num(HEIGHT)}",
                           "width": "100%", "style": f"max-width: {num(WIDTH)}px; height: auto",
                           "role": "img", "aria-labelledby": f"{ident}-title {ident}-desc",
                           "font-family": "inherit", "class": "sapat-chart"}, "".join(parts))


__all__ = ["Point", "line_chart", "nice_step", "value_axis"]
