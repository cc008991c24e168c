"""The lines of pages that may cite a document of external origin: each line holding a mark of a
citation, once, with its own line number; the other lines, never (they cite nothing)."""

from __future__ import annotations

from sapat.core.model.citations import MARKS, page_texts, spans
from sapat.core.model.pages import _parse_page, generated_page

FRONT = "---\ntitle: A\n---\n"


def _page(body: str, display: str = "manual/ru/a.md"):
    page, _ = _parse_page((FRONT + body).encode(), "a.md", "ru", display)
    return page


def test_each_line_with_a_mark_once_with_its_line_and_no_other_line():
    body = ("# 1 Общие положения\n\nПо ISO 9001:2008 и ГОСТ Р ИСО 9001-2015.\nБез ссылок.\n\n"
            "Закон «Об образовании», постановление № 670\nпоследняя строка ESG 2015")
    page = _page(body)
    found = [(text.display, text.line, text.text) for text in page_texts([page])]
    first = page.body_line
    assert found == [("manual/ru/a.md", first + 2, "По ISO 9001:2008 и ГОСТ Р ИСО 9001-2015."),
                     ("manual/ru/a.md", first + 5, "Закон «Об образовании», постановление № 670"),
                     ("manual/ru/a.md", first + 6, "последняя строка ESG 2015")]


def test_every_mark_is_found_at_the_start_and_the_end_of_a_body():
    for mark in MARKS:
        for body, line, offset in ((mark, mark, 0), (f"{mark} 1\n", f"{mark} 1", 0), (f"\n\n{mark}", mark, 2),
                                   (f"a\n{mark}\nb", mark, 1), (f"{mark} {mark}\n{mark}", f"{mark} {mark}", 0)):
            page = _page(body)
            texts = page_texts([page])
            assert (texts[0].text, texts[0].line) == (line, page.body_line + offset), (mark, body)
            assert len(texts) == len([text for text in body.split("\n") if mark in text])


def test_lines_without_a_mark_and_generated_pages_are_not_searched():
    assert page_texts([_page("Текст без ссылок.\n\nЕщё строка.\n")]) == []
    assert page_texts([generated_page("ru", "register.md", "register", "ISO 9001:2008\n")]) == []
    assert spans("Текст без ссылок 9001") == []
    assert spans("по ISO 9001:2008") == [(3, 16)]
