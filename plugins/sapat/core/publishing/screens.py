"""How pages use the screen: wide tables scroll in a region of their own, and the generated
pages that are mostly a wide table take the width the table of contents would leave empty.

A phone 360 px wide must never scroll a whole page sideways. A table wider than the screen
scrolls inside a wrapper that a keyboard can reach (``tabindex``) and that says what it is
(``role="region"`` with a name), so screen-reader and keyboard users can scroll it too.
"""

from __future__ import annotations

import re
from html import escape

from ..model.editions import EDITIONS
from .generated.coverage import COVERAGE
from .generated.processes import INTERACTION_MATRIX, OBJECTIVES, PROCESS_INDEX
from .generated.registers import GLOSSARY, REGISTER, TRANSLATION_STATUS

#: Generated pages whose content is a wide table or figure and whose headings need no table of contents.
FULL_WIDTH_PAGES = frozenset({REGISTER, GLOSSARY, TRANSLATION_STATUS, OBJECTIVES, EDITIONS, COVERAGE,
                              PROCESS_INDEX, INTERACTION_MATRIX})

_TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL)


def scrollable_tables(html: str, name: str) -> str:
    """Every table of ``html`` inside a focusable, named scroll region called ``name``.

    Tables do not nest in what Markdown and sapat write, so each match is one whole table.
    """
    opening = f'<div class="sapat-scroll" role="region" tabindex="0" aria-label="{escape(name)}">'
    return _TABLE.sub(lambda table: opening + table.group(0) + "</div>", html)


def hidden_sidebars(name: str) -> list[str]:
    """The theme's ``hide`` value for page ``name``: the table of contents on full-width pages."""
    return ["toc"] if name in FULL_WIDTH_PAGES else []
