"""Downloadable PDFs: the ``pdf`` task, the book it assembles, and the links to them.

The real task runs once per session on the real site (every chapter and the book,
Dutch and English); the tests read the files back with pypdf (page size, outline,
links) and pdftotext (text). Unit tests cover how pages become parts of the book,
and a small build checks that a chapter links to its PDF only when it exists.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ENV, ROOT, Build, copy_project, fixture_records, run_build
from inspiratieboek.data.records import load_catalog
from inspiratieboek.publish import book
from inspiratieboek.publish.outline import heading_texts, repair_outline
from inspiratieboek.site.labels import label
from inspiratieboek.site.paper import css_string, format_date, format_size, pdf_stem
from inspiratieboek.site.render import localized, sort_key
from pypdf import PdfReader
from test_print import BOOK, assert_a4, pdf_pages, squeeze, version_lines

LANGUAGES = {"nl": "", "en": "en/"}
SUFFIX = {"nl": "", "en": ".en"}
CONTENTS = {"nl": "Inhoud", "en": "Contents"}
BOOK_APPENDIX = {"nl": "Bijlage: Praktijkvoorbeelden", "en": "Appendix: Practice examples"}
WEBSITE_ONLY = [
    "Wijzig deze pagina",
    "Edit this page",
    "Printen / PDF",
    "Print / PDF",
    "Download als PDF",
    "Download as PDF",
    "Meer voorbeelden zoals dit",
    "More examples like this",
    "Terug naar alle voorbeelden",
    "Back to all examples",
]


# --- How pages become the book (no browser) ------------------------------------------


def test_book_follows_the_navigation_and_leaves_out_only_website_pages() -> None:
    config = book.read_config(ROOT)
    nav = book.nav_pages(config["nav"])
    chapters = book.chapter_sources(config)
    assert set(book.LEFT_OUT) <= set(nav), "LEFT_OUT names a page that is no longer in the navigation"
    assert set(book.APPENDICES) <= set(nav), "APPENDICES names a page that is no longer in the navigation"
    assert chapters == [p for p in nav if p not in book.LEFT_OUT and p not in book.APPENDICES and p != book.LAST] + [
        book.LAST
    ]
    assert "factoren/werk.md" in chapters and "index.md" not in chapters


@pytest.mark.parametrize(
    ("source", "url"),
    [("index.md", ""), ("bronnen.md", "bronnen/"), ("factoren/werk.md", "factoren/werk/"), ("a/index.md", "a/")],
)
def test_page_url(source: str, url: str) -> None:
    assert book.page_url(source) == url


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("#aanpak", "#hoofdstuk-factoren-zorg--aanpak"),
        ("#", "#hoofdstuk-factoren-zorg"),
        ("../werk/", "#hoofdstuk-factoren-werk"),
        ("../werk/#valkuilen", "#hoofdstuk-factoren-werk--valkuilen"),
        ("../../voorbeelden/a-b/", "#voorbeeld-a-b"),
        ("../../voorbeelden/a-b/index.html#aanpak", "#voorbeeld-a-b--aanpak"),
        ("../../voorbeelden/", "https://example.org/en/voorbeelden/"),
        ("../../trefwoorden/#tag:x", "https://example.org/en/trefwoorden/#tag:x"),
        ("https://www.rivm.nl/x", "https://www.rivm.nl/x"),
        ("mailto:redactie@example.org", "mailto:redactie@example.org"),
    ],
)
def test_links_inside_the_book_become_anchors_and_others_full_addresses(href: str, expected: str) -> None:
    links = book.Links(
        "https://example.org/en/",
        {"factoren/werk/": "hoofdstuk-factoren-werk", "voorbeelden/a-b/": "voorbeeld-a-b"},
    )
    assert links.rewrite(href, "factoren/zorg/", "hoofdstuk-factoren-zorg") == expected


PAGE = """<html><body><nav>Menu</nav><div class="md-content"><article class="md-content__inner md-typeset">
<style media="print">@page { @bottom-left { content: "x"; } }</style>
<div class="ib-acties"><button>Printen / PDF</button></div>
<div class="ib-alleen-print ib-afdrukkop"><p>Kop</p></div>
<nav class="md-tags"><a href="../../trefwoorden/">tag</a></nav>
<a href="https://github.com/edit" class="md-content__button md-icon">Wijzig</a>
<h1 id="titel">Titel &amp; meer<a class="headerlink" href="#titel">&para;</a></h1>
<p>Zie <a href="../werk/">werk</a> en <a href="https://www.rivm.nl/">RIVM</a>.<br>Regel</p>
<article class="ib-kaart"><h3 id="k"><a href="../../voorbeelden/a/">A</a></h3></article>
<h2 id="aanpak">Aanpak</h2>
<section class="ib-verwant"><h2>Meer</h2></section>
<p><a class="ib-terug" href="../">Terug</a></p>
</article></div><footer>Voet</footer></body></html>"""


def _site_with(tmp_path: Path, html: str) -> Path:
    page = tmp_path / "site" / "factoren" / "zorg" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(html, encoding="utf-8")
    return tmp_path / "site"


def test_article_keeps_content_and_drops_what_only_the_website_needs(tmp_path: Path) -> None:
    links = book.Links("https://example.org/", {"factoren/werk/": "hoofdstuk-factoren-werk"})
    article = book.read_article(_site_with(tmp_path, PAGE), "", "factoren/zorg/", "h-zorg", links)
    assert article.title == "Titel & meer"
    html = str(article.html)
    for kept in ['<h1 id="h-zorg--titel">Titel &amp; meer</h1>', 'href="#hoofdstuk-factoren-werk"', "RIVM", "<br>"]:
        assert kept in html
    assert 'href="https://example.org/voorbeelden/a/"' in html, "a page outside the book becomes a full address"
    for dropped in ["Menu", "@page", "Printen", "Kop", "tag", "Wijzig", "&para;", "Meer", "Terug", "Voet"]:
        assert dropped not in html


def test_example_pages_move_two_heading_levels_down(tmp_path: Path) -> None:
    links = book.Links("https://example.org/", {})
    html = str(book.read_article(_site_with(tmp_path, PAGE), "", "factoren/zorg/", "v", links, shift=2).html)
    assert "<h3 " in html and "<h4 " in html and "<h5 " in html and "<h1" not in html and "<h2" not in html


def test_page_without_article_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(book.BookError, match=r"factoren/zorg/index\.html: geen volledig"):
        book.read_article(
            _site_with(tmp_path, "<html><p>leeg</p></html>"), "", "factoren/zorg/", "k", book.Links("", {})
        )
    with pytest.raises(book.BookError, match=r"ontbreekt in de gebouwde site"):
        book.read_article(tmp_path, "", "nergens/", "k", book.Links("", {}))


def test_bookmarks_take_the_text_of_their_headings() -> None:
    html = (
        '<h1 id="a">Tegen vocht <em>en</em>\n schimmel<a class="headerlink" href="#a">&para;</a></h1><p>x</p><h3>B</h3>'
    )
    assert heading_texts(html) == ["Tegen vocht en schimmel", "B"]


def test_css_string_cannot_break_out_of_the_style_element() -> None:
    assert css_string('Zo "print" je \\ dit') == '"Zo \\"print\\" je \\\\ dit"'
    assert "</style" not in css_string("</style><script>alert(1)</script>")
    assert css_string("a\n  b") == '"a b"'


def test_sizes_dates_and_file_names_read_as_people_write_them() -> None:
    assert format_size(245_300, "nl") == "245 kB"
    assert format_size(2_345_678, "nl") == "2,3 MB" and format_size(2_345_678, "en") == "2.3 MB"
    assert format_date(dt.date(2026, 3, 5), "nl") == "5 maart 2026"
    assert format_date(dt.date(2026, 3, 5), "en") == "5 March 2026"
    assert pdf_stem("factoren/werk/") == "factoren-werk" and pdf_stem("") == "index"


# --- Links to the PDFs on the site ---------------------------------------------------


def test_chapter_links_to_its_pdf_only_when_it_was_built(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", fixture_records("synthetisch-a", "synthetisch-b"))
    folder = project / "docs" / "pdf"
    folder.mkdir()
    (folder / "factoren-werk.pdf").write_bytes(b"%PDF-1.7 nl" + b"." * 245_000)
    (folder / "factoren-werk.en.pdf").write_bytes(b"%PDF-1.7 en")
    (folder / "boek.pdf").write_bytes(b"%PDF-1.7 boek" + b"." * 2_300_000)
    build = run_build(project)
    assert build.returncode == 0, build.output

    nl, en = build.html("factoren/werk/"), build.html("en/factoren/werk/")
    assert re.search(r'<a [^>]*href="\.\./\.\./pdf/factoren-werk\.pdf" download="[^"]+\.pdf"', nl)
    assert "Download als PDF" in nl and "(PDF, 245 kB)" in nl
    assert re.search(r'href="\.\./\.\./pdf/factoren-werk\.pdf"', en) and "Download as PDF" in en
    assert (build.site / "pdf" / "factoren-werk.pdf").read_bytes().startswith(b"%PDF-1.7 nl")
    assert (build.site / "en" / "pdf" / "factoren-werk.pdf").read_bytes() == b"%PDF-1.7 en"

    assert "Download als PDF" not in build.html("factoren/zorg/"), "no PDF built for this chapter"
    home = build.html("")
    assert re.search(r'href="pdf/boek\.pdf" download="wonen-een-stevige-basis-voor-gezondheid\.pdf"', home)
    assert "Download het hele boek als PDF" in home and "(PDF, 2,3 MB)" in home
    assert "Download the whole book" not in build.html("en/"), "there is no English book PDF"
    # The page about printing explains the downloads only where they exist (issue #18)
    assert "Het hele boek of een hoofdstuk als PDF downloaden" in build.html("printen/")
    assert "Download the whole book or a chapter as a PDF" not in build.html("en/printen/")


def test_site_without_pdfs_shows_no_download_links(site: Build) -> None:
    pages = [p for p in site.site.rglob("index.html") if "Download" in p.read_text(encoding="utf-8")]
    offered = [p for p in pages if re.search(r'href="[^"]*pdf/[^"]*\.pdf"', p.read_text(encoding="utf-8"))]
    assert offered == []
    # Readers never read about PDFs that were not made; the page explains printing from the browser (#18)
    for url, how in [("printen/", "Zo print je een pagina"), ("en/printen/", "How to print a page")]:
        html = site.html(url)
        assert how in html
        for text in [
            "nog niet gemaakt",
            "not been made",
            "als PDF downloaden",
            "Download the whole book",
            "alleen-met-pdf",
        ]:
            assert text not in html, (url, text)


# --- The pdf task --------------------------------------------------------------------


def test_pdf_task_without_chromium_says_what_to_install(tmp_path: Path) -> None:
    command = [
        sys.executable,
        "scripts/manage.py",
        "pdf",
        "--chromium",
        str(tmp_path / "geen"),
        "--out",
        str(tmp_path / "out"),
    ]
    result = subprocess.run(command, cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "Chromium ontbreekt" in result.stderr and "sudo apt-get install chromium" in result.stderr
    assert not (tmp_path / "out").exists(), "nothing half-made"


@dataclass
class Run:
    """The PDFs' folder, what the command printed, the chapters and the published site."""

    out: Path
    stdout: str
    sources: list[str]
    site: Path


@pytest.fixture(scope="session")
def pdf_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """``manage.py build --pdf`` (what the publish workflow runs) on a copy of the real
    project: the site, every chapter and the book in both languages, and a second
    build that publishes them. The tests' one full PDF run (it used to be two: the
    pdf task on the shared site, and ``build --pdf`` on a small copy)."""
    project = copy_project(tmp_path_factory.mktemp("pdf"))
    site = project / "site"
    command = [sys.executable, "scripts/manage.py", "build", "--pdf", "--site-dir", str(site)]
    result = subprocess.run(command, cwd=project, env=ENV, capture_output=True, text=True, timeout=1500)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return Run(project / "docs" / "pdf", result.stdout, book.chapter_sources(book.read_config(project)), site)


def test_pdf_task_makes_every_chapter_and_the_book_in_both_languages(pdf_run: Run) -> None:
    expected = {f"{pdf_stem(book.page_url(s))}{SUFFIX[lang]}.pdf" for s in pdf_run.sources for lang in LANGUAGES} | {
        "boek.pdf",
        "boek.en.pdf",
    }
    assert {p.name for p in pdf_run.out.iterdir()} == expected
    assert "PDF's gemaakt in" in pdf_run.stdout and "manage.py build" in pdf_run.stdout


@pytest.mark.parametrize("lang", LANGUAGES)
def test_chapter_pdfs_hold_their_chapter_and_link_to_the_public_site(site: Build, pdf_run: Run, lang: str) -> None:
    address = re.search(r'<link rel="canonical" href="([^"]+)"', site.html("")).group(1)
    for source in pdf_run.sources:
        url = LANGUAGES[lang] + book.page_url(source)
        data = (pdf_run.out / f"{pdf_stem(book.page_url(source))}{SUFFIX[lang]}.pdf").read_bytes()
        assert_a4(data)
        title = re.search(r"<h1[^>]*>([^<]+)", site.html(url)).group(1)
        assert squeeze(title) in squeeze(" ".join(pdf_pages(data))), f"{url}: title missing"
        uris = _uris(PdfReader(io.BytesIO(data)))
        assert [u for u in uris if "127.0.0.1" in u or "localhost" in u] == [], url
        assert all(u.startswith(("https://", "http://", "mailto:")) for u in uris), url
        internal = [u for u in uris if u.startswith(address)]
        assert not internal or all(u.startswith(address + LANGUAGES[lang]) for u in internal), url


def _uris(reader: PdfReader) -> list[str]:
    return [
        annot.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annot in page.get("/Annots") or []
        if "/A" in annot.get_object() and "/URI" in annot.get_object()["/A"]
    ]


# --- The book ------------------------------------------------------------------------


@dataclass
class Printed:
    """One language's book PDF, read once."""

    lang: str
    data: bytes
    reader: PdfReader
    pages: list[str]  # text per page (pdftotext)
    squeezed: list[str]

    def page_of(self, text: str, start: int = 0) -> int:
        """First page (from 1) at or after ``start`` whose text holds ``text``."""
        needle = squeeze(text)
        return next((i + 1 for i, p in enumerate(self.squeezed) if i + 1 >= start and needle in p), 0)

    def outline(self) -> list[tuple[str, int, list]]:
        """(title, page, children) of the outline's top level."""
        items, result = self.reader.outline, []
        for i, item in enumerate(items):
            if isinstance(item, list):
                continue
            children = items[i + 1] if i + 1 < len(items) and isinstance(items[i + 1], list) else []
            result.append((item.title, self.reader.get_destination_page_number(item) + 1, children))
        return result


@pytest.fixture(scope="session")
def books(pdf_run: Run) -> dict[str, Printed]:
    result = {}
    for lang in LANGUAGES:
        data = (pdf_run.out / f"boek{SUFFIX[lang]}.pdf").read_bytes()
        pages = pdf_pages(data)
        result[lang] = Printed(lang, data, PdfReader(io.BytesIO(data)), pages, [squeeze(p) for p in pages])
    return result


def _chapters(site: Build, sources: list[str], lang: str) -> list[str]:
    return [re.search(r"<h1[^>]*>([^<]+)", site.html(LANGUAGES[lang] + book.page_url(s))).group(1) for s in sources]


def _groups(site: Build, lang: str) -> list[tuple[str, list]]:
    catalog = load_catalog(site.project / "data")
    return [
        (factor.name(lang), sorted((r for r in catalog.records if r.main_factor == slug), key=sort_key))
        for slug, factor in catalog.vocab.factoren.items()
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_book_has_cover_contents_and_page_numbers(site: Build, pdf_run: Run, books: dict, lang: str) -> None:
    printed = books[lang]
    assert_a4(printed.data)
    cover = printed.squeezed[0]
    assert squeeze(BOOK[lang]) in cover and any(line in cover for line in version_lines(lang))
    assert "CCBY4.0" in cover and squeeze(site.html("").split('canonical" href="')[1].split('"')[0]) in cover
    assert not cover.endswith(squeeze(f"{BOOK[lang]} 1")), "the cover has no page number"
    laid_out = pdf_pages(printed.data, layout=True)
    for number, page in enumerate(laid_out[1:], start=2):
        footer = page.strip().splitlines()[-1]
        assert squeeze(footer) == squeeze(f"{BOOK[lang]} {number}"), f"page {number}: footer is '{footer}'"

    contents = "\n".join(laid_out[1].strip().splitlines()[:-1])  # without the footer
    assert contents.lstrip().startswith(CONTENTS[lang])
    listed = [(title.strip(), int(page)) for title, page in re.findall(r"^(.+?)\s{2,}(\d+)$", contents, re.MULTILINE)]
    expected = []
    chapters = _chapters(site, pdf_run.sources, lang)
    examples = next(t for t, _, _ in printed.outline()[1:] if t not in chapters)
    for title, page, children in printed.outline()[1:]:
        expected.append((title, page))
        if title == examples:  # the examples' appendix lists its factor groups
            expected += [(c.title, printed.reader.get_destination_page_number(c) + 1) for c in children[::2]]
    assert listed == expected, "the contents must list every part with the page where it starts"
    for title, page in listed:
        assert squeeze(title) in printed.squeezed[page - 1], f"contents: '{title}' is not on page {page}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_book_outline_follows_the_chapters(site: Build, pdf_run: Run, books: dict, lang: str) -> None:
    outline = books[lang].outline()
    titles = [title for title, _, _ in outline]
    chapters = _chapters(site, pdf_run.sources, lang)
    appendix = next(t for t in titles if t not in chapters and t != CONTENTS[lang])
    extra = _chapters(site, list(book.APPENDICES), lang)  # whole pages after the examples (the checklist)
    assert titles == [CONTENTS[lang], *chapters[:-1], appendix, *extra, chapters[-1]]
    assert [page for _, page, _ in outline] == sorted(page for _, page, _ in outline)
    children = next(kids for title, _, kids in outline if title == appendix)
    assert [c.title for c in children if not isinstance(c, list)] == [name for name, _ in _groups(site, lang)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_book_holds_every_chapter_and_every_example_grouped_by_factor(
    site: Build, pdf_run: Run, books: dict, lang: str
) -> None:
    printed = books[lang]
    text = "".join(printed.squeezed)
    for source in pdf_run.sources:
        paragraph = re.search(
            r"<h1[^>]*>.*?</h1>\s*<p>([^<]{30,})", site.html(LANGUAGES[lang] + book.page_url(source)), re.S
        )
        if paragraph:
            assert squeeze(paragraph.group(1)[:200]) in text, f"{source}: body text missing"
    chapters = _chapters(site, pdf_run.sources, lang)
    appendix = next(kids for title, _, kids in printed.outline() if title not in [*chapters, CONTENTS[lang]])
    in_outline = {
        group.title: [e.title for e in examples if not isinstance(e, list)]
        for group, examples in zip(appendix[::2], appendix[1::2], strict=True)
    }
    for name, records in _groups(site, lang):
        titles = [localized(r, "titel", lang).value for r in records]
        assert in_outline[name] == titles, f"appendix group '{name}'"
        for record, title in zip(records, titles, strict=True):
            assert squeeze(title) in text, f"{record.id}: title missing"
            for source in record.get("bronnen") or []:
                assert squeeze(source["url"]) in text, f"{record.id}: source {source['url']} missing"
    assert [w for w in WEBSITE_ONLY if squeeze(w) in text] == []
    # Each example in the appendix keeps its facts box (#13): kind, status and result kind
    examples = sum(len(records) for _name, records in _groups(site, lang))
    for key in ("kind", "status", "result_kind"):
        assert text.count(squeeze(label(lang)[key])) >= examples, f"facts box label '{key}' missing in the appendix"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_book_ends_with_the_afsprakenmaker_checklist_as_an_appendix(books: dict, lang: str) -> None:
    from inspiratieboek.data import afspraken

    printed = books[lang]
    pages = {title: page for title, page, _ in printed.outline()}
    start = pages.get("Afsprakenmaker", 0)
    assert start > pages[BOOK_APPENDIX[lang]], "the checklist comes after the examples' appendix"
    text = "".join(printed.squeezed[start - 1 :])
    for agreement in afspraken.agreements(load_catalog(ROOT / "data")):
        assert squeeze(agreement.text("tekst", lang)) in text, f"{agreement.id}: not in the book's checklist"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_book_links_stay_inside_the_book_or_go_to_the_public_site(books: dict, lang: str) -> None:
    reader = books[lang].reader
    uris = _uris(reader)
    assert uris and [u for u in uris if "127.0.0.1" in u or "localhost" in u] == []
    internal = [
        annot.get_object()
        for annot in reader.pages[1].get("/Annots") or []
        if annot.get_object().get("/Subtype") == "/Link" and "/Dest" in annot.get_object()
    ]
    assert len(internal) >= len(books[lang].outline()) - 1, "contents lines should link to their parts"


DUTCH_PAPER_LABELS = ["Versie van", "Online editie", "Bijlage", "Inhoud", "Bron:", "Printen", "Download als PDF"]
"""Labels the Dutch PDFs print (labels.py); none belongs in an English PDF."""


def test_english_pdfs_print_english_labels(pdf_run: Run, books: dict) -> None:
    def dutch(text: str) -> list[str]:
        return [w for w in DUTCH_PAPER_LABELS if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]

    text = " ".join(" ".join(books["en"].pages).split())
    assert dutch(text) == [], "Dutch labels in the English book"
    for wanted in ["Contents", "Appendix: Practice examples", "Online edition:", "Version of", "Source:"]:
        assert wanted in text, f"'{wanted}' missing from the English book"
    for source in pdf_run.sources:
        data = (pdf_run.out / f"{pdf_stem(book.page_url(source))}.en.pdf").read_bytes()
        text = " ".join(" ".join(pdf_pages(data)).split())
        assert "Version of" in text and dutch(text) == [], source


@pytest.mark.browser
def test_build_with_pdf_makes_the_site_and_publishes_its_pdfs_in_one_go(pdf_run: Run) -> None:
    """``manage.py build --pdf`` (what the publish workflow runs): site, PDFs and download links at once."""
    site = pdf_run.site
    for path in (site / "pdf" / "boek.pdf", site / "en" / "pdf" / "boek.pdf", site / "pdf" / "factoren-werk.pdf"):
        assert path.read_bytes().startswith(b"%PDF"), path
    printing = (site / "printen" / "index.html").read_text(encoding="utf-8")
    assert "Het hele boek of een hoofdstuk als PDF downloaden" in printing
    assert re.search(r'href="\.\./pdf/boek\.pdf" download=', printing)
    assert "nog niet gemaakt" not in printing


def test_outline_repair_puts_back_the_headings_spaces_and_keeps_the_file() -> None:
    # Given a PDF whose bookmarks lost a space where the heading wrapped (as Chromium's do)
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(595, 842)
    writer.add_outline_item(title="Vocht enschimmel", page_number=0)
    writer.add_outline_item(title="Hittestress", page_number=1)
    writer.add_outline_item(title="Samenwerken inde wijk", page_number=2)
    printed = io.BytesIO()
    writer.write(printed)
    data = printed.getvalue()
    # When the titles are repaired from the printed headings (one of them not a bookmark)
    repaired = repair_outline(
        data, ["Vocht en schimmel", "Verborgen op papier", "Hittestress", "Samenwerken in de wijk"]
    )
    # Then each bookmark has its heading's text and still points at its page
    reader = PdfReader(io.BytesIO(repaired))
    assert [(item.title, reader.get_destination_page_number(item)) for item in reader.outline] == [
        ("Vocht en schimmel", 0),
        ("Hittestress", 1),
        ("Samenwerken in de wijk", 2),
    ]
    # And the original file is kept whole, the new titles appended after it
    assert repaired.startswith(data) and len(reader.pages) == 3
    # And a PDF whose titles are right is returned as it was
    assert repair_outline(data, ["Vocht enschimmel", "Hittestress", "Samenwerken inde wijk"]) == data
