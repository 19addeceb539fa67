"""The Afsprakenmaker's agreements: load, check and describe ``data/afspraken.yml``.

Why a module of its own: the agreements are not examples, but they rest on them.
Each agreement names the example records (real agreements and practice examples)
that show partners already agreed on it, so an unknown id must stop the build just
like a broken record does, with the same ``file:line: field: message`` form. The
validator (``validate.validate``), the page, the open data and the book read the
agreements through here, and the JSON Schema for editors comes from ``FIELDS``
below, so the two never disagree (``manage.py schema --write``).

A missing file means no agreements: test projects without it still build.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from inspiratieboek.data.messages import Said, say
from inspiratieboek.data.records import Catalog, Problem, Vocabularies, display_path, problem, read_yaml

AFSPRAKEN_FILE = "afspraken.yml"
SCHEMA_FILE = "afspraak.schema.json"
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
HTML_TAG = re.compile(r"</?[a-zA-Z!?]")


@dataclass(frozen=True)
class AgreementField:
    """One field of an agreement. ``kind``: text, slug (one value of ``vocab``),
    slugs (a list of ``vocab`` values) or ids (a list of example ids)."""

    key: str
    kind: str
    description: str
    vocab: str = ""
    max_length: int = 0


FIELDS: tuple[AgreementField, ...] = (
    AgreementField("id", "id", "Korte naam: kleine letters, cijfers en streepjes. Staat in de link ?afspraken=."),
    AgreementField("factoren", "slugs", "Een of meer factoren uit data/factoren.yml.", vocab="factoren"),
    AgreementField("tekst", "text", "De afspraak in één zin (B1), zoals partners hem tekenen.", max_length=300),
    AgreementField("tekst_en", "text", "The agreement in one sentence, in English.", max_length=400),
    AgreementField("partijen", "slugs", "Wie zich vastlegt (data/lijsten.yml, partijen).", vocab="partijen"),
    AgreementField("soort", "slug", "Inspanning of resultaat (data/lijsten.yml).", vocab="afspraaksoorten"),
    AgreementField("indicator", "text", "Hoe je ziet of het lukt.", max_length=300),
    AgreementField("indicator_en", "text", "How you see progress, in English.", max_length=400),
    AgreementField("bron_indicator", "text", "Waar de cijfers van de indicator vandaan komen.", max_length=300),
    AgreementField("bron_indicator_en", "text", "Where the indicator's figures come from, in English.", max_length=400),
    AgreementField(
        "voorbeelden", "ids", "Ids van voorbeelden in data/voorbeelden/ waarop de afspraak rust (minstens één)."
    ),
)
FIELD_KEYS = tuple(f.key for f in FIELDS)


@dataclass(frozen=True)
class Agreement:
    """One possible agreement, as the page, the open data and the book use it."""

    id: str
    factoren: tuple[str, ...]
    partijen: tuple[str, ...]
    soort: str
    voorbeelden: tuple[str, ...]
    texts: dict[str, str]
    line: int = 0

    def text(self, key: str, lang: str) -> str:
        """``tekst``, ``indicator`` or ``bron_indicator`` in ``lang``."""
        return self.texts[f"{key}_en" if lang == "en" else key]


def agreements_path(data_dir: Path) -> Path:
    return data_dir / AFSPRAKEN_FILE


_loaded: dict[Path, tuple[Catalog, tuple[list[Agreement], list[Problem]]]] = {}
"""The last result per data folder, with the catalog it was read for. The catalog is
cached on the data folder's fingerprint, which includes afspraken.yml, so the same
catalog object means the same file: the hook asks once per page and language."""


def load(catalog: Catalog) -> tuple[list[Agreement], list[Problem]]:
    """Every agreement that passes the checks, and every problem found.

    An agreement with an error is left out, so the page never shows a broken one
    (the build stops on errors anyway)."""
    cached = _loaded.get(catalog.data_dir)
    if cached and cached[0] is catalog:
        return cached[1]
    result = _load(catalog)
    _loaded[catalog.data_dir] = (catalog, result)
    return result


def _load(catalog: Catalog) -> tuple[list[Agreement], list[Problem]]:
    path = agreements_path(catalog.data_dir)
    if not path.exists():
        return [], []
    shown = display_path(path, catalog.data_dir)
    raw, lines, problems = read_yaml(path, catalog.data_dir)
    if problems:
        return [], problems
    if raw is None:
        return [], []
    if not isinstance(raw, list):
        return [], [problem(shown, 1, "(bestand)", say("agreement.shape"))]
    ids = {r.id for r in catalog.records}
    seen: dict[str, int] = {}
    result: list[Agreement] = []
    for index, item in enumerate(raw):
        where = f"[{index}]"
        line = lines.get(where, 1)
        found = [
            problem(shown, lines.get(f"{where}.{key}", line) if key else line, key or where, said)
            for key, said in _check(item, catalog.vocab, ids)
        ]
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            first = seen.setdefault(item["id"], line)
            if first != line:
                found.append(
                    problem(
                        shown,
                        lines.get(f"{where}.id", line),
                        "id",
                        say("agreement.duplicate_id", id=item["id"], line=first),
                    )
                )
        problems += found
        if not found:
            result.append(_agreement(item, line))
    return result, problems


def agreements(catalog: Catalog) -> list[Agreement]:
    """The valid agreements, in file order."""
    return load(catalog)[0]


def check(catalog: Catalog) -> list[Problem]:
    """The validator's part: every problem of ``data/afspraken.yml``."""
    return load(catalog)[1]


def _agreement(item: dict[str, Any], line: int) -> Agreement:
    return Agreement(
        id=item["id"],
        factoren=tuple(item["factoren"]),
        partijen=tuple(item["partijen"]),
        soort=item["soort"],
        voorbeelden=tuple(item["voorbeelden"]),
        texts={f.key: " ".join(item[f.key].split()) for f in FIELDS if f.kind == "text"},
        line=line,
    )


def _check(item: object, vocab: Vocabularies, ids: set[str]) -> Iterator[tuple[str, Said]]:
    """(field, message) for each problem of one agreement; field '' means the whole item."""
    if not isinstance(item, dict):
        yield "", say("agreement.not_fields")
        return
    name = item.get("id") if isinstance(item.get("id"), str) else "?"
    for key in item:
        if key not in FIELD_KEYS:
            yield str(key), say("agreement.unknown_field", name=name, allowed=", ".join(FIELD_KEYS))
    for spec in FIELDS:
        value = item.get(spec.key)
        if value is None or value == "" or value == []:
            yield spec.key, say("agreement.missing", name=name, description=spec.description)
            continue
        yield from _check_value(spec, value, vocab, ids)


def _check_value(spec: AgreementField, value: object, vocab: Vocabularies, ids: set[str]) -> Iterator[tuple[str, Said]]:
    key = spec.key
    if spec.kind == "id":
        if not isinstance(value, str) or not re.fullmatch(ID_PATTERN, value):
            yield key, say("agreement.bad_id", value=value)
    elif spec.kind == "text":
        if not isinstance(value, str):
            yield key, say("agreement.not_text")
        elif len(value) > spec.max_length:
            yield key, say("agreement.too_long", length=len(value), limit=spec.max_length)
        elif HTML_TAG.search(value):
            yield key, say("agreement.html")
    elif spec.kind == "slug":
        names = vocab.by_name(spec.vocab)
        if not isinstance(value, str) or value not in names:
            yield key, say("agreement.unknown_value", value=value, allowed=", ".join(names))
    elif spec.kind in {"slugs", "ids"}:
        if not isinstance(value, list):
            yield key, say("agreement.not_list")
            return
        allowed: set[str] = ids if spec.kind == "ids" else set(vocab.by_name(spec.vocab))
        for position, entry in enumerate(value):
            if not isinstance(entry, str) or entry not in allowed:
                yield (
                    f"{key}[{position}]",
                    (
                        say("agreement.unknown_example", value=entry)
                        if spec.kind == "ids"
                        else say("agreement.unknown_value", value=entry, allowed=", ".join(vocab.by_name(spec.vocab)))
                    ),
                )
        if len(set(map(str, value))) != len(value):
            yield key, say("agreement.duplicate_value")


# --- JSON Schema ------------------------------------------------------------------


def json_schema(vocab: Vocabularies) -> dict[str, Any]:
    """The schema of ``data/afspraken.yml``: a list of agreements (for editors' tools)."""
    properties: dict[str, Any] = {}
    for spec in FIELDS:
        base: dict[str, Any] = {"description": spec.description}
        if spec.kind == "id":
            base |= {"type": "string", "pattern": ID_PATTERN}
        elif spec.kind == "text":
            base |= {"type": "string", "minLength": 1, "maxLength": spec.max_length}
        elif spec.kind == "slug":
            base["enum"] = list(vocab.by_name(spec.vocab))
        elif spec.kind == "slugs":
            base |= {
                "type": "array",
                "minItems": 1,
                "uniqueItems": True,
                "items": {"enum": list(vocab.by_name(spec.vocab))},
            }
        else:
            base |= {
                "type": "array",
                "minItems": 1,
                "uniqueItems": True,
                "items": {"type": "string", "pattern": ID_PATTERN},
            }
        properties[spec.key] = base
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Afspraken voor de Afsprakenmaker",
        "description": "data/afspraken.yml. Gegenereerd uit scripts/inspiratieboek/data/afspraken.py;"
        " bijwerken met: python scripts/manage.py schema --write",
        "type": "array",
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": list(FIELD_KEYS),
            "properties": properties,
        },
    }


def schema_text(vocab: Vocabularies) -> str:
    return json.dumps(json_schema(vocab), ensure_ascii=False, indent=2) + "\n"


def write_schema(vocab: Vocabularies, data_dir: Path) -> bool:
    """Write ``data/afspraak.schema.json`` if it changed. Returns True when it wrote."""
    target = data_dir / SCHEMA_FILE
    text = schema_text(vocab)
    if target.exists() and target.read_text(encoding="utf-8") == text:
        return False
    target.write_text(text, encoding="utf-8")
    return True
