"""What on a page could run script or load something from elsewhere: sources are untrusted.

Any pull request can change a page, and the site is read by every member of the university,
so nothing an editor writes may run in a reader's browser or make it fetch from another host.
An editor's Markdown is searched for raw HTML with Python's HTML parser (the elements and
attributes it finds, with their lines), for attribute lists (``{: onclick=…}``) and for link
definitions (``[id]: javascript:…``), each read by Python-Markdown's own patterns; what is found
is an error of ``sapat check``. Code (fenced, or in backticks) is shown as text, so it is passed
over. The same judgement of attributes and addresses decides what the build's sanitiser
(:mod:`.sanitise`) takes out of every page, should anything get past the check.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from markdown.blockprocessors import ReferenceProcessor
from markdown.extensions.attr_list import AttrListTreeprocessor, get_attrs_and_remainder

from .clauses import FENCE, INLINE_CODE
from .diagnostics import Diagnostic
from .messages import Message

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
_ATTRIBUTE_LIST = re.compile(AttrListTreeprocessor.BASE_RE)
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


class _Finder(HTMLParser):
    """Active elements and attributes in HTML (or in Markdown's raw HTML), each with its line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, Message]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag in ACTIVE_ELEMENTS:
            self.found.append((line, Message("html.element", element=tag)))
            return
        self.found += [(line, problem) for name, value in attrs
                       if (problem := attribute_problem(tag, name, value)) is not None]


def html_problems(text: str) -> list[tuple[int, Message]]:
    """Every element and attribute of HTML ``text`` that could run script or load something from
    elsewhere, with its line, as Python's HTML parser reads it."""
    finder = _Finder()
    finder.feed(text)
    finder.close()
    return finder.found


def _prose(body: str) -> str:
    """``body`` with what Markdown shows as text blanked out, line for line: fenced code and code
    in backticks. (A backslash does not escape ``<`` in Python-Markdown: ``\\<script>`` runs.)"""
    lines = body.split("\n")
    in_fence = False
    for index, line in enumerate(lines):
        if FENCE.match(line):
            in_fence = not in_fence
            lines[index] = ""
        elif in_fence:
            lines[index] = ""
        elif "`" in line:
            lines[index] = INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line)
    return "\n".join(lines)


def active_content(display: str, body: str, first_line: int = 1) -> list[Diagnostic]:
    """Everything in a page's Markdown ``body`` that could run script or load something from
    elsewhere, each an error on its line: raw HTML, attribute lists and link definitions.
    Ordinary links and images are judged with the page's other links (``checks.links``)."""
    if "<" not in body and "{" not in body and "]:" not in body:
        return []  # most pages: prose, headings and lists only
    text = _prose(body)
    found = html_problems(text) if "<" in text else []
    for number, line in enumerate(text.split("\n"), 1):
        start = line.find("{")
        while start != -1:  # each brace: "{.a} {onclick=…}" is two lists
            if match := _ATTRIBUTE_LIST.match(line, start):
                attributes, _ = get_attrs_and_remainder(match.group(1))
                found += [(number, problem) for name, value in attributes
                          if (problem := attribute_problem(None, name, value)) is not None]
            start = line.find("{", start + 1)
    for match in ReferenceProcessor.RE.finditer(text):
        address = match.group(2).removeprefix("<").removesuffix(">")
        if problem := address_problem(address, loads=False):
            found.append((text.count("\n", 0, match.start(2)) + 1, problem))
    return [Diagnostic(display, first_line + number - 1, message, Message(f"{message.key}.hint"))
            for number, message in sorted(found, key=lambda item: item[0])]
