"""One stemmer in two languages: scripts/stemming.py (Python, builds the index) and
overrides/assets/javascripts/ib-stam.js (the browser, stems what the reader types)
must cut every word the same way, or a search silently misses.

The comparison runs the JavaScript in Debian's Chromium over every word of the
real collection (records and chapters) and over 20,000 generated strings built
from the letters and endings the Dutch rules look at. The generated strings are
synthetic on purpose: they reach rule combinations real text rarely has.
"""

from __future__ import annotations

import json
import random

import pytest
from conftest import ROOT
from inspiratieboek.search.stemming import english_stem, fold, stem, stems, words

pytestmark = pytest.mark.browser

STAM_JS = ROOT / "overrides" / "assets" / "javascripts" / "ib-stam.js"
PIECES = [
    "a",
    "e",
    "i",
    "o",
    "u",
    "y",
    "è",
    "ij",
    "aa",
    "ee",
    "oo",
    "uu",
    "ie",
    "yi",
    "iy",
    "b",
    "c",
    "d",
    "g",
    "h",
    "j",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "w",
    "z",
    "kk",
    "dd",
    "tt",
    "gem",
    "heid",
    "heden",
    "en",
    "ene",
    "se",
    "s",
    "e",
    "end",
    "ing",
    "ig",
    "lijk",
    "baar",
    "bar",
    "ä",
    "é",
    "ï",
    "ö",
    "ü",
    "á",
]


def corpus_words() -> list[str]:
    found: set[str] = set()
    for folder, pattern in (("data", "*.yml"), ("docs", "*.md")):
        for path in (ROOT / folder).rglob(pattern):
            found.update(words(path.read_text(encoding="utf-8")))
    return sorted(found)


def generated_words(count: int = 20_000, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    made: set[str] = set()
    while len(made) < count:
        made.add("".join(rng.choice(PIECES) for _ in range(rng.randint(1, 7))))
    return sorted(made)


@pytest.fixture(scope="module")
def stam(browser: object, tmp_path_factory: pytest.TempPathFactory) -> object:
    """A blank page with ib-stam.js loaded."""
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!doctype html><title>stam</title>")
    page.add_script_tag(path=str(STAM_JS))
    yield page
    context.close()


def js_stems(page: object, items: list[str], lang: str) -> list[str]:
    return page.evaluate("([items, lang]) => items.map((w) => window.ibStam.stem(w, lang))", [items, lang])


# --- Python side: the forms the issue names -----------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("schulden", "schuld"),
        ("wandeling", "wandelen"),
        ("huurachterstanden", "huurachterstand"),
        ("woningen", "woning"),
        ("mogelijkheden", "mogelijkheid"),
    ],
)
def test_dutch_word_forms_share_a_stem(a: str, b: str) -> None:
    assert stem(a, "nl") == stem(b, "nl")


def test_english_plurals_share_a_stem() -> None:
    assert [english_stem(w) for w in ("debts", "houses", "communities", "loneliness", "bus")] == [
        "debt",
        "house",
        "community",
        "loneliness",
        "bus",
    ]


def test_folding_drops_case_and_accents_and_words_skip_single_letters() -> None:
    assert fold("Café ÉÉN Reünie") == "cafe een reunie"
    assert words("Buddy's in 's-Hertogenbosch, 2024!") == ["buddy", "in", "hertogenbosch", "2024"]
    assert stems("Schulden, schuld", "nl") == ["schuld", "schuld"]


# --- Python and the browser give the same stems ---------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_browser_stems_every_word_of_the_collection_like_python(stam: object, lang: str) -> None:
    items = corpus_words()
    assert len(items) > 3000, "the records and chapters should give thousands of words"
    assert js_stems(stam, items, lang) == [stem(w, lang) for w in items]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_browser_stems_generated_strings_like_python(stam: object, lang: str) -> None:
    items = generated_words()
    # Unfolded on purpose: the stemmer itself must also agree on accents and i/y rules.
    assert js_stems(stam, items, lang) == [stem(w, lang) for w in items]


def test_browser_splits_text_into_the_same_words(stam: object) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "voorbeelden").glob("*.yml"))[:40]]
    texts.append("Ĳzer, ÇA VA? naïef — co-creatie; 3e ronde: 50% · Straße ½ ² ١٢٣")
    got = json.loads(stam.evaluate("(texts) => JSON.stringify(texts.map((t) => window.ibStam.words(t)))", texts))
    assert got == [words(t) for t in texts]


def test_the_generated_strings_reach_every_dutch_rule() -> None:
    """Guard for the test above: the strings must exercise each suffix rule."""
    items = generated_words()
    changed = {w for w in items if stem(fold(w), "nl") != fold(w)}
    for ending in ("heden", "en", "s", "e", "heid", "end", "ing", "ig", "lijk", "baar", "bare"):
        assert any(fold(w).endswith(ending) for w in changed), ending
