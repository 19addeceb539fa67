"""The header search box on every page: what its template needs, in the page's language.

Why a module and not template logic: the box is a plain form (``GET`` to the
results page, so it works without JavaScript), and everything it shows comes
from :mod:`labels`; ``overrides/partials/ib-zoekvak.html`` only prints this.
The suggestions as you type are ib-zoekvak.js, on the same index as the overview
(:mod:`zoekindex`).
"""

from __future__ import annotations

from typing import Any

from inspiratieboek.site.labels import label
from inspiratieboek.site.searchform import RESULTS_PAGE, SEARCH_PARAM

BOX_KEYS = (
    "box_label",
    "box_placeholder",
    "box_button",
    "box_suggestions",
    "box_examples",
    "box_all",
    "box_none",
    "box_count",
    "search_chapters",
)
"""Labels the box's script reads from the form's data attributes."""


def box_context(lang: str, default: str) -> dict[str, Any]:
    """The box of one edition: the form's target (from the site root), the field's
    name, the language whose index it searches and its labels."""
    t = label(lang)
    return {
        "action": RESULTS_PAGE if lang == default else f"{lang}/{RESULTS_PAGE}",
        "param": SEARCH_PARAM,
        "lang": lang,
        "labels": {key: t[key] for key in BOX_KEYS},
    }
