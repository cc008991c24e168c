"""The draft's search in a real browser, as readers type it: Material's dialog answered from
Pagefind's index; Kyrgyz with or without ө, ү, ң; previews that quote the manual's words."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from sapat.core.publishing.search import fold_kyrgyz

# Kyrgyz words of the manual; a reader on a Russian keyboard types them folded, or half folded
KYRGYZ_WORDS = ("бекитүү", "өндүрүү", "кеңеш")
# The labels the document-control block repeats on every page
CONTROL_LABELS = {"ky": ("Басылышы:", "Редакция:", "Абалы:"), "ru": ("Издание:", "Редакция:", "Статус:")}
PREVIEW_QUERIES = {"ky": ("кенеш", "аудит", "бекитуу", "документ"), "ru": ("совет", "аудит", "документ")}
# A word glued to the next: a small Cyrillic letter or a digit right before a capital one
# ("ЖАМУ-СМС-01Редакция", "вариантыИчки"); the manual writes none
GLUED = re.compile(r"[а-яёөүң\d][А-ЯЁӨҮҢ]")

# Material notices the bottom of the result list once per arrival (on an animation frame)
SCROLL_UP_AND_DOWN = """async wrap => {
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
  wrap.scrollTo(0, 0);
  await frame();
  await frame();
  wrap.scrollTo(0, wrap.scrollHeight);
}"""

# The search has answered: results are listed, or the edition's "nothing found" is shown
ANSWERED = """() => {
  const none = JSON.parse(document.getElementById("__config").textContent).translations["search.result.none"];
  return document.querySelector(".md-search-result__item") !== null
    || document.querySelector(".md-search-result__meta").textContent === none;
}"""


def type_query(page, query: str) -> None:
    page.locator(".md-search__input").click()
    page.keyboard.insert_text(query)
    page.keyboard.press("End")  # Material searches on key events; inserted text sends none


def search(page, query: str):
    """Types ``query`` into the search as a reader does; the links of the results first shown."""
    type_query(page, query)
    results = page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible(timeout=10000)
    return [link.get_attribute("href") for link in results.all()]


def result_pages(page, base_url: str, language: str, query: str) -> list[str]:
    """The pages the search lists for ``query``, in order, as paths inside the edition."""
    page.goto(f"{base_url}/{language}/draft/")
    type_query(page, query)
    page.wait_for_function(ANSWERED)
    page.wait_for_timeout(500)  # the first ten pages come first, then all of them
    items = page.locator(".md-search-result__item")
    meta = page.locator(".md-search-result__meta").text_content()
    count = int(re.search(r"\d+", meta).group()) if items.count() else 0
    while items.count() < count:  # Material shows ten, then four more each time the reader
        shown = items.count()         # reaches the bottom of the list
        page.locator(".md-search__scrollwrap").evaluate(SCROLL_UP_AND_DOWN)
        page.wait_for_function("shown => document.querySelectorAll('.md-search-result__item').length"
                               " > shown", arg=shown)
    hrefs = [item.locator("a").first.get_attribute("href") for item in items.all()]
    return [urlsplit(href).path.split(f"/{language}/draft/", 1)[1] for href in hrefs]


def previews(page, base_url: str, language: str, query: str) -> list[str]:
    """The text of the first results shown for ``query``: each page's title and preview."""
    page.goto(f"{base_url}/{language}/draft/")
    search(page, query)
    return [article.inner_text().replace("\n", " | ")
            for article in page.locator(".md-search-result__item > a .md-search-result__article").all()]


def test_kyrgyz_search_finds_inflected_forms_and_only_kyrgyz_pages(page, base_url):
    page.goto(f"{base_url}/ky/draft/")
    hrefs = search(page, "аудит")
    # 05-management has the word only as "аудиттердин": prefix matching found it
    pages = result_pages(page, base_url, "ky", "аудит")
    assert "05-management/" in pages and "08-measurement/" in pages, pages
    assert all("/ru/" not in href for href in hrefs), hrefs
    page.locator(".md-search-result__item a").first.click()
    assert "/ky/draft/" in page.url


@pytest.mark.slow
@pytest.mark.parametrize("word", KYRGYZ_WORDS)
def test_kyrgyz_typed_without_its_own_letters_finds_what_it_finds_with_them(page, base_url, word):
    typed, half = fold_kyrgyz(word), word[0] + fold_kyrgyz(word[1:])  # "ондуруу"; half folded: "өндуруу"
    assert typed != word
    with_letters = result_pages(page, base_url, "ky", word)
    assert with_letters != []
    assert result_pages(page, base_url, "ky", half) == with_letters
    assert result_pages(page, base_url, "ky", typed) == with_letters
    # the previews show the words as written, marked: "бекитүү", never "бекитуу"
    marked = page.locator(".md-search-result__item mark").all_text_contents()
    assert marked and all(mark.lower().lstrip("(«\"").startswith(word) for mark in marked), marked


@pytest.mark.slow
@pytest.mark.parametrize("language", ["ky", "ru"])
def test_previews_quote_the_manuals_words_not_the_document_control(page, base_url, language):
    for query in PREVIEW_QUERIES[language]:
        shown = previews(page, base_url, language, query)
        print(f"\n{language} «{query}», the first five previews:", *shown[:5], sep="\n  ")
        assert shown, query
        for preview in shown:
            assert not any(label in preview for label in CONTROL_LABELS[language]), preview
            assert not GLUED.search(preview), preview


@pytest.mark.slow
def test_russian_search_does_not_fold_and_finds_the_russian_pages(page, base_url):
    assert result_pages(page, base_url, "ru", "качества") and result_pages(page, base_url, "ru", "аудит")
    # the Russian glossary quotes the Kyrgyz terms as written; Russian search does not fold them
    assert result_pages(page, base_url, "ru", "өндүрүү") == ["glossary/"]
    assert result_pages(page, base_url, "ru", fold_kyrgyz("өндүрүү")) == []


def test_search_fetches_a_part_of_the_index_and_works_below_a_folder(own_page, mounted_url, requests):
    page = own_page
    page.goto(f"{mounted_url}/ky/draft/")
    hrefs = search(page, "аудит")
    assert hrefs and all(urlsplit(href).path.startswith("/qms/ky/draft/") for href in hrefs), hrefs
    fetched = {url.rsplit("/", 2)[-2] for url in requests if "/qms/ky/draft/pagefind/" in url}
    assert {"index", "fragment"} <= fetched, requests  # parts of Pagefind's index, not one file
