"""Issue #15: chapters that move a reader to act.

On the real built site (the shared ``site`` fixture): every factor chapter says how
to start, in both languages; the glossary page defines every term; chapters mark
glossary terms with ``<abbr>`` in the page's language, first use only; and no page
repeats the seed text (the original book's introduction) eight words at a time.
The glossary module and the seed check are also tested on small inputs of their own,
so each check is seen to fail on what it should catch.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from conftest import ROOT, Build
from inspiratieboek.data.records import load_catalog
from inspiratieboek.site import begrippen
from seed_fingerprints import (
    BOOK_TITLE,
    FINGERPRINTS,
    SEEDS,
    committed_runs,
    copied_runs,
    seed_runs,
    seed_text,
    words,
)

FACTORS = list(load_catalog(ROOT / "data").vocab.factoren)
HOW_TO_START = {"nl": "Zo begin je", "en": "How to start"}
PREFIX = {"nl": "", "en": "en/"}


# --- Helpers ---------------------------------------------------------------------------


def article(html: str) -> str:
    """The page's main content (Material's ``<article>``), without the edit link."""
    return html.split("<article", 1)[1].split("</article>", 1)[0]


def section(html: str, heading: str) -> str | None:
    """The HTML from an ``<h2>`` whose text starts with ``heading`` up to the next ``<h2>``."""
    parts = re.split(r"(<h2[^>]*>.*?</h2>)", article(html), flags=re.S)
    for i, part in enumerate(parts):
        if part.startswith("<h2") and text_of(part).startswith(heading):
            return parts[i + 1] if i + 1 < len(parts) else ""
    return None


def web_links(html: str) -> set[str]:
    return {unescape(u) for u in re.findall(r'href="(https?://[^"]+)"', article(html))}


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).replace("¶", " ").split())


# --- Factor chapters: how to start --------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("slug", FACTORS)
def test_factor_chapter_says_how_to_start_with_steps_and_an_example(site: Build, slug: str, lang: str) -> None:
    html = site.html(f"{PREFIX[lang]}factoren/{slug}/")
    part = section(html, HOW_TO_START[lang])
    assert part is not None, f"{lang} factoren/{slug}: geen kop '{HOW_TO_START[lang]}'"
    first_list = re.search(r"<(ol|ul)\b[^>]*>(.*?)</\1>", part, re.S)
    assert first_list, f"{lang} factoren/{slug}: '{HOW_TO_START[lang]}' heeft geen lijst met stappen"
    steps = re.findall(r"<li\b", first_list.group(2))
    assert len(steps) >= 3, f"{lang} factoren/{slug}: {len(steps)} stappen (minstens 3)"
    examples = [h for h in re.findall(r'href="([^"]+)"', part) if re.search(r"voorbeelden/(?!factor/)[a-z0-9-]+/", h)]
    assert examples, f"{lang} factoren/{slug}: '{HOW_TO_START[lang]}' linkt naar geen enkel voorbeeld"


# --- Measuring ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_measuring_chapter_names_its_sources_and_they_are_on_the_sources_page(site: Build, lang: str) -> None:
    """'Meten wat werkt' is a general chapter: its sources are on Bronnen too (as for
    the three chapters tests/test_site.py checks)."""
    cited = {u for u in web_links(site.html(f"{PREFIX[lang]}meten/")) if "/edit/" not in u}
    listed = web_links(site.html(f"{PREFIX[lang]}bronnen/"))
    assert len(cited) >= 10, cited
    assert cited <= listed, sorted(cited - listed)
    for heading in {"nl": ("Zo begin je", "Welke cijfers passen bij welke factor?"), "en": ("How to start",)}[lang]:
        assert section(site.html(f"{PREFIX[lang]}meten/"), heading) is not None, heading


# --- Glossary ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_glossary_page_defines_every_term(site: Build, lang: str) -> None:
    terms = begrippen.load_terms(site.project / "data" / "begrippen.yml")
    assert len(terms) >= 15
    html = article(site.html(f"{PREFIX[lang]}begrippen/"))
    for term in terms:
        entry = re.search(rf'<dt id="{term.id}">(.*?)</dt>\s*<dd>(.*?)</dd>', html, re.S)
        assert entry, f"{lang}: begrip '{term.id}' staat niet op de pagina Begrippen"
        assert unescape(entry.group(1)) == term.name[lang]
        assert len(words(unescape(entry.group(2)))) >= 3, f"{lang}: begrip '{term.id}' heeft geen uitleg"
        assert unescape(entry.group(2)) == term.meaning[lang]
    assert "<abbr" not in html, "de pagina Begrippen zelf heeft geen tooltips nodig"


def test_glossary_names_the_terms_the_writing_guide_and_issue_ask_for() -> None:
    ids = {t.id for t in begrippen.load_terms(ROOT / "data" / "begrippen.yml")}
    wanted = {"prestatieafspraken", "leefbaarheid", "vroegsignalering", "daeb", "ggd", "sociaal-domein"}
    wanted |= {"schuldhulpverlening", "pharos", "who", "gala", "positieve-gezondheid", "woningwet"}
    wanted |= {"huurdersorganisatie", "woningcorporatie", "housing-first", "social-return", "energiearmoede"}
    assert wanted <= ids, sorted(wanted - ids)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_chapter_marks_glossary_terms_in_its_own_language_first_use_only(site: Build, lang: str) -> None:
    terms = begrippen.load_terms(site.project / "data" / "begrippen.yml")
    own = {t.meaning[lang] for t in terms}
    other = {t.meaning["en" if lang == "nl" else "nl"] for t in terms} - own
    html = article(site.html(f"{PREFIX[lang]}waarom-wonen-en-gezondheid/"))
    titles = [unescape(t) for t in re.findall(r'<abbr title="([^"]*)" tabindex="0">', html)]
    assert titles, f"{lang}: geen <abbr title=...> in het hoofdstuk"
    assert set(titles) <= own, f"{lang}: tooltip in de verkeerde taal: {set(titles) - own}"
    assert not set(titles) & other
    assert len(titles) == len(set(titles)), "elk begrip krijgt alleen bij het eerste gebruik een tooltip"
    assert html.count("<abbr") == len(titles), "elke <abbr> is met Tab bereikbaar (tabindex=0)"
    for zone in re.findall(r"<(h[1-6]|a)\b[^>]*>.*?</\1>", html, re.S):
        assert "<abbr" not in zone, "geen tooltip in een kop of link"


def test_first_use_only_keeps_one_reachable_abbr_per_meaning_outside_headings_and_links() -> None:
    html = (
        '<h1><abbr title="A">GGD</abbr></h1><p><a href="x"><abbr title="A">GGD</abbr></a> en '
        '<abbr title="A">GGD</abbr>, <abbr title="B">WHO</abbr> en weer <abbr title="A">GGD</abbr>.</p>'
    )
    assert begrippen.first_use_only(html) == (
        '<h1>GGD</h1><p><a href="x">GGD</a> en <abbr title="A" tabindex="0">GGD</abbr>, '
        '<abbr title="B" tabindex="0">WHO</abbr> en weer GGD.</p>'
    )


def test_glossary_file_problems_are_listed_with_entry_and_field(tmp_path: Path) -> None:
    path = tmp_path / "begrippen.yml"
    path.write_text(
        "- id: x\n  nl: {term: x, vormen: [x], uitleg: Een uitleg.}\n  en: {term: x, vormen: [x]}\n"
        "- id: x\n  nl: {term: y, vormen: [y], uitleg: Nog een.}\n  en: {term: y, vormen: [y], uitleg: One.}\n",
        encoding="utf-8",
    )
    with pytest.raises(begrippen.GlossaryError) as error:
        begrippen.load_terms(path)
    assert "begrippen.yml:3: x.en.uitleg: ontbreekt of is leeg (dit veld is verplicht)" in str(error.value)
    assert "begrippen.yml:4: x.id: id 'x' staat ook bij het begrip op regel 1 (geef elk begrip een eigen id)" in str(
        error.value
    )


def test_pages_build_without_a_glossary_file(tmp_path: Path) -> None:
    missing = tmp_path / "begrippen.yml"
    assert begrippen.prepare_markdown("# T\n\nTekst.\n", "nl", missing) == "# T\n\nTekst.\n"
    assert begrippen.GLOSSARY_MARKER not in begrippen.prepare_markdown("<!-- begrippen -->\n", "nl", missing)


# --- Seed text -----------------------------------------------------------------------------


def _seed_runs() -> set[str]:
    """The seed's runs: from the committed fingerprints, checked against the seed
    text itself where this machine has it (never skipped: CI has only the file)."""
    runs = committed_runs()
    assert len(runs) > 300, f"{FINGERPRINTS}: te weinig vingerafdrukken ({len(runs)})"
    text = seed_text()
    if text is not None:
        assert runs == seed_runs(text), (
            f"{FINGERPRINTS} hoort niet meer bij de brontekst in {SEEDS}: "
            ".venv/bin/python tests/seed_fingerprints.py schrijft het opnieuw"
        )
    return runs


def reading_text(html: str) -> str:
    """A page's main text without form controls and scripts: the overview's factor
    filter (a fieldset of checkboxes) lists the five factor names one after the
    other, which is not prose."""
    body = re.sub(r"<(fieldset|select|script|style|template)\b.*?</\1>", " ", article(html), flags=re.S)
    return text_of(body)


def test_no_page_repeats_eight_words_of_the_seed_text(site: Build) -> None:
    runs = _seed_runs()
    copied = {}
    for path in sorted(site.site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        if "<article" not in html:
            continue
        found = copied_runs(reading_text(html), runs)
        if found:
            copied[str(path.relative_to(site.site))] = sorted(set(found))
    assert not copied, f"tekst letterlijk uit het oorspronkelijke boek: {copied}"


def test_seed_check_finds_a_copied_sentence_but_allows_the_cited_title() -> None:
    seed = f"{BOOK_TITLE}\n\nIn deze wijken wonen veel mensen met een laag inkomen en weinig geld."
    runs = seed_runs(seed)
    cited = f"Zie {BOOK_TITLE} in de kennisbank."
    assert copied_runs(cited, runs) == []
    copied = "Let op: in deze wijken wonen veel mensen met een laag inkomen, zegt men."
    assert copied_runs(copied, runs) == [
        "in deze wijken wonen veel mensen met een",
        "deze wijken wonen veel mensen met een laag",
        "wijken wonen veel mensen met een laag inkomen",
    ]
    assert copied_runs("In deze wijken wonen mensen met weinig geld.", runs) == []
