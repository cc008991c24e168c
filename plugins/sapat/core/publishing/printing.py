"""What a printed sheet of a page carries: document code, edition, revision, date, "page N of M"
and the notice that a printout is not a controlled copy.

Chromium prints CSS page-margin boxes (``@page { @top-left { content: ... } }``), so each page
gets a small ``<style>`` with its own values. Those values come from editors' files, so they
enter the style sheet only as escaped CSS strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..i18n.labels import label
from ..model.control import DocumentControl
from ..model.project import Project

#: The page whose document control stands for the manual as a whole: generated pages (the
#: register, process pages...) have no control of their own and print the manual's.
MANUAL_PAGE = "index.md"

#: Characters that may stand in a CSS string as they are; everything else is escaped.
_SAFE_IN_CSS_STRING = re.compile(r"[^\w .,:;()/№«»–—-]", re.UNICODE)

#: A clause anchor in a link's fragment: "7.3.1" (appendices are pages of their own).
_CLAUSE_FRAGMENT = re.compile(r"#(?P<clause>\d+(?:\.\d+)*)$")
_LINK = re.compile(r"<a\b(?P<attributes>[^>]*)>(?P<content>.*?)</a>", re.DOTALL)
_HREF = re.compile(r'\shref="(?P<href>[^"]*)"')
_TAG = re.compile(r"<[^>]*>")
#: The numbers a link's text shows: "4.2.4" in "(4.2.4)" or "4.2.4." (not "4.2" in it).
_NUMBERS = re.compile(r"(?<![\d.])\d+(?:\.\d+)*")


@dataclass(frozen=True)
class SheetMarks:
    """The values in a printed sheet's margins, already in the reader's language."""

    document: str
    revision: str
    date: str
    edition: str
    page_word: str
    of_word: str
    uncontrolled: str


def css_string(text: str) -> str:
    """``text`` as a double-quoted CSS string that cannot end the string, the rule or the
    ``<style>`` element: every character outside a small safe set becomes a CSS escape."""
    return '"' + _SAFE_IN_CSS_STRING.sub(lambda m: f"\\{ord(m.group(0)):x} ", text) + '"'


def sheet_marks(project: Project, name: str, language: str, edition: str) -> SheetMarks:
    """The margin values of page ``name`` of the edition titled ``edition``."""
    control = project.control(name) or project.control(MANUAL_PAGE)
    return SheetMarks(
        document=control.code if control else "",
        revision=_revision(control, language) if control else "",
        date=(control.approval_date or "") if control else "",
        edition=edition,
        page_word=label("print.page", language),
        of_word=label("print.of", language),
        uncontrolled=label("print.uncontrolled", language),
    )


def _revision(control: DocumentControl, language: str) -> str:
    text = f"{label('revision', language)} {control.revision}"
    status = control.shown_status
    return text if status == "approved" else f"{text} ({label('status.' + status, language)})"


def print_style(marks: SheetMarks) -> str:
    """A ``<style>`` whose ``@page`` margin boxes print ``marks`` on every sheet."""
    top_left = " · ".join(part for part in (marks.document, marks.revision, marks.date) if part)
    return (
        '<style media="print">@page{'
        f"@top-left{{content:{css_string(top_left)}}}"
        f"@top-right{{content:{css_string(marks.edition)}}}"
        f"@bottom-left{{content:{css_string(marks.uncontrolled)}}}"
        f"@bottom-right{{content:{css_string(marks.page_word + ' ')} counter(page) "
        f"{css_string(' ' + marks.of_word + ' ')} counter(pages)}}"
        "}</style>"
    )


def page_print_style(project: Project, name: str, language: str, edition: str) -> str:
    """The print ``<style>`` of page ``name`` of the edition titled ``edition``."""
    return print_style(sheet_marks(project, name, language, edition))


def mark_clause_links(html: str) -> str:
    """Links to a clause whose text does not show its number get ``data-clause``, which the
    print style sheet writes after the link: on paper, a link must say where it leads."""
    def mark(link: re.Match) -> str:
        attributes = link.group("attributes")
        href = _HREF.search(attributes)
        fragment = _CLAUSE_FRAGMENT.search(href.group("href")) if href else None
        if fragment is None or "data-clause=" in attributes:
            return link.group(0)
        clause = fragment.group("clause")
        if clause in _NUMBERS.findall(_TAG.sub("", link.group("content"))):
            return link.group(0)
        return f'<a{attributes} data-clause="{clause}">{link.group("content")}</a>'
    return _LINK.sub(mark, html)
