"""A first visit stays light, and the page does not jump while it loads.

Header search (ib-kopzoeken.js): Material 9.8.2 fetched its search index (about
160 KiB per language) on every page view. Now it is fetched only when the reader
wants to search, and the search still works: by click, keyboard shortcut, and
Material's ?q= address, in each language with that language's index.

Layout shift: the example overview's search form appears when ib-zoeken.js has
loaded its index; ib.css keeps its place from the first paint, so the list below
does not move (cumulative layout shift below 0.1, Lighthouse's "good").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from inspiratieboek.quality.browser_audit import DESKTOP, MOBILE
from inspiratieboek.quality.first_visit import HOME_BUDGET_KIB, first_visit

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

INDEX = "search/search_index.json"
LANGUAGES = {"nl": ("", "schulden"), "en": ("en/", "debt")}
"""Per language: its home path and a word that finds examples."""


# --- A first visit to the home page -------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_first_visit_to_home_stays_within_budget_without_search_index(
    browser: object, base_url: str, lang: str
) -> None:
    visit = first_visit(browser, base_url + LANGUAGES[lang][0])
    assert not visit.elsewhere, f"requests to other hosts: {visit.elsewhere}"
    assert not [u for u in visit.bodies if u.endswith(INDEX)], f"search index fetched early\n{visit.report()}"
    assert visit.total_kib <= HOME_BUDGET_KIB, visit.report()


# --- The header search still works -----------------------------------------------


def _index_requests(page: Page) -> list[str]:
    requested: list[str] = []
    page.on("request", lambda r: r.url.split("?")[0].endswith(INDEX) and requested.append(r.url))
    return requested


def _results(page: Page) -> list[str]:
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    return page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("how", ["click", "shortcut"])
def test_header_search_fetches_its_language_index_when_wanted(page: Page, base_url: str, lang: str, how: str) -> None:
    home, word = LANGUAGES[lang]
    requested = _index_requests(page)
    # Given a page that has settled without the index
    page.goto(base_url + home, wait_until="networkidle")
    assert requested == []
    # When the reader opens the search (by mouse or with Material's "/" shortcut) and types
    if how == "click":
        page.click(".md-search__input")
    else:
        page.keyboard.press("/")
    page.keyboard.type(word)
    # Then results appear, from this language's index, fetched once
    results = _results(page)
    assert requested == [base_url + home + INDEX]
    english = [u for u in results if u.startswith(base_url + "en/")]
    assert english == (results if lang == "en" else []), results


def test_header_search_works_from_the_phone_search_button(browser: object, base_url: str) -> None:
    context = browser.new_context(viewport=MOBILE)
    try:
        page = context.new_page()
        requested = _index_requests(page)
        page.goto(base_url, wait_until="networkidle")
        page.click('label.md-header__button[for="__search"]')
        page.keyboard.type("schulden")
        assert _results(page)
        assert requested == [base_url + INDEX]
    finally:
        context.close()


def test_search_address_with_q_shows_results(page: Page, base_url: str) -> None:
    requested = _index_requests(page)
    page.goto(base_url + "?q=schulden")
    results = _results(page)
    assert page.input_value(".md-search__input") == "schulden"
    assert requested == [base_url + INDEX]
    assert results and not [u for u in results if u.startswith(base_url + "en/")], results


# --- No layout shift on the example overview ---------------------------------------

LAYOUT_SHIFT = """() => new Promise(done => {
    const shifts = [];
    new PerformanceObserver(list => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) shifts.push(e);
    }).observe({type: "layout-shift", buffered: true});
    setTimeout(() => done({
        total: shifts.reduce((sum, e) => sum + e.value, 0),
        moved: shifts.map(e => e.value.toFixed(3) + " " + e.sources.map(s => s.node && s.node.className).join(","))
    }), 500);
})"""


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "phone"])
@pytest.mark.parametrize("path", ["voorbeelden/", "en/voorbeelden/", "voorbeelden/?factor=zorg"])
def test_overview_does_not_shift_when_search_form_appears(
    browser: object, base_url: str, path: str, viewport: dict[str, int]
) -> None:
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        page.goto(base_url + path, wait_until="networkidle")
        page.locator("[data-ib-zoeker]:not([hidden])").wait_for(timeout=10_000)
        shift = page.evaluate(LAYOUT_SHIFT)
        assert shift["total"] < 0.1, shift["moved"]
    finally:
        context.close()
