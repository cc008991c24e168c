"""The editions of the manual, on two kinds of page, so that no frozen page states what a
later release would make false.

- Every edition, the draft included, has an "editions" page holding only what stays true of
  that edition for ever: its record (:func:`~..page_header.edition_record`: the decision as its source states
  it, what the editors inferred and why, the order, the summary, its PDF and changes page) and
  a link to the list of editions.
- The list of editions, which says which one is in force, lives outside every edition: one
  page per language at a fixed address, ``<language>/editions/``, written again by every
  ``make site`` (:func:`editions_list_page`).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ...i18n.labels import label, remark
from ...model.editions import CHANGES, DRAFT, Edition, draft_edition
from ...model.project import Project
from ...model.roles import Roles
from ..not_found import standalone_page
from ..page_header import edition_mends, edition_reasons
from ..search import NOT_SEARCHED

#: The folder of the list of editions in a language's web root, beside the editions' folders.
EDITIONS_LIST = "editions"
#: The folder of what a reviewer audits against, beside it (see ..criteria).
CRITERIA = "criteria"
#: The list of editions seen from an edition's editions page (``<language>/<version>/editions/``).
_LIST_FROM_EDITION = f"../../{EDITIONS_LIST}/"


def editions_page(project: Project, language: str) -> str:
    """The editions page of any edition: what an edition is, how to check one, and the way to
    the list of editions (its record is put under the title when the edition is built). The
    same words in every edition: search finds the page by its title, not by them."""
    del project  # the same words in every edition: what differs is the record, see edition_record
    link = f'<a href="{_LIST_FROM_EDITION}">{escape(label("editions.list_link", language))}</a>'
    return "\n".join([f"# {label('editions.title', language)}", "", f"<div {NOT_SEARCHED} markdown>", "",
                      label("editions.intro", language), "", f"<p>{link}</p>", "", "</div>", ""])


def editions_list_page(editions: Sequence[Edition], roles: Roles, language: str, site_title: str) -> str:
    """The list of every edition of ``language``, newest first, the draft last; it lies at
    ``<language>/editions/`` and links to each edition's folder beside it."""
    headers = ("editions.version", "editions.state", "editions.approval", "editions.order", "editions.summary",
               "editions.files", "editions.manifest", "editions.signature")
    newest_first = list(reversed(editions))
    rows = [_list_row(edition, roles, language, in_force=index == 0) for index, edition in enumerate(newest_first)]
    changes = _link(f"../{DRAFT}/{CHANGES.removesuffix('.md')}/", label("editions.changes", language))
    rows.append([_link(f"../{DRAFT}/", draft_edition().title(language)), escape(label("editions.draft", language)),
                 "—", "—", "—", changes, "—", "—"])
    head = "".join(f'<th scope="col">{escape(label(key, language))}</th>' for key in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    none = "" if editions else f"<p>{escape(label('editions.none', language))}</p>"
    reasons = "".join(f"<h2>{escape(edition.title(language))}</h2>{edition_reasons(edition, language)}"
                      for edition in newest_first if edition.inferred)
    if reasons:
        reasons = f"<p>{escape(label('inferred_note', language))}</p>{reasons}"
    criteria = _link(f"../{CRITERIA}/", label("editions.criteria_link", language))
    main = (f"<h1>{escape(label('editions.title', language))}</h1>"
            f"<p>{escape(label('editions.list_intro', language))}</p>{none}"
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table><p>{criteria}</p>{reasons}")
    header = f'<a href="../">{escape(site_title)}</a>'
    return standalone_page(language, f"{label('editions.title', language)} – {site_title}", header, main, wide=True)


def _list_row(edition: Edition, roles: Roles, language: str, in_force: bool) -> list[str]:
    folder = f"../{edition.version}/"
    order = escape(label("edition.order", language, number=edition.order.number, date=edition.order.date)) \
        if edition.order else "—"
    signature = edition.signature if edition.signature != "unsigned" else label("editions.unsigned", language)
    files = "<br>".join((_link(folder + edition.pdf_name(language), label("editions.pdf", language)),
                         _link(folder + CHANGES.removesuffix(".md") + "/", label("editions.changes", language))))
    return [_link(folder, edition.title(language)),
            escape(label("editions.in_force" if in_force else "editions.superseded", language)
                   + remark([] if edition.approval_stated else ["inferred"], language)),
            escape(edition.decision(roles, language)), order,
            "<br>".join(filter(None, (escape(edition.summary.get(language, "")), edition_mends(edition, language))))
            or "—", files,
            f"<code>{escape(edition.manifest_digest or '')}</code>", escape(signature)]


def _link(url: str, text: str) -> str:
    return f'<a href="{escape(url)}">{escape(text)}</a>'
