"""MkDocs hooks: thin wiring between MkDocs events and the modules beside this file.

Why hooks at all: ``mkdocs serve`` and ``mkdocs build`` must regenerate the example
pages from ``data/`` without a separate step (``watch: [data]`` in mkdocs.yml
makes a record edit trigger a rebuild). Everything else happens in plain modules
that tests call directly. mkdocs-static-i18n runs the whole build once per
language, so each hook looks at the language of the run or of the page.
"""

from __future__ import annotations

import re
from html import escape, unescape
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from inspiratieboek.data.records import DataError
from inspiratieboek.editors import aandragen
from inspiratieboek.publish import opendata
from inspiratieboek.search import searchbox, zoekindex
from inspiratieboek.site import address, begrippen, editions, generate, paper
from inspiratieboek.site.labels import label
from inspiratieboek.site.render import (
    render_factor_cards,
    render_factor_indexes,
    render_factor_list,
    render_search_page,
)
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

if TYPE_CHECKING:
    from inspiratieboek.data.records import Catalog
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

MARKER = re.compile(r"<!--\s*([a-z]+)((?:\s[^>]*?)?)-->")
"""Our markers; Material's own (``<!-- material/tags -->``) do not match."""
HTML_LANG = re.compile(r'<html lang="[^"]*"')
HEAD_HREFLANG = re.compile(r'\n?[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
THEME_BUNDLE = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')
MORE_LINK = re.compile(r'<p class="ib-meer"><a href="([^"]+)"')
_saved_404: dict[str, bytes] = {}
_build_catalog: dict[str, Catalog] = {}
"""The catalog validated in this build's on_pre_build, per config file. Later events
reuse it: checking the data folder's fingerprint on every page would cost one
``stat`` per record per page, which grows with the square of the collection."""


def _data_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent / "data"


def _catalog(config: MkDocsConfig) -> Catalog:
    """This build's catalog (see ``_build_catalog``), loading it if no build ran yet."""
    return _build_catalog.get(config.config_file_path) or generate.load_catalog(_data_dir(config))


def _build_language(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or config.theme["language"]


def _default_language(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "default_language", None) or "nl"


def _page_language(page: Page, config: MkDocsConfig) -> str:
    return getattr(page.file, "locale", None) or _build_language(config)


# --- Generation ------------------------------------------------------------------


def on_pre_build(config: MkDocsConfig) -> None:
    """Validate the data and write the generated pages before files are collected."""
    try:
        catalog, _ = generate.generate(_data_dir(config), Path(config.docs_dir))
        _build_catalog[config.config_file_path] = catalog
    except DataError as exc:
        raise PluginError(f"De voorbeelden bevatten fouten; er is niets gebouwd.\n{exc}") from None


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace markers such as ``<!-- voorbeelden factor=werk -->`` with generated lists,
    and say so on a page shown in another language than the edition's (a fallback).
    The glossary (``data/begrippen.yml``) adds its abbreviations, or its list on Begrippen."""
    if _page_language(page, config) != _build_language(config):
        markdown = _fallback_notice(_build_language(config)) + markdown
    markdown = begrippen.prepare_markdown(markdown, _page_language(page, config), _data_dir(config) / "begrippen.yml")
    markdown = paper.pdf_only(markdown, Path(config.docs_dir), _build_language(config), _default_language(config))
    if "<!--" not in markdown:
        return markdown
    catalog = _catalog(config)
    lang = _page_language(page, config)

    def replace(match: re.Match[str]) -> str:
        name, args = match.group(1), dict(re.findall(r"(\w+)=([\w-]+)", match.group(2)))
        if name == "factorkaarten":
            return render_factor_cards(catalog, lang)
        if name == "factorindexen":
            return render_factor_indexes(catalog, lang)
        if name == "voorbeelden" and args.get("factor") in catalog.vocab.factoren:
            return render_factor_list(catalog, catalog.vocab.factoren[args["factor"]], lang)
        if name == "zoekpagina":
            return render_search_page(catalog, lang)
        if name == "aandragen":
            try:
                return aandragen.render_routes(config.extra.get("aandragen") or {}, lang)
            except ValueError as exc:
                raise PluginError(str(exc)) from None
        raise PluginError(
            f"{page.file.src_uri}: onbekende markering '{match.group(0)}'"
            f" (toegestaan: <!-- factorkaarten -->, <!-- factorindexen -->, <!-- voorbeelden factor=SLUG -->"
            f" met SLUG uit data/factoren.yml, <!-- aandragen -->, <!-- zoekpagina -->)"
        )

    return MARKER.sub(replace, markdown)


def _fallback_notice(lang: str) -> str:
    text = label(lang)["not_translated_page"]
    return f'<p class="ib-vertaling" lang="{lang}">{text}</p>\n\n' if text else ""


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    """Point a generated page's edit link at its YAML record (or hide it)."""
    source = page.meta.get("ib_bron")
    if source is not None and config.edit_uri:
        page.edit_url = urljoin(urljoin(config.repo_url or "", config.edit_uri), "../" + source) if source else None
    # Print header, running footer and PDF links for partials/ib-acties.html.
    context["ib_print"] = paper.print_context(page, config, _build_language(config), _default_language(config))
    context["ib_zoekvak"] = searchbox.box_context(_build_language(config), _default_language(config))
    return context


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    """The header search box on pages without a page (the 404 page)."""
    context["ib_zoekvak"] = searchbox.box_context(_build_language(config), _default_language(config))
    return context


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Keep one glossary tooltip per term (the first use), and give each shortened
    list's "all N examples" link its full public address.

    On paper a link is only its text, and this one points inside the site, so the
    print CSS shows ``data-ib-adres`` after it. Written here, from the page's
    canonical URL, it needs no JavaScript and names the public site, not the
    address the page happens to be opened from.
    """
    html = begrippen.first_use_only(html)
    if not page.canonical_url or 'class="ib-meer"' not in html:
        return html
    return MORE_LINK.sub(
        lambda m: f'{m.group(0)} data-ib-adres="{escape(urljoin(page.canonical_url, unescape(m.group(1))))}"', html
    )


@event_priority(-200)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Set ``<html lang>`` from the page's own language.

    mkdocs-static-i18n builds untranslated pages under /en/ with the Dutch text but
    ``lang="en"``; screen readers would then read Dutch with English rules.
    """
    output = HTML_LANG.sub(f'<html lang="{_page_language(page, config)}"', output, count=1)
    return _repair_theme_html(output)


def _repair_theme_html(output: str) -> str:
    """Repair what Material + mkdocs-static-i18n get wrong on every page.

    - The per-page ``<link rel="alternate" hreflang>`` tags in ``<head>`` are
      relative (search engines need absolute URLs), and Material's language
      selector fetches ``sitemap.xml`` next to each one: two 404s per page view.
      The sitemap static-i18n writes already lists every page with absolute
      hreflang alternates (a form search engines accept), so the head copies go.
      The language menu in the header keeps working: it has its own links.
    - Material's bundle is a plain script at the end of the page. Deferred, it no
      longer counts as holding up the first paint (Lighthouse's mobile estimate
      drops by about 0.4 s), and it still runs before DOMContentLoaded, which it
      waits for. Our scripts are deferred too (mkdocs.yml, ib-scripts.html), so
      they still run after it, in order.
    """
    output = THEME_BUNDLE.sub(r'<script defer src="\1"></script>', output, count=1)
    return HEAD_HREFLANG.sub("", output)


# --- Keep the Dutch 404 page (mkdocs-static-i18n issue #284) -----------------------


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """Remember each language's 404 page; static-i18n lets the last language win."""
    if template_name == "404.html":
        lang = _build_language(config)
        output = _repair_theme_html(HTML_LANG.sub(f'<html lang="{lang}"', output, count=1))
        _saved_404[lang] = output
    return output


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    """Write the default language's 404 page at the root and the others under /<lang>/."""
    default = _default_language(config)
    site = Path(config.site_dir)
    for lang, output in _saved_404.items():
        page = site / "404.html" if lang == default else site / lang / "404.html"
        if page.parent.is_dir():
            page.write_text(output, encoding="utf-8")
    # Open data and search indexes once per full build, when every language is on
    # disk: the outer run gets here after mkdocs-static-i18n (-100) built the other
    # languages inside it; during those inner builds the plugin's ``building`` flag is set.
    i18n = config.plugins.get("i18n")
    if not getattr(i18n, "building", False):
        # Open data next to each language's pages (voorbeelden.json/.csv, schema at the root).
        opendata.write_open_data(_catalog(config), site, editions.languages(), config.site_url or "")
        languages = list(getattr(i18n, "build_languages", None) or [default])
        if not address.is_public(config.site_url):
            address.drop_sitemaps(site, languages)  # a sitemap needs absolute addresses: SITE_URL
        try:
            # The book's search index: examples from data/, chapters from the pages just built.
            zoekindex.write(site, _catalog(config), languages, default)
        except RuntimeError as exc:
            raise PluginError(str(exc)) from None
