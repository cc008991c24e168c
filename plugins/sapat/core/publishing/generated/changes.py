"""What changed between two editions, written for people.

- :func:`changes_page`: the "changes" page of an edition in one language, clause by clause,
  with the changed words in CriticMarkup (the site renders them as ``<ins>``/``<del>``);
- :func:`job_summary`: the same sections for a GitHub job summary, marks as HTML;
- :func:`terminal_report`: a short clause-by-clause list for ``sapat diff`` in a terminal.

Every text taken from the sources is made inert (no HTML, no links, no CriticMarkup of its
own, see :mod:`sapat.core.sources.critic`); a ``[[reference]]`` stays a reference where the clause it
names exists in the new edition and is not deleted text, and is plain text otherwise.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from itertools import groupby

from ...i18n.labels import label
from ...i18n.languages import LANGUAGES, in_language
from ...i18n.messages import Message
from ...model.clauses import REFERENCE, reference_id
from ...model.editions import CHANGES
from ...model.project import Project
from ...releasing.compare import Change, ClauseChange, LanguageDiff, PageChange, ProjectDiff, compare
from ...releasing.word_diff import Style, Token, TokenKind, render_line, tokens
from ...sources import critic
from ..page_header import approval_text, revision_decision
from .audits import checklists_section
from .markdown import md, table

#: The order in which kinds of change are listed.
KINDS = (Change.ADDED, Change.REMOVED, Change.CHANGED, Change.MOVED)
_SYMBOLS = {Change.ADDED: "+", Change.REMOVED: "-", Change.CHANGED: "~", Change.MOVED: ">"}
_EMPHASIS = ("**", "__", "*", "_")
#: The longest metadata value the terminal report shows whole.
_SHORT = 40


def changes_page(diff: ProjectDiff, language: str, against_title: str) -> str:
    """The changes page of ``language``'s edition against the edition titled ``against_title``."""
    changes = diff.languages[language]
    style = _markdown_style(changes.new_clauses, critic.insert, critic.delete, critic.substitute)
    lines = [f"# {label('changes.title', language)}", "",
             label("changes.against", language, edition=md(against_title)), ""]
    return "\n".join(lines + _sections(changes, style, level=2, for_page=True)) + "\n"


def edition_changes_page(project: Project, language: str) -> str:
    """The changes page of the edition built from ``project``: what changed since the edition in
    force (the draft's page says what the Council is asked to approve; a release freezes it)."""
    if project.base is None or not project.editions:
        return "\n".join([f"# {label('changes.title', language)}", "", label("changes.first", language), "",
                          *revision_history(project, language)]) + "\n"
    diff = compare(project.base, project, (language,))
    return (changes_page(diff, language, project.editions[-1].title(language))
            + "\n".join(["", *checklists_section(diff, project, language, level=2)]))


def revision_history(project: Project, language: str) -> list[str]:
    """What the pages record of their revisions, as a table; pages with the same history share
    a row group. The decision of the current revision is marked where the editors inferred it."""
    groups: dict[tuple[tuple[str, str, str], ...], list[str]] = {}
    inferred = False
    for name in project.source.controlled():
        control = project.control(name)
        if control is None:
            continue
        inferred = inferred or any(control.shows_inferred(field) for field in ("approved_by", "approval_date",
                                                                               "protocol"))
        earlier = [(str(revision.number), revision_decision(revision, language) or "—",
                    in_language(revision.summary, language)) for revision in control.history]
        current = (str(control.revision), approval_text(control, project.roles, language) if control.approval_date
                   else label("status." + control.shown_status, language),
                   in_language(control.change_summary, language))
        groups.setdefault((*earlier, current), []).append(control.code)
    rows = [[md(", ".join(codes)) if index == 0 else "", md(revision), md(decision), md(summary)]
            for history, codes in groups.items() for index, (revision, decision, summary) in enumerate(history)]
    headers = [label(key, language) for key in ("changes.documents", "revision", "editions.approval",
                                                 "editions.summary")]
    note = [label("inferred_note", language), ""] if inferred else []
    return [f"## {label('changes.history', language)}", "", *note, *table(headers, rows), ""]


def job_summary(diff: ProjectDiff, languages: Iterable[str], title: str) -> str:
    """Markdown for a GitHub job summary: each language's changes, only the changed lines."""
    style = _markdown_style(frozenset(), _html_insert, _html_delete,
                            lambda old, new: _html_delete(old) + _html_insert(new))
    lines = [f"# {md(title)}", ""]
    for language in languages:
        lines += [f"## {md(LANGUAGES[language].name)}", ""]
        lines += _sections(diff.languages[language], style, level=3, for_page=False)
    return "\n".join(lines) + "\n"


def terminal_report(diff: ProjectDiff, languages: Iterable[str], title: str, speaks: str) -> str:
    """``sapat diff`` in a terminal, its own words in the editor's language ``speaks``: one line
    per page and clause, the changed lines under a changed clause, marked in CriticMarkup."""
    lines = [title]
    for language in languages:
        changes = diff.languages[language]
        counts = Message("diff.counts", **{kind.value: len(changes.listed(kind)) for kind in KINDS}) \
            if not changes.empty else Message("diff.no_changes")
        lines += ["", f"{language} ({LANGUAGES[language].name}): {counts.render(speaks)}"]
        for page in changes.pages:
            said = Message("diff.page_added", page=page.name) if page.old is None else \
                Message("diff.page_removed", page=page.name) if page.new is None else \
                Message("diff.page_fields", page=page.name, fields="; ".join(
                    f"{field.key} {_short(field.old)} → {_short(field.new)}" for field in page.fields))
            lines.append(f"  {said.render(speaks)}")
        for change in changes.clauses:
            title = " ".join(filter(None, (change.label, _heading(change, _TERMINAL))))
            lines.append(f"  {_SYMBOLS[change.kind]} {title}  [{_where(change)}]")
            if change.kind is Change.CHANGED:
                lines += ["      " + render_line(line, _TERMINAL) for line in change.text if line.changed]
    return "\n".join(lines) + "\n"


def _short(value: str | None) -> str:
    """A metadata value on one terminal line (a change summary can be a paragraph)."""
    if not value:
        return "—"
    return value if len(value) <= _SHORT else value[:_SHORT - 1].rstrip() + "…"


def _where(change: ClauseChange) -> str:
    if change.old_page and change.new_page and change.moved:
        return f"{change.old_page.name} → {change.new_page.name}"
    page = change.new_page or change.old_page
    return page.name if page else ""


def _heading(change: ClauseChange, style: Style) -> str:
    """The clause's title, its changed words marked; nothing for a clause with only a number."""
    if change.heading is not None:
        return render_line(change.heading, style)
    clause = change.new or change.old
    if clause is None or clause.title == clause.heading:
        return ""
    return style.token(Token(TokenKind.WORD, clause.title), change.new is not None)


def _sections(changes: LanguageDiff, style: Style, level: int, for_page: bool) -> list[str]:
    """The counts, the pages, then each kind of change clause by clause. On the page every line
    of a clause is shown and its number links to it; elsewhere only the changed lines."""
    language = changes.language
    if changes.empty:
        return [label("changes.none", language), ""]
    lines = [label("changes.counts", language, **{kind.value: len(changes.listed(kind)) for kind in KINDS}), ""]
    if changes.pages:
        lines += [f"{'#' * level} {label('changes.pages', language)}", ""] + _pages(changes.pages, language)
    new_pages = frozenset(page.name for page in changes.pages if page.old is None)
    for kind in KINDS:
        if listed := changes.listed(kind):
            lines += [f"{'#' * level} {label(f'changes.{kind.value}', language)}", ""]
            for new_page, run in groupby(listed, key=lambda change: _on_new_page(change, kind, new_pages)):
                if new_page:
                    lines += _new_page_clauses(list(run), language, for_page)
                else:
                    for change in run:
                        lines += _clause(change, kind, style, language, for_page)
    return lines


def _on_new_page(change: ClauseChange, kind: Change, new_pages: frozenset[str]) -> str:
    """The name of the new page an added clause is on; "" for any other change."""
    page = change.new_page
    return page.name if kind is Change.ADDED and page is not None and page.name in new_pages else ""


def _new_page_clauses(run: list[ClauseChange], language: str, for_page: bool) -> list[str]:
    """The clauses of a page that is new, in one line: its first and last clause and how many.
    The page is listed as added and its text is on it; at hundreds of new procedures, a line per
    clause would make the changes page the longest of the site."""
    first, last = (f"[[{change.id}]]" if for_page else md(change.label) for change in (run[0], run[-1]))
    span = first if len(run) == 1 else f"{first} … {last}"
    title = run[0].new_page.title if run[0].new_page else ""
    return [f"**{span}**: {label('changes.new_page_clauses', language, count=len(run), page=md(title))}", ""]


def _pages(pages: tuple[PageChange, ...], language: str) -> list[str]:
    """Pages added or removed, then a table of the metadata that changed on the others."""
    lines = [f"- {md(page.title)} ({md(page.name)}): "
             f"{label('changes.page_added' if page.old is None else 'changes.page_removed', language)}"
             for page in pages if page.old is None or page.new is None]
    rows = [[md(page.title) if number == 0 else "", label(f"changes.field.{field.key}", language),
             md(field.old or "—"), md(field.new or "—")]
            for page in pages if page.old and page.new for number, field in enumerate(page.fields)]
    if rows:
        headers = [label(key, language) for key in ("status_page.page", "changes.field", "changes.before",
                                                     "changes.after")]
        lines += ([""] if lines else []) + table(headers, rows)
    return lines + [""]


def _clause(change: ClauseChange, kind: Change, style: Style, language: str, for_page: bool) -> list[str]:
    """One clause: its number and title, where it moved, and its text with the changes marked
    (unless it is listed as moved, its text unchanged or shown under "changed")."""
    number = f"[[{change.id}]]" if for_page and change.new is not None else md(change.label)
    lines = [" ".join(filter(None, (f"**{number}**", _heading(change, style)))), ""]
    if change.moved and change.old_page and change.new_page:
        lines += [label("changes.moved_from", language, old=md(change.old_page.title),
                        new=md(change.new_page.title)), ""]
    if kind is Change.MOVED:
        return lines
    if for_page:
        quoted = [("> " + render_line(line, style)).rstrip() for line in change.text]
    else:  # only the changed lines, each a paragraph of its own
        quoted = "\n>\n".join("> " + render_line(line, style) for line in change.text
                               if line.changed and line.segments).split("\n")
    return (lines + quoted + [""]) if any(quoted) else lines


def _markdown_style(live_clauses: frozenset[str], insert: Callable[[str], str],
                    delete: Callable[[str], str], substitute: Callable[[str, str], str]) -> Style:
    """Marks written by the given functions around text made inert; references to
    ``live_clauses`` stay references."""

    def write(token: Token, live: bool) -> str:
        if token.kind is TokenKind.SPACE:
            return " "
        if token.kind is TokenKind.REFERENCE:
            match = REFERENCE.fullmatch(token.text)
            target = match.group("target") if match else token.text
            if live and reference_id(target) in live_clauses:
                return f"[[{target}]]"
            return _inert(target)
        if token.kind is TokenKind.CODE:
            return f"<code>{critic.inert(html.escape(token.text.strip('`')))}</code>"
        if token.kind is TokenKind.EMPHASIS:
            delimiter = next(d for d in _EMPHASIS if token.text.startswith(d) and token.text.endswith(d))
            inner = token.text[len(delimiter):-len(delimiter)]
            return delimiter + "".join(write(part, live) for part in tokens(inner)) + delimiter
        if token.kind is TokenKind.STRUCTURE:
            return critic.inert(html.escape(token.text, quote=False))
        return _inert(token.text)  # words, and links and images, shown as written

    return Style(insert, delete, substitute, write, keeps_structure=True)


def _inert(text: str) -> str:
    """Source text as text: escaped like any data (:func:`md`), no CriticMarkup, and no ``](``
    that sapat's scanner would take for a link to check."""
    return critic.inert(md(text)).replace("(", "\\(")


def _html_insert(text: str) -> str:
    return f"<ins>{text}</ins>"


def _html_delete(text: str) -> str:
    return f"<del>{text}</del>"


_TERMINAL = Style(critic.insert, critic.delete, critic.substitute, lambda token, live: token.text,
                  keeps_structure=False)

__all__ = ["CHANGES", "changes_page", "job_summary", "terminal_report"]
