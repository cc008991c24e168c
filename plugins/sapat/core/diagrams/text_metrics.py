"""Measuring and wrapping diagram text without a browser.

The widths are estimates for a generic sans-serif; they err on the wide side so that text
drawn by the reader's browser still fits its box.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import cache, lru_cache

# Advance widths in em for a generic sans-serif (Roboto, the theme's font, and its fallbacks).
# They err on the wide side, and SAFETY widens them further so that text still fits when the
# browser falls back to a wide font such as DejaVu Sans.
SAFETY = 1.07
_NARROW = set(" .,:;!|'ijlI()[]«»\"-–")
_WIDE = set("mwMWшщжюмфыөЖШЩЮМФЫ@%")


@cache
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
                indent: float = 0.0) -> list[list[Piece]]:
    """Break text made of (text, link target) pieces into lines no wider than ``width``.

    Lines break at spaces; a word longer than a line is cut. Each line comes back as pieces
    again, adjacent pieces with the same target merged, so a link never splits mid-word.
    """
    return [list(line) for line in _wrapped(tuple(pieces), width, size, bold, indent)]


@lru_cache(maxsize=8192)
def _wrapped(pieces: tuple[Piece, ...], width: float, size: float, bold: bool,
             indent: float) -> tuple[tuple[Piece, ...], ...]:
    """:func:`wrap_pieces`, once for each text and width: a layout measures the same box at the
    same width again and again while it places boxes and arrows."""
    chars = [(ch, target) for text, target in pieces for ch in " ".join(text.split("\n"))]
    words = _words(chars)
    lines: list[list[tuple[str, str | None]]] = []
    current: list[tuple[str, str | None]] = []
    current_width = 0.0
    for word in words:
        for chunk in _cut(word, width - indent, size, bold):
            chunk_width = text_width("".join(c for c, _ in chunk), size, bold)
            room = width - (indent if lines else 0.0)
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
    return tuple(tuple(_merge(line)) for line in lines)


def _words(chars: list[tuple[str, str | None]]) -> list[list[tuple[str, str | None]]]:
    words: list[list[tuple[str, str | None]]] = []
    word: list[tuple[str, str | None]] = []
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
    chunks: list[list[tuple[str, str | None]]] = []
    chunk: list[tuple[str, str | None]] = []
    used = 0.0
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
