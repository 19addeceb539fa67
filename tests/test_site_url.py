"""Honest defaults (issue #18): without ``SITE_URL`` the site makes up no address.

A new user runs the README's commands without SITE_URL. The built site then must
not name ``wonen-gezondheid.example.org`` (or any example.org) anywhere: not on
paper, not in the open data, not in canonical links or a sitemap. With SITE_URL,
that address is used in all those places. The same for the repository: without
EDIT_URI and AANDRAGEN_FORMULIER no page links to a guessed repository.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ENV, TEST_SETTINGS, copy_project, fixture_records, serve
from inspiratieboek.editors import aandragen
from inspiratieboek.publish import book
from markupsafe import Markup

TEXT_FILES = {".html", ".xml", ".csv", ".json", ".js", ".css", ".txt", ".svg"}
PUBLIC = "https://boek.test/wonen/"


def manage_build(project: Path, site: Path, site_url: str | None) -> subprocess.CompletedProcess[str]:
    # Without a site URL: the README's environment, none of the publishing settings.
    unset = {*TEST_SETTINGS, "AANDRAGEN_EMAIL"} if site_url is None else {"SITE_URL"}
    env = {k: v for k, v in ENV.items() if k not in unset} | ({"SITE_URL": site_url} if site_url else {})
    command = [sys.executable, "scripts/manage.py", "build", "--site-dir", str(site)]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def without_url(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The real project (real chapters and records) built with the README's environment: no SITE_URL."""
    project = copy_project(tmp_path_factory.mktemp("zonder"))
    result = manage_build(project, project / "site", None)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site", result.stdout + result.stderr


def test_build_without_site_url_names_no_placeholder_address_anywhere(without_url: tuple[Path, str]) -> None:
    site, _ = without_url
    files = [p for p in site.rglob("*") if p.suffix in TEXT_FILES]
    assert len(files) > 100
    found = [str(p.relative_to(site)) for p in files if "example.org" in p.read_text(encoding="utf-8-sig")]
    assert found == []
    gz = [p for p in site.rglob("*.gz")]
    assert gz == [], "a compressed sitemap would hide an address from the check above"


def test_build_without_site_url_has_no_canonical_links_nor_sitemap_and_says_so_once(
    without_url: tuple[Path, str],
) -> None:
    site, output = without_url
    assert output.count("SITE_URL is niet gezet") == 1, output[-3000:]
    assert not list(site.rglob("sitemap.xml")), "a sitemap needs absolute addresses"
    pages = list(site.rglob("*.html"))
    assert [p for p in pages if 'rel="canonical"' in p.read_text(encoding="utf-8")] == []
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<span data-ib-adres-hier></span>Versie van" in home, "the print header names no address itself"


def test_build_without_repository_settings_links_to_no_guessed_repository(without_url: tuple[Path, str]) -> None:
    """No EDIT_URI, AANDRAGEN_FORMULIER or AANDRAGEN_EMAIL: no edit button, no form link,
    and the page "Voorbeeld aandragen" says plainly that this copy has no route."""
    site, output = without_url
    pages = list(site.rglob("*.html"))
    assert len(pages) > 100
    edit = [str(p.relative_to(site)) for p in pages if 'class="md-content__button' in p.read_text(encoding="utf-8")]
    assert edit == []
    guessed = [str(p.relative_to(site)) for p in pages if "/issues/new" in p.read_text(encoding="utf-8")]
    assert guessed == []
    for path, text in (("voorbeeld-aandragen", "nog geen formulier"), ("en/voorbeeld-aandragen", "no form")):
        page = (site / path / "index.html").read_text(encoding="utf-8")
        assert '<p class="ib-geen-route" role="note">' in page and text in page, path
        assert "mailto:" not in page
    assert output.count(aandragen.NO_ROUTE_WARNING) == 1, output[-3000:]


def test_open_data_without_site_url_give_paths_on_the_site(without_url: tuple[Path, str]) -> None:
    site, _ = without_url
    data = json.loads((site / "voorbeelden.json").read_text(encoding="utf-8"))
    assert data["bron"] == "/" and all(item["url"].startswith("/voorbeelden/") for item in data["voorbeelden"])
    rows = list(
        csv.reader(io.StringIO((site / "en" / "voorbeelden.csv").read_text(encoding="utf-8-sig")), delimiter=";")
    )
    column = rows[0].index(next(h for h in rows[0] if h.lower() in {"pagina", "page"}))
    assert all(row[column].startswith("/en/voorbeelden/") for row in rows[1:])


@pytest.mark.browser
def test_printed_page_names_the_address_it_was_opened_from(without_url: tuple[Path, str], browser: object) -> None:
    site, _ = without_url
    for url in serve(site):
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(url + "printen/")
            page.emulate_media(media="print")
            assert page.inner_text(".ib-afdrukkop__regel").startswith(url + "printen/ · Versie van")
        finally:
            context.close()
        # The PDF step loads pages at an internal address: that one is never printed.
        context = browser.new_context()
        try:
            context.add_init_script("window.ibGeenAdres = true;")
            page = context.new_page()
            page.goto(url + "printen/")
            page.emulate_media(media="print")
            assert page.inner_text(".ib-afdrukkop__regel").startswith("Versie van")
        finally:
            context.close()


def test_build_with_site_url_uses_it_in_canonical_sitemap_open_data_and_print_header(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", fixture_records("synthetisch-a", "synthetisch-b"))
    result = manage_build(project, project / "site", PUBLIC)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SITE_URL is niet gezet" not in result.stdout + result.stderr
    assert aandragen.NO_ROUTE_WARNING not in result.stdout + result.stderr
    site = project / "site"
    form = (site / "voorbeeld-aandragen" / "index.html").read_text(encoding="utf-8")
    assert f'<a href="{TEST_SETTINGS["AANDRAGEN_FORMULIER"]}">' in form and "ib-geen-route" not in form
    edit = TEST_SETTINGS["EDIT_URI"] + "voorbeeld-aandragen.md"
    assert f'href="{edit}"' in form, "the edit button points into EDIT_URI"
    page = (site / "voorbeelden" / "synthetisch-a" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{PUBLIC}voorbeelden/synthetisch-a/">' in page
    assert f'<p class="ib-afdrukkop__regel">{PUBLIC}voorbeelden/synthetisch-a/ · Versie van' in page
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{PUBLIC}voorbeelden/synthetisch-a/</loc>" in sitemap
    assert f'hreflang="en" href="{PUBLIC}en/voorbeelden/synthetisch-a/"' in sitemap
    data = json.loads((site / "en" / "voorbeelden.json").read_text(encoding="utf-8"))
    assert data["bron"] == f"{PUBLIC}en/"
    assert {item["url"] for item in data["voorbeelden"]} == {
        f"{PUBLIC}en/voorbeelden/synthetisch-a/",
        f"{PUBLIC}en/voorbeelden/synthetisch-b/",
    }
    assert f"{PUBLIC}voorbeelden/synthetisch-b/" in (site / "voorbeelden.csv").read_text(encoding="utf-8-sig")


# --- The PDF book without SITE_URL ------------------------------------------------------


def test_book_without_site_url_has_no_address_on_the_cover_nor_links_to_it(tmp_path: Path) -> None:
    links = book.Links(book.LOCAL_ADDRESS + "en/", {"factoren/werk/": "h-werk"}, public=False)
    assert links.rewrite("../../voorbeelden/", "factoren/zorg/", "h-zorg") == ""
    assert links.rewrite("../werk/", "factoren/zorg/", "h-zorg") == "#h-werk"
    page = tmp_path / "site" / "factoren" / "zorg" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        '<article class="md-content__inner"><h1>Zorg</h1><p><a href="../../voorbeelden/">Alle</a></p></article>',
        encoding="utf-8",
    )
    article = book.read_article(tmp_path / "site", "", "factoren/zorg/", "h-zorg", links)
    assert "<a>Alle</a>" in str(article.html) and "invalid" not in str(article.html)
    assert book.public_address({"site_url": None}) == book.LOCAL_ADDRESS
    assert book.public_address({"site_url": "https://boek.test/x"}) == "https://boek.test/x/"

    def cover(address: str) -> str:
        return book.Book(
            lang="nl",
            address=address,
            title="Boek",
            subtitle="",
            rights="",
            date="1 januari 2026",
            stylesheets=[],
            body_attributes=Markup(""),
            chapters=[],
            appendix={"key": "bijlage", "title": "Bijlage", "intro": "", "groups": []},
            appendix_before=0,
            contents=[],
        ).html()

    assert "Online editie" not in cover(book.LOCAL_ADDRESS) and "invalid" not in cover(book.LOCAL_ADDRESS)
    assert f"Online editie: {PUBLIC}" in cover(PUBLIC)


def test_readme_commands_set_no_site_url() -> None:
    """The premise of this file: the README's commands run without SITE_URL."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for marker in ("<!-- serve-command -->", "<!-- test-command -->"):
        command = readme.split(marker)[1].split("```")[1]
        assert "SITE_URL" not in command
