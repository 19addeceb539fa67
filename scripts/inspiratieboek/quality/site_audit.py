"""Checks over a built site's HTML files, without a browser.

Why our own checker: linkchecker would need another pinned package and still not
know this site's rules (every page needs a description, alternates must be
absolute, the sitemap must list every page). Reading the HTML we ship is enough
for internal links and anchors, and it runs in a second. Each check returns a
list of ``Problem`` s, so a test can assert "none" and print every one of them,
and ``scripts/gates.py`` can count them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
LANG_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
"""A BCP 47 tag of the simple kind we use: 'nl', 'en', 'en-GB'."""
SKIPPED_SCHEMES = ("mailto:", "tel:", "data:")
NOT_PAGES = {"assets", "search", "zoekindex", "pdf"}
"""Folders of the built site that hold no pages of ours (theme files, indexes)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one page, worded for the person who has to fix it."""

    page: str
    what: str

    def __str__(self) -> str:
        return f"{self.page}: {self.what}"


@dataclass
class PageInfo:
    """What the checks need from one HTML file."""

    url: str
    lang: str = ""
    title: str = ""
    description: str | None = None
    canonical: str = ""
    ids: set[str] = field(default_factory=set)
    references: list[tuple[str, str]] = field(default_factory=list)
    """(tag/attribute, URL) for every link and resource on the page."""
    hreflang: list[str] = field(default_factory=list)
    """href of every ``<link hreflang>`` (the language menu's ``<a hreflang>`` are navigation)."""


class _Parser(HTMLParser):
    def __init__(self, info: PageInfo) -> None:
        super().__init__(convert_charrefs=True)
        self.info = info
        self._in_title = False
        self._in_head = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        info = self.info
        if tag == "html":
            info.lang = a.get("lang", "")
        elif tag == "body":
            self._in_head = False
        elif tag == "title" and self._in_head:
            self._in_title = True
        elif tag == "meta" and a.get("name") == "description":
            info.description = a.get("content", "")
        elif tag == "link" and a.get("rel") == "canonical":
            info.canonical = a.get("href", "")
        if "id" in a:
            info.ids.add(a["id"])
        if tag == "a" and "name" in a:
            info.ids.add(a["name"])
        if tag == "link" and "hreflang" in a:
            info.hreflang.append(a["href"])
        for attribute in ("href", "src"):
            if a.get(attribute):
                info.references.append((f"{tag}[{attribute}]", a[attribute]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "head":
            self._in_head = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.info.title += data


class Site:
    """A built site folder, its pages parsed once."""

    def __init__(self, folder: Path, site_url: str) -> None:
        self.folder = folder
        self.site_url = site_url if site_url.endswith("/") else site_url + "/"

    @cached_property
    def pages(self) -> dict[str, PageInfo]:
        """Every HTML page by its URL path ('/', '/en/voorbeelden/', '/404.html')."""
        pages = {}
        for path in sorted(self.folder.rglob("*.html")):
            relative = path.relative_to(self.folder)
            if relative.parts[0] in NOT_PAGES:
                continue
            url = "/" + relative.as_posix()
            url = url.removesuffix("index.html")
            info = PageInfo(url)
            parser = _Parser(info)
            parser.feed(path.read_text(encoding="utf-8"))
            info.title = " ".join(info.title.split())
            pages[url] = info
        return pages

    def is_error_page(self, url: str) -> bool:
        return url.endswith("/404.html")

    def local_path(self, url: str) -> str | None:
        """The site path an absolute or relative URL points at, or None if it leaves the site."""
        if url.startswith(self.site_url):
            return "/" + url[len(self.site_url) :]
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            return None
        return url

    def resolve(self, page_url: str, href: str) -> tuple[Path | None, str, str]:
        """(file on disk or None, site path, fragment) for a link on a page."""
        local = self.local_path(href)
        if local is None:
            return None, "", ""
        target = urljoin(page_url, local)
        parts = urlsplit(target)
        path = unquote(parts.path)
        file = self.folder / path.lstrip("/")
        if path.endswith("/") or file.is_dir():
            file = file / "index.html"
        return file, path, parts.fragment


# --- Checks ----------------------------------------------------------------------


def broken_links(site: Site) -> list[Problem]:
    """Internal links, resources and anchors that lead nowhere.

    External links are not followed (the build runs offline), but a link that
    claims to be ours (an absolute URL on site_url, e.g. a canonical link) is.
    """
    problems = []
    for url, info in site.pages.items():
        for where, href in info.references:
            if href.startswith(SKIPPED_SCHEMES) or href == "#":
                continue
            if href.lower().startswith("javascript:"):
                problems.append(Problem(url, f"{where} is a javascript: link ({href})"))
                continue
            file, path, fragment = site.resolve(url, href)
            if file is None:
                continue
            if not file.is_file():
                problems.append(Problem(url, f"{where} '{href}' points at {path}, which does not exist"))
                continue
            if fragment and file.suffix == ".html":
                target = site.pages.get(_page_url(site, file))
                if target is not None and unquote(fragment) not in target.ids:
                    problems.append(Problem(url, f"{where} '{href}': no element with id '{fragment}' on {path}"))
    return problems


def _page_url(site: Site, file: Path) -> str:
    return ("/" + file.relative_to(site.folder).as_posix()).removesuffix("index.html")


def language_problems(site: Site, languages: set[str]) -> list[Problem]:
    """Every page has a valid ``lang`` from the site's languages."""
    problems = []
    for url, info in site.pages.items():
        if not LANG_TAG.match(info.lang):
            problems.append(Problem(url, f"<html lang> is '{info.lang}', not a language tag"))
        elif info.lang.split("-")[0] not in languages:
            problems.append(Problem(url, f"<html lang> is '{info.lang}', not one of {sorted(languages)}"))
    return problems


def title_and_description_problems(site: Site) -> list[Problem]:
    """Every page has a non-empty, unique title and a meta description."""
    problems = []
    titles = Counter(info.title for url, info in site.pages.items() if not site.is_error_page(url))
    for url, info in site.pages.items():
        if not info.title:
            problems.append(Problem(url, "no <title>"))
        elif titles[info.title] > 1:
            problems.append(Problem(url, f"title '{info.title}' is used by {titles[info.title]} pages"))
        if not (info.description or "").strip():
            problems.append(Problem(url, "no <meta name='description'>"))
    return problems


def sitemap_problems(site: Site) -> list[Problem]:
    """The sitemap lists every page (except 404s), with absolute hreflang alternates that exist."""
    sitemap = site.folder / "sitemap.xml"
    if not sitemap.is_file():
        return [Problem("/sitemap.xml", "missing")]
    root = ET.parse(sitemap).getroot()
    listed: set[str] = set()
    problems = []
    for entry in root.findall("s:url", SITEMAP_NS):
        loc = (entry.findtext("s:loc", "", SITEMAP_NS) or "").strip()
        path = site.local_path(loc)
        if path is None or not loc.startswith(site.site_url):
            problems.append(Problem("/sitemap.xml", f"<loc> {loc} is not an absolute URL on {site.site_url}"))
            continue
        listed.add(path)
        for alternate in entry.findall("x:link", SITEMAP_NS):
            href = alternate.get("href", "")
            if not href.startswith(site.site_url):
                problems.append(Problem("/sitemap.xml", f"hreflang alternate '{href}' of {loc} is not absolute"))
            elif (site.local_path(href) or "") not in site.pages:
                problems.append(Problem("/sitemap.xml", f"hreflang alternate '{href}' of {loc} is not a page"))
    for url in site.pages:
        if url not in listed and not site.is_error_page(url):
            problems.append(Problem(url, "not listed in sitemap.xml"))
    return problems


def alternate_problems(site: Site) -> list[Problem]:
    """hreflang alternates and canonical links in pages are absolute URLs of this site."""
    problems = []
    for url, info in site.pages.items():
        for href in info.hreflang:
            if not href.startswith(site.site_url):
                problems.append(Problem(url, f"hreflang alternate '{href}' is not an absolute URL on {site.site_url}"))
        if info.canonical and not info.canonical.startswith(site.site_url):
            problems.append(Problem(url, f"canonical '{info.canonical}' is not an absolute URL on {site.site_url}"))
    return problems


def foreign_resources(site: Site) -> list[Problem]:
    """Resources (scripts, styles, images, frames) the pages load from another host."""
    problems = []
    for url, info in site.pages.items():
        for where, href in info.references:
            if where.startswith("a["):
                continue
            parts = urlsplit(href)
            if (parts.scheme in {"http", "https"} or href.startswith("//")) and not href.startswith(site.site_url):
                problems.append(Problem(url, f"{where} loads {href} from another host"))
    return problems
