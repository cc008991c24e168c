"""The print document of one edition in one language: one HTML file that WeasyPrint typesets.

It holds a cover with the edition's approval, the document-control table of every page, a
table of contents, then every page of the manual in the order of the navigation, and after them
the registers of the day (:mod:`.registers`), marked as no part of the approved text. Of the
manual only the pages themselves are printed: the pages sapat generates (process pages,
register, glossary...) are views of the same data, not the approved text, but the figures of
Appendix 1 and 2 are drawn under their headings as on the site. Markdown is converted with the extensions the
site uses; every link is a link inside the document (``#4.2.4``), and text from an editor's
file is escaped like on the site.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Sequence
from html import escape

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from ....markdown import ReferencesExtension, slugify
from ...diagrams import insert_diagrams
from ...i18n.labels import label
from ...i18n.languages import LANGUAGES
from ...model.clauses import clause_id
from ...model.control import DocumentControl, TranslationState
from ...model.editions import Edition
from ...model.links import LinkTarget
from ...model.pages import Page
from ...model.project import Project
from ..page_header import (
    appendix_figures,
    approval_text,
    draft_mark,
    edition_reasons,
    marked,
    records_lines,
    under_title,
)
from .registers import ANCHOR, record_targets, registers_section
from .style import print_css

#: Clause levels listed in the table of contents: "4", "4.2" (not "4.2.3"); a clause without a
#: title ("1.1", a numbered paragraph) is not listed.
CONTENTS_DEPTH = 2


def printed_pages(project: Project, language: str) -> list[Page]:
    """The manual's controlled pages of ``language`` in the order of the navigation (generated
    pages and the editors' guide left out: they are not the approved text)."""
    files = project.languages[language].files
    entries = project.nav.entries if project.nav else []
    return [files[entry.page] for entry in entries if entry.page in files and files[entry.page].controlled]


def page_anchor(name: str) -> str:
    """The id of a page's section in the document: ``04-qms.md`` -> ``page-04-qms``."""
    return "page-" + name.removesuffix(".md").replace("/", "-")


def print_document(project: Project, edition: Edition, language: str, attachments: Sequence[str] = ()) -> str:
    """The whole edition in ``language`` as one HTML document for print; the cover names the
    ``attachments`` the PDF carries."""
    pages = printed_pages(project, language)
    title = pages[0].title if pages else LANGUAGES[language].site_title  # the title page's (index.md)
    chapters = "".join(_chapter(project, page, {p.name for p in pages}) for page in pages)
    registers = registers_section(project, language, typeset_day(project, edition))
    meta = {"author": label("pdf.university", language),
            "description": f"{title} · {edition.title(language)}",
            "generator": "sapat",
            "dcterms.created": typeset_day(project, edition), "dcterms.modified": remade_day(project, edition)}
    head = "".join(f'<meta name="{name}" content="{escape(value)}">' for name, value in meta.items())
    return (f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title>{head}<style>{print_css(edition, language)}</style></head>"
            f"<body>{_cover(project, edition, language, title, attachments)}{_control_table(project, pages, language)}"
            f"{_contents(pages, language, registers)}{chapters}{registers}"
            # Last: a fixed box before the pages' content would hide their running header's strings.
            f"{draft_mark(edition, language)}</body></html>\n")


def typeset_day(project: Project, edition: Edition) -> str:
    """The day the PDF was first made: an edition's release (recorded, so the file can be made
    again byte for byte), the draft's build."""
    return edition.released or project.today.isoformat()


def remade_day(project: Project, edition: Edition) -> str:
    """The day the PDF was last made: the edition's last mend (``sapat mend``), or its release."""
    return edition.mends[-1].date if edition.mends else typeset_day(project, edition)


# --------------------------------------------------------------------------- front matter

def _cover(project: Project, edition: Edition, language: str, title: str, attachments: Sequence[str]) -> str:
    def line(kind: str, text: str) -> str:
        return f'<p class="cover-{kind}">{escape(text)}</p>'

    lines = [line("university", label("pdf.university", language)),
             f'<h1 class="cover-title">{escape(title)}</h1>',
             f'<p class="cover-edition">{escape(label("pdf.edition", language))}: '
             f"<b>{escape(edition.title(language))}</b></p>"]
    if edition.frozen:
        lines.append(line("approval", edition.decision(project.roles, language)))
        if edition.order:
            lines.append(line("order", label("pdf.order", language, number=edition.order.number,
                                             date=edition.order.date)))
        if edition.inferred:
            lines.append(f'<div class="cover-inferred"><p>{escape(label("inferred_note", language))}</p>'
                         f"{edition_reasons(edition, language)}</div>")
    else:
        lines.append(line("draft", label("pdf.draft_cover", language, date=project.today.isoformat())))
    if attachments:
        lines.append(line("attachments", label("pdf.attachments", language, files=", ".join(attachments))))
    return f'<section class="cover">{"".join(lines)}</section>'


def _control_table(project: Project, pages: Sequence[Page], language: str) -> str:
    """Document control of every printed page, from the Kyrgyz page's metadata."""
    headers = ("register.code", "register.title_col", "revision", "status", "approved", "pdf.protocol")
    rows = []
    for page in pages:
        control = project.control(page.name)
        if control is None:
            continue
        cells = (control.code, page.title, str(control.revision),
                 marked(control, "status", label("status." + control.shown_status, language), language),
                 marked(control, "approval_date", control.approval_date or "", language),
                 marked(control, "protocol", control.protocol or "", language))
        rows.append("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in cells) + "</tr>")
    head = "".join(f'<th scope="col">{escape(label(key, language))}</th>' for key in headers)
    return (f'<section class="control"><h1>{escape(label("pdf.control_table", language))}</h1>'
            f'<table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></section>')


def _contents(pages: Sequence[Page], language: str, registers: str) -> str:
    """Every page and its clauses down to :data:`CONTENTS_DEPTH`, with page numbers (CSS), and
    the registers when they are printed."""
    items = []
    for page in pages:
        clauses = [c for c in page.scan.clauses  # the page's own title ("4. ...") is the entry itself
                   if c.id.count(".") < CONTENTS_DEPTH and c.heading not in (c.id, page.title)]
        sub = "".join(f'<li><a href="#{escape(c.id)}">{escape(c.heading)}</a></li>' for c in clauses)
        items.append(f'<li><a href="#{page_anchor(page.name)}">{escape(page.title)}</a>'
                     + (f"<ol>{sub}</ol>" if sub else "") + "</li>")
    if registers:
        items.append(f'<li><a href="#{ANCHOR}">{escape(label("registers.title", language))}</a></li>')
    return (f'<nav class="contents"><h1>{escape(label("pdf.contents", language))}</h1>'
            f'<ol>{"".join(items)}</ol></nav>')


# --------------------------------------------------------------------------- the manual's pages

def _chapter(project: Project, page: Page, printed: set[str]) -> str:
    """One page of the manual: its code line (the running header's), its text, its figures."""
    language = page.language
    control = project.control(page.name)
    code = _control_line(project, control, page.title, language) if control else ""

    def diagram_link(target: str) -> str | None:
        kind, _, ident = target.partition(":")
        return f"#{ident}" if kind == "clause" and _clause_page(project, language, ident) in printed else None

    html = insert_diagrams(_convert(project, page, printed), project.process_model, language, diagram_link,
                           project.drawings)
    html = records_lines(html, lambda clause: record_targets(project, clause, language), language)
    block = _stale_notice(project, page) + appendix_figures(project, page, diagram_link)
    return (f'<article class="chapter" id="{page_anchor(page.name)}">{code}'
            f"{_caption_under_drawing(under_title(html, block))}</article>")


#: A figure's text version and its caption, as :func:`~..diagrams.svg.figure` writes them.
_TEXT_VERSION_THEN_CAPTION = re.compile(
    r'(<details class="sapat-diagram-text".*?</details>)(<figcaption\b.*?</figcaption>)', re.DOTALL)


def _caption_under_drawing(html: str) -> str:
    """Each figure's caption right under its drawing, before the text version: on paper the
    text version can run over pages, and the caption belongs on the drawing's page."""
    return _TEXT_VERSION_THEN_CAPTION.sub(r"\2\1", html)


def _control_line(project: Project, control: DocumentControl, title: str, language: str) -> str:
    """The page's document control in one line; its code and revision, and its title as the
    clause at its start, run in the page header."""
    parts = [marked(control, "status", label("status." + control.shown_status, language), language)]
    if control.approval_date:
        parts.append(f'{label("approval", language)}: {approval_text(control, project.roles, language)}')
    code = f'{control.code} · {label("revision", language)} {control.revision}'
    return (f'<p class="chapter-control" data-title="{escape(title)}"><span class="chapter-code">{escape(code)}</span>'
            f' · {escape(" · ".join(parts))}</p>')


def _stale_notice(project: Project, page: Page) -> str:
    if project.translation_state(page.name, page.language) is not TranslationState.STALE:
        return ""
    clauses = ", ".join(project.lagging_clauses(page.name, page.language))
    return f'<p class="notice">{escape(label("pdf.stale", page.language, clauses=clauses))}</p>'


def _clause_page(project: Project, language: str, ident: str) -> str | None:
    """The name of the page that holds clause ``ident`` (None when there is no such clause)."""
    pages = project.languages[language]
    clause = pages.index.clauses.get(ident)
    return pages.by_display[clause.page].name if clause else None


def _convert(project: Project, page: Page, printed: set[str]) -> str:
    """The page's Markdown as HTML, with the site's extensions and links inside the document."""
    language = page.language
    clauses = project.languages[language].index

    def clause_link(ident: str) -> LinkTarget | None:
        clause = clauses.clauses.get(ident)
        if clause is None or _clause_page(project, language, ident) not in printed:
            return None
        return LinkTarget(f"#{ident}", clause.label, clause.heading)

    def backlinks(ident: str) -> list[LinkTarget]:
        return [link for clause in clauses.referring_clauses(ident) if (link := clause_link(clause.id))]

    references = ReferencesExtension(resolve=clause_link, backlinks=backlinks,
                                     on_missing=lambda written: None,  # the project's check reported it
                                     backlinks_label=label("backlinks", language))
    converter = Markdown(extensions=[references, "attr_list", "md_in_html", "tables", "toc",
                                     _DocumentLinks(page.name, printed, set(clauses.clauses))],
                         extension_configs={"toc": {"slugify": slugify}})
    return converter.convert(page.body)


class _DocumentLinks(Extension):
    """Ids and links made to work in one document of many pages.

    A clause keeps its number as id; any other id gets its page's prefix (two pages may share
    a heading). A link to a printed page or anchor points inside the document; any other link
    (another host, a generated page) becomes plain text: the PDF is read on its own.
    """

    def __init__(self, page: str, printed: set[str], clauses: set[str]):
        super().__init__()
        self.page = page
        self.printed = printed
        self.clauses = clauses

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown API
        # After the toc extension (5) gave headings their ids and the backlinks (4) were added.
        md.treeprocessors.register(_LinkRewriter(md, self), "sapat-document-links", 1)

    def anchor(self, page: str, ident: str) -> str:
        """The document-wide id of ``ident`` on ``page``."""
        return ident if ident in self.clauses else f"{page_anchor(page)}-{ident}"

    def target(self, href: str) -> str | None:
        """Where a link of the page leads in the document; None when it leads out of it."""
        path, _, fragment = href.partition("#")
        if ":" in path or path.startswith("/"):
            return None
        name = posixpath.normpath(posixpath.join(posixpath.dirname(self.page), path)) if path else self.page
        if name not in self.printed:
            return None
        return "#" + (self.anchor(name, fragment) if fragment else page_anchor(name))


class _LinkRewriter(Treeprocessor):
    def __init__(self, md: Markdown, links: _DocumentLinks):
        super().__init__(md)
        self.links = links

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if (ident := element.get("id")) is not None:
                if ident in self.links.clauses and clause_id("".join(element.itertext())) == ident:
                    element.set("class", "clause")
                element.set("id", self.links.anchor(self.links.page, ident))
            if element.tag == "a" and "href" in element.attrib:
                target = self.links.target(element.attrib.pop("href"))
                if target is None:
                    element.tag = "span"
                else:
                    element.set("href", target)
