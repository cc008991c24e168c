"""Internal audits (8.2.2): the checklists made from the manual's clauses, the changes page that
names the checklists a change of a clause changed, and the audit programme's checks, each
mistake with its file and line, and its page in the current area."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from helpers import copy_sources, html_elements, replace_once
from sapat.core.diagnostics import Severity
from sapat.core.i18n.labels import label
from sapat.core.load import load_project
from sapat.core.model.audits import Question, checklist_page, questions
from sapat.core.publishing.current import write_current_area
from sapat.core.publishing.current.audits import audit_programme
from sapat.core.publishing.current.review import REVIEW, review_pages
from sapat.core.publishing.generated.audits import COLUMNS, checklist_markdown, process_checklist
from sapat.core.publishing.generated.changes import edition_changes_page
from sapat.core.publishing.pdf.checklists import checklist_html

TODAY = dt.date(2027, 5, 10)
PROGRAMME = "processes/audit-programme.yml"
MEASUREMENT = "manual/{language}/08-measurement.md"
#: A sentence of 8.2.2, which governs the internal audit process alone, in each language.
SENTENCE = {"ru": "Также учитываются результаты предыдущих аудитов.",
            "ky": "Ошондой эле мурдагы аудиттердин натыйжалары да эске алынат."}


# --------------------------------------------------------------------------- the checklists

def test_every_line_of_a_clause_is_a_question_and_a_list_item_reads_on_from_its_line():
    text = "First sentence.\nIt is checked as follows:\n\n- one;\n- two ([[7.1]]).\n\nLast."
    assert questions(text) == (Question("1", "First sentence."), Question("2", "It is checked as follows:"),
                               Question("2.1", "one;", item=True), Question("2.2", "two ([[7.1]]).", item=True),
                               Question("3", "Last."))


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_every_process_has_a_checklist_of_its_clauses_own_words_in_each_language(real_project, language):
    """Each governing clause's every line is a question, in the page's language and its own words."""
    model, index = real_project.process_model, real_project.languages[language].index
    assert len(model.processes) == 17
    for pid, process in model.processes.items():
        found = process_checklist(real_project, pid, language)
        assert [clause.id for clause in found.clauses] == list(process.clauses)
        for clause in found.clauses:
            assert clause.clause is index.clauses[clause.id]
            own = [re.sub(r"^(?:-|\d+\.) ", "", line.strip()) for line in clause.clause.text.splitlines()
                   if line.strip()]
            assert [question.text for question in clause.questions] == own
        markdown = checklist_markdown(real_project, pid, language)
        assert all(question.text in markdown for clause in found.clauses for question in clause.questions)
    assert sum(process_checklist(real_project, pid, language).questions for pid in model.processes) > 150


def test_sources_whose_nav_has_no_checklists_get_none_and_their_process_pages_link_none(real_project, sources):
    """As the sources of 2018-12-21, frozen before checklists: built again (a mend, added offline
    copies), they would otherwise have pages outside their nav and links to them (strict stops)."""
    generated = real_project.languages["ky"].generated
    assert real_project.has_checklists and checklist_page("internal-audit") in generated
    assert "audits/" in generated["processes/internal-audit.md"].text
    replace_once(sources, "mkdocs.yml", "  - audits/index.md\n", "")
    project = load_project(sources, TODAY)
    assert not project.has_checklists
    for language, pages in project.languages.items():
        assert not [name for name in pages.generated if name.startswith("audits/")], language
        assert "audits/" not in pages.generated["processes/internal-audit.md"].text, language


def test_the_evidence_is_what_the_records_register_and_the_process_tie_to_the_clause(real_project):
    found = process_checklist(real_project, "internal-audit", "ru")
    evidence = found.clauses[0].evidence
    assert [record.id for record in evidence.records] == [
        record.id for record in real_project.registers.records
        if record.process == "internal-audit" and "8.2.2" in record.clauses] != []
    assert [item.text.get("ru") for item in evidence.outputs] == [
        "программа аудитов (проверок)", "отчеты о результатах аудитов", "записи об аудитах и их результатах"]
    # an input the process file ties to 7.1, a clause that does not govern the process, is not asked for here
    assert "заранее запланированные мероприятия" not in [item.text.get("ru") for item in evidence.inputs]
    markdown = checklist_markdown(real_project, "internal-audit", "ru")
    assert "registers/records/#" in markdown and label("audit.col.nonconformity", "ru") in markdown


#: What the reworded sentence of 8.2.2 adds, a "|" in it (a Markdown table's cell break elsewhere).
ADDED = {"ru": " и жалобы потребителей (письменные | устные).",
         "ky": " жана керектөөчүлөрдүн даттануулары (жазуу | оозеки)."}


@pytest.fixture(scope="module")
def edited(tmp_path_factory) -> Path:
    """The repository with its frozen editions, and one sentence of 8.2.2 reworded in both languages."""
    root = copy_sources(tmp_path_factory.mktemp("audits") / "repo", editions=True)
    for language, sentence in SENTENCE.items():
        replace_once(root, MEASUREMENT.format(language=language), sentence, sentence.rstrip(".") + ADDED[language])
    return root


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_a_clause_changed_changes_its_checklist_and_the_changes_page_names_it(real_project, edited, language):
    project = load_project(edited, TODAY)
    before = checklist_markdown(real_project, "internal-audit", language)
    after = checklist_markdown(project, "internal-audit", language)
    assert SENTENCE[language] in before and SENTENCE[language] not in after
    assert ("жалобы потребителей" if language == "ru" else "даттануулары") in after
    # a process 8.2.2 does not govern keeps its checklist word for word
    assert checklist_markdown(project, "purchasing", language) == checklist_markdown(real_project, "purchasing",
                                                                                       language)
    changes = edition_changes_page(project, language)
    section = changes.split(f"## {label('changes.checklists', language)}", 1)
    assert len(section) == 2, "the changes page has no section of checklists"
    named = section[1]
    name = project.process_model.process("internal-audit").name.get(language)
    assert f"]({checklist_page('internal-audit')}) ([[8.2.2]])" in named and name.split(" ")[0] in named
    assert "purchasing" not in named
    assert label("changes.checklists", language) not in edition_changes_page(real_project, language)


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_a_checklist_table_is_headed_by_its_columns_and_each_row_by_its_number(edited, language):
    """The questions, a Markdown table marked on the tree (sapat.markdown.checklists), as the PDF
    typesets them: each column's header and class, each row headed by its number, a list item's
    requirement indented; a "|" in the manual's words stays in its requirement's cell."""
    project = load_project(edited, TODAY)
    found = process_checklist(project, "internal-audit", language)
    asked = [clause for clause in found.clauses if clause.questions]
    tags = html_elements(checklist_html(project, "internal-audit", language, made=""))
    columns = [(tag.text, tag.attrs["class"]) for tag in tags if tag.tag == "th" and tag.attrs.get("scope") == "col"]
    assert columns == [(label(f"audit.col.{key}", language, clause=clause.id), f"sapat-audit-{key}")
                       for clause in asked for key in COLUMNS]
    rows = [tag.text for tag in tags if tag.tag == "th" and tag.attrs.get("scope") == "row"][3:]  # after the fields
    assert rows == [question.number for clause in asked for question in clause.questions]
    items = [tag.text for tag in tags if tag.tag == "td" and tag.attrs.get("class") == "sapat-audit-item"]
    printed = [re.sub(r"\[\[([^\]]+)\]\]", r"\1", question.text)  # a reference is its number on paper
               for clause in asked for question in clause.questions if question.item]
    assert items == printed != []
    cells = [tag.text for tag in tags if tag.tag == "td"]
    assert SENTENCE[language].rstrip(".") + ADDED[language] in cells
    assert len(cells) == 3 + len(rows) * (len(COLUMNS) - 1)  # the fields, then a requirement and 4 findings a row


# --------------------------------------------------------------------------- the programme

def programme(root: Path, audits: str, cycle: str = "") -> Path:
    (root / PROGRAMME).write_text(f'as_of: "2027-01-10"\n{cycle}audits:\n{audits}', encoding="utf-8")
    return root


def entry(process: str, month: int, auditor: str = "education_quality_department", status: str = "planned",
          year: int = 2027, extra: str = "") -> str:
    return (f"  - year: {year}\n    month: {month}\n    process: {process}\n    auditor: {auditor}\n"
            f"    status: {status}\n{extra}")


def every_process(root: Path, except_for: str = "") -> str:
    """An audit of every process but ``except_for``, each by a role that does not own it."""
    project = load_project(root, TODAY)
    text = ""
    for number, (pid, process) in enumerate(sorted(project.process_model.processes.items())):
        if pid != except_for:
            auditor = "rector" if process.owner != "rector" else "education_quality_department"
            text += entry(pid, number % 12 + 1, auditor)
    return text


def found(root: Path) -> list[tuple[str, int | None, str, Severity]]:
    return [(d.path, d.line, d.message.key, d.severity) for d in load_project(root, TODAY).diagnostics
            if d.path == PROGRAMME]


def line_of(root: Path, text: str, after: int = 0) -> int:
    lines = (root / PROGRAMME).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if number > after and text in line)


def test_the_real_programme_is_empty_a_notice_and_no_error(real_project):
    assert real_project.audits is not None and real_project.audits.audits == ()
    mine = [d for d in real_project.diagnostics if d.path == PROGRAMME]
    assert [(d.message.key, d.severity) for d in mine] == [("audits.empty", Severity.NOTICE)]
    assert real_project.errors() == []


def test_a_programme_auditing_every_process_is_clean(sources):
    assert found(programme(sources, every_process(sources))) == []


def test_a_process_never_audited_in_the_cycle_is_an_error_on_audits(sources):
    programme(sources, every_process(sources, except_for="purchasing"))
    assert found(sources) == [(PROGRAMME, line_of(sources, "audits:"), "audits.not_audited", Severity.ERROR)]


def test_a_longer_cycle_counts_the_audits_of_all_its_years(sources):
    audits = every_process(sources, except_for="purchasing") + entry("purchasing", 2, year=2028)
    assert found(programme(sources, audits, cycle="cycle_years: 2\n")) == []
    # a cycle of one year: 2027 lacks purchasing, and 2028 lacks all the others
    keys = [key for _, _, key, _ in found(programme(sources, audits))]
    assert keys == ["audits.not_audited"] * 17


def test_an_auditor_of_their_own_process_is_an_error_on_the_auditor(sources):
    audits = every_process(sources) + entry("purchasing", 5, auditor="rectorate")
    owner = load_project(sources, TODAY).process_model.process("purchasing").owner
    assert owner == "rectorate"
    programme(sources, audits)
    line = line_of(sources, "auditor: rectorate")
    assert found(sources) == [(PROGRAMME, line, "audits.own_process", Severity.ERROR)]


def test_an_unknown_process_and_an_unknown_role_are_errors_with_their_lines(sources):
    programme(sources, every_process(sources) + entry("purchasng", 4, auditor="dean"))
    problems = load_project(sources, TODAY).diagnostics
    mine = [(d.line, d.message.key, d.hint.value("candidate") if d.hint else None) for d in problems
            if d.path == PROGRAMME]
    assert mine == [(line_of(sources, "process: purchasng"), "audits.unknown_process", "purchasing"),
                    (line_of(sources, "auditor: dean"), "role.unknown", None)]


@pytest.mark.parametrize("month", [0, 13])
def test_a_month_out_of_range_is_an_error_with_its_line(sources, month):
    programme(sources, every_process(sources) + entry("purchasing", month))
    line = line_of(sources, f"month: {month}")
    assert [(path, at, severity) for path, at, _, severity in found(sources)] == [(PROGRAMME, line, Severity.ERROR)]


def test_a_done_audit_names_the_day_and_its_report(sources):
    programme(sources, every_process(sources) + entry("purchasing", 3, status="done"))
    assert [key for _, _, key, _ in found(sources)] != [] and all(
        severity is Severity.ERROR for *_, severity in found(sources))
    programme(sources, every_process(sources) + entry("purchasing", 3, status="done",
                                                      extra='    done: "2027-03-14"\n    report: "АО-2027-03"\n'))
    assert found(sources) == []


def test_the_programme_page_shows_the_year_as_a_calendar_as_of_the_build(sources, tmp_path):
    audits = (every_process(sources, except_for="purchasing")
              + entry("purchasing", 3, status="done", extra='    done: "2027-03-14"\n    report: "АО-2027-03"\n')
              + entry("purchasing", 9))
    project = load_project(programme(sources, audits), TODAY)
    assert [d for d in project.errors()] == []
    for language in ("ky", "ru"):
        root = tmp_path / language
        write_current_area(project, [audit_programme], root, language)
        page = (root / "audit-programme" / "index.html").read_text(encoding="utf-8")
        assert label("current.as_of", language, date=TODAY.isoformat()) in page
        tags = html_elements(page)
        calendar = [t for t in tags if t.tag == "table" and "sapat-calendar" in t.attrs.get("class", "")]
        assert len(calendar) == 1
        heads = [t.attrs.get("scope") for t in tags if t.tag == "th"]
        assert heads[:13 + 17] == ["col"] * 13 + ["row"] * 17, "a column per month, a row per process"
        text = calendar[0].text
        # an audit of a month before May 2027 is overdue unless done; one of May or after is planned
        expected = {"overdue": 0, "planned": 0}
        for audit in project.audits.audits:
            if audit.status.value == "planned":
                expected["overdue" if audit.month < 5 else "planned"] += 1
        assert text.count(label("programme.state.done", language)) == 1
        for state, count in expected.items():
            assert text.count(label(f"programme.state.{state}", language)) == count > 0
        assert "../draft/audits/purchasing/" in [t.attrs.get("href") for t in tags if t.tag == "a"]


def test_the_programme_page_says_no_programme_is_entered_yet(real_project, tmp_path):
    for language in ("ky", "ru"):
        write_current_area(real_project, [audit_programme], tmp_path / language, language)
        page = (tmp_path / language / "audit-programme" / "index.html").read_text(encoding="utf-8")
        assert label("programme.empty", language) in page and "<table" not in page


def test_the_management_review_takes_the_year_s_audits_and_those_still_overdue(sources, tmp_path):
    """5.6.2 a): the year's page of the review's inputs lists the programme's audits of that
    year, and, in the year of the build, an audit of an earlier year never done, as overdue."""
    audits = (every_process(sources) + entry("purchasing", 11, year=2026)
              + entry("purchasing", 3, status="done", extra='    done: "2027-03-14"\n    report: "АО-2027-03"\n'))
    project = load_project(programme(sources, audits, cycle="cycle_years: 2\n"), TODAY)  # 2026-2027
    assert project.errors() == [] and TODAY.year == 2027
    for language in ("ky", "ru"):
        root = tmp_path / language
        write_current_area(project, [review_pages], root, language)
        this_year = (root / REVIEW / "2027" / "index.html").read_text(encoding="utf-8")
        section = this_year[this_year.index(label("review.audits", language)):]
        months = label("programme.months", language).split("|")
        assert f"{months[10]} 2026" in section and f"{months[2]} 2027" in section and "АО-2027-03" in section
        assert label("programme.state.overdue", language) in section
        assert "../../draft/audits/purchasing/" in [t.attrs.get("href") for t in html_elements(section) if t.tag == "a"]
        earlier = (root / REVIEW / "2026" / "index.html").read_text(encoding="utf-8")
        assert f"{months[10]} 2026" in earlier and "АО-2027-03" not in earlier
    write_current_area(load_project(programme(sources, ""), TODAY), [review_pages], tmp_path / "none", "ru")
    nothing = (tmp_path / "none" / REVIEW / "2027" / "index.html").read_text(encoding="utf-8")
    assert label("review.audits.none", "ru", year=2027) in nothing
