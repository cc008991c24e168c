"""What on a page could run script or load something from elsewhere: sources are untrusted.

Any pull request can change a page, and the site is read by every member of the university,
so nothing an editor writes may run in a reader's browser or make it fetch from another host.
An editor's Markdown is searched, each finding with its line, for raw HTML (every tag read by
Python's HTML parser), for attribute lists (``{: onclick=…}``, read by Python-Markdown's own
pattern and parser), and for the addresses of links, images and link definitions; each is an
error of ``sapat check``. Fenced code is shown as text, so it is passed over. Where Python's
parser, a browser and Python-Markdown could read a page differently, the search takes the
reading that finds more. The same judgement of attributes and addresses decides what the
build's sanitiser (:mod:`.sanitise`) takes out of every page, should anything get past the check.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from typing import NamedTuple

from ..diagnostics import Diagnostic
from ..i18n.messages import Message
from ..model.clauses import LINK

#: Elements that run script, load or embed another document, restyle the whole page, or change
#: where the page's links and forms lead (SVG's ``set`` and ``animate`` can set a link to
#: ``javascript:``).
ACTIVE_ELEMENTS = frozenset({"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet",
                             "form", "base", "meta", "link", "portal", "fencedframe", "set", "animate"})
#: The schemes an address may have. Any other (``javascript:``, ``vbscript:``, ``data:``,
#: ``file:``…) can run script, hide a document of its own, or reach the reader's machine.
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
#: Attributes that hold an address which the browser loads with the page (``srcset``: a list).
LOADING = frozenset({"src", "srcset", "imagesrcset", "data", "poster", "background", "lowsrc", "dynsrc",
                     "codebase", "manifest", "icon", "ping"})
#: Attributes that hold an address the reader may follow, or that a form is sent to. ``href``
#: outside ``a`` and ``area`` (SVG's ``image`` and ``use``, ``link``) loads what it names.
FOLLOWED = frozenset({"href", "xlink:href", "action", "formaction", "cite", "longdesc"})
#: What in a style loads or runs something: CSS functions that fetch, ``@import``, and the
#: script hooks of old browsers.
STYLE_HAZARDS = ("url(", "image(", "image-set(", "cross-fade(", "element(", "@import", "expression(",
                 "-moz-binding", "behavior")

_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.DOTALL)
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.DOTALL)
_TAG_START = re.compile(r"<[a-zA-Z]")
#: A link definition, ``[name]: address``, wherever it stands (Python-Markdown takes one inside
#: a quote or a list item too).
_DEFINITION = re.compile(r"\[([^\[\]\n]*)\]:[ \t]*\n?[ \t]*<?([^\s>]+)")
#: An image by reference, ``![text][name]`` or ``![name]``: its definition's address is loaded.
_IMAGE_REFERENCE = re.compile(r"!\[([^\]]*)\](?:[ ]?\[([^\]]*)\])?")
_SHOWN = 60


def _short(text: str) -> str:
    """A value as a message quotes it: on one line, and not longer than a line."""
    text = " ".join(text.split())
    return text if len(text) <= _SHOWN else text[:_SHOWN - 1] + "…"


def as_browsers_read(address: str) -> str:
    """An address as a browser reads it: character references decoded, the spaces and control
    characters around it and every tab and line break in it dropped, backslashes as slashes
    (``java&#115;cript:`` and ``java\\tscript:`` are ``javascript:``; ``\\\\host`` is ``//host``)."""
    text = html.unescape(address).strip("".join(map(chr, range(0x21))))
    return re.sub(r"[\t\n\r]", "", text).replace("\\", "/")


def address_problem(address: str, loads: bool) -> Message | None:
    """Why ``address`` may not be written on a page: a scheme outside :data:`SAFE_SCHEMES`, or,
    for what the page ``loads`` (an image), another host."""
    url = as_browsers_read(address)
    scheme = _SCHEME.match(url)
    name = scheme.group(1).lower() if scheme else ""
    if scheme and name not in SAFE_SCHEMES:
        return Message("address.unsafe", address=_short(address), scheme=name)
    if loads and (url.startswith("//") or name in ("http", "https")):
        return Message("address.remote", address=_short(address))
    return None


def style_problem(style: str) -> Message | None:
    """A style that loads or runs something (:data:`STYLE_HAZARDS`), however it is escaped."""
    css = _CSS_ESCAPE.sub(lambda m: chr(min(int(m.group(1), 16), 0x10FFFF)) if m.group(1) else m.group(2),
                          html.unescape(style))
    css = "".join(_CSS_COMMENT.sub("", css).split()).lower()
    return Message("html.style", style=_short(style)) if any(word in css for word in STYLE_HAZARDS) else None


def attribute_problem(element: str | None, name: str, value: str | None) -> Message | None:
    """Why attribute ``name`` may not have ``value`` on ``element`` (None: in an attribute list,
    on whatever element it lands): an event handler, a document of its own (``srcdoc``), a style
    that loads, an address that runs or, loaded with the page, comes from another host."""
    name = name.lower()
    if not value:
        return None  # an empty handler runs nothing; a word in braces is no handler ("{ one }")
    if name.startswith("on") or name == "srcdoc":
        return Message("html.attribute", attribute=name)
    if name == "style":
        return style_problem(value)
    if name in ("srcset", "imagesrcset"):
        addresses = [part.split()[0] for part in value.split(",") if part.strip()]
    elif name in LOADING or name in FOLLOWED:
        addresses = [value]
    else:
        return None
    loads = name in LOADING or (name in ("href", "xlink:href") and element not in (None, "a", "area"))
    return next((problem for address in addresses if (problem := address_problem(address, loads))), None)


class _Read(Exception):
    """The tag is read: what follows it is another tag's business."""


class _OneTag(HTMLParser):
    """The start tag at the beginning of a text, as Python's HTML parser reads it; nothing
    after it is read (a tag never closed is read as text, and ends the reading too)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tag: tuple[str, list[tuple[str, str | None]]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tag = (tag, attrs)
        raise _Read

    def handle_data(self, data: str) -> None:
        raise _Read


def _tag_at(text: str, start: int) -> tuple[str, list[tuple[str, str | None]]] | None:
    """The element and attributes of the tag that starts at ``start``; None if none does."""
    reader = _OneTag()
    try:
        reader.feed(text[start:])
        reader.close()
    except _Read:
        pass
    return reader.tag


def html_problems(text: str) -> list[tuple[int, Message]]:
    """Every element and attribute in HTML ``text`` (or in Markdown's raw HTML) that could run
    script or load something from elsewhere, with its line.

    Each ``<`` followed by a letter is read as a tag by Python's HTML parser, wherever it
    stands: in a comment, in a ``<![…``, after a ``<`` that does not open a tag. Where a tag
    starts is what Python's parser (3.11 reads ``<!-->`` on to the next ``-->``), a browser (which
    ends a comment at ``--!>``) and Python-Markdown (which leaves ``<a <script>`` or
    ``<![i](x.png)`` as text, so that what follows runs) disagree on: read one by one, no such
    reading can hide a tag. A script's own text is read too: the script is an error anyway."""
    found: list[tuple[int, Message]] = []
    line, counted = 1, 0
    for match in _TAG_START.finditer(text):
        if (read := _tag_at(text, match.start())) is None:
            continue
        line, counted = line + text.count("\n", counted, match.start()), match.start()
        tag, attributes = read
        if tag in ACTIVE_ELEMENTS:
            found.append((line, Message("html.element", element=tag)))
            continue
        found += [(line, problem) for name, value in attributes
                  if (problem := attribute_problem(tag, name, value)) is not None]
    return found


def _overlapping(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Every match of ``pattern``, each searched for from the character after the last one's
    start: the text of a link may hold another link, a brace another attribute list, a
    definition's address another definition."""
    start = 0
    while match := pattern.search(text, start):
        yield match
        start = match.start() + 1


def _reference(name: str) -> str:
    """A link definition's name as Python-Markdown matches it: case and spacing aside."""
    return " ".join(name.split()).lower()


class _MarkdownReading(NamedTuple):
    """How Python-Markdown itself reads a fenced code block and an attribute list."""

    fenced_block: re.Pattern[str]
    attribute_list: re.Pattern[str]
    attributes: Callable[[str], tuple[list[tuple[str, str]], str]]


@functools.cache
def _python_markdown() -> _MarkdownReading:
    """Python-Markdown's own reading, loaded when a page is first read here: a check that finds
    every page kept reads none (Python-Markdown with its code highlighter took 0.035 s of every
    command's start)."""
    from markdown.extensions.attr_list import AttrListTreeprocessor, get_attrs_and_remainder
    from markdown.extensions.fenced_code import FencedBlockPreprocessor
    return _MarkdownReading(FencedBlockPreprocessor.FENCED_BLOCK_RE, re.compile(AttrListTreeprocessor.BASE_RE),
                            get_attrs_and_remainder)


def _prose(body: str) -> str:
    """``body`` as Python-Markdown reads it (tabs expanded, as its first step), with its fenced
    code blocks blanked out line for line: they are shown as text. They are found with the
    pattern of Python-Markdown's own ``fenced_code``, which reads them before any HTML, so a
    fence it would not take (indented, never closed) hides nothing. Code in backticks is not
    passed over: inside a block of raw HTML it is no code, and what it holds runs. (Nor does a
    backslash escape ``<``: ``\\<script>`` runs.)"""
    text = body.expandtabs(4)
    return _python_markdown().fenced_block.sub(lambda m: "\n" * m.group(0).count("\n"), text)


def active_content(display: str, body: str, first_line: int = 1) -> list[Diagnostic]:
    """Everything in a page's Markdown ``body`` that could run script or load something from
    elsewhere, each an error on its line: raw HTML, attribute lists, links and images (read
    with the pattern the rest of the check reads them with, :data:`~.clauses.LINK`) and link
    definitions."""
    if "<" not in body and "{" not in body and "]" not in body:
        return []  # prose, headings and lists only: no tag, attribute list, link or definition
    text = _prose(body)

    def line(position: int) -> int:
        return text.count("\n", 0, position) + 1

    found = html_problems(text) if "<" in text else []
    markdown = _python_markdown()
    for match in _overlapping(markdown.attribute_list, text):  # "{.a} {onclick=…}" is two lists
        attributes, _ = markdown.attributes(match.group(1))
        found += [(line(match.start()), problem) for name, value in attributes
                  if (problem := attribute_problem(None, name, value)) is not None]
    for match in _overlapping(LINK, text):
        if problem := address_problem(match.group("target"), loads=bool(match.group("image"))):
            found.append((line(match.start("target")), problem))
    images = {_reference(name) for match in _overlapping(_IMAGE_REFERENCE, text)
              for name in match.groups() if name is not None}  # either may be the name ("![r][[4.2]]")
    for match in _overlapping(_DEFINITION, text):
        if problem := address_problem(match.group(2), loads=_reference(match.group(1)) in images):
            found.append((line(match.start(2)), problem))
    return [Diagnostic(display, first_line + number - 1, message, Message(f"{message.key}.hint"))
            for number, message in sorted(found, key=lambda item: item[0])]
