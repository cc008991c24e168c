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
from .editions import CHANGES, EDITIONS, LATEST, Edition
from .labels import due_mark, label, remark
from .languages import SOURCE_LANGUAGE
from .links import LinkForm, Location, href
from .pages import Page
from .roles import Roles
from .search import NOT_SEARCHED

if TYPE_CHECKING:
    from .project import Project

#: The label that names each field an edition's record can list as the editors' inference.
_EDITION_FIELDS = {"approval": "edition.approval_field", "approved_by": "approval",
                   "approval_date": "approval_date", "protocol": "protocol_number"}


def control_block(control: DocumentControl, roles: Roles, language: str, edition: Edition, text: str = "") -> str:
    """The compact document-control block shown at the top of every manual page: the edition
    it belongs to, on the draft what its ``text`` is (:func:`text_state`), and the page's own
    control data, true without JavaScript. A value the editors inferred says so, and a note
    under the block gives the reason for each; a review date says it has passed when it has,
    also on a page built before."""
    status = control.shown_status

    def item(key: str, value: str) -> str:
        return f"<span><b>{label(key, language)}:</b> {value}</span>"

    def value(name: str, text: str) -> str:
        return escape(marked(control, name, text, language))

    parts = [item("edition", escape(edition.title(language)))]
    if text:
        parts.append(item("text", escape(text)))
    parts += [item("document", escape(control.code)), item("revision", str(control.revision)),
              item("status", value("status", label("status." + status, language)))]
    if control.approval_date:
        parts.append(item("approval", escape(approval_text(control, roles, language))))
    if control.effective_date:
        parts.append(item("effective", value("effective_date", control.effective_date)))
    parts.append(item("owner", value("owner_role", roles.name(control.owner_role, language))))
    if control.next_review_date:
        parts.append(item("next_review", value("next_review_date", control.next_review_date)
                          + due_mark(control.next_review_date, control.overdue_later(), language)))
    notice = "draft_changed" if control.changed_since_approval else "draft_notice"
    draft = (f'<p class="sapat-notice sapat-notice--draft" role="note" {NOT_SEARCHED}>{label(notice, language)}</p>'
             if status == "draft" else "")
    return f'<div class="sapat-control sapat-control--{status}" data-status="{status}" {NOT_SEARCHED}>' \
           f'{"".join(parts)}</div>{provenance_note(control, language)}{draft}'


def marked(control: DocumentControl, name: str, text: str, language: str) -> str:
    """The value ``text`` of field ``name`` as text, with what must be said of it: that the
    editors inferred it, that its review is overdue."""
    return text + remark(control.remarks(name), language)


def approval_text(control: DocumentControl, roles: Roles, language: str) -> str:
    """Who approved the page, when and under which protocol, as text, each value marked."""
    return (f"{marked(control, 'approved_by', roles.name(control.approved_by or '', language), language)}, "
            f"{marked(control, 'approval_date', control.approval_date or '', language)}, "
            f"{label('protocol', language)} {marked(control, 'protocol', control.protocol or '', language)}")


def text_state(project: Project, here: Location) -> str:
    """On the draft: whether page ``here``'s text is the text of the edition in force, changed
    since, or in no edition yet (read against the edition's sources)."""
    language = here.language
    in_force = project.editions[-1] if project.editions else None
    released = project.base.languages[language].files.get(here.page) if project.base else None
    page = project.languages[language].files.get(here.page)
    if in_force is None or released is None or page is None:
        return label("text.new", language)
    key = "text.as_edition" if released.fingerprint == page.fingerprint else "text.changed"
    return label(key, language, edition=in_force.title(language))


def provenance_note(control: DocumentControl, language: str) -> str:
    """What "editors' inference" means and why each inferred value was inferred: visible text,
    so that print and screen readers have it too; empty when every value is the source's."""
    reasons = "".join(f"<li><b>{label(FIELD_LABELS[name], language)}:</b> "
                      f"{escape(control.reason(name, language))}</li>" for name in control.shown_inferences())
    if not reasons:
        return ""
    return (f'<div class="sapat-provenance" role="note" {NOT_SEARCHED}><p>{label("inferred_note", language)}</p>'
            f"<ul>{reasons}</ul></div>")


_NOTICES = {TranslationState.STALE: "stale_notice", TranslationState.UNTRANSLATED: "untranslated_notice"}


def translation_notice(state: TranslationState, original_url: str, lagging: list[str], language: str) -> str:
    """Told on a translated page whose original changed since it was translated (stale), or
    that is not translated yet; it leads to the original."""
    clauses = f" ({label('lagging_clauses', language)}: {escape(', '.join(lagging))})" if lagging else ""
    notice = label(_NOTICES[state], language)
    return (f'<p class="sapat-notice sapat-notice--{state.value}" role="note" {NOT_SEARCHED}>{notice} '
            f'<a href="{escape(original_url)}" hreflang="{SOURCE_LANGUAGE}">'
            f'{label("stale_notice_link", language)}</a>{clauses}.</p>')


def page_header(project: Project, here: Location, link: Href, edition: Edition) -> str:
    """Document control, a stale-translation notice and, on an appendix, its figure (drawn from
    processes/, which also hold the legend and caption the scan kept); on the editions page the
    edition's record; empty for other generated pages."""
    control = project.control(here.page)
    if control is None:
        return edition_record(edition, project.roles, here) if here.page == EDITIONS else ""
    text = "" if edition.frozen else text_state(project, here)
    header = control_block(control, project.roles, here.language, edition, text)
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


def edition_record(edition: Edition, roles: Roles, here: Location) -> str:
    """What stays true of ``edition`` for ever, as HTML for its editions page ``here``."""
    language = here.language
    if not edition.frozen:
        return (f'<div class="sapat-edition-record sapat-edition-record--draft" role="note" {NOT_SEARCHED}>'
                f'<p>{escape(label("editions.draft_record", language))}</p></div>')
    items = [("edition", escape(edition.title(language))),
             ("editions.approval", escape(edition.decision(roles.name(edition.approved_by or "", language),
                                                            language)))]
    if edition.order:
        items.append(("editions.order", escape(label("edition.order", language, number=edition.order.number,
                                                     date=edition.order.date))))
    if summary := edition.summary.get(language):
        items.append(("editions.summary", escape(summary)))
    files = [_link(url, label(key, language)) for url, key in
             ((_in_edition(here, edition.pdf_name(language)), "editions.pdf"),
              (_in_edition(here, CHANGES), "editions.changes"))]
    files += [escape(name) for name in edition.evidence]
    items.append(("editions.files", ", ".join(files)))
    if edition.mends:
        items.append(("editions.mended", edition_mends(edition, language)))
    rows = "".join(f"<dt>{escape(label(key, language))}</dt><dd>{value}</dd>" for key, value in items)
    return (f'<div class="sapat-edition-record" {NOT_SEARCHED}><dl>{rows}</dl>'
            f"{edition_reasons(edition, language)}</div>")


def edition_mends(edition: Edition, language: str) -> str:
    """When and why the edition's pages and PDFs were made again (its text unchanged), as HTML."""
    return "<br>".join(escape(label("edition.mended", language, date=mend.date, reason=mend.reason.get(language, "")))
                       for mend in edition.mends)


def edition_reasons(edition: Edition, language: str) -> str:
    """Why each inferred value of the record is the editors' inference (visible text)."""
    reasons = "".join(f"<li><b>{escape(label(_EDITION_FIELDS[name], language))}:</b> {escape(reason)}</li>"
                      for name, reason in edition.reasons(language))
    return f'<div class="sapat-provenance" role="note" {NOT_SEARCHED}><ul>{reasons}</ul></div>' if reasons else ""


def _in_edition(here: Location, page: str) -> str:
    return href(Location(here.language, page, version=here.version), here, LinkForm.URL)


def _link(url: str, text: str) -> str:
    return f'<a href="{escape(url)}">{escape(text)}</a>'


def under_title(html: str, block: str) -> str:
    """``block`` placed right after the page's ``<h1>`` (or first, when it has none)."""
    head, separator, rest = html.partition("</h1>")
    return head + separator + block + rest if separator else block + html


def draft_badge(edition: Edition, language: str) -> str:
    """The draft's mark in the page header, in view at every scroll position and on a phone
    (Material hides the version selector on scroll); nothing on an edition."""
    if edition.frozen:
        return ""
    title, badge = (escape(label(key, language)) for key in ("edition.draft_badge_title", "edition.draft_badge"))
    return f'<div class="md-header__option sapat-draft-badge" title="{title}">{badge}</div>'



def draft_mark(edition: Edition, language: str) -> str:
    """The draft's mark on every printed sheet (print style sheets show it; hidden on screen,
    where the header's badge says it)."""
    if edition.frozen:
        return ""
    mark = escape(label("edition.draft_badge", language))
    return f'<div class="sapat-draft-mark" aria-hidden="true" {NOT_SEARCHED}>{mark}</div>'


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
