"""The registers (processes/records.yml, external-documents.yml, units.yml, acknowledgements.yml):
the real data, each kind of mistake with file and line, the citations, the reviews due, and the
pages of the current area in both languages."""

from __future__ import annotations

import datetime as dt
import re
import shlex
from pathlib import Path

import pytest
import yaml

from helpers import ROOT, html_elements, replace_once, sapat
from sapat.core.diagnostics import Severity
from sapat.core.i18n.labels import label
from sapat.core.load import load_project
from sapat.core.model.registers import RECORDS_CLAUSE, Status
from sapat.core.model.reviews import Due, Register, reviews
from sapat.core.publishing.current import write_current_area
from sapat.core.publishing.current.registers import registers
from sapat.core.publishing.generated.registers import REGISTER

TODAY = dt.date(2026, 12, 7)
RECORDS, EXTERNAL = "processes/records.yml", "processes/external-documents.yml"
#: The clauses of the manual whose text refers to 4.2.4 for their records (the issue lists them).
REFERRING = ["5.6.1", "7.3.2", "7.3.4", "7.3.5", "7.3.6", "7.3.7", "7.5.2", "7.5.3", "7.5.4", "7.6", "8.2.2", "8.3",
             "8.5.3"]


@pytest.fixture(scope="module")
def project(real_project):
    """The real repository as conftest loads it once for every test that only reads it."""
    return real_project


def line_of(root: Path, path: str, text: str) -> int:
    lines = (root / path).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def errors(root: Path) -> list[tuple[str, int | None, str]]:
    return [(d.path, d.line, str(d.message)) for d in load_project(root, TODAY).errors()]


def pages(project, language: str, folder: Path) -> dict[str, str]:
    """The registers' pages as make site writes them, by folder below the language's web root."""
    root = folder / language
    write_current_area(project, [registers], root, language)
    return {path.parent.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
            for path in root.rglob("index.html")}


# --------------------------------------------------------------------------- the real data

def test_every_clause_that_refers_to_4_2_4_has_a_record(project):
    referring = [clause.id for clause in project.source.index.referring_clauses(RECORDS_CLAUSE)]
    assert referring == REFERRING
    assert all(project.registers.records_of_clause(clause) for clause in referring)
    assert project.errors() == []


def test_the_records_register_is_the_one_place_records_are_named(project):
    records = project.registers.records
    assert project.frameworks.records == project.registers.record_names()
    named = {record for framework in project.criteria() for row in framework.rows for record in row.evidence}
    assert named <= {record.id for record in records}
    assert all(record.id in named for record in records if record.framework_only)
    assert all(bool(record.clauses) != record.framework_only for record in records)
    # the manual states nothing of keeping them: every detail is not set, none invented
    assert all(record.unset() == ("owner", "form", "place", "retention", "disposal") for record in records)
    assert not (ROOT / "manual/frameworks/records.yml").exists()


def test_the_external_register_holds_what_the_manual_and_the_frameworks_cite_with_sources(project):
    documents = {document.id: document for document in project.registers.documents}
    assert {"iso9001-2008", "gost-iso9001-2011", "iso9001-2015", "iso9001-2015-amd1-2024", "iso9001-2026",
            "esg-2015", "kg-decree-670", "kg-education-law-2023"} <= set(documents)
    iso2008 = documents["iso9001-2008"]
    assert iso2008.status is Status.REPLACED and iso2008.replaced_by == "iso9001-2015"
    assert documents["iso9001-2026"].status is Status.DRAFT
    assert documents["kg-education-law-2003"].replaced_by == "kg-education-law-2023"
    for document in documents.values():  # the source of each edition, in both languages, with the day read
        assert all(re.search(r"2026-12-07|manual/", document.source.get(language)) for language in ("ky", "ru"))
        assert document.kept is None  # where the university keeps it: not set until it says
    cited = {citation.document for citation in project.citations()}
    assert None not in cited and {"iso9001-2008", "gost-iso9001-2011", "kg-decree-670", "esg-2015"} <= cited


def test_the_real_manual_s_check_has_notices_a_reader_can_read(project):
    notices = [d for d in project.diagnostics if d.severity is Severity.NOTICE]
    assert len(notices) <= 7
    keys = {d.message.key for d in notices}
    assert {"records.not_set", "external.not_set", "citation.replaced", "reviews.due", "returns.missing",
            "audits.empty"} == keys
    replaced = next(d for d in notices if d.message.key == "citation.replaced")
    assert replaced.path == "manual/ky/01-general.md" and "kg-education-law-2023" in str(replaced.message)


# --------------------------------------------------------------------------- mistakes, with lines

def test_removing_a_record_is_an_error_naming_the_clause(sources):
    text = (sources / RECORDS).read_text(encoding="utf-8")
    start = text.index("  - id: design-verification\n")
    (sources / RECORDS).write_text(text[:start] + text[text.index("  - id:", start + 5):], encoding="utf-8")
    line = line_of(sources, "manual/ky/07-product-realization.md", "Верификациялоонун натыйжаларын каттоо")
    assert errors(sources) == [("manual/ky/07-product-realization.md", line,
                             "clause 7.3.5 refers to 4.2.4 for its records, but no record of processes/records.yml "
                             "names it")]


def test_a_record_naming_an_unknown_clause_or_role_is_an_error_with_its_line(sources):
    replace_once(sources, RECORDS, 'clauses: ["8.5.3"]', 'clauses: ["8.5.9"]')
    replace_once(sources, RECORDS, "    process: management-review\n",
                 "    process: management-review\n    owner: secretary\n")
    clause, role = line_of(sources, RECORDS, '"8.5.9"'), line_of(sources, RECORDS, "owner: secretary")
    found = errors(sources)
    assert (RECORDS, clause, "clause 8.5.9 does not exist in the manual") in found
    assert (RECORDS, role, "owner: 'secretary' is not a role of processes/roles.yml") in found
    # 8.5.3 had no record any more, and preventive-action is governed by none of the record's clauses
    assert ("manual/ky/08-measurement.md", line_of(sources, "manual/ky/08-measurement.md", "каттоону ([[4.2.4]])"),
            "clause 8.5.3 refers to 4.2.4 for its records, but no record of processes/records.yml names it") in found
    assert len(found) == 4


def test_an_unknown_key_is_an_error_with_its_line(sources):
    replace_once(sources, RECORDS, "    process: internal-audit\n", "    process: internal-audit\n    keeper: rector\n")
    assert [(path, line, message) for path, line, message in errors(sources) if path == RECORDS] == [
        (RECORDS, line_of(sources, RECORDS, "keeper: rector"), "$.records[15].keeper: unknown key 'keeper'")]


def test_a_process_none_of_the_record_s_clauses_governs_is_an_error_with_its_line(sources):
    line = replace_once(sources, RECORDS, "    process: preventive-action\n", "    process: internal-audit\n")
    assert errors(sources) == [(RECORDS, line, "process 'internal-audit' is governed by none of the clauses listed for "
                                            "preventive-actions")]


def test_a_record_is_required_by_the_manual_or_named_by_a_framework(sources):
    replace_once(sources, RECORDS, "    framework_only: true\n",
         '    framework_only: true\n    clauses: ["5.3"]\n    process: management-responsibility\n')
    assert errors(sources) == [(RECORDS, line_of(sources, RECORDS, "id: council-protocol"),
                             "record 'council-protocol' names clauses of the manual and is marked 'framework_only'")]
    replace_once(sources, RECORDS, '    clauses: ["5.3"]\n    process: management-responsibility\n', "")
    replace_once(sources, "manual/frameworks/iso9001-2015.yml", "evidence: [knowledge-base]", "evidence: [staff-files]")
    assert errors(sources) == [(RECORDS, line_of(sources, RECORDS, "id: knowledge-base"), "record 'knowledge-base' is "
                             "marked 'framework_only' but no framework names it as evidence")]


def test_a_citation_of_a_document_the_register_lacks_is_an_error_with_its_line(sources):
    page = "manual/ru/04-qms.md"
    cited = "### 4.2.4 Управление записями\n\nСроки хранения — по ГОСТ Р 7.0.8-2013 и ISO 15489-1:2016.\n"
    line = replace_once(sources, page, "### 4.2.4 Управление записями\n", cited) + 2
    replace_once(sources, "manual/frameworks/esg-2015.yml", "ESG 2015 — приняты",
                 "ESG 2015 (см. также ISO 21001:2018) — приняты")
    source = line_of(sources, "manual/frameworks/esg-2015.yml", "  ru: >-")
    lacking = "cites a document that is not in processes/external-documents.yml"
    assert sorted(errors(sources)) == [
        ("manual/frameworks/esg-2015.yml", source, f"'ISO 21001:2018' {lacking}"),
        (page, line, f"'ISO 15489-1:2016' {lacking}"),
        (page, line, f"'ГОСТ Р 7.0.8-2013' {lacking}")]


def test_a_replaced_document_names_its_successor(sources):
    line = replace_once(sources, EXTERNAL, "    replaced_by: iso9001-2015\n", "    replaced_by: iso9001-2016\n")
    assert (EXTERNAL, line, "document 'iso9001-2016' is not in the register") in errors(sources)
    replace_once(sources, EXTERNAL, "    replaced_by: iso9001-2016\n", "")
    status = line_of(sources, EXTERNAL, "    status: replaced")
    assert (EXTERNAL, status, "document 'iso9001-2008' is 'replaced' but names no 'replaced_by'") in errors(sources)


def test_the_register_of_returns_knows_its_units_and_editions(sources):
    replace_once(sources, "processes/acknowledgements.yml", "returns: []", """returns:
  - unit: rectorat
    edition: "2018-12-21"
    issued: "2026-12-01"
    returned: "2026-11-30"
    signed: 12""")
    found = [item for item in errors(sources) if item[0] == "processes/acknowledgements.yml"]
    lines = (sources / "processes/acknowledgements.yml").read_text(encoding="utf-8").splitlines()
    at = {key: next(n for n, line in enumerate(lines, 1) if line.strip().startswith(f"{key}:") or
                    line.strip().startswith(f"- {key}:")) for key in ("unit", "edition", "returned")}
    assert sorted(found) == sorted([
        ("processes/acknowledgements.yml", at["unit"], "unit 'rectorat' is not in processes/units.yml"),
        ("processes/acknowledgements.yml", at["edition"], "edition '2018-12-21' does not exist"),
        ("processes/acknowledgements.yml", at["returned"], "returned on 2026-11-30, before the sheet was given "
                                                            "(2026-12-01)")])


# --------------------------------------------------------------------------- reviews due

def test_a_review_moved_into_the_past_is_overdue_in_the_check_the_pages_and_the_command(sources, tmp_path):
    replace_once(sources, EXTERNAL, '    checked: "2026-12-07"\n    cited_as: ["ISO 9001:2026"',
         '    checked: "2026-12-07"\n    next_check: "2026-11-01"\n    cited_as: ["ISO 9001:2026"')
    replace_once(sources, RECORDS, 'as_of: "2026-12-07"\n', 'as_of: "2026-12-07"\nnext_review: "2026-12-20"\n')
    project = load_project(sources, TODAY)
    assert project.errors() == []
    found = {review.register: review for review in reviews(project, TODAY) if review.register is not Register.DOCUMENTS}
    assert found[Register.EXTERNAL].due is Due.OVERDUE and found[Register.EXTERNAL].subject == "iso9001-2026"
    assert found[Register.RECORDS].due is Due.SOON
    notices = {str(d.message) for d in project.diagnostics if d.message.key == "reviews.due"}
    assert "register of documents of external origin: overdue: iso9001-2026 (2026-11-01); due within 30 days: —" \
        in notices
    assert "records register: overdue: —; due within 30 days: processes/records.yml (2026-12-20)" in notices
    for language, overdue in (("ru", "срок истёк"), ("ky", "мөөнөтү өтүп кеткен")):
        written = pages(project, language, tmp_path)
        assert re.search(rf"2026-11-01 <strong>\({overdue}", written["registers/external-documents"]), language
        assert "iso9001-2026" in written["registers"] and "2026-12-20" in written["registers/records"]
    # the command the weekly workflow runs, as it runs it (offline)
    workflow = yaml.safe_load((ROOT / ".github/workflows/reviews.yml").read_text(encoding="utf-8"))
    assert workflow[True]["schedule"][0]["cron"]  # YAML 1.1 reads the key 'on' as true
    [command] = [step["run"] for job in workflow["jobs"].values() for step in job["steps"]
                 if "sapat reviews" in step.get("run", "")]
    arguments = shlex.split(command.split(">>")[0])
    assert arguments[0] == ".venv/bin/sapat" and "$GITHUB_STEP_SUMMARY" in command
    run = sapat(sources, *arguments[1:], "--today", TODAY.isoformat())
    assert run.returncode == 0, run.output
    assert "| реестр документов внешнего происхождения | iso9001-2026 | 2026-11-01 | срок истёк |" in run.stdout
    assert "| реестр записей | processes/records.yml | 2026-12-20 | срок наступает в ближайшие дни (30) |" \
        in run.stdout
    text = sapat(sources, "reviews", "--lang", "en", "--today", TODAY.isoformat())
    assert f"{EXTERNAL}:{line_of(sources, EXTERNAL, 'next_check:')}: overdue: register of documents of external " \
           "origin: iso9001-2026 (2026-11-01)" in text.stdout


def test_the_document_register_says_a_review_is_near_when_read(sources):
    replace_once(sources, "manual/ky/09-export.md", "next_review_date: 2019-12-21", "next_review_date: 2027-01-20")
    project = load_project(sources, TODAY)
    register = project.languages["ru"].generated[REGISTER].body
    row = next(line for line in register.splitlines() if "ЖАМУ-СМС-09" in line)
    assert 'data-sapat-soon="2026-12-21" data-sapat-until="2027-01-20" hidden' in row
    assert 'data-sapat-due="2027-01-20" hidden' in row and "срок истёк" not in row.split("<span")[0]
    script = (ROOT / "site_config/overrides/assets/sapat.js").read_text(encoding="utf-8")
    assert 'querySelectorAll("[data-sapat-soon]")' in script


# --------------------------------------------------------------------------- the pages

@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_records_register_lists_every_clause_that_refers_to_4_2_4_with_its_records(project, language, tmp_path):
    written = pages(project, language, tmp_path)
    assert set(written) == {"registers", "registers/records", "registers/external-documents",
                            "registers/acknowledgements"}
    page = written["registers/records"]
    table = page[page.index("<table"):page.index("</table>")]
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td></tr>", table)
    assert [re.sub(r"<[^>]+>", "", clause) for clause, _ in rows] == REFERRING
    anchors = {element.attrs["id"] for element in html_elements(page) if "id" in element.attrs}
    for _, records in rows:
        targets = re.findall(r'href="#([^"]+)"', records)
        assert targets and set(targets) <= anchors
    assert "2026-12-07" in page and "<script" not in page
    start, end = (page.index(label(key, language)) for key in ("records.required", "records.framework_only"))
    required = page[start:end]
    not_set = f"<i>{label('record.not_set', language)}</i>"
    assert required.count("<tr>") == 19 and required.count(not_set) == 18 * 5  # owner, form, place, retention, disposal


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_external_register_says_where_each_document_is_cited(project, language, tmp_path):
    page = pages(project, language, tmp_path)["registers/external-documents"]
    section = page[page.index('id="kg-education-law-2003"'):]
    section = section[:section.index("</table>")]
    assert "manual/ky/01-general.md" in section and "manual/ru/01-general.md" in section
    assert 'href="#kg-education-law-2023"' in section
    assert page.count('<h2 id="') == len(project.registers.documents)
