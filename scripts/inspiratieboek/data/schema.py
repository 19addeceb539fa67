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
class Field:
    """One top-level field of a record.

    ``kind`` is one of: text, markdown, list (of vocabulary slugs), year, date,
    organisations, sources. ``vocab`` names a list in ``Vocabularies``.
    """

    key: str
    kind: str
    required: bool
    description: str
    max_length: int = 0
    vocab: str = ""
    translation_of: str = ""


FIELDS: tuple[Field, ...] = (
    Field("titel", "text", True, "Titel van het voorbeeld, kort en zakelijk.", 120),
    Field("titel_en", "text", False, "Engelse titel.", 120, translation_of="titel"),
    Field("samenvatting", "text", True, "Samenvatting in 1 tot 3 zinnen (B1).", 600),
    Field("samenvatting_en", "text", False, "Engelse samenvatting.", 600, translation_of="samenvatting"),
    Field("factoren", "list", True, "WHO-factoren; de eerste is de hoofdfactor.", vocab="factoren"),
    Field("organisaties", "organisations", True, "Organisaties die meedoen, met hun soort."),
    Field("plaats", "text", True, "Gemeente of regio van het project.", 80),
    Field("provincie", "slug", True, "Provincie (of 'landelijk').", vocab="provincies"),
    Field("doelgroepen", "list", True, "Voor wie het project is.", vocab="doelgroepen"),
    Field("themas", "list", True, "Onderwerpen van het project.", vocab="themas"),
    Field("aanpak", "markdown", True, "Wat ze deden, met wie en hoe (Markdown).", 8000),
    Field("aanpak_en", "markdown", False, "Engelse tekst bij aanpak.", 8000, translation_of="aanpak"),
    Field("resultaten", "markdown", False, "Wat het opleverde, met cijfers uit een bron.", 4000),
    Field("resultaten_en", "markdown", False, "Engelse tekst bij resultaten.", 4000, translation_of="resultaten"),
    Field("startjaar", "year", False, "Jaar waarin het project begon."),
    Field("bronnen", "sources", True, "Bronnen met titel en https-adres."),
    Field("laatst_gecontroleerd", "date", True, "Datum van de laatste controle (JJJJ-MM-DD)."),
)

FIELD_BY_KEY = {f.key: f for f in FIELDS}
SUB_FIELDS = {"organisaties": ("naam", "soort"), "bronnen": ("titel", "url")}
TEXT_MAX = {"naam": 150, "titel": 200, "url": 500}


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
    elif f.kind == "organisations":
        base |= _object_list(
            {
                "naam": {"type": "string", "minLength": 1, "maxLength": TEXT_MAX["naam"]},
                "soort": _enum(vocab, "soorten"),
            }
        )
    elif f.kind == "sources":
        base |= _object_list(
            {
                "titel": {"type": "string", "minLength": 1, "maxLength": TEXT_MAX["titel"]},
                "url": {
                    "type": "string",
                    "pattern": r"^https://[^\s/]+\.[^\s]+$",
                    "maxLength": TEXT_MAX["url"],
                },
            }
        )
    return base


def _object_list(properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "array",
        "minItems": 1,
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": list(properties),
            "properties": properties,
        },
    }


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
