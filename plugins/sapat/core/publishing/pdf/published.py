"""Where an edition's PDF is published, and the link every page of that edition shows to it."""

from __future__ import annotations

from dataclasses import replace
from html import escape

from ...i18n.labels import label
from ...model.editions import Edition
from ...model.links import LinkForm, Location, href
from ..search import NOT_SEARCHED


def pdf_link(edition: Edition, here: Location) -> str:
    """The link from page ``here`` to the whole edition as one PDF in the reader's language;
    none in the draft, which is typeset only on request (``sapat pdf``)."""
    if not edition.frozen:
        return ""
    url = href(replace(here, page=edition.pdf_name(here.language), anchor=""), here, LinkForm.URL)
    text = label("pdf.link", here.language, edition=edition.title(here.language))
    return f'<p class="sapat-pdf" {NOT_SEARCHED}><a href="{escape(url)}" type="application/pdf">{escape(text)}</a></p>'
