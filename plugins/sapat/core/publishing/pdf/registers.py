"""The registers in the PDF: after the manual's pages, the records register and the register of
documents of external origin as they stand on the day the PDF is made, marked as no part of the
approved text; the records each clause requires, under its heading, link to them inside the
document. A release's PDF thus keeps them as of the day of the decision (docs/registers.md);
the acknowledgement sheets are files of their own, not pages of the PDF.
"""

from __future__ import annotations

from html import escape

from ...i18n.labels import label
from ...model.links import LinkTarget
from ...model.processes import Text
from ...model.project import Project

#: The id of the registers' section in the document.
ANCHOR = "registers"


def record_anchor(record: str) -> str:
    """The id of a record's row in the document."""
    return f"record-{record}"


def record_targets(project: Project, clause: str, language: str) -> list[LinkTarget]:
    """Links inside the document to the records ``clause`` requires (none without the section)."""
    if project.registers.records_dates is None:
        return []
    return [LinkTarget(f"#{record_anchor(record.id)}", record.name.get(language), record.name.get(language))
            for record in project.registers.records_of_clause(clause)]


def _text(text: Text | None, language: str) -> str:
    return escape(text.get(language)) if text else f"<i>{escape(label('record.not_set', language))}</i>"


def _table(headers: list[str], rows: list[list[str]], kind: str) -> str:
    head = "".join(f'<th scope="col">{escape(header)}</th>' for header in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f'<table class="{kind}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def registers_section(project: Project, language: str, day: str) -> str:
    """The section of the registers kept, as of ``day``; empty when none is kept."""
    registers = project.registers
    parts = []
    if registers.records_dates is not None:
        model = project.process_model
        rows = [[f'<span id="{escape(record_anchor(record.id))}">{escape(record.name.get(language))}</span>',
                 ", ".join(f'<a href="#{escape(clause)}">{escape(clause)}</a>' for clause in record.clauses),
                 escape(model.processes[record.process].name.get(language))
                 if record.process in model.processes else "—",
                 escape(project.roles.name(record.owner, language)) if record.owner else _text(None, language),
                 _text(record.form, language), _text(record.place, language), _text(record.retention, language),
                 _text(record.disposal, language)]
                for record in registers.records if record.clauses]
        headers = [label(f"records.col.{key}", language)
                   for key in ("record", "clauses", "process", "owner", "form", "place", "retention", "disposal")]
        named = "; ".join(f'<span id="{escape(record_anchor(record.id))}">{escape(record.name.get(language))}</span>'
                          for record in registers.records if record.framework_only)
        parts.append(f"<h2>{escape(label('registers.records', language))}</h2>"
                     f"<p>{escape(label('registers.as_of', language))} {registers.records_dates.as_of.isoformat()}</p>"
                     f"{_table(headers, rows, 'records')}"
                     f"<h3>{escape(label('records.framework_only', language))}</h3><p>{named}</p>")
    if registers.documents_dates is not None:
        rows = [[escape(document.name.get(language)), escape(document.edition.get(language)),
                 escape(label(f"external.status.{document.status.value}", language)),
                 document.checked.isoformat(), _text(document.kept, language)] for document in registers.documents]
        headers = [label(f"external.col.{key}", language)
                   for key in ("document", "edition", "status", "checked", "kept")]
        as_of = registers.documents_dates.as_of.isoformat()
        parts.append(f"<h2>{escape(label('registers.external', language))}</h2>"
                     f"<p>{escape(label('registers.as_of', language))} {as_of}</p>"
                     f"{_table(headers, rows, 'external')}")
    if not parts:
        return ""
    return (f'<section class="registers" id="{ANCHOR}"><h1>{escape(label("pdf.registers", language, date=day))}</h1>'
            f"<p>{escape(label('pdf.registers_note', language))}</p>{''.join(parts)}</section>")
