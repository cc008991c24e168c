"""The registers in the current area, ``<language>/registers/``: an index with the reviews due,
the records register, the register of documents of external origin and the register of
acknowledgement sheets (docs/registers.md).

They are documents of the quality department with dates of their own, not the manual's approved
text: published outside every edition, true as of the day they are built, each saying so. Links
to clauses and processes lead to the draft (whose every page says whether its text is the text
of the edition in force). What no source states is shown as not set. The pages are standalone
(their own style, no asset, no script), so a review that falls due is said on the day of the
build that sees it (and by ``make check`` and ``sapat reviews`` on theirs). Every text from a
file is escaped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from html import escape

from ...i18n.labels import label
from ...model.editions import DRAFT, EDITIONS_LIST, LATEST
from ...model.frameworks import CRITERIA
from ...model.links import LinkForm, Location, href
from ...model.processes import Text
from ...model.project import Project
from ...model.registers import RECORDS_CLAUSE, REGISTERS, Dates, ExternalDocument, Record
from ...model.reviews import WINDOW, Due, Review, due, reviews
from ..generated.audits import PROGRAMME
from ..generated.registers import REGISTER
from .area import NOTHING, CurrentPage, clause_links, html_link, html_table
from .sheets import edition_sheets_of

RECORDS, EXTERNAL, ACKNOWLEDGEMENTS = "records", "external-documents", "acknowledgements"


def registers(project: Project, language: str) -> Iterator[CurrentPage]:
    """``<language>/registers/`` and a page per register kept (its file exists)."""
    title = label("registers.title", language)
    up = (REGISTERS, title)
    yield CurrentPage(REGISTERS, title, _index(project, language))
    if project.registers.records_dates is not None:
        yield CurrentPage(f"{REGISTERS}/{RECORDS}", label("registers.records", language),
                          _records(project, language), up=up)
    if project.registers.documents_dates is not None:
        yield CurrentPage(f"{REGISTERS}/{EXTERNAL}", label("registers.external", language),
                          _external(project, language), up=up)
    if project.registers.units:
        yield CurrentPage(f"{REGISTERS}/{ACKNOWLEDGEMENTS}", label("registers.acknowledgements", language),
                          _acknowledgements(project, language), up=up)


# --------------------------------------------------------------------------- shared parts

def _here(page: str, language: str) -> Location:
    return Location(language, f"{REGISTERS}/{page}index.md" if page else f"{REGISTERS}/index.md")


def _text(text: Text | None, language: str) -> str:
    return escape(text.get(language)) if text else f"<i>{escape(label('record.not_set', language))}</i>"


def _dates(dates: Dates, today: dt.date, language: str) -> str:
    """As of when the register is true, and when it is reviewed next, with what is due."""
    next_review = (dates.next_review.isoformat() + _due(due(dates.next_review, today), language)
                   if dates.next_review else _text(None, language))
    return (f"<p><b>{escape(label('registers.as_of', language))}:</b> {dates.as_of.isoformat()} · "
            f"<b>{escape(label('registers.next_review', language))}:</b> {next_review} · "
            f"<b>{escape(label('registers.file', language))}:</b> <code>{escape(dates.display)}</code></p>")


def _state(state: Due, language: str, inferred: bool = False) -> str:
    """Overdue (if the inference holds, when the date is the editors'), or due soon."""
    if state is Due.OVERDUE:
        return label("review_overdue_if_inferred" if inferred else "review_overdue", language)
    return label("review_soon", language, days=WINDOW)


def _due(state: Due | None, language: str) -> str:
    """What is said after a review's day on the day of the build: overdue, or due soon."""
    return f" <strong>({escape(_state(state, language))})</strong>" if state else ""


def _process_link(project: Project, process: str | None, here: Location) -> str:
    model = project.process_model
    draft = Location(here.language, "", version=DRAFT)
    if process is None or process not in model.processes or (location := project.locate(f"process:{process}",
                                                                                         draft)) is None:
        return NOTHING
    return html_link(href(location, here, LinkForm.URL), model.processes[process].name.get(here.language))


# --------------------------------------------------------------------------- the index

def _index(project: Project, language: str) -> str:
    registers = project.registers
    in_force = LATEST if project.editions else DRAFT
    items = [html_link(f"../{in_force}/{REGISTER.removesuffix('.md')}/", label("registers.documents", language))]
    for page, key, dates in ((RECORDS, "registers.records", registers.records_dates),
                             (EXTERNAL, "registers.external", registers.documents_dates),
                             (ACKNOWLEDGEMENTS, "registers.acknowledgements", registers.returns_dates)):
        if dates is not None:
            items.append(html_link(f"{page}/", label(key, language)) + " — " +
                         escape(label("registers.as_of", language)) + f" {dates.as_of.isoformat()}")
    if project.audits is not None:
        items.append(html_link(f"../{PROGRAMME}/", label("audit.programme", language)))
    found = reviews(project, project.today)
    due_table = review_table(found, language) if found else f"<p>{escape(label('registers.no_reviews', language))}</p>"
    return (f"<h1>{escape(label('registers.title', language))}</h1>"
            f"<p>{escape(label('registers.intro', language))}</p>"
            f"<ul>{''.join(f'<li>{item}</li>' for item in items)}</ul>"
            f"<h2>{escape(label('registers.reviews', language, days=WINDOW))}</h2>"
            f"<p>{escape(label('registers.reviews_intro', language, date=project.today.isoformat()))}</p>{due_table}"
            f'<p>{html_link(f"../{EDITIONS_LIST}/", label("criteria.editions", language))} · '
            f'{html_link(f"../{CRITERIA}/", label("criteria.title", language))}</p>')


def review_table(found: Iterable[Review], language: str, later: str = "") -> str:
    """Reviews as a table: the register, what, the day (marked when inferred), overdue or due
    soon (``later`` when neither, on the day of the build), and where the day is written."""
    rows = [[escape(label(f"reviews.register.{review.register.value}", language)), escape(review.subject),
             review.date.isoformat() + (f" ({escape(label('inferred', language))})" if review.inferred else ""),
             escape(_state(review.due, language, review.inferred)) if review.due else escape(later),
             f"<code>{escape(review.display)}{f':{review.line}' if review.line else ''}</code>"]
            for review in found]
    headers = [label(key, language) for key in ("registers.col.register", "registers.col.subject",
                                                "registers.col.date", "registers.col.state", "registers.col.where")]
    return html_table(headers, rows)


# --------------------------------------------------------------------------- records

def _records(project: Project, language: str) -> str:
    registers = project.registers
    here = _here(f"{RECORDS}/", language)
    required = [record for record in registers.records if record.clauses]
    named_only = [record for record in registers.records if record.framework_only]
    headers = [label(f"records.col.{key}", language)
               for key in ("record", "clauses", "process", "owner", "form", "place", "retention", "disposal")]
    rows = [[_record_name(record, language), clause_links(project, record.clauses, here),
             _process_link(project, record.process, here),
             escape(project.roles.name(record.owner, language)) if record.owner else _text(None, language),
             _text(record.form, language), _text(record.place, language), _text(record.retention, language),
             _text(record.disposal, language)] for record in required]
    index = project.languages[language].index
    by_clause = [[clause_links(project, [clause.id], here),
                  "<br>".join(html_link(f"#{record.id}", record.name.get(language))
                              for record in registers.records_of_clause(clause.id))
                  or f"<strong>{escape(label('records.none_for_clause', language))}</strong>"]
                 for clause in index.referring_clauses(RECORDS_CLAUSE)]
    framework_rows = [[_record_name(record, language), _named_by(project, record, language)] for record in named_only]
    return (f"<h1>{escape(label('registers.records', language))}</h1>"
            f"<p>{escape(label('records.intro', language))}</p>"
            f"{_dates(registers.records_dates, project.today, language) if registers.records_dates else ''}"
            f"<p>{escape(label('registers.not_set_note', language))}</p>"
            f"<h2>{escape(label('records.by_clause', language))}</h2>"
            f"{html_table([label('records.col.clause', language), label('records.col.records', language)], by_clause)}"
            f"<h2>{escape(label('records.required', language))}</h2>{html_table(headers, rows)}"
            f"<h2>{escape(label('records.framework_only', language))}</h2>"
            f"<p>{escape(label('records.framework_only_intro', language))}</p>"
            f"{html_table([label(f'records.col.{key}', language) for key in ('record', 'named_by')], framework_rows)}")


def _record_name(record: Record, language: str) -> str:
    return f'<span id="{escape(record.id)}">{escape(record.name.get(language))}</span>'


def _named_by(project: Project, record: Record, language: str) -> str:
    """The frameworks whose rows name ``record`` as evidence, each linked to its criteria page."""
    names = [html_link(f"../../{CRITERIA}/{framework.id}/", framework.name.get(language))
             for framework in project.criteria() if any(record.id in row.evidence for row in framework.rows)]
    return "<br>".join(names) or NOTHING


# --------------------------------------------------------------------------- external documents

def _external(project: Project, language: str) -> str:
    """A summary table of every document, then each document's record in full."""
    registers = project.registers
    cited: dict[str, list[str]] = {}
    for citation in project.citations():
        if citation.document is not None and citation.display not in cited.setdefault(citation.document, []):
            cited[citation.document].append(citation.display)
    headers = [label(f"external.col.{key}", language) for key in ("document", "status", "checked", "next_check")]
    rows = [[html_link(f"#{document.id}", document.name.get(language)), _status(project, document, language),
             document.checked.isoformat(), _next_check(project, document, language)]
            for document in registers.documents]
    sections = "".join(_document(project, document, cited.get(document.id, []), language)
                       for document in registers.documents)
    return (f"<h1>{escape(label('registers.external', language))}</h1>"
            f"<p>{escape(label('external.intro', language))}</p>"
            f"{_dates(registers.documents_dates, project.today, language) if registers.documents_dates else ''}"
            f"<p>{escape(label('external.how', language))}</p>"
            f"<p>{escape(label('registers.not_set_note', language))}</p>{html_table(headers, rows)}{sections}")


def _status(project: Project, document: ExternalDocument, language: str) -> str:
    status = escape(label(f"external.status.{document.status.value}", language))
    successor = project.registers.document(document.replaced_by) if document.replaced_by else None
    return status + (f": {html_link(f'#{successor.id}', successor.name.get(language))}" if successor else "")


def _next_check(project: Project, document: ExternalDocument, language: str) -> str:
    if document.next_check is None:
        return _text(None, language)
    return document.next_check.isoformat() + _due(due(document.next_check, project.today), language)


def _document(project: Project, document: ExternalDocument, cited: list[str], language: str) -> str:
    """One document's record: a heading and a table of what the register says of it."""
    fields = [("edition", escape(document.edition.get(language))), ("status", _status(project, document, language)),
              ("source", escape(document.source.get(language))), ("kept", _text(document.kept, language)),
              ("checked", document.checked.isoformat()), ("next_check", _next_check(project, document, language)),
              ("cited", "<br>".join(f"<code>{escape(place)}</code>" for place in cited)
               or escape(label("external.not_cited", language)))]
    rows = [[f"<b>{escape(label(f'external.col.{key}', language))}</b>", value] for key, value in fields]
    return (f'<h2 id="{escape(document.id)}">{escape(document.name.get(language))}</h2>'
            f"{html_table([label('record.field', language), label('record.value', language)], rows)}")


# --------------------------------------------------------------------------- acknowledgement sheets

def _acknowledgements(project: Project, language: str) -> str:
    registers = project.registers
    here = _here(f"{ACKNOWLEDGEMENTS}/", language)
    sections = []
    for edition in reversed(project.editions):
        sheets = edition_sheets_of(project, edition, language)
        headers = [label(f"ack.col.{key}", language)
                   for key in ("unit", "sheet", "issued", "due", "returned", "signed", "kept", "state")]
        rows = []
        for unit in registers.units:
            entry = registers.returned(unit.id, edition.version)
            sheet = (html_link(href(Location(language, sheets.path(unit.id)), here, LinkForm.URL),
                               label("ack.sheet_link", language)) if unit.id in sheets.units else NOTHING)
            state = "not_issued" if entry is None else "returned" if entry.returned else "issued"
            rows.append([escape(unit.name.get(language)), sheet,
                         entry.issued.isoformat() if entry else NOTHING,
                         entry.due.isoformat() if entry and entry.due else NOTHING,
                         entry.returned.isoformat() if entry and entry.returned else NOTHING,
                         str(entry.signed) if entry and entry.signed is not None else NOTHING,
                         _text(entry.kept, language) if entry and entry.returned else NOTHING,
                         escape(label(f"ack.state.{state}", language)) if state == "returned"
                         else f"<strong>{escape(label(f'ack.state.{state}', language))}</strong>"])
        where = "ack.frozen" if sheets.frozen else "ack.current"
        sections.append(f"<h2>{escape(edition.title(language))}</h2>"
                        f"<p>{escape(label(where, language, date=project.today.isoformat()))}</p>"
                        f"{html_table(headers, rows)}")
    dates = registers.returns_dates
    return (f"<h1>{escape(label('registers.acknowledgements', language))}</h1>"
            f"<p>{escape(label('ack.intro', language))}</p>"
            f"{_dates(dates, project.today, language) if dates else ''}"
            + ("".join(sections) or f"<p>{escape(label('ack.none', language))}</p>"))


__all__ = ["ACKNOWLEDGEMENTS", "EXTERNAL", "RECORDS", "REGISTERS", "registers", "review_table"]
