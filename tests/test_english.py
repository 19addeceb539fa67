"""The English edition: every page has its counterpart, the switcher links both
ways, ``lang`` is right everywhere, no Dutch interface text on English pages, and
untranslated fields are marked as Dutch with a notice, exactly where they are missing.
"""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ENV, ROOT, Build, copy_project, data_folder, fixture_records, run_build
from inspiratieboek.editors.translations import summary, untranslated_chapters
from test_search_browser import SETTLED

DUTCH_UI_WORDS = [
    "Zoeken",
    "Ga naar inhoud",
    "Inhoudsopgave",
    "Wijzig deze pagina",
    "Vorige",
    "Volgende",
    "Laatst gecontroleerd",
    "Aanpak",
    "Resultaten",
    "Bronnen",
    "Meer voorbeelden",
    "Kenmerken",
    "Doelgroepen",
    "Thema's",
    "Organisaties",
    "Plaats",
    "Terug naar",
    "Printen",
    "Download als PDF",
    "Geen voorbeelden",
    "Trefwoorden",
    "Praktijkvoorbeelden",
    "hoofdfactor",
    "Woningcorporatie",
    "Welzijnsorganisatie",
    "Huurdersorganisatie",
    "Gemeente,",
    "Kopiëren",
    "Terug naar boven",
    # Search and filters (static form and what ib-zoeken.js writes)
    "Zoek een voorbeeld",
    "Filter op",
    "Alle factoren",
    "Wis zoekwoord",
    "voorbeelden gevonden",
    "voorbeeld gevonden",
    "Toon meer",
    # Print and PDF
    "Versie van",
    "Bron:",
]
NOTICE = "This text has not been translated into English yet."


class _Visible(HTMLParser):
    """Visible text and labelling attributes, minus anything marked lang="nl" and external link titles."""

    SKIP = frozenset({"script", "style", "svg"})

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.stack: list[tuple[str, bool]] = []

    @property
    def hidden(self) -> bool:
        return any(skip for _, skip in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in {"meta", "link", "br", "img", "input", "hr", "source"}:
            if tag == "input" and not self.hidden:
                self.parts += [a.get("placeholder") or "", a.get("aria-label") or ""]
            return
        # Titles of Dutch sources (external links) are names of documents, not interface text.
        external = tag == "a" and (a.get("href") or "").startswith("http")
        skip = tag in self.SKIP or a.get("lang") == "nl" or external
        self.stack.append((tag, skip))
        if not self.hidden:
            self.parts += [a.get("aria-label") or "", a.get("title") or ""]

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_english(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    text = " ".join(" ".join(parser.parts).split())
    return re.sub(r"https?://\S+", " ", text)  # printed source addresses are not interface text


def dutch_pages(site: Build) -> list[Path]:
    return [
        p
        for p in site.site.rglob("index.html")
        if p.relative_to(site.site).parts[0] not in {"en", "assets", "search", "pdf", "zoekindex"}
    ]


def test_no_chapter_is_left_untranslated(site: Build) -> None:
    assert untranslated_chapters(site.project / "docs") == []


def test_every_dutch_page_has_an_english_counterpart_and_switcher_links_both_ways(site: Build) -> None:
    pages = dutch_pages(site)
    assert len(pages) > 90
    for nl_path in pages:
        relative = nl_path.relative_to(site.site).parent.as_posix()
        url = "" if relative == "." else relative + "/"
        en_path = site.site / "en" / nl_path.relative_to(site.site)
        assert en_path.exists(), url
        nl_html, en_html = nl_path.read_text(encoding="utf-8"), en_path.read_text(encoding="utf-8")
        assert re.search(rf'href="[^"]*/en/{re.escape(url)}" hreflang="en"', nl_html), f"nl->en switcher: {url}"
        assert re.search(rf'href="[^"]*/{re.escape(url)}" hreflang="nl"', en_html), f"en->nl switcher: {url}"


def test_lang_attribute_on_every_page(site: Build) -> None:
    for path in site.site.rglob("*.html"):
        relative = path.relative_to(site.site).as_posix()
        expected = "en" if relative.startswith("en/") else "nl"
        assert f'<html lang="{expected}"' in path.read_text(encoding="utf-8")[:2000], relative


def test_english_404_page(site: Build) -> None:
    html = (site.site / "en" / "404.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in html and "Page not found" in html


@pytest.fixture(scope="module")
def english_texts(site: Build) -> dict[str, str]:
    """The visible text of every English page, by path: read once for all the words
    below (each word reading all pages again took 40 times 3 s)."""
    return {
        path.relative_to(site.site).as_posix(): visible_english(path.read_text(encoding="utf-8"))
        for path in sorted((site.site / "en").rglob("index.html"))
    }


@pytest.mark.parametrize("word", DUTCH_UI_WORDS)
def test_no_dutch_interface_words_on_english_pages(english_texts: dict[str, str], word: str) -> None:
    assert len(english_texts) > 90
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")
    offenders = [path for path, text in english_texts.items() if pattern.search(text)]
    assert offenders == [], f"'{word}' on {offenders[:5]}"


def test_untranslated_notice_only_where_a_field_is_missing(tmp_path: Path) -> None:
    # synthetisch-a has every English field; synthetisch-b has no aanpak_en.
    build = run_build(copy_project(tmp_path / "p", fixture_records("synthetisch-a", "synthetisch-b")))
    assert build.returncode == 0, build.output
    b_en = build.html("en/voorbeelden/synthetisch-b/")
    assert NOTICE in b_en
    assert re.search(r'<div class="ib-tekst" lang="nl">\s*<p>Alleen een Nederlandse aanpak\.</p>', b_en)
    assert "Synthetic example B about green space" in b_en
    for url in ("en/voorbeelden/synthetisch-a/", "voorbeelden/synthetisch-a/", "voorbeelden/synthetisch-b/"):
        assert NOTICE not in build.html(url), url
        assert 'class="ib-vertaling"' not in build.html(url), url


def test_untranslated_chapter_falls_back_to_dutch_marked_as_dutch(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", fixture_records("synthetisch-a", "synthetisch-b"))
    (project / "docs" / "printen.en.md").unlink()
    build = run_build(project)
    assert build.returncode == 0, build.output
    html = build.html("en/printen/")
    assert html.startswith('<!doctype html>\n<html lang="nl"') or '<html lang="nl"' in html[:200]
    assert "This page has not been translated into English yet." in html
    assert "This page has not been translated" not in build.html("en/over-dit-boek/")


# --- The editors' check -------------------------------------------------------------------


def test_check_lists_untranslated_fields_as_warnings_with_a_count(tmp_path: Path) -> None:
    # Given a data folder where synthetisch-b has a Dutch approach and no English one
    data = data_folder(tmp_path / "data", fixture_records("synthetisch-a", "synthetisch-b"))
    # When the editor runs the check
    command = [sys.executable, str(ROOT / "scripts" / "manage.py"), "--data", str(data), "check"]
    result = subprocess.run(command, env=ENV, capture_output=True, text=True, timeout=120)
    # Then the missing field is a warning naming file, line and field, counted in the summary
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    untranslated = [line for line in lines if ": waarschuwing: nog niet vertaald" in line]
    assert untranslated == [
        "data/voorbeelden/synthetisch-b.yml:18: aanpak_en: waarschuwing: nog niet vertaald"
        " (vul aanpak_en in; tot dan toont de Engelse site de Nederlandse tekst)"
    ]
    assert "Vertaling naar het Engels: 1 veld(en) en 0 hoofdstuk(ken) nog niet vertaald." in lines


def test_untranslated_chapters_are_listed_as_warnings(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "factoren").mkdir(parents=True)
    (docs / "voorbeelden").mkdir()
    for name in ("index.md", "index.en.md", "factoren/werk.md", "voorbeelden/x.md"):
        (docs / name).write_text("# x\n", encoding="utf-8")
    problems = untranslated_chapters(docs)
    assert [(p.path, p.field, p.warning) for p in problems] == [("docs/factoren/werk.md", "(hoofdstuk)", True)]
    assert "factoren/werk.en.md" in problems[0].message
    assert summary([], problems).startswith("Vertaling naar het Engels: 0 veld(en) en 1 hoofdstuk(ken)")


# --- Search and filters on the English overview, after the script has run ------------------


@pytest.mark.parametrize("query", ["factor=zorg", "zoek=debt", "factor=werk&zoek=xqzwv"])
def test_english_search_results_show_no_dutch_interface_words(page: object, base_url: str, query: str) -> None:
    # Given the English overview opened with a filter or a search (the script renders the results)
    page.goto(f"{base_url}en/voorbeelden/?{query}")
    page.wait_for_function(SETTLED)
    shown = page.locator("[data-ib-resultatenlijst] > li").count()
    status = page.inner_text("[data-ib-status]")
    assert ("examples found" in status or "example found" in status) if shown else "No examples found" in page.content()
    # Then what the script wrote is English too
    text = visible_english(page.content())
    found = [w for w in DUTCH_UI_WORDS if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]
    assert found == [], f"Dutch interface words after ?{query}: {found}"
