"""The examples' search index (scripts/zoekindex.py): what the real build writes, and
how it is written. The browser side (ib-zoekindex.js) is tested through what a
reader sees in test_search_browser.py; these tests check the data it rests on, so
a failure points at the step that broke.
"""

from __future__ import annotations

import base64
import copy
import json
import re
from pathlib import Path

import pytest
from conftest import Build
from inspiratieboek.data.records import Catalog, load_catalog
from inspiratieboek.search import chapters, zoekindex
from inspiratieboek.search.stemming import fold, stem, stems
from inspiratieboek.site.views import example_view


@pytest.fixture(scope="module")
def catalog(site: Build) -> Catalog:
    return load_catalog(site.project / "data")


def read_index(site: Build, lang: str) -> tuple[Path, dict]:
    folder = site.site / zoekindex.INDEX_DIR / lang
    return folder, json.loads((folder / zoekindex.INDEX_FILE).read_text(encoding="utf-8"))


def decode_postings(flat: list[int]) -> list[tuple[int, int]]:
    number, out = 0, []
    for gap, weight in zip(flat[::2], flat[1::2], strict=True):
        number += gap
        out.append((number, weight))
    return out


def members(bits: str, size: int) -> set[int]:
    raw = base64.b64decode(bits)
    return {i for i in range(size) if raw[i // 8] >> (i % 8) & 1}


# --- Pure functions ------------------------------------------------------------------


def test_postings_are_gaps_and_weights_and_decode_back() -> None:
    entries = [(0, 8), (3, 1), (4, 63), (1000, 2)]
    assert zoekindex.encode_postings(entries) == [0, 8, 3, 1, 1, 63, 996, 2]
    assert decode_postings(zoekindex.encode_postings(entries)) == entries


def test_bitset_sets_exactly_the_given_examples() -> None:
    assert members(zoekindex.bitset([0, 7, 8, 12], 13), 13) == {0, 7, 8, 12}
    assert zoekindex.bitset([], 9) == base64.b64encode(bytes(2)).decode()


def test_a_dutch_compound_also_counts_for_its_last_word() -> None:
    text = "huurschulden huur schuld samenwerken samen werk ambassadeur deur daklozen daklozenopvang opvang"
    vocabulary = set(stems(text, "nl"))
    assert zoekindex.compound_tails(vocabulary) == {"huurschuld": ["schuld"], "daklozenopvang": ["opvang"]}


# --- The real build ------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_example_has_one_card_in_title_order(site: Build, catalog: Catalog, lang: str) -> None:
    folder, meta = read_index(site, lang)
    assert meta["aantal"] == len(catalog.records)
    everything = [row for name in meta["kaarten"] for row in json.loads((folder / name).read_text(encoding="utf-8"))]
    cards = everything[: meta["aantal"]]  # the chapters' sections follow the examples
    assert len(everything) == meta["aantal"] + meta["hoofdstukken"]
    prefix = "" if lang == "nl" else "en/"
    assert sorted(c[0] for c in cards) == sorted(f"{prefix}voorbeelden/{r.id}/" for r in catalog.records)
    titles = [c[1] for c in cards]
    assert [t.casefold() for t in titles] == sorted(t.casefold() for t in titles)
    for path, title, place, summary, title_lang, summary_lang in cards:
        record = next(r for r in catalog.records if path.endswith(f"/{r.id}/"))
        view = example_view(record, catalog, lang)
        assert (site.site / path / "index.html").is_file(), path
        assert title == view.title.value
        assert summary == (view.summary.value if view.summary else "")
        assert place == ", ".join(p for p in (view.place, view.province) if p)
        assert title_lang == ("" if view.title.lang == lang else view.title.lang)
        assert summary_lang == ("" if not view.summary or view.summary.lang == lang else view.summary.lang)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_chapters_are_in_by_section_with_working_anchors(site: Build, lang: str) -> None:
    folder, meta = read_index(site, lang)
    everything = [row for name in meta["kaarten"] for row in json.loads((folder / name).read_text(encoding="utf-8"))]
    sections = everything[meta["aantal"] :]
    prefix = "" if lang == "nl" else "en/"
    assert meta["versie"] == 2 and len(sections) == meta["hoofdstukken"] >= 50
    chapters = {row[0].split("#")[0] for row in sections}
    assert {f"{prefix}factoren/zorg/", f"{prefix}integrale-aanpak/", prefix} <= chapters
    assert not [c for c in chapters if "voorbeelden/" in c or "zoeken/" in c], (
        "examples and the results page are not chapters"
    )
    for path, heading, chapter, *_ in sections:
        page, _, anchor = path.partition("#")
        html = (site.site / page / "index.html").read_text(encoding="utf-8")
        assert heading, path
        if anchor:
            assert re.search(rf'<h[23] id="{re.escape(anchor)}">', html), path
            assert chapter and chapter != heading, path
    # The print header, the heading's link sign and the example lists are left out
    text = " ".join(row[3] for row in sections)
    assert "¶" not in text and "Versie van" not in text and "Version of" not in text


def test_a_section_keeps_its_own_text_without_example_lists() -> None:
    html = (
        '<article class="md-content__inner md-typeset"><div class="ib-acties"><button>Printen</button></div>'
        '<h1 id="t">Titel<a class="headerlink" href="#t">¶</a></h1><p>Inleiding.</p>'
        '<h2 id="a">Deel A</h2><p>Tekst over <strong>schimmel</strong>.</p><h4>Klein</h4><p>Meer.</p>'
        '<h2 id="b">Voorbeelden</h2><ul class="ib-lijst"><li><a href="x">Voorbeeld over vocht</a></li></ul>'
        '<h3 id="c">Sub</h3><p>Laatste.</p></article><p>Voet</p>'
    )
    found = chapters.page_sections(html, "hoofdstuk/")
    assert [(s.url, s.title, s.chapter, s.text, s.level) for s in found] == [
        ("hoofdstuk/", "Titel", "Titel", "Inleiding.", 1),
        ("hoofdstuk/#a", "Deel A", "Titel", "Tekst over schimmel. Klein Meer.", 2),
        ("hoofdstuk/#b", "Voorbeelden", "Titel", "", 2),
        ("hoofdstuk/#c", "Sub", "Titel", "Laatste.", 3),
    ]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_filter_bitsets_match_the_data(site: Build, catalog: Catalog, lang: str) -> None:
    folder, meta = read_index(site, lang)
    cards = [row for name in meta["kaarten"] for row in json.loads((folder / name).read_text(encoding="utf-8"))]
    number_of = {row[0].rstrip("/").rsplit("/", 1)[-1]: i for i, row in enumerate(cards)}
    for param, values in meta["filters"].items():
        for value, bits in values.items():
            expected = {
                number_of[r.id] for r in catalog.records if value in example_view(r, catalog, lang).filters[param]
            }
            assert members(bits, meta["aantal"]) == expected, (param, value)
    assert set(meta["filters"]) == {
        "factor",
        "thema",
        "doelgroep",
        "organisatie",
        "provincie",
        "soort",
        "status",
        "resultaat",
    }


def test_words_are_found_by_their_stem_in_the_file_of_their_first_two_letters(site: Build, catalog: Catalog) -> None:
    folder, meta = read_index(site, "nl")
    cards = [row for name in meta["kaarten"] for row in json.loads((folder / name).read_text(encoding="utf-8"))]
    number_of = {row[0].rstrip("/").rsplit("/", 1)[-1]: i for i, row in enumerate(cards)}

    def postings_of(word: str) -> dict[int, int]:
        key = stem(fold(word), "nl")
        name = [n for start, n in meta["termen"] if start <= key[:2]][-1]
        part = json.loads((folder / name).read_text(encoding="utf-8"))
        assert part["stammen"] == sorted(part["stammen"])
        if key not in part["stammen"]:
            return {}
        return dict(decode_postings(part["lijsten"][part["stammen"].index(key)]))

    # "schulden" and "schuld" are one stem; a record that has it in its title weighs most
    assert postings_of("schulden") == postings_of("schuld")
    vroeg = number_of["vroeg-eropaf-amsterdam"]
    assert postings_of("huurachterstanden")[vroeg] >= 1
    overvecht = number_of["gezonde-wijk-overvecht-utrecht"]
    assert postings_of("Overvecht")[overvecht] >= zoekindex.TITLE
    # Place, province and organisation are searchable (facts weight)
    assert postings_of("Brabant")[number_of["convenant-huurschulden-woensdrecht"]] >= zoekindex.FACTS
    # Theme and factor names count too (facts weight), not only the record's texts
    lonely = {number_of[r.id] for r in catalog.records if "eenzaamheid" in (r.get("themas") or [])}
    assert lonely and all(postings_of("Eenzaamheid").get(n, 0) >= zoekindex.FACTS for n in lonely)
    living = {number_of[r.id] for r in catalog.records if "leefomstandigheden" in r.factors}
    assert all(postings_of("Leefomstandigheden").get(n, 0) >= zoekindex.FACTS for n in living)
    # A compound counts for its last word, at half weight: "huurschulden" is found by "schulden"
    with_compound = postings_of("huurschulden")
    assert with_compound and set(with_compound) <= set(postings_of("schulden"))
    # Addresses in the text are not words
    assert postings_of("https") == {}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_index_folder_holds_only_what_index_json_names(site: Build, lang: str) -> None:
    folder, meta = read_index(site, lang)
    named = {zoekindex.INDEX_FILE, meta["volgorde"], *meta["kaarten"], *(name for _, name in meta["termen"])}
    assert {p.name for p in folder.iterdir()} == named
    # Small files: the first search needs index.json, one term file and a few card files
    assert max(p.stat().st_size for p in folder.iterdir()) < 64 * 1024


def test_sort_orders_follow_the_data(site: Build, catalog: Catalog) -> None:
    folder, meta = read_index(site, "nl")
    orders = json.loads((folder / meta["volgorde"]).read_text(encoding="utf-8"))
    cards = [row for name in meta["kaarten"] for row in json.loads((folder / name).read_text(encoding="utf-8"))]
    by_id = {r.id: r for r in catalog.records}
    records = [by_id[cards[n][0].rstrip("/").rsplit("/", 1)[-1]] for n in orders["nieuwste"]]
    years = [r.get("startjaar") or 0 for r in records]
    assert sorted(orders["nieuwste"]) == list(range(meta["aantal"])) and years == sorted(years, reverse=True)
    places = [
        " ".join(str(by_id[cards[n][0].rstrip("/").rsplit("/", 1)[-1]].get("plaats") or "").split()).casefold()
        for n in orders["plaats"]
    ]
    assert places == sorted(places)


def test_english_index_has_english_words_and_dutch_one_dutch(site: Build) -> None:
    def stems_of(lang: str) -> set[str]:
        folder, meta = read_index(site, lang)
        found: set[str] = set()
        for _, name in meta["termen"]:
            found.update(json.loads((folder / name).read_text(encoding="utf-8"))["stammen"])
        return found

    nl, en = stems_of("nl"), stems_of("en")
    assert "loneliness" in en and "loneliness" not in nl
    assert stem("eenzaamheid", "nl") in nl


# --- Writing -------------------------------------------------------------------------


def test_rewriting_replaces_the_old_index_and_leaves_no_temporary_folders(tmp_path: Path) -> None:
    catalog = load_catalog()
    site = tmp_path / "site"
    site.mkdir()
    (site / zoekindex.INDEX_DIR / "nl").mkdir(parents=True)
    stale = site / zoekindex.INDEX_DIR / "nl" / "t-oud.json"
    stale.write_text("{}", encoding="utf-8")
    sizes = zoekindex.write(site, catalog, ["nl", "en"], "nl")
    assert set(sizes) == {"nl", "en"} and all(size > 0 for size in sizes.values())
    assert not stale.exists()
    assert [p.name for p in site.iterdir()] == [zoekindex.INDEX_DIR]
    meta = json.loads((site / zoekindex.INDEX_DIR / "en" / zoekindex.INDEX_FILE).read_text(encoding="utf-8"))
    first = json.loads((site / zoekindex.INDEX_DIR / "en" / meta["kaarten"][0]).read_text(encoding="utf-8"))
    assert first[0][0].startswith("en/voorbeelden/")


def test_hostile_text_stays_data(tmp_path: Path) -> None:
    """A title with markup or quotes is stored as a JSON string; the browser only ever
    puts it in as text (see test_search_browser.py)."""
    catalog = copy.deepcopy(load_catalog())  # the loaded catalog is cached: never change it
    catalog.records[0].data["titel"] = '</script><img src=x onerror="alert(1)"> "quote" \u2028'
    files = zoekindex.build(catalog, "nl")
    rows = [row for name, text in files.items() if name.startswith("k-") for row in json.loads(text)]
    assert any(row[1] == '</script><img src=x onerror="alert(1)"> "quote" \u2028' for row in rows)


def test_an_agreement_and_the_lessons_are_searched_too() -> None:
    """Words only in ``afspraak`` or ``lessen`` (fields added in #13) find the example."""
    catalog = copy.deepcopy(load_catalog())  # the loaded catalog is cached: never change it
    record = catalog.records[0]
    record.data["afspraak"] = "Een afspraak over zeldzaamwoordeen."
    record.data["lessen"] = [
        {"tekst": "Een les over zeldzaamwoordtwee.", "tekst_en": "A lesson about rareenglishword."}
    ]
    for lang, word in (("nl", "zeldzaamwoordeen"), ("nl", "zeldzaamwoordtwee"), ("en", "rareenglishword")):
        docs = zoekindex.documents(catalog, lang)
        index = zoekindex.postings(docs, lang)
        number = next(i for i, d in enumerate(docs) if d.view and d.view.id == record.id)
        assert [n for n, _ in index[stem(word, lang)]] == [number], (lang, word)
