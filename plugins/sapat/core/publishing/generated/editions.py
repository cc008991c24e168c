"""The editions of the manual, on two kinds of page, so that no frozen page states what a
later release would make false.

- Every edition, the draft included, has an "editions" page holding only what stays true of
  that edition for ever: its record (:func:`~..page_header.edition_record`: the decision as its source states
  it, what the editors inferred and why, the order, the summary, its PDF and changes page) and
  a link to the list of editions.
- The list of editions, which says which one is in force, and each edition's record live
  outside every edition, in the current area (:mod:`..current.editions`), written again by
  every ``make site``.
"""

from __future__ import annotations

from html import escape

from ...i18n.labels import label
from ...model.editions import EDITIONS_LIST
from ...model.links import Location, site_link
from ...model.project import Project
from ..search import NOT_SEARCHED


def editions_page(project: Project, language: str) -> str:
    """The editions page of any edition: what an edition is, how to check one, and the way to
    the list of editions (its record is put under the title when the edition is built). The
    same words in every edition: search finds the page by its title, not by them."""
    del project  # the same words in every edition: what differs is the record, see edition_record
    to_list = site_link(Location(language, f"{EDITIONS_LIST}/index.md"))  # beside the editions
    link = f'<a href="{to_list}">{escape(label("editions.list_link", language))}</a>'
    return "\n".join([f"# {label('editions.title', language)}", "", f"<div {NOT_SEARCHED} markdown>", "",
                      label("editions.intro", language), "", f"<p>{link}</p>", "", "</div>", ""])
