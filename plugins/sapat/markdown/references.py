"""``[[4.2.4]]`` references as links, clause anchors, and "referenced from" lines.

Links are emitted as ordinary ``page.md#anchor`` hrefs so that the site generator turns them
into URLs and validates their anchors, like any link an editor writes by hand.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
import xml.etree.ElementTree as etree
from typing import Callable, Sequence

from markdown import Extension, Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from ..core.clauses import REFERENCE, Target, clause_anchor, clause_id, reference_id


def slugify(value: str, separator: str = "-") -> str:
    """Heading ids: a clause's number (``4.2.3``), otherwise a Unicode slug of the text.

    Used as the ``toc`` extension's slugify, so every clause anchor is predictable.
    """
    if ident := clause_id(value):
        return clause_anchor(ident)
    text = unicodedata.normalize("NFC", value).lower()
    text = re.sub(r"[^\w\s-]", "", text)
    return re.sub(r"[\s-]+", separator, text).strip(separator)


class _ReferenceProcessor(InlineProcessor):
    def __init__(self, extension: "ReferencesExtension"):
        super().__init__(REFERENCE.pattern)
        self.extension = extension

    def handleMatch(self, m: re.Match, data: str):  # noqa: N802 - Python-Markdown API
        written = m.group("target")
        target = self.extension.lookup(reference_id(written))
        if target is None:
            element = etree.Element("span", {"class": "sapat-ref sapat-ref--broken"})
        else:
            element = etree.Element("a", {"class": "sapat-ref", "title": target.title,
                                          "href": self.extension.href(target)})
        element.text = written
        return element, m.start(0), m.end(0)


class _BacklinksProcessor(Treeprocessor):
    """After each clause heading, list the clauses that refer to it."""

    def __init__(self, md: Markdown, extension: "ReferencesExtension"):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for position, child in reversed(list(enumerate(parent))):
                if not re.fullmatch(r"h[1-6]", child.tag):
                    continue
                ident = clause_id("".join(child.itertext()))
                sources = self.extension.backlinks(ident) if ident else ()
                if sources:
                    parent.insert(position + 1, self._paragraph(sources))

    def _paragraph(self, sources: Sequence[Target]) -> etree.Element:
        paragraph = etree.Element("p", {"class": "sapat-backlinks"})
        paragraph.text = self.extension.backlinks_label + " "
        for number, source in enumerate(sources):
            link = etree.SubElement(paragraph, "a", {"href": self.extension.href(source),
                                                     "title": source.title})
            link.text = source.label
            link.tail = ", " if number < len(sources) - 1 else ""
        return paragraph


class ReferencesExtension(Extension):
    """Turns ``[[...]]`` into links and adds backlinks, with lookups supplied by the caller."""

    def __init__(self, lookup: Callable[[str], Target | None],
                 backlinks: Callable[[str], Sequence[Target]],
                 current_page: Callable[[], str], backlinks_label: str):
        super().__init__()
        self.lookup = lookup
        self.backlinks = backlinks
        self.current_page = current_page
        self.backlinks_label = backlinks_label

    def href(self, target: Target) -> str:
        """A link from the page being rendered to ``target``, relative like a hand-written one."""
        here = posixpath.dirname(self.current_page())
        return f"{posixpath.relpath(target.page, here or '.')}#{target.anchor}"

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown API
        md.inlinePatterns.register(_ReferenceProcessor(self), "sapat-references", 175)
        md.treeprocessors.register(_BacklinksProcessor(md, self), "sapat-backlinks", 4)
