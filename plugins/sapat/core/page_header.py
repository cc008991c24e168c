"""What sapat puts under a manual page's title: its document control, a notice when its
translation lags behind the original, and the figure an appendix lost in the scan.

Everything here is a pure function of the loaded project; every text that comes from an
editor's file is escaped.
"""

from __future__ import annotations

from dataclasses import replace
from html import escape
from typing import TYPE_CHECKING

from .control import FIELD_LABELS, DocumentControl, TranslationState
from .diagrams import APPENDIX_FIGURES, render_placeholder
from .diagrams.svg import Href
from .editions import LATEST, Edition
from .labels import label, remark
from .languages import SOURCE_LANGUAGE
from .links import LinkForm, Location, href
from .pages import Page
from .roles import Roles

if TYPE_CHECKING:
    from .project import Project


def control_block(control: DocumentControl, roles: Roles, language: str, edition: Edition) -> str:
    """The compact document-control block shown at the top of every manual page: the edition
    it belongs to and the page's own control data, true without JavaScript. A value the
    editors inferred says so, and a note under the block gives the reason for each."""
    status = control.shown_status

    def item(key: str, value: str) -> str:
        return f"<span><b>{label(key, language)}:</b> {value}</span>"

    def value(name: str, text: str) -> str:
        return escape(text) + remark(control.remarks(name), language)

    parts = [item("edition", escape(edition.title(language))),
             item("document", escape(control.code)), item("revision", str(control.revision)),
             item("status", label("status." + status, language) + remark(control.remarks("status"), language))]
    if control.approval_date:
        parts.append(item("approval", f"{value('approved_by', roles.name(control.approved_by or '', language))}, "
                                      f"{value('approval_date', control.approval_date)}, "
                                      f"{label('protocol', language)} {value('protocol', control.protocol or '')}"))
    if control.effective_date:
        parts.append(item("effective", value("effective_date", control.effective_date)))
    parts.append(item("owner", value("owner_role", roles.name(control.owner_role, language))))
    if control.next_review_date:
        parts.append(item("next_review", value("next_review_date", control.next_review_date)))
    notice = "draft_changed" if control.changed_since_approval else "draft_notice"
    draft = (f'<p class="sapat-notice sapat-notice--draft" role="note">{label(notice, language)}</p>'
             if status == "draft" else "")
    return f'<div class="sapat-control sapat-control--{status}" data-status="{status}">' \
           f'{"".join(parts)}</div>{provenance_note(control, language)}{draft}'


def provenance_note(control: DocumentControl, language: str) -> str:
    """What "editors' inference" means and why each inferred value was inferred: visible text,
    so that print and screen readers have it too; empty when every value is the source's."""
    reasons = "".join(f"<li><b>{label(FIELD_LABELS[name], language)}:</b> "
                      f"{escape(control.reason(name, language))}</li>" for name in control.shown_inferences())
    if not reasons:
        return ""
    return (f'<div class="sapat-provenance" role="note"><p>{label("inferred_note", language)}</p>'
            f"<ul>{reasons}</ul></div>")


_NOTICES = {TranslationState.STALE: "stale_notice", TranslationState.UNTRANSLATED: "untranslated_notice"}


def translation_notice(state: TranslationState, original_url: str, lagging: list[str], language: str) -> str:
    """Told on a translated page whose original changed since it was translated (stale), or
    that is not translated yet; it leads to the original."""
    clauses = f" ({label('lagging_clauses', language)}: {escape(', '.join(lagging))})" if lagging else ""
    notice = label(_NOTICES[state], language)
    return (f'<p class="sapat-notice sapat-notice--{state.value}" role="note">{notice} '
            f'<a href="{escape(original_url)}" hreflang="{SOURCE_LANGUAGE}">'
            f'{label("stale_notice_link", language)}</a>{clauses}.</p>')


def page_header(project: Project, here: Location, link: Href, edition: Edition) -> str:
    """Document control, a stale-translation notice and, on an appendix, its figure (drawn from
    processes/, which also hold the legend and caption the scan kept); empty for generated pages."""
    control = project.control(here.page)
    if control is None:
        return ""
    header = control_block(control, project.roles, here.language, edition)
    state = project.translation_state(here.page, here.language)
    if state in (TranslationState.STALE, TranslationState.UNTRANSLATED):
        original = href(replace(here, language=SOURCE_LANGUAGE), here, LinkForm.URL)
        lagging = project.lagging_clauses(here.page, here.language) if state is TranslationState.STALE else []
        header += translation_notice(state, original, lagging, here.language)
    page = project.languages[here.language].files.get(here.page)
    return header + (appendix_figures(project, page, link) if page else "")


def appendix_figures(project: Project, page: Page, link: Href) -> str:
    """The figures of the appendices on ``page``, drawn from processes/ (the scan lost them)."""
    return "".join(render_placeholder(APPENDIX_FIGURES[clause.id], project.process_model, page.language, link,
                                      project.drawings)
                   or "" for clause in page.scan.clauses if clause.id in APPENDIX_FIGURES)


def under_title(html: str, block: str) -> str:
    """``block`` placed right after the page's ``<h1>`` (or first, when it has none)."""
    head, separator, rest = html.partition("</h1>")
    return head + separator + block + rest if separator else block + html


def edition_notice(edition: Edition, here: Location, latest_exists: bool) -> str:
    """The banner Material shows when the edition read is not the one in force (its "outdated"
    block): a superseded edition, or the draft. Whether it shows is decided when the page is
    read, from versions.json, so a frozen page never has to change. It leads to the same page
    in the edition in force (sapat.js keeps the clause)."""
    text = label("edition.draft_notice" if not edition.frozen else "edition.superseded_notice", here.language)
    if not latest_exists:
        return f'<span class="sapat-edition-notice">{text}</span>'
    target = href(replace(here, version=LATEST, anchor=""), here, LinkForm.URL)
    return (f'<span class="sapat-edition-notice">{text} <a href="{escape(target)}" data-sapat-same-clause>'
            f'{label("edition.in_force", here.language)}</a>.</span>')
