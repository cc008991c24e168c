"""A wrong address, served by a plain web server with each edition's 404 page: styled, in the
edition's language, with a search that finds pages and a way back, at any depth."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from browsing import watched_page
from playwright.sync_api import expect

HEADER_COLOUR = "rgb(64, 81, 181)"  # the 404 page's own style sheet is applied


def test_a_missing_page_deep_in_the_kyrgyz_edition_is_a_kyrgyz_404_that_loads_nothing(browser, base_url):
    requests: list[str] = []
    page = watched_page(browser, requests)
    response = page.goto(f"{base_url}/ky/a/b/c/")
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == "ky"
    expect(page.locator("h1")).to_have_text("Барак табылган жок")
    assert page.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor") == HEADER_COLOUR
    assert requests == [f"{base_url}/ky/a/b/c/"], "a 404 page must not need any other file"
    page.context.close()


def test_the_404_search_leads_to_results_in_its_edition(page, base_url):
    page.goto(f"{base_url}/ky/a/b/c/")
    page.get_by_role("searchbox", name="Колдонмодон издөө").fill("аудит")
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    # the edition's home forwards to the edition in force, keeping the query
    page.wait_for_url(re.compile(rf"/ky/[^/]+/\?q={re.escape(quote('аудит'))}$"))
    results = page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible(timeout=10000)
    hrefs = [link.get_attribute("href") for link in results.all()]
    assert any("08-measurement/" in href for href in hrefs), hrefs


def test_the_way_back_from_a_russian_404_leads_to_the_russian_edition(page, base_url):
    page.goto(f"{base_url}/ru/x/y/")
    expect(page.locator("h1")).to_have_text("Страница не найдена")
    page.get_by_role("link", name="Вернуться на главную страницу руководства").click()
    page.wait_for_url(re.compile(rf"^{re.escape(base_url)}/ru/[^/]+/$"))  # the edition in force
    assert page.locator("html").get_attribute("lang") == "ru"
    expect(page.locator(".md-content h1")).to_be_visible()


def test_the_root_404_speaks_both_languages(page, base_url):
    page.goto(f"{base_url}/no/such/page")
    expect(page.locator("h1")).to_have_text(["Барак табылган жок", "Страница не найдена"])
    assert page.locator("section[lang=ru] a").get_attribute("href") == "/ru/"


@pytest.mark.parametrize("javascript,home", [(True, "/qms/ky/"), (False, "/ky/")])
def test_below_a_folder_the_script_finds_the_edition_and_without_it_the_server_root_is_used(
        browser, mounted_url, javascript, home):
    """A server that does not write the folder into the page (nginx does: test_nginx.py)."""
    page = watched_page(browser, [], java_script_enabled=javascript)
    page.goto(f"{mounted_url}/ky/a/b/c/")
    expect(page.locator("h1")).to_have_text("Барак табылган жок")
    assert page.locator("main a").get_attribute("href") == home
    assert page.locator("form").get_attribute("action") == home
    if javascript:
        page.locator("main a").click()
        page.wait_for_url(re.compile(rf"^{re.escape(mounted_url)}/ky/[^/]+/$"))
        expect(page.locator(".md-content h1")).to_be_visible()
    page.context.close()
