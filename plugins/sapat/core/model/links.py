"""One rule for every link sapat writes: from a page of one edition to a page, clause or
process of the same or another edition.

The published web root holds one site per language (``ky/``, ``ru/``), each with the same
page names and clause anchors; pages use directory URLs (``04-qms.md`` is served at
``04-qms/``). Each language holds every edition in a folder of its own (``ky/2018-12-21/``,
``ky/draft/``: mike's layout, see site.py). Links are relative, so a copy of the site works
from any folder or server.

A link has one of two forms. In Markdown that MkDocs still converts, it names the source file
(``../04-qms.md#4.2.4``), so MkDocs turns it into a URL and checks it like a hand-written
link. In HTML that sapat inserts after conversion (diagrams, notices, the language selector),
it is the final URL (``../../ru/04-qms/#4.2.4``).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, replace
from enum import Enum

from ..i18n.languages import LANGUAGES


class LinkForm(Enum):
    """Which of the two forms a link takes (see the module's docstring)."""

    SOURCE = "source"
    URL = "url"


@dataclass(frozen=True)
class Location:
    """A place on the published site: a page (or a clause on it) of one language edition."""

    language: str
    page: str
    anchor: str = ""
    #: The edition's folder (``2018-12-21``, ``draft``, the alias ``latest``); empty where the
    #: site has no editions (``mkdocs serve``).
    version: str = ""
    #: Whether pages are files (``04-qms.html``) rather than folders: an edition's offline copy,
    #: opened from disk, where a folder's address shows a listing (MkDocs' ``use_directory_urls:
    #: false``). A link to a page of the same edition takes that form; any other is on the site.
    file_urls: bool = False


def page_url(page: str, file_urls: bool = False) -> str:
    """The URL of a page inside its edition: ``04-qms.md`` -> ``04-qms/``, ``index.md`` -> ``""``
    (with ``file_urls``: ``04-qms.html``, ``index.html``); a file that is no page keeps its name
    (``jamu-qms-draft-ky.pdf``)."""
    if not page.endswith(".md"):
        return page
    stem = page[: -len(".md")]
    if file_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def edition_root(language: str, version: str = "") -> str:
    """Where one language of an edition lives in the web root."""
    return f"{language}/{version}/" if version else f"{language}/"


def href(target: Location, here: Location, form: LinkForm) -> str:
    """The relative link from ``here`` to ``target`` in the given form."""
    fragment = f"#{target.anchor}" if target.anchor else ""
    if form is LinkForm.SOURCE:
        if (target.language, target.version) != (here.language, here.version):
            raise ValueError("a link to another language or edition has no source form; use LinkForm.URL")
        if target.page == here.page and fragment:
            return fragment
        folder = posixpath.dirname(here.page)
        return posixpath.relpath("/" + target.page, "/" + folder) + fragment  # rooted: no getcwd()
    source = edition_root(here.language, here.version) + page_url(here.page, here.file_urls)
    in_edition = (target.language, target.version) == (here.language, here.version)  # else on the site: folders
    destination = edition_root(target.language, target.version) + page_url(target.page, here.file_urls and in_edition)
    if destination == source and fragment:
        return fragment
    return relative_url(destination, source) + fragment


def relative_url(destination: str, source: str) -> str:
    """``destination`` relative to the page served at ``source`` (both from the web root)."""
    base = source if source.endswith("/") else posixpath.dirname(source) + "/"
    relative = posixpath.relpath("/" + destination, "/" + base)
    if relative == ".":
        return "./"
    return relative + "/" if destination.endswith("/") and not relative.endswith("/") else relative


#: How a page sapat generates links to a place outside its edition (the list of editions, the
#: registers) before it knows its own address: the place's path from the web root after this
#: mark, made relative when the page is finished (:func:`resolve_site_links`), so that it is
#: right from a page served as a folder (``04-qms/``) and from one that is a file (``04-qms.html``).
SITE_LINK = "sapat-site:"
_SITE_LINK = re.compile(r'href="sapat-site:([^"#]*)([^"]*)"')


def site_link(target: Location) -> str:
    """The address of ``target`` (a place of the web root) as a generated page writes it."""
    fragment = f"#{target.anchor}" if target.anchor else ""
    return SITE_LINK + edition_root(target.language, target.version) + page_url(target.page) + fragment


def resolve_site_links(html: str, here: Location) -> str:
    """Every :func:`site_link` of page ``here``'s HTML made relative to the page."""
    source = edition_root(here.language, here.version) + page_url(here.page, here.file_urls)
    return _SITE_LINK.sub(lambda match: f'href="{relative_url(match[1], source)}{match[2]}"', html)


def clause_target(clause: str) -> str:
    """The symbolic target of a clause, for code that does not know where pages are yet."""
    return f"clause:{clause}"


def process_target(process_id: str) -> str:
    """The symbolic target of a process's page."""
    return f"process:{process_id}"


@dataclass(frozen=True)
class LinkTarget:
    """A link ready to write: where it goes, what it shows, and its tooltip."""

    href: str
    label: str
    title: str


def alternates(here: Location) -> list[tuple[str, str, str]]:
    """The same page in every language edition, for the language selector:
    (language code, the language's own name, link)."""
    return [(code, language.name, href(replace(here, language=code, anchor=""), here, LinkForm.URL))
            for code, language in LANGUAGES.items()]


#: The folder of the generated process pages, in every language.
PROCESS_FOLDER = "processes"


def process_page(process_id: str) -> str:
    """The name of a process's generated page."""
    return f"{PROCESS_FOLDER}/{process_id}.md"
