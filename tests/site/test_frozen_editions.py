"""Frozen editions: released in real git repositories, published with mike, checked by
manifests, and never changed by later work on main."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import (
    FIRST,
    ROOT,
    SECOND,
    SECOND_RELEASE_OUTPUT,
    broken_links,
    elements,
    git,
    html_pages,
    release,
    sapat,
    sapat_process,
)
from sapat.core.i18n.labels import label
from sapat.core.load import load_project
from sapat.core.model.editions import DRAFT, LATEST
from test_bad_inputs import digest, published_digest

LANGUAGES = ("ky", "ru")


def versions(site: Path, language: str) -> dict[str, list[str]]:
    return {entry["version"]: entry["aliases"]
            for entry in json.loads((site / language / "versions.json").read_text(encoding="utf-8"))}


def working_copy(tmp_path: Path, repo: Path) -> Path:
    """A copy of a released repository (with its git history) for one test to change."""
    copy = tmp_path / "repo"
    shutil.copytree(repo, copy)
    return copy


def test_the_web_root_holds_every_edition_in_both_languages(released):
    site = released / "site"
    assert 'url=ky/' in (site / "index.html").read_text(encoding="utf-8")
    for language in LANGUAGES:
        assert versions(site, language) == {FIRST: [LATEST], DRAFT: []}
        assert '"latest/"' in (site / language / "index.html").read_text(encoding="utf-8")
        for version in (FIRST, DRAFT):
            assert (site / language / version / "08-measurement" / "index.html").is_file()
        redirect = (site / language / LATEST / "08-measurement" / "index.html").read_text(encoding="utf-8")
        assert f'"../../{FIRST}/08-measurement/" + window.location.search + window.location.hash' in redirect
    titles = [entry["title"] for entry in json.loads((site / "ky" / "versions.json").read_text(encoding="utf-8"))]
    assert f"{FIRST} · бекитилген, протокол № 4" in titles
    run = sapat(released, "verify", str(site))
    assert run.returncode == 0 and f"edition {FIRST}: verified" in run.output, run.output


def test_every_page_states_its_edition_and_the_draft_says_it_is_not_approved(released):
    site = released / "site"
    frozen = (site / "ru" / FIRST / "04-qms" / "index.html").read_text(encoding="utf-8")
    assert f"<b>Издание:</b> {FIRST} · утверждено, протокол № 4" in frozen
    # judged on its approval day; that the review date has passed is said when the page is read
    assert "срок истёк" not in re.sub(r'<span [^>]*\bhidden(="")?>.*?</span>', "", frozen)
    assert re.search(r'<span class="sapat-due" data-sapat-due="\d{4}-\d\d-\d\d" hidden(="")?> \(срок истёк', frozen)
    assert "Это издание утратило силу" in frozen  # shown by Material only once it is superseded
    draft = (site / "ru" / DRAFT / "04-qms" / "index.html").read_text(encoding="utf-8")
    assert "<b>Издание:</b> Проект (не утверждён)" in draft and "Учёный совет его ещё не утвердил" in draft
    assert f'href="../../{LATEST}/04-qms/" data-sapat-same-clause' in draft
    switch = {e.attrs["hreflang"]: e.attrs["href"] for e in elements(site / "ky" / FIRST / "04-qms" / "index.html")
              if e.tag == "a" and "md-select__link" in e.attrs.get("class", "")}
    assert switch == {"ky": "./", "ru": f"../../../ru/{FIRST}/04-qms/"}


def test_the_release_is_a_commit_and_a_tag_and_is_recorded(released):
    assert git(released, "tag") == f"edition/{FIRST}\n"
    assert "Release edition" in git(released, "log", "-1", "--format=%s")
    assert git(released, "status", "--porcelain") == ""
    registry = (released / "manual/editions/editions.yml").read_text(encoding="utf-8")
    assert f"version: {FIRST}" in registry and "signature: unsigned" in registry
    editions_list = (released / "site/ky/editions/index.html").read_text(encoding="utf-8")
    assert "sha256:" in editions_list and "күчүндө" in editions_list


def test_release_refuses_what_is_not_an_approved_edition(tmp_path, released):
    repo = working_copy(tmp_path, released)
    again = release(repo, FIRST, "4")
    assert again.returncode == 1 and f"edition {FIRST} already exists" in again.output
    page = repo / "manual/ky/09-export.md"
    page.write_text(page.read_text(encoding="utf-8").replace("status: approved", "status: draft"), encoding="utf-8")
    uncommitted = release(repo, "2027-01-10", "6")
    assert uncommitted.returncode == 1 and "these changes are not committed" in uncommitted.output
    git(repo, "commit", "-q", "-am", "09 back to draft")
    refused = release(repo, "2027-01-10", "6")
    assert refused.returncode == 1, refused.output
    assert "manual/ky/09-export.md:5: error: the page is draft, not approved" in refused.output
    assert "manual/ru/09-export.md:3: error: the ru translation lags behind" not in refused.output
    assert not (repo / "manual/editions/2027-01-10").exists() and git(repo, "tag") == f"edition/{FIRST}\n"


def test_release_refuses_a_lagging_translation_and_a_revision_going_back(tmp_path, released):
    repo = working_copy(tmp_path, released)
    page = repo / "manual/ky/10-rating.md"
    text = page.read_text(encoding="utf-8")
    history = text[text.index("history:"):text.index("---", 4)]
    page.write_text(text.replace("revision: 2\n", "revision: 1\n").replace(history, ""), encoding="utf-8")
    translation = repo / "manual/ru/05-management.md"
    translation.write_text(translation.read_text(encoding="utf-8").replace("  revision: 2\n", "  revision: 1\n"),
                           encoding="utf-8")
    git(repo, "commit", "-q", "-am", "a revision back, a translation behind")
    refused = release(repo, "2027-01-10", "6")
    assert refused.returncode == 1, refused.output
    assert "manual/ky/10-rating.md:4: error: revision 1 is lower than revision 2 in the previous edition" \
        in refused.output
    assert "manual/ru/05-management.md:3: error: the ru translation lags behind" in refused.output


def test_verify_names_every_changed_missing_and_added_file(tmp_path, released):
    site = tmp_path / "downloaded"
    shutil.copytree(released / "site", site)
    (site / "ky" / FIRST / "04-qms" / "index.html").write_text("<p>changed</p>", encoding="utf-8")
    (site / "ru" / FIRST / "08-measurement" / "index.html").unlink()
    (site / "ky" / FIRST / "extra.html").write_text("<p>added</p>", encoding="utf-8")
    run = sapat(released, "verify", str(site))
    assert run.returncode == 1
    assert f"{site}/ky/{FIRST}/04-qms/index.html: changed" in run.output
    assert f"{site}/ru/{FIRST}/08-measurement/index.html: missing" in run.output
    assert f"{site}/ky/{FIRST}/extra.html: added" in run.output
    assert f"edition {FIRST}: NOT verified" in run.output
    edition = sapat(released, "verify", str(site / "ky" / FIRST))  # one edition's folder of the web root
    assert edition.returncode == 1 and f"{site}/ky/{FIRST}/04-qms/index.html: changed" in edition.output
    assert f"edition {FIRST}: NOT verified" in edition.output and "offline copy" not in edition.output
    empty = tmp_path / "empty"
    empty.mkdir()
    found = sapat(released, "verify", str(empty))
    assert found.returncode == 1 and f"edition {FIRST}: the edition is missing from this web root" in found.output
    away = sapat(empty, "verify", str(empty))  # no repository at hand: nothing to expect, nothing found
    assert away.returncode == 1 and f"{empty}: no frozen edition and no offline copy in it" in away.output


def test_verify_of_an_edition_s_folder_checks_that_edition(released):
    run = sapat(released, "verify", str(released / "site" / "ru" / FIRST))
    assert run.returncode == 0 and f"edition {FIRST}: verified" in run.output, run.output


def test_a_changed_frozen_file_in_the_repository_fails_the_check(tmp_path, released):
    repo = working_copy(tmp_path, released)
    frozen = repo / "manual/editions" / FIRST / "site/ky/04-qms/index.html"
    frozen.write_text(frozen.read_text(encoding="utf-8").replace("бекитилген", "өзгөртүлгөн"), encoding="utf-8")
    for command in ("check", "verify"):
        run = sapat(repo, command)
        assert run.returncode == 1
        assert f"manual/editions/{FIRST}/site/ky/04-qms/index.html: error: this file of the frozen edition " \
               f"{FIRST} was changed" in run.output, run.output


def test_later_work_on_main_never_changes_a_frozen_edition(tmp_path, released):
    repo = working_copy(tmp_path, released)
    (repo / "site_config/overrides/assets/sapat.css").write_text("body { color: red }\n", encoding="utf-8")
    main = repo / "site_config/overrides/main.html"
    main.write_text(main.read_text(encoding="utf-8") + "{% block footer %}<p>new theme</p>{% endblock %}\n",
                    encoding="utf-8")
    assert sapat(repo, "build").returncode == 0
    for language in LANGUAGES:
        published, frozen = repo / "site" / language / FIRST, repo / "manual/editions" / FIRST / "site" / language
        assert digest(published) == digest(frozen)
        assert "new theme" in (repo / "site" / language / DRAFT / "index.html").read_text(encoding="utf-8")
        assert "new theme" not in (published / "index.html").read_text(encoding="utf-8")


def test_a_fresh_clone_of_main_publishes_every_frozen_edition(tmp_path, released):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--single-branch", "--no-tags", str(released), str(clone)], check=True)
    assert sapat(clone, "build").returncode == 0
    for language in LANGUAGES:
        assert digest(clone / "site" / language / FIRST) == digest(released / "site" / language / FIRST)
    assert sapat(clone, "verify", str(clone / "site")).returncode == 0


def test_a_second_edition_supersedes_the_first(two_editions):
    site = two_editions / "site"
    for language in LANGUAGES:
        assert versions(site, language) == {SECOND: [LATEST], FIRST: [], DRAFT: []}
    page = (site / "ru" / "editions" / "index.html").read_text(encoding="utf-8")
    editions = page[page.index("<table"):]
    assert editions.index(SECOND) < editions.index(FIRST)
    assert "действует" in editions and "утратило силу" in editions and "Дополнен пункт 6.3" in editions
    run = sapat(two_editions, "verify", str(site))
    assert run.returncode == 0 and run.output.count("verified") == 2, run.output
    second = (site / "ky" / SECOND / "06-resources" / "index.html").read_text(encoding="utf-8")
    assert "<b>Редакция:</b> 3" in second and "Жаңы сүйлөм." in second
    assert "Жаңы сүйлөм." not in (site / "ky" / FIRST / "06-resources" / "index.html").read_text(encoding="utf-8")


def test_no_link_in_any_edition_or_the_list_of_editions_is_broken(two_editions):
    """After a second release: every edition's pages, the draft's and each language's list of
    editions lead only to files that exist (the 404 pages, which hold absolute links, aside)."""
    site = two_editions / "site"
    pages = [page for language in LANGUAGES for folder in (FIRST, SECOND, DRAFT, "editions")
             for page in html_pages(site / language / folder) if page.name != "404.html"]
    broken, checked = broken_links(site, pages)
    assert checked > 10_000 and broken == []


def test_the_list_of_editions_is_outside_every_edition_and_says_which_is_in_force(two_editions):
    """Written again by every build, so that no frozen page has to say which edition is in force;
    each edition's own editions page keeps its record and leads to it."""
    site = two_editions / "site"
    for language in LANGUAGES:
        listing = (site / language / "editions" / "index.html").read_text(encoding="utf-8")
        rows = re.findall(r"<tr><td>(.*?)</tr>", listing)
        assert [version for row in rows for version in (SECOND, FIRST, DRAFT) if f'href="../{version}/"' in row] \
            == [SECOND, FIRST, DRAFT]
        assert label("editions.in_force", language) in rows[0] and label("editions.superseded", language) in rows[1]
        for version in (FIRST, SECOND):
            own = (site / language / version / "editions" / "index.html").read_text(encoding="utf-8")
            article = own.split("<article", 1)[1].split("</article>", 1)[0]
            assert 'href="../../editions/"' in article and 'class="sapat-edition-record"' in article
            other = {FIRST: SECOND, SECOND: FIRST}[version]
            assert f"{other} ·" not in article and label("editions.superseded", language) not in article


def test_a_release_is_signed_when_git_has_a_signing_key(two_editions):
    """The second edition of two_editions was released by a git that signs with an SSH key."""
    if shutil.which("ssh-keygen") is None:
        pytest.skip("ssh-keygen is not installed")
    said = (two_editions.parent / SECOND_RELEASE_OUTPUT).read_text(encoding="utf-8")
    assert "signed (ssh)" in said, said
    verified = subprocess.run(["git", "-C", str(two_editions), "tag", "-v", f"edition/{SECOND}"],
                              capture_output=True, text=True)
    assert verified.returncode == 0 and 'Good "git" signature' in verified.stderr, verified.stderr
    recorded = {edition.version: edition.signature for edition in load_project(two_editions).editions}
    assert recorded == {FIRST: "unsigned", SECOND: "ssh"}


def test_the_repository_itself_passes_verify():
    """The console script, in a process of its own: exit status 0 when every frozen file of
    the repository is as its manifest records it."""
    run = sapat_process(ROOT, "verify")
    assert run.returncode == 0 and "Traceback" not in run.output, run.output


def test_the_repository_s_own_first_edition_is_published_as_it_was_released(published_repo):
    """The edition the Academic Council approved on 2018-12-21 (protocol 4), as frozen on main:
    a copy of the repository with manual/editions/, built (conftest.published_repo)."""
    repo = published_repo
    for language in LANGUAGES:
        assert versions(repo / "site", language) == {FIRST: [LATEST], DRAFT: []}
        assert digest(repo / "site" / language / FIRST) == published_digest(ROOT / "manual/editions" / FIRST, language)
    run = sapat(repo, "verify", str(repo / "site"))
    assert run.returncode == 0 and run.output.count(f"edition {FIRST}: verified") == 1, run.output
    for language in LANGUAGES:  # the draft is the text in force: the Council is asked for nothing
        changes = (repo / "site" / language / DRAFT / "changes" / "index.html").read_text(encoding="utf-8")
        assert label("changes.none", language) in changes


def test_a_release_keeps_the_spreadsheets_of_its_day_in_its_manifest(released):
    """docs/frameworks.md: the criteria pages stay outside every edition, the spreadsheets of the
    release day are frozen with it."""
    for language in ("ky", "ru"):
        published = released / "manual/editions" / FIRST / "site" / language
        kept = sorted(path.name for path in (published / "criteria").iterdir())
        assert kept == ["criteria.xlsx", "esg-2015.csv", "iso9001-2008.csv", "iso9001-2015.csv", "iso9001-2026.csv",
                        "kg-accreditation.csv"]
        assert not list((published / "criteria").glob("*.html"))
        manifest = (released / "manual/editions" / FIRST / "site" / language / "manifest.sha256").read_text()
        assert f"site/{language}/criteria/criteria.xlsx" in manifest
        assert (released / "site" / language / "criteria" / "iso9001-2015" / "index.html").is_file()
