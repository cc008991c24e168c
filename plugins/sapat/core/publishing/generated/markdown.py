"""Writing Markdown from data: every text taken from an editor's file is made inert."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|])")
_LEADING_NUMBER = re.compile(r"^(\d+(?:\.\d+)*)\.")


def md(text: str) -> str:
    """Text made inert in Markdown: no HTML, no emphasis, no links, no table breaks.

    A leading "7." is escaped too, so that a heading made of a name never reads as a clause.
    """
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))
    return _LEADING_NUMBER.sub(lambda m: m.group(1) + "\\.", escaped)


def refs(clauses: Iterable[str]) -> str:
    """Clause references as editors write them: ``[[5.1]], [[5.3]]``."""
    return ", ".join(f"[[{c}]]" for c in clauses)


def link(text: str, href: str) -> str:
    """A Markdown link whose text comes from data."""
    return f"[{md(text)}]({href})"


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A Markdown table; cells are Markdown already (made with :func:`md` where they hold data)."""
    def row(cells: Sequence[str]) -> str:
        return "| " + " | ".join(cell.replace("\n", " ") for cell in cells) + " |"
    return [row(headers), "|" + "---|" * len(headers), *(row(cells) for cells in rows)]
