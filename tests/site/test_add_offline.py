"""Offline copies added to an edition frozen without them (``sapat add-offline``): built from its
frozen sources with today's code, none of the edition's files changed, recorded with the digest of
each ZIP, published where a released edition's copies are and verified by that digest; refused,
writing nothing, for an edition that has copies and when a copy would read differently."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from helpers import FIRST, git, no_pdfs_typeset, sapat
from sapat.core.diagnostics import SapatError
from sapat.core.i18n.labels import label
from sapat.core.load import load_project
from sapat.core.model.editions import Edition, write_editions
from sapat.core.releasing.add_offline import add_offline_copies
from sapat.core.releasing.manifests import seal
from sapat.core.sources.repository import Repository
from test_bad_inputs import digest

LANGUAGES = ("ky", "ru")
REASON = {"ky": "Сын-пикирчилер үчүн оффлайн көчүрмө кошулду", "ru": "Добавлена офлайн-копия для рецензентов"}


def name(language: str) -> str:
    return f"jamu-qms-{FIRST}-{language}-offline.zip"


def without_site(directory: str, names: list[str]) -> list[str]:
    """Copy a repository without its built web root (no test here reads the one before)."""
    return ["site"] if "manual" in names else []


@pytest.fixture(scope="module")
def frozen_before(tmp_path_factory, released) -> Path:
    """A copy of the released repository whose edition stands for one frozen before offline
    copies existed: its ZIPs removed, its manifest sealed again and recorded, committed."""
    root = tmp_path_factory.mktemp("frozen-before-copies") / "repo"
    shutil.copytree(released, root, ignore=without_site)
    folder = root / "manual/editions" / FIRST
    for language in LANGUAGES:
        (folder / "site" / language / name(language)).unlink()
    (edition,) = load_project(root).editions
    write_editions(Repository(root), [replace(edition, manifest_digest=seal(folder, LANGUAGES))])
    git(root, "commit", "-q", "-am", "The edition as frozen before offline copies")
    return root


@pytest.fixture(scope="module")
def added(tmp_path_factory, frozen_before) -> tuple[Path, str]:
    """``frozen_before`` after ``sapat add-offline`` and ``sapat build``; the digest of the
    edition's folder before the act."""
    root = tmp_path_factory.mktemp("added-copies") / "repo"
    shutil.copytree(frozen_before, root)
    before = digest(root / "manual/editions" / FIRST / "site")
    with no_pdfs_typeset():  # the copies carry the edition's frozen PDF: none is typeset
        run = sapat(root, "add-offline", FIRST, "--reason-ky", REASON["ky"], "--reason-ru", REASON["ru"])
    assert run.returncode == 0, run.output
    assert sapat(root, "build").returncode == 0
    return root, before


def test_the_copies_are_added_beside_the_edition_none_of_its_files_changed(added, frozen_before):
    root, before = added
    (edition,) = load_project(root).editions
    assert edition.manifest_digest == load_project(frozen_before).editions[0].manifest_digest
    assert digest(root / "manual/editions" / FIRST / "site") == before
    copies = edition.added_copies
    assert copies is not None and copies.date == dt.date.today().isoformat() and copies.reason == REASON
    folder = root / "manual/editions" / FIRST
    for language in LANGUAGES:
        zip_file = folder / "offline" / name(language)
        assert copies.digests[language] == "sha256:" + hashlib.sha256(zip_file.read_bytes()).hexdigest()
        pdf = f"jamu-qms-{FIRST}-{language}.pdf"
        with zipfile.ZipFile(zip_file) as archive:
            assert archive.read(f"{name(language).removesuffix('.zip')}/{pdf}") == \
                (folder / "site" / language / pdf).read_bytes()  # the edition's own PDF, as frozen
    log = git(root, "log", "-1", "--format=%B")
    assert log.startswith(f"Add offline copies to edition {FIRST}: {REASON['ru']}") and copies.digests["ky"] in log
    assert git(root, "status", "--porcelain") == ""


def test_verify_accepts_the_added_copies_by_their_digests_and_the_pages_say_when(added):
    root, _ = added
    (edition,) = load_project(root).editions
    assert sapat(root, "verify").returncode == 0
    for target in ("site", f"site/ky/{FIRST}"):
        run = sapat(root, "--lang", "en", "verify", str(root / target))
        assert run.returncode == 0 and f"edition {FIRST}: verified" in run.output, run.output
        assert run.output.count("verified by the digest editions.yml records") == 2
    run = sapat(root, "--lang", "en", "verify", str(root / f"site/ru/{FIRST}/{name('ru')}"))
    assert run.returncode == 0 and f"offline copy of edition {FIRST} (ru)" in run.output, run.output
    for language in LANGUAGES:
        note = label("record.offline_added", language, date=dt.date.today().isoformat(), reason=REASON[language])
        for page, link in ((f"editions/{FIRST}", f"../../{FIRST}/{name(language)}"),
                           ("editions", f"../{FIRST}/{name(language)}")):
            html = (root / "site" / language / page / "index.html").read_text(encoding="utf-8")
            assert f'href="{link}"' in html and note in html.replace("&#x27;", "'")
        assert (root / "site" / language / FIRST / name(language)).read_bytes() == \
            (root / "manual/editions" / FIRST / "offline" / name(language)).read_bytes()
        assert edition.added_copies and edition.added_copies.digests[language] in \
            (root / "site" / language / "editions" / FIRST / "index.html").read_text(encoding="utf-8")


def test_a_changed_byte_of_an_added_copy_is_named(added, tmp_path):
    root, _ = added
    site = tmp_path / "site"
    shutil.copytree(root / "site", site)
    published = site / "ky" / FIRST / name("ky")
    data = bytearray(published.read_bytes())
    data[len(data) // 2] ^= 1
    published.write_bytes(bytes(data))
    run = sapat(root, "--lang", "en", "verify", str(site))
    assert run.returncode == 1 and f"{published}: changed" in run.output and "NOT verified" in run.output

    kept = root / "manual/editions" / FIRST / "offline" / name("ru")
    original = kept.read_bytes()
    try:
        kept.write_bytes(bytes(data))
        run = sapat(root, "--lang", "en", "verify")
        assert run.returncode == 1 and f"manual/editions/{FIRST}/offline/{name('ru')}" in run.output, run.output
        assert f"this file of the frozen edition {FIRST} was changed" in run.output
    finally:
        kept.write_bytes(original)


def test_an_edition_with_copies_is_refused_and_nothing_is_written(added, released):
    for root in (added[0], released):  # copies added after the release; copies made at the release
        before = digest(root / "manual")
        run = sapat(root, "--lang", "en", "add-offline", FIRST, "--reason-ky", "сынак", "--reason-ru", "проба")
        assert run.returncode == 1 and f"edition {FIRST} has offline copies already" in run.output, run.output
        assert digest(root / "manual") == before


def test_a_copy_that_would_read_differently_is_refused_and_nothing_is_written(added, frozen_before):
    """Whatever today's code does to the text (here: one word of 4.2.3 on the Russian copy's page),
    no copy is added, the page and the clause are named, and not a file changes. Today's code is
    stood in for by the copies the real act made (``added``) with that one word changed."""
    root, _ = added
    before = digest(frozen_before / "manual")

    def build(source: Repository, edition: Edition, out: Path, evidence: tuple[Path, ...]) -> None:
        for language in LANGUAGES:
            (out / language).mkdir(parents=True)
            with zipfile.ZipFile(root / "manual/editions" / FIRST / "offline" / name(language)) as made, \
                    zipfile.ZipFile(out / language / name(language), "w") as changed:
                for item in made.infolist():
                    data = made.read(item)
                    if language == "ru" and item.filename.endswith("/04-qms.html"):
                        data = re.sub(r"(id=\"4\.2\.3\".*?</h3>.*?<p>)(\w+)", r"\1Иначе", data.decode(), count=1,
                                      flags=re.S).encode()
                    changed.writestr(item, data)

    with pytest.raises(SapatError) as refused:
        add_offline_copies(Repository(frozen_before), load_project(frozen_before).editions, FIRST, REASON,
                           dt.date.today(), build)
    assert refused.value.message is not None and refused.value.message.key == "add_offline.refused"
    assert [(problem.path, dict(problem.message.values)["clauses"]) for problem in refused.value.problems] == \
        [(f"manual/editions/{FIRST}/site/ru/04-qms/index.html", "4.2.3")]
    assert digest(frozen_before / "manual") == before
