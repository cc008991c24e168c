"""Clause references: scanning with lines, and one resolution after all pages are known."""

from __future__ import annotations

import itertools

from sapat.core.clauses import ClauseIndex, backlink_targets, clause_id, clause_targets, scan_page

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


def test_resolution_does_not_depend_on_page_order():
    results = set()
    for order in itertools.permutations(PAGES.items()):
        index, problems = resolve(order)
        assert problems == []
        results.add(tuple(sorted((k, tuple(r.page for r in v)) for k, v in index.backlinks.items())))
    assert len(results) == 1


def test_an_unknown_reference_says_where_and_suggests_a_clause():
    _, problems = resolve([("a.md", "## 4.2.4 Каттоолор\n\nБир ([[4.2.5]]).\n")])
    assert [(p.path, p.line) for p in problems] == [("a.md", 3)]
    assert problems[0].hint == "did you mean '4.2.4'?"


def test_a_clause_defined_twice_names_both_places():
    _, problems = resolve([("a.md", "## 4.1 A\n"), ("b.md", "\n\n## 4.1 B\n")])
    assert [(p.path, p.line) for p in problems] == [("b.md", 3)]
    assert "a.md:1" in problems[0].message


def test_a_bare_clause_number_must_be_written_as_a_reference():
    _, problems = resolve([("a.md", "## 4.2.4 A\n## 8.2.3 B\n\nКаттоо (4.2.4).\nДата (21.12.2018).\n"
                                    "Экөө ([[4.2.4]]; 8.2.3).\n")])
    assert [(p.line, p.hint) for p in problems] == [(4, "write it as a reference: [[4.2.4]]"),
                                                    (6, "write it as a reference: [[8.2.3]]")]


def test_backlinks_name_the_referring_clause_once():
    index, _ = resolve(PAGES.items())
    targets = clause_targets(index, lambda page: page)
    backlinks = backlink_targets(index, targets)
    assert [t.label for t in backlinks["4.1"]] == ["7.3.1"]
    assert backlinks["7.3.1"][0].page == "a.md" and backlinks["7.3.1"][0].anchor == "4.1"


def test_links_to_an_appendix_show_its_heading_never_its_id():
    index, _ = resolve(PAGES.items())
    targets = clause_targets(index, lambda page: page)
    assert (targets["appendix-1"].label, targets["appendix-1"].title) == ("Тиркеме 1", "Тиркеме 1")
    assert (targets["7.3.1"].label, targets["7.3.1"].title) == ("7.3.1", "7.3.1 Пландоо")
