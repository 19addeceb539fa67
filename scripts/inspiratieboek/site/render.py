"""Turn records into Markdown pages: pure functions from data to text.

Why: the generator writes these strings to disk, the hook puts the factor lists
into the chapters, and the tests compare them, all without running MkDocs.

Text from records is data, never markup. Every string is HTML-escaped (Jinja
autoescape), inline Markdown is backslash-escaped, and the Markdown fields
(``aanpak``, ``resultaten``) are converted here with raw HTML escaped and only
web links kept, so a hostile record cannot put live markup in a page.
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import markdown
import material
from markupsafe import Markup

from inspiratieboek.data.records import Catalog, Factor, Record
from inspiratieboek.site.labels import label
from inspiratieboek.site.searchform import filter_values, search_form

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


def safe_markdown(text: str) -> Markup:
    """Convert an editor's Markdown to HTML with raw HTML escaped and unsafe links removed."""
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


# --- Views: plain data for the templates -----------------------------------------


@dataclass(frozen=True)
class Text:
    """A piece of text with its language; ``lang`` differs from the page when untranslated."""

    value: str
    lang: str


def localized(record: Record, key: str, lang: str) -> Text | None:
    """The field in the page's language, else the Dutch text (marked as Dutch)."""
    if lang != "nl" and record.get(f"{key}_{lang}"):
        return Text(str(record.get(f"{key}_{lang}")), lang)
    if record.get(key):
        return Text(str(record.get(key)), "nl")
    return None


def example_card(record: Record, catalog: Catalog, lang: str) -> dict[str, Any]:
    """What a list or card shows of an example, plus its filter values."""
    vocab = catalog.vocab
    first_source = next((s.get("url") for s in record.get("bronnen") or [] if isinstance(s, dict)), "")
    return {
        "id": record.id,
        "title": localized(record, "titel", lang),
        "summary": localized(record, "samenvatting", lang),
        "line": _first_sentence(localized(record, "samenvatting", lang)),
        "place": record.get("plaats") or "",
        "province": vocab.provincies[record.get("provincie")].name(lang)
        if record.get("provincie") in vocab.provincies
        else "",
        "source": first_source or "",
        "filters": filter_values(record),
    }


def _first_sentence(text: Text | None) -> Text | None:
    """The summary's first sentence: the "one-line summary" of lists."""
    if not text:
        return None
    first = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])", " ".join(text.value.split()), maxsplit=1)[0]
    return Text(first, text.lang)


def example_facts(record: Record, catalog: Catalog, lang: str) -> dict[str, Any]:
    """The named values of an example's facts block, in the page's language: its
    factors, organisations (name, kind, role), target groups, themes, and what a
    reader asks first: what kind of example, is it still running, what result.
    The page shows them; the search index (scripts/zoekindex.py) makes them findable."""
    vocab = catalog.vocab
    return {
        "factors": [vocab.factoren[f] for f in record.factors if f in vocab.factoren],
        "organisations": [
            {
                "name": o.get("naam", ""),
                "kind": _term(vocab.soorten, o.get("soort"), lang),
                "role": _term(vocab.rollen, o.get("rol"), lang),
            }
            for o in record.get("organisaties") or []
            if isinstance(o, dict)
        ],
        "groups": [vocab.doelgroepen[g].name(lang) for g in record.get("doelgroepen") or [] if g in vocab.doelgroepen],
        "themes": [vocab.themas[t].name(lang) for t in record.get("themas") or [] if t in vocab.themas],
        "kind": _term(vocab.soorten_voorbeeld, record.get("soort_voorbeeld"), lang),
        "status": _term(vocab.statussen, record.get("status"), lang),
        "result_kind": _term(vocab.resultaatsoorten, record.get("resultaat_soort"), lang),
    }


def _term(terms: dict[str, Any], slug: object, lang: str) -> str:
    """A vocabulary value's name in the page's language ('' when unknown or empty)."""
    return terms[slug].name(lang) if isinstance(slug, str) and slug in terms else ""


def _period(record: Record, lang: str) -> str:
    """'2019 - 2023', 'sinds 2019' or '' from the start and end years."""
    start, end = record.get("startjaar"), record.get("eindjaar")
    if start and end:
        return f"{start} – {end}"
    if start:
        return label(lang)["since"].format(start=start)
    return str(end or "")


def example_lessons(record: Record, catalog: Catalog, lang: str) -> list[dict[str, Any]]:
    """Each lesson in the page's language, with where it comes from (the source or the editors)."""
    lessons = []
    for item in record.get("lessen") or []:
        if not isinstance(item, dict) or not item.get("tekst"):
            continue
        translated = lang != "nl" and item.get(f"tekst_{lang}")
        text = Text(str(item[f"tekst_{lang}"]), lang) if translated else Text(str(item["tekst"]), "nl")
        origin = item.get("herkomst")
        lessons.append({"text": text, "origin": origin, "origin_name": _term(catalog.vocab.herkomsten, origin, lang)})
    return lessons


def example_page(record: Record, catalog: Catalog, related: list[Record], lang: str) -> dict[str, Any]:
    """Everything the example page template needs, already localized."""
    markdown_fields = {}
    for key in ("aanpak", "resultaten", "afspraak"):
        text = localized(record, key, lang)
        markdown_fields[key] = Text(safe_markdown(text.value), text.lang) if text else None
    return {
        "card": example_card(record, catalog, lang),
        **example_facts(record, catalog, lang),
        "start_year": record.get("startjaar") or "",
        "period": _period(record, lang),
        "status_slug": record.get("status") or "",
        "costs": localized(record, "kosten", lang),
        "contact": record.get("contact") if isinstance(record.get("contact"), dict) else None,
        "recognition": _recognition(record, catalog, lang),
        "lessons": example_lessons(record, catalog, lang),
        "check_note": record.get("controle") or "",
        "checked": record.get("laatst_gecontroleerd"),
        "sources": [s for s in record.get("bronnen") or [] if isinstance(s, dict)],
        "approach": markdown_fields["aanpak"],
        "results": markdown_fields["resultaten"],
        "agreement": markdown_fields["afspraak"],
        "related": [example_card(r, catalog, lang) for r in related],
        "source_file": f"data/voorbeelden/{record.path.name}",
    }


def _recognition(record: Record, catalog: Catalog, lang: str) -> dict[str, str] | None:
    found = record.get("erkenning")
    if not isinstance(found, dict) or not found.get("url"):
        return None
    return {"level": _term(catalog.vocab.erkenningsniveaus, found.get("niveau"), lang), "url": str(found["url"])}


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


def render_example(record: Record, catalog: Catalog, related: list[Record], lang: str) -> str:
    page = example_page(record, catalog, related, lang)
    return ENV.get_template("voorbeeld.md.html").render(page=page, lang=lang, t=label(lang))


def render_overview(catalog: Catalog, lang: str) -> str:
    """All examples by main factor; past ``OVERVIEW_LIMIT`` the first few per factor
    plus a link to that factor's index, so the page stays light at any size."""
    limit = None if len(catalog.records) <= OVERVIEW_LIMIT else OVERVIEW_PER_FACTOR
    groups = []
    for slug, factor in catalog.vocab.factoren.items():
        records = sorted((r for r in catalog.records if r.main_factor == slug), key=sort_key)
        groups.append(
            {
                "factor": factor,
                "total": len(records),
                "cards": [example_card(r, catalog, lang) for r in records[:limit]],
            }
        )
    return ENV.get_template("overzicht.md.html").render(
        groups=groups, total=len(catalog.records), lang=lang, t=label(lang), search=search_form(catalog, lang)
    )


def render_search_page(catalog: Catalog, lang: str) -> str:
    """The results page's search (``/zoeken/``): the overview's form, which there
    also lists chapter sections (marker ``<!-- zoekpagina -->`` in docs/zoeken.md)."""
    return ENV.get_template("zoekpagina.md.html").render(
        lang=lang, t=label(lang), search=search_form(catalog, lang, page="pagina")
    )


def render_factor_list(catalog: Catalog, factor: Factor, lang: str) -> str:
    """The list inside a factor chapter: every example of the factor, up to ``LIST_LIMIT``."""
    records = records_for_factor(catalog, factor.slug)
    cards = [example_card(r, catalog, lang) for r in records[:LIST_LIMIT]]
    return ENV.get_template("factorlijst.md.html").render(
        cards=cards, total=len(records), factor=factor, lang=lang, t=label(lang)
    )


def factor_index_pages(catalog: Catalog, lang: str) -> dict[str, str]:
    """Paginated index of each factor: ``factor/<slug>/index.md``, ``factor/<slug>/2.md``, ...

    Page 1 is the folder's index; later pages are one level deeper in the URL
    (``/voorbeelden/factor/zorg/2/``), hence the ``up`` prefix for relative links.
    """
    pages: dict[str, str] = {}
    t = label(lang)
    for slug, factor in catalog.vocab.factoren.items():
        records = records_for_factor(catalog, slug)
        count = max(1, -(-len(records) // PAGE_SIZE))
        for number in range(1, count + 1):
            name = "index" if number == 1 else str(number)
            chunk = records[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
            up = "" if number == 1 else "../"
            body = ENV.get_template("factorindex.md.html").render(
                factor=factor,
                cards=[example_card(r, catalog, lang) for r in chunk],
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
            pages[f"factor/{slug}/{name}"] = body
    return pages


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
