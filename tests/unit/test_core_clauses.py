"""Clause references: scanning with lines, and one resolution after all pages are known."""

from __future__ import annotations

import itertools

from sapat.core.model.clauses import ClauseIndex, clause_id, clause_order, heading_id, scan_page

PAGES = {
    "a.md": "# 4. Система\n\n## 4.1 Жалпы\n\nСм. [[7.3.1]] жана ([[тиркеме 1]]).\n",
    "b.md": "# 7. Продукция\n\n### 7.3.1 Пландоо\n\nКаттоо ([[4.1]]; [[ 4.1 ]]).\n",
    "c.md": "# Тиркеме 1\n\nСүрөт.\n\n```\n[[9.9]] in code is not a reference\n```\n",
}


def resolve(pages):
    index = ClauseIndex()
    for name, text in pages:
        index.add(scan_page(name, text))
    return index, index.resolve()


def test_clause_ids_are_numbers_and_appendices():
    assert clause_id("4.2.3 Документ") == "4.2.3"
    assert clause_id("4. Сапат") == "4"
    assert clause_id("1.1") == "1.1"
    assert clause_id("Тиркеме 2") == clause_id("Приложение 2") == "appendix-2"
    assert clause_id("Сапат саясаты") is None


def test_references_are_found_with_their_lines_but_not_in_code():
    scan = scan_page("a.md", PAGES["a.md"] + PAGES["c.md"], first_line=3)
    assert [(r.target, r.line) for r in scan.references] == [("7.3.1", 7), ("appendix-1", 7)]


def test_backlinks_do_not_depend_on_the_order_pages_are_read():
    pages = {**PAGES, "d.md": "## 10.2 Рейтинг\n\nКараңыз [[4.1]].\n",
             "e.md": "## 5.6 Талдоо\n\n[[4.1]] жана [[4.1]].\n"}
    seen = set()
    for order in itertools.permutations(pages.items()):
        index, problems = resolve(order)
        assert problems == [] and index.unresolved == []
        seen.add(tuple(c.id for c in index.referring_clauses("4.1")))
    assert seen == {("5.6", "7.3.1", "10.2")}


def test_clause_numbers_sort_as_a_reader_counts():
    assert sorted(["10", "4.10", "appendix-1", "4.2", "4.2.1"], key=clause_order) == \
        ["4.2", "4.2.1", "4.10", "10", "appendix-1"]


def test_each_clause_knows_its_own_text_and_where_it_ends():
    body = "# 4. Система\n\nКириш.\n\n## 4.1 Жалпы\n\nБиринчи.\nЭкинчи.\n\n### Таблица\n\n## 4.2 Талаптар\n\nҮчүнчү.\n"
    clauses = {c.id: c for c in scan_page("a.md", body, first_line=5).clauses}
    assert [(c.id, c.line, c.end_line) for c in clauses.values()] == \
        [("4", 5, 7), ("4.1", 9, 14), ("4.2", 16, 18)]
    assert clauses["4.1"].text == "Биринчи.\nЭкинчи.\n\n### Таблица"
    changed = {c.id: c for c in scan_page("a.md", body.replace("Үчүнчү.", "Төртүнчү.")).clauses}
    assert [i for i in clauses if clauses[i].fingerprint != changed[i].fingerprint] == ["4.2"]


def test_headings_get_the_ids_links_are_checked_against():
    scan = scan_page("a.md", "## 4.2.3 Документтер\n\n## Кириш сөз\n\n## Эскертүү {#note}\n")
    assert scan.anchors == {"4.2.3", "кириш-сөз", "note"}
    assert heading_id("Тиркеме 1. Модель") == "appendix-1"


def test_links_are_found_with_their_lines_but_not_in_code():
    scan = scan_page("a.md", "[a](04-qms.md#4.1) `[b](x.md)`\n![c](img.png)\n[[4.1]] [d](https://x.org)\n")
    assert [(link.target, link.image, link.line) for link in scan.links] == \
        [("04-qms.md#4.1", False, 1), ("img.png", True, 2), ("https://x.org", False, 3)]


def test_an_unknown_reference_says_where_and_suggests_a_clause():
    index, problems = resolve([("a.md", "## 4.2.4 Каттоолор\n\nБир ([[4.2.5]]).\n")])
    assert problems == []
    unresolved = [index.unresolved_problem(ref, "тиркеме") for ref in index.unresolved]
    assert [(p.path, p.line) for p in unresolved] == [("a.md", 3)]
    assert str(unresolved[0].hint) == "did you mean '4.2.4'?"


def test_a_clause_defined_twice_names_both_places():
    _, problems = resolve([("a.md", "## 4.1 A\n"), ("b.md", "\n\n## 4.1 B\n")])
    assert [(p.path, p.line) for p in problems] == [("b.md", 3)]
    assert "a.md:1" in str(problems[0].message)


def test_a_bare_clause_number_must_be_written_as_a_reference():
    _, problems = resolve([("a.md", "## 4.2.4 A\n## 8.2.3 B\n\nКаттоо (4.2.4).\nДата (21.12.2018).\n"
                                    "Экөө ([[4.2.4]]; 8.2.3).\n")])
    assert [(p.line, str(p.hint)) for p in problems] == [(4, "write it as a reference: [[4.2.4]]"),
                                                    (6, "write it as a reference: [[8.2.3]]")]


def test_backlinks_name_the_referring_clause_once():
    index, _ = resolve(PAGES.items())
    assert [c.id for c in index.referring_clauses("4.1")] == ["7.3.1"]
    assert [(c.id, c.page) for c in index.referring_clauses("7.3.1")] == [("4.1", "a.md")]
    assert index.clauses["appendix-1"].label == "Тиркеме 1"
