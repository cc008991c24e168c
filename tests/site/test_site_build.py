"""The published site, built by ``sapat build`` from a copy of the real repository."""

from __future__ import annotations

import errno
import gzip
import json
import os
import re
import shutil
import tempfile
import threading
import time
from pathlib import Path

import pytest

from helpers import IN_MEMORY, elements, html_pages, in_memory_with_room, resolve_link
from sapat.core.i18n.messages import LOG
from sapat.core.model.editions import DRAFT
from sapat.core.publishing.search import INDEX_FOLDER, WORKER
from sapat.core.runtime import background
from sapat.core.sources.repository import Repository
from sapat.mkdocs import site as builder

LANGUAGES = ("ky", "ru")
CLAUSE = re.compile(r"^\d+(\.\d+)*$")
SEED_REFERENCES = {"4.2.4", "7.3.1", "7.1", "4.1", "8.2.1", "8.2.4", "7.4", "appendix-1", "appendix-2"}


def html_lang(page) -> str:
    return next(e.attrs.get("lang", "") for e in elements(page) if e.tag == "html")


def test_the_site_is_built_where_the_temporary_folder_is_another_file_system(draft_site):
    """As on Debian 13, whose /tmp is in memory: nothing moves from the temporary folder into the
    site by a rename, which fails across file systems (tests/conftest.py puts sapat's temporary
    folders in memory for the whole run, where there is room)."""
    if not in_memory_with_room():
        pytest.skip(f"no file system in memory with room at {IN_MEMORY}")
    assert os.stat(tempfile.gettempdir()).st_dev != draft_site.stat().st_dev
    assert all((draft_site / language / DRAFT / "index.html").is_file() for language in LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_clause_is_a_heading_of_a_page_in_its_language(draft_site, language):
    clause_headings = {}
    for page in html_pages(draft_site / language / DRAFT):
        for element in elements(page):
            if re.fullmatch(r"h[1-6]", element.tag) and CLAUSE.match(element.attrs.get("id", "")):
                assert element.text.strip().startswith(element.attrs["id"])
                clause_headings[element.attrs["id"]] = page
    assert len(clause_headings) == 77
    assert {"4.2.3", "7.3.7", "8.5.3", "10", "1.1"} <= set(clause_headings)
    assert {html_lang(page) for page in clause_headings.values()} == {language}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_clause_reference_is_a_working_link(draft_site, language):
    targets = set()
    count = 0
    parsed = {page.resolve(): elements(page) for page in html_pages(draft_site / language / DRAFT)}  # each once
    for page, found in parsed.items():
        for element in found:
            if "sapat-ref" not in element.attrs.get("class", "").split():
                continue
            assert element.tag == "a", f"unresolved reference {element.text} on {page}"
            path, anchor = resolve_link(page, element.attrs["href"])
            headings = {e.attrs.get("id"): e.text.rstrip("¶") for e in parsed.get(path) or elements(path)}
            assert anchor in headings, f"{element.attrs['href']} on {page} leads nowhere"
            # the tooltip names the clause as its heading does: "7.3.1 ...", "Тиркеме 1"
            assert headings[anchor].startswith(element.attrs["title"].split(" ", 1)[0])
            targets.add(anchor)
            count += 1
    assert count >= 20
    assert targets >= SEED_REFERENCES


def test_clauses_show_where_they_are_referenced_from(draft_site):
    page = draft_site / "ky" / DRAFT / "04-qms" / "index.html"
    html = page.read_text(encoding="utf-8")
    block = html.split('id="4.2.4"', 1)[1].split("</p>", 1)[0]
    assert "sapat-backlinks" in block
    assert "../07-product-realization/#7.3.4" in block and "../05-management/#5.6.1" in block


EXTERNAL = re.compile(r"^(https?:)?//", re.IGNORECASE)


def test_no_page_loads_anything_from_another_host(draft_site):
    for page in html_pages(draft_site):
        for element in elements(page):
            for attribute in ("src", "srcset", "data") + (("href",) if element.tag == "link" else ()):
                value = element.attrs.get(attribute, "")
                assert not EXTERNAL.match(value), f"{page}: <{element.tag} {attribute}={value}>"
    for stylesheet in draft_site.rglob("*.css"):
        css = stylesheet.read_text(encoding="utf-8")
        assert not re.search(r"(@import|url\()\s*['\"]?(https?:)?//", css), stylesheet


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_its_own_search_index(draft_site, language):
    edition = draft_site / language / DRAFT
    fragments = [json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
                 for path in (edition / INDEX_FOLDER / "fragment").iterdir()]
    assert {fragment["url"] for fragment in fragments} >= {"/", "/04-qms/", "/glossary/", "/processes/"}
    assert {"ky": "Сапат", "ru": "качества"}[language] in " ".join(fragment["content"] for fragment in fragments)
    # the glossary is the one page that is bilingual by design
    text = " ".join(fragment["content"] for fragment in fragments if fragment["url"] != "/glossary/")
    other = {"ky": "потребител", "ru": "керектөөчү"}[language]
    assert other not in text.lower()
    # a drawing is on its page but not in the index: its labels would be indexed glued together,
    # and the text version beside it says the same
    process_map = (edition / "processes" / "index.html").read_text(encoding="utf-8")
    [description] = re.findall(r"<desc[^>]*>(.*?)</desc>", process_map, re.DOTALL)
    assert len(description) > 40 and description[:40] not in text
    # Material's dialog asks sapat's worker; Material's own index holds no page
    assert json.loads((edition / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"] == []
    assert f'"search": "../{WORKER}"' in process_map and (edition / WORKER).is_file()


def test_kyrgyz_pages_carry_no_english_theme_text(draft_site):
    english = ("Skip to content", "Back to top", "Copy to clipboard", "Table of contents",
               "Type to start searching", ">Search<", "Previous", "Next")
    for page in html_pages(draft_site / "ky" / DRAFT):
        html = page.read_text(encoding="utf-8")
        assert html_lang(page) == "ky"
        for text in english:
            assert text not in html, f"{page} shows English '{text}'"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_404_page_speaks_its_language(draft_site, language):
    assert html_lang(draft_site / language / DRAFT / "404.html") == language


def test_the_root_sends_readers_on_and_its_404_speaks_both_languages(draft_site):
    assert 'url=ky/' in (draft_site / "index.html").read_text(encoding="utf-8")
    root_404 = (draft_site / "404.html").read_text(encoding="utf-8")
    assert "Барак табылган жок" in root_404 and "Страница не найдена" in root_404


def test_the_language_switcher_leads_to_the_same_page(draft_site):
    page = draft_site / "ky" / DRAFT / "07-product-realization" / "index.html"
    links = {e.attrs["hreflang"]: resolve_link(page, e.attrs["href"])[0] for e in elements(page)
             if e.tag == "a" and "md-select__link" in e.attrs.get("class", "")}
    assert links == {language: (draft_site / language / DRAFT / "07-product-realization" / "index.html").resolve()
                     for language in ("ky", "ru")}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_manual_page_shows_its_document_control(draft_site, language):
    for name in ("04-qms", "appendix-2"):
        html = (draft_site / language / DRAFT / name / "index.html").read_text(encoding="utf-8")
        assert 'class="sapat-control sapat-control--approved"' in html
        assert "ЖАМУ-СМС-" in html


def test_the_document_register_lists_every_controlled_document(draft_site):
    rows = [e for e in elements(draft_site / "ky" / DRAFT / "register" / "index.html") if e.tag == "tr"]
    codes = {row.text.split()[0] for row in rows[1:]}
    assert codes == {f"ЖАМУ-СМС-{n:02d}" for n in range(13)}
    # The 2019 review is overdue, and says so, but only as far as its inferred date holds.
    assert "тыянак туура болсо, мөөнөтү өтүп кеткен" in rows[1].text


@pytest.mark.parametrize("language, status, owner, marker, overdue, reason", [
    ("ky", "бекитилген", "окуу иштери боюнча проректор", "редакторлордун тыянагы",
     "тыянак туура болсо, мөөнөтү өтүп кеткен", "5.3-пункттагы ар жылкы кароо"),
    ("ru", "утверждён", "проректор по учебной работе", "вывод редакторов",
     "срок истёк, если вывод верен", "ежегодный пересмотр по пункту 5.3"),
])
def test_the_register_and_the_pages_say_which_values_the_editors_inferred(draft_site, language, status, owner, marker,
                                                                          overdue, reason):
    register = elements(draft_site / language / DRAFT / "register" / "index.html")
    row = next(e for e in register if e.tag == "tr" and "ЖАМУ-СМС-07" in e.text)
    cells = [e.text for e in register[register.index(row):] if e.tag == "td"][:7]
    assert cells[3:] == [f"{status} ({marker})", f"2018-12-21 ({marker})", f"{owner} ({marker})",
                         f"2019-12-21 ({marker}; {overdue})"]
    assert any(e.tag == "p" and f"«{marker}»" in e.text.lower() for e in register)
    page = elements(draft_site / language / DRAFT / "07-product-realization" / "index.html")
    block = next(e for e in page if "sapat-control" in e.attrs.get("class", "").split())
    assert f"2019-12-21 ({marker}; {overdue})" in block.text
    note = next(e for e in page if e.attrs.get("class") == "sapat-provenance")
    assert note.attrs["role"] == "note" and reason in note.text and f"«{marker}»" in note.text.lower()


def test_the_web_root_is_recorded_again_here_when_its_child_failed_half_way(draft_site, tmp_path, monkeypatch,
                                                                            caplog):
    """A child that fails after mike committed (here: moving the draft fails, as it did across
    file systems) leaves its commits in the branch; the work done again here starts the branch
    anew, and the web root is the same as if nothing had failed."""
    monkeypatch.setattr(background, "can_fork", lambda: True)
    here, rename = os.getpid(), Path.rename

    def fails_in_a_child(path, target):
        if os.getpid() != here:
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        return rename(path, target)
    monkeypatch.setattr(Path, "rename", fails_in_a_child)
    draft, out = tmp_path / "draft", tmp_path / "out"
    for language in LANGUAGES:
        shutil.copytree(draft_site / language / DRAFT, draft / language)
    out.mkdir()
    builder._assemble(Repository(tmp_path), [], draft, tmp_path, out)
    said = [record for record in caplog.records if record.name == LOG.name]  # after a build, MkDocs' logger too
    assert sum("Invalid cross-device link" in record.getMessage() for record in said) == len(LANGUAGES)
    for language in LANGUAGES:
        for name in ("versions.json", "index.html", f"{DRAFT}/index.html"):
            assert (out / language / name).read_bytes() == (draft_site / language / name).read_bytes()


@pytest.mark.parametrize("forked", [True, False], ids=["in a forked child", "as python -m sapat.mkdocs.web_root"])
def test_the_web_root_is_recorded_with_gits_environment_never_set_in_this_process(draft_site, tmp_path,
                                                                                  monkeypatch, forked):
    """mike finds git's repository in the environment: it is given to the process that records
    each language, and never set in this one, where other threads may run (here, one watching)."""
    monkeypatch.setattr(background, "can_fork", lambda: forked)
    draft, out = tmp_path / "draft", tmp_path / "out"
    for language in LANGUAGES:
        shutil.copytree(draft_site / language / DRAFT, draft / language)
    out.mkdir()
    seen: list[str] = []
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            seen.extend(os.environ[name] for name in ("GIT_DIR", "GIT_COMMITTER_NAME") if name in os.environ)
            time.sleep(0.001)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        builder._assemble(Repository(tmp_path), [], draft, tmp_path, out)
    finally:
        done.set()
        watcher.join()
    assert seen == []
    for language in LANGUAGES:
        for name in ("versions.json", "index.html"):
            assert (out / language / name).read_bytes() == (draft_site / language / name).read_bytes()
        assert (out / language / DRAFT / "index.html").read_bytes() == \
            (draft_site / language / DRAFT / "index.html").read_bytes()
