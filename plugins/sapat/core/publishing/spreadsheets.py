"""The frameworks' rows as spreadsheets a reviewer downloads: one CSV per framework and one XLSX
with a sheet per framework, in the reader's language.

Both are reproducible byte for byte from the same rows: rows in the framework's order, no time of
making (the XLSX's creation date is the latest "as of" of its frameworks, and XlsxWriter dates
every part of the archive 1980-01-01), no user or host name.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping, Sequence

from ..i18n.labels import label
from ..model.frameworks import Framework, Row
from ..model.processes import ProcessModel, Text

COLUMNS = ("criteria.requirement", "criteria.status", "criteria.clauses", "criteria.processes",
           "criteria.evidence", "criteria.gap", "criteria.note")
#: Each column's width in the XLSX, in characters.
WIDTHS = (40, 14, 16, 28, 40, 60, 40)


def header(language: str) -> list[str]:
    return [label(key, language) for key in COLUMNS]


def row_cells(row: Row, model: ProcessModel, records: Mapping[str, Text], language: str) -> list[str]:
    """A requirement as plain text cells: its number and words, status, the manual's clauses, the
    processes by name, the records named in words, what is missing, the note."""
    processes = [model.processes[pid].name.get(language) for pid in row.processes if pid in model.processes]
    evidence = [records[record].get(language) for record in row.evidence if record in records]
    return [f"{row.id} {row.title.get(language)}", label(f"criteria.status.{row.status.value}", language),
            ", ".join(row.clauses), "; ".join(processes), "; ".join(evidence),
            row.gap.get(language) if row.gap else "", row.note.get(language) if row.note else ""]


def framework_csv(framework: Framework, model: ProcessModel, records: Mapping[str, Text], language: str) -> bytes:
    """One framework as CSV (UTF-8 with a byte order mark, so that a spreadsheet program reads
    Cyrillic as such; lines end in CRLF, as RFC 4180 has them)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header(language))
    writer.writerows(row_cells(row, model, records, language) for row in framework.rows)
    return out.getvalue().encode("utf-8-sig")


def frameworks_xlsx(frameworks: Sequence[Framework], model: ProcessModel, records: Mapping[str, Text],
                    language: str) -> bytes:
    """Every framework as a sheet of one workbook, named by the framework's id, with a header row
    that stays in view."""
    import xlsxwriter  # type: ignore[import-untyped]  # loaded only to write one: 0.03 s of every command's start

    out = io.BytesIO()
    workbook = xlsxwriter.Workbook(out, {"in_memory": True})
    latest = max((framework.as_of for framework in frameworks), default=dt.date(1980, 1, 1))
    workbook.set_properties({"title": label("criteria.title", language),
                             "created": dt.datetime.combine(latest, dt.time())})
    bold = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    wrapped = workbook.add_format({"text_wrap": True, "valign": "top"})
    for framework in frameworks:
        sheet = workbook.add_worksheet(framework.id)
        sheet.write_row(0, 0, header(language), bold)
        sheet.freeze_panes(1, 0)
        for column, width in enumerate(WIDTHS):
            sheet.set_column(column, column, width, wrapped)
        for number, row in enumerate(framework.rows, 1):
            for column, cell in enumerate(row_cells(row, model, records, language)):
                sheet.write_string(number, column, cell)
    workbook.close()
    return out.getvalue()
