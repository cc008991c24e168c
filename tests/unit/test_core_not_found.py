"""The page a server shows for a wrong address: self-contained, in its language."""

from __future__ import annotations

import re

import pytest

from helpers import ROOT, Element, html_elements
from sapat.core.publishing.not_found import not_found_page

#: The repository's nginx configuration, which writes the folder of the site into the page.
NGINX_CONF = ROOT / "site_config/nginx/sapat.conf"


def test_a_404_page_needs_no_other_file_and_no_relative_address():
    html = not_found_page({"ky": "ЖАМУ"})
    found = html_elements(html)
    assert not [e for e in found if e.tag in ("img", "iframe") or "src" in e.attrs]
    assert [e.attrs for e in found if e.tag == "link"] == [{"rel": "icon", "href": "data:,"}], \
        "only an empty icon of its own, or the browser asks the server for /favicon.ico"
    addresses = [e.attrs.get("href") or e.attrs.get("action") for e in found if e.tag in ("a", "form")]
    assert addresses == ["/ky/", "/ky/"]
    assert found[0].tag == "html" and found[0].attrs["lang"] == "ky"
    assert [e.text for e in found if e.tag == "h1"] == ["Барак табылган жок"]
    search = next(e for e in found if e.tag == "input")
    assert search.attrs["name"] == "q"  # the theme opens its search with ?q=
    assert any(e.tag == "label" and e.attrs.get("for") == search.attrs["id"] for e in found)


def test_the_root_404_has_a_section_per_language_and_escapes_site_names():
    html = not_found_page({"ky": "<b>ЖАМУ</b>", "ru": "ЖАГУ & Co"})
    assert "<b>" not in html and "&lt;b&gt;ЖАМУ&lt;/b&gt; / ЖАГУ &amp; Co" in html
    found = html_elements(html)
    assert [e.attrs.get("lang") for e in found if e.tag == "section"] == ["ky", "ru"]
    assert [e.attrs["action"] for e in found if e.tag == "form"] == ["/ky/", "/ru/"]


@pytest.mark.parametrize("site_names", [{"ky": "ЖАМУ"}, {"ru": "ЖАГУ"}, {"ky": "ЖАМУ", "ru": "ЖАГУ"}])
def test_the_substitution_of_the_nginx_configuration_moves_every_address_and_nothing_else(site_names):
    """nginx writes the folder of the site into the page by replacing text (sub_filter): what it
    replaces must be in the page's addresses only, and in all of them."""
    substitutions = re.findall(r"^\s*sub_filter '([^']*)' '([^']*)';", NGINX_CONF.read_text(encoding="utf-8"), re.M)
    assert substitutions, f"{NGINX_CONF} writes no folder into the 404 pages"
    html = not_found_page(site_names)
    moved = [Element(e.tag, {name: "/qms" + value if name in ("href", "action") and value.startswith("/") else value
                             for name, value in e.attrs.items()}, e.text) for e in html_elements(html)]
    for text, replacement in set(substitutions):
        assert html_elements(html.replace(text, replacement.replace("$sapat_base", "/qms/"))) == moved
