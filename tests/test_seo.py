"""Correctness gate, page metadata: a valid ``lang`` on every page, a unique
``<title>`` and a meta description on every page, a sitemap that lists every
page, and hreflang alternates that are absolute URLs.

Why the alternates live in the sitemap: see ``drop_head_hreflang`` in
scripts/inspiratieboek/site/theme_fixes.py (the head copies were relative and made Material's language
selector request a missing sitemap.xml on every page view).
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import Build
from inspiratieboek.quality.browser_audit import describe
from inspiratieboek.quality.site_audit import (
    Site,
    alternate_problems,
    foreign_resources,
    language_problems,
    sitemap_problems,
    title_and_description_problems,
)

SITE_URL = "https://wonen-gezondheid.example.org/"


def _site(build: Build) -> Site:
    return Site(build.site, SITE_URL)


def test_every_page_has_a_valid_lang(site: Build) -> None:
    problems = language_problems(_site(site), {"nl", "en"})
    assert not problems, describe(problems)


def test_english_pages_say_so_and_dutch_pages_too(site: Build) -> None:
    pages = _site(site).pages
    assert pages["/"].lang == "nl" and pages["/en/"].lang == "en"
    assert pages["/404.html"].lang == "nl" and pages["/en/404.html"].lang == "en"


def test_every_page_has_a_unique_title_and_a_description(site: Build) -> None:
    problems = title_and_description_problems(_site(site))
    assert not problems, describe(problems)


def test_sitemap_lists_every_page_with_absolute_alternates(site: Build) -> None:
    problems = sitemap_problems(_site(site))
    assert not problems, describe(problems)
    sitemap = (site.site / "sitemap.xml").read_text(encoding="utf-8")
    assert f'hreflang="en" href="{SITE_URL}en/"' in sitemap


def test_no_relative_hreflang_and_absolute_canonical_links(site: Build) -> None:
    audit = _site(site)
    problems = alternate_problems(audit)
    assert not problems, describe(problems)
    assert all(info.canonical for url, info in audit.pages.items() if not audit.is_error_page(url))


def test_no_head_alternates_that_make_the_theme_fetch_a_missing_sitemap(site: Build) -> None:
    html = site.html("factoren/werk/")
    assert not re.search(r'<link rel="alternate"[^>]*hreflang', html)
    # The language menu still links to the same page in the other language.
    assert 'href="../../en/factoren/werk/" hreflang="en"' in html


def test_no_resource_is_loaded_from_another_host(site: Build) -> None:
    problems = foreign_resources(_site(site))
    assert not problems, describe(problems)


def test_header_search_has_a_name_in_each_language(site: Build) -> None:
    assert 'role="search" action="zoeken/" method="get" aria-label="Zoek in het boek"' in site.html("")
    assert 'role="search" action="zoeken/" method="get" aria-label="Search the book"' in site.html("en/")


# --- The checker itself can fail -------------------------------------------------------


def test_checkers_find_missing_metadata(tmp_path: Path) -> None:
    # Given two pages with the same title, one without description or lang,
    # a relative hreflang link, and a sitemap that forgets a page
    (tmp_path / "a").mkdir()
    head = '<head><title>Zelfde</title><link rel="alternate" href="/en/" hreflang="en">'
    (tmp_path / "index.html").write_text(
        f'<html lang="nl">{head}<meta name="description" content="x"></head></html>', encoding="utf-8"
    )
    (tmp_path / "a" / "index.html").write_text(f'<html lang="Nederlands">{head}</head></html>', encoding="utf-8")
    (tmp_path / "sitemap.xml").write_text(
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{SITE_URL}</loc></url></urlset>',
        encoding="utf-8",
    )
    audit = Site(tmp_path, SITE_URL)
    assert [str(p) for p in language_problems(audit, {"nl", "en"})] == [
        "/a/: <html lang> is 'Nederlands', not a language tag"
    ]
    assert sorted(str(p) for p in title_and_description_problems(audit)) == [
        "/: title 'Zelfde' is used by 2 pages",
        "/a/: no <meta name='description'>",
        "/a/: title 'Zelfde' is used by 2 pages",
    ]
    assert [str(p) for p in sitemap_problems(audit)] == ["/a/: not listed in sitemap.xml"]
    assert len(alternate_problems(audit)) == 2
