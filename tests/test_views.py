"""The typed view of an example (site/views.py): what it holds, and that the page,
the search index and the open data all show what it says.

Why: the view is the one source of truth for what a reader sees of an example. The
expected values here come from the YAML and the vocabularies read with plain
``yaml.safe_load``, not from the code under test, so a wrong name, a lost English
text or a mixed-up field shows up as a failure.
"""

from __future__ import annotations

import base64
import csv
import dataclasses
import datetime as dt
import html
import io
import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, Build, data_folder, fixture_records
from inspiratieboek.data.records import Catalog, load_catalog
from inspiratieboek.publish import opendata
from inspiratieboek.search import zoekindex
from inspiratieboek.site import render
from inspiratieboek.site.editions import suffix
from inspiratieboek.site.views import ExampleView, Link, Text, example_view

RECORD = "synthetisch-a"
"""Fully translated, with organisation, lesson, source and start year (synthetic)."""
UNTRANSLATED = "synthetisch-b"
"""Has no English approach: the English view keeps the Dutch text, marked as Dutch."""
EDITIONS = {"nl": "", "en": "en/"}


def names(list_name: str) -> dict[str, dict[str, str]]:
    """slug -> {'nl': name, 'en': name} of one vocabulary, read from data/ with plain YAML."""
    data = ROOT / "data"
    lists = yaml.safe_load((data / "lijsten.yml").read_text(encoding="utf-8"))
    lists["factoren"] = yaml.safe_load((data / "factoren.yml").read_text(encoding="utf-8"))
    return {t["slug"]: {"nl": t["nl"], "en": t["en"]} for t in lists[list_name]}


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    folder = data_folder(tmp_path_factory.mktemp("views") / "data", fixture_records(RECORD, UNTRANSLATED))
    found = load_catalog(folder)
    assert not found.problems, found.problems
    return found


def view_of(catalog: Catalog, record_id: str, lang: str) -> ExampleView:
    return example_view(next(r for r in catalog.records if r.id == record_id), catalog, lang)


# --- What a view holds -----------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_view_of_a_fixture_record_has_every_field_in_its_language(catalog: Catalog, lang: str) -> None:
    raw = yaml.safe_load((Path(__file__).parent / "fixtures" / f"{RECORD}.yml").read_text(encoding="utf-8"))
    text = {"nl": lambda key: Text(raw[key], "nl"), "en": lambda key: Text(raw[f"{key}_en"], "en")}[lang]

    view = view_of(catalog, RECORD, lang)

    assert view.id == RECORD and view.lang == lang
    assert view.title == text("titel")
    assert view.summary == text("samenvatting")
    assert view.line == Text(text("samenvatting").value.split(". ")[0] + ".", lang)  # lists show the first sentence
    assert view.page == f"voorbeelden/{RECORD}/"
    assert view.url == f"{EDITIONS[lang]}voorbeelden/{RECORD}/"
    assert [f.slug for f in view.factors] == ["bestaanszekerheid", "zorg"]
    assert view.main_factor is not None and view.main_factor.name(lang) == names("factoren")["bestaanszekerheid"][lang]
    assert view.place == "Testplaats"
    assert view.province == names("provincies")["utrecht"][lang]
    assert view.where == f"Testplaats, {names('provincies')['utrecht'][lang]}"
    assert [(o.name, o.kind, o.role) for o in view.organisations] == [
        ("Testcorporatie A", names("soorten")["woningcorporatie"][lang], "")
    ]
    assert view.groups == (names("doelgroepen")["huurders"][lang],)
    assert view.themes == (names("themas")["schuldhulp"][lang],)
    assert view.kind == names("soorten_voorbeeld")["praktijk"][lang]
    assert (view.status, view.status_slug) == (names("statussen")["loopt"][lang], "loopt")
    assert view.result_kind == names("resultaatsoorten")["geen-resultaat-bekend"][lang]
    assert (view.start_year, view.end_year) == (2020, None)
    assert view.period == {"nl": "sinds 2020", "en": "since 2020"}[lang]
    assert view.approach == text("aanpak")
    assert view.results is None  # 'resultaten: ""' is no text
    assert view.agreement is None and view.costs is None and view.contact is None and view.recognition is None
    assert view.sources == (Link("Testbron A", "https://example.org/bron-a"),)
    assert view.first_source == "https://example.org/bron-a"
    assert [(lesson.text, lesson.origin) for lesson in view.lessons] == [
        (Text(raw["lessen"][0]["tekst" if lang == "nl" else "tekst_en"], lang), "redactie")
    ]
    assert view.lessons[0].origin_name == names("herkomsten")["redactie"][lang]
    assert view.checked == dt.date(2026, 1, 15)
    assert view.filters["factor"] == ("bestaanszekerheid", "zorg")
    assert view.filters["provincie"] == ("utrecht",) and view.filters["status"] == ("loopt",)
    assert view.source_file == f"data/voorbeelden/{RECORD}.yml"


def test_an_untranslated_field_keeps_its_dutch_text_marked_as_dutch(catalog: Catalog) -> None:
    view = view_of(catalog, UNTRANSLATED, "en")
    assert view.title.lang == "en"
    assert view.approach == Text("Alleen een Nederlandse aanpak.\n", "nl")
    assert view.start_year is None and view.period == ""


def test_a_view_cannot_be_changed_after_it_is_built(catalog: Catalog) -> None:
    view = view_of(catalog, RECORD, "nl")
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.place = "Elders"  # type: ignore[misc]


# --- One source of truth: page, search card and open data row agree ---------------------


def index_card(files: dict[str, str], path: str) -> tuple[list[str], int]:
    """The card of the example at ``path`` and its number, from one language's index files."""
    meta = json.loads(files[zoekindex.INDEX_FILE])
    cards = [row for name in meta["kaarten"] for row in json.loads(files[name])][: meta["aantal"]]
    number = next(i for i, card in enumerate(cards) if card[0] == path)
    return cards[number], number


def status_in_index(files: dict[str, str], number: int) -> list[str]:
    """The status slugs whose filter bitset holds example ``number``."""
    meta = json.loads(files[zoekindex.INDEX_FILE])
    return [
        slug
        for slug, bits in meta["filters"]["status"].items()
        if base64.b64decode(bits)[number // 8] >> (number % 8) & 1
    ]


def page_facts(body: str) -> dict[str, str]:
    """Title (the H1, Markdown or HTML), place and status as the example page shows them."""
    title = re.search(r"^# (.+)$", body, re.M) or re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S)
    facts = dict(re.findall(r"<dt>([^<]+)</dt>\s*<dd[^>]*>(.*?)</dd>", body, re.S))
    assert title, body[:500]
    heading = re.sub(r"<[^>]+>", "", re.sub(r'<a class="headerlink".*?</a>', "", title.group(1)))
    return {
        "title": html.unescape(re.sub(r"\\(.)", r"\1", heading)).strip(),
        "place": html.unescape(facts.get("Plaats", facts.get("Place", ""))),
        "status": html.unescape(facts.get("Status", "")),
    }


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_page_search_card_and_open_data_row_show_the_same_title_place_and_status(catalog: Catalog, lang: str) -> None:
    view = view_of(catalog, RECORD, lang)
    expected_status = names("statussen")["loopt"][lang]

    page = next(p for p in render.pages(catalog, lang) if p.path == f"{RECORD}{suffix(lang)}.md")
    shown = page_facts(page.body)
    files = zoekindex.build(catalog, lang, EDITIONS[lang])
    card, number = index_card(files, f"{EDITIONS[lang]}voorbeelden/{RECORD}/")
    header, *rows = opendata.csv_rows(catalog, lang, "https://example.org/")
    row = dict(zip(header, next(r for r in rows if r[0] == RECORD), strict=True))
    title_col, place_col, province_col = (
        ("titel", "plaats", "provincie") if lang == "nl" else ("title", "place", "province")
    )

    assert shown == {"title": view.title.value, "place": view.where, "status": expected_status}
    assert page.meta["title"] == html.escape(view.title.value)
    assert (card[1], card[2]) == (view.title.value, view.where)
    assert status_in_index(files, number) == ["loopt"]
    assert (row[title_col], f"{row[place_col]}, {row[province_col]}", row["status"]) == (
        view.title.value,
        view.where,
        expected_status,
    )
    assert row["pagina" if lang == "nl" else "page"] == f"https://example.org/{view.url}"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_built_site_shows_one_record_alike_on_its_page_in_search_and_in_open_data(site: Build, lang: str) -> None:
    """The same check on the real site as built by MkDocs: the page's HTML, the index
    files and voorbeelden.csv the build wrote, for the first real record."""
    path = sorted((site.project / "data" / "voorbeelden").glob("*.yml"))[0]
    record, record_id = yaml.safe_load(path.read_text(encoding="utf-8")), path.stem
    title = (lang != "nl" and record.get(f"titel_{lang}")) or record["titel"]
    where = ", ".join(p for p in (record["plaats"], names("provincies")[record["provincie"]][lang]) if p)
    status = names("statussen")[record["status"]][lang]

    article = site.html(f"{EDITIONS[lang]}voorbeelden/{record_id}/")
    article = article[article.index('<article class="md-content__inner') : article.index("</article>")]
    folder = site.site / zoekindex.INDEX_DIR / lang
    files = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.json")}
    card, number = index_card(files, f"{EDITIONS[lang]}voorbeelden/{record_id}/")
    rows = read_csv(site, lang)
    row = next(r for r in rows if r["id"] == record_id)

    assert page_facts(article) == {"title": title, "place": where, "status": status}
    assert (card[1], card[2]) == (title, where)
    assert status_in_index(files, number) == [record["status"]]
    place_col, province_col = ("plaats", "provincie") if lang == "nl" else ("place", "province")
    assert (row["titel" if lang == "nl" else "title"], f"{row[place_col]}, {row[province_col]}", row["status"]) == (
        title,
        where,
        status,
    )


def read_csv(site: Build, lang: str) -> list[dict[str, str]]:
    raw = (site.site / EDITIONS[lang] / opendata.CSV_FILE).read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(raw, newline=""), delimiter=";"))


@pytest.mark.parametrize("lang", EDITIONS)
def test_overview_and_book_group_every_example_once_by_its_main_factor_in_title_order(lang: str) -> None:
    # Given the real records, read with plain YAML
    folder = ROOT / "data" / "voorbeelden"
    raw = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in folder.glob("*.yml")}
    real = load_catalog(ROOT / "data")
    # When the overview and the book ask for the examples by main factor (render.by_main_factor)
    groups = render.by_main_factor(real, render.example_views(real, lang))
    # Then the factors come in data/factoren.yml's order, each with exactly the examples
    # whose first factor it is, sorted by Dutch title, in the asked language
    assert [factor.slug for factor, _ in groups] == list(names("factoren"))
    for factor, views in groups:
        mine = [i for i, d in raw.items() if d["factoren"][0] == factor.slug]
        assert [v.id for v in views] == sorted(mine, key=lambda i: (raw[i]["titel"].casefold(), i)), factor.slug
        assert {v.lang for v in views} == {lang}
    assert sum(len(views) for _, views in groups) == len(raw)
