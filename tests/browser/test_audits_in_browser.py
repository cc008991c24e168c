"""A checklist and the audit programme in Chromium: axe finds nothing on either, in both
languages, and the programme of a test (every process audited in 2026, some done, the rest
overdue or planned as of the build) shows as a calendar whose every cell has its headers."""

from __future__ import annotations

import pytest
from accessibility import violations
from browsing import serve, shots_folder, wait_for_theme

from helpers import copy_sources, sapat
from sapat.core.i18n.labels import label
from sapat.core.load import load_project

#: Months of 2026 in which a test audits the processes, in their name order (the build is on or
#: after 2026-12-07, so an audit before December not done is overdue; December's is planned).
MONTHS = (2, 2, 3, 3, 4, 5, 6, 6, 7, 9, 9, 10, 11, 11, 12, 12, 12)
DONE = 4


def a_programme(root) -> str:
    """An audit of every process, the first :data:`DONE` done, each by a role not its owner."""
    model = load_project(root).process_model
    entries = []
    for number, (pid, process) in enumerate(sorted(model.processes.items())):
        auditor = "rector" if process.owner != "rector" else "education_quality_department"
        done = (f'    status: done\n    done: "2026-{MONTHS[number]:02}-20"\n    report: "АО-2026-{number + 1:02}"\n'
                if number < DONE else "    status: planned\n")
        entries.append(f"  - year: 2026\n    month: {MONTHS[number]}\n    process: {pid}\n    auditor: {auditor}\n"
                       + done)
    return 'as_of: "2026-12-07"\naudits:\n' + "".join(entries)


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    """The draft built with :func:`a_programme`, served."""
    root = copy_sources(tmp_path_factory.mktemp("audits") / "repo")
    (root / "processes" / "audit-programme.yml").write_text(a_programme(root), encoding="utf-8")
    run = sapat(root, "build")
    assert run.returncode == 0, run.output
    server, url = serve(root / "site")
    yield url
    server.shutdown()


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_programme_calendar_passes_axe_with_a_header_for_every_cell(page, audited, language, tmp_path):
    page.goto(f"{audited}/{language}/audit-programme/")
    calendar = page.locator("table.sapat-calendar")
    assert calendar.locator("thead th[scope=col]").count() == 13
    assert calendar.locator("tbody th[scope=row]").count() == 17
    text = calendar.inner_text()
    assert text.count(label("programme.state.done", language)) == DONE
    assert label("programme.state.overdue", language) in text
    assert violations(page) == []
    page.set_viewport_size({"width": 1280, "height": 800})  # an old laptop: the year fits, December too
    assert calendar.evaluate("table => table.getBoundingClientRect().right <= table.parentElement.clientWidth + "
                             "table.parentElement.getBoundingClientRect().left")
    page.screenshot(path=shots_folder(tmp_path) / f"programme-{language}.png", full_page=True)


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_a_checklist_page_passes_axe(page, audited, language):
    page.goto(f"{audited}/{language}/draft/audits/management-review/")
    wait_for_theme(page)
    # 5.6.1, 5.6.2, 5.6.3 (5.6 has no text of its own)
    assert page.locator(".sapat-audit th.sapat-audit-requirement a.sapat-ref").count() == 3
    assert violations(page) == []
