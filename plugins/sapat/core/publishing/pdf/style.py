"""The print style sheet: ``print.css`` and the words of the page margins in the document's
language (the edition, the controlled-copy notice, "page N of M")."""

from __future__ import annotations

import re
import string
from importlib.resources import files

from ...i18n.labels import label
from ...model.editions import Edition


def print_css(edition: Edition, language: str) -> str:
    """The whole style sheet of ``edition``'s document in ``language``."""
    notice = (label("pdf.controlled", language, edition=edition.title(language)) if edition.frozen
              else label("pdf.uncontrolled", language))
    page_of = css_content(label("pdf.page_of", language), page="page", pages="pages")
    margins = (f"@page {{ @top-right {{ content: {css_string(edition.title(language))}; }}"
               f" @bottom-left {{ content: {css_string(notice)}; }} @bottom-right {{ content: {page_of}; }} }}")
    return files(__package__).joinpath("print.css").read_text(encoding="utf-8") + margins + "\n"


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string, safe inside an HTML ``<style>`` element."""
    return '"' + re.sub(r'[\\"<>&\n]', lambda m: f"\\{ord(m.group(0)):x} ", text) + '"'


def css_content(template: str, **counters: str) -> str:
    """A label with ``{placeholders}`` as a CSS ``content`` value: each placeholder becomes the
    named counter, ``"Бет {page} / {pages}"`` -> ``"Бет " counter(page) " / " counter(pages)``."""
    parts = []
    for text, field, _, _ in string.Formatter().parse(template):
        if text:
            parts.append(css_string(text))
        if field:
            parts.append(f"counter({counters[field]})")
    return " ".join(parts)
