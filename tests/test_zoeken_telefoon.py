"""Finding on a phone (390 × 844, issue #16): the overview's filters fold into one
"Filters (n actief)" control, the count and the first result are on the first
screen after typing, Enter moves focus to the count (read out, scrolled into
view), and every control is a touch target of at least 44 px."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from conftest import ROOT
from inspiratieboek.quality.browser_audit import MOBILE

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
SETTLED = """() => { const b = document.querySelector('[data-ib-zoeker]');
  return b && b.dataset.ibToont === location.search; }"""
PLACES = """() => { const r = e => document.querySelector(e).getBoundingClientRect();
  return {count: r('[data-ib-status]').top, first: r('[data-ib-resultatenlijst] > li').top,
          firstTitle: r('[data-ib-resultatenlijst] > li h3').bottom, height: innerHeight}; }"""


@pytest.fixture
def phone(browser: object) -> Page:
    context = browser.new_context(viewport=MOBILE, has_touch=True, is_mobile=True)
    yield context.new_page()
    context.close()


def open_overview(page: Page, base_url: str, query: str = "") -> None:
    page.goto(base_url + "voorbeelden/" + query)
    page.wait_for_function(SETTLED)


@pytest.mark.parametrize("path", ["voorbeelden/", "zoeken/"])
def test_filters_fold_into_one_control_that_counts_the_active_ones(phone: Page, base_url: str, path: str) -> None:
    phone.goto(base_url + path)
    phone.wait_for_function(SETTLED)
    toggle = phone.locator("[data-ib-uitklapknop]")
    assert toggle.is_visible() and toggle.inner_text() == "Filters"
    assert not phone.is_visible("[data-ib-filter=provincie]")
    toggle.click()
    phone.locator("[data-ib-filter=provincie] summary").click()
    phone.locator("[data-ib-filter=provincie] input[value=noord-brabant]").check()
    phone.wait_for_function(SETTLED)
    assert toggle.inner_text() == "Filters (1 actief)"
    # A filtered address opens folded too, and says how many are active
    phone.goto(base_url + path + "?factor=zorg&provincie=utrecht")
    phone.wait_for_function(SETTLED)
    assert toggle.inner_text() == "Filters (2 actief)" and not phone.is_visible("[data-ib-filter=factor]")


def test_count_and_first_result_are_on_the_first_screen_after_typing(phone: Page, base_url: str) -> None:
    open_overview(phone, base_url)
    phone.fill("#ib-zoek", "schulden")
    phone.wait_for_function(SETTLED)
    places = phone.evaluate(PLACES)
    assert places["count"] < places["height"] and places["first"] < places["height"], places


def test_enter_moves_focus_to_the_count_with_the_first_result_below_it(phone: Page, base_url: str) -> None:
    open_overview(phone, base_url)
    phone.fill("#ib-zoek", "schulden")
    phone.press("#ib-zoek", "Enter")
    phone.wait_for_function("document.activeElement.matches('[data-ib-status]')")
    phone.wait_for_function(SETTLED)
    assert phone.get_attribute("[data-ib-status]", "role") == "status"
    phone.wait_for_function("() => /gevonden/.test(document.querySelector('[data-ib-status]').textContent)")
    places = phone.evaluate(PLACES)
    assert 0 <= places["count"] < places["height"] / 3, places
    assert places["firstTitle"] < places["height"], places


def test_touch_targets_are_at_least_44_px(phone: Page, base_url: str) -> None:
    open_overview(phone, base_url, "?zoek=huur")
    phone.locator("[data-ib-uitklapknop]").click()
    phone.locator("[data-ib-filter=thema] summary").click()
    small = phone.evaluate(
        """() => [...document.querySelectorAll(
              '[data-ib-zoeker] input[type=search], [data-ib-zoeker] select, [data-ib-zoeker] button, [data-ib-zoeker] summary, .ib-filter__optie, .ib-zoekvak__knop')]
            .filter(e => e.offsetParent !== null)
            .map(e => [e.id || e.className || e.tagName, e.getBoundingClientRect().width, e.getBoundingClientRect().height])
            .filter(([, w, h]) => w < 44 || h < 44)"""
    )
    assert small == []


@pytest.mark.parametrize("query", ["", "?zoek=schulden&provincie=noord-brabant"])
def test_axe_finds_nothing_on_the_folded_phone_filters(phone: Page, base_url: str, query: str) -> None:
    open_overview(phone, base_url, query)
    phone.add_script_tag(path=str(AXE))
    violations = phone.evaluate(
        """async () => (await axe.run('body', {runOnly: {type: 'tag',
             values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations
             .map(v => [v.id, v.nodes.map(n => n.target.join(' '))])"""
    )
    assert violations == []
