"""Search as readers type it, in a real browser: Kyrgyz with or without ө, ү, ң; Russian as before."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from sapat.core.search import fold_kyrgyz

# Kyrgyz words of the manual, and Russian queries whose results must stay as they were; the
# Russian glossary quotes Kyrgyz terms as written, and Russian search does not fold them
KYRGYZ_WORDS = ("бекитүү", "өндүрүү", "кеңеш")
RUSSIAN_QUERIES = ("качества", "аудит", "өндүрүү", fold_kyrgyz("өндүрүү"))

# Material's own search worker over the edition's published index, with lunr's support for
# `lang` alone and nothing of sapat's: the search as it is without the Kyrgyz folding. The
# messages are Material's: 0 sets the index up (answered by 1), 2 is a query (answered by 3).
STOCK_SEARCH = """async ({lang, queries}) => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const index = await (await fetch(new URL(config.base + "/search/search_index.json", location.href))).json();
  const worker = new Worker(new URL(config.search, location.href));
  const answer = () => new Promise(resolve =>
    worker.addEventListener("message", event => resolve(event.data), {once: true}));
  worker.postMessage({type: 0, data: {config: {...index.config, lang: [lang]}, docs: index.docs,
                                      options: {suggest: false}}});
  await answer();
  const pages = {};
  for (const query of queries) {
    worker.postMessage({type: 2, data: query});
    pages[query] = (await answer()).data.items.map(group => group[0].location.split("#")[0]);
  }
  worker.terminate();
  return pages;
}"""

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
    items = page.locator(".md-search-result__item")
    meta = page.locator(".md-search-result__meta").text_content()
    count = int(re.search(r"\d+", meta).group()) if items.count() else 0
    while items.count() < count:  # Material shows ten, then four more each time the reader
        shown = items.count()         # reaches the bottom of the list
        page.locator(".md-search__scrollwrap").evaluate(SCROLL_UP_AND_DOWN)
        page.wait_for_function("shown => document.querySelectorAll('.md-search-result__item').length"
                               " > shown", arg=shown)
    hrefs = [item.locator("a").first.get_attribute("href") for item in items.all()]
    return [urlsplit(href).path.removeprefix(f"/{language}/draft/") for href in hrefs]


def stock_result_pages(page, lang: str, queries) -> dict[str, list[str]]:
    return page.evaluate(STOCK_SEARCH, {"lang": lang, "queries": list(queries)})


def test_kyrgyz_search_finds_inflected_forms_and_only_kyrgyz_pages(page, base_url):
    page.goto(f"{base_url}/ky/draft/")
    hrefs = search(page, "аудит")
    # 05-management has the word only as "аудиттердин": prefix matching found it
    assert any("05-management/" in href for href in hrefs), hrefs
    assert any("08-measurement/" in href for href in hrefs), hrefs
    assert all("/ru/" not in href for href in hrefs), hrefs
    page.locator(".md-search-result__item a").first.click()
    assert "/ky/" in page.url


@pytest.mark.parametrize("word", KYRGYZ_WORDS)
def test_kyrgyz_typed_without_its_own_letters_finds_what_it_finds_with_them(page, base_url, word):
    typed = fold_kyrgyz(word)  # as on a Russian keyboard: "бекитуу"
    assert typed != word
    with_letters = result_pages(page, base_url, "ky", word)
    without = set(result_pages(page, base_url, "ky", typed))
    # the previews show the words as written, highlighted: "бекитүү", never "бекитуу"
    highlighted = page.locator(".md-search-result__item mark").all_text_contents()
    stock = stock_result_pages(page, "en", (word, typed))  # lunr's base language, no folding
    assert stock[typed] == [], "without the folding the typed form found pages already"
    assert with_letters == stock[word] != [], "the folding changed what the proper spelling finds"
    assert without == set(with_letters)
    assert highlighted and all(mark.lower().startswith(word) for mark in highlighted), highlighted


def test_russian_search_is_what_lunrs_russian_alone_gives(page, base_url, requests):
    found = {query: result_pages(page, base_url, "ru", query) for query in RUSSIAN_QUERIES}
    loaded = {url.rsplit("/", 1)[-1] for url in requests if "/lunr/" in url}
    assert loaded == {"lunr.stemmer.support.min.js", "lunr.ru.min.js"}
    stock = stock_result_pages(page, "ru", RUSSIAN_QUERIES)
    assert found == stock
    assert found["качества"] and found["аудит"] and found["өндүрүү"] == ["glossary/"]
    assert found[fold_kyrgyz("өндүрүү")] == []
