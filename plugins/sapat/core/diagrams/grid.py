"""Placing boxes on a grid of columns and rows, and stacking them inside a cell."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .geometry import Rect


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
