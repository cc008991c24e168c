"""Pages that stand outside every edition: the page a web server shows for an address that
does not exist, and the shell they share with the list of editions.

A server shows ``ky/404.html`` for ``/ky/a/b/c/`` without changing the address, so nothing on
the page may depend on where it lies: the page carries its own style, no relative URL (it would
be read from ``/ky/a/b/c/``) and no asset (its icon is empty and inline, so that a browser does
not ask for ``/favicon.ico``, which the site does not have). Its links and search form lead to
each edition from the top of the server (``href="/ky/"``); the search form sends ``?q=`` to the edition's home
page, where the theme opens search with the query; it is named by its label, so that the web
root's 404, which has a search per language, has two search landmarks with names of their own.

Published below a folder (``/qms/ky/...``), the page cannot tell the folder from its own file,
so whoever knows the folder writes it in front of the links:

- the server, which maps the address to the page: ``site_config/nginx/sapat.conf`` puts it in
  front of every ``="/`` of the page (nginx's ``sub_filter``; the folder comes from the address
  of the 404 page it serves). This is what works without scripts, and for the web root's page,
  whose address (``/qms/no/such/page``) does not say where the folder ends. So ``="/`` occurs
  in the page in its links and nowhere else.
- on a server that does not, the page's short script, for an edition's page: the folder is
  what precedes ``/ky/`` in the address.

Not a setting read by the build (as MkDocs makes its own 404 page from ``site_url``): everything
else in ``site/`` works wherever it is copied (relative links, mike's redirects), and one
setting would tie the whole web root to one address for the sake of three pages.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from ..i18n.labels import label

STYLE = """
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;
color:#1f2328;background:#fff}
header{background:#4051b5;color:#fff;padding:.8rem 1rem;font-weight:700}
main{max-width:40rem;margin:0 auto;padding:1rem}
header a{color:#fff}
section+section{border-top:1px solid #d0d7de;margin-top:1.5rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
.wide{max-width:none}
code{font-size:.8rem;word-break:break-all}
p,li{overflow-wrap:anywhere}
.sapat-scroll{overflow-x:auto}
h1{font-size:1.6rem;font-weight:400;margin:1.2rem 0 .6rem}
h1,h2{overflow-wrap:break-word}
a{color:#303fa1;text-decoration:underline}
a:focus-visible,input:focus-visible,button:focus-visible,
.sapat-scroll:focus-visible{outline:3px solid #ff9100;outline-offset:2px}
form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin:1rem 0}
label{flex-basis:100%;font-weight:700}
input{flex:1 1 12rem;min-width:0;font:inherit;padding:.4rem .5rem;border:1px solid #57606a;border-radius:3px}
button{font:inherit;padding:.4rem 1rem;border:0;border-radius:3px;background:#4051b5;color:#fff;cursor:pointer}
.sapat-calendar th,.sapat-calendar td{padding:.25rem .3rem;font-size:.8rem}
.sapat-chart-pair{display:flex;flex-wrap:wrap;gap:1rem 2rem;align-items:flex-start;margin:1rem 0}
.sapat-chart-pair>figure{flex:1 1 26rem;min-width:0;margin:0;max-width:35rem}
.sapat-chart-pair>div{flex:1 1 16rem;min-width:0}
@media print{body{font-size:11pt}header{background:none;color:#000;padding:0 0 .5rem;border-bottom:1px solid #000}
header a,a{color:#000}main{max-width:none;padding:0}.sapat-scroll{overflow:visible}
h2{break-after:avoid}tr,figure{break-inside:avoid}form{display:none}}
"""

#: Points links and forms marked ``data-edition`` at the edition the address lies in.
SCRIPT = """
document.querySelectorAll("[data-edition]").forEach(function (element) {
  var edition = "/" + element.getAttribute("data-edition") + "/";
  var at = location.pathname.indexOf(edition);
  if (at > 0) {
    element.setAttribute(element.tagName === "FORM" ? "action" : "href",
                         location.pathname.slice(0, at) + edition);
  }
});
"""


def not_found_page(site_names: Mapping[str, str]) -> str:
    """A self-contained 404 page for the editions in ``site_names`` (language -> site name).

    One edition: the page is in its language. Several (the web root's 404): one section per
    edition, in the order given, the first language being the page's.
    """
    languages = list(site_names)
    title = " / ".join(label("not_found.title", language) for language in languages)
    header = " / ".join(escape(name) for name in site_names.values())
    sections = "".join(_section(language, len(languages) > 1) for language in languages)
    return standalone_page(languages[0], f"404 – {title}", header, sections, script=SCRIPT,
                           head='<meta name="robots" content="noindex">')


def standalone_page(language: str, title: str, header: str, main: str, script: str = "", head: str = "",
                    wide: bool = False) -> str:
    """A page that carries its own style and needs no asset: ``header`` and ``main`` are HTML,
    ``title`` is text."""
    scripts = f"<script>{script}</script>" if script else ""
    width = ' class="wide"' if wide else ""
    return (
        f'<!doctype html>\n<html lang="{language}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,">'
        f"{head}<title>{escape(title)}</title><style>{STYLE}</style></head>"
        f'<body><header>{header}</header><main{width}>{main}</main>'
        f"{scripts}</body></html>\n"
    )


def _section(language: str, tagged: bool) -> str:
    home = f"/{language}/"
    field = f"q-{language}"
    lang = f' lang="{language}"' if tagged else ""
    return (
        f"<section{lang}><h1>{label('not_found.title', language)}</h1>"
        f"<p>{label('not_found.text', language)}</p>"
        f'<form role="search" method="get" action="{home}" data-edition="{language}" aria-labelledby="{field}-label">'
        f'<label id="{field}-label" for="{field}">{label("not_found.search", language)}</label>'
        f'<input type="search" id="{field}" name="q" required>'
        f'<button type="submit">{label("not_found.search_button", language)}</button></form>'
        f'<p><a href="{home}" data-edition="{language}" hreflang="{language}">'
        f"{label('not_found.home', language)}</a></p></section>"
    )
