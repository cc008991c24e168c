"""What Material's search indexes: Kyrgyz as readers type it, and no drawings.

On a Russian keyboard ө, ү, ң are written о, у, н.
lunr, the search library Material for MkDocs runs in the reader's browser, has no Kyrgyz. The
Kyrgyz edition gets a small lunr language of its own (``lunr.ky``, written from ``lunr.ky.js``
here) that indexes every word holding ө, ү or ң twice: as written and folded by
:func:`fold_kyrgyz`. The folding table is defined once, here; the script is generated from it.

A diagram's SVG is set aside while the search plugin reads a page (:func:`set_drawings_aside`)
and put back into the finished page: its text version, beside it, says the same in sentences,
where the drawing's labels would be indexed as broken pieces glued together.

What sapat adds around the manual's text (document control, the editors' inference notes,
notices, the link to the PDF, backlinks, an edition's record) carries :data:`NOT_SEARCHED`: the
index holds the manual's words, and a result's preview quotes them, not the same labels on
every page.
"""

from __future__ import annotations

import hashlib
import json
import re
from importlib import resources

KYRGYZ = "ky"
#: The Kyrgyz letters a Russian keyboard lacks, and what readers type instead.
KYRGYZ_LETTERS = "өүңӨҮҢ"
TYPED_INSTEAD = "оунОУН"
_FOLDING = str.maketrans(KYRGYZ_LETTERS, TYPED_INSTEAD)

#: Where Material's search plugin writes an edition's index, inside the edition's folder.
SEARCH_INDEX = "search/search_index.json"
#: Where Material's search worker loads lunr's support for a language from (``importScripts``
#: of ``lunr/min/lunr.<lang>.min.js`` next to the worker, for the edition's search language).
LUNR_LANGUAGE_PATH = "assets/javascripts/lunr/min/lunr.{language}.min.js"
#: The attribute (name, value) of an element whose text is not the manual's: Material's search
#: plugin leaves the element out of the index (and takes the attribute off the published page).
NOT_SEARCHED_ATTRIBUTE = ("data-search-exclude", "true")
#: The same attribute as written in HTML.
NOT_SEARCHED = '{}="{}"'.format(*NOT_SEARCHED_ATTRIBUTE)
_TABLE_PLACEHOLDER = "__FOLDING_TABLE__"
_DRAWING = re.compile(r"<svg\b.*?</svg>", re.DOTALL)


def fold_kyrgyz(text: str) -> str:
    """``text`` as a reader without ө, ү, ң on the keyboard types it (either case)."""
    return text.translate(_FOLDING)


def lunr_language_files(language: str) -> dict[str, str]:
    """The lunr language scripts an edition's search loads, by path in the site.

    Only Kyrgyz has one; lunr's own languages (Russian) come with Material.
    """
    if language != KYRGYZ:
        return {}
    template = resources.files(__package__).joinpath("lunr.ky.js").read_text(encoding="utf-8")
    table = json.dumps(dict(zip(KYRGYZ_LETTERS, TYPED_INSTEAD, strict=True)))  # \u escapes: any charset
    return {LUNR_LANGUAGE_PATH.format(language=KYRGYZ): template.replace(_TABLE_PLACEHOLDER, table)}


def index_as_utf8(text: str) -> str:
    """Material's search index with every letter written as itself rather than as ``\\uXXXX``
    (Python's default): a Kyrgyz or Russian index shrinks to about two fifths, and it is what a
    reader's first search fetches. The browser reads it the same: a fetched JSON body is UTF-8."""
    return json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"))


def set_drawings_aside(html: str) -> tuple[str, dict[str, str]]:
    """``html`` with every inline SVG replaced by a comment (which the search plugin skips),
    and the drawings by the comment that stands for each: see :func:`put_drawings_back`."""
    drawings: dict[str, str] = {}

    def aside(match: re.Match[str]) -> str:
        marker = f"<!--sapat-drawing:{hashlib.sha256(match.group(0).encode()).hexdigest()[:20]}-->"
        drawings[marker] = match.group(0)
        return marker

    return _DRAWING.sub(aside, html), drawings


def put_drawings_back(html: str, drawings: dict[str, str]) -> str:
    """The finished page with its drawings where :func:`set_drawings_aside` took them from."""
    for marker, drawing in drawings.items():
        html = html.replace(marker, drawing)
    return html
