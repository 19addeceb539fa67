"""The search form of the overview and the results page: filters and their values.

Why this module: finding examples must understand Dutch word forms ("schulden"
finds "schuld"), stay in the reader's language and filter by factor, place and
theme, fast also with thousands of examples. Material's lunr search did none of
that well (tooling notes, section 5), so the whole site searches with its own
index (:mod:`zoekindex`, read by ib-zoekindex.js); Material's search plugin is off.

The form's labels and filter values come from ``data/`` and :mod:`labels` in the
page's language (:func:`search_form`), so the browser script holds no text and no
lists of its own. The header box on every page is :mod:`inspiratieboek.search.searchbox`.

In the site layer, not in search/: the overview page and the results page
(:mod:`render`) include this form, and the site never imports from search/, which
stands on it (tests/test_architecture.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from inspiratieboek.data.records import Catalog, Record
from inspiratieboek.site.labels import label


@dataclass(frozen=True)
class FilterKind:
    """One filter on the overview: its URL parameter, the vocabulary it uses, its
    labels, and how to read an example's values for it from the record."""

    param: str
    vocabulary: str
    label_key: str
    all_key: str
    values: Callable[[Record], list[Any]]
    """The raw values as the record holds them; ``filter_values`` keeps the slugs."""


def _one(field: str) -> Callable[[Record], list[Any]]:
    return lambda record: [record.get(field)]


def _several(field: str) -> Callable[[Record], list[Any]]:
    return lambda record: list(record.get(field) or [])


def _organisation_kinds(record: Record) -> list[Any]:
    return sorted(
        {str(o.get("soort")) for o in record.get("organisaties") or [] if isinstance(o, dict) and o.get("soort")}
    )


FILTER_KINDS: tuple[FilterKind, ...] = (
    FilterKind("factor", "factoren", "search_factor", "search_all_factor", lambda record: record.factors),
    FilterKind("thema", "themas", "search_theme", "search_all_theme", _several("themas")),
    FilterKind("doelgroep", "doelgroepen", "search_group", "search_all_group", _several("doelgroepen")),
    FilterKind("organisatie", "soorten", "search_organisation", "search_all_organisation", _organisation_kinds),
    FilterKind("provincie", "provincies", "search_province", "search_all_province", _one("provincie")),
    FilterKind("soort", "soorten_voorbeeld", "search_kind", "search_all_kind", _one("soort_voorbeeld")),
    FilterKind("status", "statussen", "search_status", "search_all_status", _one("status")),
    FilterKind("resultaat", "resultaatsoorten", "search_result", "search_all_result", _one("resultaat_soort")),
)
"""The one list of filters. Form order = order of the parameters in a shared URL.
An example's filter values (``filter_values``, in ``views.ExampleView.filters`` and so
in the search index) are read with the same list. The parameter names never change: links to
``/voorbeelden/?factor=zorg&provincie=utrecht&zoek=eenzaamheid`` live in mails and
reports; several values of one filter are comma-separated. ``zoek`` is the search
words, on the overview, the results page and in the header box's form. The keys
are also the filter names in the index (:mod:`zoekindex`)."""

SEARCH_PARAM = "zoek"
SORT_PARAM = "sorteer"
SORTS = (("", "sort_relevance"), ("nieuwste", "sort_newest"), ("titel", "sort_title"), ("plaats", "sort_place"))
"""``?sorteer=`` values and their labels; "" is the default: best match with
search words, title order without (the index numbers examples by title)."""
RESULTS_PAGE = "zoeken/"
"""Where the header box sends a query: ``/zoeken/?zoek=...`` (``/en/zoeken/``)."""


def filter_values(record: Record) -> dict[str, list[str]]:
    """The example's values for every filter, by URL parameter (``FILTER_KINDS``);
    an optional field left empty has none."""
    return {kind.param: [v for v in kind.values(record) if isinstance(v, str) and v] for kind in FILTER_KINDS}


# --- The form on the overview page ---------------------------------------------------


def search_form(catalog: Catalog, lang: str, page: str = "overzicht") -> dict[str, Any]:
    """What the search form needs, in the page's language, on the overview
    (``page="overzicht"``) or on the results page (``"pagina"``), which also lists
    chapter sections and starts with an empty field.

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
    heading = t["search_heading"] if page == "overzicht" else t["results_heading"]
    return {
        "param": SEARCH_PARAM,
        "kinds": kinds,
        "total": len(catalog.records),
        "page": page,
        "heading": heading,
        "sort_param": SORT_PARAM,
        "sorts": [{"value": value, "name": t[key]} for value, key in SORTS],
    }
