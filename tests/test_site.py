"""Whole-site tests on the real build: chapters, home page, language, privacy, 404,
and the example pages generated from data/.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, Build
from records import Catalog, load_catalog
from render import records_for_factor

FACTORS = load_catalog(ROOT / "data").vocab.factoren
CHAPTERS = {
    "": "Wonen, een stevige basis voor gezondheid",
    "waarom-wonen-en-gezondheid/": "Waarom wonen en gezondheid",
    "integrale-aanpak/": "Integrale aanpak in de wijk",
    "samenwerken-en-prestatieafspraken/": "Samenwerken en prestatieafspraken",
    "over-dit-boek/": "Over dit boek",
    **{f"factoren/{slug}/": factor.nl for slug, factor in FACTORS.items()},
}


class _Page(HTMLParser):
    """Collects what the tests look at: h1, title, lang, links, resources, scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.h1 = ""
        self.title = ""
        self.lang = ""
        self.links: list[str] = []
        self.resources: list[str] = []
        self.scripts = 0
        self.handlers: list[str] = []
        self._in: str = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang") or ""
        if tag in {"h1", "title"}:
            self._in = tag
        if tag == "a" and a.get("href"):
            self.links.append(a["href"] or "")
        if tag in {"script", "img", "iframe", "source", "audio", "video"} and a.get("src"):
            self.resources.append(a["src"] or "")
        if tag == "link" and a.get("href") and a.get("rel") not in {"alternate", "canonical"}:
            self.resources.append(a["href"] or "")
        if tag == "script":
            self.scripts += 1
        self.handlers += [k for k in a if k.startswith("on")]

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = ""

    def handle_data(self, data: str) -> None:
        if self._in == "h1":
            self.h1 += data
        elif self._in == "title":
            self.title += data


@pytest.fixture(scope="module")
def catalog(site: Build) -> Catalog:
    """The records the site was built from (the project copy, not the working tree)."""
    return load_catalog(site.project / "data")


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def all_pages(site: Build) -> list[Path]:
    return sorted(site.site.rglob("*.html"))


def test_every_chapter_exists_with_its_title(site: Build) -> None:
    for url, title in CHAPTERS.items():
        page = parse(site.html(url))
        assert page.h1.replace("¶", "").strip() == title, url
        assert page.lang == "nl", url


def test_factor_chapters_follow_data_order_in_navigation() -> None:
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text().replace("!ENV", ""))["nav"]
    section = next(item["De vijf factoren"] for item in nav if isinstance(item, dict) and "De vijf factoren" in item)
    assert section == [f"factoren/{slug}.md" for slug in FACTORS]


def test_home_links_to_all_five_factor_chapters(site: Build) -> None:
    links = parse(site.html("")).links
    for slug in FACTORS:
        assert f"factoren/{slug}/" in links, slug
    assert any(link.startswith("voorbeelden/") for link in links)
    assert any(link.startswith("printen/") for link in links)


def test_no_resource_from_another_host(site: Build) -> None:
    for path in all_pages(site):
        page = parse(path.read_text(encoding="utf-8"))
        external = [r for r in page.resources if re.match(r"^(https?:)?//", r)]
        assert external == [], f"{path}: {external}"


def test_no_third_party_host_in_css_or_js_we_ship(site: Build) -> None:
    ours = list((site.site / "assets" / "stylesheets").glob("ib*.css")) + list(
        (site.site / "assets" / "javascripts").glob("ib*.js")
    )
    for path in ours:
        assert not re.search(r"https?://", path.read_text(encoding="utf-8")), path


def test_404_page_is_dutch(site: Build) -> None:
    page = parse(site.html("404.html"))
    assert page.lang == "nl"
    assert "Pagina niet gevonden" in page.h1


def test_every_record_has_its_page_in_both_languages(site: Build, catalog: Catalog) -> None:
    for record in catalog.records:
        nl = parse(site.html(f"voorbeelden/{record.id}/"))
        en = parse(site.html(f"en/voorbeelden/{record.id}/"))
        assert nl.h1.replace("¶", "").strip() == " ".join(record.get("titel").split())
        assert en.lang == "en" and nl.lang == "nl"


def test_each_factor_chapter_lists_exactly_its_examples(site: Build, catalog: Catalog) -> None:
    for slug in FACTORS:
        html = site.html(f"factoren/{slug}/")
        listed = set(re.findall(r'href="\.\./\.\./voorbeelden/([a-z0-9-]+)/"', html))
        expected = {r.id for r in records_for_factor(catalog, slug)}
        assert listed == expected, slug


def test_overview_lists_every_example_under_its_main_factor(site: Build, catalog: Catalog) -> None:
    html = site.html("voorbeelden/")
    for slug in FACTORS:
        section = html.split(f'data-ib-groep="{slug}"')[1].split("</section>")[0]
        listed = set(re.findall(r'<a href="([a-z0-9-]+)/"', section))
        assert listed == {r.id for r in catalog.records if r.main_factor == slug}, slug


def test_example_edit_link_opens_the_yaml_record(site: Build, catalog: Catalog) -> None:
    record = catalog.records[0]
    html = site.html(f"voorbeelden/{record.id}/")
    assert f"/edit/main/data/voorbeelden/{record.id}.yml" in html


def test_example_page_shows_the_facts_block(site: Build, catalog: Catalog) -> None:
    record = next(r for r in catalog.records if r.id == "budgetcoaching-talis-nijmegen")
    html = site.html(f"voorbeelden/{record.id}/")
    block = html.split('class="ib-kenmerken"')[1].split("</div>")[0]
    for text in (
        "Inkomens- en bestaanszekerheid",
        "Talis (Woningcorporatie)",
        "Nijmegen, Gelderland",
        "Laatst gecontroleerd",
        "2026-11-27",
    ):
        assert text in block
    assert 'href="https://nijmegenleeft.nl/budgetcoaching-krijgt-vervolg/"' in html


def test_example_pages_end_with_related_examples(site: Build, catalog: Catalog) -> None:
    for record in catalog.records[:10]:
        html = site.html(f"voorbeelden/{record.id}/")
        related = html.split('id="meer-voorbeelden-zoals-dit"')[1]
        links = re.findall(r'<li class="ib-item"><a href="\.\./([a-z0-9-]+)/"', related)
        assert 1 <= len(links) <= 3 and record.id not in links, record.id
