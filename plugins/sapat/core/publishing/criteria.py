"""What a reviewer audits against, published where a reviewer of the edition in force finds it
now: ``<language>/criteria/`` beside the editions, outside every one of them, written again by
every ``make site`` like the list of editions (docs/frameworks.md says why, and what an edition
keeps of it).

One page per framework (its requirements, how far the manual addresses each, the manual's clauses
and processes as links, the records that would show it, what is missing), a summary page with
the counts per framework, and the spreadsheets. Every page says as of when: the date recorded in
the framework's file. The pages are standalone (their own style, no asset, no script); every text
from a file is escaped.
"""

from __future__ import annotations

from html import escape

from ..i18n.labels import label
from ..model.editions import DRAFT
from ..model.frameworks import Framework, Row, Status
from ..model.links import LinkForm, Location, href
from ..model.project import Project
from .generated.editions import CRITERIA, EDITIONS_LIST
from .not_found import standalone_page
from .screens import scrollable_tables
from .spreadsheets import framework_csv, frameworks_xlsx

__all__ = ["CRITERIA", "SPREADSHEET", "criteria_files"]

SPREADSHEET = "criteria.xlsx"
NOTHING = "—"


def criteria_files(project: Project, language: str, site_title: str) -> dict[str, bytes]:
    """Every file of ``<language>/criteria/`` by its path there: the summary, a page and a CSV
    per framework, and the workbook."""
    frameworks = project.criteria()
    records = project.frameworks.records
    model = project.process_model
    files = {"index.html": _page(language, site_title, label("criteria.title", language), "../",
                                 _summary(frameworks, language)).encode()}
    for framework in frameworks:
        files[f"{framework.id}/index.html"] = _page(language, site_title, framework.name.get(language), "../../",
                                                    _framework(project, framework, language)).encode()
        files[f"{framework.id}.csv"] = framework_csv(framework, model, records, language)
    files[SPREADSHEET] = frameworks_xlsx(frameworks, model, records, language)
    return files


def _page(language: str, site_title: str, title: str, root: str, main: str) -> str:
    """A standalone page whose header leads to the language's home; its wide tables scroll in a
    named region."""
    header = f'<a href="{root}">{escape(site_title)}</a>'
    page = standalone_page(language, f"{title} – {site_title}", header, main, wide=True)
    return scrollable_tables(page, label("scroll_table", language))


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
    table = _table(headers, rows) if frameworks else f"<p>{escape(label('criteria.none', language))}</p>"
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
            f"{_table(headers, rows)}"
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
    evidence = "<br>".join(escape(records[record].get(language)) for record in row.evidence if record in records)
    return [f"<strong>{escape(row.id)}</strong> {escape(row.title.get(language))}",
            escape(label(f"criteria.status.{row.status.value}", language)),
            ", ".join(clause_links) or NOTHING, ", ".join(process_links) or NOTHING, evidence or NOTHING,
            escape(row.gap.get(language)) if row.gap else NOTHING,
            escape(row.note.get(language)) if row.note else NOTHING]


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f'<th scope="col">{escape(header)}</th>' for header in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
