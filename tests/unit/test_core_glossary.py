"""The glossary check: a translation uses the standard term where the original uses the term."""

from __future__ import annotations

from sapat.core.glossary import Term, phrase_pattern, terminology_problems
from sapat.core.orthography import scan_errors

TERM = Term.from_yaml({"id": "corrective-action", "iso_clause": "8.5.2", "ky": "түзөтүүчү иш-аракеттер",
                       "ky_match": ["түзөтүүчү иш-аракет"], "ru": "корректирующие действия",
                       "ru_avoid": ["корректировочн действ", "исправительн"]})


def test_stem_phrases_match_inflected_forms():
    assert phrase_pattern("сапат менеджменти систем").search("Сапат менеджментинин системасынын")
    assert not phrase_pattern("систем").search("экосистема")


def test_a_non_standard_variant_is_reported_with_line_and_the_standard_term():
    problems = terminology_problems([TERM], "ЖАМУ түзөтүүчү иш-аракеттерди жүргүзөт.", "ru.md",
                                    "Заголовок\nЖАГУ проводит корректировочные действия.\n", 5)
    assert [(p.path, p.line) for p in problems] == [("ru.md", 6)]
    assert "корректировочные действия" in problems[0].message
    assert "«корректирующие действия»" in problems[0].hint


def test_no_report_when_the_original_does_not_use_the_term():
    assert terminology_problems([TERM], "Башка текст.", "ru.md", "исправительные меры", 1) == []


def test_scan_errors_are_found_at_word_starts_with_their_fix():
    problems = scan_errors("ky.md", "Билим беруу жана\nКеңеш, кецешинде.\n", 10)
    assert [(p.line, p.hint) for p in problems] == [(10, "write 'берүү'"), (11, "write 'кеңеш'")]
