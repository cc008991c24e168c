"""How pages use the screen: wide tables scroll in a region of their own (the generated pages
that are mostly a wide table also take the width the table of contents would leave empty:
:func:`sapat.core.publishing.generated.hidden_sidebars`).

A phone 360 px wide must never scroll a whole page sideways. A table wider than the screen
scrolls inside a wrapper that a keyboard can reach (``tabindex``) and that says what it is
(``role="region"`` with a name), so screen-reader and keyboard users can scroll it too.
"""

from __future__ import annotations

import re
from html import escape

_TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL)


def scrollable_tables(html: str, name: str) -> str:
    """Every table of ``html`` inside a focusable, named scroll region called ``name``.

    Tables do not nest in what Markdown and sapat write, so each match is one whole table.
    """
    opening = f'<div class="sapat-scroll" role="region" tabindex="0" aria-label="{escape(name)}">'
    return _TABLE.sub(lambda table: opening + table.group(0) + "</div>", html)
