"""Privacy and clean loading gate: every kind of built page (of each group of pages
with the same language, section, depth and scripts, the first, the smallest and
the largest), loaded in Chromium from a server on 127.0.0.1, contacts no other
host, sets no cookie, logs no console error and requests nothing that is missing
(no 404s). Nothing we ship mentions an analytics service. That no page at all
loads from another host or links to a missing file is checked on every page's
HTML without a browser (test_seo.py, test_links.py).

Every request to another host is blocked before it leaves (so the check is the
same offline and online) and counted as a failure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Build, own_page
from inspiratieboek.quality.browser_audit import (
    PageLoad,
    analytics_markers,
    describe,
    load_every_page,
    representative_pages,
    serve,
)
from inspiratieboek.quality.site_audit import Site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def host(site: Build) -> Iterator[str]:
    with serve(site.site) as url:
        yield url


@pytest.fixture(scope="module")
def crawl(site: Build, browser: object, host: str) -> list[PageLoad]:
    """Every kind of page of the built site, each loaded in a fresh browser context."""
    paths = [url.lstrip("/") for url in Site(site.site, "https://example.invalid/").pages]
    assert len(paths) > 150, f"only {len(paths)} pages found in {site.site}"
    return load_every_page(browser, host, representative_pages(site.site, paths))


def test_each_kind_of_page_is_loaded_in_both_languages(site: Build) -> None:
    paths = [url.lstrip("/") for url in Site(site.site, "https://example.invalid/").pages]
    chosen = representative_pages(site.site, paths)
    # Every page that loads a script no other page of its language loads is loaded itself
    html = {p: (site.site / p / "index.html" if p.endswith("/") or not p else site.site / p) for p in paths}
    scripts = {
        p: set(re.findall(r'<script\b[^>]*\bsrc="[^"]*?([^/"]+)"', f.read_text(encoding="utf-8")))
        for p, f in html.items()
    }
    for path in paths:
        lang = path.startswith("en/")
        others = set().union(*(scripts[o] for o in paths if o != path and o.startswith("en/") == lang))
        if scripts[path] - others:
            assert path in chosen, f"{path} loads {scripts[path] - others}, no other page does"
    for language in ("", "en/"):
        for page in ("", "voorbeelden/", "zoeken/", "afsprakenmaker/", "404.html"):
            assert language + page in chosen, language + page
    for language in ("", "en/"):
        examples = [
            p for p in chosen if p.startswith(f"{language}voorbeelden/") and p.count("/") == 2 + len(language) // 3
        ]
        assert 1 <= len(examples) <= 3, examples
        assert any(p.startswith(f"{language}factoren/") for p in chosen)
    assert len(chosen) < len(paths) / 6


def test_every_page_loads(crawl: list[PageLoad]) -> None:
    bad = [f"{c.url}: HTTP {c.status}" for c in crawl if c.status != 200]
    assert not bad, describe(bad)


def test_no_page_contacts_another_host(crawl: list[PageLoad]) -> None:
    requests = [f"{c.url}: {u}" for c in crawl for u in c.elsewhere]
    assert not requests, describe(requests)


def test_no_page_sets_a_cookie(crawl: list[PageLoad]) -> None:
    cookies = [f"{c.url}: {cookie}" for c in crawl for cookie in c.cookies]
    assert not cookies, describe(cookies)


def test_no_console_errors_or_failed_requests(crawl: list[PageLoad]) -> None:
    problems = [f"{c.url}: {p}" for c in crawl for p in c.failed + c.console_errors]
    assert not problems, describe(problems)


def test_nothing_we_ship_mentions_analytics(site: Build) -> None:
    assert analytics_markers(site.site) == []


# --- The checker itself can fail -------------------------------------------------------


def test_an_external_font_is_caught(browser: object, tmp_path: Path) -> None:
    # Given a page that loads a web font from Google, sets a cookie and logs an error
    html = (
        '<!doctype html><html lang="nl"><head><title>t</title>'
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<script>document.cookie = "id=1"; console.error("kapot")</script></head>'
        '<body><img src="ontbreekt.png" alt=""></body></html>'
    )
    with own_page(browser, tmp_path, html) as (_page, result):
        pass
    # Then each is reported
    assert result.elsewhere == ["https://fonts.googleapis.com/css?family=Roboto"]
    assert result.cookies == ["id (127.0.0.1)"]
    assert [m for m in result.console_errors if m.startswith("kapot")], result.console_errors
    assert [f for f in result.failed if "ontbreekt.png" in f], result.failed
