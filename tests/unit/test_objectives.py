"""Quality objectives that can be measured (processes/objectives.yml: indicator, unit, baseline,
target, values by year) and the management review's inputs (5.6.2): the real data (nothing
measured, nothing invented), each mistake of the data with file and line, the chart and its
text version, and the pages of the current area in both languages (docs/objectives.md)."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from helpers import OBJECTIVES, THREE_YEARS_ANCHOR, THREE_YEARS_OF_VALUES, html_elements, replace_once
from sapat.core.diagrams.chart import nice_step, value_axis
from sapat.core.i18n.labels import label
from sapat.core.load import load_project
from sapat.core.publishing.current import write_current_area
from sapat.core.publishing.current.objectives import objectives
from sapat.core.publishing.current.review import REVIEW, REVIEW_SECTIONS, review_pages, review_years
from sapat.core.publishing.generated.processes import objectives_markdown

TODAY = dt.date(2026, 12, 7)
#: What keeps a value and its unit on one line.
NBSP = "\u00a0"


def written(project, language: str, folder: Path) -> dict[str, str]:
    """The objectives' and the review's pages as make site writes them, by folder."""
    root = folder / language
    write_current_area(project, [objectives, review_pages], root, language)
    return {path.parent.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
            for path in root.rglob("index.html")}


def problems(root: Path) -> list[tuple[str, int | None, str]]:
    return [(d.path, d.line, d.format("en")) for d in load_project(root, TODAY).errors()]


@pytest.fixture(scope="module")
def real(real_project):
    """The real repository as conftest loads it once (as of REAL_DAY) for the tests that only read it."""
    return real_project


@pytest.fixture
def measured(sources):
    """A copy of the sources whose objective 4 has three years of values."""
    replace_once(sources, OBJECTIVES, THREE_YEARS_ANCHOR, THREE_YEARS_OF_VALUES)
    return sources


# --------------------------------------------------------------------------- the real data

@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_real_objectives_are_not_measured_yet_and_nothing_is_invented(real, language, tmp_path):
    assert real.errors() == []
    assert all(not objective.measured and objective.baseline is None and objective.target is None
               for objective in real.process_model.objectives.items)
    page = written(real, language, tmp_path)["objectives"]
    said = f"<strong>{label('objectives.not_measured', language)}</strong>"
    assert page.count(said) == 5 and "<svg" not in page and "<script" not in page
    main = re.sub(r"<[^>]+>", " ", page[page.index("<main"):])
    assert re.findall(r"\d+\s?%", main) == [], "no value may be invented"


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_real_repository_s_review_pages_say_what_the_data_holds(real, language, tmp_path):
    pages = written(real, language, tmp_path)
    years = review_years(real)
    day = real.today
    assert day.year in years and 2018 in years  # the build's year, the edition's decision
    assert set(pages) == {"objectives", REVIEW, *(f"{REVIEW}/{year}" for year in years)}
    this_year = pages[f"{REVIEW}/{day.year}"]
    for section in REVIEW_SECTIONS:
        assert label(section.key, language, year=day.year) in this_year
    assert label("review.objectives.none", language, year=day.year) in this_year
    edition = real.editions[0]
    assert label("review.changes.same", language, date=day.isoformat(), edition=edition.title(language)) in this_year
    assert label("review.records.incomplete", language, date=day.isoformat(), count=18, incomplete=18) in this_year
    assert label("review.changes.released", language, year=2018, edition=edition.title(language)) \
        in pages[f"{REVIEW}/2018"]
    assert "ЖАМУ-СМС-05" in pages[f"{REVIEW}/2019"]  # the review dates of the document register
    # ... never made, so overdue on the agenda of the build's year too, and said to be
    assert "ЖАМУ-СМС-05" in this_year and label("review.reviews.none", language, year=day.year) not in this_year
    assert label("review_overdue_if_inferred", language) in this_year  # the review dates are inferred
    assert label("review.changes.none", language, year=2019) in pages[f"{REVIEW}/2019"]
    assert "@media print" in this_year and "<script" not in this_year


# --------------------------------------------------------------------------- measured values

@pytest.mark.parametrize("language", ["ky", "ru"])
def test_an_objective_with_three_years_of_values_has_a_chart_and_its_text_version(measured, language, tmp_path):
    project = load_project(measured, TODAY)
    assert project.errors() == []
    page = written(project, language, tmp_path)["objectives"]
    section = page[page.index('id="multilevel-education"'):]
    section = section[:section.index("<h2")]
    svg = ET.fromstring(section[section.index("<svg"):section.index("</svg>") + len("</svg>")])
    namespace = "{http://www.w3.org/2000/svg}"
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "chart-multilevel-education-title chart-multilevel-education-desc"
    desc = svg.find(f"{namespace}desc").text
    assert f"2023: 58{NBSP}%" in desc and f"2026: 71{NBSP}%" in desc
    assert label("target.higher", language, value=f"70{NBSP}%") in desc
    years = [text.text for text in svg.iter(f"{namespace}text") if re.fullmatch(r"20\d\d", text.text or "")]
    assert years == ["2023", "2024", "2025", "2026"]
    assert svg.find(f".//{namespace}g[@class='sapat-chart-target']/{namespace}line").get("stroke-dasharray")
    assert len(list(svg.iter(f"{namespace}circle"))) == 4
    table = section[section.index("<table", section.index("</svg>")):]
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", table)
    yes, no = label("yes", language), label("no", language)
    assert rows == [("2023", f"58{NBSP}%", label("objectives.baseline", language), no),
                    ("2024", f"61{NBSP}%", label("objectives.measured", language), no),
                    ("2025", f"64,5{NBSP}%", label("objectives.measured", language), no),
                    ("2026", f"71{NBSP}%", label("objectives.measured", language), yes)]
    assert page.count(f"<strong>{label('objectives.not_measured', language)}</strong>") == 4
    register = objectives_markdown(project.process_model, language)
    assert f"| {label('target.higher', language, value='70 %')} | 2027-06-30 |" in register  # md() keeps no NBSP


def test_the_value_axis_starts_at_zero_and_ends_on_a_round_step():
    assert nice_step(71) == 20 and nice_step(0.4) == 0.1
    assert value_axis([58, 61, 64.5, 71, 70]) == (0, 80, 20)
    assert value_axis([-3, 4]) == (-4, 4, 2)


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_review_page_of_a_year_with_values_and_reviews(measured, language, tmp_path):
    replace_once(measured, "processes/records.yml", 'as_of: "2026-12-07"\n',
                 'as_of: "2026-12-07"\nnext_review: "2026-12-20"\n')
    project = load_project(measured, TODAY)
    assert project.errors() == []
    assert review_years(project) == [2019, 2023, 2024, 2025, 2026, 2027]
    pages = written(project, language, tmp_path)
    page = pages[f"{REVIEW}/2025"]
    table = page[page.index(label("review.objectives", language)):page.index(label("review.records", language))]
    row = next(row for row in re.findall(r"<tr>(.*?)</tr>", table) if "multilevel-education" in row)
    cells = re.findall(r"<td>(.*?)</td>", row)
    assert cells[2:] == [label("target.higher", language, value=f"70{NBSP}%"), f"64,5{NBSP}%", label("no", language)]
    assert table.count(f"<i>{label('objectives.not_measured', language)}</i>") == 4
    assert label("review.records.none", language, year=2025) in page
    this_year = pages[f"{REVIEW}/2026"]
    records = this_year[this_year.index(label("review.records", language)):]
    assert "2026-12-20" in records and label("review_soon", language, days=30) in records
    assert label("review.changes.first", language, date="2026-12-07") in this_year  # no edition in this copy
    hrefs = {element.attrs["href"] for element in html_elements(page) if element.tag == "a"}
    assert "../../objectives/#multilevel-education" in hrefs


# --------------------------------------------------------------------------- mistakes

def test_each_mistake_of_the_values_is_an_error_with_file_and_line(sources):
    replace_once(sources, OBJECTIVES, THREE_YEARS_ANCHOR, THREE_YEARS_ANCHOR + (
        "    unit: {ky: '%', ru: '%'}\n"                     # +1 a unit without an indicator
        "    target: {value: 70, better: higher}\n"          # +2 a target without an indicator
        "    due: 2027-06-30\n"
        "    measured:\n"                                    # +4 values without an indicator
        "      - {year: 2024, value: 61}\n"
        "      - {year: 2024, value: 62}\n"                  # +6 the same year twice
        "      - {year: 2031, value: 90}\n"))                # +7 a year still to come
    replace_once(sources, OBJECTIVES, "  - id: continuous-development\n", "  - id: continuous-development\n"
                 "    indicator: {ky: 'үлүш', ru: 'доля'}\n"
                 "    target: {value: 5, better: lower}\n"    # a target without a unit
                 "    due: 2026-13-01\n")                     # not a date
    replace_once(sources, OBJECTIVES, "  - id: competent-specialists\n", "  - id: competent-specialists\n"
                 "    indicator: {ky: 'үлүш', ru: 'доля'}\n    unit: {ky: '%', ru: '%'}\n"
                 "    baseline: {year: 2024, value: 50}\n"
                 "    measured:\n      - {year: 2023, value: 48}\n")  # before the baseline
    found = problems(sources)
    assert found and all(path == OBJECTIVES for path, _, _ in found)
    text = {(found_line, message.split(": error: ")[1].split("\n")[0]) for _, found_line, message in found}
    # the schema's error (not a date) stops the file before any other check: fixed first
    assert text == {(line_of(sources, "due: 2026-13-01"), "$.objectives[2].due: '2026-13-01' is not a real date")}
    replace_once(sources, OBJECTIVES, "due: 2026-13-01", "due: 2026-12-01")
    text = {(found_line, message.split(": error: ")[1].split("\n")[0]) for _, found_line, message in problems(sources)}
    line = line_of(sources, "- id: multilevel-education")
    target = line_of(sources, "target: {value: 5, better: lower}")
    before = line_of(sources, "{year: 2023, value: 48}")
    assert text == {
        (line + 1, "objective 'multilevel-education': 'unit' needs indicator as well"),
        (line + 2, "objective 'multilevel-education': 'target' needs indicator as well"),
        (line + 4, "objective 'multilevel-education': 'measured' needs indicator as well"),
        (line + 6, "objective 'multilevel-education': a value for 2024 is given twice"),
        (line + 7, "objective 'multilevel-education': a value for 2031, a year still to come (checked on 2026-12-07)"),
        (target, "objective 'continuous-development': 'target' needs unit as well"),
        (before, "objective 'competent-specialists': a value for 2023, before the baseline of 2024"),
    }


def line_of(root: Path, text: str) -> int:
    lines = (root / OBJECTIVES).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_a_target_without_its_direction_is_an_error_of_the_schema_with_its_line(sources):
    without_direction = ("    indicator: {ky: 'үлүш', ru: 'доля'}\n    unit: {ky: '%', ru: '%'}\n"
                         "    target: {value: 70}\n")
    line = replace_once(sources, OBJECTIVES, THREE_YEARS_ANCHOR, THREE_YEARS_ANCHOR + without_direction)
    [(path, found_line, message)] = problems(sources)
    assert (path, found_line) == (OBJECTIVES, line + 3) and "better" in message
