"""The page a web server shows for an address that does not exist.

A server shows ``ky/404.html`` for ``/ky/a/b/c/`` without changing the address, so nothing on
the page may depend on where it lies: the page carries its own style, no relative URL and no
asset (its icon is empty and inline, so that a browser does not ask for ``/favicon.ico``, which
the site does not have). Its links and search form lead to each edition by absolute path
(``/ky/``); a short script corrects them when the site is published below a folder
(``/qms/ky/...``). The search form sends ``?q=`` to the edition's home page, where the theme
opens search with the query; it is named by its label, so that the web root's 404, which has
a search per language, has two search landmarks with names of their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from .labels import label

STYLE = """
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;
color:#1f2328;background:#fff}
header{background:#4051b5;color:#fff;padding:.8rem 1rem;font-weight:700}
main{max-width:40rem;margin:0 auto;padding:1rem}
section+section{border-top:1px solid #d0d7de;margin-top:1.5rem}
h1{font-size:1.6rem;font-weight:400;margin:1.2rem 0 .6rem}
a{color:#303fa1;text-decoration:underline}
a:focus-visible,input:focus-visible,button:focus-visible{outline:3px solid #ff9100;outline-offset:2px}
form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin:1rem 0}
label{flex-basis:100%;font-weight:700}
input{flex:1 1 12rem;min-width:0;font:inherit;padding:.4rem .5rem;border:1px solid #57606a;border-radius:3px}
button{font:inherit;padding:.4rem 1rem;border:0;border-radius:3px;background:#4051b5;color:#fff;cursor:pointer}
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
    first = languages[0]
    title = " / ".join(label("not_found.title", language) for language in languages)
    header = " / ".join(escape(name) for name in site_names.values())
    sections = "".join(_section(language, len(languages) > 1) for language in languages)
    return (
        f'<!doctype html>\n<html lang="{first}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,">'
        f'<meta name="robots" content="noindex"><title>404 – {escape(title)}</title>'
        f"<style>{STYLE}</style></head>"
        f'<body><header>{header}</header><main>{sections}</main>'
        f"<script>{SCRIPT}</script></body></html>\n"
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
