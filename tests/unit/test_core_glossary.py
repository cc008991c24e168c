"""The glossary check: a translation uses the standard term where the original uses the term."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from helpers import ROOT
from sapat.core.checks.orthography import scan_errors
from sapat.core.model.glossary import Term, occurrences, phrase_pattern, terminology_problems
from sapat.core.sources.files import load_yaml_file, split_front_matter

TERM = Term.from_yaml({"id": "corrective-action", "iso_clause": "8.5.2", "ky": "түзөтүүчү иш-аракеттер",
                       "ky_match": ["түзөтүүчү иш-аракет"], "ru": "корректирующие действия",
                       "ru_avoid": ["корректировочн действ", "исправительн"]})


def test_stem_phrases_match_inflected_forms():
    assert phrase_pattern("сапат менеджменти систем").search("Сапат менеджментинин системасынын")
    assert not phrase_pattern("систем").search("экосистема")


def test_a_non_standard_variant_is_reported_with_line_and_the_standard_term():
    problems = terminology_problems([TERM], "ЖАМУ түзөтүүчү иш-аракеттерди жүргүзөт.", "ru", "ru.md",
                                    "Заголовок\nЖАГУ проводит корректировочные действия.\n", 5)
    assert [(p.path, p.line) for p in problems] == [("ru.md", 6)]
    assert "корректировочные действия" in str(problems[0].message)
    assert "«корректирующие действия»" in str(problems[0].hint)


def test_no_report_when_the_original_does_not_use_the_term():
    assert terminology_problems([TERM], "Башка текст.", "ru", "ru.md", "исправительные меры", 1) == []


def test_scan_errors_are_found_at_word_starts_with_their_fix():
    problems = scan_errors("ky.md", "Билим беруу жана\nКеңеш, кецешинде.\n", 10)
    assert [(p.line, str(p.hint)) for p in problems] == [(10, "write 'берүү'"), (11, "write 'кеңеш'")]


def test_scan_errors_are_found_in_any_case_where_lowering_changes_the_length():
    problems = scan_errors("ky.md", "İ\nБЕРУУ, Кецеш\n", 1)  # "İ".lower() is two letters
    assert [(p.line, str(p.message)) for p in problems] == \
        [(2, "'БЕРУУ' is a scan error in Kyrgyz text"), (2, "'Кецеш' is a scan error in Kyrgyz text")]


def glossary_term(term_id: str) -> Term:
    """An entry of the real glossary, manual/glossary.yml."""
    entries = load_yaml_file(ROOT / "manual" / "glossary.yml", "manual/glossary.yml").value["terms"]
    return next(Term.from_yaml(entry) for entry in entries if entry["id"] == term_id)


def test_a_member_of_staff_is_a_rabotnik_and_the_other_words_are_reported():
    problems = terminology_problems(
        [glossary_term("personnel")], "Бардык кызматкерлерге жеткирилет.", "ru", "ru.md",
        "до всех сотрудников\nквалификация персонала\nвсе работники\nсотрудничество с потребителями\n", 1)
    assert [(p.line, str(p.message).split("'")[1]) for p in problems] == [(1, "сотрудников"), (2, "персонала")]
    assert all("«работник»" in str(p.hint) for p in problems)


@pytest.mark.parametrize("term_id, kyrgyz, rejected", [
    ("use-under-concession", "продукциянын даярдалып чыгуусун же кабыл алуусун атайын колдонуу",
     "специальное разрешение на выпуск или приемку продукции"),
    ("control-of-nonconforming-product", "сапатсыз продукция даярдоонун алдын алуу",
     "предупреждение изготовления некачественной продукции"),
])
def test_the_glossary_rejects_the_renderings_issue_14_replaced(term_id, kyrgyz, rejected):
    term = glossary_term(term_id)
    assert len(terminology_problems([term], kyrgyz, "ru", "ru.md", rejected, 1)) == 1
    assert terminology_problems([term], kyrgyz, "ru", "ru.md", term.name("ru"), 1) == []


def test_the_real_russian_manual_says_rabotnik_wherever_the_kyrgyz_says_kyzmatker():
    staff = glossary_term("personnel")
    pages_with_staff = 0
    for kyrgyz in sorted((ROOT / "manual" / "ky").glob("*.md")):
        original = split_front_matter(kyrgyz.read_text(encoding="utf-8")).body
        russian = (ROOT / "manual" / "ru" / kyrgyz.name).read_text(encoding="utf-8")
        translation = split_front_matter(russian).body
        assert terminology_problems([staff], original, "ru", kyrgyz.name, translation, 1) == []
        if staff.used_in(original):
            pages_with_staff += 1
            assert "работник" in translation, kyrgyz.name
    assert pages_with_staff >= 6


LETTERS = "абсөүңкеИӨА-_1."


@st.composite
def phrase_and_text(draw) -> tuple[str, str]:
    """A stem phrase, and a text made of its words, other letters and separators: mostly near
    misses (a word cut or glued on, a hyphen, no space, a capital)."""
    words = draw(st.lists(st.text(LETTERS, min_size=1, max_size=3), min_size=1, max_size=3))
    pieces = st.one_of(st.sampled_from(words), st.sampled_from([word.upper() for word in words]),
                       st.text(LETTERS, max_size=2), st.sampled_from([" ", "  ", "\n", "\u00a0", ".", ","]))
    return " ".join(words), "".join(draw(st.lists(pieces, max_size=12)))


@settings(max_examples=500, deadline=None)
@given(phrase_and_text())
@example(("аб с", "абв- с"))  # a hyphen inside a word
@example(("а .б", "а.б"))  # words apart without white space
def test_occurrences_are_where_the_phrase_pattern_matches(case):
    """The search without a regex finds exactly what the stem phrase's regex finds."""
    stem, text = case
    expected = [match.span() for match in phrase_pattern(stem).finditer(text)]
    assert list(occurrences(stem, text, text.lower())) == expected
