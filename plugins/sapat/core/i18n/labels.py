"""The words sapat itself puts on pages, in the reader's language.

The texts live with their language in :mod:`sapat.core.i18n.languages`; a test checks that every
language has every key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from .languages import LANGUAGES


def label(key: str, language: str, **values: object) -> str:
    """The text of ``key`` in ``language``, ``{placeholders}`` filled in from ``values``."""
    text = LANGUAGES[language].labels[key]
    return text.format(**values) if values else text


def number(value: float, language: str) -> str:
    """A measured value as ``language`` writes it: no trailing zeros, its decimal separator
    (``64,5``), at most two decimals."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", label("decimal_separator", language))


def remark(keys: Sequence[str], language: str) -> str:
    """What is said after a value in parentheses (" (вывод редакторов; срок истёк)"), or nothing."""
    return f" ({'; '.join(label(key, language) for key in keys)})" if keys else ""


def due_mark(date: str, key: str | None, language: str) -> str:
    """What is said after a date once it has passed, hidden until then and revealed when the page
    is read (assets/sapat.js): a frozen page, built before the date, never has to change."""
    if key is None:
        return ""
    return f'<span class="sapat-due" data-sapat-due="{date}" hidden> ({label(key, language)})</span>'


def soon_mark(date: str, window: int, language: str) -> str:
    """What is said after a review date while it is at most ``window`` days away, hidden and
    revealed when the page is read (assets/sapat.js), so a page built earlier never has to change."""
    start = (dt.date.fromisoformat(date) - dt.timedelta(days=window)).isoformat()
    return (f'<span class="sapat-due" data-sapat-soon="{start}" data-sapat-until="{date}" hidden>'
            f" ({label('review_soon', language, days=window)})</span>")


def nav_badge_titles(language: str) -> dict[str, str]:
    """Material's ``extra.status``: the tooltip of each nav badge sapat sets (see DocumentControl)."""
    return {status: label(f"nav_badge.{status}", language) for status in ("draft", "superseded")}
