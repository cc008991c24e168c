"""Typesetting the print document with WeasyPrint: a PDF/A-3b file with the edition's evidence.

Nothing is fetched while typesetting: the document is self-contained (inline SVG, system
fonts), and the URL fetcher refuses every URL, so an editor's ``![](http://...)`` cannot make
the build send a request. The same project and edition give the same bytes: every date in the
file is the edition's release or last mend, recorded in editions.yml (the draft's is the day of
the build), and WeasyPrint derives the file identifier from the content. The file is tagged (its
structure for screen readers).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ...i18n.messages import Message
from ...model.editions import Edition
from ...model.project import Project
from ...runtime.background import Beside
from ...runtime.cache import kept
from .document import print_document, remade_day, typeset_day

#: The archival variant: PDF/A-3 allows embedded files of any kind (the evidence), level B.
PDF_VARIANT = "pdf/a-3b"


def write_pdf(project: Project, edition: Edition, language: str, target: Path,
              evidence: Sequence[Path] = ()) -> None:
    """Typeset ``edition`` in ``language`` into ``target``, with ``evidence`` attached (a scan of
    the minutes extract, the rector's order), each as a file of the PDF."""
    from weasyprint import HTML, Attachment  # loaded only when a PDF is made: it takes a while
    from weasyprint.urls import URLFetcher

    created, modified = (dt.datetime.fromisoformat(day(project, edition)) for day in (typeset_day, remade_day))
    attachments = [Attachment(string=path.read_bytes(), name=path.name, created=created, modified=modified,
                              relationship="Supplement") for path in evidence]
    no_requests = URLFetcher(allowed_protocols=())
    html = print_document(project, edition, language, [attachment.name for attachment in attachments])
    document = HTML(string=html, url_fetcher=no_requests)
    target.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(target, pdf_variant=PDF_VARIANT, pdf_tags=True, attachments=attachments)


@dataclass(frozen=True)
class PdfJob:
    """One PDF to make: an edition in one language, into ``target``, with its evidence."""

    edition: Edition
    language: str
    target: Path
    evidence: tuple[Path, ...] = ()


def write_pdfs(project: Project, jobs: Sequence[PdfJob]) -> None:
    """:func:`write_pdf` for each job beside this process (:mod:`...runtime.background`), as many
    at once as there are cores: WeasyPrint uses one core, so on two both languages take the time
    of one. Each child is forked with ``project`` loaded: nothing is sent to it, and what comes
    back is only whether it succeeded. A failure is raised here, as is (a failed child's work
    is done here again, after a logged message, and raises its own error)."""
    with Beside(limit=os.cpu_count() or 1) as beside:
        started = [beside.start(partial(write_pdf, project, job.edition, job.language, job.target, job.evidence),
                                Message("runtime.work.pdf", language=Message(f"language.{job.language}")))
                   for job in jobs]
        for typeset in started:
            typeset.result()


def typeset_documents(documents: Sequence[str]) -> list[bytes]:
    """Each standalone HTML document (an acknowledgement sheet, a checklist) typeset as PDF; the
    same documents give the same bytes, so what was typeset before is kept
    (:mod:`sapat.core.runtime.cache`): the current area makes the sheets of an edition released
    before sheets were made at every build."""
    return kept(_typeset, tuple(documents))


def _typeset(documents: tuple[str, ...]) -> list[bytes]:
    """The documents typeset by WeasyPrint as tagged PDF/A, fetching nothing."""
    from weasyprint import HTML  # loaded only when a PDF is made: it takes a while
    from weasyprint.urls import URLFetcher

    no_requests = URLFetcher(allowed_protocols=())
    return [HTML(string=document, url_fetcher=no_requests).write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
            for document in documents]
