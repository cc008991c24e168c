"""Search as readers type it, in a real browser."""

from __future__ import annotations

from playwright.sync_api import expect


def search(page, query: str):
    """Types ``query`` into the search as a reader does; the links of the results first shown."""
    page.locator(".md-search__input").click()
    page.keyboard.insert_text(query)
    page.keyboard.press("End")  # Material searches on key events; inserted text sends none
    results = page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible(timeout=10000)
    return [link.get_attribute("href") for link in results.all()]


def test_kyrgyz_search_finds_inflected_forms_and_only_kyrgyz_pages(page, base_url):
    page.goto(f"{base_url}/ky/")
    hrefs = search(page, "аудит")
    # 05-management has the word only as "аудиттердин": prefix matching found it
    assert any("05-management/" in href for href in hrefs), hrefs
    assert any("08-measurement/" in href for href in hrefs), hrefs
    assert all("/ru/" not in href for href in hrefs), hrefs
    page.locator(".md-search-result__item a").first.click()
    assert "/ky/" in page.url
