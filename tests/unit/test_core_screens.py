"""Screens: wide tables scroll in named regions; wide generated pages hide the toc column."""

from __future__ import annotations

import re

from sapat.core.publishing.generated import FULL_WIDTH_PAGES, hidden_sidebars
from sapat.core.publishing.screens import scrollable_tables


def test_every_table_scrolls_in_a_named_region_a_keyboard_reaches():
    html = "<p>a</p><table>\n<tr><td>1</td></tr></table><p>b</p><table class=x><tr><td>2</td></tr></table>"
    wrapped = scrollable_tables(html, 'Таблица "1"')
    regions = re.findall(r'<div class="sapat-scroll" role="region" tabindex="0" aria-label="([^"]*)"><table', wrapped)
    assert regions == ["Таблица &quot;1&quot;"] * 2
    assert wrapped.count("</table></div>") == 2 and wrapped.startswith("<p>a</p>")


def test_only_the_wide_generated_pages_hide_the_table_of_contents():
    assert all(hidden_sidebars(name) == ["toc"] for name in FULL_WIDTH_PAGES)
    assert hidden_sidebars("04-qms.md") == [] and hidden_sidebars("processes/purchasing.md") == []
