"""The questions of an audit checklist as a table a screen reader can name cells in.

A checklist page writes each clause's questions as a Markdown table inside
``<div class="sapat-audit" markdown="1">`` (:mod:`sapat.core.publishing.generated.audits`): the
same table as raw HTML with Markdown in its cells cost Python-Markdown far more (it parses the
HTML twice, and each cell as a block of its own). What a Markdown table cannot say is added
here, on the tree: each column's header scope and class (the column widths), and each row's
number as the row's header, so a screen reader says which requirement a finding belongs to; a
list item's requirement (numbered under its line, "3.1") is indented.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Sequence

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor


class _ChecklistTables(Treeprocessor):
    def __init__(self, md: Markdown, block_class: str, columns: Sequence[str]):
        super().__init__(md)
        self.block_class, self.columns = block_class, columns

    def run(self, root: etree.Element) -> None:
        for block in root.iter("div"):
            if self.block_class in block.get("class", "").split():
                for table in block.iter("table"):
                    self._mark(table)

    def _mark(self, table: etree.Element) -> None:
        for cell, key in zip(table.iterfind("thead/tr/th"), self.columns, strict=False):
            cell.set("scope", "col")
            cell.set("class", f"{self.block_class}-{key}")
        for row in table.iterfind("tbody/tr"):
            number, requirement = row[0], row[1]
            number.tag = "th"
            number.set("scope", "row")
            if "." in (number.text or ""):
                requirement.set("class", f"{self.block_class}-item")


class ChecklistTablesExtension(Extension):
    """Marks the tables inside the blocks of class ``block_class``: a column's header gets the
    class ``<block_class>-<key>`` of its key in ``columns``; any other table is left as it is."""

    def __init__(self, block_class: str, columns: Sequence[str]):
        super().__init__()
        self.block_class, self.columns = block_class, columns

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802  # Python-Markdown's name
        # After the inline patterns (20): the cells' text is final, only tags and attributes change.
        md.treeprocessors.register(_ChecklistTables(md, self.block_class, self.columns), "sapat-checklist-tables", 5)


__all__ = ["ChecklistTablesExtension"]
