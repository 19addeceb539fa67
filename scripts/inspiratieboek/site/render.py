"""Turn records into Markdown pages: pure functions from data to text.

Why: the generator writes these pages to disk, the hook puts the factor lists
into the chapters, and the tests compare them, all without running MkDocs.
What a page shows of an example comes from its view (:mod:`views`); a generated
page comes out whole (:class:`Page`: path, front matter, body), so the generator
only writes it.

Text from records is data, never markup. Every string is HTML-escaped (Jinja
autoescape), inline Markdown is backslash-escaped, and the Markdown fields
(``aanpak``, ``resultaten``) are converted here with raw HTML escaped and only
web links kept, so a hostile record cannot put live markup in a page.
"""

from __future__ import annotations

import functools
import html
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import markdown
import material
from markupsafe import Markup

from inspiratieboek.data.records import Catalog, Factor, Record
from inspiratieboek.site.editions import suffix
from inspiratieboek.site.labels import label
from inspiratieboek.site.searchform import search_form
from inspiratieboek.site.views import ExampleView, Text, example_view, example_views
from inspiratieboek.site.views import localized as localized  # re-exported: older callers import it from here

TEMPLATES = Path(__file__).resolve().parents[3] / "overrides" / "ib"
MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
"""Python-Markdown's own escapable characters (ESCAPED_CHARS); others would show a backslash."""
LIST_LIMIT = 60
"""Examples listed in a factor chapter; beyond that the chapter links to the factor index."""
PAGE_SIZE = 60
"""Examples per page of a factor index (``/voorbeelden/factor/<slug>/``)."""
OVERVIEW_LIMIT = 100
"""Up to this many examples the overview lists them all; beyond it, the first few per factor."""
OVERVIEW_PER_FACTOR = 10
HEADING = re.compile(r"<(/?)h([1-6])\b")
IMAGE = re.compile(r'<img\b[^>]*?alt="([^"]*)"[^>]*>|<img\b[^>]*>')
SAFE_HREF = re.compile(r'(href|src)="([^"]*)"')


# --- Escaping --------------------------------------------------------------------


def md_inline(text: str) -> Markup:
    """Text for an inline Markdown context (a heading, link text): shown literally."""
    escaped = html.escape(" ".join(text.split()), quote=True)
    return Markup(MD_SPECIAL.sub(r"\\\1", escaped))


@functools.lru_cache(maxsize=8192)
def safe_markdown(text: str) -> Markup:
    """Convert an editor's Markdown to HTML with raw HTML escaped and unsafe links removed.

    Cached (a pure function of the text): a Dutch text shown on the English page too
    is converted once per build, and the preview converts an unchanged record never
    again (at 81 examples this was about a tenth of a preview rebuild)."""
    converted = _MARKDOWN.reset().convert(text)
    # Headings in a field sit below the page's own H2 sections: demote them by two.
    converted = HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 2, 6)}", converted)
    # Images would load from another host (a third-party request): keep only their text.
    converted = IMAGE.sub(lambda m: html.escape(html.unescape(m.group(1) or ""), quote=False), converted)
    return Markup(SAFE_HREF.sub(_safe_href, converted))


def _converter() -> markdown.Markdown:
    """Markdown without raw HTML: tags in a field stay text, escaped once by Markdown itself.

    Escaping the text before converting (as before) escaped ``&``, ``<`` and ``>`` in
    inline code twice, so a reader saw "a &lt; b". Without the raw-HTML block and
    inline processors Markdown treats a tag as text and escapes it the one time it
    should, in code and in prose alike.
    """
    converter = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    return converter


_MARKDOWN = _converter()
"""One converter for every field: building a Markdown instance costs more than converting."""


def _safe_href(match: re.Match[str]) -> str:
    target = html.unescape(match.group(2)).strip().lower()
    ok = target.startswith(("https://", "http://", "mailto:"))
    return match.group(0) if ok else f'{match.group(1)}="#"'


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_inline
    return env


ENV = _environment()


# --- The example page's data ------------------------------------------------------


@dataclass(frozen=True)
class ExamplePage:
    """What the example page shows beyond its view: the long texts as safe HTML and
    the related examples' views."""

    view: ExampleView
    approach: Text | None
    results: Text | None
    agreement: Text | None
    related: tuple[ExampleView, ...]


def example_page(view: ExampleView, related: list[ExampleView]) -> ExamplePage:
    """The view plus its Markdown fields converted to safe HTML (same language marks)."""

    def html_of(text: Text | None) -> Text | None:
        return Text(safe_markdown(text.value), text.lang) if text else None

    return ExamplePage(view, html_of(view.approach), html_of(view.results), html_of(view.agreement), tuple(related))


@dataclass(frozen=True)
class Page:
    """A whole generated page: where it goes (relative to ``docs/voorbeelden/``,
    with the language's suffix), its front matter and its Markdown body.
    The generator only writes it."""

    path: str
    meta: dict[str, Any]
    body: str


def _escape(text: str) -> str:
    """Material prints ``page.meta.title`` and ``description`` without escaping."""
    return html.escape(" ".join(str(text).split()), quote=True)


# --- Related examples ------------------------------------------------------------


def related_examples(catalog: Catalog, limit: int = 3) -> dict[str, list[Record]]:
    """Up to ``limit`` related records per record, without comparing every pair.

    Related = same main factor and a shared theme or target group (most shared
    first), topped up with records from the same province. Inverted indexes keep
    this linear in the number of records, so thousands of examples stay fast.
    """
    by_tag: dict[tuple[str, str], list[Record]] = defaultdict(list)
    by_province: dict[str, list[Record]] = defaultdict(list)
    for record in catalog.records:
        for tag in _tags(record):
            by_tag[(record.main_factor, tag)].append(record)
        by_province[str(record.get("provincie"))].append(record)
    result: dict[str, list[Record]] = {}
    for record in catalog.records:
        scores: Counter[str] = Counter()
        lookup: dict[str, Record] = {}
        for tag in _tags(record):
            for other in by_tag[(record.main_factor, tag)][:200]:
                if other.id != record.id:
                    scores[other.id] += 1
                    lookup[other.id] = other
        ranked = sorted(scores, key=lambda rid: (-scores[rid], rid))[:limit]
        chosen = [lookup[rid] for rid in ranked]
        for other in by_province[str(record.get("provincie"))]:
            if len(chosen) >= limit:
                break
            if other.id != record.id and other not in chosen:
                chosen.append(other)
        result[record.id] = chosen
    return result


def _tags(record: Record) -> list[str]:
    return [f"t:{t}" for t in record.get("themas") or [] if isinstance(t, str)] + [
        f"d:{d}" for d in record.get("doelgroepen") or [] if isinstance(d, str)
    ]


# --- Pages -----------------------------------------------------------------------


def sort_key(record: Record) -> tuple[str, str]:
    return (str(record.get("titel") or "").casefold(), record.id)


def records_for_factor(catalog: Catalog, slug: str) -> list[Record]:
    """Examples that serve a factor (main or not), in title order."""
    return sorted((r for r in catalog.records if slug in r.factors), key=sort_key)


def by_main_factor(catalog: Catalog, views: Mapping[str, ExampleView]) -> list[tuple[Factor, list[ExampleView]]]:
    """Each factor, in the vocabulary's order, with the views of the examples whose main
    factor it is, in title order: the overview's groups and the book's appendix, so
    the page and the paper list the same examples in the same order."""
    ordered = sorted(catalog.records, key=sort_key)
    return [
        (factor, [views[r.id] for r in ordered if r.main_factor == slug])
        for slug, factor in catalog.vocab.factoren.items()
    ]


def _cards(
    records: list[Record], catalog: Catalog, lang: str, views: Mapping[str, ExampleView] | None
) -> list[ExampleView]:
    """The views of ``records``: from ``views`` when the caller built them all, else built here."""
    return [views[r.id] if views is not None else example_view(r, catalog, lang) for r in records]


def render_example(record: Record, catalog: Catalog, related: list[Record], lang: str) -> str:
    """The body of one example page (see :func:`pages` for the whole page)."""
    return _example_body(example_view(record, catalog, lang), _cards(related, catalog, lang, None))


def _example_body(view: ExampleView, related: list[ExampleView]) -> str:
    page = example_page(view, related)
    return ENV.get_template("voorbeeld.md.html").render(page=page, view=view, lang=view.lang, t=label(view.lang))


def example_meta(view: ExampleView) -> dict[str, Any]:
    """Front matter of an example page; ``ib_bron`` lets the hook point the edit link at the record."""
    return {
        "title": _escape(view.title.value),
        "description": _escape(view.summary.value if view.summary else ""),
        "ib_bron": view.source_file,
    }


def render_overview(catalog: Catalog, lang: str, views: Mapping[str, ExampleView] | None = None) -> str:
    """All examples by main factor; past ``OVERVIEW_LIMIT`` the first few per factor
    plus a link to that factor's index, so the page stays light at any size."""
    limit = None if len(catalog.records) <= OVERVIEW_LIMIT else OVERVIEW_PER_FACTOR
    groups = [
        {"factor": factor, "total": len(cards), "cards": cards[:limit]}
        for factor, cards in by_main_factor(catalog, views if views is not None else example_views(catalog, lang))
    ]
    return ENV.get_template("overzicht.md.html").render(
        groups=groups, total=len(catalog.records), lang=lang, t=label(lang), search=search_form(catalog, lang)
    )


def overview_page(catalog: Catalog, lang: str, views: Mapping[str, ExampleView] | None = None) -> Page:
    """The overview ``/voorbeelden/``: its search form and every example by factor."""
    t = label(lang)
    meta = {
        "title": t["examples"],
        "description": t["overview_description"],
        "hide": ["toc"],
        "ib_bron": "",
        "ib_pagina": "overzicht",
    }
    return Page(f"index{suffix(lang)}.md", meta, render_overview(catalog, lang, views))


def render_search_page(catalog: Catalog, lang: str) -> str:
    """The results page's search (``/zoeken/``): the overview's form, which there
    also lists chapter sections (marker ``<!-- zoekpagina -->`` in docs/zoeken.md)."""
    return ENV.get_template("zoekpagina.md.html").render(
        lang=lang, t=label(lang), search=search_form(catalog, lang, page="pagina")
    )


def render_factor_list(catalog: Catalog, factor: Factor, lang: str) -> str:
    """The list inside a factor chapter: every example of the factor, up to ``LIST_LIMIT``."""
    records = records_for_factor(catalog, factor.slug)
    cards = _cards(records[:LIST_LIMIT], catalog, lang, None)
    return ENV.get_template("factorlijst.md.html").render(
        cards=cards, total=len(records), factor=factor, lang=lang, t=label(lang)
    )


def factor_index_pages(catalog: Catalog, lang: str, views: Mapping[str, ExampleView] | None = None) -> list[Page]:
    """Paginated index of each factor: ``factor/<slug>/index.md``, ``factor/<slug>/2.md``, ...

    Page 1 is the folder's index; later pages are one level deeper in the URL
    (``/voorbeelden/factor/zorg/2/``), hence the ``up`` prefix for relative links.
    """
    pages: list[Page] = []
    t = label(lang)
    for slug, factor in catalog.vocab.factoren.items():
        records = records_for_factor(catalog, slug)
        count = max(1, -(-len(records) // PAGE_SIZE))
        title = t["factor_index_title"].format(factor=factor.name(lang))
        for number in range(1, count + 1):
            name = "index" if number == 1 else str(number)
            chunk = records[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
            up = "" if number == 1 else "../"
            body = ENV.get_template("factorindex.md.html").render(
                factor=factor,
                cards=_cards(chunk, catalog, lang, views),
                total=len(records),
                number=number,
                pages=count,
                up=up,
                lang=lang,
                t=t,
                # URLs, not .md links: raw HTML keeps the page free of md_in_html (slow at scale).
                previous=None if number == 1 else ("../" if number == 2 else f"../{number - 1}/"),
                next=f"{up}{number + 1}/" if number < count else None,
            )
            meta = {
                "title": title if number == 1 else f"{title} ({t['page'].format(page=number)})",
                "description": t["factor_index_description"].format(factor=factor.name(lang), page=number),
                "ib_bron": "",
            }
            pages.append(Page(f"factor/{slug}/{name}{suffix(lang)}.md", meta, body))
    return pages


def pages(catalog: Catalog, lang: str, related: dict[str, list[Record]] | None = None) -> list[Page]:
    """Every generated page of one language: the overview, the factor indexes and
    one page per example. Each example's view is built once here and shared by
    its page, the lists it appears in and the pages it is related to."""
    views = example_views(catalog, lang)
    related = related if related is not None else related_examples(catalog)
    found = [overview_page(catalog, lang, views), *factor_index_pages(catalog, lang, views)]
    for view in views.values():
        body = _example_body(view, [views[r.id] for r in related[view.id]])
        found.append(Page(f"{view.id}{suffix(lang)}.md", example_meta(view), body))
    return found


def render_factor_indexes(catalog: Catalog, lang: str) -> str:
    """Links to each factor's index of examples, with counts (the "Trefwoorden" page)."""
    t = label(lang)
    lines = []
    for slug, factor in catalog.vocab.factoren.items():
        count = len(records_for_factor(catalog, slug))
        lines.append(
            f"- [{md_inline(factor.name(lang))}](voorbeelden/factor/{slug}/index.md): {count} {t['examples_count']}"
        )
    return "\n".join(lines) + "\n"


def icon_svg(name: str, colour: str = "") -> Markup:
    """A Material icon (e.g. ``material/home-heart``) as inline SVG, hidden from screen readers.

    Inline, so no extra request; the factor's colour goes in the SVG's own ``fill``.
    """
    path = Path(material.__file__).parent / "templates" / ".icons" / f"{name}.svg"
    if not path.is_file():
        raise ValueError(f"data/factoren.yml: icoon '{name}' bestaat niet in Material (zie .icons/material/)")
    svg = path.read_text(encoding="utf-8")
    fill = f' fill="{html.escape(colour)}"' if re.fullmatch(r"#[0-9a-fA-F]{6}", colour or "") else ""
    return Markup(svg.replace("<svg ", f'<svg aria-hidden="true" focusable="false" class="ib-icoon"{fill} ', 1))


def render_factor_cards(catalog: Catalog, lang: str) -> str:
    counts = {slug: len(records_for_factor(catalog, slug)) for slug in catalog.vocab.factoren}
    icons = {f.slug: icon_svg(f.icoon, f.kleur) for f in catalog.vocab.factoren.values()}
    return ENV.get_template("factorkaarten.md.html").render(
        factors=list(catalog.vocab.factoren.values()), counts=counts, icons=icons, lang=lang, t=label(lang)
    )
