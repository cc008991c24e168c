"""The frameworks a reviewer audits against (manual/frameworks/): loading, each kind of mistake with
file and line, the criteria pages and the spreadsheets (reproducible, readable by openpyxl)."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import openpyxl
import pytest

from helpers import replace_once
from sapat.core.load import load_project
from sapat.core.model.frameworks import Status
from sapat.core.publishing.current import write_current_area
from sapat.core.publishing.current.criteria import SPREADSHEET, criteria

TODAY = dt.date(2026, 12, 7)
ISO_2015 = "manual/frameworks/iso9001-2015.yml"


@pytest.fixture(scope="module")
def project(real_project):
    """The real repository as conftest loads it once for every test that only reads it."""
    return real_project


def problems_in(root: Path, path: str) -> list[tuple[int | None, str]]:
    return [(d.line, str(d.message)) for d in load_project(root, TODAY).errors() if d.path == path]


# --------------------------------------------------------------------------- the real data

def test_every_framework_loads_without_errors_and_is_dated(project):
    assert project.errors() == []
    frameworks = {framework.id: framework for framework in project.criteria()}
    assert list(frameworks) == ["iso9001-2008", "esg-2015", "iso9001-2015", "iso9001-2026", "kg-accreditation"]
    assert all(framework.as_of == TODAY for framework in frameworks.values())
    assert [row.id for row in frameworks["esg-2015"].rows] == [f"1.{n}" for n in range(1, 11)]
    assert frameworks["iso9001-2026"].provisional and not frameworks["iso9001-2015"].provisional
    for framework in frameworks.values():
        assert sum(framework.counts().values()) == len(framework.rows)
        assert all(row.evidence for row in framework.rows), framework.id


def test_amendment_1_is_flagged_on_4_1_and_4_2(project):
    rows = {row.id: row for row in project.frameworks.get("iso9001-2015").rows}
    assert all("Amd 1:2024" in rows[ident].note.get("ru") for ident in ("4.1", "4.2"))


def test_2026_extends_2015_with_6_1_split_per_fdis(project):
    iso2026 = project.frameworks.get("iso9001-2026")
    ids = [row.id for row in iso2026.rows]
    assert "6.1" not in ids and {"6.1.2", "6.1.3"} <= set(ids)
    assert ids.index("6.1.2") == ids.index("5.3") + 1  # in the order a reader counts clauses
    assert all("FDIS" in row.note.get("ru") for row in iso2026.rows if row.id in ("5.1.1", "6.1.2", "6.1.3", "7.3"))


def test_the_management_representative_is_rated_partly(project):
    rows = {row.id: row for row in project.coverage.framework().rows}
    assert {ident: rows[ident].status for ident in ("5.3", "5.5.2", "7.2.2", "8.3", "7.4.3")} == {
        "5.3": Status.PARTLY, "5.5.2": Status.PARTLY, "7.2.2": Status.PARTLY, "8.3": Status.PARTLY,
        "7.4.3": Status.ADDRESSED}


# --------------------------------------------------------------------------- mistakes, with lines

def test_an_unknown_clause_is_an_error_with_its_line(sources):
    line = replace_once(sources, ISO_2015, 'clauses: ["6.3"]', 'clauses: ["6.9"]')
    assert (line, "clause 6.9 does not exist in the manual") in problems_in(sources, ISO_2015)


def test_an_unknown_process_is_an_error_with_its_line(sources):
    line = replace_once(sources, ISO_2015, "processes: [internal-audit]", "processes: [internal-audits]")
    assert problems_in(sources, ISO_2015) == [(line, "process 'internal-audits' does not exist")]


def test_an_unknown_record_is_an_error_with_its_line(sources):
    line = replace_once(sources, ISO_2015, "evidence: [audit-programme]", "evidence: [audit-plan]")
    assert problems_in(sources, ISO_2015) == [(line, "record 'audit-plan' is not in processes/records.yml")]


def test_an_unknown_requirement_id_is_an_error_with_its_line(sources):
    line = replace_once(sources, "manual/frameworks/iso9001-2026.yml", 'removed: ["6.1"]', 'removed: ["6.7"]')
    assert problems_in(sources, "manual/frameworks/iso9001-2026.yml") == [(line, "iso9001-2015 has no requirement 6.7")]
    line = replace_once(sources, "manual/standards/iso9001.yml", 'iso2015: ["7.1.3"]', 'iso2015: ["7.1.9"]')
    assert problems_in(sources, "manual/standards/iso9001.yml") == [(line, "iso9001-2015 has no requirement 7.1.9")]


def test_an_unknown_status_is_an_error_with_its_line(sources):
    line = replace_once(sources, "manual/frameworks/esg-2015.yml", "status: gap", "status: missing")
    [(found, message)] = problems_in(sources, "manual/frameworks/esg-2015.yml")
    assert found == line and "'missing' is not one of the allowed values" in message


def test_a_status_must_agree_with_what_the_row_says(sources):
    line = replace_once(sources, "manual/frameworks/esg-2015.yml", "status: gap", "status: addressed")
    assert sorted(problems_in(sources, "manual/frameworks/esg-2015.yml")) == [
        (line, "esg-2015 1.8 is rated 'addressed' but names no clause of the manual"),
        (line, "esg-2015 1.8 is rated 'addressed' but says under 'gap:' that something is missing")]


def test_a_gap_names_no_clause_number(sources):
    line = replace_once(sources, "manual/frameworks/kg-accreditation.yml", "ru: Миссия, стратегия и цели есть;",
                "ru: Миссия (см. 2.1), стратегия и цели есть;")
    assert problems_in(sources, "manual/frameworks/kg-accreditation.yml") == [
        (line, "kg-accreditation 1.1: a note names 2.1, which is not checked there")]


# --------------------------------------------------------------------------- pages and spreadsheets

def criteria_files(project, language, folder):
    """Every file of ``<language>/criteria/`` as make site writes it, by its path there."""
    root = folder / language
    write_current_area(project, [criteria], root, language)
    return {path.relative_to(root / "criteria").as_posix(): path.read_bytes()
            for path in (root / "criteria").rglob("*") if path.is_file()}


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_each_page_says_as_of_when_and_links_into_the_draft(project, language, tmp_path):
    files = criteria_files(project, language, tmp_path)
    page = files["iso9001-2026/index.html"].decode()
    assert "2026-12-07" in page and "FDIS" in page
    links = re.findall(r'href="([^"]+)"', page)
    assert "../../draft/05-management/#5.1" in links and "../../draft/processes/preventive-action/" in links
    assert "<script" not in page and "://" not in "".join(links)
    summary = files["index.html"].decode()
    assert all(f'href="{framework.id}/"' in summary for framework in project.criteria())


def test_the_spreadsheets_are_the_same_bytes_every_time(project, tmp_path):
    first, second = criteria_files(project, "ru", tmp_path / "1"), criteria_files(project, "ru", tmp_path / "2")
    assert {name: content for name, content in first.items() if not name.endswith(".html")} == \
        {name: content for name, content in second.items() if not name.endswith(".html")}


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_workbook_has_a_sheet_per_framework_and_a_row_per_requirement(project, language, tmp_path):
    files = criteria_files(project, language, tmp_path)
    workbook = openpyxl.load_workbook(io.BytesIO(files[SPREADSHEET]), read_only=True)
    frameworks = project.criteria()
    assert workbook.sheetnames == [framework.id for framework in frameworks]
    for framework in frameworks:
        rows = list(workbook[framework.id].iter_rows(values_only=True))
        assert rows[0][:3] == tuple(files[f"{framework.id}.csv"].decode("utf-8-sig").split("\r\n")[0].split(",")[:3])
        assert [row[0].split()[0] for row in rows[1:]] == [row.id for row in framework.rows]
        assert all(row[1] for row in rows[1:])
