"""``sapat reviews``: the reviews overdue or due soon in every register, in the editor's language,
as lines (``file:line: overdue: …``) or as a Markdown table for a job summary (the weekly
workflow, ``.github/workflows/reviews.yml``). A list, never a failure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..i18n.messages import Message
from ..model.reviews import Due, Review


def _state(review: Review, days: int, language: str) -> str:
    state = Message("reviews.state.overdue" if review.due is Due.OVERDUE else "reviews.state.soon", days=days)
    inferred = f" ({Message('reviews.inferred').render(language)})" if review.inferred else ""
    return state.render(language) + inferred


def _where(review: Review) -> str:
    return f"{review.display}:{review.line}" if review.line else review.display


def reviews_report(found: Sequence[Review], today: dt.date, days: int, form: str, language: str) -> str:
    """``found`` (judged on ``today`` within ``days``) as text lines or a Markdown table."""
    title = Message("reviews.title", days=days, date=today.isoformat()).render(language)
    if not found:
        return Message("reviews.none", days=days, date=today.isoformat()).render(language) + "\n"
    if form == "markdown":
        headers = [Message(f"reviews.column.{key}").render(language)
                   for key in ("register", "subject", "date", "state", "where")]
        rows = [[Message(f"reviews.register.{review.register.value}").render(language), review.subject,
                 review.date.isoformat(), _state(review, days, language), f"`{_where(review)}`"] for review in found]
        table = ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in [headers, *rows]]
        table.insert(1, "|" + "---|" * len(headers))
        return "\n".join([f"## {title}", "", *table]) + "\n"
    lines = [f"{_where(review)}: {_state(review, days, language)}: "
             f"{Message(f'reviews.register.{review.register.value}').render(language)}: {review.subject} "
             f"({review.date.isoformat()})" for review in found]
    return "\n".join([title, *lines]) + "\n"
