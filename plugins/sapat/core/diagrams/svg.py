"""Writing a :class:`~.scene.Scene` as an inline SVG figure, escaping every text and URL.

The output is a self-contained HTML fragment: no script, no external file, no font download.
Strokes and text use ``currentColor`` so the figure follows the theme (light, dark, print);
kinds are told apart by dashes and outlines, never by colour alone. Element and attribute
names are constants of this module; everything that comes from YAML goes through :func:`esc`.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from math import ceil

from .geometry import Point, Rect
from .scene import LegendEntry, Node, Scene, TextLine

Href = Callable[[str], "str | None"]

ARROW_STYLES = {
    "value": {"stroke-width": "2"},
    "handover": {"stroke-width": "1.4"},
    "information": {"stroke-width": "1.4", "stroke-dasharray": "6 4"},
}
ARROW_HEAD = 8.0

# Outlines per box style: (inset, stroke width, dash pattern). Two entries draw a double line.
BOX_STYLES: dict[str, tuple[tuple[float, float, str | None], ...]] = {
    "block": ((0, 1.6, None),),
    "phase": ((0, 1.6, None),),
    "list": ((0, 1.0, None),),
    "party": ((0, 1.2, "2 3"),),
    "process-management": ((0, 1.2, None), (3, 1.0, None)),
    "process-core": ((0, 2.6, None),),
    "process-support": ((0, 1.4, "7 4"),),
    "legend": (),
}
FILL_OPACITY = {"legend": "0", "list": "0.03", "party": "0.03"}
ZONE_OPACITY = "0.035"
#: The smallest text, in CSS px, that a phone shows of a drawing.
LEGIBLE_SIZE = 12.0


def esc(text: object) -> str:
    """Text or attribute value made safe for HTML and XML (quotes included)."""
    return html.escape(str(text), quote=True)


def num(value: float) -> str:
    """A coordinate with at most one decimal, without trailing zeros."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def element(name: str, attributes: Mapping[str, object] | None = None, content: str | None = None) -> str:
    """``<name attr="...">content</name>``, or self-closing when ``content`` is None."""
    attrs = "".join(f' {key}="{esc(value)}"' for key, value in (attributes or {}).items()
                    if value is not None)
    return f"<{name}{attrs}/>" if content is None else f"<{name}{attrs}>{content}</{name}>"


def link(url: str | None, content: str) -> str:
    """``content`` inside an ``<a>`` when there is a URL, as is otherwise."""
    return element("a", {"href": url}, content) if url else content


# --------------------------------------------------------------------------- drawing

def _text_line(line: TextLine, href: Href, with_links: bool) -> str:
    spans = []
    for text, target in line.pieces:
        url = href(target) if (target and with_links) else None
        span = element("tspan", {"text-decoration": "underline" if url else None}, esc(text))
        spans.append(link(url, span))
    return element("text", {
        "x": num(line.x), "y": num(line.y), "font-size": num(line.size),
        "font-weight": "bold" if line.bold else None,
        "font-style": "italic" if line.italic else None,
        "text-anchor": line.anchor, "fill": "currentColor", "xml:space": "preserve",
    }, "".join(spans))


def _outline(node: Node) -> str:
    rect = node.placed
    fill = FILL_OPACITY.get(node.style, "0.06")
    parts = [element("rect", {"x": num(rect.x), "y": num(rect.y), "width": num(rect.w),
                              "height": num(rect.h), "rx": "4", "fill": "currentColor",
                              "fill-opacity": fill, "stroke": "none"})]
    for inset, width, dash in BOX_STYLES.get(node.style, BOX_STYLES["block"]):
        parts.append(element("rect", {
            "x": num(rect.x + inset), "y": num(rect.y + inset), "width": num(rect.w - 2 * inset),
            "height": num(rect.h - 2 * inset), "rx": "4", "fill": "none", "stroke": "currentColor",
            "stroke-width": num(width), "stroke-dasharray": dash}))
    return "".join(parts)


def _node(node: Node, href: Href) -> str:
    """A box: its outline and plain text inside the box's link, linked lines beside it.

    Links cannot nest, so a line that carries its own links (clause numbers) is drawn after
    the box's link rather than inside it.
    """
    url = href(node.target) if node.target else None
    lines = node.lines()
    if not url:
        body = _outline(node) + "".join(_text_line(line, href, with_links=True) for line in lines)
        return element("g", {"class": f"sapat-node sapat-{node.style}"}, body)
    inside = "".join(_text_line(line, href, with_links=False) for line in lines if not line.linked)
    beside = "".join(_text_line(line, href, with_links=True) for line in lines if line.linked)
    body = element("a", {"href": url}, _outline(node) + inside) + beside
    return element("g", {"class": f"sapat-node sapat-{node.style}"}, body)


def _arrow(points: Sequence[Point], kind: str, head: bool = True) -> str:
    path = "M" + " L".join(f"{num(p.x)} {num(p.y)}" for p in points)
    line = element("path", {"d": path, "fill": "none", "stroke": "currentColor",
                            **ARROW_STYLES.get(kind, ARROW_STYLES["value"])})
    return line + (_arrow_head(points[-2], points[-1]) if head else "")


def _arrow_head(before: Point, tip: Point) -> str:
    dx, dy = tip.x - before.x, tip.y - before.y
    length = max((dx * dx + dy * dy) ** 0.5, 1e-9)
    ux, uy = dx / length, dy / length
    base = Point(tip.x - ux * ARROW_HEAD, tip.y - uy * ARROW_HEAD)
    half = ARROW_HEAD * 0.45
    corners = (tip, Point(base.x - uy * half, base.y + ux * half), Point(base.x + uy * half, base.y - ux * half))
    return element("path", {"d": "M" + " L".join(f"{num(p.x)} {num(p.y)}" for p in corners) + " Z",
                            "fill": "currentColor"})


def render_svg(scene: Scene, ident: str, title: str, description: str, href: Href) -> str:
    """The scene as an ``<svg role="group">`` labelled by its ``<title>`` and ``<desc>``.

    Not ``role="img"``: an image hides its content, and the links in the figure must stay
    reachable with the keyboard and announced by screen readers.
    """
    parts = [element("title", {"id": f"{ident}-title"}, esc(title)),
             element("desc", {"id": f"{ident}-desc"}, esc(description))]
    if scene.zones:
        parts.append(element("g", {"class": "sapat-zones"}, "".join(
            element("rect", {"x": num(z.x), "y": num(z.y), "width": num(z.w), "height": num(z.h), "rx": "6",
                             "fill": "currentColor", "fill-opacity": ZONE_OPACITY, "stroke": "none"})
            for z in scene.zones)))
    parts.append(element("g", {"class": "sapat-arrows"}, "".join(_arrow(r.points, r.kind) for r in scene.routes)))
    parts.append(element("g", {"class": "sapat-boxes"},
                         "".join(_node(node, href) for node in scene.nodes.values())))
    parts.append(element("g", {"class": "sapat-labels"}, "".join(
        element("text", {"x": num(label.rect.cx), "y": num(label.rect.bottom - label.size * 0.3),
                         "font-size": num(label.size), "font-style": "italic",
                         "text-anchor": "middle", "fill": "currentColor"}, esc(label.text))
        for label in scene.labels)))
    return element("svg", {
        "xmlns": "http://www.w3.org/2000/svg",
        "viewBox": f"0 0 {num(scene.width)} {num(scene.height)}",
        "width": "100%", "style": f"--sapat-diagram-legible-width: {num(legible_width(scene))}px; "
                                  f"max-width: {num(scene.width)}px; height: auto",
        "role": "group", "aria-labelledby": f"{ident}-title", "aria-describedby": f"{ident}-desc",
        "font-family": "inherit", "class": "sapat-diagram-svg",
    }, "".join(parts))


def legible_width(scene: Scene) -> float:
    """The width at which the smallest text of ``scene`` is :data:`LEGIBLE_SIZE` CSS px: a phone
    shows the drawing at least this wide (sapat.css), and scrolls it in its region."""
    smallest = scene.smallest_text() or LEGIBLE_SIZE
    return ceil(scene.width * LEGIBLE_SIZE / smallest * 10) / 10


def legend_list(entries: Sequence[LegendEntry]) -> str:
    """The legend under the drawing, in the page's text: it wraps to the reader's width, each
    entry with a small drawing of the outline or arrow it explains; empty when there is none."""
    items = []
    for entry in entries:
        sample = (_outline(Node("sample", style=entry.box, rect=Rect(2, 3, 36, 14))) if entry.box
                  else _arrow((Point(2, 10), Point(38, 10)), entry.line) if entry.line else "")
        drawing = element("svg", {"xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 40 20", "width": "40",
                                  "height": "20", "aria-hidden": "true", "focusable": "false"}, sample)
        items.append(element("li", None, drawing + esc(entry.text)))
    return element("ul", {"class": "sapat-legend"}, "".join(items)) if items else ""


# --------------------------------------------------------------------------- figure and text

def figure(ident: str, kind: str, svg: str, caption: str, summary: str, alternative: str,
           open_alternative: bool = True, legend: str = "") -> str:
    """The SVG with its legend, its text version (for screen readers and print) and its caption.

    The text version sits in a ``<details>`` element, open by default so that it prints; the
    process map closes it because its page lists the same facts just below. On a narrow screen
    the drawing keeps a legible size and scrolls sideways in a region named by the caption; the
    legend (:func:`legend_list`) stays under it, whole, at the width of the page.
    """
    details = element("details", {"class": "sapat-diagram-text", "open": "" if open_alternative else None},
                      element("summary", None, esc(summary)) + alternative)
    drawing = element("div", {"class": "sapat-scroll sapat-scroll--diagram", "role": "region",
                               "tabindex": "0", "aria-labelledby": f"{ident}-caption"}, svg)
    return element("figure", {"class": f"sapat-diagram sapat-diagram-{kind}", "id": ident},
                   drawing + legend + details + element("figcaption", {"id": f"{ident}-caption"}, esc(caption)))


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """An HTML table; ``headers`` are plain text, cells are HTML built with :func:`esc`."""
    head = element("thead", None, element("tr", None, "".join(
        element("th", {"scope": "col"}, esc(h)) for h in headers)))
    body = element("tbody", None, "".join(
        element("tr", None, "".join(element("td", None, cell) for cell in row)) for row in rows))
    return element("table", None, head + body)


def bullet_list(items: Iterable[str]) -> str:
    """An HTML list of already escaped items; empty when there are none."""
    items = list(items)
    return element("ul", None, "".join(element("li", None, item) for item in items)) if items else ""


def text_link(text: str, target: str | None, href: Href) -> str:
    """Escaped ``text``, linked when ``href`` knows a URL for ``target``."""
    return link(href(target) if target else None, esc(text))
