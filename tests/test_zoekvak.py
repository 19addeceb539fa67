"""The header search box on every page and the results page /zoeken/ (issue #16),
in Debian's Chromium against the built site.

The box suggests chapter sections and examples from the same index as the
overview, works by keyboard as a combobox, opens the results page on Enter, and
stays light: nothing of the index is fetched on a page view. The first visit
and layout-shift checks moved here from the removed test_kopzoeken.py (Material's
header search and its lazy index are gone).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import quote

import pytest
from conftest import ROOT
from inspiratieboek.quality.browser_audit import DESKTOP, MOBILE
from inspiratieboek.quality.first_visit import HOME_BUDGET_KIB, first_visit
from inspiratieboek.site.labels import label

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
FIELD = "#ib-zoekvak-veld"
SHOWN = """q => { const f = document.querySelector('[data-ib-zoekvak]');
  return !document.querySelector('[data-ib-zoekvak-paneel]').hidden
    && document.querySelector('#ib-zoekvak-veld').value.trim() === q
    && performance.getEntriesByName('ib-zoekvak-getoond').length > 0
    && f.dataset.ibGestart === 'ja'; }"""
RESULTS_SETTLED = """() => { const b = document.querySelector('[data-ib-zoeker]');
  return b && b.dataset.ibToont === location.search; }"""


@pytest.fixture
def page(tab: object) -> object:
    """This module's tests share one tab (conftest ``tab``)."""
    return tab


def suggestions(page: Page, url: str, query: str) -> list[tuple[str, str]]:
    """Type a query into the header box of ``url``; (address, title) of each suggestion."""
    page.goto(url)
    page.fill(FIELD, query)
    page.wait_for_function(SHOWN, arg=query)
    # The last search of the typed text is the one on screen: wait until input and display agree
    page.wait_for_function(
        "() => { const i = performance.getEntriesByName('ib-zoekvak-invoer');"
        " const s = performance.getEntriesByName('ib-zoekvak-getoond');"
        " return s.length && s[s.length - 1].detail === i[i.length - 1].detail; }"
    )
    return page.eval_on_selector_all(
        "[role=option]", "os => os.map(o => [o.dataset.ibAdres, o.querySelector('.ib-zoekvak__titel').textContent])"
    )


def overview_top(page: Page, url: str, query: str, n: int = 5) -> list[str]:
    page.goto(f"{url}voorbeelden/?zoek={quote(query)}")
    page.wait_for_function(RESULTS_SETTLED)
    return page.eval_on_selector_all("[data-ib-resultatenlijst] h3 a", "ls => ls.map(a => a.pathname)")[:n]


# --- A first visit stays light ------------------------------------------------------


@pytest.mark.parametrize("start", ["", "en/"])
def test_first_visit_to_home_stays_within_budget_without_the_index(browser: object, base_url: str, start: str) -> None:
    visit = first_visit(browser, base_url + start)
    assert not visit.elsewhere, f"requests to other hosts: {visit.elsewhere}"
    assert not [u for u in visit.bodies if "/zoekindex/" in u], f"search index fetched on a page view\n{visit.report()}"
    assert visit.total_kib <= HOME_BUDGET_KIB, visit.report()


# --- Suggestions ----------------------------------------------------------------------


def test_header_box_finds_huurachterstanden_as_the_overview_does(page: Page, base_url: str) -> None:
    found = suggestions(page, base_url + "factoren/werk/", "huurachterstanden")
    examples = ["/" + a.lstrip("/") for a, _ in found if "/voorbeelden/" in a]
    assert len(examples) == 5
    assert examples == overview_top(page, base_url, "huurachterstanden")
    # And a chapter section about rent arrears comes first among the chapters
    sections = [(a, t) for a, t in found if not a.startswith(("/voorbeelden/", "/zoeken/"))]
    assert sections and any("bestaanszekerheid" in (a + t).lower() for a, t in sections), found


@pytest.mark.parametrize(
    ("start", "query", "prefix"),
    [("", "schulden", "/"), ("en/", "debt", "/en/"), ("en/voorbeelden/", "loneliness", "/en/")],
)
def test_suggestions_stay_in_the_readers_language(
    page: Page, base_url: str, start: str, query: str, prefix: str
) -> None:
    found = suggestions(page, base_url + start, query)
    assert len(found) >= 3
    assert all(a.startswith(prefix) and (prefix == "/en/") == a.startswith("/en/") for a, _ in found), found
    assert any("/voorbeelden/" in a for a, _ in found), "examples are suggested"


def test_dutch_box_finds_no_english_words_and_says_so(page: Page, base_url: str) -> None:
    found = suggestions(page, base_url, "loneliness")
    assert len(found) == 1 and found[0][0] == "/zoeken/?zoek=loneliness", found
    assert found[0][1].startswith("Niets gevonden voor ‘loneliness’")


def test_chapters_are_suggested_by_their_sections(page: Page, base_url: str) -> None:
    found = dict(suggestions(page, base_url, "prestatieafspraken"))
    assert any(a.startswith("/samenwerken-en-prestatieafspraken/") for a in found), found


# --- Keyboard -------------------------------------------------------------------------


def test_keyboard_walk_through_the_suggestions(page: Page, base_url: str) -> None:
    page.goto(base_url + "integrale-aanpak/")
    # "/" anywhere focuses the box
    page.wait_for_function("document.querySelector('[data-ib-zoekvak]').dataset.ibGestart === 'ja'")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "ib-zoekvak-veld"
    assert page.get_attribute(FIELD, "role") == "combobox"
    assert page.get_attribute(FIELD, "aria-expanded") == "false"
    page.keyboard.type("schimmel")
    page.wait_for_function(SHOWN, arg="schimmel")
    assert page.get_attribute(FIELD, "aria-expanded") == "true"
    listbox = page.get_attribute(FIELD, "aria-controls")
    assert page.get_attribute(f"#{listbox}", "role") == "listbox"
    options = page.eval_on_selector_all("[role=option]", "os => os.map(o => o.id)")
    # Arrow keys move the active option; focus stays in the field
    page.keyboard.press("ArrowDown")
    assert page.get_attribute(FIELD, "aria-activedescendant") == options[0]
    assert page.get_attribute(f"#{options[0]}", "aria-selected") == "true"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    assert page.get_attribute(FIELD, "aria-activedescendant") == options[1]
    assert page.evaluate("document.activeElement.id") == "ib-zoekvak-veld"
    # Escape closes the list and keeps the text
    page.keyboard.press("Escape")
    assert page.get_attribute(FIELD, "aria-expanded") == "false" and page.input_value(FIELD) == "schimmel"
    # Enter on an option opens it
    page.keyboard.press("ArrowDown")
    page.wait_for_function(SHOWN, arg="schimmel")
    page.keyboard.press("ArrowDown")
    target = page.get_attribute(f"#{page.get_attribute(FIELD, 'aria-activedescendant')}", "data-ib-adres")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == base_url.rstrip("/") + target


def test_s_does_not_steal_a_letter_typed_in_another_field(page: Page, base_url: str) -> None:
    page.goto(base_url + "voorbeelden/")
    page.wait_for_function(RESULTS_SETTLED)
    page.focus("#ib-zoek")
    page.keyboard.type("sport")
    assert page.input_value("#ib-zoek") == "sport" and page.input_value(FIELD) == ""


def test_enter_on_the_query_opens_the_results_page_with_chapters_and_examples(page: Page, base_url: str) -> None:
    page.goto(base_url + "factoren/zorg/")
    page.fill(FIELD, "vocht in huis")
    with page.expect_navigation():
        page.press(FIELD, "Enter")
    assert page.url.endswith("/zoeken/?zoek=vocht+in+huis")
    page.wait_for_function(RESULTS_SETTLED)
    assert page.input_value("#ib-zoek") == "vocht in huis"
    assert page.input_value(FIELD) == "vocht in huis"
    chapters = page.eval_on_selector_all("[data-ib-hoofdstukkenlijst] a", "ls => ls.map(a => a.pathname + a.hash)")
    examples = page.eval_on_selector_all("[data-ib-resultatenlijst] h3 a", "ls => ls.map(a => a.pathname)")
    assert chapters and all(not c.startswith("/voorbeelden/") for c in chapters)
    assert examples and all(e.startswith("/voorbeelden/") for e in examples)
    assert any("leefomstandigheden" in c for c in chapters[:3]), chapters
    assert page.is_hidden(".ib-zonder-js")


# --- Accessibility --------------------------------------------------------------------


def axe(page: Page, scope: str) -> list:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (scope) => (await axe.run(scope, {runOnly: {type: 'tag',
             values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations
             .map(v => [v.id, v.nodes.map(n => n.target.join(' '))])""",
        scope,
    )


def test_axe_finds_nothing_in_the_open_suggestions(page: Page, base_url: str) -> None:
    suggestions(page, base_url, "eenzaamheid")
    page.keyboard.press("ArrowDown")
    assert axe(page, ".md-header") == []


@pytest.mark.parametrize(
    ("path", "viewport"),
    [("zoeken/?zoek=schulden", DESKTOP), ("en/zoeken/?zoek=debt", MOBILE), ("zoeken/?zoek=qwxyzzy", DESKTOP)],
)
def test_axe_finds_nothing_on_the_results_page(browser: object, base_url: str, path: str, viewport: dict) -> None:
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        page.goto(base_url + path)
        page.wait_for_function(RESULTS_SETTLED)
        assert axe(page, "body") == []
    finally:
        context.close()


def test_phone_search_button_opens_the_results_page_ready_to_type(browser: object, base_url: str) -> None:
    context = browser.new_context(viewport=MOBILE)
    try:
        page = context.new_page()
        page.goto(base_url + "factoren/werk/")
        button = page.locator(".ib-zoekvak__knop")
        box = button.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, box
        with page.expect_navigation():
            button.click()
        page.wait_for_function(RESULTS_SETTLED)
        assert page.evaluate("document.activeElement.id") == "ib-zoek"
        assert page.inner_text("[data-ib-status]") == label("nl")["results_start"]
    finally:
        context.close()


# --- Without JavaScript -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "heading"), [("", "Zoeken werkt alleen met JavaScript"), ("en/", "Search needs JavaScript")]
)
def test_without_javascript_the_box_opens_a_page_that_says_what_to_do(
    browser: object, base_url: str, start: str, heading: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + start + "factoren/zorg/")
        page.fill(FIELD, "schimmel")
        with page.expect_navigation():
            page.press(FIELD, "Enter")
        assert re.search(rf"/{start}zoeken/\?zoek=schimmel$", page.url), page.url
        assert page.is_visible(f"text={heading}")
        assert not page.is_visible("[data-ib-zoeker]")
        links = page.eval_on_selector_all(".ib-zonder-js a", "ls => ls.map(a => a.pathname)")
        assert f"/{start}voorbeelden/" in links and f"/{start}integrale-aanpak/" in links
    finally:
        context.close()


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
@pytest.mark.parametrize("path", ["voorbeelden/", "en/voorbeelden/", "voorbeelden/?factor=zorg", "zoeken/?zoek=zorg"])
def test_search_forms_do_not_shift_the_page_when_they_appear(
    browser: object, base_url: str, path: str, viewport: dict[str, int]
) -> None:
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        page.goto(base_url + path)
        page.locator("[data-ib-zoeker]:not([hidden])").wait_for(timeout=10_000)
        page.wait_for_function(RESULTS_SETTLED)
        shift = page.evaluate(LAYOUT_SHIFT)
        assert shift["total"] < 0.1, shift["moved"]
    finally:
        context.close()


# --- Never empty-handed ---------------------------------------------------------------


def test_a_word_that_finds_nothing_offers_the_nearest_words(page: Page, base_url: str) -> None:
    page.goto(base_url + "zoeken/?zoek=eenzaamheidsproject")
    page.wait_for_function(RESULTS_SETTLED)
    page.wait_for_selector("[data-ib-woorden] a")
    near = page.eval_on_selector_all("[data-ib-woorden] a", "ls => ls.map(a => [a.textContent, a.search])")
    assert ["eenzaamheid", "?zoek=eenzaamheid"] in near, near
    assert page.is_visible("text=Bedoel je")


@pytest.mark.parametrize("path", ["voorbeelden/", "zoeken/"])
def test_a_nonsense_query_still_offers_somewhere_to_go(page: Page, base_url: str, path: str) -> None:
    page.goto(f"{base_url}{path}?zoek=qwxyzzy")
    page.wait_for_function(RESULTS_SETTLED)
    page.wait_for_selector("[data-ib-namen] a")
    offered = page.eval_on_selector_all("[data-ib-namen] a", "ls => ls.map(a => a.search)")
    assert offered == [
        f"?factor={slug}" for slug in ("bestaanszekerheid", "leefomstandigheden", "sociaal-kapitaal", "werk", "zorg")
    ]
    assert page.is_visible("text=Of kijk per factor")
    assert "Geen voorbeelden gevonden" in page.inner_text("[data-ib-status]")


def test_chapters_that_mention_a_word_show_when_no_example_does(page: Page, base_url: str) -> None:
    # "Pharos" (the knowledge centre) is named in the chapters, in no example
    page.goto(base_url + "voorbeelden/?zoek=pharos")
    page.wait_for_function(RESULTS_SETTLED)
    chapters = page.eval_on_selector_all("[data-ib-hoofdstukkenlijst] a", "ls => ls.map(a => a.pathname)")
    assert chapters and all(not c.startswith("/voorbeelden/") for c in chapters)
    assert page.is_hidden("[data-ib-leeg]")
