"""Search without a browser: the pieces in scripts/search.py, and what the real
build writes for Material's header search (the examples' own index: test_zoekindex.py).

The browser tests (test_search_browser.py) check what a reader sees; these check
the data those rest on, so a failure points at the step that broke.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import Build
from inspiratieboek.data.records import Catalog, load_catalog
from inspiratieboek.search import search
from inspiratieboek.site.labels import label


@pytest.fixture(scope="module")
def catalog(site: Build) -> Catalog:
    """The records the site was built from (the project copy)."""
    return load_catalog(site.project / "data")


# --- Pure functions ------------------------------------------------------------------


def test_form_lists_every_value_of_every_vocabulary_in_the_page_language() -> None:
    catalog = load_catalog()
    for lang in ("nl", "en"):
        form = search.search_form(catalog, lang)
        assert [k["param"] for k in form["kinds"]] == ["factor", "thema", "doelgroep", "organisatie", "provincie"]
        factor = form["kinds"][0]
        assert factor["label"] == label(lang)["search_factor"]
        assert [o["slug"] for o in factor["options"]] == list(catalog.vocab.factoren)
        assert [o["name"] for o in factor["options"]] == [f.name(lang) for f in catalog.vocab.factoren.values()]
        province = form["kinds"][-1]
        assert {o["slug"]: o["name"] for o in province["options"]} == {
            slug: term.name(lang) for slug, term in catalog.vocab.provincies.items()
        }


def test_search_labels_exist_in_both_languages_and_differ() -> None:
    keys = [k for k in label("nl") if k.startswith("search_")]
    assert len(keys) >= 20
    for key in keys:
        assert label("en")[key], key
    assert label("nl")["search_no_results"] == (
        "Geen voorbeelden gevonden. Haal een filter weg of zoek op een ander woord."
    )
    assert label("nl")["search_label"] != label("en")["search_label"]


@pytest.mark.parametrize(
    ("base", "expected"),
    [("..", "../en/"), ("../../..", "../../../en/"), ("/", "/en/"), (".", "./en/")],
)
def test_pages_of_another_language_load_their_own_header_index(base: str, expected: str) -> None:
    config = {"base": base, "search": "assets/javascripts/workers/search.js", "features": []}
    page = f'<script id="__config" type="application/json">{json.dumps(config)}</script>'
    changed = search.point_search_at_language(page, "en")
    found = json.loads(re.search(r">(.*)</script>", changed).group(1))
    assert found == {**config, "base": expected}


def test_split_index_keeps_each_language_apart(tmp_path: Path) -> None:
    docs = [
        {"location": "", "title": "Home", "text": "nl"},
        {"location": "hoofdstuk/", "title": "H", "text": "nl"},
        {"location": "en/", "title": "Home", "text": "en"},
        {"location": "en/chapter/#part", "title": "C", "text": "en"},
        {"location": "english-looking/", "title": "Geen Engels", "text": "nl"},
    ]
    (tmp_path / "search").mkdir()
    config = {"lang": ["nl", "en"], "separator": "x", "pipeline": ["stopWordFilter"]}
    (tmp_path / "search" / "search_index.json").write_text(json.dumps({"config": config, "docs": docs}))
    counts = search.split_search_index(tmp_path, ["nl", "en"], "nl")
    nl = json.loads((tmp_path / "search" / "search_index.json").read_text())
    en = json.loads((tmp_path / "en" / "search" / "search_index.json").read_text())
    assert counts == {"nl": 3, "en": 2}
    assert [d["location"] for d in nl["docs"]] == ["", "hoofdstuk/", "english-looking/"]
    assert [d["location"] for d in en["docs"]] == ["", "chapter/#part"]
    assert nl["config"] == {**config, "lang": ["nl"]} and en["config"]["lang"] == ["en"]


def test_header_index_keeps_an_example_by_title_and_summary_only() -> None:
    summary = "Een corporatie belt huurders met een achterstand. " * 6
    page = {"location": "voorbeelden/a/", "title": "A &amp; B", "text": f"<p>{summary}</p> Factoren Zorg"}
    kept = search.slim_entry(page)
    assert kept["title"] == "A &amp; B"
    assert kept["text"].startswith("<p>Een corporatie belt") and kept["text"].endswith(" …</p>")
    assert len(kept["text"]) <= search.SUMMARY_CHARS + 10 and "Factoren" not in kept["text"]
    assert search.slim_entry({"location": "voorbeelden/a/#aanpak", "title": "Aanpak", "text": "x"}) is None
    assert search.slim_entry({"location": "voorbeelden/factor/zorg/2/", "title": "Zorg", "text": "<ul>…</ul>"}) == {
        "location": "voorbeelden/factor/zorg/2/",
        "title": "Zorg",
        "text": "",
    }
    chapter = {"location": "factoren/zorg/#valkuilen", "title": "Valkuilen", "text": "<p>lang</p>"}
    assert search.slim_entry(chapter) == chapter
    overview = {"location": "voorbeelden/", "title": "Praktijkvoorbeelden", "text": "<p>Alle</p>"}
    assert search.slim_entry(overview) == overview


# --- The real build ------------------------------------------------------------------


def test_header_search_index_is_split_per_language(site: Build) -> None:
    nl = json.loads((site.site / "search" / "search_index.json").read_text())
    en = json.loads((site.site / "en" / "search" / "search_index.json").read_text())
    assert nl["config"]["lang"] == ["nl"] and en["config"]["lang"] == ["en"]
    assert nl["docs"] and en["docs"]
    assert not [d["location"] for d in nl["docs"] if d["location"].startswith("en/")]
    titles_en = {d["title"] for d in en["docs"] if d["location"] == ""}
    titles_nl = {d["title"] for d in nl["docs"] if d["location"] == ""}
    assert titles_en and titles_nl and titles_en != titles_nl
    # One entry per example (its sections are not in the header index)
    examples = [d["location"] for d in nl["docs"] if search.EXAMPLE_LOCATION.match(d["location"])]
    assert examples and all("#" not in loc for loc in examples) and len(examples) == len(set(examples))
    # Every English entry points at a page that exists under /en/.
    for doc in en["docs"]:
        page = doc["location"].split("#")[0]
        assert (site.site / "en" / page / "index.html").is_file() or (site.site / "en" / page).is_file(), page


def test_english_pages_point_header_search_at_the_english_index(site: Build, catalog: Catalog) -> None:
    def base(url: str) -> str:
        return json.loads(re.search(r'id="__config" type="application/json">(.*?)</script>', site.html(url)).group(1))[
            "base"
        ]

    assert base("") == "."
    assert base("voorbeelden/") == ".."  # Dutch pages keep Material's own base
    assert base("en/") == "../en/"
    assert base(f"en/voorbeelden/{catalog.records[0].id}/") == "../../../en/"
    assert base("en/404.html").endswith("/en/")
    assert not base("404.html").endswith("/en/")


def test_overview_form_is_hidden_until_javascript_and_labelled(site: Build, catalog: Catalog) -> None:
    for prefix, lang in (("", "nl"), ("en/", "en")):
        html = site.html(f"{prefix}voorbeelden/")
        t = label(lang)
        box = html.split("data-ib-zoeker")[1].split("data-ib-lijst")[0]
        assert box.startswith(" hidden>")
        assert f'<label for="ib-zoek">{t["search_label"]}</label>' in box
        assert 'name="zoek"' in box and 'name="q"' not in box
        for kind in search.FILTER_KINDS:
            assert f'<label for="ib-filter-{kind.param}">{t[kind.label_key]}</label>' in box
            assert f'<select id="ib-filter-{kind.param}" name="{kind.param}">' in box
        assert 'role="status"' in box
        assert t["search_no_results"] in box
        assert "ib-zoeken.js" in html
    assert "ib-zoeken.js" not in site.html("factoren/zorg/")
