"""The objectives' chart and the management review's inputs in Chromium: an objective with three
years of values drawn against its target with its table beside it, a year's review page with
that test data and the real repository's, each passing axe, on screen and printed.

Screenshots go to $SAPAT_SHOTS when it is set (else the test's temporary folder), to be looked at.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from accessibility import violations
from browsing import serve, shots_folder

from helpers import OBJECTIVES, THREE_YEARS_ANCHOR, THREE_YEARS_OF_VALUES, copy_sources, replace_once
from sapat.core.i18n.labels import label
from sapat.core.load import load_project
from sapat.core.publishing.current import CURRENT_AREA, write_current_area
from sapat.core.publishing.current.review import REVIEW, REVIEW_SECTIONS

TODAY = dt.date(2026, 12, 7)


@pytest.fixture(scope="module")
def measured_url(tmp_path_factory):
    """The current area of a copy whose objective 4 has three years of values, on a server."""
    root = copy_sources(tmp_path_factory.mktemp("measured") / "repo")
    replace_once(root, OBJECTIVES, THREE_YEARS_ANCHOR, THREE_YEARS_OF_VALUES)
    project = load_project(root, TODAY)
    assert project.errors() == []
    for language in ("ky", "ru"):
        write_current_area(project, CURRENT_AREA, root / "site" / language, language)
    server, url = serve(root / "site")
    yield url
    server.shutdown()


@pytest.fixture
def shots(tmp_path) -> Path:
    return shots_folder(tmp_path)


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_chart_of_three_years_of_values_and_its_table(page, measured_url, shots, language):
    page.goto(f"{measured_url}/{language}/objectives/")
    chart = page.locator("#multilevel-education ~ .sapat-chart-pair").first
    chart.scroll_into_view_if_needed()
    drawing = chart.locator("svg[role=img]")
    box = drawing.bounding_box()
    assert box and 400 <= box["width"] <= 560 and box["height"] > 150
    ident = "chart-multilevel-education"
    assert drawing.get_attribute("aria-labelledby") == f"{ident}-title {ident}-desc"
    target = chart.locator(".sapat-chart-target line").first.bounding_box()
    marks = [circle.bounding_box() for circle in chart.locator("circle").all()]
    assert len(marks) == 4 and target
    # 58, 61 and 64.5 are drawn below the target line of 70, 71 above it (y grows downwards)
    centres = [mark["y"] + mark["height"] / 2 for mark in marks if mark]
    assert all(centre > target["y"] for centre in centres[:3]) and centres[3] < target["y"]
    rows = chart.locator("table tbody tr").all_inner_texts()
    assert [row.split("\t")[:2] for row in rows] == [[year, f"{value}\u00a0%"] for year, value in
                                                     (("2023", "58"), ("2024", "61"), ("2025", "64,5"), ("2026", "71"))]
    chart.screenshot(path=str(shots / f"chart-{language}.png"))
    page.screenshot(path=str(shots / f"objectives-test-data-{language}.png"), full_page=True)
    assert page.get_by_text(label("objectives.not_measured", language), exact=True).count() == 4
    assert violations(page) == []
    page.set_viewport_size({"width": 360, "height": 800})  # a phone: the table goes under the chart
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert chart.locator("table").bounding_box()["y"] > drawing.bounding_box()["y"] + 100
    chart.screenshot(path=str(shots / f"chart-phone-{language}.png"))


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_review_page_of_a_year_with_test_data(page, measured_url, shots, language):
    page.goto(f"{measured_url}/{language}/{REVIEW}/2025/")
    row = page.locator("tr", has=page.locator('a[href="../../objectives/#multilevel-education"]'))
    assert row.inner_text().split("\t")[-2:] == ["64,5\u00a0%", label("no", language)]
    page.screenshot(path=str(shots / f"review-2025-test-data-{language}.png"), full_page=True)
    assert violations(page) == []


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_real_repository_s_review_page_on_screen_and_printed(page, base_url, shots, language):
    year = dt.date.today().year
    page.goto(f"{base_url}/{language}/{REVIEW}/{year}/")
    assert page.locator("h1").inner_text() == label("review.title", language, year=year)
    assert page.locator("section h2").count() == len(REVIEW_SECTIONS)
    page.screenshot(path=str(shots / f"review-{year}-real-{language}.png"), full_page=True)
    assert violations(page) == []
    page.goto(f"{base_url}/{language}/objectives/")
    assert violations(page) == []
    page.goto(f"{base_url}/{language}/{REVIEW}/{year}/")
    page.emulate_media(media="print")
    header = page.locator("header")
    assert header.evaluate("element => getComputedStyle(element).backgroundColor") == "rgba(0, 0, 0, 0)"
    page.screenshot(path=str(shots / f"review-{year}-real-{language}-print.png"), full_page=True)
