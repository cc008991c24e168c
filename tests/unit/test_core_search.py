"""What search indexes: the manual's words (not what sapat adds around them, nor the drawings),
Kyrgyz folded as readers type it and shown as written; the worker that carries the folding."""

from __future__ import annotations

import gzip
import json
import re

import pytest

from sapat.core.diagnostics import SapatError
from sapat.core.publishing import search
from sapat.core.publishing.search import (
    INDEX_FOLDER,
    KYRGYZ_LETTERS,
    NOT_SEARCHED,
    fold_kyrgyz,
    material_worker,
    worker_script,
    write_index,
)

PAGE = """<!doctype html><html lang="{lang}"><head><title>x</title></head><body>
<nav>Мазмуну</nav>
<article class="md-content__inner md-typeset">
<h1 id="4">4. Сапат менеджменти<a class="headerlink" href="#4">¶</a></h1>
<div class="sapat-control" {not_searched}><span><b>Басылышы:</b> Долбоор</span><span><b>Редакция:</b> 2</span></div>
<h2 id="4.1">4.1 Жалпы талаптар</h2>
<p>Окумуштуулар кеңеши өндүрүү процессин бекитүүгө сунуштайт.</p>
<figure><svg><text>Ички</text><text>аудит</text></svg><details><summary>Схема</summary>Ички аудит</details></figure>
</article></body></html>"""


def fragments(site):
    """Each indexed page's fragment (what a result shows), by its address."""
    found = {}
    for path in (site / INDEX_FOLDER / "fragment").iterdir():
        fragment = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        found[fragment["url"]] = fragment
    return found


def built_site(tmp_path, lang):
    (tmp_path / "04-qms").mkdir()
    (tmp_path / "04-qms" / "index.html").write_text(PAGE.format(lang=lang, not_searched=NOT_SEARCHED), "utf-8")
    (tmp_path / "404.html").write_text("<html><body><h1>404</h1></body></html>", "utf-8")  # no article
    return tmp_path


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


def test_the_worker_carries_the_folding_table_it_folds_queries_with():
    script = worker_script()
    table = json.loads(re.search(r"\}\)\((\{.*\})\);\s*$", script).group(1))
    assert table == {letter: fold_kyrgyz(letter) for letter in KYRGYZ_LETTERS}
    assert "__FOLDING_TABLE__" not in script


def test_materials_worker_is_found_among_the_theme_files_by_its_hashed_name():
    assert material_worker(["assets/javascripts/bundle.a5f9d56c.min.js",
                            "assets/javascripts/workers/search.a7633da7.min.js"]) \
        == "assets/javascripts/workers/search.a7633da7.min.js"
    assert material_worker(["index.html"]) is None


def test_the_index_holds_the_articles_words_and_shows_kyrgyz_as_written(tmp_path):
    site = built_site(tmp_path, "ky")
    write_index(site, "ky")
    [(url, fragment)] = fragments(site).items()  # the 404 page has no article: not indexed
    assert url == "/04-qms/"
    text = fragment["content"]
    assert "кеңеши өндүрүү процессин бекитүүгө" in text and "кенеши" not in text  # as written
    assert "Ички аудит" in text and "Ичкиаудит" not in text  # the text version, not the drawing
    for not_the_manuals in ("Басылышы", "Редакция", "¶", "Мазмуну"):
        assert not_the_manuals not in text
    assert [anchor["text"] for anchor in fragment["anchors"] if anchor["element"] == "h2"] == ["4.1 Жалпы талаптар"]
    # only what the worker uses is published: no search interface of Pagefind's own
    assert not list((site / INDEX_FOLDER).glob("pagefind-*ui*"))
    assert (site / INDEX_FOLDER / "pagefind.js").is_file()


def test_the_kyrgyz_index_holds_the_words_folded(tmp_path):
    """The words are in the index chunks folded only: "кенеш" is there, "кеңеш" is not."""
    site = built_site(tmp_path, "ky")
    write_index(site, "ky")
    chunks = b"".join(gzip.decompress(path.read_bytes()) for path in (site / INDEX_FOLDER / "index").iterdir())
    assert "кенеши".encode() in chunks and "бекитууго".encode() in chunks
    assert "кеңеши".encode() not in chunks and "бекитүүгө".encode() not in chunks


def test_the_russian_index_is_not_folded(tmp_path):
    site = built_site(tmp_path, "ru")
    write_index(site, "ru")
    assert "кеңеши" in fragments(site)["/04-qms/"]["content"]


def two_pages(tmp_path):
    site = built_site(tmp_path, "ru")
    (site / "05-duties").mkdir()
    (site / "05-duties" / "index.html").write_text(PAGE.format(lang="ru", not_searched=NOT_SEARCHED)
                                                   .replace("4.1 Жалпы", "5.1 Жетекчиликтин"), "utf-8")
    return site


def test_pagefind_ends_before_the_index_is_read_and_every_page_is_in_it(tmp_path):
    """Pagefind is a program that ends when it has written the index: both pages are there at once."""
    site = two_pages(tmp_path)
    write_index(site, "ru")
    assert len(fragments(site)) == 2 and (site / INDEX_FOLDER / "pagefind-entry.json").stat().st_size > 0


def test_an_index_cut_short_stops_the_build_with_the_counts(tmp_path, monkeypatch):
    """Should a page's fragment still be missing when Pagefind has ended, the build stops and says
    how many pages of how many are indexed, in the editor's language."""
    real = search._pagefind

    def cut_short(pages, language, output, scratch, file_urls):
        (pages / "05-duties" / "index.html").unlink(missing_ok=True)  # what Pagefind reads lacks a page
        return real(pages, language, output, scratch, file_urls)
    monkeypatch.setattr(search, "_pagefind", cut_short)
    with pytest.raises(SapatError) as stopped:
        write_index(two_pages(tmp_path), "ru")
    assert stopped.value.reason.key == "search.index_incomplete"
    assert "страниц: 1 из 2" in stopped.value.reason.render("ru")


def test_pagefind_failing_stops_the_build_with_its_words(tmp_path, monkeypatch):
    """Pagefind refuses what it is given (here an exclusion that is no CSS selector): its words
    reach the editor, and no index is published."""
    monkeypatch.setattr(search, "_NOT_TEXT", ("svg", "[[[",))
    site = two_pages(tmp_path)
    with pytest.raises(SapatError) as stopped:
        write_index(site, "ru")
    assert stopped.value.reason.key == "search.pagefind_failed"
    assert not (site / INDEX_FOLDER).exists()
