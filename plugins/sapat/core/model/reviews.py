"""Reviews that are due: what the registers say must be looked at again, judged on one day.

Four registers carry dates to keep: the document register (each page's ``next_review_date``),
the records register and the register of documents of external origin (their own
``next_review``, and each document's ``next_check``), and the register of acknowledgement
sheets (a sheet given with a ``due`` date and not returned). A review is overdue once its day
has passed and due when it comes within :data:`WINDOW` days. Which it is depends on the day
asked: ``make check`` and ``sapat reviews`` judge on the day they run, the pages on the day they
are built or read (docs/registers.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from .project import Project
from .registers import Dates

#: How many days before its day a review counts as due.
WINDOW = 30


class Register(StrEnum):
    """The register a review belongs to (its words on pages are ``reviews.register.<value>``)."""

    DOCUMENTS = "documents"
    RECORDS = "records"
    EXTERNAL = "external"
    ACKNOWLEDGEMENTS = "acknowledgements"


class Due(StrEnum):
    OVERDUE = "overdue"
    SOON = "soon"


@dataclass(frozen=True)
class Review:
    """One review: which register, what is reviewed, its day, where the day is written, whether
    the editors inferred it, and, once judged on a day, whether it is overdue or due soon."""

    register: Register
    subject: str
    date: dt.date
    display: str
    line: int | None
    inferred: bool = False
    due: Due | None = None


def due(date: dt.date, today: dt.date, window: int = WINDOW) -> Due | None:
    """Whether a review of ``date`` is overdue or due within ``window`` days on ``today``."""
    if date < today:
        return Due.OVERDUE
    return Due.SOON if date <= today + dt.timedelta(days=window) else None


def reviews(project: Project, today: dt.date, window: int = WINDOW) -> list[Review]:
    """Every review due within ``window`` days of ``today`` or overdue, register by register,
    overdue first and then by day."""
    found = [replace(review, due=state) for review in dated_reviews(project)
             if (state := due(review.date, today, window)) is not None]
    order = list(Register)
    return sorted(found, key=lambda review: (order.index(review.register), review.due != Due.OVERDUE, review.date))


def dated_reviews(project: Project) -> Iterable[Review]:
    """Every dated review of every register, not judged on any day."""
    for name in project.in_nav_order(project.source.controlled()):
        control, page = project.control(name), project.source.files[name]
        if control is not None and control.next_review_date:
            yield Review(Register.DOCUMENTS, control.code, dt.date.fromisoformat(str(control.next_review_date)),
                         page.display, page.meta.line_of(("next_review_date",)),
                         control.shows_inferred("next_review_date"))
    registers = project.registers
    for register, dates in ((Register.RECORDS, registers.records_dates), (Register.EXTERNAL, registers.documents_dates),
                            (Register.ACKNOWLEDGEMENTS, registers.returns_dates)):
        yield from _register_review(register, dates)
    for document in registers.documents:
        if document.next_check is not None:
            yield Review(Register.EXTERNAL, document.id, document.next_check,
                         registers.documents_dates.display if registers.documents_dates else "",
                         document.next_check_line)
    for entry in registers.returns:
        if entry.due is not None and entry.returned is None:
            yield Review(Register.ACKNOWLEDGEMENTS, f"{entry.unit} · {entry.edition}", entry.due,
                         registers.returns_dates.display if registers.returns_dates else "", entry.due_line)


def _register_review(register: Register, dates: Dates | None) -> Iterable[Review]:
    if dates is not None and dates.next_review is not None:
        yield Review(register, dates.display, dates.next_review, dates.display, dates.line)
