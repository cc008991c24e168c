"""The print document of an edition (plain HTML, before typesetting): ids, links and escaping."""

from __future__ import annotations

from collections import Counter

from helpers import elements
from sapat.core.load import load_project
from sapat.core.model.editions import Edition, Order, draft_edition
from sapat.core.publishing.pdf import print_document
from sapat.core.publishing.pdf.style import css_content, css_string

EDITOR_TEXT = """
## Кошумча

Бөлүм [5.6](05-management.md#5.6), бет [05](05-management.md), [реестр](register.md),
[сырткы](https://example.org/page), [кошумча](#кошумча) жана [[7.3.1]].
"""


def test_links_stay_inside_the_document_and_ids_are_unique(sources, tmp_path):
    page = sources / "manual/ky/04-qms.md"
    page.write_text(page.read_text(encoding="utf-8") + EDITOR_TEXT, encoding="utf-8")
    html = tmp_path / "ky.html"
    html.write_text(print_document(load_project(sources), draft_edition(), "ky"), encoding="utf-8")
    found = elements(html)
    ids = Counter(e.attrs["id"] for e in found if "id" in e.attrs)
    assert [ident for ident, count in ids.items() if count > 1] == []
    links = {e.text: e.attrs.get("href") for e in found if e.tag in ("a", "span") and e.text}
    assert links["5.6"] == "#5.6" and links["7.3.1"] == "#7.3.1" and links["05"] == "#page-05-management"
    assert links["кошумча"] == "#page-04-qms-кошумча"  # a heading's id that two pages may share
    assert links["реестр"] is None and links["сырткы"] is None  # not in the PDF: text, not a link
    assert all(e.attrs["href"][1:] in ids for e in found if e.tag == "a")
    assert "example.org" not in html.read_text(encoding="utf-8")


def test_words_of_a_release_cannot_leave_the_style_sheet(real_project):
    words = '"; } </style><script>alert(1)</script>'  # a protocol number, in every title of the edition
    edition = Edition("x", "academic_council", "2018-12-21", protocol=words, order=Order(words, "2018-12-24"))
    document = print_document(real_project, edition, "ky")
    assert document.count("</style>") == 1 and "<script>" not in document
    assert css_string('a"b\\c<') == '"a\\22 b\\5c c\\3c "'
    assert css_content("Бет {page} / {pages}", page="page", pages="pages") == \
        '"Бет " counter(page) " / " counter(pages)'
