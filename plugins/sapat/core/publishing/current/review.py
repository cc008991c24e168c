"""The management review's inputs (5.6.2), one page per year, in the current area:
``<language>/management-review/`` and ``<language>/management-review/<year>/`` (docs/objectives.md).

The agenda the rector's meeting needs, gathered from what the data holds: the internal audits
of the programme with their state and reports, the objectives' values against their targets,
the records register's reviews, the documents changed since the last edition, the reviews due.
Each section is a row of :data:`REVIEW_SECTIONS`; a section whose data holds nothing for the
year says so. In the year of the build, what is still overdue from earlier years is on it too.
The years are those the data mentions and the year of the build. Like every page of the current
area it is true as of the build and standalone, and prints (the page's print style).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from html import escape

from ...i18n.labels import label
from ...model.editions import CHANGES, DRAFT
from ...model.links import Location, page_url
from ...model.project import Project
from ...model.reviews import Register, Review, dated_reviews, due
from ...releasing.compare import LanguageDiff, compare
from ..generated.processes import quantity, target_text
from .area import CurrentPage, clause_links, html_link, html_table
from .audits import audit_table
from .objectives import OBJECTIVES_AREA, reached
from .registers import RECORDS, REGISTERS, review_table

REVIEW = "management-review"
#: The clause that lists the review's inputs.
INPUTS_CLAUSE = "5.6.2"


@dataclass(frozen=True)
class ReviewSection:
    """A section of a year's page: the label of its heading, the label that says the data holds
    nothing for the year, and what makes its HTML for a year (empty when the data holds nothing)
    from the project and its dated reviews (found once for the pages of every year: each finds
    every page's review date)."""

    key: str
    none: str
    make: Callable[[Project, Sequence[Review], int, str], str]


def review_pages(project: Project, language: str) -> Iterator[CurrentPage]:
    """The list of years, and a page per year."""
    title = label("review.index_title", language)
    years = review_years(project)
    dated = tuple(dated_reviews(project))
    here = Location(language, f"{REVIEW}/index.md")
    items = "".join(f"<li>{html_link(f'{year}/', label('review.title', language, year=year))}</li>"
                    for year in reversed(years))
    yield CurrentPage(REVIEW, title,
                      f"<h1>{escape(title)}</h1><p>{escape(label('review.index_intro', language))}</p>"
                      f"<p>{clause_links(project, [INPUTS_CLAUSE], here)}</p>"
                      f"<h2>{escape(label('review.years', language))}</h2><ul>{items}</ul>")
    for year in years:
        yield CurrentPage(f"{REVIEW}/{year}", label("review.title", language, year=year),
                          year_page(project, dated, year, language), up=(REVIEW, title))


def review_years(project: Project) -> list[int]:
    """Every year the data mentions (the objectives' values, baselines and due dates, the dated
    reviews, the editions' decisions) and the year of the build, in order."""
    years = {project.today.year}
    objectives = project.process_model.objectives
    for objective in objectives.items if objectives else ():
        years |= {value.year for value in objective.series()}
        years |= {int(objective.due[:4])} if objective.due else set()
    years |= {review.date.year for review in dated_reviews(project)}
    years |= set(project.audits.years()) if project.audits else set()
    years |= {day.year for edition in project.editions if (day := edition.as_of) is not None}
    return sorted(years)


def year_page(project: Project, dated: Sequence[Review], year: int, language: str) -> str:
    """The inputs of ``year``: every section of :data:`REVIEW_SECTIONS`; ``dated``: every dated
    review of the project (:func:`~...model.reviews.dated_reviews`)."""
    here = Location(language, f"{REVIEW}/{year}/index.md")
    sections = []
    for section in REVIEW_SECTIONS:
        body = section.make(project, dated, year, language) or \
            f"<p>{escape(label(section.none, language, year=year))}</p>"
        sections.append(f"<section><h2>{escape(label(section.key, language, year=year))}</h2>{body}</section>")
    return (f"<h1>{escape(label('review.title', language, year=year))}</h1>"
            f"<p>{escape(label('review.intro', language, year=year, date=project.today.isoformat()))}</p>"
            f"<p>{escape(label('review.clause', language))}: {clause_links(project, [INPUTS_CLAUSE], here)}</p>"
            + "".join(sections))


# --------------------------------------------------------------------------- the sections

def audits_section(project: Project, dated: Sequence[Review], year: int, language: str) -> str:
    """The internal audits the programme plans for ``year`` (in the year of the build, with those
    of earlier years still not done), each planned, done with its report, or overdue."""
    if project.audits is None:
        return ""
    beginning = dt.date(year, 1, 1)
    found = [audit for audit in project.audits.audits if audit.year == year or (
        year == project.today.year and audit.year < year and audit.state(beginning) == "overdue")]
    return audit_table(project, found, language, f"{REVIEW}/{year}/index.md") if found else ""


def objectives_section(project: Project, dated: Sequence[Review], year: int, language: str) -> str:
    """Each objective's value of ``year`` against its target; empty when none has one."""
    objectives = project.process_model.objectives
    items = objectives.items if objectives else ()
    if not any(objective.value_in(year) for objective in items):
        return ""
    not_measured = label("objectives.not_measured", language)
    rows = []
    for position, objective in enumerate(items, start=1):
        value = objective.value_in(year)
        indicator = objective.indicator.get(language) if objective.indicator else "—"
        name = f"{position}. {objective.text.get(language)}"
        shown = escape(quantity(value.value, objective.unit, language)) if value else f"<i>{escape(not_measured)}</i>"
        rows.append([html_link(f"../../{OBJECTIVES_AREA}/#{objective.id}", name), escape(indicator),
                     escape(target_text(objective, language)) or "—", shown,
                     reached(objective, value, language) if value else "—"])
    headers = [label("objective", language), label("indicator", language), label("target", language),
               f"{label('objectives.col.value', language)}, {year}", label("objectives.col.reached", language)]
    return html_table(headers, rows)


def _on_agenda(review: Review, year: int, today: dt.date) -> bool:
    """Whether ``review`` is for the meeting of ``year``: dated that year, or, in the year of the
    build, dated before it and so still overdue (a review due in 2019 and never made is on the
    agenda of today's meeting, not only on the page of 2019)."""
    return review.date.year == year or (year == today.year and review.date < dt.date(year, 1, 1))


def _judged(found: Iterable[Review], today: dt.date) -> list[Review]:
    """Reviews in the order of their day, each overdue or due soon as of ``today``."""
    return [replace(review, due=due(review.date, today)) for review in sorted(found, key=lambda review: review.date)]


def records_section(project: Project, dated: Sequence[Review], year: int, language: str) -> str:
    """The records register's reviews of ``year`` (in the year of the build, with those still
    overdue from before); in the year of the build, also how many of the records the manual
    requires still lack their details."""
    found = _judged((review for review in dated
                     if review.register is Register.RECORDS and _on_agenda(review, year, project.today)), project.today)
    html = review_table(found, language, later=label("review.state.later", language)) if found else ""
    required = [record for record in project.registers.records if record.clauses]
    if year == project.today.year and required:
        incomplete = sum(bool(record.unset()) for record in required)
        said = label("review.records.incomplete", language, date=project.today.isoformat(), count=len(required),
                     incomplete=incomplete)
        register = html_link(f"../../{REGISTERS}/{RECORDS}/", label("registers.records", language))
        html += f"<p>{escape(said)} {register}</p>"
    return html


def changes_section(project: Project, dated: Sequence[Review], year: int, language: str) -> str:
    """The editions decided in ``year`` (each with its changes page), and in the year of the
    build the documents the draft changed since the edition in force."""
    changes = label("editions.changes", language)
    parts = [f"<p>{escape(label('review.changes.released', language, year=year, edition=edition.title(language)))} "
             f"{html_link(f'../../{edition.version}/{page_url(CHANGES)}', changes)}</p>"
             for edition in project.editions if edition.as_of and edition.as_of.year == year]
    if year == project.today.year:
        parts.append(_draft_changes(project, language))
    return "".join(parts)


def _draft_changes(project: Project, language: str) -> str:
    """The documents of the draft that differ from the edition in force: new, removed, a
    clause's text or the document's details changed; or that none does."""
    date = project.today.isoformat()
    if project.base is None or not project.editions:
        return f"<p>{escape(label('review.changes.first', language, date=date))}</p>"
    changed = changed_documents(compare(project.base, project, (language,)).languages[language], language)
    edition = project.editions[-1].title(language)
    if not changed:
        return f"<p>{escape(label('review.changes.same', language, date=date, edition=edition))}</p>"
    rows = []
    for name, what in changed.items():
        control = project.control(name) or project.base.control(name)
        page = project.languages[language].files.get(name)
        title = page.title if page else name
        link = html_link(f"../../{DRAFT}/{page_url(name)}", title) if page else escape(title)
        rows.append([escape(control.code) if control else "—", link, escape("; ".join(what))])
    headers = [label(key, language) for key in ("document", "record.document_title", "review.col.what")]
    return (f"<p>{escape(label('review.changes.draft', language, date=date, edition=edition))}:</p>"
            f"{html_table(headers, rows)}"
            f"<p>{html_link(f'../../{DRAFT}/{page_url(CHANGES)}', label('editions.changes', language))}</p>")


def changed_documents(diff: LanguageDiff, language: str) -> dict[str, list[str]]:
    """What changed in each page of ``diff``, by page name, in the page's order."""
    changed: dict[str, list[str]] = {}
    for page in diff.pages:
        if page.old is None or page.new is None:
            changed.setdefault(page.name, []).append(
                label("review.what.added" if page.old is None else "review.what.removed", language))
        else:
            changed.setdefault(page.name, []).append(
                label("review.what.fields", language, fields=", ".join(field.key for field in page.fields)))
    clauses: dict[str, list[str]] = {}
    for change in diff.clauses:
        page_ref = change.new_page or change.old_page
        if page_ref is not None:
            clauses.setdefault(page_ref.name, []).append(change.label)
    for name, labels in clauses.items():
        changed.setdefault(name, []).append(label("review.what.clauses", language, clauses=", ".join(labels)))
    return dict(sorted(changed.items()))


def reviews_section(project: Project, dated: Sequence[Review], year: int, language: str) -> str:
    """Every dated review of ``year`` but the records register's (their own section), in the
    year of the build with those still overdue from before, judged on the day of the build."""
    found = _judged((review for review in dated
                     if review.register is not Register.RECORDS and _on_agenda(review, year, project.today)),
                    project.today)
    return review_table(found, language, later=label("review.state.later", language)) if found else ""


#: The sections of a year's page, in the order the meeting takes them.
REVIEW_SECTIONS: tuple[ReviewSection, ...] = (
    ReviewSection("review.audits", "review.audits.none", audits_section),
    ReviewSection("review.objectives", "review.objectives.none", objectives_section),
    ReviewSection("review.records", "review.records.none", records_section),
    ReviewSection("review.changes", "review.changes.none", changes_section),
    ReviewSection("review.reviews", "review.reviews.none", reviews_section),
)


__all__ = ["INPUTS_CLAUSE", "REVIEW", "REVIEW_SECTIONS", "ReviewSection", "changed_documents", "review_pages",
           "review_years", "year_page"]
