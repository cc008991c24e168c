"""The page a server shows for a wrong address: self-contained, in its language."""

from __future__ import annotations

from helpers import elements
from sapat.core.not_found import not_found_page


def parsed(html: str, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    return elements(page)


def test_a_404_page_needs_no_other_file_and_no_relative_address(tmp_path):
    html = not_found_page({"ky": "ЖАМУ"})
    found = parsed(html, tmp_path)
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


def test_the_root_404_has_a_section_per_language_and_escapes_site_names(tmp_path):
    html = not_found_page({"ky": "<b>ЖАМУ</b>", "ru": "ЖАГУ & Co"})
    assert "<b>" not in html and "&lt;b&gt;ЖАМУ&lt;/b&gt; / ЖАГУ &amp; Co" in html
    found = parsed(html, tmp_path)
    assert [e.attrs.get("lang") for e in found if e.tag == "section"] == ["ky", "ru"]
    forms = [e for e in found if e.tag == "form"]
    assert [form.attrs["action"] for form in forms] == ["/ky/", "/ru/"]
    names = {e.attrs.get("id"): e.text for e in found if e.tag == "label"}
    assert [names[form.attrs["aria-labelledby"]] for form in forms] == ["Колдонмодон издөө", "Поиск по руководству"], \
        "each search landmark has a name of its own (axe-core's landmark-unique)"
