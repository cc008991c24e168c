"""CriticMarkup (pymdownx.critic): how sapat marks a change, and why an editor's text cannot.

The site renders ``{++inserted++}``, ``{--deleted--}`` and ``{~~old~>new~~}`` as ``<ins>`` and
``<del>``. Only the changes page writes them. Text taken from the sources has its braces
written as character references (:func:`inert`), so no mark can open or close inside it; and a
mark written into the manual's own pages is an error of ``sapat check``, because the page would
show as changed a text nobody changed.
"""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic
from ..i18n.messages import Message


def insert(text: str) -> str:
    return f"{{++{text}++}}"


def delete(text: str) -> str:
    return f"{{--{text}--}}"


def substitute(old: str, new: str) -> str:
    return f"{{~~{old}~>{new}~~}}"


def inert(text: str) -> str:
    """Markdown text in which no CriticMarkup (nor any ``{: attribute list}``) can start or end:
    its braces become character references, which read the same."""
    return text.replace("{", "&#123;").replace("}", "&#125;")


#: Every kind of mark, by the two characters after its ``{``, with what closes it.
_CLOSERS = {"++": "++}", "--": "--}", "~~": "~~}", "==": "==}", ">>": "<<}"}
_OPENER = re.compile(r"\{(\+\+|--|~~|==|>>)")


def marks_in(display: str, body: str, first_line: int) -> list[Diagnostic]:
    """CriticMarkup in an editor's page, with its line: what pymdownx.critic would render.

    A kind of mark with no closer after one opener has none after a later one either, so each
    kind's closer is searched for once at most without success (the text is read in linear time).
    """
    problems = []
    unclosed: set[str] = set()
    position = 0
    while match := _OPENER.search(body, position):
        kind = match.group(1)
        position = match.end()
        if kind in unclosed:
            continue
        middle = body.find("~>", position) if kind == "~~" else position
        close = body.find(_CLOSERS[kind], middle) if middle != -1 else -1
        if close == -1:
            unclosed.add(kind)
            continue
        written = " ".join(body[match.start():close + 3].split())
        problems.append(Diagnostic(
            display, first_line + body.count("\n", 0, match.start()),
            Message("critic.mark", written=written[:60]), Message("critic.mark.hint")))
        position = close + 3
    return problems
