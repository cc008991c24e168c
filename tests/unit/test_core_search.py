"""What search indexes: Kyrgyz as readers type it (the folding and the lunr language written
from it), and no drawings."""

from __future__ import annotations

import json
import re

from sapat.core.search import (
    KYRGYZ_LETTERS,
    LUNR_LANGUAGE_PATH,
    fold_kyrgyz,
    index_as_utf8,
    lunr_language_files,
    put_drawings_back,
    set_drawings_aside,
)


def test_the_letters_a_russian_keyboard_lacks_are_folded_in_either_case():
    assert fold_kyrgyz("бекитүү") == "бекитуу"
    assert fold_kyrgyz("Өндүрүү") == "Ондуруу"
    assert fold_kyrgyz("КЕҢЕШ") == "КЕНЕШ"
    assert fold_kyrgyz("кеңеши, өнүгүү") == "кенеши, онугуу"


def test_russian_text_and_words_without_those_letters_stay_as_they_are():
    for text in ("Система менеджмента качества", "аудиттердин", "ISO 9001-2011", "ёлка", ""):
        assert fold_kyrgyz(text) == text


def test_folding_keeps_the_length_so_a_folded_prefix_is_the_prefix_of_the_folded_word():
    word, prefix = "өндүрүүчүлөрдүн", "өндүрүү"
    assert len(fold_kyrgyz(word)) == len(word)
    assert fold_kyrgyz(word).startswith(fold_kyrgyz(prefix))


def test_only_the_kyrgyz_edition_gets_a_lunr_language_and_it_carries_the_folding_table():
    assert lunr_language_files("ru") == {}
    # one script, where Material's search worker loads lunr's support for "ky" from
    [(path, script)] = lunr_language_files("ky").items()
    assert path == "assets/javascripts/lunr/min/lunr.ky.min.js" == LUNR_LANGUAGE_PATH.format(language="ky")
    assert "lunr.ky = function" in script
    # the table the script is called with, at its end, is the one fold_kyrgyz uses
    table = json.loads(re.search(r"\}\)\((\{.*\})\);\s*$", script).group(1))
    assert table == {letter: fold_kyrgyz(letter) for letter in KYRGYZ_LETTERS}
    assert all(letter != folded for letter, folded in table.items())


def test_the_index_is_written_with_its_letters_and_reads_as_the_same_value():
    escaped = json.dumps({"config": {"lang": ["ky"], "boost": 1000.0}, "docs": [
        {"location": "04-qms/#4.2.3", "title": "Документтерди башкаруу", "text": "«өндүрүү» \u2028 </p> \\ \""}]},
        separators=(",", ":"))
    written = index_as_utf8(escaped)
    assert json.loads(written) == json.loads(escaped)
    assert "өндүрүү" in written and "\\u04" not in written
    assert len(written.encode()) < len(escaped.encode())


def test_drawings_are_set_aside_from_what_search_reads_and_put_back_as_they_were():
    map_svg = '<svg role="group"><title>Процесстер</title><text><tspan>Ички</tspan><tspan>аудит</tspan></text></svg>'
    icon = '<svg viewBox="0 0 24 24"><path d="M0 0"/></svg>'
    page = f"<h1>7.3</h1><figure>{map_svg}<details>Ички аудит</details></figure><p>{icon} Текст</p>"
    editor_comment = "<!--sapat-drawing:0123456789abcdef0123-->"
    searched, drawings = set_drawings_aside(page + editor_comment)
    assert "<svg" not in searched and "Ичкиаудит" not in searched.replace("<tspan>", "")
    assert "<details>Ички аудит</details>" in searched and "Текст" in searched and len(drawings) == 2
    finished = put_drawings_back(f"<html>{searched}</html>", drawings)
    assert finished == f"<html>{page}{editor_comment}</html>"
