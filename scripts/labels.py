"""Interface text of the generated pages, in Dutch and English.

Why one table: every label a reader sees on a generated page (example pages,
overview, factor lists, filters) comes from here, so the English edition never
shows a Dutch word by accident and a test can compare the two columns.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "examples": "Praktijkvoorbeelden",
        "overview_description": "Alle praktijkvoorbeelden van woningcorporaties, gemeenten en welzijnsorganisaties,"
        " per WHO-factor. Zoek en filter op factor, provincie, doelgroep en thema.",
        "overview_intro": "Hier vind je alle {total} praktijkvoorbeelden. Ze staan per factor:"
        " bij de factor waar het voorbeeld het meest aan bijdraagt.",
        "facts": "Kenmerken",
        "factor": "Factor",
        "factors": "Factoren",
        "main_factor": "hoofdfactor",
        "organisations": "Organisaties",
        "place": "Plaats",
        "province": "Provincie",
        "groups": "Doelgroepen",
        "themes": "Thema's",
        "start_year": "Gestart in",
        "checked": "Laatst gecontroleerd",
        "approach": "Aanpak",
        "results": "Resultaten",
        "sources": "Bronnen",
        "related": "Meer voorbeelden zoals dit",
        "source": "Bron",
        "not_translated": "",
        "not_translated_page": "",
        "no_examples": "Er zijn nog geen voorbeelden bij deze factor.",
        "examples_count": "voorbeelden",
        "to_chapter": "Lees het hoofdstuk",
        "all_examples": "Alle voorbeelden",
        "back_to_overview": "Terug naar alle voorbeelden",
    },
    "en": {
        "examples": "Practice examples",
        "overview_description": "All practice examples of housing associations, municipalities and welfare"
        " organisations, by WHO factor. Search and filter by factor, province, target group and theme.",
        "overview_intro": "Here you find all {total} practice examples. They are listed by factor:"
        " the factor each example contributes to most.",
        "facts": "Key facts",
        "factor": "Factor",
        "factors": "Factors",
        "main_factor": "main factor",
        "organisations": "Organisations",
        "place": "Place",
        "province": "Province",
        "groups": "Target groups",
        "themes": "Themes",
        "start_year": "Started in",
        "checked": "Last checked",
        "approach": "Approach",
        "results": "Results",
        "sources": "Sources",
        "related": "More examples like this",
        "source": "Source",
        "not_translated": "This text has not been translated into English yet. The Dutch original follows.",
        "not_translated_page": "This page has not been translated into English yet. The Dutch original follows.",
        "no_examples": "There are no examples for this factor yet.",
        "examples_count": "examples",
        "to_chapter": "Read the chapter",
        "all_examples": "All examples",
        "back_to_overview": "Back to all examples",
    },
}


def label(lang: str) -> dict[str, str]:
    """The label table of a language (Dutch for anything unknown)."""
    return LABELS.get(lang, LABELS["nl"])
