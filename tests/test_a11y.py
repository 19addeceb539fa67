"""Accessibility gate: axe-core's WCAG 2.0/2.1 A and AA rules find nothing on any
page type, in both languages, at desktop and phone width (390 px); and the site
works with the keyboard alone.

axe-core is vendored (tests/vendor/axe-core) and injected into Debian's Chromium,
so the check runs offline on the real built site. Each page type is its own test,
so a failure names the page, the rule and the elements.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import ROOT, Build, own_page
from inspiratieboek.data.records import load_catalog
from inspiratieboek.data.synonyms import load_synonyms
from inspiratieboek.quality.browser_audit import (
    DESKTOP,
    MOBILE,
    NO_MOTION,
    Violation,
    axe,
    describe,
    guard_requests,
    load,
    serve,
    visit,
    walk_with_tab,
)
from inspiratieboek.search.zoekindex import documents

pytestmark = pytest.mark.browser

CHAPTERS = sorted(
    "" if p.stem == "index" else p.relative_to(ROOT / "docs").with_suffix("").as_posix() + "/"
    for p in (ROOT / "docs").rglob("*.md")
    if not p.name.endswith(".en.md") and p.relative_to(ROOT / "docs").parts[0] not in {"voorbeelden", "pdf"}
)
"""Every hand-written page (home, chapters, tags, sources, ...), by URL path."""
LANGUAGES = {"nl": "", "en": "en/"}
SEARCH_WORD = {"nl": "schulden", "en": "debt"}
STEM = {"nl": "schuld", "en": "debt"}
CATALOG = load_catalog(ROOT / "data")
RECORDS = CATALOG.records
EXAMPLE = max(RECORDS, key=lambda r: len(str(r.data))).id
"""The example with the most text: it has every part an example page can have."""
ZORG = {r.id for r in RECORDS if "zorg" in r.data.get("factoren", [])}
SYNONYMS = {
    lang: [
        t for g in load_synonyms(ROOT / "data")[0][lang] if SEARCH_WORD[lang] in g for t in g if t != SEARCH_WORD[lang]
    ]
    for lang in STEM
}
"""The search word's synonyms (data/synoniemen.yml): they find examples too."""
MENTIONS = {
    lang: {
        d.view.id
        for d in documents(CATALOG, lang)
        if any(stem in t.lower() or any(s in t.lower() for s in SYNONYMS[lang]) for _, t in d.fields)
    }
    for lang, stem in STEM.items()
}
"""Per language, the examples whose searchable text contains the search word's stem or a synonym: a real result is one of these."""
VISIBLE_EXAMPLES = """() => [...document.querySelectorAll('.md-content a[href]')]
    .filter(a => a.checkVisibility({visibilityProperty: true}))
    .map(a => new URL(a.href).pathname.match(/\\/voorbeelden\\/(?!factor\\/)([^\\/]+)\\/$/))
    .filter(m => m).map(m => m[1])"""


@pytest.fixture(scope="module")
def host(site: Build) -> Iterator[str]:
    """The built site served like a static host (a missing page gets 404.html)."""
    with serve(site.site) as url:
        yield url


@contextmanager
def _tab(browser: object, host: str, viewport: dict[str, int]) -> Iterator[object]:
    """A tab of its own context at ``viewport``; requests to other hosts are blocked."""
    context = browser.new_context(viewport=viewport)
    guard_requests(context, host, [])
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(scope="module")
def tabs(browser: object, host: str) -> Iterator[dict[int, object]]:
    """One tab per width, by width, for the tests that only open a page and run axe
    on it (:func:`browser_audit.visit`); tests that click or type get a fresh context."""
    with _tab(browser, host, DESKTOP) as desktop, _tab(browser, host, MOBILE) as phone:
        yield {DESKTOP["width"]: desktop, MOBILE["width"]: phone}


def _check(tabs: dict[int, object], host: str, path: str, viewport: dict[str, int] = DESKTOP) -> list[Violation]:
    tab = tabs[viewport["width"]]
    status = visit(tab, host, path)
    assert status == 200, f"{path}: HTTP {status}"
    return axe(tab, f"/{path} at {viewport['width']} px")


# --- axe-core: every page type, both languages ---------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_has_no_wcag_violations(tabs: dict[int, object], host: str, chapter: str, lang: str) -> None:
    violations = _check(tabs, host, LANGUAGES[lang] + chapter)
    assert not violations, describe(violations)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_example_page_has_no_wcag_violations(tabs: dict[int, object], host: str, lang: str) -> None:
    violations = _check(tabs, host, f"{LANGUAGES[lang]}voorbeelden/{EXAMPLE}/")
    assert not violations, describe(violations)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_overview_has_no_wcag_violations(tabs: dict[int, object], host: str, lang: str) -> None:
    violations = _check(tabs, host, f"{LANGUAGES[lang]}voorbeelden/")
    assert not violations, describe(violations)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_overview_with_a_filter_active_has_no_wcag_violations(browser: object, host: str, lang: str) -> None:
    # Given the overview opened with the factor filter in its address
    context = browser.new_context(viewport=DESKTOP)
    try:
        page, _ = load(context, host, f"{LANGUAGES[lang]}voorbeelden/?factor=zorg")
        # Then the filter is applied: only examples about care show
        shown = _shown_examples(page, lambda ids: bool(ids) and set(ids) <= ZORG)
        assert shown and set(shown) <= ZORG, f"filter ?factor=zorg not applied; shown: {sorted(set(shown) - ZORG)}"
        # And axe finds nothing in that state
        violations = axe(page, f"/{LANGUAGES[lang]}voorbeelden/?factor=zorg")
    finally:
        context.close()
    assert not violations, describe(violations)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_overview_with_search_results_has_no_wcag_violations(browser: object, host: str, lang: str) -> None:
    # Given the overview opened with a search word in its address
    word = SEARCH_WORD[lang]
    listed = set(_shown_examples_without_search(browser, host, lang))
    context = browser.new_context(viewport=DESKTOP)
    try:
        page, _ = load(context, host, f"{LANGUAGES[lang]}voorbeelden/?zoek={word}")
        # Then results show instead of the full list: some examples, not the same as without a search
        shown = _shown_examples(page, lambda ids: bool(ids) and set(ids) != listed)
        assert shown and set(shown) != listed, f"?zoek={word} shows the unfiltered list ({len(shown)} examples)"
        assert set(shown) <= MENTIONS[lang], f"?zoek={word} shows examples without it: {set(shown) - MENTIONS[lang]}"
        violations = axe(page, f"/{LANGUAGES[lang]}voorbeelden/?zoek={word}")
    finally:
        context.close()
    assert not violations, describe(violations)


def _shown_examples_without_search(browser: object, host: str, lang: str) -> list[str]:
    context = browser.new_context(viewport=DESKTOP)
    try:
        page, _ = load(context, host, f"{LANGUAGES[lang]}voorbeelden/")
        return page.evaluate(VISIBLE_EXAMPLES)
    finally:
        context.close()


def _shown_examples(page: object, done: object) -> list[str]:
    """The example ids the overview shows, once the filter script has settled (max 10 s)."""
    for _ in range(40):
        shown = page.evaluate(VISIBLE_EXAMPLES)
        if done(shown):
            return shown
        page.wait_for_timeout(250)
    return shown


def test_404_page_has_no_wcag_violations(browser: object, host: str) -> None:
    # Given an address that does not exist, served the way a static host does
    context = browser.new_context(viewport=DESKTOP)
    try:
        page, loaded = load(context, host, "deze-pagina-bestaat-niet/")
        assert loaded.status == 404
        assert page.locator("h1").inner_text() == "Pagina niet gevonden"
        violations = axe(page, "/deze-pagina-bestaat-niet/ (404)")
        # Chromium logs the page's own 404 status as a console error; nothing else may fail.
        own_status = f"the server responded with a status of 404 (Not Found) ({loaded.url})"
        problems = [p for p in loaded.problems if not p.endswith(own_status)]
        assert problems == [], describe(problems)
    finally:
        context.close()
    assert not violations, describe(violations)


def test_english_404_page_has_no_wcag_violations(tabs: dict[int, object], host: str) -> None:
    violations = _check(tabs, host, "en/404.html")
    assert not violations, describe(violations)


MOBILE_PAGES = ["", "factoren/werk/", f"voorbeelden/{EXAMPLE}/", "voorbeelden/?factor=zorg", "trefwoorden/"]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", MOBILE_PAGES)
def test_phone_width_has_no_wcag_violations(tabs: dict[int, object], host: str, path: str, lang: str) -> None:
    violations = _check(tabs, host, LANGUAGES[lang] + path, MOBILE)
    assert not violations, describe(violations)


def test_phone_width_with_the_menu_open_has_no_wcag_violations(browser: object, host: str) -> None:
    context = browser.new_context(viewport=MOBILE)
    try:
        page, _ = load(context, host, "factoren/werk/")
        page.add_style_tag(content=NO_MOTION)
        page.get_by_role("button", name="Navigatie").click()
        violations = axe(page, "/factoren/werk/ at 390 px, menu open")
    finally:
        context.close()
    assert not violations, describe(violations)


# --- The checker itself can fail -------------------------------------------------------


def test_axe_reports_a_low_contrast_colour(browser: object, tmp_path: Path) -> None:
    # Given a page with light grey text on white (1.6:1)
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="nl"><head><title>t</title></head>'
        '<body><main><p style="color:#cccccc">Lichtgrijze tekst</p></main></body></html>',
        encoding="utf-8",
    )
    with serve(tmp_path) as url, _tab(browser, url, DESKTOP) as tab:
        violations = _check({DESKTOP["width"]: tab}, url, "")
    assert [v.rule for v in violations] == ["color-contrast"], describe(violations)


def test_keyboard_walk_reports_hidden_focus_a_missing_ring_and_a_trap(browser: object, tmp_path: Path) -> None:
    # Given a page with an off-screen link, a link without focus ring and a field that keeps focus
    html = (
        '<!doctype html><html lang="nl"><head><title>t</title><style>a:focus { outline: none }</style></head><body>'
        '<a href="#a" style="position:absolute; left:-9999px">Verstopt</a> <a href="#b">Zonder rand</a>'
        '<input aria-label="Val" onkeydown="if (event.key === \'Tab\') event.preventDefault()">'
        '<a href="#c">Na de val</a></body></html>'
    )
    with own_page(browser, tmp_path, html, viewport=DESKTOP) as (page, _):
        problems = walk_with_tab(page, limit=20).problems
    assert problems == [
        'focus not visible on a "Verstopt"',
        'no focus indicator on a "Zonder rand"',
        'not reachable with Tab: a "Na de val"',
        "Tab never came back to the start: focus is trapped",
    ], problems


# --- Keyboard ---------------------------------------------------------------------------

KEYBOARD_PAGES = ["", "factoren/werk/", f"voorbeelden/{EXAMPLE}/", "voorbeelden/", "en/"]


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "phone"])
@pytest.mark.parametrize("path", KEYBOARD_PAGES)
def test_tab_reaches_every_control_with_visible_focus_and_comes_back(
    browser: object, host: str, path: str, viewport: dict[str, int]
) -> None:
    context = browser.new_context(viewport=viewport)
    try:
        page, _ = load(context, host, path)
        walk = walk_with_tab(page)
    finally:
        context.close()
    assert len(walk.stops) > 10, f"only {len(walk.stops)} Tab stops on /{path}"
    assert not walk.problems, describe(walk.problems)


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "phone"])
def test_skip_link_is_the_first_stop_and_jumps_to_the_content(
    browser: object, host: str, viewport: dict[str, int]
) -> None:
    context = browser.new_context(viewport=viewport)
    try:
        page, _ = load(context, host, "factoren/werk/")
        page.add_style_tag(content=NO_MOTION)
        page.keyboard.press("Tab")
        skip = page.evaluate(
            "() => { const e = document.activeElement; const r = e.getBoundingClientRect();"
            " return [e.textContent.trim(), e.getAttribute('href'), getComputedStyle(e).opacity, r.top >= 0] }"
        )
        assert skip[0] == "Ga naar inhoud" and skip[2] == "1" and skip[3], skip
        page.keyboard.press("Enter")
        target = page.evaluate(
            "() => { const t = document.getElementById(location.hash.slice(1));"
            " return t && [t.tagName, t.getBoundingClientRect().top] }"
        )
    finally:
        context.close()
    assert target is not None and target[0] == "H1", target
    assert 0 <= target[1] < viewport["height"] / 2, f"the heading is not at the top of the screen: {target}"


def test_language_menu_works_by_keyboard(browser: object, host: str) -> None:
    context = browser.new_context(viewport=DESKTOP)
    try:
        page, _ = load(context, host, "factoren/werk/")
        _press_tab_until(page, "Selecteer taal")
        _press_tab_until(page, "English", limit=3)
        page.keyboard.press("Enter")
        page.wait_for_url("**/en/factoren/werk/")
        assert page.evaluate("document.documentElement.lang") == "en"
    finally:
        context.close()


def test_header_search_works_by_keyboard(browser: object, host: str) -> None:
    context = browser.new_context(viewport=DESKTOP)
    try:
        page, _ = load(context, host, "")
        for _ in range(40):  # the field is named by its <label>, so find it by its id
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "ib-zoekvak-veld":
                break
        assert page.evaluate("document.activeElement.labels[0].textContent") == "Zoek in het boek"
        page.keyboard.type("schulden")
        page.locator("[role=option]").first.wait_for(timeout=10_000)
        page.keyboard.press("ArrowDown")
        active = page.evaluate("document.activeElement.getAttribute('aria-activedescendant')")
        assert (
            active
            and page.evaluate("id => document.getElementById(id).getAttribute('aria-selected')", active) == "true"
        )
        target = page.evaluate("id => document.getElementById(id).dataset.ibAdres", active)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith(target), f"Enter on a suggestion opened {page.url}, not {target}"
    finally:
        context.close()


def test_phone_menu_opens_moves_focus_and_closes_by_keyboard(browser: object, host: str) -> None:
    context = browser.new_context(viewport=MOBILE)
    try:
        page, _ = load(context, host, "")
        page.add_style_tag(content=NO_MOTION)
        # Given the menu button, reached with Tab
        _press_tab_until(page, "Navigatie")
        assert page.evaluate("document.activeElement.getAttribute('aria-expanded')") == "false"
        # When Enter is pressed, the menu opens and focus moves into it
        page.keyboard.press("Enter")
        assert page.evaluate("document.getElementById('__drawer').checked")
        # The script moves focus after the drawer is shown (a zero timeout): wait for it
        page.wait_for_function("document.activeElement.closest('.md-sidebar--primary') !== null", timeout=5_000)
        # And a section opens with Space and shows its chapters
        _press_tab_until(page, "De vijf factoren")
        page.keyboard.press(" ")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "Inkomens- en bestaanszekerheid"
        # When Escape is pressed, the menu closes and focus returns to the menu button
        page.keyboard.press("Escape")
        assert not page.evaluate("document.getElementById('__drawer').checked")
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Navigatie"
        # When the menu opens again, it shows the section, its title first: Enter goes back
        page.keyboard.press("Enter")
        page.wait_for_function("document.activeElement.textContent.trim() === 'De vijf factoren'", timeout=5_000)
        page.keyboard.press("Enter")
        # And Enter on a chapter link in the menu opens that chapter
        _press_tab_until(page, "Trefwoorden")
        page.keyboard.press("Enter")
        page.wait_for_url("**/trefwoorden/")
    finally:
        context.close()


def _press_tab_until(page: object, name: str, limit: int = 80) -> None:
    """Press Tab until the focused element's name (label or text) is ``name``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement;"
            " return (e.getAttribute('aria-label') || e.textContent || '').replace(/\\s+/g, ' ').trim() }"
        )
        if focused == name:
            return
    pytest.fail(f"Tab never reached '{name}'")
