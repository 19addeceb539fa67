"""Taking a selection along (issue #16): printing a filtered view gives exactly the
selected examples under a line that says the query and filters in words, each with
its address; "Download selectie" gives the same examples as CSV (the columns and
Excel conventions of /voorbeelden.csv) and JSON."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING

import pytest
from conftest import Build

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

VIEW = "voorbeelden/?factor=bestaanszekerheid&provincie=noord-brabant,zeeland&zoek=schulden"
READY = "() => document.querySelector('[data-ib-afdruk]').dataset.ibKlaar === location.search"
SETTLED = "() => document.querySelector('[data-ib-zoeker]').dataset.ibToont === location.search"


def shown_ids(page: Page) -> list[str]:
    """Ids of every result of the view, in order (pressing "more" until all are shown)."""
    more = page.locator("[data-ib-toon-meer]")
    while more.is_visible():
        more.click()
        page.wait_for_timeout(200)
    paths = page.eval_on_selector_all("[data-ib-resultatenlijst] h3 a", "ls => ls.map(a => a.pathname)")
    return [p.rstrip("/").rsplit("/", 1)[-1] for p in paths]


@pytest.fixture
def view(page: Page, base_url: str) -> Page:
    page.goto(base_url + VIEW)
    page.wait_for_function(SETTLED)
    page.wait_for_function(READY)
    return page


def test_printing_a_filtered_view_prints_exactly_the_selection_under_a_line(view: Page, site: Build) -> None:
    ids = shown_ids(view)
    assert ids
    view.emulate_media(media="print")
    assert not view.is_visible("[data-ib-lijst]"), "the full list stays off paper"
    assert not view.is_visible("[data-ib-zoeker]")
    line = view.inner_text(".ib-afdruklijst__regel")
    assert line == (
        "Selectie: Zoekwoord: ‘schulden’ · Factor: Inkomens- en bestaanszekerheid"
        f" · Provincie: Zeeland of Noord-Brabant · {len(ids)} voorbeelden"
    )
    addresses = view.eval_on_selector_all(".ib-afdruklijst__adres", "as => as.map(a => a.textContent)")
    assert addresses == [f"https://wonen-gezondheid.example.org/voorbeelden/{i}/" for i in ids]
    titles = view.eval_on_selector_all(".ib-afdruklijst strong", "ts => ts.map(t => t.textContent)")
    shown = view.eval_on_selector_all("[data-ib-resultatenlijst] h3 a", "ls => ls.map(a => a.textContent)")
    assert titles == shown
    # The print header names the view with its filters, not the bare overview
    shown_at = view.url.split("/", 3)[3]
    assert "provincie=zeeland,noord-brabant" in shown_at
    assert view.inner_text(".ib-afdrukkop__regel").startswith("https://wonen-gezondheid.example.org/" + shown_at)
    # And the PDF Chromium makes holds the line and every title
    pdf = view.pdf()
    assert pdf.startswith(b"%PDF")


def test_without_a_selection_paper_gets_the_full_list(page: Page, base_url: str) -> None:
    page.goto(base_url + "voorbeelden/")
    page.wait_for_function(SETTLED)
    page.emulate_media(media="print")
    assert page.is_visible("[data-ib-lijst]") and not page.is_visible(".ib-afdruklijst")


def test_the_csv_download_parses_and_matches_the_selection(view: Page, site: Build) -> None:
    ids = shown_ids(view)
    with view.expect_download() as download:
        view.click("[data-ib-download=csv]")
    data = download.value.path().read_bytes()
    assert download.value.suggested_filename == "voorbeelden-selectie.csv"
    assert data.startswith("\ufeff".encode()), "a byte-order mark, for Excel"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    full = list(
        csv.reader(
            io.StringIO((site.site / "voorbeelden.csv").read_text(encoding="utf-8-sig"), newline=""), delimiter=";"
        )
    )
    assert rows[0] == full[0], "the same columns as /voorbeelden.csv"
    assert [r[0] for r in rows[1:]] == ids
    by_id = {r[0]: r for r in full[1:]}
    assert all(r == by_id[r[0]] for r in rows[1:]), "each row exactly as in /voorbeelden.csv"


def test_the_json_download_holds_the_selection_and_says_what_it_is(view: Page, site: Build) -> None:
    ids = shown_ids(view)
    with view.expect_download() as download:
        view.click("[data-ib-download=json]")
    data = json.loads(download.value.path().read_text(encoding="utf-8"))
    full = json.loads((site.site / "voorbeelden.json").read_text(encoding="utf-8"))
    assert [v["id"] for v in data["voorbeelden"]] == ids and data["aantal"] == len(ids)
    assert data["licentie"] == full["licentie"] and data["selectie"].startswith("Selectie: Zoekwoord: ‘schulden’")
    assert all(v == next(f for f in full["voorbeelden"] if f["id"] == v["id"]) for v in data["voorbeelden"])


def test_english_download_uses_the_english_open_data(page: Page, base_url: str, site: Build) -> None:
    page.goto(base_url + "en/voorbeelden/?zoek=debt")
    page.wait_for_function(SETTLED)
    with page.expect_download() as download:
        page.click("[data-ib-download=csv]")
    header = download.value.path().read_bytes().decode("utf-8-sig").split("\r\n", 1)[0]
    assert header == (site.site / "en" / "voorbeelden.csv").read_bytes().decode("utf-8-sig").split("\r\n", 1)[0]
    assert page.inner_text("[data-ib-meenemen]").startswith("Download selection")
