"""An edition's offline copy as a reviewer uses it: the ZIP made at release (conftest.released),
unpacked into a folder of their own, opened from disk in Chromium: its pages, its links and its
search work, and nothing is asked of any host; ``sapat verify`` checks the ZIP and the folder.
The record pages link the copy, or say that an edition frozen before copies has none yet."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from accessibility import axe_script, violations
from browsing import shots_folder, watched_page
from playwright.sync_api import expect
from test_search import type_query

from helpers import FIRST, SITE_ADDRESS, sapat
from sapat.core.releasing.manifests import MANIFEST

# Kyrgyz words of the manual as written, and as a Russian keyboard types them ("кеңеш": "кенеш")
SEARCHED = {"ky": ("аудит", "кенеш"), "ru": ("аудит", "совет")}


def copy_zip(released: Path, language: str) -> Path:
    return released / f"manual/editions/{FIRST}/site/{language}/jamu-qms-{FIRST}-{language}-offline.zip"


@pytest.fixture(scope="module", params=["ky", "ru"])
def unpacked(request, released, tmp_path_factory) -> tuple[str, Path]:
    """The language's copy unpacked as a reviewer does, into a folder of their own."""
    language = request.param
    folder = tmp_path_factory.mktemp(f"reviewer-{language}")
    with zipfile.ZipFile(copy_zip(released, language)) as archive:
        archive.extractall(folder)
    (copy,) = folder.iterdir()
    return language, copy


def test_every_link_of_the_copy_leads_to_a_file_of_it_or_to_the_site(unpacked):
    language, copy = unpacked
    pages = sorted(copy.rglob("*.html"))
    assert len(pages) > 40
    broken, outside = [], set()
    for page in pages:
        for url in re.findall(r'\shref="([^"]*)"', page.read_text(encoding="utf-8")):
            if url.startswith("#") or url.startswith(("data:", "http://127.0.0.1")):
                continue
            if url.startswith("https://"):
                outside.add(url)
                continue
            if not (page.parent / url.split("#")[0].split("?")[0]).is_file():
                broken.append((page.relative_to(copy).as_posix(), url))
    assert broken == []
    assert outside and all(url.startswith(SITE_ADDRESS + language + "/") for url in outside)
    assert f"{SITE_ADDRESS}{language}/editions/" in outside  # the list of editions, from the banner
    assert (copy / f"jamu-qms-{FIRST}-{language}.pdf").is_file()  # the PDF its pages link
    never_read = ["sitemap.xml", "pagefind", "assets/javascripts/lunr", *map(str, copy.rglob("*.map"))]
    assert not [name for name in never_read if (copy / name).exists()]  # the index is in its script


def test_a_reviewer_reads_follows_a_link_and_searches_the_copy_from_disk(browser, unpacked, tmp_path):
    language, copy = unpacked
    asked: list[str] = []
    page = watched_page(browser, asked, locale=language)
    page.context.route("**/*", lambda route: (asked.append(route.request.url), route.continue_()))
    try:
        page.goto((copy / "04-qms.html").as_uri())
        expect(page.locator("article h2[id='4.2']")).to_be_visible()
        banner = page.locator(".sapat-offline-notice")
        expect(banner).to_contain_text(FIRST)
        expect(banner.locator("a")).to_have_attribute("href", f"{SITE_ADDRESS}{language}/editions/")
        assert page.locator(".md-version, .md-select__link[hreflang]").count() == 0  # no selector
        page.add_script_tag(content=axe_script())
        assert violations(page) == []

        page.locator("article a[href^='05-management.html#']").first.click()
        expect(page).to_have_url(re.compile(r"/05-management\.html#"))
        expect(page.locator("article h1")).to_contain_text("5")

        for word in SEARCHED[language]:
            page.goto((copy / "index.html").as_uri())
            type_query(page, word)
            results = page.locator(".md-search-result__item")
            expect(results.first).to_be_visible(timeout=15000)
            links = [link.get_attribute("href") for link in page.locator(".md-search-result__item a").all()]
            assert links and all(link.startswith(copy.as_uri() + "/") and ".html" in link for link in links)
            if language == "ky" and word == "кенеш":  # found as written, with its own letter
                expect(page.locator(".md-search-result__item mark").first).to_have_text(re.compile("^кеңеш", re.I))
                page.screenshot(path=str(shots_folder(tmp_path) / "search-from-disk-ky.png"))
            results.first.locator("a").first.click()
            expect(page.locator("article")).to_contain_text(re.compile(word if word != "кенеш" else "кеңеш", re.I))
    finally:
        page.context.close()
    assert asked and [url for url in asked if not url.startswith("file://")] == []


def test_sapat_verify_checks_the_zip_and_the_folder_and_names_a_changed_file(released, unpacked, tmp_path):
    language, unpacked_copy = unpacked
    for copy in (copy_zip(released, language), unpacked_copy):
        run = sapat(released, "--lang", "en", "verify", str(copy))
        assert run.returncode == 0, run.output
        assert f"offline copy of edition {FIRST} ({language})" in run.output and "verified" in run.output

    changed = tmp_path / "copy"
    changed.mkdir()
    with zipfile.ZipFile(copy_zip(released, language)) as archive:
        archive.extractall(changed)
    (folder,) = changed.iterdir()
    page = folder / "04-qms.html"
    text = page.read_bytes()
    page.write_bytes(text.replace(b"4.2", b"4.3", 1))
    run = sapat(released, "--lang", "en", "verify", str(folder))
    assert run.returncode == 1
    assert f"{folder}/04-qms.html: changed" in run.output and "NOT verified" in run.output
    assert (folder / MANIFEST).is_file()


def test_the_record_page_links_the_copy_and_the_edition_verifies_with_it(released):
    for language in ("ky", "ru"):
        record = (released / f"site/{language}/editions/{FIRST}/index.html").read_text(encoding="utf-8")
        link = f'href="../../{FIRST}/jamu-qms-{FIRST}-{language}-offline.zip"'
        assert link in record
        assert (released / f"site/{language}/{FIRST}/jamu-qms-{FIRST}-{language}-offline.zip").is_file()
        listed = (released / f"site/{language}/editions/index.html").read_text(encoding="utf-8")
        assert f'href="../{FIRST}/jamu-qms-{FIRST}-{language}-offline.zip"' in listed
    run = sapat(released, "verify")
    assert run.returncode == 0, run.output


def test_an_edition_frozen_before_copies_says_it_has_none_until_it_is_mended(published_site):
    """The real edition of 2018-12-21 was frozen before offline copies: its record says it has
    none, and links none, until a mend makes them; then it links them."""
    for language, words in (("ky", "оффлайн көчүрмөсү али жок"), ("ru", "Офлайн-копии этого издания пока нет")):
        record = (published_site / f"{language}/editions/2018-12-21/index.html").read_text(encoding="utf-8")
        name = f"jamu-qms-2018-12-21-{language}-offline.zip"
        if (published_site / f"{language}/2018-12-21/{name}").is_file():
            assert f'href="../../2018-12-21/{name}"' in record and words not in record
        else:
            assert words in record and "offline.zip" not in record
