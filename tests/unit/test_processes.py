"""Processes, Appendix 1/2 and objectives as YAML: schemas, cross-references with lines, pages."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from sapat.core.i18n.labels import label
from sapat.core.model.clauses import ClauseIndex, scan_page
from sapat.core.model.processes import PHASES, REGISTER_FILES, load_process_model
from sapat.core.publishing.generated.markdown import md
from sapat.core.publishing.generated.processes import (
    interaction_matrix_markdown,
    objectives_markdown,
    process_page_markdown,
    processes_index_markdown,
)
from sapat.core.sources.data_files import Schemas
from sapat.core.sources.repository import Repository

ROOT = Path(__file__).resolve().parents[2]


def load(root: Path = ROOT):
    return load_process_model(Repository(root), Schemas(ROOT / "schemas"))


@pytest.fixture(scope="module")
def real():
    return load()


@pytest.fixture
def copy(tmp_path) -> Path:
    """A scratch copy of processes/ that a test may break."""
    shutil.copytree(ROOT / "processes", tmp_path / "processes")
    return tmp_path


def edit(root: Path, name: str, old: str, new: str) -> int:
    """Replace ``old`` once in processes/<name>; returns the 1-based line it was on."""
    path = root / "processes" / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def messages(diagnostics) -> list[str]:
    return [d.format("en") for d in diagnostics]


def manual_index(lang: str) -> ClauseIndex:
    index = ClauseIndex()
    for page in sorted((ROOT / "manual" / lang).glob("*.md")):
        index.add(scan_page(page.name, page.read_text(encoding="utf-8")))
    assert index.resolve() == [] and index.unresolved == []
    return index


# --------------------------------------------------------------------------- the real data

def test_real_yaml_loads_without_diagnostics(real):
    model, diagnostics = real
    assert messages(diagnostics) == []
    assert len(model.processes) >= 14
    assert model.appendix1 and model.pdca and model.objectives
    assert [p.id for p in model.pdca.phases] == list(PHASES)
    assert len(model.objectives.items) == 5


def test_processes_cover_the_manual_sections(real):
    model, _ = real
    governed = {c.split(".")[0] for p in model.processes.values() for c in p.clauses}
    assert {"4", "5", "6", "7", "8", "9", "10"} <= governed
    for expected in ("management-responsibility", "resource-management", "educational-programme-design",
                     "purchasing", "education-delivery", "internal-audit", "corrective-action",
                     "preventive-action", "education-export", "rating-research"):
        assert expected in model.processes


def test_every_owner_is_a_role_and_every_kind_is_known(real):
    model, _ = real
    for process in model.processes.values():
        assert process.owner in model.roles.names
        assert process.kind in ("management", "core", "support")
        assert process.name.get("ky") and process.name.get("ru")


def test_kyrgyz_texts_use_kyrgyz_letters(real):
    model, _ = real
    kyrgyz = " ".join(i.text.get("ky") for p in model.processes.values()
                      for i in p.inputs + p.outputs + p.resources + p.indicators)
    assert {"ө", "ү", "ң"} <= set(kyrgyz)
    assert not re.search(r"[ёъщ]", kyrgyz), "Russian-only letters in Kyrgyz text"


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_every_clause_in_the_yaml_exists_in_the_manual(real, lang):
    model, _ = real
    index = manual_index(lang)
    missing = [m for m in model.mentions if m.clause not in index.clauses]
    assert missing == []


def test_clause_references_list_every_clause_with_its_line(real):
    model, _ = real
    mentions = model.mentions
    expected = sum(len(re.findall(r'"\d+(?:\.\d+)*"', path.read_text(encoding="utf-8")))
                   for path in (ROOT / "processes").glob("*.yml") if path.name not in REGISTER_FILES)
    assert len(mentions) == expected
    assert "processes/roles.yml" in {m.display for m in mentions}
    for mention in mentions:
        assert mention.display.startswith("processes/") and mention.display.endswith(".yml")
        source_line = (ROOT / mention.display).read_text(encoding="utf-8").splitlines()[mention.line - 1]
        assert f'"{mention.clause}"' in source_line


def test_hand_overs_form_cycles_and_that_is_fine(real):
    model, _ = real
    targets = {p.id: {h.target for h in p.hands_over_to} for p in model.processes.values()}
    assert "management-responsibility" in targets["management-review"]
    assert "management-review" in targets["management-responsibility"]


# --------------------------------------------------------------------------- mistakes, with lines

def test_unknown_hand_over_target_is_an_error_with_line_and_hint(copy):
    line = edit(copy, "internal-audit.yml", "process: management-review", "process: management-reveiw")
    _, diagnostics = load(copy)
    [problem] = diagnostics
    assert problem.path == "processes/internal-audit.yml"
    assert problem.line == line
    assert "management-reveiw" in str(problem.message)
    assert str(problem.hint) == "did you mean 'management-review'?"


def test_unknown_owner_role_is_an_error(copy):
    line = edit(copy, "management-responsibility.yml", "owner: rector", "owner: rektor")
    _, diagnostics = load(copy)
    [problem] = diagnostics
    assert (problem.path, problem.line) == ("processes/management-responsibility.yml", line)
    assert "rektor" in str(problem.message) and str(problem.hint) == "did you mean 'rector'?"


def test_bad_clause_string_fails_the_schema_with_its_line(copy):
    line = edit(copy, "internal-audit.yml", 'clauses: ["8.2.2"]', 'clauses: ["8.2.x"]')
    model, diagnostics = load(copy)
    [problem] = diagnostics
    assert (problem.path, problem.line) == ("processes/internal-audit.yml", line)
    assert "$.clauses[0]" in str(problem.message)
    assert "internal-audit" not in model.processes


def test_hand_over_to_itself_and_twice(copy):
    edit(copy, "corrective-action.yml", "  - process: management-review\n",
         "  - process: corrective-action\n    clause: \"8.5.2\"\n  - process: management-review\n"
         "    clause: \"8.5.1\"\n  - process: management-review\n")
    _, diagnostics = load(copy)
    text = " ".join(messages(diagnostics))
    assert "hands over to itself" in text and "listed twice" in text


def test_unknown_party_is_an_error(copy):
    line = edit(copy, "purchasing.yml", "suppliers: [suppliers]", "suppliers: [supliers]")
    _, diagnostics = load(copy)
    [problem] = diagnostics
    assert (problem.path, problem.line) == ("processes/purchasing.yml", line)
    assert str(problem.hint) == "did you mean 'suppliers'?"


def test_process_id_must_match_its_file_and_be_unique(copy):
    shutil.copy(copy / "processes" / "purchasing.yml", copy / "processes" / "purchases.yml")
    _, diagnostics = load(copy)
    text = " ".join(messages(diagnostics))
    assert "processes/purchases.yml:1" in text
    assert "differs from the file name" in text and "already used by processes/purchasing.yml" in text


def test_unknown_key_is_reported_with_a_hint(copy):
    edit(copy, "purchasing.yml", "indicators:", "indicator:")
    _, diagnostics = load(copy)
    assert any("unknown key 'indicator'" in str(d.message) and str(d.hint) == "did you mean 'indicators'?"
               for d in diagnostics)


def test_broken_yaml_and_wrong_extension_are_reported(copy):
    (copy / "processes" / "broken.yml").write_text("id: [unclosed\n", encoding="utf-8")
    (copy / "processes" / "extra.yaml").write_text("id: extra\n", encoding="utf-8")
    _, diagnostics = load(copy)
    paths = {d.path for d in diagnostics}
    assert {"processes/broken.yml", "processes/extra.yaml"} <= paths


def test_a_yaml_file_that_is_no_process_is_an_error_not_a_process(copy):
    (copy / "processes" / "coverage.yml").write_text("mapping:\n  - iso: '4.1'\n", encoding="utf-8")
    model, diagnostics = load(copy)
    [problem] = diagnostics
    assert (problem.path, problem.line) == ("processes/coverage.yml", 1)
    assert "neither a process nor one of" in str(problem.message) and "roles.yml" in str(problem.message)
    assert "coverage" not in model.processes


def test_missing_model_file_is_reported_and_the_rest_still_loads(copy):
    (copy / "processes" / "model.yml").unlink()
    model, diagnostics = load(copy)
    assert any(d.path == "processes/model.yml" and "missing" in str(d.message) for d in diagnostics)
    assert model.appendix1 is None and model.processes


def test_model_arrow_to_unknown_block_and_shared_cell(copy):
    line = edit(copy, "model.yml", "  - from: product\n    to: satisfaction",
                "  - from: product\n    to: satisfacton")
    edit(copy, "model.yml", "    column: 4\n    row: 3", "    column: 2\n    row: 3")
    _, diagnostics = load(copy)
    text = messages(diagnostics)
    assert any(f"processes/model.yml:{line + 1}" in t and "did you mean 'satisfaction'" in t for t in text)
    assert any("overlaps block" in t for t in text)


def test_pdca_phases_must_come_in_order(copy):
    edit(copy, "pdca.yml", "  - id: do", "  - id: check_")
    edit(copy, "pdca.yml", "  - id: check\n", "  - id: do\n")
    edit(copy, "pdca.yml", "  - id: check_", "  - id: check")
    _, diagnostics = load(copy)
    assert diagnostics and all(d.path == "processes/pdca.yml" and d.line for d in diagnostics)


def test_objective_smart_fields_are_validated_when_present(copy):
    edit(copy, "objectives.yml", "  - id: multilevel-education\n",
         "  - id: multilevel-education\n    target: {value: 100, better: higher}\n"
         "    due: 2026-02-30\n    owner: prorector\n")
    _, diagnostics = load(copy)
    text = " ".join(messages(diagnostics))
    assert "'2026-02-30' is not a real date" in text
    edit(copy, "objectives.yml", "due: 2026-02-30", "due: 2026-02-28")
    _, diagnostics = load(copy)
    text = " ".join(messages(diagnostics))
    assert "objective 'multilevel-education': 'target' needs indicator, unit as well" in text


def test_objective_owner_must_be_a_role(copy):
    line = edit(copy, "objectives.yml", "  - id: multilevel-education\n",
                "  - id: multilevel-education\n    owner: prorector\n")
    _, diagnostics = load(copy)
    [problem] = diagnostics
    assert problem.line == line + 1 and "prorector" in str(problem.message)


# --------------------------------------------------------------------------- generated pages

@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_generated_pages_only_reference_existing_clauses(real, lang):
    model, _ = real
    index = manual_index(lang)
    index.add(scan_page("processes/index.md", processes_index_markdown(model, lang)))
    index.add(scan_page("objectives.md", objectives_markdown(model, lang)))
    for pid in model.processes:
        index.add(scan_page(f"processes/{pid}.md", process_page_markdown(model, pid, lang)))
    assert [d.format("en") for d in index.resolve()] == [] and index.unresolved == []


def test_process_page_lists_the_map_and_links_neighbours(real):
    model, _ = real
    page = process_page_markdown(model, "internal-audit", "ru")
    assert page.startswith("# Внутренний аудит (проверки)\n")
    assert "<!-- sapat:diagram process-map:internal-audit -->" in page
    for heading in ("## Входы", "## Выходы", "## Ресурсы", "## Показатели", "## Регламентирующие пункты"):
        assert heading in page
    assert "**Владелец процесса:** отдел качества образования ([[5.2]])" in page
    assert "[Анализ со стороны руководства](management-review.md) ([[5.6.2]])" in page
    for target in re.findall(r"\]\(([a-z-]+)\.md\)", page):
        assert target in model.processes
    kyrgyz = process_page_markdown(model, "internal-audit", "ky")
    assert "## Кирүүчү маалыматтар" in kyrgyz and "## Чыгуучу маалыматтар" in kyrgyz


def test_process_page_says_when_the_manual_sets_nothing(real):
    model, _ = real
    assert "*в руководстве не установлены*" in process_page_markdown(model, "management-review", "ru")


def test_index_has_the_interaction_map_and_every_process(real):
    model, _ = real
    for lang, appendix in (("ru", "[[приложение 1]]"), ("ky", "[[тиркеме 1]]")):
        index = processes_index_markdown(model, lang)
        assert "<!-- sapat:diagram interaction -->" in index and appendix in index
        assert set(re.findall(r"\]\(([a-z-]+)\.md\)", index)) == set(model.processes)


def test_objectives_register_marks_what_is_not_measurable(real, copy):
    model, _ = real
    register = objectives_markdown(model, "ru")
    assert register.count("**пока не измерима**") == 5
    assert "[[2.2]]" in register and "[[5.4.1]]" in register
    assert re.search(r"\d+ ?%", register) is None, "no number may be invented"
    edit(copy, "objectives.yml", "  - id: multilevel-education\n",
         "  - id: multilevel-education\n    indicator: {ky: 'үлүш', ru: 'доля'}\n"
         "    unit: {ky: '%', ru: '%'}\n    target: {value: 80, better: higher}\n    due: 2026-06-30\n"
         "    owner: vice_rector_academic\n")
    changed, diagnostics = load(copy)
    assert diagnostics == []
    register = objectives_markdown(changed, "ru")
    assert register.count("**пока не измерима**") == 4
    assert "| доля (%) | не менее 80 % | 2026-06-30 | проректор по учебной работе | измерима |" in register
    assert "| үлүш (%) | кеминде 80 % | 2026-06-30 |" in objectives_markdown(changed, "ky")


def test_yaml_text_cannot_become_markup_in_pages(copy):
    edit(copy, "internal-audit.yml", "ru: Внутренний аудит (проверки)",
         "ru: '<script>alert(1)</script> *x* [y](z) | 7.1'")
    model, diagnostics = load(copy)
    assert diagnostics == []
    for page in (process_page_markdown(model, "internal-audit", "ru"),
                 process_page_markdown(model, "management-review", "ru"),
                 processes_index_markdown(model, "ru")):
        assert "<script>" not in page and "&lt;script&gt;" in page
        assert "\\*x\\*" in page and "\\[y\\](z)" in page


def test_markdown_escape_keeps_headings_from_looking_like_clauses():
    assert md("7.3 Долборлоо") == "7\\.3 Долборлоо"
    assert md("a | b") == "a \\| b"


def matrix_cells(markdown: str) -> dict[tuple[str, str], str]:
    """The interaction matrix's cells by (row process, column process), as the Markdown they hold."""
    table = ET.fromstring(re.search(r"<table.*</table>", markdown, re.DOTALL).group(0))
    process = re.compile(r"\]\(processes/([a-z-]+)\.md\)")
    head_rows = table.find("thead").findall("tr")
    columns = [process.search(th.text).group(1) for th in head_rows[-1].findall("th")]
    cells = {}
    for row in table.iter("tr"):
        header = row.find("th[@scope='row']")
        if header is not None:
            data = row.findall("td")
            assert len(data) == len(columns)
            cells.update({(process.search(header.text).group(1), column): td.text or ""
                          for column, td in zip(columns, data, strict=True)})
    return cells


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_interaction_matrix_has_every_hand_over_in_its_cell_with_its_clause(real, lang):
    model, _ = real
    cells = matrix_cells(interaction_matrix_markdown(model, lang))
    assert len(cells) == len(model.processes) ** 2, "every process is a row and a column"
    hand_overs = model.hand_overs()
    assert len(hand_overs) == 36
    for source, target, hand_over in hand_overs:
        cell = cells.pop((source.id, target.id))
        assert cell.startswith(f"**[[{hand_over.clause}]]**"), (source.id, target.id, cell)
        assert hand_over.what, f"{source.path} says what it hands over to {target.id}"
        for item in hand_over.what:
            said = md(item.text.get(lang)) + (f" ([[{item.clause}]])" if item.clause else "")
            assert said in cell, (source.id, target.id, cell)
    assert set(cells.values()) == {""}, "no cell without a hand-over says anything"



@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_every_cell_of_the_interaction_matrix_with_text_has_a_header(real, lang):
    """The corner that tells how to read the matrix is a header too (axe-core's td-has-header):
    the header of the column of process names."""
    model, _ = real
    table = ET.fromstring(re.search(r"<table.*</table>", interaction_matrix_markdown(model, lang), re.DOTALL).group(0))
    corner = table.find("thead/tr/*")
    assert (corner.tag, corner.get("scope"), corner.get("rowspan")) == ("th", "col", "2")
    assert corner.text == md(label("matrix.corner", lang))
    assert [td.text for td in table.iter("td") if td.text and not td.text.startswith("**[[")] == []

def test_interaction_matrix_cells_read_as_the_manual_says(real):
    model, _ = real
    ru = matrix_cells(interaction_matrix_markdown(model, "ru"))
    assert ru[("corrective-action", "management-review")] == "**[[5.6.2]]**: статус корректирующих действий"
    assert ru[("management-responsibility", "management-review")] == (
        "**[[5.1]]**: политика в области качества ([[5.3]]); цели в области качества ([[5.4.1]])")
    ky = matrix_cells(interaction_matrix_markdown(model, "ky"))
    assert ky[("purchasing", "data-analysis")] == "**[[8.4]]**: продукцияны жеткирүүчүлөр жөнүндө маалыматтар"


def test_a_hand_over_without_what_shows_its_clause_alone(copy):
    edit(copy, "rating-research.yml", "    what:\n      - ky: билим берүү программаларынын рейтинги\n"
         "        ru: рейтинг образовательных программ\n      - ky: билим сапатын камсыздоонун рейтинги\n"
         "        ru: рейтинг обеспечения качества образования\n", "")
    model, diagnostics = load(copy)
    assert diagnostics == []
    cells = matrix_cells(interaction_matrix_markdown(model, "ru"))
    assert cells[("rating-research", "management-review")] == "**[[10]]**"


def test_what_a_hand_over_passes_on_must_be_said_in_both_languages(copy):
    line = edit(copy, "purchasing.yml", "        ru: данные о поставщиках продукции\n", "")
    _, diagnostics = load(copy)
    assert [d.path for d in diagnostics] == ["processes/purchasing.yml"]
    assert diagnostics[0].line == line - 1 and "ru" in messages(diagnostics)[0]
