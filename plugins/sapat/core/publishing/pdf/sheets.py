"""Acknowledgement sheets ("лист ознакомления"): for every edition, one sheet per unit and
language, listing the documents that edition changed (all of them for the first), with blank
rows that the unit's staff sign on paper (№, full name, position, date, signature).

Nothing personal is printed or kept: the rows are blank. A sheet is typeset by WeasyPrint like
the manual (PDF/A-3b, tagged, nothing fetched), dated by the day it records (an edition's
release, or the day it was made for an edition released before sheets were made), so the same
sheet is the same bytes. Made at release and frozen with the edition
(:func:`sapat.core.releasing.release.keep_acknowledgement_sheets`), in the current area for an
edition released before (:mod:`sapat.core.publishing.current.sheets`), and for the draft by
``sapat pdf``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from importlib.resources import files
from pathlib import Path

from ...i18n.labels import label
from ...model.editions import Edition, draft_edition
from ...model.project import Project
from ...model.registers import Unit
from .render import typeset_documents
from .style import css_content, css_string

#: The folder of the sheets in a language's web root of an edition (and of its record).
ACKNOWLEDGEMENT = "acknowledgement"
#: Blank rows to sign: a unit of thirty fills one sheet, more take the next one.
ROWS = 30


@dataclass(frozen=True)
class SheetDocument:
    """A document the edition changed, as its sheet lists it."""

    code: str
    title: str
    revision: int


def changed_documents(edition: Project, previous: Project | None, language: str) -> list[SheetDocument]:
    """The controlled documents of ``edition`` (its sources, loaded) that are new or whose text or
    revision differ from ``previous`` (the sources of the edition before it; None: the first
    edition, every document), by code (as the edition's record lists them), titled in ``language``."""
    found = []
    for name in edition.source.controlled():
        control, page = edition.control(name), edition.source.files[name]
        before = previous.source.files.get(name) if previous else None
        if control is None or (before is not None and before.fingerprint == page.fingerprint
                               and before.get("revision") == page.get("revision")):
            continue
        translated = edition.languages[language].files.get(name)
        found.append(SheetDocument(control.code, translated.title if translated else page.title, control.revision))
    return sorted(found, key=lambda document: document.code)


def sheet_html(project: Project, edition: Edition, unit: Unit, documents: Sequence[SheetDocument], first: bool,
               made: str, day: str, language: str) -> str:
    """The sheet of ``edition`` for ``unit`` in ``language``, as one HTML document; ``made`` says
    when and how it was made (its footer), ``day`` dates the file, ``first``: the edition is the
    first."""
    def paragraph(kind: str, text: str) -> str:
        return f'<p class="{kind}">{escape(text)}</p>'

    name = unit.name.get(language)
    responsible = (paragraph("responsible", f"{label('sheet.responsible', language)}: "
                                            f"{project.roles.name(unit.responsible, language)}")
                   if unit.responsible else "")
    headers = "".join(f'<th scope="col">{escape(label(key, language))}</th>'
                      for key in ("document", "record.document_title", "revision"))
    rows = "".join(f'<tr><td class="code">{escape(d.code)}</td><td>{escape(d.title)}</td><td>{d.revision}</td></tr>'
                   for d in documents)
    listed = (f'<table class="documents"><thead><tr>{headers}</tr></thead><tbody>{rows}</tbody></table>'
              if documents else paragraph("none", label("sheet.no_documents", language)))
    columns = "".join(f'<th scope="col" class="{key}">{escape(label(f"sheet.col.{key}", language))}</th>'
                      for key in ("number", "name", "position", "date", "signature"))
    blank = "".join(f'<tr><td class="number">{number}</td><td></td><td></td><td></td><td></td></tr>'
                    for number in range(1, ROWS + 1))
    meta = {"author": label("pdf.university", language), "generator": "sapat",
            "description": f"{label('sheet.title', language)} · {edition.title(language)} · {name}",
            "dcterms.created": day, "dcterms.modified": day}
    head = "".join(f'<meta name="{key}" content="{escape(value)}">' for key, value in meta.items())
    style = files(__package__).joinpath("sheet.css").read_text(encoding="utf-8") + (
        f"@page {{ @bottom-left {{ content: {css_string(made)}; }}"
        f" @bottom-right {{ content: {css_content(label('pdf.page_of', language), page='page', pages='pages')}; }} }}")
    title = f"{label('sheet.title', language)} — {name}"
    return (f'<!doctype html><html lang="{language}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"{head}<style>{style}</style></head><body>"
            f"{paragraph('university', label('pdf.university', language))}"
            f"<h1>{escape(label('sheet.title', language))}</h1>"
            f"{paragraph('edition', label('sheet.with', language, edition=edition.title(language)))}"
            f"{paragraph('decision', edition.decision(project.roles, language)) if edition.frozen else ''}"
            f'<p class="unit"><b>{escape(label("sheet.unit", language))}:</b> {escape(name)}</p>{responsible}'
            f"<h2>{escape(label('sheet.documents_first' if first else 'sheet.documents', language))}</h2>{listed}"
            f"{paragraph('statement', label('sheet.statement', language))}"
            f'<table class="signatures"><thead><tr>{columns}</tr></thead><tbody>{blank}</tbody></table>'
            f"{paragraph('head', label('sheet.head', language))}</body></html>\n")


def edition_sheets(project: Project, edition: Edition, sources: Project, previous: Project | None,
                   made: str, language: str, day: str) -> dict[str, bytes]:
    """The sheet of every unit of the registers of ``project`` for ``edition`` in ``language``,
    by unit id: ``sources`` is the edition's sources, ``previous`` the edition's before it;
    ``made`` and ``day`` as :func:`sheet_html` takes them."""
    documents = changed_documents(sources, previous, language)
    units = project.registers.units
    pdfs = typeset_documents([sheet_html(project, edition, unit, documents, previous is None, made, day, language)
                       for unit in units])
    return {unit.id: pdf for unit, pdf in zip(units, pdfs, strict=True)}


def write_sheets(project: Project, edition: Edition, previous: Project | None, made: str, day: str,
                 languages: Iterable[str], out: Path) -> list[Path]:
    """The sheets of ``edition`` (whose sources are ``project``) in ``languages``, written to
    ``out/<language>/acknowledgement/<unit>.pdf`` (an edition's layout); the paths written."""
    written = []
    for language in languages:
        for unit, pdf in edition_sheets(project, edition, project, previous, label(made, language, date=day),
                                        language, day).items():
            path = out / language / ACKNOWLEDGEMENT / f"{unit}.pdf"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(pdf)
            written.append(path)
    return written


def write_draft_sheets(project: Project, languages: Iterable[str], out: Path) -> list[Path]:
    """``sapat pdf``: the draft's sheets, listing what it changed since the edition in force."""
    return write_sheets(project, draft_edition(), project.base, "sheet.made_draft", project.today.isoformat(),
                        languages, out)
