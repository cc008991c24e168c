"""The page listing the editions: every frozen edition with its approval, the order that put it
into effect, its summary and the digest of its manifest, and the draft."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from ..editions import DRAFT, Edition, draft_edition
from ..labels import label
from ..links import LinkForm, Location, href
from ..pdf.published import pdf_file_name
from .changes import CHANGES
from .markdown import md, table

if TYPE_CHECKING:
    from ..project import Project

EDITIONS = "editions.md"


def editions_page(project: Project, language: str) -> str:
    """The editions, newest first; the links lead to each edition's home page."""
    frozen = list(reversed(project.editions))
    lines = [f"# {label('editions.title', language)}", "", label("editions.intro", language), ""]
    if not frozen:
        lines += [label("editions.none", language), ""]
    rows = [_row(project, edition, language, in_force=index == 0) for index, edition in enumerate(frozen)]
    draft = draft_edition()
    rows.append([_home_link(DRAFT, label("edition.draft", language), language), "—", "—", "—",
                 _take_away(draft, language), "—", "—", label("editions.draft", language)])
    headers = [label(key, language) for key in ("editions.version", "editions.approval", "editions.order",
                                                "editions.summary", "editions.files", "editions.manifest",
                                                "editions.signature", "editions.state")]
    return "\n".join(lines + table(headers, rows)) + "\n"


def _row(project: Project, edition: Edition, language: str, in_force: bool) -> list[str]:
    approval = f"{md(project.roles.name(edition.approved_by or '', language))}, {md(edition.approval_date or '')}, " \
               f"{label('protocol', language)} {md(edition.protocol or '')}"
    order = md(label("edition.order", language, number=edition.order.number, date=edition.order.date)) \
        if edition.order else "—"
    signature = edition.signature if edition.signature != "unsigned" else label("editions.unsigned", language)
    return [_home_link(edition.version, edition.title(language), language), approval, order,
            md(edition.summary.get(language, "")) or "—", _take_away(edition, language),
            f"`{edition.manifest_digest}`", md(signature),
            label("editions.in_force" if in_force else "editions.superseded", language)]


def _take_away(edition: Edition, language: str) -> str:
    """What a reviewer takes from an edition: its PDF and its changes page."""
    return "<br>".join(_link(edition.version, page, label(key, language), language)
                       for page, key in ((pdf_file_name(edition, language), "editions.pdf"),
                                         (CHANGES, "editions.changes")))


def _home_link(version: str, title: str, language: str) -> str:
    return _link(version, "index.md", title, language)


def _link(version: str, page: str, text: str, language: str) -> str:
    """A link to a page or file of an edition. It leaves this edition's site, which MkDocs cannot
    check, so it is written as HTML; sapat computes it like every link."""
    url = href(Location(language, page, version=version), Location(language, EDITIONS, version=DRAFT),
               LinkForm.URL)
    return f'<a href="{escape(url)}">{escape(text)}</a>'
