"""Whole-site tests on the real build: chapters, home page, language, privacy, 404,
and the example pages generated from data/.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from html import escape, unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import ENV, ROOT, Build, copy_project, fixture_records
from inspiratieboek.data.records import Catalog, load_catalog
from inspiratieboek.site import afsprakenmaker
from inspiratieboek.site.generate import generate
from inspiratieboek.site.render import LIST_LIMIT, OVERVIEW_LIMIT, OVERVIEW_PER_FACTOR, records_for_factor, sort_key

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
        html = site.html(f"factoren/{slug}/").split('class="ib-lijst ib-lijst--factor"', 1)[1].split("</ul>")[0]
        listed = set(re.findall(r'href="\.\./\.\./voorbeelden/([a-z0-9-]+)/"', html))
        expected = {r.id for r in records_for_factor(catalog, slug)[:LIST_LIMIT]}
        assert listed == expected, slug


def test_factor_chapter_list_shows_title_place_and_one_line_summary(site: Build, catalog: Catalog) -> None:
    for slug in FACTORS:
        # The chapter's example list, not the links in its text ("Zo begin je" links examples too).
        html = site.html(f"factoren/{slug}/").split('class="ib-lijst ib-lijst--factor"', 1)[1]
        for record in records_for_factor(catalog, slug)[:LIST_LIMIT]:
            item = html.split(f'<a href="../../voorbeelden/{record.id}/">', 1)[1].split("</li>", 1)[0]
            title, rest = item.split("</a>", 1)
            assert unescape(title) == " ".join(record.get("titel").split()), record.id
            assert f'<span class="ib-item__plaats">{record.get("plaats")}</span>' in unescape(rest), record.id
            line = unescape(rest.split('<span class="ib-item__tekst">', 1)[1].split("</span>", 1)[0])
            summary = " ".join(record.get("samenvatting").split())
            assert line and summary.startswith(line), record.id


def test_overview_lists_the_examples_under_their_main_factor(site: Build, catalog: Catalog) -> None:
    """Every example up to OVERVIEW_LIMIT; past it the first OVERVIEW_PER_FACTOR of each factor
    in title order, and a link to the factor's full index."""
    html = site.html("voorbeelden/")
    shortened = len(catalog.records) > OVERVIEW_LIMIT
    for slug in FACTORS:
        section = html.split(f'data-ib-groep="{slug}"')[1].split("</section>")[0]
        listed = set(re.findall(r'<a href="([a-z0-9-]+)/"', section))
        expected = sorted((r for r in catalog.records if r.main_factor == slug), key=sort_key)
        if shortened:
            expected = expected[:OVERVIEW_PER_FACTOR]
            assert f'href="factor/{slug}/"' in section, slug
        assert listed == {r.id for r in expected}, slug


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
        "Talis (Woningcorporatie, initiatiefnemer)",
        "Nijmegen, Gelderland",
        "Laatst gecontroleerd",
        "<dt>Soort voorbeeld</dt>\n<dd>Project of aanpak</dd>",
        '<dt>Resultaat</dt>\n<dd><a href="#resultaten">Gemeten effect</a></dd>',
        record.get("laatst_gecontroleerd").isoformat(),
    ):
        assert text in block
    assert 'href="https://nijmegenleeft.nl/budgetcoaching-krijgt-vervolg/"' in html


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_example_answers_what_kind_whether_it_runs_what_result_and_whom_to_ask(
    site: Build, catalog: Catalog, lang: str
) -> None:
    """Issue #13: the facts box names kind, status and result kind in the page's language,
    links the contact page, and the lessons section shows each lesson with its origin."""
    vocab = catalog.vocab
    prefix = "en/" if lang == "en" else ""
    for record in catalog.records:
        html = site.html(f"{prefix}voorbeelden/{record.id}/")
        block = unescape(html.split('class="ib-kenmerken"')[1].split("</div>")[0])
        assert vocab.soorten_voorbeeld[record.get("soort_voorbeeld")].name(lang) in block, record.id
        assert vocab.statussen[record.get("status")].name(lang) in block, record.id
        assert vocab.resultaatsoorten[record.get("resultaat_soort")].name(lang) in block, record.id
        if contact := record.get("contact"):
            assert f'href="{contact["url"]}" class="ib-contact"' in block, record.id
        lessons = html.split('<ul class="ib-lessen">')[1].split("</ul>")[0]
        assert lessons.count('<li class="ib-les') == len(record.get("lessen")), record.id
        for item in record.get("lessen"):
            origin = vocab.herkomsten[item["herkomst"]].name(lang).lower()
            assert f'class="ib-les ib-les--{item["herkomst"]}"' in lessons and origin in unescape(lessons), record.id
        if record.get("soort_voorbeeld") == "afspraak":
            assert 'class="ib-tekst ib-afspraak"' in html, record.id


def test_example_pages_end_with_related_examples(site: Build, catalog: Catalog) -> None:
    for record in catalog.records[:10]:
        html = site.html(f"voorbeelden/{record.id}/")
        related = html.split('id="meer-voorbeelden-zoals-dit"')[1]
        links = re.findall(r'<li class="ib-item"><a href="\.\./([a-z0-9-]+)/"', related)
        assert 1 <= len(links) <= 3 and record.id not in links, record.id


FACTOR_SECTIONS = {
    "nl": ["Waarom", "Wat een woningcorporatie kan doen", "Wat je afspreekt met gemeente en partners", "Valkuilen"],
    "en": ["Why", "What a housing association can do", "What you agree with the municipality and partners", "Pitfalls"],
}
EXAMPLES_SECTION = {"nl": "Voorbeelden uit de praktijk", "en": "Examples from practice"}


def h2s(html: str) -> list[str]:
    return [
        unescape(re.sub(r"<[^>]+>", "", h)).replace("¶", "").strip()
        for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html, re.S)
    ]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_factor_chapters_have_every_part_the_issue_names(site: Build, catalog: Catalog, lang: str) -> None:
    """Issue #2: why it matters, levers, what to agree, pitfalls, then the examples."""
    prefix = "" if lang == "nl" else "en/"
    for slug in FACTORS:
        html = site.html(f"{prefix}factoren/{slug}/")
        headings = h2s(html)
        assert len(headings) >= len(FACTOR_SECTIONS[lang]) + 1, (slug, lang, headings)
        for start, heading in zip(FACTOR_SECTIONS[lang], headings, strict=False):
            assert heading.startswith(start), (slug, lang, headings)
        assert EXAMPLES_SECTION[lang] in headings, (slug, lang, headings)
        listed = html.split(EXAMPLES_SECTION[lang], 1)[1]
        shown = records_for_factor(catalog, slug)[:LIST_LIMIT]
        assert all(f"voorbeelden/{r.id}/" in listed for r in shown), (slug, lang)


def external_sources(html: str) -> set[str]:
    """Web links in a page's article, without the edit link."""
    article = html.split("<article", 1)[1].split("</article>", 1)[0]
    return {link for link in parse(article).links if link.startswith("http") and "/edit/" not in link}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_source_of_a_general_chapter_is_on_the_sources_page(site: Build, lang: str) -> None:
    """The sources page says it lists every source of the general chapters and of
    'Over dit boek'; a chapter citing a new source must add it there too."""
    prefix = "" if lang == "nl" else "en/"
    listed = external_sources(site.html(f"{prefix}bronnen/"))
    for chapter in ("waarom-wonen-en-gezondheid", "integrale-aanpak", "samenwerken-en-prestatieafspraken"):
        cited = external_sources(site.html(f"{prefix}{chapter}/"))
        assert cited, chapter
        assert cited <= listed, (chapter, sorted(cited - listed))
    assert external_sources(site.html(f"{prefix}over-dit-boek/")) <= listed


def test_chapter_edit_links_open_their_markdown_source(site: Build) -> None:
    for url in CHAPTERS:
        name = url.strip("/") or "index"
        assert f'/edit/main/docs/{name}.md"' in site.html(url), url
        assert f'/edit/main/docs/{name}.en.md"' in site.html(f"en/{url}"), url


def test_no_page_carries_an_event_handler_or_javascript_link(site: Build) -> None:
    """No injected markup survives anywhere in the built site (records are escaped)."""
    for path in all_pages(site):
        page = parse(path.read_text(encoding="utf-8"))
        assert page.handlers == [], f"{path}: {page.handlers}"
        assert not [link for link in page.links if link.strip().lower().startswith("javascript:")], path


def test_no_page_shows_a_python_object_instead_of_a_text(site: Build) -> None:
    """A template that asks a dict for a key named like one of its methods (``t.copy``)
    gets the method: the page then showed "<built-in method copy of dict object at 0x...>"
    on the Afsprakenmaker's buttons (found 2026-12-04)."""
    leaks = re.compile(r"built-in method|bound method|object at 0x[0-9a-f]+|<function ")
    found = [
        f"{p.relative_to(site.site)}: {m.group()}"
        for p in all_pages(site)
        for m in [leaks.search(unescape(p.read_text(encoding="utf-8")))]
        if m
    ]
    assert found == []
    for lang, prefix in (("nl", ""), ("en", "en/")):
        buttons = dict(re.findall(r'data-ib-actie="(\w+)">([^<]+)</button>', site.html(f"{prefix}afsprakenmaker/")))
        assert buttons["tekst"] == escape(afsprakenmaker.label(lang)["copy"]), lang
        assert buttons["wissen"] == escape(afsprakenmaker.label(lang)["clear"]), lang


def test_example_facts_block_shows_the_period_when_known(site: Build, catalog: Catalog) -> None:
    running = next(r for r in catalog.records if r.get("startjaar") and not r.get("eindjaar"))
    ended = next(r for r in catalog.records if r.get("startjaar") and r.get("eindjaar"))
    without = next(r for r in catalog.records if not r.get("startjaar") and not r.get("eindjaar"))

    def block(record_id: str) -> str:
        return site.html(f"voorbeelden/{record_id}/").split('class="ib-kenmerken"')[1].split("</div>")[0]

    assert f"<dt>Looptijd</dt>\n<dd>sinds {running.get('startjaar')}</dd>" in block(running.id)
    assert f"<dt>Looptijd</dt>\n<dd>{ended.get('startjaar')} – {ended.get('eindjaar')}</dd>" in block(ended.id)
    assert "Looptijd" not in block(without.id)


# --- Generated pages: git-ignored, rewritten only when changed, live in serve ------------


def test_generated_pages_are_git_ignored() -> None:
    paths = ["docs/voorbeelden/een-voorbeeld.md", "docs/voorbeelden/index.en.md"]
    result = subprocess.run(["git", "check-ignore", *paths], cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.split() == paths, "docs/voorbeelden/ must be in .gitignore"


def test_generated_pages_are_rewritten_only_when_their_text_changes(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", fixture_records("synthetisch-a", "synthetisch-b"))
    folder = project / "docs" / "voorbeelden"
    _, first = generate(project / "data", project / "docs")
    assert first.written > 0 and first.unchanged == 0
    stamps = {p: p.stat().st_mtime_ns for p in folder.rglob("*.md")}
    record = project / "data" / "voorbeelden" / "synthetisch-a.yml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("Een verzonnen aanpak", "Een verzonnen, net bewerkte aanpak"),
        encoding="utf-8",
    )
    _, second = generate(project / "data", project / "docs")
    changed = {p.name for p, stamp in stamps.items() if p.stat().st_mtime_ns != stamp}
    assert changed == {"synthetisch-a.md"}, changed
    assert (second.written, second.unchanged, second.removed) == (1, first.written - 1, 0)
    assert "net bewerkte aanpak" in (folder / "synthetisch-a.md").read_text(encoding="utf-8")
    record.unlink()
    _, third = generate(project / "data", project / "docs")
    assert third.removed == 2 and not (folder / "synthetisch-a.md").exists() and (folder / "synthetisch-b.md").exists()


def _wait_for(check: Callable[[], bool], seconds: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    raise AssertionError(f"{what} did not happen within {seconds} s; serve said:\n{log.read_text()[-3000:]}")


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def test_serve_shows_an_edited_record_live(tmp_path: Path) -> None:
    """Issue #3, 'done when': an editor changes a record while ``mkdocs serve`` runs
    and sees the change; a mistake shows as file:line: field: message."""
    project = copy_project(tmp_path / "p", fixture_records("synthetisch-a", "synthetisch-b"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tmp_path / "serve.log"
    url = f"http://127.0.0.1:{port}/voorbeelden/synthetisch-a/"
    record = project / "data" / "voorbeelden" / "synthetisch-a.yml"
    text = record.read_text(encoding="utf-8")
    with log.open("w") as out:
        serve = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=ENV,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_for(lambda: "Synthetisch voorbeeld A over schulden" in _fetch(url), 240, "first build", log)
            record.write_text(text.replace("provincie: utrecht", "provincie: nergens"), encoding="utf-8")
            message = "data/voorbeelden/synthetisch-a.yml:13: provincie: 'nergens' is geen bekende waarde"
            _wait_for(lambda: message in log.read_text(), 240, "the validator's message", log)
            record.write_text(text.replace("over schulden", "over schulden, net bewerkt"), encoding="utf-8")
            _wait_for(lambda: "Synthetisch voorbeeld A over schulden, net bewerkt" in _fetch(url), 240, "rebuild", log)
        finally:
            serve.terminate()
            serve.wait(timeout=30)


def test_no_script_file_holds_up_the_first_paint(site: Build) -> None:
    """Every script file is deferred, Material's bundle first."""
    for path in all_pages(site):
        tags = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", path.read_text(encoding="utf-8"))
        blocking = [tag for tag in tags if not re.search(r"\sdefer\b", tag)]
        deferred = [tag for tag in tags if tag not in blocking]
        assert not blocking, (path, blocking)
        assert deferred and re.search(r"/bundle\.[0-9a-f]+\.min\.js", deferred[0]), (path, deferred)
