"""A reviewer among editions, in a real browser: a superseded edition says so and leads to the
same clause of the edition in force; language and version switches keep page and clause."""

from __future__ import annotations

import pytest
from accessibility import violations
from browsing import serve, wait_for_theme
from playwright.sync_api import expect

from helpers import FIRST, SECOND
from sapat.core.i18n.labels import label
from sapat.core.model.editions import draft_edition


@pytest.fixture(scope="module")
def base_url(two_editions):
    server, url = serve(two_editions / "site")
    yield url
    server.shutdown()


def banner(page):
    return page.locator("[data-md-component=outdated]")


def test_a_superseded_edition_leads_to_the_same_clause_in_force(page, base_url):
    page.goto(f"{base_url}/ky/{FIRST}/08-measurement/#8.2.2")
    expect(banner(page)).to_be_visible()
    expect(banner(page)).to_contain_text("Бул басылыш күчүн жоготкон")
    banner(page).locator("a[data-sapat-same-clause]").click()
    page.wait_for_url(f"**/ky/{SECOND}/08-measurement/#8.2.2")
    expect(banner(page)).to_be_hidden()
    expect(page.locator(".sapat-control").first).to_contain_text(f"{SECOND} · бекитилген, протокол № 5")
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang=ru]").click()
    page.wait_for_url(f"**/ru/{SECOND}/08-measurement/#8.2.2")
    expect(page.locator("html")).to_have_attribute("lang", "ru")


@pytest.mark.parametrize("version", (FIRST, SECOND))
def test_after_a_second_release_each_edition_leads_to_the_list_of_both(page, base_url, version):
    """Which edition is in force is decided when a page is read (banner, version selector) or
    on the list of editions outside every edition, so the first edition's pages stay true."""
    for language in ("ky", "ru"):
        page.goto(f"{base_url}/{language}/{version}/editions/")
        if version == FIRST:
            expect(banner(page)).to_contain_text(label("edition.superseded_notice", language))
        else:
            expect(banner(page)).to_be_hidden()
        expect(page.locator(".md-version a.md-version__link", has_text=f"{FIRST} ·")).to_have_count(1)
        expect(page.locator(".md-version a.md-version__link", has_text=f"{SECOND} ·")).to_have_count(1)
        page.locator("article a[href='../../editions/']").click()
        page.wait_for_url(f"**/{language}/editions/")
        rows = page.locator("tbody tr")
        expect(rows).to_have_count(3)
        expect(rows.nth(0)).to_contain_text(SECOND)
        expect(rows.nth(0)).to_contain_text(label("editions.in_force", language))
        expect(rows.nth(1)).to_contain_text(FIRST)
        expect(rows.nth(1)).to_contain_text(label("editions.superseded", language))
        for address in page.locator("a").evaluate_all("links => links.map(link => link.href)"):
            assert page.request.get(address).ok, address


def test_the_version_selector_keeps_page_and_clause(page, base_url):
    page.goto(f"{base_url}/ru/{SECOND}/06-resources/#6.3")
    selector = page.locator(".md-version")
    expect(selector).to_contain_text(f"{SECOND} · утверждено, протокол № 5")
    selector.hover()
    selector.locator("a.md-version__link", has_text=f"{FIRST} ·").click()
    page.wait_for_url(f"**/ru/{FIRST}/06-resources/#6.3")
    expect(banner(page)).to_contain_text("Это издание утратило силу")


def test_the_draft_says_it_is_not_approved(page, base_url):
    page.goto(f"{base_url}/ky/draft/04-qms/")
    expect(banner(page)).to_be_visible()
    expect(banner(page)).to_contain_text("Окумуштуулар кеңеши аны беките элек")


def test_the_next_page_of_the_tab_shows_the_banner_as_it_opens(page, base_url):
    """Once Material's bundle found the draft outdated, the page's own early script shows the
    banner on the next page of the tab, before (here: without) the bundle; it used to throw."""
    page.goto(f"{base_url}/ky/draft/04-qms/")
    expect(banner(page)).to_be_visible()
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
    page.goto(f"{base_url}/ky/draft/05-management/")
    expect(banner(page)).to_be_visible()
    expect(page.locator(".md-version")).to_have_count(0)  # the bundle did not run


def test_a_changes_page_with_marked_words_is_readable(page, base_url):
    """The draft's pages have no changes to mark; the second edition's changes page has."""
    for language in ("ky", "ru"):
        page.goto(f"{base_url}/{language}/{SECOND}/changes/")
        expect(page.locator("blockquote del.critic, blockquote ins.critic").first).to_be_visible()
        wait_for_theme(page)
        assert violations(page) == []


@pytest.mark.parametrize("language, purpose", [("ky", "Басылышты тандоо"), ("ru", "Выберите версию")])
def test_the_version_selector_is_named_by_the_edition_it_shows(page, base_url, language, purpose):
    """WCAG 2.5.3 (Label in Name): a reader who speaks to the computer says what the button
    shows, so its name begins with that, then says what the button is for (Material's words)."""
    for version, shown in ((SECOND, f"{SECOND} · "), ("draft", draft_edition().title(language))):
        page.goto(f"{base_url}/{language}/{version}/04-qms/")
        button = page.locator(".md-version__current")
        expect(button).to_contain_text(shown)
        expect(button).to_have_accessible_name(f"{button.inner_text().strip()} — {purpose}")
