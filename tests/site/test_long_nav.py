"""A level of the nav that lists hundreds of pages: 'sapat check' gives a notice with file, line
and the nav lines to write instead (a folder per unit), and neither the check nor the build
fails on it. The check and the build run in this process (sapat.cli.main), in English (conftest)."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import add_procedures

from helpers import copy_sources
from sapat.cli import main


@pytest.fixture
def sapat_here(capsys):
    """``sapat`` run by its ``main()``: its exit status and what it said on stderr."""
    def run(root: Path, command: str) -> tuple[int, str]:
        status = main(["--root", str(root), command])
        return status, capsys.readouterr().err
    return run


def nav_line(root: Path, entry: str) -> int:
    lines = (root / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    return lines.index(f"  - {entry}") + 1


@pytest.mark.slow
def test_a_flat_nav_of_110_pages_gets_a_notice_with_the_lines_to_write_and_still_builds(sources, sapat_here,
                                                                                        plain_notices):
    add_procedures(sources, 90)  # pr-0001.md … at the top of the nav, after the manual's 13 pages
    status, said = sapat_here(sources, "check")
    assert status == 0, said
    # The top level: 13 pages of the manual, 90 procedures, 7 generated pages (the processes and
    # the guide are sections of their own). The 101st of them is pr-0088.md.
    assert (f"mkdocs.yml:{nav_line(sources, 'pr-0088.md')}: notice: one level of the nav lists 110 pages, "
            "more than 100: every page of it shows the whole list") in said
    assert ("move the pages into procedures/<unit>/ of each language (manual/ky, manual/ru; <unit> in small "
            "Latin letters, such as 'library') and write their lines in nav so:\n"
            "      - procedures/<unit>/pr-0088.md\n"
            "      - procedures/<unit>/pr-0089.md\n"
            "      - procedures/<unit>/pr-0090.md\n") in said
    assert said.endswith(f"errors: 0, notices: {plain_notices + 1}\n"), said
    status, said = sapat_here(sources, "build")
    assert status == 0, said
    assert (sources / "site/ru/draft/pr-0090/index.html").is_file()


def test_a_section_of_the_limit_passes_and_one_page_more_gets_the_notice(tmp_path, sapat_here, plain_notices):
    at_limit = copy_sources(tmp_path / "at-limit")
    add_procedures(at_limit, 200, folder="procedures", per_section=100)  # procedures/0001-0100/…
    status, said = sapat_here(at_limit, "check")
    assert (status, said.endswith(f"errors: 0, notices: {plain_notices}\n")) == (0, True), said
    past = copy_sources(tmp_path / "past")
    add_procedures(past, 101, folder="procedures")  # one section, procedures/, of 101 pages
    status, said = sapat_here(past, "check")
    assert status == 0 and said.endswith(f"errors: 0, notices: {plain_notices + 1}\n"), said
    assert (f"mkdocs.yml:{nav_line(past, 'procedures/pr-0099.md')}: notice: one level of the nav lists 101 pages"
            in said)
    assert "      - procedures/<unit>/pr-0099.md\n      - procedures/<unit>/pr-0100.md\n" \
           "      - procedures/<unit>/pr-0101.md\n" in said


def test_a_folder_per_unit_as_the_hint_says_gives_no_notice(sources, sapat_here, plain_notices):
    add_procedures(sources, 150, folder="procedures", by_unit=True)  # procedures/medicine/pr-0001.md …
    status, said = sapat_here(sources, "check")
    assert (status, said.endswith(f"errors: 0, notices: {plain_notices}\n")) == (0, True), said
