"""What a reviewer audits against, published where a reviewer of the edition in force finds it
now: ``<language>/criteria/`` in the current area beside the editions, outside every one of
them (docs/frameworks.md says why, and what an edition keeps of it).

One page per framework (its requirements, how far the manual addresses each, the manual's clauses
and processes as links, the records that would show it, linked to the records register, what is
missing), a summary page with the counts per framework, and the spreadsheets. Every page says as
of when: the date recorded in the framework's file. The pages are standalone (their own style, no
asset, no script); every text from a file is escaped.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

from ...i18n.labels import label
from ...model.editions import DRAFT, EDITIONS_LIST
from ...model.frameworks import CRITERIA, Framework, Row, Status
from ...model.links import LinkForm, Location, href
from ...model.project import Project
from ...model.registers import RECORDS_PAGE
from ..spreadsheets import framework_csv, frameworks_xlsx
from .area import CurrentFile, CurrentPage, html_table

__all__ = ["CRITERIA", "SPREADSHEET", "criteria", "spreadsheets"]

SPREADSHEET = "criteria.xlsx"
NOTHING = "—"


def criteria(project: Project, language: str) -> Iterator[CurrentPage | CurrentFile]:
    """``<language>/criteria/``: the summary, a page per framework, and the spreadsheets."""
    frameworks = project.criteria()
    title = label("criteria.title", language)
    yield CurrentPage(CRITERIA, title, _summary(frameworks, language))
    for framework in frameworks:
        yield CurrentPage(f"{CRITERIA}/{framework.id}", framework.name.get(language),
                          _framework(project, framework, language), up=(CRITERIA, title))
    yield from spreadsheets(project, language)


def spreadsheets(project: Project, language: str) -> Iterator[CurrentFile]:
    """A CSV per framework and the workbook with a sheet per framework, by their paths below
    the language's web root: what a release keeps in the edition (docs/frameworks.md)."""
    frameworks, records, model = project.criteria(), project.frameworks.records, project.process_model
    for framework in frameworks:
        yield CurrentFile(f"{CRITERIA}/{framework.id}.csv", framework_csv(framework, model, records, language))
    yield CurrentFile(f"{CRITERIA}/{SPREADSHEET}", frameworks_xlsx(frameworks, model, records, language))


def _counts(framework: Framework, language: str) -> str:
    counts = framework.counts()
    return label("criteria.counts", language, total=len(framework.rows),
                 **{status.value: counts[status] for status in Status})


def _summary(frameworks: list[Framework], language: str) -> str:
    statuses = [label(f"criteria.status.{status.value}", language) for status in Status]
    headers = [label("criteria.framework", language), label("criteria.as_of_column", language), *statuses,
               label("criteria.total", language), label("criteria.downloads", language)]
    rows = []
    for framework in frameworks:
        counts = framework.counts()
        name = escape(framework.name.get(language)) + (" *" if framework.provisional else "")
        rows.append([f'<a href="{framework.id}/">{name}</a>', framework.as_of.isoformat(),
                     *(str(counts[status]) for status in Status), str(len(framework.rows)),
                     f'<a href="{framework.id}.csv" download>{escape(label("criteria.csv", language))}</a>'])
    provisional = f"<p>* {escape(label('criteria.provisional', language))}</p>" \
        if any(framework.provisional for framework in frameworks) else ""
    table = html_table(headers, rows) if frameworks else f"<p>{escape(label('criteria.none', language))}</p>"
    return (f"<h1>{escape(label('criteria.title', language))}</h1>"
            f"<p>{escape(label('criteria.intro', language))}</p>{table}{provisional}"
            f'<p><a href="{SPREADSHEET}" download>{escape(label("criteria.spreadsheet", language))}</a></p>'
            f'<p><a href="../{EDITIONS_LIST}/">{escape(label("criteria.editions", language))}</a></p>')


def _framework(project: Project, framework: Framework, language: str) -> str:
    here = Location(language, f"{CRITERIA}/{framework.id}/index.md")
    headers = [label(key, language) for key in ("criteria.requirement", "criteria.status", "criteria.clauses",
                                                "criteria.processes", "criteria.evidence", "criteria.gap",
                                                "criteria.note")]
    rows = [_row(project, row, here) for row in framework.rows]
    provisional = f"<p><strong>{escape(label('criteria.provisional', language))}</strong></p>" \
        if framework.provisional else ""
    return (f"<h1>{escape(framework.name.get(language))}</h1>"
            f"<p><strong>{escape(label('criteria.as_of', language, date=framework.as_of.isoformat()))}</strong></p>"
            f"{provisional}"
            f"<p><strong>{escape(label('criteria.edition', language))}:</strong> "
            f"{escape(framework.edition.get(language))}</p>"
            f"<p><strong>{escape(label('criteria.source', language))}:</strong> "
            f"{escape(framework.source.get(language))}</p>"
            f"<p>{escape(_counts(framework, language))}</p>"
            f"<p>{escape(label('criteria.links', language))}</p>"
            f"{html_table(headers, rows)}"
            f'<p><a href="../{framework.id}.csv" download>{escape(label("criteria.csv", language))}</a> · '
            f'<a href="../{SPREADSHEET}" download>{escape(label("criteria.spreadsheet", language))}</a> · '
            f'<a href="../">{escape(label("criteria.all", language))}</a></p>')


def _row(project: Project, row: Row, here: Location) -> list[str]:
    language = here.language
    draft = Location(language, "", version=DRAFT)
    clauses = project.languages[language].index.clauses
    clause_links = [f'<a href="{escape(href(location, here, LinkForm.URL))}">{escape(clauses[ident].label)}</a>'
                    for ident in row.clauses if ident in clauses
                    and (location := project.locate(f"clause:{ident}", draft)) is not None]
    model = project.process_model
    process_links = [f'<a href="{escape(href(location, here, LinkForm.URL))}">'
                     f'{escape(model.processes[pid].name.get(language))}</a>'
                     for pid in row.processes
                     if (location := project.locate(f"process:{pid}", draft)) is not None]
    records = project.frameworks.records
    register = {record: href(Location(language, RECORDS_PAGE, anchor=record), here, LinkForm.URL)
                for record in row.evidence if record in records}
    evidence = "<br>".join(f'<a href="{escape(url)}">{escape(records[record].get(language))}</a>'
                           for record, url in register.items())
    return [f"<strong>{escape(row.id)}</strong> {escape(row.title.get(language))}",
            escape(label(f"criteria.status.{row.status.value}", language)),
            ", ".join(clause_links) or NOTHING, ", ".join(process_links) or NOTHING, evidence or NOTHING,
            escape(row.gap.get(language)) if row.gap else NOTHING,
            escape(row.note.get(language)) if row.note else NOTHING]
