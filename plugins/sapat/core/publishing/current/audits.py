"""The programme of internal audits in the current area, ``<language>/audit-programme/``.

The programme is the quality department's document with dates of its own (docs/audits.md), so
it is published beside the editions, true as of the day it is built: each year a calendar
(every process a row, every month a column, each audit planned, done or overdue as of that day)
and the list of its audits with their lead auditors and reports. Every process links to its
checklist in the draft. With no audit entered the page says so; nothing is invented.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

from ...diagrams.interaction import flow_order
from ...i18n.labels import label
from ...model.audits import AuditProgramme, PlannedAudit, checklist_page
from ...model.editions import DRAFT
from ...model.links import LinkForm, Location, href
from ...model.project import Project
from ..generated.audits import PROGRAMME
from .area import CurrentPage, html_link, html_table

MONTHS = range(1, 13)


def audit_programme(project: Project, language: str) -> Iterator[CurrentPage]:
    """The programme's page, when its file exists and reads."""
    if project.audits is not None:
        yield CurrentPage(PROGRAMME, label("audit.programme", language), _page(project, project.audits, language))


def _page(project: Project, programme: AuditProgramme, language: str) -> str:
    title = escape(label("audit.programme", language))
    parts = [f"<h1>{title}</h1>", f"<p>{escape(label('programme.intro', language))}</p>"]
    if not programme.audits:
        return "".join(parts + [f"<p><strong>{escape(label('programme.empty', language))}</strong></p>"])
    parts.append(f"<p>{escape(label('programme.cycle', language, years=programme.cycle_years))}</p>")
    for year in programme.years():
        audits = [audit for audit in programme.audits if audit.year == year]
        parts += [f"<h2>{escape(label('programme.year', language, year=year))}</h2>",
                  _calendar(project, year, audits, language), _listing(project, year, audits, language)]
    return "".join(parts)


def _process_link(project: Project, process_id: str, language: str, page: str = f"{PROGRAMME}/index.md") -> str:
    """A process's name linked to its checklist in the draft from ``page`` of the current area
    (its id when it does not exist)."""
    process = project.process_model.processes.get(process_id)
    if process is None:
        return escape(process_id)
    here = Location(language, page)
    return html_link(href(Location(language, checklist_page(process_id), version=DRAFT), here, LinkForm.URL),
                     process.name.get(language))


def _state(audit: PlannedAudit, project: Project, language: str) -> str:
    state = audit.state(project.today)
    text = escape(label(f"programme.state.{state}", language))
    return f"<strong>{text}</strong>" if state == "overdue" else text


def _calendar(project: Project, year: int, audits: list[PlannedAudit], language: str) -> str:
    """The year as a grid: a row per process (in the order of the interaction map), a column per
    month, each cell the state of the audits planned then; both headers scoped."""
    months = label("programme.months", language).split("|")
    known = flow_order(project.process_model)
    rows = known + sorted({audit.process for audit in audits} - set(known))
    head = (f'<th scope="col">{escape(label("programme.col.process", language))}</th>'
            + "".join(f'<th scope="col">{escape(months[month - 1])}</th>' for month in MONTHS))
    body = "".join(
        f'<tr><th scope="row">{_process_link(project, pid, language)}</th>'
        + "".join("<td>" + "<br>".join(_state(audit, project, language) for audit in audits
                                       if audit.process == pid and audit.month == month) + "</td>"
                  for month in MONTHS) + "</tr>"
        for pid in rows)
    caption = escape(label("programme.grid", language, year=year))
    return (f'<table class="sapat-calendar"><caption>{caption}</caption><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>")


def _listing(project: Project, year: int, audits: list[PlannedAudit], language: str) -> str:
    """The year's audits in the order of their months, with what the calendar has no room for."""
    return f"<h3>{escape(label('programme.list', language, year=year))}</h3>{audit_table(project, audits, language)}"


def audit_table(project: Project, audits: list[PlannedAudit], language: str,
                page: str = f"{PROGRAMME}/index.md") -> str:
    """Audits in the order of their days, each with its auditor, its state as of the build, the
    day it was done and its report, as a table on ``page`` of the current area."""
    months = label("programme.months", language).split("|")
    rows = [[escape(f"{months[audit.month - 1]} {audit.year}"), _process_link(project, audit.process, language, page),
             escape(project.roles.name(audit.auditor, language)), _state(audit, project, language),
             audit.done.isoformat() if audit.done else "—", escape(audit.report) if audit.report else "—"]
            for audit in sorted(audits, key=lambda audit: (audit.year, audit.month))]
    headers = [label(f"programme.col.{key}", language) for key in ("month", "process", "auditor", "state",
                                                                     "done", "report")]
    return html_table(headers, rows)
