"""What sapat puts under a manual page's title: its document control, a notice when its
translation lags behind the original, and the figure an appendix lost in the scan.

Everything here is a pure function of the loaded project; every text that comes from an
editor's file is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from html import escape

from ..diagrams import APPENDIX_FIGURES, render_placeholder
from ..diagrams.svg import Href
from ..i18n.labels import due_mark, label, remark
from ..i18n.languages import SOURCE_LANGUAGE, in_language
from ..model.control import FIELD_LABELS, DocumentControl, Revision, TranslationState
from ..model.editions import CHANGES, EDITIONS, LATEST, Edition
from ..model.links import LinkForm, LinkTarget, Location, href
from ..model.pages import Page
from ..model.project import Project
from ..model.roles import Roles
from .search import NOT_SEARCHED

#: The label that names each field an edition's record can list as the editors' inference.
_EDITION_FIELDS = {"approval": "edition.approval_field", "approved_by": "approval",
                   "approval_date": "approval_date", "protocol": "protocol_number"}


def control_block(control: DocumentControl, roles: Roles, language: str, edition: Edition, text: str = "") -> str:
    """The document-control block at the top of every manual page, true without JavaScript.

    Its first line is what a reader needs before the text, so that the first clause is on the
    first screen of a phone: the edition the page belongs to, the document, its revision and
    status. The rest is one click away, in a ``<details>`` that printing opens: on the draft what
    its ``text`` is (:func:`text_state`), the approval, the dates, the owner, the earlier
    revisions, and why each value the editors inferred is inferred. A value the editors inferred
    says so wherever it is shown; a review date says it has passed when it has, also on a page
    built before."""
    status = control.shown_status

    def item(key: str, value: str) -> str:
        return f"<span><b>{label(key, language)}:</b> {value}</span>"

    def value(name: str, text: str) -> str:
        return escape(marked(control, name, text, language))

    line = [item("edition", escape(edition.title(language))), item("document", escape(control.code)),
            item("revision", str(control.revision)),
            item("status", value("status", label("status." + status, language)))]
    more = [item("text", escape(text))] if text else []
    if control.approval_date:
        more.append(item("approval", escape(approval_text(control, roles, language))))
    if control.effective_date:
        more.append(item("effective", value("effective_date", control.effective_date)))
    more.append(item("owner", value("owner_role", roles.name(control.owner_role, language))))
    if control.next_review_date:
        more.append(item("next_review", value("next_review_date", control.next_review_date)
                         + due_mark(control.next_review_date, control.overdue_later(), language)))
    summary = label("control.details_reasons" if control.shown_inferences() else "control.details", language)
    notice = "draft_changed" if control.changed_since_approval else "draft_notice"
    draft = (f'<p class="sapat-notice sapat-notice--draft" role="note" {NOT_SEARCHED}>{label(notice, language)}</p>'
             if status == "draft" else "")
    return (f'<div class="sapat-control sapat-control--{status}" data-status="{status}" {NOT_SEARCHED}>'
            f'<p class="sapat-control__line">{"".join(line)}</p>'
            f'<details class="sapat-control__details"><summary>{summary}</summary>'
            f'<p class="sapat-control__line">{"".join(more)}</p>{revision_history(control, language)}'
            f"{provenance_note(control, language)}</details></div>{draft}")


def marked(control: DocumentControl, name: str, text: str, language: str) -> str:
    """The value ``text`` of field ``name`` as text, with what must be said of it: that the
    editors inferred it, that its review is overdue."""
    return text + remark(control.remarks(name), language)


def approval_text(control: DocumentControl, roles: Roles, language: str) -> str:
    """Who approved the page, when and under which protocol, as text, each value marked."""
    return (f"{marked(control, 'approved_by', roles.name(control.approved_by or '', language), language)}, "
            f"{marked(control, 'approval_date', control.approval_date or '', language)}, "
            f"{label('protocol', language)} {marked(control, 'protocol', control.protocol or '', language)}")


def revision_decision(revision: Revision, language: str) -> str:
    """An earlier revision's decision as its history states it (protocol, date), or nothing."""
    parts = [f"{label('protocol', language)} {revision.protocol}" if revision.protocol else "", revision.date or ""]
    return ", ".join(part for part in parts if part)


def revision_history(control: DocumentControl, language: str) -> str:
    """The page's revisions, oldest first, each with its summary and what its decision stated;
    the current one's decision is the approval above it, with its marks."""
    revisions = [(revision.number, revision_decision(revision, language), in_language(revision.summary, language))
                 for revision in control.history]
    revisions.append((control.revision, "", in_language(control.change_summary, language)))
    items = "".join(f"<li><b>{label('revision', language)} {number}</b>"
                    + (f" ({escape(decision)})" if decision else "") + (f": {escape(summary)}" if summary else "")
                    + "</li>" for number, decision, summary in revisions)
    return f'<div class="sapat-control__history"><b>{label("changes.history", language)}:</b><ul>{items}</ul></div>'


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
    """What "editors' inference" means and why each inferred value was inferred, as text (in the
    control block's details, which printing opens); empty when every value is the source's."""
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
             ("editions.approval", escape(edition.decision(roles, language)))]
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


#: A clause heading as Markdown renders it, and the line of backlinks under it, if any.
_CLAUSE_HEADING = re.compile(r'<h[1-6]\b[^>]*(?<![\w-])id="(?P<id>[^"]+)"[^>]*>.*?</h[1-6]>'
                             r'(?:\s*<p class="sapat-backlinks"[^>]*>.*?</p>)?', re.DOTALL)


def records_lines(html: str, records: Callable[[str], Sequence[LinkTarget]], language: str) -> str:
    """Under each clause heading (and its backlinks) that ``records`` knows, the records the
    clause requires, each linked to its entry in the records register."""
    def line(match: re.Match[str]) -> str:
        targets = records(match["id"])
        if not targets:
            return match[0]
        links = ", ".join(f'<a href="{escape(target.href)}">{escape(target.label)}</a>' for target in targets)
        words = escape(label("records.line", language))
        return f'{match[0]}<p class="sapat-records" {NOT_SEARCHED}>{words} {links}</p>'
    return _CLAUSE_HEADING.sub(line, html)


def under_title(html: str, block: str) -> str:
    """``block`` placed right after the page's ``<h1>`` (or first, when it has none)."""
    head, separator, rest = html.partition("</h1>")
    return head + separator + block + rest if separator else block + html


def edition_badge(edition: Edition, language: str) -> str:
    """The edition's mark in the page header, in view at every scroll position and on a phone
    (Material hides the version selector on scroll, and a phone cuts its name short): the draft's
    warning, or a frozen edition's short name, its version, with the whole name as tooltip."""
    if not edition.frozen:
        title, badge = (escape(label(key, language)) for key in ("edition.draft_badge_title", "edition.draft_badge"))
        return f'<div class="md-header__option sapat-badge sapat-badge--draft" title="{title}">{badge}</div>'
    title = escape(label("edition.badge_title", language, edition=edition.title(language)))
    return (f'<div class="md-header__option sapat-badge" title="{title}">'
            f'<span class="sapat-visually-hidden">{escape(label("edition", language))}: </span>'
            f"{escape(edition.version)}</div>")


def draft_mark(edition: Edition, language: str) -> str:
    """The draft's mark on every printed sheet (print style sheets show it; hidden on screen,
    where the header's badge says it)."""
    if edition.frozen:
        return ""
    mark = escape(label("edition.draft_badge", language))
    return f'<div class="sapat-draft-mark" aria-hidden="true" {NOT_SEARCHED}>{mark}</div>'


def edition_notice(edition: Edition, here: Location, latest_exists: bool, in_force_has_page: bool = True) -> str:
    """The banner Material shows when the edition read is not the one in force (its "outdated"
    block): a superseded edition, or the draft. Whether it shows is decided when the page is
    read, from versions.json, so a frozen page never has to change. It leads to the same page
    in the edition in force (sapat.js keeps the clause), or to its home when the edition in
    force has no such page (``in_force_has_page``)."""
    text = label("edition.draft_notice" if not edition.frozen else "edition.superseded_notice", here.language)
    if not latest_exists:
        return f'<span class="sapat-edition-notice">{text}</span>'
    same = replace(here, version=LATEST, anchor="")
    target = href(same if in_force_has_page else replace(same, page="index.md"), here, LinkForm.URL)
    return (f'<span class="sapat-edition-notice">{text} <a href="{escape(target)}" data-sapat-same-clause>'
            f'{label("edition.in_force", here.language)}</a>.</span>')
