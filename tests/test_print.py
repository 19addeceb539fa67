"""Printing from the browser: what a reader gets with Ctrl+P or the print button.

Every factor chapter is printed by Debian's Chromium from the served site (print
media, exactly as a reader prints it) and read back with pypdf: A4 pages, the
chapter's own text and examples, web addresses of external links, the book's
name, the page address and the date, page numbers, and none of the website's
navigation, search, header, footer or buttons.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import ROOT, Build, run_build
from inspiratieboek.data.records import load_catalog
from inspiratieboek.quality import browser_audit
from inspiratieboek.quality.benchmark import synthetic_record
from inspiratieboek.quality.projectcopy import copy_project, synthetic_records
from inspiratieboek.site.paper import format_date
from inspiratieboek.site.render import LIST_LIMIT, records_for_factor
from inspiratieboek.site.views import example_view, localized
from mkdocs.utils import get_build_datetime
from pypdf import PdfReader

FACTORS = list(load_catalog(ROOT / "data").vocab.factoren)
A4 = (595.28, 841.89)  # points
BOOK = {"nl": "Wonen, een stevige basis voor gezondheid", "en": "Housing: a solid foundation for health"}
WEBSITE_ONLY = {
    "nl": [
        "Ga naar inhoud",
        "Zoeken",
        "Wijzig deze pagina",
        "Vorige",
        "Volgende",
        "Terug naar boven",
        "Printen / PDF",
        "Download als PDF",
        "Tekst en gegevens onder CC BY 4.0",
        "Trefwoorden",
        "Praktijkvoorbeelden",
        "Open data",
        "English",
    ],
    "en": [
        "Skip to content",
        "Search",
        "Edit this page",
        "Previous",
        "Next",
        "Back to top",
        "Print / PDF",
        "Download as PDF",
        "Printen",
        "Tags",
        "Nederlands",
    ],
}
"""Text of the website around a chapter (menu, search, header, footer, buttons)."""


# --- Reading pages and PDFs ----------------------------------------------------------


class Article(HTMLParser):
    """What a chapter's article says: title, headings, paragraphs, external links."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.h1, self.headings, self.paragraphs, self.external = "", [], [], []
        self.all: list[str] = []
        self._depth = 0
        self._open: str | None = None
        self._permalink = False
        self._text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if self._depth == 0:
            self._depth = int(tag == "article" and "md-content__inner" in (a.get("class") or ""))
            return
        self._depth += tag not in {"br", "img", "hr", "input", "meta", "link"}
        if "headerlink" in (a.get("class") or ""):
            self._permalink = True  # the permalink sign is not part of the heading
        elif tag in {"h1", "h2", "h3", "p"} and "ib-alleen-print" not in (a.get("class") or ""):
            self._open, self._text = tag, []
        website_button = "md-content__button" in (a.get("class") or "")  # "edit this page"
        if tag == "a" and (a.get("href") or "").startswith("http") and self._open != "h3" and not website_button:
            self.external.append(a["href"])

    def handle_endtag(self, tag: str) -> None:
        if self._depth == 0:
            return
        self._depth -= 1
        if tag == "a":
            self._permalink = False
        if tag == self._open:
            text = " ".join("".join(self._text).split())
            if tag == "h1" and not self.h1:
                self.h1 = text
            elif tag == "p":
                self.paragraphs.append(text)
            elif tag != "h1":
                self.headings.append(text)
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._depth and not self._permalink:
            self.all.append(data)
        if self._open and not self._permalink:
            self._text.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.all).split())


def pdf_pages(data: bytes, layout: bool = False) -> list[str]:
    """Text of each page, by poppler's pdftotext (pypdf is 25 times slower at text).

    With ``layout`` the lines keep their columns (a title and its page number).
    """
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext ontbreekt: installeer het met 'sudo apt-get install poppler-utils'")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(data)
        file.flush()
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), file.name, "-"],
            capture_output=True,
            check=True,
        ).stdout
    return text.decode("utf-8").split("\f")[:-1]


def squeeze(text: str) -> str:
    """Text without white space and hyphens, to compare text across line breaks.

    Addresses break anywhere on paper, and pdftotext joins a word that ends a line
    with a hyphen to the next line without that hyphen.
    """
    return re.sub(r"[\s\-\u00ad]+", "", text)


def assert_a4(data: bytes) -> None:
    for number, page in enumerate(PdfReader(io.BytesIO(data)).pages, start=1):
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4, abs=1), f"page {number} is {size}, not A4"


def print_page(page: object, url: str) -> bytes:
    """Print a page the way a reader does (print media, the browser's defaults for A4)."""
    page.goto(url)
    return page.pdf(prefer_css_page_size=True)


def version_lines(lang: str) -> list[str]:
    """'Versie van <date>' as printed: the build date (UTC, or SOURCE_DATE_EPOCH), or
    the day before when the session's build ran before midnight."""
    day = get_build_datetime().date()
    label = {"nl": "Versie van", "en": "Version of"}[lang]
    return [squeeze(f"{label} {format_date(d, lang)}") for d in (day, day - dt.timedelta(days=1))]


def listed_examples(site: Build, slug: str) -> list:
    """The records a factor chapter lists (all of them, up to render.LIST_LIMIT)."""
    return records_for_factor(load_catalog(site.project / "data"), slug)[:LIST_LIMIT]


def example_titles(site: Build, slug: str, lang: str) -> list[str]:
    return [localized(r, "titel", lang).value for r in listed_examples(site, slug)]


# --- Factor chapters on paper --------------------------------------------------------


@dataclass(frozen=True)
class Printed:
    data: bytes
    pages: list[str]


@pytest.fixture(scope="module")
def printed(browser: object, base_url: str) -> dict[str, Printed]:
    """Every factor chapter in Dutch and one in English, printed once for this module."""
    context = browser.new_context()
    page = context.new_page()
    result = {}
    for url in [f"factoren/{slug}/" for slug in FACTORS] + ["en/factoren/werk/"]:
        data = print_page(page, base_url + url)
        result[url] = Printed(data, pdf_pages(data))
    context.close()
    return result


@pytest.mark.parametrize("slug", FACTORS)
def test_factor_chapter_prints_its_text_examples_and_sources(site: Build, printed: dict, slug: str) -> None:
    data, pages = printed[f"factoren/{slug}/"].data, printed[f"factoren/{slug}/"].pages
    article = Article(site.html(f"factoren/{slug}/"))
    text = squeeze("".join(pages))
    assert_a4(data)
    assert article.h1 and squeeze(article.h1) in text
    assert all(squeeze(p) in text for p in article.paragraphs[:3]), "body text missing"
    missing = [t for t in example_titles(site, slug, "nl") if squeeze(t) not in text]
    assert missing == [], f"examples missing on paper: {missing}"
    catalog = load_catalog(site.project / "data")
    for record in listed_examples(site, slug):
        view = example_view(record, catalog, "nl")
        parts = [view.title.value, view.place, view.line.value if view.line else ""]
        parts += [f"Bron: {view.first_source}"] if view.first_source else []
        pattern = r".{0,3}".join(re.escape(squeeze(part)) for part in parts if part)
        assert re.search(pattern, text), f"'{record.id}': title, place, summary and source not printed together"
    assert article.external, "the chapter should cite sources"
    missing = [url for url in article.external if squeeze(url) not in text]
    assert missing == [], f"web addresses not printed: {missing}"
    titles = example_titles(site, slug, "nl")
    assert 1 <= len(pages) <= 6 + len(titles) // 2, f"{len(pages)} pages for {len(titles)} examples"


@pytest.mark.parametrize("url", [f"factoren/{slug}/" for slug in FACTORS] + ["en/factoren/werk/"])
def test_chapter_on_paper_has_no_website_chrome(site: Build, printed: dict, url: str) -> None:
    lang = "en" if url.startswith("en/") else "nl"
    article_text = Article(site.html(url)).text
    text = " ".join(" ".join(printed[url].pages).split())
    leaked = [
        w for w in WEBSITE_ONLY[lang] if w not in article_text and re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)
    ]
    assert leaked == []


@pytest.mark.parametrize("url", [f"factoren/{slug}/" for slug in FACTORS] + ["en/factoren/werk/"])
def test_every_sheet_names_book_page_and_number_and_the_first_the_address_and_date(
    site: Build, printed: dict, url: str
) -> None:
    lang = "en" if url.startswith("en/") else "nl"
    title = Article(site.html(url)).h1
    pages = printed[url].pages
    for number, page in enumerate(pages, start=1):
        footer = squeeze(f"{BOOK[lang]} · {title} {number} / {len(pages)}")
        assert squeeze(page).endswith(footer), f"sheet {number} ends with {page[-150:]!r}"
    first = squeeze(pages[0])
    assert any(line in first for line in version_lines(lang)), "the date belongs on the first sheet"
    assert squeeze(f"/{url}") in first, "the page's web address belongs on the first sheet"


@pytest.mark.parametrize("slug", FACTORS)
def test_example_cards_are_not_split_and_headings_do_not_end_a_sheet(site: Build, printed: dict, slug: str) -> None:
    pages = printed[f"factoren/{slug}/"].pages
    footer = re.compile(re.escape(squeeze(f"{BOOK['nl']} · ")) + r".*\d+/\d+$")
    pages = [footer.sub("", squeeze(p)) for p in pages]
    catalog = load_catalog(site.project / "data")
    for record in listed_examples(site, slug):
        view = example_view(record, catalog, "nl")
        # The list comes after the chapter's text, which may name an example too ("Zo begin je"):
        # the card is the title's last appearance.
        title, end = squeeze(view.title.value), squeeze(view.first_source or view.place)
        on = [i for i, p in enumerate(pages) if title in p]
        assert on and end in pages[on[-1]][pages[on[-1]].rindex(title) :], f"'{record.id}' is split over two sheets"
    for heading in Article(site.html(f"factoren/{slug}/")).headings:
        for number, page in enumerate(pages[:-1], start=1):
            assert not page.endswith(squeeze(heading)), f"'{heading}' ends sheet {number}"


def test_text_on_paper_keeps_readable_margins_and_size(printed: dict, page: object, base_url: str) -> None:
    # Every word of the printed chapter lies inside the page margins (ib.css: 16 mm, 18 mm below) ...
    data = printed["factoren/werk/"].data
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(data)
        file.flush()
        boxes = subprocess.run(["pdftotext", "-bbox", file.name, "-"], capture_output=True, check=True).stdout
    words = [tuple(map(float, w)) for w in re.findall(rb'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"', boxes)]
    margin = 15 * 72 / 25.4  # points; a little under 16 mm for rounding
    assert words and min(x for x, _, _ in words) >= margin and max(x for _, _, x in words) <= A4[0] - margin
    assert min(y for _, y, _ in words) >= margin
    # ... and body text is printed at 11 pt
    page.goto(base_url + "factoren/werk/")
    page.emulate_media(media="print")
    size = page.evaluate("getComputedStyle(document.querySelector('.md-content__inner h1 ~ p')).fontSize")
    assert float(size.removesuffix("px")) * 72 / 96 == pytest.approx(11, abs=0.1)


def test_english_chapter_prints_in_english(site: Build, printed: dict) -> None:
    text = squeeze("".join(printed["en/factoren/werk/"].pages))
    assert squeeze(Article(site.html("en/factoren/werk/")).h1) in text
    assert all(squeeze(t) in text for t in example_titles(site, "werk", "en"))
    assert squeeze("Source: https://") in text and squeeze("Bron: https://") not in text


def test_shortened_chapter_list_prints_the_full_address_of_all_examples(browser: object, tmp_path: Path) -> None:
    # Given a collection where a factor has more examples than a chapter lists
    # (synthetic records, all about work: a few more than the list shows)
    def about_work(number: int, vocab: dict[str, list[str]], rng: random.Random) -> dict:
        return synthetic_record(number, vocab, rng) | {"factoren": ["werk"]}

    records = synthetic_records(LIST_LIMIT + 5, about_work, "tests/test_print.py", seed=1)
    build = run_build(copy_project(tmp_path / "p", records))
    assert build.returncode == 0, build.output
    catalog = load_catalog(build.project / "data")
    slug = max(FACTORS, key=lambda s: len(records_for_factor(catalog, s)))
    assert len(records_for_factor(catalog, slug)) > LIST_LIMIT, "the test needs a shortened list"
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', build.html(f"factoren/{slug}/")).group(1)
    # When a reader prints that chapter (from wherever the site is served, even without JavaScript)
    context = browser.new_context(java_script_enabled=False)
    with browser_audit.serve(build.site) as url:
        text = squeeze("".join(pdf_pages(print_page(context.new_page(), f"{url}factoren/{slug}/"))))
    context.close()
    # Then the "all N examples" link shows the public address of the factor's index on paper
    address = urljoin(canonical, f"../../voorbeelden/factor/{slug}/")
    assert address.startswith("http") and "127.0.0.1" not in address
    assert squeeze(f"({address})") in text, f"{address} not printed"


# --- Other pages ---------------------------------------------------------------------


@pytest.mark.parametrize("url", ["printen/", "404.html", "en/404.html"])
def test_short_page_prints_on_one_sheet(page: object, base_url: str, url: str) -> None:
    data = print_page(page, base_url + url)
    assert len(pdf_pages(data)) == 1, "a short page must not print a blank second sheet"


def test_example_page_prints_its_facts_and_sources_without_web_navigation(
    site: Build, page: object, base_url: str
) -> None:
    record = load_catalog(site.project / "data").records[0]
    text = " ".join(" ".join(pdf_pages(print_page(page, f"{base_url}voorbeelden/{record.id}/"))).split())
    assert localized(record, "titel", "nl").value in text
    for source in record.get("bronnen"):
        assert squeeze(source["url"]) in squeeze(text)
    for word in ["Meer voorbeelden zoals dit", "Terug naar alle voorbeelden", "Wijzig deze pagina", "Printen / PDF"]:
        assert word not in text


# --- The print button ----------------------------------------------------------------


@pytest.mark.parametrize(("url", "label"), [("factoren/werk/", "Printen / PDF"), ("en/factoren/werk/", "Print / PDF")])
def test_print_button_in_page_language_opens_the_print_dialog(
    page: object, base_url: str, url: str, label: str
) -> None:
    page.add_init_script("window.print = () => { window.ibPrinted = (window.ibPrinted || 0) + 1; };")
    page.goto(base_url + url)
    button = page.get_by_role("button", name=label)
    assert button.is_visible()
    button.click()
    assert page.evaluate("window.ibPrinted") == 1


def test_print_button_is_hidden_without_javascript_and_on_paper(browser: object, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "factoren/werk/")
    assert page.locator("[data-ib-print]").count() == 1
    assert not page.locator("[data-ib-print]").is_visible(), "a button that cannot work must not show"
    context.close()
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + "factoren/werk/")
    page.emulate_media(media="print")
    assert not page.locator(".ib-acties").is_visible()
    assert page.locator(".ib-afdrukkop").is_visible()
    context.close()
