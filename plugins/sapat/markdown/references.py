"""``[[4.2.4]]`` references as links, and "referenced from" lines under clause headings.

The extension knows nothing about pages or URLs: the caller resolves a clause id to a
:class:`~sapat.core.model.links.LinkTarget` (sapat's core computes every link) and is told about a
reference it could not resolve, so that it can fail the build the way mkdocs-autorefs does.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Sequence

from markdown import Extension, Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from ..core.model.clauses import REFERENCE, clause_id, reference_id
from ..core.model.links import LinkTarget
from ..core.publishing.search import NOT_SEARCHED_ATTRIBUTE

Resolve = Callable[[str], "LinkTarget | None"]


class _ReferenceProcessor(InlineProcessor):
    def __init__(self, extension: ReferencesExtension):
        super().__init__(REFERENCE.pattern)
        self.extension = extension

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # type: ignore[override]  # noqa: N802
        written = m.group("target")
        target = self.extension.resolve(reference_id(written))
        if target is None:
            self.extension.on_missing(written)
            element = etree.Element("span", {"class": "sapat-ref sapat-ref--broken"})
        else:
            element = etree.Element("a", {"class": "sapat-ref", "title": target.title, "href": target.href})
        element.text = written
        return element, m.start(0), m.end(0)


class _BacklinksProcessor(Treeprocessor):
    """After each clause heading, list the clauses that refer to it."""

    def __init__(self, md: Markdown, extension: ReferencesExtension):
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

    def _paragraph(self, sources: Sequence[LinkTarget]) -> etree.Element:
        paragraph = etree.Element("p", dict([("class", "sapat-backlinks"), NOT_SEARCHED_ATTRIBUTE]))
        paragraph.text = self.extension.backlinks_label + " "
        for number, source in enumerate(sources):
            link = etree.SubElement(paragraph, "a", {"href": source.href, "title": source.title})
            link.text = source.label
            link.tail = ", " if number < len(sources) - 1 else ""
        return paragraph


class ReferencesExtension(Extension):
    """Turns ``[[...]]`` into links and adds backlinks, with every lookup done by the caller.

    ``resolve`` maps a clause id to its link from the page being rendered; ``backlinks`` gives
    the links to the clauses that refer to a clause; ``on_missing`` hears of every reference
    that ``resolve`` did not know (it is rendered as plain text, never as a dead link).
    """

    def __init__(self, resolve: Resolve, backlinks: Callable[[str], Sequence[LinkTarget]],
                 on_missing: Callable[[str], None], backlinks_label: str):
        super().__init__()
        self.resolve = resolve
        self.backlinks = backlinks
        self.on_missing = on_missing
        self.backlinks_label = backlinks_label

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown API
        md.inlinePatterns.register(_ReferenceProcessor(self), "sapat-references", 175)
        md.treeprocessors.register(_BacklinksProcessor(md, self), "sapat-backlinks", 4)
