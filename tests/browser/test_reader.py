"""What a reader does, in a real browser: Debian's Chromium, headless, driven by Playwright."""

from __future__ import annotations

from playwright.sync_api import expect


def in_viewport(page, element_id: str) -> bool:
    return page.evaluate("""id => { const r = document.getElementById(id).getBoundingClientRect();
                                    return r.top >= 0 && r.top < window.innerHeight; }""", element_id)


def test_switching_language_lands_on_the_same_clause(page, base_url):
    page.goto(f"{base_url}/ky/07-product-realization/#7.3.1")
    assert page.locator("html").get_attribute("lang") == "ky"
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang=ru]").click()
    page.wait_for_url("**/ru/07-product-realization/#7.3.1")
    assert page.locator("html").get_attribute("lang") == "ru"
    heading = page.locator("[id='7.3.1']")
    expect(heading).to_contain_text("7.3.1 Планирование проектирования и разработки")
    page.wait_for_function("() => document.getElementById('7.3.1').getBoundingClientRect().top < 200")
    assert in_viewport(page, "7.3.1")


def search(page, query: str):
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


def test_a_reference_leads_to_its_clause(page, base_url):
    page.goto(f"{base_url}/ky/08-measurement/")
    link = page.locator("a.sapat-ref", has_text="7.4").first
    assert link.get_attribute("title").startswith("7.4 ")
    link.click()
    page.wait_for_url("**/ky/07-product-realization/#7.4")
    page.wait_for_function("() => document.getElementById('7.4').getBoundingClientRect().top < 200")
    assert in_viewport(page, "7.4")
