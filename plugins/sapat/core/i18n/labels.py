"""The words sapat itself puts on pages, in the reader's language.

The texts live with their language in :mod:`sapat.core.i18n.languages`; a test checks that every
language has every key.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from pathlib import Path

from ..model.clauses import REFERENCE, reference_id
from ..sources.data_files import ClauseMention
from .languages import LANGUAGES
from .messages import Message


def label(key: str, language: str, **values: object) -> str:
    """The text of ``key`` in ``language``, ``{placeholders}`` filled in from ``values``."""
    text = LANGUAGES[language].labels[key]
    return text.format(**values) if values else text


def remark(keys: Sequence[str], language: str) -> str:
    """What is said after a value in parentheses (" (вывод редакторов; срок истёк)"), or nothing."""
    return f" ({'; '.join(label(key, language) for key in keys)})" if keys else ""


def due_mark(date: str, key: str | None, language: str) -> str:
    """What is said after a date once it has passed, hidden until then and revealed when the page
    is read (assets/sapat.js): a frozen page, built before the date, never has to change."""
    if key is None:
        return ""
    return f'<span class="sapat-due" data-sapat-due="{date}" hidden> ({label(key, language)})</span>'


def nav_badge_titles(language: str) -> dict[str, str]:
    """Material's ``extra.status``: the tooltip of each nav badge sapat sets (see DocumentControl)."""
    return {status: label(f"nav_badge.{status}", language) for status in ("draft", "superseded")}


def label_mentions(display: Callable[[Path], str]) -> list[ClauseMention]:
    """Every clause that sapat's own words refer to (``[[2.2]]`` in a label), with the file and
    line of the label, so that a renumbered clause is reported where the words live."""
    found = []
    for language in LANGUAGES.values():
        source = Path(inspect.getfile(language.module))
        lines = source.read_text(encoding="utf-8").splitlines()
        for key, text in language.labels.items():
            line = next((number for number, content in enumerate(lines, 1) if f'"{key}":' in content), None)
            found += [ClauseMention(reference_id(match.group("target")), display(source), line,
                                    Message("label.unknown_clause.hint", key=key))
                      for match in REFERENCE.finditer(text)]
    return found
