"""The Afsprakenmaker page (``/afsprakenmaker/``): every agreement as a checklist.

Why here and not in JavaScript: without JavaScript the page must still be the full
list, per factor, with boxes to tick on paper, and every precedent with its source.
So Python writes the whole list (marker ``<!-- afsprakenmaker -->`` in
docs/afsprakenmaker.md, replaced by scripts/hooks.py at build time, like the other
generated lists; a data change shows up live in ``mkdocs serve``). It also writes
the same data as JSON into the page, so ``ib-afspraken.js`` can build the draft
agenda, the Word document and the plain text without parsing HTML. The open data
and the book use ``agreement_view`` too, so every place says the same.
"""

from __future__ import annotations

import json
from typing import Any

from inspiratieboek.data.afspraken import Agreement, agreements
from inspiratieboek.data.records import Catalog
from inspiratieboek.site.render import ENV
from inspiratieboek.site.views import ExampleView, example_views

LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "intro_count": "{total} mogelijke afspraken, per factor. Elke afspraak rust op echte voorbeelden.",
        "filters": "Filter de afspraken",
        "factor": "Factor",
        "party": "Partij",
        "all_factors": "Alle factoren",
        "all_parties": "Alle partijen",
        "shown": "{shown} van {total} afspraken zichtbaar, {chosen} gekozen.",
        "choose": "Kies deze afspraak",
        "who": "Wie",
        "kind": "Soort",
        "indicator": "Zo zie je of het lukt",
        "indicator_source": "Cijfers uit",
        "examples": "Voorbeelden",
        "precedent": "afspraak",
        "practice": "praktijkvoorbeeld",
        "source": "bron",
        "agenda": "Concept-gezondheidsagenda",
        "agenda_intro": "Dit zijn de afspraken die je koos. Stuur de link naar je partners:"
        " zij zien dan dezelfde keuze.",
        "agenda_link": "Deze agenda online",
        "agenda_empty": "Vink hierboven afspraken aan. Ze komen dan hier in je concept-agenda.",
        "by_factor": "Per factor",
        "by_party": "Per partij",
        "agreement": "Afspraak",
        "sources": "Bronnen",
        "print": "Printen of PDF",
        "docx": "Download als Word (.docx)",
        "copy": "Kopieer als tekst",
        "copied": "De agenda staat als tekst op je klembord.",
        "copy_failed": "Kopiëren lukte niet. Selecteer de tekst en kopieer hem zelf.",
        "docx_failed": "Het Word-bestand kon niet gemaakt worden.",
        "clear": "Keuze wissen",
        "filename": "concept-gezondheidsagenda",
        "book": "Wonen, een stevige basis voor gezondheid",
        "made_with": "Gemaakt met de Afsprakenmaker van",
        "none": "geen",
    },
    "en": {
        "intro_count": "{total} possible agreements, per factor. Each one rests on real examples.",
        "filters": "Filter the agreements",
        "factor": "Factor",
        "party": "Party",
        "all_factors": "All factors",
        "all_parties": "All parties",
        "shown": "{shown} of {total} agreements shown, {chosen} chosen.",
        "choose": "Choose this agreement",
        "who": "Who",
        "kind": "Kind",
        "indicator": "How you see progress",
        "indicator_source": "Figures from",
        "examples": "Examples",
        "precedent": "agreement",
        "practice": "practice example",
        "source": "source",
        "agenda": "Draft health agenda",
        "agenda_intro": "These are the agreements you chose. Send the link to your partners:"
        " they will see the same choice.",
        "agenda_link": "This agenda online",
        "agenda_empty": "Tick agreements above. They then appear here in your draft agenda.",
        "by_factor": "By factor",
        "by_party": "By party",
        "agreement": "Agreement",
        "sources": "Sources",
        "print": "Print or PDF",
        "docx": "Download as Word (.docx)",
        "copy": "Copy as text",
        "copied": "The agenda is on your clipboard as text.",
        "copy_failed": "Copying did not work. Select the text and copy it yourself.",
        "docx_failed": "The Word file could not be made.",
        "clear": "Clear choice",
        "filename": "draft-health-agenda",
        "book": "Housing: a solid foundation for health",
        "made_with": "Made with the Afsprakenmaker of",
        "none": "none",
    },
}
EXAMPLES_UP = "../voorbeelden/"
"""From /afsprakenmaker/ (and /en/afsprakenmaker/) to the example pages of the same language."""


def label(lang: str) -> dict[str, str]:
    return LABELS["en" if lang == "en" else "nl"]


def precedent_view(view: ExampleView) -> dict[str, Any]:
    """One example behind an agreement: title, year, kind, page and first source, read
    from the example's view (the same one its page, the search and the open data read)."""
    source = next((s for s in view.sources if s.url), None)
    return {
        "id": view.id,
        "titel": view.title.value or view.id,
        "jaar": view.start_year or "",
        "afspraak": "afspraak" in view.filters.get("soort", ()),
        "pagina": f"{EXAMPLES_UP}{view.id}/",
        "bron_titel": source.name if source else "",
        "bron_url": source.url if source else "",
    }


def agreement_view(agreement: Agreement, catalog: Catalog, lang: str) -> dict[str, Any]:
    """What the page, the agenda, the open data and the book show of one agreement.
    Precedents (real agreements) come before practice examples."""
    views = example_views(catalog, lang)
    vocab = catalog.vocab
    examples = [precedent_view(views[i]) for i in agreement.voorbeelden if i in views]
    examples.sort(key=lambda e: not e["afspraak"])
    return {
        "id": agreement.id,
        "factoren": list(agreement.factoren),
        "factor_namen": [vocab.factoren[f].name(lang) for f in agreement.factoren],
        "partijen": list(agreement.partijen),
        "partij_namen": [vocab.partijen[p].name(lang) for p in agreement.partijen],
        "soort": agreement.soort,
        "soort_naam": vocab.afspraaksoorten[agreement.soort].name(lang),
        "tekst": agreement.text("tekst", lang),
        "indicator": agreement.text("indicator", lang),
        "bron_indicator": agreement.text("bron_indicator", lang),
        "voorbeelden": examples,
    }


def grouped(catalog: Catalog, lang: str) -> list[dict[str, Any]]:
    """Per factor (order of data/factoren.yml): the agreements whose first factor it is.
    An agreement is listed once, under its main factor; the filter also finds it
    under its other factors."""
    views = [agreement_view(a, catalog, lang) for a in agreements(catalog)]
    return [
        {"slug": slug, "naam": factor.name(lang), "afspraken": [v for v in views if v["factoren"][0] == slug]}
        for slug, factor in catalog.vocab.factoren.items()
    ]


def page_data(catalog: Catalog, lang: str) -> dict[str, Any]:
    """The JSON the script reads: labels, lists and every agreement in ``lang``."""
    vocab = catalog.vocab
    return {
        "taal": lang,
        "labels": label(lang),
        "factoren": [{"slug": s, "naam": f.name(lang)} for s, f in vocab.factoren.items()],
        "partijen": [{"slug": s, "naam": t.name(lang)} for s, t in vocab.partijen.items()],
        "afspraken": [agreement_view(a, catalog, lang) for a in agreements(catalog)],
    }


def script_json(data: dict[str, Any]) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``</`` can end it early."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def render_afsprakenmaker(catalog: Catalog, lang: str) -> str:
    """The marker's HTML: filters, the checklist per factor, the agenda's place and the data."""
    groups = grouped(catalog, lang)
    total = sum(len(g["afspraken"]) for g in groups)
    return ENV.get_template("afsprakenmaker.md.html").render(
        groups=groups,
        total=total,
        parties=[{"slug": s, "naam": t.name(lang)} for s, t in catalog.vocab.partijen.items()],
        t=label(lang),
        data=script_json(page_data(catalog, lang)),
    )
