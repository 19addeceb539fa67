"""The whole book as one HTML document, assembled from the built site.

Why from the built site: the chapters, the factor lists and the example pages
are already rendered there exactly as readers see them (markers replaced, both
languages, Material's styles), so the book cannot drift from the site.
``scripts/pdf.py`` prints the result with Chromium.

What happens to a page on its way into the book:

- only the article is kept, without edit button, tags, print button, permalinks,
  "more examples like this" and "back to the overview";
- every ``id`` gets the part's key as prefix (``hoofdstuk-bronnen--publicatie``),
  so ids stay unique across parts;
- a link to a page that is in the book becomes a link inside the book; a link to
  any other page of the site becomes its full web address, so it works (and is
  printed, see ib.css) on paper;
- example pages move two heading levels down: in the appendix they sit below the
  appendix (h1) and their factor (h2).

The order is the navigation of mkdocs.yml, minus the pages in ``LEFT_OUT``; the
appendix with all examples, grouped by main factor, comes before ``LAST``, followed
by the pages in ``APPENDICES`` (the Afsprakenmaker's checklist).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from markupsafe import Markup
from mkdocs.utils.yaml import yaml_load

from inspiratieboek.data.records import load_catalog
from inspiratieboek.site import render
from inspiratieboek.site.editions import editions_from_config
from inspiratieboek.site.labels import label
from inspiratieboek.site.paper import css_string, format_date, pdf_stem
from inspiratieboek.site.views import EXAMPLES_FOLDER, example_views

LEFT_OUT = {
    "index.md": "the home page: the cover and the contents take its place",
    "voorbeelden/index.md": "the overview: the appendix holds every example in full",
    "voorbeeld-aandragen.md": "how to send in an example through the website",
    "printen.md": "how to print the website, not part of the book's content",
    "open-data.md": "downloads of the website's data",
    "trefwoorden.md": "the tag index of the website",
}
"""Pages of the navigation that are not in the book, and why."""
LAST = "bronnen.md"
"""The sources close the book, after the appendix."""
APPENDICES = ("afsprakenmaker.md",)
"""Pages of the navigation that the book prints as appendices after the examples, not
as chapters: the Afsprakenmaker's full checklist (issue #17), boxes to tick on paper."""

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
DROP = frozenset(
    {
        "md-tags",  # tag chips
        "md-content__button",  # "edit this page"
        "headerlink",  # permalink signs
        "ib-acties",  # print button and downloads
        "ib-afdrukkop",  # the print header of a single page
        "ib-verwant",  # "more examples like this" (heading)
        "ib-lijst--verwant",  # ... and its list
        "ib-terug",  # "back to all examples"
    }
)
"""Classes of elements that only make sense on the website or on a single printed page."""
DROP_TAGS = frozenset({"style", "script"})
"""Per-page styles (the running footer) and scripts stay behind too."""


class BookError(Exception):
    """The built site lacks something the book needs (message names the file)."""


# --- Where the parts come from ---------------------------------------------------


LOCAL_ADDRESS = "http://boek.invalid/"
"""Where Chromium sees the built site while printing when SITE_URL is unset. Playwright
answers every request itself, so nothing goes out; the address never reaches paper
(the cover and links leave it out, ib-printen.js does not print it)."""


def public_address(config: dict) -> str:
    """The site's address ending in '/', from SITE_URL (``site_url``); LOCAL_ADDRESS without it."""
    site_url = (config.get("site_url") or "").strip()
    return site_url.rstrip("/") + "/" if site_url else LOCAL_ADDRESS


def read_config(project: Path) -> dict:
    """mkdocs.yml as a dict (``!ENV`` resolved), without loading any plugin."""
    with open(project / "mkdocs.yml", encoding="utf-8") as file:
        return yaml_load(file)


def nav_pages(nav: list) -> list[str]:
    """The Markdown files of a MkDocs ``nav``, in reading order."""
    pages: list[str] = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            pages += nav_pages(value)
        elif isinstance(value, str) and value.endswith(".md"):
            pages.append(value)
    return pages


def chapter_sources(config: dict) -> list[str]:
    """The chapters of the book, in order (without the appendix)."""
    pages = [p for p in nav_pages(config.get("nav") or []) if p not in LEFT_OUT and p not in APPENDICES]
    return [p for p in pages if p != LAST] + ([LAST] if LAST in pages else [])


def page_url(source: str) -> str:
    """The directory URL MkDocs gives a Markdown file: 'factoren/werk.md' -> 'factoren/werk/'."""
    stem = source.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def languages(config: dict) -> list[tuple[str, str]]:
    """(language, URL prefix) per edition: ('nl', '') first, then e.g. ('en', 'en/')."""
    return [(edition.lang, edition.prefix) for edition in editions_from_config(config)]


def chapter_key(url: str) -> str:
    return f"hoofdstuk-{pdf_stem(url)}"


def example_key(record_id: str) -> str:
    return f"voorbeeld-{record_id}"


# --- Reading and rewriting built pages --------------------------------------------


def _classes(attrs: list[tuple[str, str | None]]) -> set[str]:
    return set((dict(attrs).get("class") or "").split())


class _ArticleRewriter(HTMLParser):
    """Copy the page's ``article.md-content__inner``, rewriting ids, links and headings."""

    def __init__(self, key: str, link: Callable[[str], str], shift: int) -> None:
        super().__init__(convert_charrefs=False)
        self.key, self.link, self.shift = key, link, shift
        self.out: list[str] = []
        self.depth = 0  # elements open inside the article; 0 = outside
        self.found = False
        self.drop_at: int | None = None
        self.h1: list[str] | None = None
        self.title = ""

    @property
    def copying(self) -> bool:
        return self.depth > 0 and self.drop_at is None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0:
            if tag == "article" and "md-content__inner" in _classes(attrs) and not self.found:
                self.depth, self.found = 1, True
            return
        if tag not in VOID:
            self.depth += 1
        if self.drop_at is None and (tag in DROP_TAGS or _classes(attrs) & DROP):
            self.drop_at = None if tag in VOID else self.depth
            return
        if self.copying:
            if tag == "h1" and self.h1 is None:
                self.h1 = []
            self.out.append(self._start_tag(tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.copying and not _classes(attrs) & DROP:
            self.out.append(self._start_tag(tag, attrs)[:-1] + "/>")

    def handle_endtag(self, tag: str) -> None:
        if self.depth == 0 or tag in VOID:
            return
        if self.drop_at is not None:
            if self.depth == self.drop_at:
                self.drop_at = None
            self.depth -= 1
            return
        self.depth -= 1
        if self.depth == 0:
            return  # the article itself
        if tag == "h1" and self.h1 is not None and not self.title:
            self.title = " ".join(html.unescape("".join(self.h1)).split())
        self.out.append(f"</{self._tag(tag)}>")

    def handle_data(self, data: str) -> None:
        self._text(data)

    def handle_entityref(self, name: str) -> None:
        self._text(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._text(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        if self.copying:
            self.out.append(f"<!--{data}-->")

    def _text(self, text: str) -> None:
        if self.copying:
            self.out.append(text)
            if self.h1 is not None and not self.title:
                self.h1.append(text)

    def _tag(self, tag: str) -> str:
        if self.shift and re.fullmatch(r"h[1-6]", tag):
            return f"h{min(int(tag[1]) + self.shift, 6)}"
        return tag

    def _start_tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> str:
        parts = [self._tag(tag)]
        for name, value in attrs:
            if value is not None and name == "id":
                value = f"{self.key}--{value}"
            elif value is not None and name == "href":
                value = self.link(value)
                if not value:
                    continue  # a page outside the book, and no public address to send the reader to
            parts.append(name if value is None else f'{name}="{html.escape(value, quote=True)}"')
        return "<" + " ".join(parts) + ">"


@dataclass
class Article:
    """A page's article as it goes into the book."""

    title: str
    html: Markup


@dataclass
class Links:
    """Turns a link of a built page into a link in the book, or a full web address."""

    site_root: str  # e.g. https://example.org/en/
    anchors: dict[str, str]  # page URL -> key of the part that holds it
    public: bool = True
    """False without SITE_URL: a page outside the book has no address to print, so its
    link goes (``rewrite`` returns an empty string)."""

    def rewrite(self, href: str, page: str, key: str) -> str:
        if href.startswith("#"):
            return f"#{key}--{href[1:]}" if len(href) > 1 else f"#{key}"
        if urlsplit(href).scheme or href.startswith("//"):
            return href  # another website, an e-mail address
        target = urljoin("/" + page, href)
        path, _, fragment = target.partition("#")
        path = path.lstrip("/").removesuffix("index.html")
        if path in self.anchors:
            anchor = self.anchors[path]
            return f"#{anchor}--{fragment}" if fragment else f"#{anchor}"
        if not self.public:
            return ""  # no address: the link is dropped, its text stays
        return self.site_root + path + (f"#{fragment}" if fragment else "")


def read_article(site: Path, prefix: str, url: str, key: str, links: Links, shift: int = 0) -> Article:
    """The rewritten article of the built page at ``url`` (e.g. 'factoren/werk/')."""
    path = site / prefix / url / "index.html"
    if not path.is_file():
        raise BookError(f"{path}: pagina ontbreekt in de gebouwde site; bouw eerst de site")
    parser = _ArticleRewriter(key, lambda href: links.rewrite(href, url, key), shift)
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    if not parser.found or parser.depth != 0:
        raise BookError(f'{path}: geen volledig <article class="md-content__inner"> gevonden')
    if not parser.title:
        raise BookError(f"{path}: de pagina heeft geen titel (h1)")
    return Article(parser.title, Markup("".join(parser.out).strip()))


class _FirstText(HTMLParser):
    """Text of the first element with a given class (e.g. the print header's book name)."""

    def __init__(self, css_class: str) -> None:
        super().__init__()
        self.css_class, self.depth, self.done = css_class, 0, False
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.depth += tag not in VOID
        elif not self.done and self.css_class in _classes(attrs):
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag not in VOID:
            self.depth -= 1
            self.done = self.done or self.depth == 0

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def element_text(page_html: str, css_class: str) -> str:
    """Whitespace-normalised text of the first element with ``css_class`` ('' if none)."""
    parser = _FirstText(css_class)
    parser.feed(page_html)
    return " ".join("".join(parser.parts).split())


def _meta_description(page_html: str) -> str:
    match = re.search(r'<meta name="description" content="([^"]*)"', page_html)
    return html.unescape(match.group(1)) if match else ""


def _stylesheets(page_html: str, page_address: str) -> list[str]:
    """The site's stylesheets as full addresses (Material's, the palette, ib.css)."""
    hrefs = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page_html)
    return [urljoin(page_address, html.unescape(h)) for h in hrefs]


def _body_attributes(page_html: str) -> Markup:
    """Material's colour scheme attributes on ``<body>``: its CSS variables hang on them."""
    match = re.search(r"<body([^>]*)>", page_html)
    attrs = re.findall(r'\s(data-md-color-[a-z]+="[^"]*")', match.group(1) if match else "")
    return Markup(" ".join(attrs))


# --- The book ----------------------------------------------------------------------


@dataclass
class Entry:
    """A line of the table of contents; ``children`` are the appendix's factor groups."""

    key: str
    title: str
    children: list[Entry] = field(default_factory=list)


@dataclass
class Book:
    """Everything the template needs for one language; ``pages`` fills in page numbers."""

    lang: str
    address: str  # the web address of this edition (LOCAL_ADDRESS without SITE_URL: for loading only)
    title: str
    subtitle: str
    rights: str
    date: str
    stylesheets: list[str]
    body_attributes: Markup
    chapters: list[tuple[str, Article]]  # (key, article), without the appendix
    appendix: dict[str, Any]  # title, intro, groups: [{key, title, examples: [(key, Article)]}]
    appendix_before: int  # index in chapters where the appendix goes
    contents: list[Entry]
    extra: list[tuple[str, Article]] = field(default_factory=list)  # APPENDICES, after the examples

    def html(self, pages: dict[str, int] | None = None) -> str:
        """The book as one HTML document; ``pages`` maps a contents key to its page."""
        t = label(self.lang)
        return render.ENV.get_template("boek.html").render(
            book=self,
            t=t,
            pages=pages or {},
            footer=Markup(css_string(self.title)),
            # No made-up address on the cover: without SITE_URL the book names none.
            online=t["book_online"].format(url=self.address) if not self.address.startswith(LOCAL_ADDRESS) else "",
            version=t["print_version"].format(date=self.date),
        )


def build_book(project: Path, site: Path, lang: str, prefix: str, build_date: dt.date) -> Book:
    """Collect the book for one language from the built ``site`` of ``project``."""
    config = read_config(project)
    site_root = public_address(config) + prefix
    sources = chapter_sources(config)
    catalog = load_catalog(project / "data")
    groups = render.by_main_factor(catalog, example_views(catalog, lang))
    anchors = {page_url(s): chapter_key(page_url(s)) for s in sources}
    anchors |= {f"{EXAMPLES_FOLDER}/{v.id}/": example_key(v.id) for _, views in groups for v in views}
    links = Links(site_root, anchors, public=not site_root.startswith(LOCAL_ADDRESS))

    chapters = [
        (chapter_key(page_url(s)), read_article(site, prefix, page_url(s), chapter_key(page_url(s)), links))
        for s in sources
    ]
    t = label(lang)
    appendix: dict[str, Any] = {
        "key": "bijlage",
        "title": f"{t['book_appendix']}: {t['examples']}",
        "intro": t["overview_intro"].format(total=len(catalog.records)),
        "groups": [
            {
                "key": f"bijlage-{factor.slug}",
                "title": factor.name(lang),
                "examples": [
                    (
                        example_key(v.id),
                        read_article(site, prefix, f"{EXAMPLES_FOLDER}/{v.id}/", example_key(v.id), links, 2),
                    )
                    for v in views
                ],
            }
            for factor, views in groups
        ],
    }
    appendix_before = sources.index(LAST) if LAST in sources else len(sources)
    in_nav = nav_pages(config.get("nav") or [])
    extra = [
        (
            f"bijlage-{pdf_stem(page_url(s))}",
            read_article(site, prefix, page_url(s), f"bijlage-{pdf_stem(page_url(s))}", links),
        )
        for s in APPENDICES
        if s in in_nav
    ]
    contents = [Entry(key, article.title) for key, article in chapters]
    contents[appendix_before:appendix_before] = [
        Entry(appendix["key"], appendix["title"], [Entry(g["key"], g["title"]) for g in appendix["groups"]]),
        *(Entry(key, article.title) for key, article in extra),
    ]
    home = (site / prefix / "index.html").read_text(encoding="utf-8")
    return Book(
        lang=lang,
        address=site_root,
        title=element_text(home, "ib-afdrukkop__boek") or config.get("site_name", ""),
        subtitle=_meta_description(home),
        rights=element_text(home, "md-copyright__highlight"),
        date=format_date(build_date, lang),
        stylesheets=_stylesheets(home, site_root),
        body_attributes=_body_attributes(home),
        chapters=chapters,
        appendix=appendix,
        appendix_before=appendix_before,
        contents=contents,
        extra=extra,
    )


def contents_keys(book: Book) -> list[str]:
    """Every key the table of contents shows a page number for, in order."""
    keys: list[str] = []
    for entry in book.contents:
        keys += [entry.key, *(child.key for child in entry.children)]
    return keys
