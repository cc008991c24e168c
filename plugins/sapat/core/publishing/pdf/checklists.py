"""Audit checklists as PDF: the checklist page of a process (:mod:`..generated.audits`) typeset
for paper, one file per process and language, made by ``sapat pdf`` (``make pdf``) and never by
``make site``: seventeen processes in two languages would cost WeasyPrint far more than the
rest of the build (docs/audits.md), and the page prints as it is.

The Markdown is the page's own, so the PDF says what the page says: a ``[[reference]]`` is its
clause number in print, a link is its text (the paper is read on its own). Text from the sources
is sanitised like a page of the site.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape
from importlib.resources import files
from pathlib import Path

from markdown import Markdown

from ....markdown import ChecklistTablesExtension
from ...i18n.labels import label
from ...model.audits import AUDITS_FOLDER
from ...model.clauses import REFERENCE
from ...model.project import Project
from ..generated.audits import COLUMNS, QUESTIONS_CLASS, checklist_markdown
from ..sanitise import sanitise
from .render import typeset_documents
from .style import css_content, css_string

_LINK = r"<a\b[^>]*>(.*?)</a>"


def checklist_html(project: Project, process_id: str, language: str, made: str) -> str:
    """The checklist of ``process_id`` in ``language`` as one HTML document for print; ``made``
    says when and from what it was made (its footer)."""
    markdown = REFERENCE.sub(lambda match: match.group("target"), checklist_markdown(project, process_id, language))
    converter = Markdown(extensions=["md_in_html", "tables", ChecklistTablesExtension(QUESTIONS_CLASS, COLUMNS)])
    body = re.sub(_LINK, r"\1", sanitise(converter.convert(markdown)), flags=re.DOTALL)
    process = project.process_model.process(process_id).name.get(language)
    style = files(__package__).joinpath("checklist.css").read_text(encoding="utf-8") + (
        f"@page {{ @top-right {{ content: {css_string(process)}; }}"
        f" @bottom-left {{ content: {css_string(made)}; }}"
        f" @bottom-right {{ content: {css_content(label('pdf.page_of', language), page='page', pages='pages')}; }} }}")
    title = f"{label('audit.checklist', language)}: {process}"
    meta = {"author": label("pdf.university", language), "generator": "sapat", "description": title,
            "dcterms.created": project.today.isoformat(), "dcterms.modified": project.today.isoformat()}
    head = "".join(f'<meta name="{key}" content="{escape(value)}">' for key, value in meta.items())
    return (f'<!doctype html><html lang="{language}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"{head}<style>{style}</style></head><body>"
            f'<p class="university">{escape(label("pdf.university", language))}</p>{body}</body></html>\n')


def write_checklists(project: Project, languages: Iterable[str], out: Path) -> list[Path]:
    """The draft's checklist of every process in ``languages``, written to
    ``out/<language>/audits/<process>.pdf``; the paths written."""
    written = []
    for language in languages:
        made = label("audit.made_draft", language, date=project.today.isoformat())
        ids = list(project.process_model.processes)
        for pid, pdf in zip(ids, typeset_documents([checklist_html(project, pid, language, made) for pid in ids]),
                            strict=True):
            path = out / language / AUDITS_FOLDER / f"{pid}.pdf"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(pdf)
            written.append(path)
    return written
