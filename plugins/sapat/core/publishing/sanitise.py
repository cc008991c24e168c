"""Every page's content through an allowlist before it is published: the defence behind the check.

``sapat check`` refuses anything in an editor's page that could run script or load from
elsewhere (:mod:`.active_html`), and the build does not start while it has errors. Should
anything get past it (a preview that goes on past errors, a form the check does not know,
a mistake in sapat's own pages), the HTML of every page, as Python-Markdown and sapat made it,
goes through nh3 (the binding of Rust's Ammonia, which parses HTML as a browser does): only the
elements and attributes below are kept, addresses only with the schemes of
:data:`~.active_html.SAFE_SCHEMES`, and every attribute is judged as the check judges it (an
address loaded from another host, a style that loads). The theme's own page around the content,
with its scripts, is not the editors' and is left as Material writes it.
"""

from __future__ import annotations

import nh3

from ..sources.active_html import SAFE_SCHEMES, attribute_problem
from .search import NOT_SEARCHED_ATTRIBUTE

#: The elements a page may hold: Ammonia's own list of the HTML of text (headings, paragraphs,
#: lists, tables, links, images, ``details``, ``abbr``, ``ins`` and ``del``…), and the elements of
#: the inline SVG that sapat draws its diagrams with.
TAGS = nh3.ALLOWED_TAGS | {"svg", "g", "path", "rect", "text", "tspan", "title", "desc"}

#: Attributes on every element: identity, language and accessibility (with every ``aria-*``),
#: sapat's own data (``data-sapat-*``, the clause a link leads to, a page's status, what search
#: leaves out) and a style, which must not load anything (:func:`~.active_html.style_problem`).
EVERYWHERE = {"id", "class", "title", "lang", "dir", "role", "tabindex", "hidden", "style",
              "data-clause", "data-status", NOT_SEARCHED_ATTRIBUTE[0]}
PREFIXES = {"aria-", "data-sapat-"}

_PAINT = {"fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray", "stroke-opacity",
          "stroke-linecap", "stroke-linejoin"}
_FONT = {"font-family", "font-size", "font-style", "font-weight", "text-anchor", "text-decoration"}

#: Attributes of particular elements, beyond Ammonia's own (``href`` of links, ``src`` and
#: ``alt`` of images, the spans of table cells…): a link's type (the edition's PDF), an open
#: ``details`` (a diagram's text version), list numbering, and the geometry and paint of SVG.
#: ``space`` is SVG's ``xml:space``, by the name Ammonia gives it.
ATTRIBUTES = {tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()} | {
    "a": nh3.ALLOWED_ATTRIBUTES["a"] | {"type"},
    "details": {"open"},
    "ol": nh3.ALLOWED_ATTRIBUTES["ol"] | {"reversed", "type"},
    "li": {"value"},
    "time": {"datetime"},
    "svg": {"viewBox", "width", "height", "xmlns", "preserveAspectRatio", "focusable"} | _FONT,
    "g": _PAINT | _FONT,
    "path": {"d"} | _PAINT,
    "rect": {"x", "y", "width", "height", "rx", "ry"} | _PAINT,
    "text": {"x", "y", "dx", "dy", "space", "dominant-baseline"} | _PAINT | _FONT,
    "tspan": {"x", "y", "dx", "dy"} | _PAINT | _FONT,
}
ATTRIBUTES["*"] = EVERYWHERE


def _judged(element: str, name: str, value: str) -> str | None:
    """An allowed attribute kept only if the check would let an editor write it."""
    return None if attribute_problem(element, name, value) else value


_CLEANER = nh3.Cleaner(tags=TAGS, attributes=ATTRIBUTES, generic_attribute_prefixes=PREFIXES,
                       attribute_filter=_judged, url_schemes=set(SAFE_SCHEMES), link_rel=None)


def sanitise(html: str) -> str:
    """A page's content HTML with nothing left that could run script or load from elsewhere."""
    return _CLEANER.clean(html)
