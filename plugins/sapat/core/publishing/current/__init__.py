"""The current area of the site: pages beside the editions, outside every one of them
(``<language>/editions/`` and below), written again by every ``make site``.

What they say is true as of the day they are built, not for ever: which edition is in force,
an edition's record as the registry holds it today. So no frozen page has to say it, and each
of these pages says as of when. Each row of :data:`CURRENT_AREA` makes the pages of one kind;
adding a kind (a register, a framework's mapping) means adding a row.
"""

from __future__ import annotations

from .area import CurrentFile, CurrentPage, PageMaker, write_current_area
from .audits import audit_programme
from .criteria import criteria
from .editions import edition_records, editions_list
from .objectives import objectives
from .registers import registers
from .review import review_pages
from .sheets import current_sheets

CURRENT_AREA: tuple[PageMaker, ...] = (editions_list, edition_records, criteria, registers, current_sheets, objectives,
                                       review_pages, audit_programme)

__all__ = ["CURRENT_AREA", "CurrentFile", "CurrentPage", "PageMaker", "write_current_area"]
