"""The audit checklists and the programme as the real repository's site publishes them, and the
checklists typeset as PDF by ``sapat pdf``."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from helpers import elements, resolve_link, sapat
from sapat.core.i18n.labels import label
from sapat.core.load import load_project
from sapat.core.publishing.generated.audits import process_checklist
from sapat.core.publishing.pdf.sheets import ACKNOWLEDGEMENT

LANGUAGES = ("ky", "ru")


@pytest.fixture(scope="module")
def project(built_repo):
    return load_project(built_repo)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_17_checklists_are_built_and_each_question_links_its_clause(draft_site, project, language):
    """Each clause's questions are a table whose requirement column is headed by the clause, linked;
    the table has a row per requirement, headed by its number, and the finding columns."""
    model = project.process_model
    assert len(model.processes) == 17
    for pid in model.processes:
        page = draft_site / language / "draft" / "audits" / pid / "index.html"
        tags = elements(page)
        found = process_checklist(project, pid, language)
        # each table's requirement column is headed by its clause, linked where it is on the site
        heads = [tag for tag in tags if tag.tag == "th" and "sapat-audit-requirement" in tag.attrs.get("class", "")]
        asked = [clause for clause in found.clauses if clause.questions]
        assert len(heads) == len(asked), pid
        links = [tag for tag in tags if tag.tag == "a" and "sapat-ref" in tag.attrs.get("class", "")]
        for clause, head in zip(asked, heads, strict=True):
            assert head.text == label("audit.col.requirement", language, clause=clause.id)
            target = next(link for link in links if link.text == clause.id)
            file, fragment = resolve_link(page, target.attrs["href"])
            assert fragment == clause.id and any(tag.attrs.get("id") == clause.id for tag in elements(file))
        rows = [tag for tag in tags if tag.tag == "th" and tag.attrs.get("scope") == "row"]
        assert len(rows) == found.questions + 3, pid  # and the three fields of the audit at the top
        columns = [tag.text for tag in tags if tag.tag == "th" and tag.attrs.get("scope") == "col"]
        assert columns.count(label("audit.col.nonconformity", language)) == len(asked)
        assert len(columns) == 6 * len(asked)
        # the requirements are the manual's words: search finds them on the manual's page only
        wrappers = [tag for tag in tags if tag.tag == "div" and "sapat-audit" in tag.attrs.get("class", "").split()]
        assert len(wrappers) == len(asked) and all(tag.attrs.get("data-pagefind-ignore") == "index"
                                                   for tag in wrappers)
    index = (draft_site / language / "draft" / "audits" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{pid}/"' in index for pid in model.processes)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_programme_page_says_no_programme_is_entered(draft_site, language):
    page = (draft_site / language / "audit-programme" / "index.html").read_text(encoding="utf-8")
    assert label("programme.empty", language) in page
    registers = (draft_site / language / "registers" / "index.html").read_text(encoding="utf-8")
    assert 'href="../audit-programme/"' in registers


@pytest.mark.slow  # typesets 23 PDFs: the checklists of the 17 processes, the sheets of the 6 units
def test_a_checklist_typeset_as_pdf_asks_every_question_of_its_clauses(built_repo, project, tmp_path):
    """``sapat pdf --only checklists --only sheets`` typesets what it names, not the manual; the
    draft's acknowledgement sheet lists the documents it changed."""
    run = sapat(built_repo, "pdf", "--language", "ru", "--only", "checklists", "--only", "sheets",
                "--out", str(tmp_path))
    assert run.returncode == 0, run.output
    assert len(list((tmp_path / "ru" / "audits").glob("*.pdf"))) == 17
    assert not list(tmp_path.glob("*.pdf")) and not (tmp_path / "ky").exists()  # no manual, no other language
    sheet = PdfReader(tmp_path / "ru" / ACKNOWLEDGEMENT / "rectorate.pdf").pages[0].extract_text()
    assert label("sheet.unit", "ru") in sheet and "ЖАМУ-СМС-04" in sheet
    pdf = tmp_path / "ru" / "audits" / "internal-audit.pdf"
    reader = PdfReader(pdf)
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    found = process_checklist(project, "internal-audit", "ru")
    for question in found.clauses[0].questions:
        words = re.sub(r"\[\[([^\]]+)\]\]", r"\1", question.text).split()
        assert " ".join(words[:5]) in text
    assert label("audit.col.observation", "ru") in text and "[[" not in text
    assert reader.metadata.title == "Чек-лист аудита: Внутренний аудит (проверки)"
