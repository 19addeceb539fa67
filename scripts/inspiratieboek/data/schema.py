"""The one schema of an example record.

Why here: the validator (Dutch messages with line numbers) and the published JSON
Schema (autocompletion and inline errors in editors) must never disagree. Both are
derived from ``FIELDS`` below; ``tests/test_validate.py`` checks that the committed
``data/voorbeeld.schema.json`` is current. Regenerate it with
``python scripts/manage.py schema --write``.

YAML keys are Dutch because editors read them; Python names stay English.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from inspiratieboek.data.records import Vocabularies

SCHEMA_FILE = "voorbeeld.schema.json"
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


@dataclass(frozen=True)
class Sub:
    """One field inside a group of fields (an organisation, a source, a lesson ...).

    ``kind`` is text, slug (a value of the vocabulary ``vocab``) or url.
    """

    key: str
    kind: str = "text"
    required: bool = True
    max_length: int = 0
    vocab: str = ""


@dataclass(frozen=True)
class Field:
    """One top-level field of a record.

    ``kind`` is one of: text, markdown, slug (one vocabulary value), list (of
    vocabulary slugs), year, date, objects (a list of groups of ``subs``) and
    object (one group of ``subs``). ``vocab`` names a list in ``Vocabularies``.
    """

    key: str
    kind: str
    required: bool
    description: str
    max_length: int = 0
    vocab: str = ""
    translation_of: str = ""
    subs: tuple[Sub, ...] = ()


URL = Sub("url", "url", max_length=500)

FIELDS: tuple[Field, ...] = (
    Field("titel", "text", True, "Titel van het voorbeeld, kort en zakelijk.", 120),
    Field("titel_en", "text", False, "Engelse titel.", 120, translation_of="titel"),
    Field("samenvatting", "text", True, "Samenvatting in 1 tot 3 zinnen (B1).", 600),
    Field("samenvatting_en", "text", False, "Engelse samenvatting.", 600, translation_of="samenvatting"),
    Field(
        "soort_voorbeeld",
        "slug",
        True,
        "Wat voor voorbeeld: een project of aanpak (praktijk), een echte afspraak (afspraak) of een programma.",
        vocab="soorten_voorbeeld",
    ),
    Field("factoren", "list", True, "WHO-factoren; de eerste is de hoofdfactor.", vocab="factoren"),
    Field(
        "organisaties",
        "objects",
        True,
        "Organisaties die meedoen, met hun soort en (als de bron dat zegt) hun rol.",
        subs=(
            Sub("naam", max_length=150),
            Sub("soort", "slug", vocab="soorten"),
            Sub("rol", "slug", False, vocab="rollen"),
        ),
    ),
    Field("plaats", "text", True, "Gemeente of regio van het project.", 80),
    Field("provincie", "slug", True, "Provincie (of 'landelijk').", vocab="provincies"),
    Field("doelgroepen", "list", True, "Voor wie het project is.", vocab="doelgroepen"),
    Field("themas", "list", True, "Onderwerpen van het project.", vocab="themas"),
    Field("status", "slug", True, "Loopt het nog? loopt, afgerond, gestopt, plan of onbekend.", vocab="statussen"),
    Field("startjaar", "year", False, "Jaar waarin het project begon (bij een afspraak: het jaar van de afspraak)."),
    Field("eindjaar", "year", False, "Jaar waarin het project stopte of afliep (alleen bij afgerond of gestopt)."),
    Field("aanpak", "markdown", True, "Wat ze deden, met wie en hoe (Markdown).", 8000),
    Field("aanpak_en", "markdown", False, "Engelse tekst bij aanpak.", 8000, translation_of="aanpak"),
    Field(
        "afspraak",
        "markdown",
        False,
        "Bij een afspraak (verplicht): wat de partners afspraken, in eigen woorden (B1).",
        2000,
    ),
    Field("afspraak_en", "markdown", False, "Engelse tekst bij afspraak.", 2000, translation_of="afspraak"),
    Field(
        "resultaat_soort",
        "slug",
        True,
        "Wat voor resultaat de bron geeft: gemeten-effect, bereik, ervaringen of geen-resultaat-bekend.",
        vocab="resultaatsoorten",
    ),
    Field("resultaten", "markdown", False, "Wat het opleverde, met cijfers uit een bron.", 4000),
    Field("resultaten_en", "markdown", False, "Engelse tekst bij resultaten.", 4000, translation_of="resultaten"),
    Field("kosten", "text", False, "Kosten of financiering, alleen als een bron ze noemt.", 600),
    Field("kosten_en", "text", False, "Engelse tekst bij kosten.", 600, translation_of="kosten"),
    Field(
        "lessen",
        "objects",
        True,
        "Wat je ervan kunt leren: uit de bron (herkomst: bron) of een tip van de redactie (herkomst: redactie).",
        subs=(
            Sub("tekst", max_length=400),
            Sub("tekst_en", required=False, max_length=400),
            Sub("herkomst", "slug", vocab="herkomsten"),
        ),
    ),
    Field(
        "contact",
        "object",
        False,
        "Waar je meer vraagt: de openbare webpagina van de organisatie of het project"
        " (nooit gegevens van een persoon).",
        subs=(Sub("naam", max_length=150), URL),
    ),
    Field(
        "erkenning",
        "object",
        False,
        "Erkenning in de databank van Loket Gezond Leven: niveau en link.",
        subs=(Sub("niveau", "slug", vocab="erkenningsniveaus"), URL),
    ),
    Field("bronnen", "objects", True, "Bronnen met titel en https-adres.", subs=(Sub("titel", max_length=200), URL)),
    Field("laatst_gecontroleerd", "date", True, "Datum waarop je de bronnen voor het laatst opnieuw las (JJJJ-MM-DD)."),
    Field(
        "controle",
        "text",
        False,
        "Waarom de bron niet opnieuw gelezen kon worden (geeft een waarschuwing tot het is opgelost).",
        300,
    ),
)

FIELD_BY_KEY = {f.key: f for f in FIELDS}
SUB_FIELDS = {f.key: tuple(s.key for s in f.subs) for f in FIELDS if f.subs}
SUB_BY_KEY = {f.key: {s.key: s for s in f.subs} for f in FIELDS if f.subs}
TEXT_MAX = {s.key: s.max_length for f in FIELDS for s in f.subs if s.max_length}
ONE_LINE = frozenset(f.key for f in FIELDS if f.kind == "text") | frozenset(
    s.key for f in FIELDS for s in f.subs if s.kind == "text"
)
"""Fields shown on one line (titles, names, places, summaries, lessons): a line break
in them is a paste slip. Markdown fields (aanpak, resultaten, afspraak) may have many."""


def json_schema(vocab: Vocabularies) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) equivalent of ``FIELDS`` for editors' tools."""
    properties = {f.key: _property(f, vocab) for f in FIELDS}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_FILE,
        "title": "Praktijkvoorbeeld",
        "description": "Eén praktijkvoorbeeld voor 'Wonen, een stevige basis voor gezondheid'."
        " Gegenereerd door scripts/schema.py; niet met de hand bewerken.",
        "type": "object",
        "additionalProperties": False,
        "required": [f.key for f in FIELDS if f.required],
        "properties": properties,
    }


def _enum(vocab: Vocabularies, name: str) -> dict[str, Any]:
    terms = vocab.by_name(name)
    return {
        "type": "string",
        "enum": list(terms),
        "description": "; ".join(f"{t.slug}: {t.nl}" for t in terms.values()),
    }


def _property(f: Field, vocab: Vocabularies) -> dict[str, Any]:
    base: dict[str, Any] = {"description": f.description}
    if f.kind in {"text", "markdown"}:
        base |= {"type": "string", "maxLength": f.max_length}
        if f.required:
            base["minLength"] = 1
        else:
            base["type"] = ["string", "null"]
    elif f.kind == "slug":
        base |= _enum(vocab, f.vocab)
    elif f.kind == "list":
        base |= {"type": "array", "minItems": 1, "uniqueItems": True, "items": _enum(vocab, f.vocab)}
    elif f.kind == "year":
        base |= {"type": ["integer", "null"], "minimum": 1900}
    elif f.kind == "date":
        base |= {"type": "string", "format": "date"}
    elif f.kind == "objects":
        base |= _object_list(_sub_properties(f, vocab), [s.key for s in f.subs if s.required])
    elif f.kind == "object":
        base |= _object(_sub_properties(f, vocab), [s.key for s in f.subs if s.required])
    return base


def _sub_properties(f: Field, vocab: Vocabularies) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for sub in f.subs:
        if sub.kind == "slug":
            properties[sub.key] = _enum(vocab, sub.vocab)
        elif sub.kind == "url":
            properties[sub.key] = {
                "type": "string",
                "pattern": r"^https://[^\s/]+\.[^\s]+$",
                "maxLength": sub.max_length,
            }
        else:
            properties[sub.key] = {"type": "string", "minLength": 1 if sub.required else 0, "maxLength": sub.max_length}
    return properties


def _object(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False, "required": required, "properties": properties}


def _object_list(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {"type": "array", "minItems": 1, "items": _object(properties, required)}


def schema_text(vocab: Vocabularies) -> str:
    """The schema file's exact text (stable order, trailing newline)."""
    return json.dumps(json_schema(vocab), ensure_ascii=False, indent=2) + "\n"


def write_schema(vocab: Vocabularies, data_dir: Path) -> bool:
    """Write the schema file if it changed. Returns True when it wrote."""
    target = data_dir / SCHEMA_FILE
    text = schema_text(vocab)
    if target.exists() and target.read_text(encoding="utf-8") == text:
        return False
    target.write_text(text, encoding="utf-8")
    return True
