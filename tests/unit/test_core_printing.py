"""Printed sheets: the per-page margin values, escaped for CSS, and clause numbers after links."""

from __future__ import annotations

import re

import pytest

from sapat.core.model.editions import draft_edition
from sapat.core.publishing.printing import (
    MANUAL_PAGE,
    SheetMarks,
    css_string,
    mark_clause_links,
    print_style,
    sheet_marks,
)

MARKS = SheetMarks(document="ЖАМУ-СМС-04", revision="Редакция 2", date="2018-12-21",
                   edition="Иштөө нускасы", page_word="Бет", of_word="/",
                   uncontrolled="Басылып чыккан нуска башкарылбайт")


@pytest.fixture(scope="module")
def project(real_project):
    """The real repository (conftest.real_project), read, never changed."""
    return real_project


@pytest.mark.parametrize("hostile", ['"}</style><script>alert(1)</script>', "a\\\"b", "x\ny",
                                     "\u2028;}@import url(//x)"])
def test_an_editor_s_text_cannot_leave_its_css_string(hostile):
    quoted = css_string(hostile)
    inner = quoted[1:-1]
    assert quoted[0] == quoted[-1] == '"'
    assert not re.search(r'["<>\n\r\u2028]', inner)
    # every backslash starts a complete hex escape, closed by its space
    assert re.fullmatch(r"(?:[^\\]|\\[0-9a-f]{1,6} )*", inner)


def test_css_escapes_decode_back_to_the_text():
    text = 'ЖАМУ-СМС-04 · "Редакция" 2 \\ </style>'
    decoded = re.sub(r"\\([0-9a-f]{1,6}) ", lambda m: chr(int(m.group(1), 16)), css_string(text)[1:-1])
    assert decoded == text


def test_the_print_style_puts_every_value_in_a_page_margin_box():
    style = print_style(MARKS)
    assert style.startswith('<style media="print">@page{') and style.endswith("}</style>")
    assert "@top-left{content:\"ЖАМУ-СМС-04 \\b7  Редакция 2 \\b7  2018-12-21\"}" in style
    assert '@top-right{content:"Иштөө нускасы"}' in style
    assert '@bottom-left{content:"Басылып чыккан нуска башкарылбайт"}' in style
    assert 'counter(page)' in style and 'counter(pages)' in style
    assert style.count("<") == 2  # only its own tags


def test_a_page_prints_its_own_document_control_in_its_language(project):
    draft = draft_edition()
    ky, ru = (sheet_marks(project, "07-product-realization.md", language, draft.title(language))
              for language in ("ky", "ru"))
    assert (ky.document, ky.revision, ky.date) == ("ЖАМУ-СМС-07", "Редакция 2", "2018-12-21")
    assert ru.document == "ЖАМУ-СМС-07" and ru.uncontrolled.startswith("Распечатанный")
    assert (ky.edition, ru.edition) == ("Долбоор (бекитиле элек)", "Проект (не утверждён)")
    assert sheet_marks(project, "register.md", "ky", "x").document == project.control(MANUAL_PAGE).code


def test_links_whose_text_lacks_their_clause_number_get_it_for_print():
    html = ('<a href="../05-management/#5">Жетекчилик</a> <a class="sapat-ref" href="x/#7.4">7.4</a> '
            '<a href="x/#5">5.2</a> <a href="other/">Процесс</a> <a href="#5.1"><tspan>5.1</tspan></a>')
    marked = mark_clause_links(html)
    assert '<a href="../05-management/#5" data-clause="5">Жетекчилик</a>' in marked
    assert '<a class="sapat-ref" href="x/#7.4">7.4</a>' in marked
    assert '<a href="x/#5" data-clause="5">5.2</a>' in marked
    assert '<a href="other/">Процесс</a>' in marked and '<tspan>5.1</tspan></a>' in marked
    assert marked.count("data-clause") == 2
