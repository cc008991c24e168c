"""The registers and the acknowledgement sheets as published: a release in a real git repository
freezes a sheet per unit and language, each listing what the edition changed, read back with
pypdf and drawn with pdftoppm; the repository's own edition of 2018-12-21, released before
sheets were made, gets them in the current area while its files stay as released; every link
of the new pages leads somewhere."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
import yaml

from helpers import FIRST, ROOT, SECOND, broken_links, sapat
from sapat.core.i18n.labels import label
from sapat.core.load import load_project
from test_bad_inputs import digest, published_digest

LANGUAGES = ("ky", "ru")
UNITS = [unit["id"] for unit in yaml.safe_load((ROOT / "processes/units.yml").read_text(encoding="utf-8"))["units"]]
CODES = [f"ЖАМУ-СМС-{number:02}" for number in range(13)]


def sheet_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages)


def unit_names(language: str) -> dict[str, str]:
    units = yaml.safe_load((ROOT / "processes/units.yml").read_text(encoding="utf-8"))["units"]
    return {unit["id"]: unit["name"][language] for unit in units}


def test_a_release_freezes_a_sheet_per_unit_and_language_listing_every_document(released, tmp_path):
    project = load_project(released)
    edition = project.editions[0]
    for language in LANGUAGES:
        frozen = released / "manual/editions" / FIRST / "site" / language / "acknowledgement"
        assert sorted(path.stem for path in frozen.glob("*.pdf")) == sorted(UNITS)
        manifest = (released / "manual/editions" / FIRST / "site" / language / "manifest.sha256").read_text()
        assert all(f"site/{language}/acknowledgement/{unit}.pdf" in manifest for unit in UNITS)
        for unit, name in unit_names(language).items():
            text = sheet_text(frozen / f"{unit}.pdf")
            assert label("sheet.title", language) in text and " ".join(name.split()) in text
            assert label("sheet.with", language, edition=edition.title(language)) in text
            assert label("sheet.documents_first", language) in text and all(code in text for code in CODES)
            header = " ".join(label(f"sheet.col.{key}", language)
                              for key in ("number", "name", "position", "date", "signature"))
            assert header in text and label("sheet.made_frozen", language, date=edition.released) in text
        published = released / "site" / language / FIRST / "acknowledgement" / "rectorate.pdf"
        assert published.read_bytes() == (frozen / "rectorate.pdf").read_bytes()
        record = (released / "site" / language / "editions" / FIRST / "index.html").read_text(encoding="utf-8")
        assert f'href="../../{FIRST}/acknowledgement/rectorate.pdf"' in record
        assert label("ack.frozen", language) in record
        assert not (released / "site" / language / "editions" / FIRST / "acknowledgement").exists()
    png = tmp_path / "sheet"
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                    str(released / "manual/editions" / FIRST / "site/ru/acknowledgement/faculty.pdf"), str(png)],
                   check=True)
    drawn = png.with_suffix(".png").read_bytes()
    assert drawn.startswith(b"\x89PNG") and len(drawn) > 10_000


def test_the_second_edition_s_sheets_list_only_the_document_it_changed(two_editions):
    for language in LANGUAGES:
        text = sheet_text(two_editions / "manual/editions" / SECOND / "site" / language / "acknowledgement/faculty.pdf")
        assert label("sheet.documents", language) in text and "ЖАМУ-СМС-06" in text
        assert [code for code in CODES if code in text] == ["ЖАМУ-СМС-06"]


def test_the_edition_of_2018_12_21_gets_its_sheets_in_the_current_area_and_stays_as_released(published_repo):
    site = published_repo / "site"
    for language in LANGUAGES:
        folder = site / language / "editions" / FIRST / "acknowledgement"
        assert sorted(path.stem for path in folder.glob("*.pdf")) == sorted(UNITS)
        text = sheet_text(folder / "college.pdf")
        assert label("sheet.made_current", language, date=load_project(published_repo).today.isoformat()) in text
        record = (site / language / "editions" / FIRST / "index.html").read_text(encoding="utf-8")
        assert 'href="acknowledgement/rectorate.pdf"' in record
        assert label("ack.current", language, date=load_project(published_repo).today.isoformat()) in record
        editions_list = (site / language / "editions" / "index.html").read_text(encoding="utf-8")
        assert 'href="../registers/"' in editions_list
        assert digest(site / language / FIRST) == published_digest(published_repo / "manual/editions" / FIRST, language)
    run = sapat(published_repo, "verify", str(site))
    assert run.returncode == 0 and f"edition {FIRST}: verified" in run.output, run.output


def test_no_link_of_the_new_pages_is_broken(published_repo):
    """The registers, the records of each clause and process of the draft, the edition's record,
    the objectives' values and the management review's inputs."""
    site = published_repo / "site"
    pages = [page for language in LANGUAGES for folder in ("registers", "editions", "criteria", "objectives",
                                                           "management-review")
             for page in (site / language / folder).rglob("*.html")]
    draft = [page for language in LANGUAGES for page in (site / language / "draft").rglob("*.html")
             if "registers/records/" in page.read_text(encoding="utf-8")]
    assert len(pages) >= 2 * 4 and len(draft) >= 2 * (1 + 8)  # the manual's pages of section 4, 5, 7, 8, processes
    assert broken_links(site, pages + draft)[0] == []


@pytest.fixture
def overdue(tmp_path, published_repo) -> Path:
    """The published repository with the next check of ISO 9001:2026 moved into the past."""
    root = tmp_path / "repo"
    shutil.copytree(published_repo, root)
    shutil.rmtree(root / "site")
    path = root / "processes/external-documents.yml"
    text = path.read_text(encoding="utf-8")
    cited = '    cited_as: ["ISO 9001:2026"'
    moved = text.replace(cited, f'    next_check: "2026-01-05"\n{cited}', 1)
    assert moved != text
    path.write_text(moved, encoding="utf-8")
    return root


@pytest.mark.slow  # builds the repository with its editions on its own, then checks and verifies it
def test_an_overdue_review_is_said_by_the_check_the_command_and_the_registers_and_no_frozen_file_changes(overdue):
    check = sapat(overdue, "check", "--lang", "en")
    assert check.returncode == 0 and "register of documents of external origin: overdue: iso9001-2026 (2026-01-05)" \
        in check.output, check.output
    reviews = sapat(overdue, "reviews", "--lang", "en")
    assert reviews.returncode == 0 and "overdue: register of documents of external origin: iso9001-2026 (2026-01-05)" \
        in reviews.stdout
    assert sapat(overdue, "build").returncode == 0
    page = (overdue / "site/ru/registers/external-documents/index.html").read_text(encoding="utf-8")
    assert "2026-01-05 <strong>(срок истёк)</strong>" in page
    index = (overdue / "site/ky/registers/index.html").read_text(encoding="utf-8")
    assert "iso9001-2026" in index and label("review_overdue", "ky") in index
    for language in LANGUAGES:
        assert digest(overdue / "site" / language / FIRST) == \
            published_digest(overdue / "manual/editions" / FIRST, language)
    assert sapat(overdue, "verify").returncode == 0
