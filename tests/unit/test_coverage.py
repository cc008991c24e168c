"""ISO 9001 coverage (manual/standards/iso9001.yml): loading, the checks with file and line, the page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from helpers import ROOT, copy_sources
from sapat.core.load import load_project
from sapat.core.model.coverage import Extent, load_coverage
from sapat.core.model.frameworks import load_frameworks
from sapat.core.model.processes import load_process_model
from sapat.core.model.registers import load_registers
from sapat.core.publishing.generated.coverage import COVERAGE
from sapat.core.sources.data_files import Schemas
from sapat.core.sources.repository import Repository

DATA = "manual/standards/iso9001.yml"
TODAY = dt.date(2026, 11, 29)


@pytest.fixture(scope="module")
def project(real_project):
    """The real repository as of TODAY (conftest.real_project), read, never changed."""
    assert real_project.today == TODAY
    return real_project


@pytest.fixture
def copy(tmp_path) -> Path:
    return copy_sources(tmp_path / "repo")


def edit(root: Path, old: str, new: str) -> int:
    """Replace the first ``old`` in the coverage file; returns the 1-based line it was on."""
    path = root / DATA
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {DATA}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def line_of(root: Path, text: str) -> int:
    lines = (root / DATA).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def load(root: Path):
    """The coverage file of ``root`` with its own diagnostics (not the manual's clause checks)."""
    repository, schemas = Repository(root), Schemas(root / "schemas")
    model, problems = load_process_model(repository, schemas)
    assert problems == []
    registers, problems = load_registers(repository, schemas, model, [])
    assert problems == []
    frameworks, problems = load_frameworks(repository, schemas, model, registers.record_names())
    assert problems == []
    return load_coverage(repository, schemas, model, frameworks)


def coverage_problems(project) -> list:
    return [d for d in project.diagnostics if d.path == DATA]


# --------------------------------------------------------------------------- the real data

def test_the_real_file_loads_without_diagnostics(project):
    coverage = project.coverage
    assert coverage_problems(project) == []
    assert len(coverage.requirements) == 67
    counts = coverage.counts()
    assert sum(counts.values()) == 51  # the 16 headings (4, 4.2, 5, 5.4...) are not counted
    assert counts == {Extent.FULL: 30, Extent.PARTIAL: 21, Extent.GAP: 0}
    assert coverage.gaps_2015 == ()  # every ISO 9001:2015 requirement is in manual/frameworks/iso9001-2015.yml


def test_headings_are_the_clauses_whose_sub_clauses_are_listed(project):
    headings = {r.number for r in project.coverage.requirements if r.heading}
    assert headings == {"4", "4.2", "5", "5.4", "5.5", "5.6", "6", "6.2", "7", "7.2", "7.3", "7.4",
                        "7.5", "8", "8.2", "8.5"}


def test_kyrgyz_titles_are_the_manuals_own_headings(project):
    clauses = project.source.index.clauses
    shown = [r for r in project.coverage.requirements if r.number in clauses]
    assert len(shown) == 65  # all but 7.4.2 and 7.4.3, which the manual has no clause for
    assert [(r.number, r.title.get("ky")) for r in shown] == [(r.number, clauses[r.number].title) for r in shown]


def test_every_clause_named_is_a_mention_on_its_own_line(project):
    mentions = project.coverage.mentions
    lines = (ROOT / DATA).read_text(encoding="utf-8").splitlines()
    assert len(mentions) == sum(len(r.clauses) for r in project.coverage.requirements)
    for mention in mentions:
        assert mention.display == DATA and f'"{mention.clause}"' in lines[mention.line - 1]


# --------------------------------------------------------------------------- mistakes, with lines

def test_a_clause_that_does_not_exist_is_an_error_with_its_line(copy):
    line = edit(copy, 'clauses: ["7.4.1"]', 'clauses: ["7.4.9"]')
    problems = [d for d in coverage_problems(load_project(copy, TODAY)) if "7.4.9" in str(d.message)]
    assert [(d.line, str(d.message), str(d.hint)) for d in problems] == \
        [(line, "clause 7.4.9 does not exist in the manual", "did you mean '7.4.1'?")]


def test_an_unknown_process_is_an_error_with_its_line_and_a_hint(copy):
    line = edit(copy, "processes: [purchasing]", "processes: [purchasin]")
    _, problems = load(copy)
    assert [(d.path, d.line, str(d.message), str(d.hint)) for d in problems] == \
        [(DATA, line, "process 'purchasin' does not exist", "did you mean 'purchasing'?")]


def test_a_process_that_no_clause_of_the_row_governs_is_an_error(copy):
    line = edit(copy, "processes: [monitoring-equipment]", "processes: [purchasing]")
    _, problems = load(copy)
    [problem] = problems
    assert (problem.line, str(problem.message)) == \
        (line, "process 'purchasing' is governed by none of the clauses listed for ISO 9001:2008 7.6")
    assert "7.4, 7.4.1" in str(problem.hint)


def test_schema_errors_have_their_line_and_json_path(copy):
    line = edit(copy, 'iso2015: ["4"]', 'iso2015: "4"')
    key_line = edit(copy, "partly:", "partialy:")
    coverage, problems = load(copy)
    found = {(d.line, str(d.message).split(":")[0]) for d in problems}
    assert found == {(line, "$.matrix[0].iso2015"), (key_line, "$.matrix[1].partialy")}
    assert any(str(d.hint) == "did you mean 'partly'?" for d in problems)
    assert coverage.requirements == ()


def test_a_row_names_clauses_or_a_gap_but_not_both(copy):
    edit(copy, '    clauses: ["4"]\n', "")
    gap_line = edit(copy, "    partly:\n      ky: Университет", "    gap:\n      ky: Университет")
    _, problems = load(copy)
    assert [(d.line, str(d.message)) for d in problems] == [
        (line_of(copy, 'iso2008: "4"'), "ISO 9001:2008 4 names no clause of the manual and no gap"),
        (gap_line, "ISO 9001:2008 4.1 has a gap and also clauses, processes or 'partly'")]


def test_a_heading_takes_its_coverage_from_its_sub_clauses(copy):
    edit(copy, 'clauses: ["4.2"]\n', 'clauses: ["4.2"]\n    partly: {ky: жок, ru: нет}\n')
    _, problems = load(copy)
    assert [str(d.message) for d in problems] == \
        ["ISO 9001:2008 4.2 is the heading of the sub-clauses listed after it: its coverage is theirs"]


def test_a_clause_listed_twice_is_an_error(copy):
    edit(copy, '  - iso2008: "4.2.1"', '  - iso2008: "4.1"')
    _, problems = load(copy)
    assert [str(d.message) for d in problems] == ["matrix: 4.1 is listed twice"]


def test_a_note_names_no_clause_number(copy):
    line = edit(copy, "ru: Сроки хранения записей не", "ru: Сроки хранения записей (см. 4.2.3) не")
    _, problems = load(copy)
    assert [(d.line, str(d.message)) for d in problems] == \
        [(line, "matrix: a note names 4.2.3, which is not checked there")]


# --------------------------------------------------------------------------- the page

@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_page_links_clauses_and_processes(project, language):
    body = project.languages[language].generated[COVERAGE].body
    row = next(line for line in body.splitlines() if line.startswith("| 7.4.2 "))
    assert "| 8.4.3 | [[7.4.1]] | [" in row and "](processes/purchasing.md) |" in row
    assert f'<a href="sapat-site:{language}/criteria/">' in body  # the ISO 9001:2015 requirements, outside the edition


def test_the_page_escapes_what_the_yaml_says(copy):
    edit(copy, "ru: Общие требования", "ru: Общие <script>alert(1)</script> *требования* [[9.9]]")
    project = load_project(copy, TODAY)
    body = project.languages["ru"].generated[COVERAGE].body
    assert "<script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert r"\*требования\* \[\[9.9\]\]" in body
    assert project.errors() == []
