"""MkDocs hooks: thin wiring between MkDocs events and the modules beside this file.

Why hooks at all: ``mkdocs serve`` and ``mkdocs build`` must regenerate the example
pages from ``data/`` without a separate step (``watch: [data]`` in mkdocs.yml
makes a record edit trigger a rebuild). Everything else happens in plain modules
that tests call directly. mkdocs-static-i18n runs the whole build once per
language, so each hook looks at the language of the run or of the page.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from inspiratieboek.data.records import DataError
from inspiratieboek.editors import aandragen
from inspiratieboek.publish import afspraken_opendata, opendata
from inspiratieboek.search import searchbox, zoekindex
from inspiratieboek.site import (
    address,
    afsprakenmaker,
    begrippen,
    editions,
    editions_side_by_side,
    generate,
    paper,
    raw_html,
    theme_fixes,
)
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
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

MARKER = re.compile(r"<!--\s*([a-z]+)((?:\s[^>]*?)?)-->")
"""Our markers; Material's own (``<!-- material/tags -->``) do not match."""
_saved_404: dict[str, str] = {}
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
    return str(getattr(i18n, "current_language", None) or config.theme["language"])


def _default_language(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "default_language", None) or "nl"


def _page_language(page: Page, config: MkDocsConfig) -> str:
    return getattr(page.file, "locale", None) or _build_language(config)


# --- The editions side by side (site/editions_side_by_side.py) ----------------------


def on_startup(command: str, dirty: bool) -> None:
    editions_side_by_side.started(command)


@event_priority(-150)  # after mkdocs-static-i18n's on_files (-100): the state its next build starts from
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Start building the other editions in a child process while this one builds the default."""
    editions_side_by_side.fork_other_editions(config, _saved_404)
    return nav


def on_build_error(error: Exception) -> None:
    editions_side_by_side.abandon()
    raw_html.forget()


def on_shutdown() -> None:
    editions_side_by_side.abandon()


# --- Generation ------------------------------------------------------------------


def on_pre_build(config: MkDocsConfig) -> None:
    """Validate the data and write the generated pages before files are collected."""
    try:
        glossary = _data_dir(config) / "begrippen.yml"
        if glossary.exists():
            begrippen.terms_at(glossary)  # a broken glossary stops the build here, before any page
        catalog, _ = generate.generate(_data_dir(config), Path(config.docs_dir))
        _build_catalog[config.config_file_path] = catalog
    except (DataError, begrippen.GlossaryError) as exc:
        raise PluginError(f"De voorbeelden bevatten fouten; er is niets gebouwd.\n{exc}") from None


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace markers such as ``<!-- voorbeelden factor=werk -->`` with generated lists,
    and say so on a page shown in another language than the edition's (a fallback).
    The glossary (``data/begrippen.yml``) adds its abbreviations, or its list on Begrippen.
    A generated page's raw HTML blocks then go around Markdown (``raw_html``)."""
    markdown = _fill_markers(markdown, page, config)
    if page.file.src_uri.startswith(f"{generate.GENERATED}/"):
        markdown = raw_html.set_aside(markdown, page.file.src_uri)
    return markdown


def _fill_markers(markdown: str, page: Page, config: MkDocsConfig) -> str:
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
        if name == "afsprakenmaker":
            return afsprakenmaker.render_afsprakenmaker(catalog, lang)
        if name == "aandragen":
            try:
                return aandragen.render_routes(config.extra.get("aandragen") or {}, lang)
            except ValueError as exc:
                raise PluginError(str(exc)) from None
        raise PluginError(
            f"{page.file.src_uri}: onbekende markering '{match.group(0)}'"
            f" (toegestaan: <!-- factorkaarten -->, <!-- factorindexen -->, <!-- voorbeelden factor=SLUG -->"
            f" met SLUG uit data/factoren.yml, <!-- aandragen -->, <!-- zoekpagina -->,"
            f" <!-- afsprakenmaker -->)"
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
    list's "all N examples" link its public address for print (``theme_fixes``).

    Written here, from the page's canonical URL, it needs no JavaScript and names
    the public site, not the address the page happens to be opened from.
    """
    html = raw_html.put_back(html, page.file.src_uri)
    html = begrippen.first_use_only(html)
    return theme_fixes.more_link_address(html, page.canonical_url) if page.canonical_url else html


@event_priority(-200)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Repair Material's HTML (``theme_fixes``): the page's own ``<html lang>``, no
    relative head alternates, the theme's script deferred."""
    return theme_fixes.repair_page(output, _page_language(page, config))


# --- Keep the Dutch 404 page (mkdocs-static-i18n issue #284) -----------------------


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """Remember each language's 404 page; static-i18n lets the last language win."""
    if template_name == "404.html":
        lang = _build_language(config)
        output = theme_fixes.repair_page(output, lang)
        _saved_404[lang] = output
    return output


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    """Write the default language's 404 page at the root and the others under /<lang>/."""
    editions_side_by_side.join_other_editions(config, _saved_404)  # the other editions are on disk after this
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
        # The Afsprakenmaker's agreements too: afspraken.json/.csv, afspraak.schema.json at the root.
        afspraken_opendata.write(
            _catalog(config), site, editions.languages(), config.site_url or "", opendata.built_at()
        )
        languages = list(getattr(i18n, "build_languages", None) or [default])
        if not address.is_public(config.site_url):
            address.drop_sitemaps(site, languages)  # a sitemap needs absolute addresses: SITE_URL
        try:
            # The book's search index: examples from data/, chapters from the pages just built.
            zoekindex.write(site, _catalog(config), languages, default)
        except RuntimeError as exc:
            raise PluginError(str(exc)) from None
