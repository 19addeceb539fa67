"""Search without a browser: the form (search/search.py), the header box
(search/searchbox.py, partials/header.html) and what the real build writes for
them (the index itself: test_zoekindex.py).

The browser tests (test_search_browser.py) check what a reader sees; these check
the data those rest on, so a failure points at the step that broke.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, Build
from inspiratieboek.data.records import Catalog, load_catalog
from inspiratieboek.search import searchbox
from inspiratieboek.site import searchform
from inspiratieboek.site.labels import label


@pytest.fixture(scope="module")
def catalog(site: Build) -> Catalog:
    """The records the site was built from (the project copy)."""
    return load_catalog(site.project / "data")


# --- Pure functions ------------------------------------------------------------------


def test_form_lists_every_value_of_every_vocabulary_in_the_page_language() -> None:
    catalog = load_catalog()
    for lang in ("nl", "en"):
        form = searchform.search_form(catalog, lang)
        assert [k["param"] for k in form["kinds"]] == [
            "factor",
            "thema",
            "doelgroep",
            "organisatie",
            "provincie",
            "soort",
            "status",
            "resultaat",
        ]
        factor = form["kinds"][0]
        assert factor["label"] == label(lang)["search_factor"]
        assert [o["slug"] for o in factor["options"]] == list(catalog.vocab.factoren)
        assert [o["name"] for o in factor["options"]] == [f.name(lang) for f in catalog.vocab.factoren.values()]
        province = next(k for k in form["kinds"] if k["param"] == "provincie")
        assert {o["slug"]: o["name"] for o in province["options"]} == {
            slug: term.name(lang) for slug, term in catalog.vocab.provincies.items()
        }
        # Issue #13: kind of example, status and kind of result are filters too.
        for param, vocab in (
            ("soort", "soorten_voorbeeld"),
            ("status", "statussen"),
            ("resultaat", "resultaatsoorten"),
        ):
            kind = next(k for k in form["kinds"] if k["param"] == param)
            assert [o["slug"] for o in kind["options"]] == list(catalog.vocab.by_name(vocab))


def test_search_labels_exist_in_both_languages_and_differ() -> None:
    keys = [k for k in label("nl") if k.startswith("search_")]
    assert len(keys) >= 20
    for key in keys:
        assert label("en")[key], key
    assert label("nl")["search_no_results"] == (
        "Geen voorbeelden gevonden. Haal een filter weg of zoek op een ander woord."
    )
    assert label("nl")["search_label"] != label("en")["search_label"]


def test_box_labels_exist_in_both_languages_and_differ() -> None:
    keys = [k for k in label("nl") if k.startswith(("box_", "results_"))]
    assert len(keys) >= 10
    for key in keys:
        assert label("en")[key] and label("en")[key] != label("nl")[key], key
    assert set(searchbox.BOX_KEYS) <= set(label("nl"))


def test_box_sends_each_language_to_its_own_results_page() -> None:
    nl, en = searchbox.box_context("nl", "nl"), searchbox.box_context("en", "nl")
    assert (nl["action"], en["action"]) == ("zoeken/", "en/zoeken/")
    assert nl["param"] == en["param"] == "zoek"
    assert (nl["lang"], en["lang"]) == ("nl", "en")
    assert nl["labels"]["box_label"] == "Zoek in het boek" and en["labels"]["box_label"] == "Search the book"


def test_header_partial_is_materials_with_only_the_search_replaced() -> None:
    """overrides/partials/header.html is a copy: an upgrade of Material that changes
    its header anywhere else must fail here, so the copy is renewed."""
    import material

    theirs = (Path(material.__file__).parent / "templates" / "partials" / "header.html").read_text(encoding="utf-8")
    ours = (ROOT / "overrides" / "partials" / "header.html").read_text(encoding="utf-8")
    search_block = re.compile(
        r'    \{% if "material/search" in config\.plugins %\}.*?\{% endif %\}\n    \{% endif %\}\n', re.S
    )
    box = re.compile(r"    \{#- ib:.*?-#\}\n    \{% include \"partials/ib-zoekvak\.html\" %\}\n", re.S)
    first_comment = re.compile(r"^\{#-.*?-#\}\n", re.S)
    assert search_block.search(theirs) and box.search(ours)
    assert first_comment.sub("", box.sub("", ours)) == first_comment.sub("", search_block.sub("", theirs))


# --- The real build ------------------------------------------------------------------


def test_materials_search_is_gone_and_every_page_has_the_box(site: Build) -> None:
    assert not (site.site / "search" / "search_index.json").exists()
    assert not (site.site / "en" / "search").exists()
    for url, action, lang in (
        ("", "zoeken/", "nl"),
        ("factoren/zorg/", "../../zoeken/", "nl"),
        ("en/factoren/zorg/", "../../zoeken/", "en"),
        ("404.html", "/zoeken/", "nl"),
        ("en/404.html", "/en/zoeken/", "en"),
    ):
        html = site.html(url)
        assert "md-search" not in html and "search_index" not in html, url
        form = re.search(r'<form class="ib-zoekvak"[^>]*>', html).group(0)
        assert f'action="{action}"' in form and 'method="get"' in form and f'data-ib-taal="{lang}"' in form, url
        assert '<input class="ib-zoekvak__veld" type="search" id="ib-zoekvak-veld" name="zoek"' in html, url
        assert re.search(r'<label class="ib-verborgen" for="ib-zoekvak-veld">[^<]+</label>', html), url
        assert "ib-zoekvak.js" in html and "ib-zoekindex.js" in html, url


@pytest.mark.parametrize(("prefix", "lang"), [("", "nl"), ("en/", "en")])
def test_results_page_explains_search_needs_javascript_and_links_the_lists(site: Build, prefix: str, lang: str) -> None:
    html = site.html(f"{prefix}zoeken/")
    no_js = html.split('class="admonition ib-zonder-js"')[1].split("</div>")[0]
    assert ("werkt alleen met JavaScript" if lang == "nl" else "Search needs JavaScript") in no_js
    for target in ("../voorbeelden/", "../integrale-aanpak/", "../trefwoorden/"):
        assert f'href="{target}"' in no_js, target
    assert 'data-ib-soort="pagina"' in html and "data-ib-hoofdstukkenlijst" in html
    assert label(lang)["results_heading"] in html
    assert "ib-zoeken.js" in html


def test_overview_form_is_hidden_until_javascript_and_labelled(site: Build, catalog: Catalog) -> None:
    for prefix, lang in (("", "nl"), ("en/", "en")):
        html = site.html(f"{prefix}voorbeelden/")
        t = label(lang)
        box = html.split("data-ib-zoeker")[1].split("data-ib-lijst")[0]
        assert box.startswith(' data-ib-soort="overzicht" hidden>')
        assert f'<label for="ib-zoek">{t["search_label"]}</label>' in box
        assert 'name="zoek"' in box and 'name="q"' not in box
        for kind in searchform.FILTER_KINDS:
            assert f'<details class="ib-filter" data-ib-filter="{kind.param}">' in box
            assert f'<legend class="ib-verborgen">{t[kind.label_key]}</legend>' in box
            assert f'<input type="checkbox" name="{kind.param}" value=' in box
        assert '<select id="ib-sorteer" name="sorteer">' in box and t["sort_newest"] in box
        assert 'role="status"' in box
        assert t["search_no_results"] in box
        assert "ib-zoeken.js" in html
    assert "ib-zoeken.js" not in site.html("factoren/zorg/")
