"""Search for the examples: the filter form, the examples' own index and the header search.

Why this module: finding examples must understand Dutch word forms ("schulden"
finds "schuld"), stay in the reader's language and filter by factor, place and
theme, fast also with thousands of examples. Material's lunr search does none of
that well (tooling notes, section 5), so the example overview has its own index
(scripts/zoekindex.py, read by ib-zoekindex.js). The header search stays
Material's, but gets one index per language instead of one mixed index.

Three steps, all plain functions the hook calls:

1. While pages are written (``on_post_page``): pages of the non-default languages
   are pointed at their own header-search index (:func:`point_search_at_language`).
2. When every language is built (``on_post_build`` of the outer run): the mixed
   Material index is split per language (:func:`split_search_index`); the hook
   then has scripts/zoekindex.py write the examples' index.
3. The overview page gets the form (:func:`search_form`); its labels and filter
   values come from ``data/`` and :mod:`labels` in the page's language, so the
   browser script holds no text and no lists of its own.
"""

from __future__ import annotations

import html
import json
import logging
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from inspiratieboek.data.records import Catalog
from inspiratieboek.site.labels import label

log = logging.getLogger("mkdocs.plugins.ib")


@dataclass(frozen=True)
class FilterKind:
    """One filter on the overview: its URL parameter and the vocabulary it uses."""

    param: str
    vocabulary: str
    label_key: str
    all_key: str


FILTER_KINDS: tuple[FilterKind, ...] = (
    FilterKind("factor", "factoren", "search_factor", "search_all_factor"),
    FilterKind("thema", "themas", "search_theme", "search_all_theme"),
    FilterKind("doelgroep", "doelgroepen", "search_group", "search_all_group"),
    FilterKind("organisatie", "soorten", "search_organisation", "search_all_organisation"),
    FilterKind("provincie", "provincies", "search_province", "search_all_province"),
)
"""Form order = order of the parameters in a shared URL. The parameter names are
the keys of ``render.example_card()["filters"]`` and never change: links to
``/voorbeelden/?factor=zorg&provincie=utrecht&zoek=eenzaamheid`` live in mails and
reports. ``zoek`` is the search words; ``q`` belongs to Material's header search.
The keys are also the filter names in the examples' index (scripts/zoekindex.py)."""

SEARCH_PARAM = "zoek"
EXAMPLE_LOCATION = re.compile(r"^voorbeelden/(?!factor/)[^/#]+/")
EXAMPLE_LIST_LOCATION = re.compile(r"^voorbeelden/factor/")
FIRST_PARAGRAPH = re.compile(r"\s*<p>(.*?)</p>", re.DOTALL)
SUMMARY_CHARS = 160
"""Characters of an example's summary kept in the header index: enough to match
and to show a useful line under the title."""
CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)


# --- The form on the overview page ---------------------------------------------------


def search_form(catalog: Catalog, lang: str) -> dict[str, Any]:
    """What the overview template needs for the search form, in the page's language.

    Every filter value of every vocabulary is listed (in the order of ``data/``),
    also values no example uses yet: the browser script shows each one's count
    and disables those with none.
    """
    t = label(lang)
    kinds = []
    for kind in FILTER_KINDS:
        terms = catalog.vocab.by_name(kind.vocabulary)
        kinds.append(
            {
                "param": kind.param,
                "label": t[kind.label_key],
                "all": t[kind.all_key],
                "options": [{"slug": slug, "name": term.name(lang)} for slug, term in terms.items()],
            }
        )
    return {"param": SEARCH_PARAM, "kinds": kinds, "total": len(catalog.records)}


# --- Header search: one index per language ------------------------------------------


def point_search_at_language(output: str, lang: str) -> str:
    """Let a page of a non-default language load ``/<lang>/search/search_index.json``.

    Material fetches ``search/search_index.json`` relative to ``base`` in its
    ``__config`` and shows result links relative to the same ``base``; on /en/
    pages that is the site root, so English readers got the mixed index. Moving
    ``base`` to /en/ changes nothing else we use (no versioning, no instant loading).
    """

    def replace(match: re.Match[str]) -> str:
        config = json.loads(match.group(2))
        config["base"] = posixpath.join(config.get("base") or ".", lang) + "/"
        return match.group(1) + json.dumps(config) + match.group(3)

    return CONFIG_SCRIPT.sub(replace, output, count=1)


def split_search_index(site_dir: Path, languages: list[str], default: str) -> dict[str, int]:
    """Write Material's index once per language; returns the number of entries of each.

    mkdocs-static-i18n merges every language into ``search/search_index.json``
    (locations of other languages start with ``en/``). The default language keeps
    that file with only its own entries; each other language gets
    ``<lang>/search/search_index.json`` with locations relative to ``/<lang>/``.
    Example pages are slimmed on the way (:func:`slim_entry`).
    """
    path = site_dir / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    others = [lang for lang in languages if lang != default]
    counts = {}
    for lang in [default, *others]:
        prefix = "" if lang == default else f"{lang}/"
        docs = []
        for doc in index["docs"]:
            doc_lang = next((o for o in others if doc["location"].startswith(f"{o}/") or doc["location"] == o), default)
            if doc_lang == lang:
                slim = slim_entry({**doc, "location": doc["location"][len(prefix) :]})
                if slim is not None:
                    docs.append(slim)
        target = path if lang == default else site_dir / lang / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        config = {**index["config"], "lang": [lang]}
        target.write_text(json.dumps({"config": config, "docs": docs}, ensure_ascii=False), encoding="utf-8")
        counts[lang] = len(docs)
    return counts


def slim_entry(doc: dict[str, Any]) -> dict[str, Any] | None:
    """An entry of the header index as it should be kept, or None to drop it.

    Material loads its whole index on every page view. With every section of every
    example in it, that is 11 MB per language at 5,000 examples (measured with
    scripts/benchmark_search.py). The header search only has to find an example by
    its title and summary; the overview's search reads the full text. So an example
    keeps one entry (title and the start of its summary), its sections go, and the
    paginated factor lists (titles of other pages) keep only their own title.
    """
    location = doc["location"]
    if EXAMPLE_LIST_LOCATION.match(location):
        return None if "#" in location else {**doc, "text": ""}
    if EXAMPLE_LOCATION.match(location):
        if "#" in location:
            return None
        first = FIRST_PARAGRAPH.match(doc.get("text") or "")
        summary = html.unescape(first.group(1)) if first else ""
        if len(summary) > SUMMARY_CHARS:
            summary = summary[:SUMMARY_CHARS].rsplit(" ", 1)[0] + " …"
        return {**doc, "text": f"<p>{html.escape(summary, quote=False)}</p>" if summary else ""}
    return doc


# --- After the build --------------------------------------------------------------


def finish_site(site_dir: Path, languages: list[str], default: str) -> None:
    """What the header search needs after the last language is built (the examples'
    own index is written by :func:`zoekindex.write`)."""
    counts = split_search_index(site_dir, languages, default)
    log.info("Zoeken: kopzoekindex per taal (%s)", ", ".join(f"{lang} {n}" for lang, n in counts.items()))
