"""What sapat puts under a manual page's title: its document control, a notice when its
translation lags behind the original, and the figure an appendix lost in the scan.

Everything here is a pure function of the loaded project; every text that comes from an
editor's file is escaped.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from .control import DocumentControl, TranslationState
from .diagrams import APPENDIX_FIGURES, render_placeholder
from .diagrams.svg import Href
from .labels import label
from .languages import SOURCE_LANGUAGE
from .links import LinkForm, Location, href
from .pages import Page
from .roles import Roles

if TYPE_CHECKING:
    from .project import Project


def control_block(control: DocumentControl, roles: Roles, language: str) -> str:
    """The compact document-control block shown at the top of every manual page."""
    status = control.shown_status

    def item(key: str, value: str) -> str:
        return f"<span><b>{label(key, language)}:</b> {value}</span>"

    parts = [item("document", escape(control.code)), item("revision", str(control.revision)),
             item("status", label("status." + status, language))]
    if control.approval_date:
        parts.append(item("approval", f"{escape(roles.name(control.approved_by or '', language))}, "
                                      f"{escape(control.approval_date)}, {label('protocol', language)} "
                                      f"{escape(control.protocol or '')}"))
    parts.append(item("owner", escape(roles.name(control.owner_role, language))))
    if control.next_review_date:
        overdue = f" ({label('review_overdue', language)})" if control.review_overdue else ""
        parts.append(item("next_review", escape(control.next_review_date) + overdue))
    notice = "draft_changed" if control.changed_since_approval else "draft_notice"
    draft = (f'<p class="sapat-notice sapat-notice--draft" role="note">{label(notice, language)}</p>'
             if status == "draft" else "")
    return f'<div class="sapat-control sapat-control--{status}" data-status="{status}">' \
           f'{"".join(parts)}</div>{draft}'


def stale_notice(original_url: str, lagging: list[str], language: str) -> str:
    """Told on a translated page whose original changed since it was translated."""
    clauses = f" ({label('lagging_clauses', language)}: {escape(', '.join(lagging))})" if lagging else ""
    return (f'<p class="sapat-notice sapat-notice--stale" role="note">{label("stale_notice", language)} '
            f'<a href="{escape(original_url)}" hreflang="{SOURCE_LANGUAGE}">'
            f'{label("stale_notice_link", language)}</a>{clauses}.</p>')


def page_header(project: Project, here: Location, link: Href) -> str:
    """Document control, a stale-translation notice and, on an appendix, its figure (drawn from
    processes/, so the approved text stays as it was); empty for generated pages."""
    control = project.control(here.page)
    if control is None:
        return ""
    header = control_block(control, project.roles, here.language)
    if project.translation_state(here.page, here.language) is TranslationState.STALE:
        original = href(Location(SOURCE_LANGUAGE, here.page), here, LinkForm.URL)
        header += stale_notice(original, project.lagging_clauses(here.page, here.language), here.language)
    page = project.languages[here.language].files.get(here.page)
    return header + (appendix_figures(project, page, link) if page else "")


def appendix_figures(project: Project, page: Page, link: Href) -> str:
    """The figures of the appendices on ``page``, drawn from processes/ (the scan lost them)."""
    return "".join(render_placeholder(APPENDIX_FIGURES[clause.id], project.process_model, page.language, link)
                   or "" for clause in page.scan.clauses if clause.id in APPENDIX_FIGURES)


def under_title(html: str, block: str) -> str:
    """``block`` placed right after the page's ``<h1>`` (or first, when it has none)."""
    head, separator, rest = html.partition("</h1>")
    return head + separator + block + rest if separator else block + html
