"""HTML and Markdown that sapat generates: document-control blocks, notices and registers.

Everything here is a pure function of the loaded :class:`Project`; every text that comes from
an editor's file is escaped.
"""

from __future__ import annotations

from html import escape
from typing import Callable

from .labels import label
from .diagrams import render_placeholder
from .layout import LANGUAGES, SOURCE_LANGUAGE, edition_url
from .project import DocumentControl, Project, TranslationState


def control_block(control: DocumentControl, project: Project, language: str) -> str:
    """The compact document-control block shown at the top of every manual page."""
    status = control.shown_status
    approval = ""
    if control.approval_date:
        approval = (f"<span><b>{label('approval', language)}:</b> {escape(project.role_name(control.approved_by or '', language))}, "
                    f"{escape(control.approval_date)}, {label('protocol', language)} "
                    f"{escape(control.protocol or '')}</span>")
    review = ""
    if control.next_review_date:
        overdue = f" ({label('review_overdue', language)})" if control.review_overdue else ""
        review = (f"<span><b>{label('next_review', language)}:</b> "
                  f"{escape(control.next_review_date)}{overdue}</span>")
    notice = "draft_changed" if control.changed_since_approval else "draft_notice"
    draft = (f'<p class="sapat-notice sapat-notice--draft" role="note">{label(notice, language)}</p>'
             if status == "draft" else "")
    return (
        f'<div class="sapat-control sapat-control--{status}" data-status="{status}">'
        f"<span><b>{label('document', language)}:</b> {escape(control.code)}</span>"
        f"<span><b>{label('revision', language)}:</b> {control.revision}</span>"
        f"<span><b>{label('status', language)}:</b> {label('status.' + status, language)}</span>"
        f"{approval}"
        f"<span><b>{label('owner', language)}:</b> "
        f"{escape(project.role_name(control.owner_role, language))}</span>"
        f"{review}</div>{draft}"
    )


def stale_notice(original_url: str, language: str) -> str:
    """Told on a translated page whose Kyrgyz original changed since it was translated."""
    return (f'<p class="sapat-notice sapat-notice--stale" role="note">{label("stale_notice", language)} '
            f'<a href="{escape(original_url)}" hreflang="{SOURCE_LANGUAGE}">'
            f'{label("stale_notice_link", language)}</a>.</p>')


def page_header(project: Project, name: str, language: str, page_url: str,
                href: Callable[[str], str | None]) -> str:
    """What goes under a manual page's title: document control, a stale-translation notice,
    and, on an appendix, its figure (drawn from processes/, so the approved text is unchanged)."""
    control = project.control(name)
    if control is None:
        return ""
    header = control_block(control, project, language)
    if language != SOURCE_LANGUAGE and \
            project.translation_state(name, language) is TranslationState.STALE:
        header += stale_notice(edition_url(page_url, SOURCE_LANGUAGE), language)
    page = project.editions[language].pages.get(name)
    for clause in page.scan.clauses if page else ():
        header += render_placeholder(clause.id, project.processes, language, href) or ""
    return header


def under_title(html: str, block: str) -> str:
    """``block`` placed right after the page's ``<h1>`` (or first, when it has none)."""
    head, separator, rest = html.partition("</h1>")
    return head + separator + block + rest if separator else block + html


def _table(headers: list[str], rows: list[list[str]]) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Editor text placed into generated Markdown: HTML-escaped, Markdown specials neutral."""
    return escape(text).replace("[", "&#91;").replace("]", "&#93;").replace("*", "&#42;")


def register_page(project: Project, language: str) -> str:
    """The document register: the master list of controlled documents, from the metadata."""
    rows = []
    for name, page in project.source.pages.items():
        control = project.control(name)
        if control is None:
            continue
        shown = project.editions[language].pages.get(name, page)
        review = control.next_review_date or ""
        if control.review_overdue:
            review += f" ({label('review_overdue', language)})"
        rows.append([_md(control.code), f"[{_md(shown.title)}]({name})", str(control.revision),
                     label("status." + control.shown_status, language),
                     _md(control.approval_date or ""), _md(project.role_name(control.owner_role, language)),
                     _md(review)])
    headers = [label(key, language) for key in
               ("register.code", "register.title_col", "revision", "status", "approved", "owner",
                "next_review")]
    return (f"# {label('register.title', language)}\n\n{label('register.intro', language)}\n\n"
            + _table(headers, rows))


def translation_status_page(project: Project, language: str) -> str:
    """Every page with the state of its translation into each other language."""
    others = [other for other in LANGUAGES if other != SOURCE_LANGUAGE]
    rows = []
    for name, page in project.source.pages.items():
        shown = project.editions[language].pages.get(name, page)
        rows.append([f"[{_md(shown.title)}]({name})"] + [
            label("translation." + project.translation_state(name, other).value, language)
            for other in others])
    headers = [label("status_page.page", language)] + [label(f"language.{o}", language) for o in others]
    return (f"# {label('status_page.title', language)}\n\n{label('status_page.intro', language)}\n\n"
            + _table(headers, rows))


def glossary_page(project: Project, language: str) -> str:
    """The terminology glossary as a page."""
    rows = [[_md(term.ky), _md(term.ru), _md(term.iso_clause),
             ", ".join(_md(stem) + "…" for stem in term.ru_avoid)]
            for term in sorted(project.terms, key=lambda t: t.ky.lower() if language == "ky" else t.ru.lower())]
    headers = [label(key, language) for key in ("glossary.ky", "glossary.ru", "glossary.iso", "glossary.avoid")]
    if language != SOURCE_LANGUAGE:
        headers[0], headers[1] = headers[1], headers[0]
        rows = [[row[1], row[0], *row[2:]] for row in rows]
    return (f"# {label('glossary.title', language)}\n\n{label('glossary.intro', language)}\n\n"
            + _table(headers, rows))


__all__ = ["control_block", "stale_notice", "page_header", "under_title", "register_page",
           "translation_status_page", "glossary_page"]
