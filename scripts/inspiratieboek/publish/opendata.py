"""Publish the examples as open data: ``voorbeelden.json`` and ``voorbeelden.csv``.

Why: a developer elsewhere (a municipality's dashboard, a researcher, another
knowledge site) should be able to reuse the examples without scraping pages, and
know under which licence. The hook calls ``write_open_data`` after each build, so
the files always match the pages of the same build.

Per language, next to that language's pages (``/`` and ``/en/``):

- ``voorbeelden.json``: every record exactly as in ``data/voorbeelden/*.yml``
  (Dutch field names and slugs, as in the JSON Schema), plus ``id`` and ``url``
  (the page in that language), the names of all list values in that language,
  the licence and the build date.
- ``voorbeelden.csv``: one row per example for spreadsheet users, with text and
  list values in that language. Excel with Dutch settings opens it as columns
  because it uses ``;`` as separator and starts with a UTF-8 byte-order mark.

The JSON Schema of a record goes to ``/voorbeeld.schema.json`` (once, at the root).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from inspiratieboek.data.records import LIST_NAMES, Catalog, Record
from inspiratieboek.data.schema import FIELDS, SCHEMA_FILE, schema_text
from inspiratieboek.site.editions import default_language, prefix
from inspiratieboek.site.render import localized

JSON_FILE = "voorbeelden.json"
CSV_FILE = "voorbeelden.csv"
CSV_SEPARATOR = ";"
"""Excel with Dutch regional settings splits columns on ';', not ','."""
LIST_SEPARATOR = " | "
"""Between the values of a list inside one CSV cell (factors, organisations ...)."""
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with one of these is a formula to Excel (e.g. a Markdown list '- ...')."""
VOCABULARIES = ("factoren", *LIST_NAMES)

LICENCE = {
    "nl": {
        "naam": "CC BY 4.0 (Creative Commons Naamsvermelding 4.0 Internationaal)",
        "url": "https://creativecommons.org/licenses/by/4.0/deed.nl",
    },
    "en": {
        "naam": "CC BY 4.0 (Creative Commons Attribution 4.0 International)",
        "url": "https://creativecommons.org/licenses/by/4.0/deed.en",
    },
}
TEXT = {
    "nl": {
        "titel": "Praktijkvoorbeelden uit 'Wonen, een stevige basis voor gezondheid'",
        "beschrijving": "Alle praktijkvoorbeelden van de site, met de velden uit de JSON Schema."
        " Je mag ze hergebruiken als je de bron noemt (CC BY 4.0).",
    },
    "en": {
        "titel": "Practice examples from 'Housing: a solid foundation for health'",
        "beschrijving": "All practice examples of the site, with the fields of the JSON Schema."
        " You may reuse them if you credit the source (CC BY 4.0).",
    },
}


# --- Where things go -------------------------------------------------------------


def site_base(site_url: str) -> str:
    """Absolute base for links in the files; '/' when no site_url is configured."""
    return site_url if site_url.endswith("/") else (site_url + "/" if site_url else "/")


def page_url(record_id: str, lang: str, site_url: str) -> str:
    """The example's page in ``lang`` (MkDocs' directory URLs)."""
    return f"{site_base(site_url)}{prefix(lang)}voorbeelden/{record_id}/"


def built_at() -> dt.datetime:
    """The build time (UTC), or SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


# --- JSON ------------------------------------------------------------------------


def record_data(record: Record) -> dict[str, Any]:
    """The record's fields in schema order, JSON-ready (dates as JJJJ-MM-DD)."""
    data: dict[str, Any] = {}
    for spec in FIELDS:
        if spec.key in record.data:
            value = record.data[spec.key]
            data[spec.key] = value.isoformat() if isinstance(value, dt.date) else value
    return data


def export_item(record: Record, lang: str, site_url: str) -> dict[str, Any]:
    """One example in the JSON file: id, page URL, then the record as written."""
    return {"id": record.id, "url": page_url(record.id, lang, site_url), **record_data(record)}


def vocabulary_names(catalog: Catalog, lang: str) -> dict[str, dict[str, str]]:
    """slug -> name in ``lang`` for every closed list, so users can show names."""
    return {name: {s: t.name(lang) for s, t in catalog.vocab.by_name(name).items()} for name in VOCABULARIES}


def json_document(catalog: Catalog, lang: str, site_url: str, built: dt.datetime) -> dict[str, Any]:
    """The whole ``voorbeelden.json`` of one language (the same keys in every language)."""
    base = site_base(site_url)
    return {
        "titel": TEXT[lang]["titel"],
        "beschrijving": TEXT[lang]["beschrijving"],
        "taal": lang,
        "licentie": LICENCE[lang],
        "bron": f"{base}{prefix(lang)}",
        "schema": f"{base}{SCHEMA_FILE}",
        "gebouwd": built.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "aantal": len(catalog.records),
        "lijsten": vocabulary_names(catalog, lang),
        "voorbeelden": [export_item(r, lang, site_url) for r in catalog.records],
    }


def json_text(catalog: Catalog, lang: str, site_url: str, built: dt.datetime) -> str:
    return json.dumps(json_document(catalog, lang, site_url, built), ensure_ascii=False, indent=2) + "\n"


# --- CSV -------------------------------------------------------------------------

Getter = Callable[[Record, Catalog, str], str]


def _text(key: str) -> Getter:
    def get(record: Record, catalog: Catalog, lang: str) -> str:
        text = localized(record, key, lang)
        return text.value if text else ""

    return get


def _raw(key: str) -> Getter:
    def get(record: Record, catalog: Catalog, lang: str) -> str:
        value = record.get(key)
        if value is None:
            return ""
        return value.isoformat() if isinstance(value, dt.date) else str(value)

    return get


def _names(key: str, vocab_name: str) -> Getter:
    def get(record: Record, catalog: Catalog, lang: str) -> str:
        terms = catalog.vocab.by_name(vocab_name)
        values = record.get(key)
        values = values if isinstance(values, list) else [values]
        return LIST_SEPARATOR.join(terms[v].name(lang) for v in values if v in terms)

    return get


def _organisations(record: Record, catalog: Catalog, lang: str) -> str:
    kinds = catalog.vocab.soorten
    return LIST_SEPARATOR.join(
        f"{o['naam']} ({kinds[o['soort']].name(lang)})" for o in record.get("organisaties") or []
    )


def _sources(record: Record, catalog: Catalog, lang: str) -> str:
    return LIST_SEPARATOR.join(f"{s['titel']} ({s['url']})" for s in record.get("bronnen") or [])


def _lessons(record: Record, catalog: Catalog, lang: str) -> str:
    """Each lesson in the language (Dutch when untranslated) with its origin, e.g. '... (uit de bron)'."""
    origins = catalog.vocab.herkomsten
    cells = []
    for item in record.get("lessen") or []:
        text = (lang != "nl" and item.get(f"tekst_{lang}")) or item["tekst"]
        origin = origins[item["herkomst"]].name(lang).lower() if item.get("herkomst") in origins else ""
        cells.append(f"{text} ({origin})" if origin else text)
    return LIST_SEPARATOR.join(cells)


def _link(key: str, name_key: str, vocab_name: str = "") -> Getter:
    """A group with a name (or a vocabulary value) and an address: 'name (https://...)'."""

    def get(record: Record, catalog: Catalog, lang: str) -> str:
        group = record.get(key)
        if not isinstance(group, dict) or not group.get("url"):
            return ""
        name = str(group.get(name_key) or "")
        if vocab_name and name in catalog.vocab.by_name(vocab_name):
            name = catalog.vocab.by_name(vocab_name)[name].name(lang)
        return f"{name} ({group['url']})"

    return get


CSV_COLUMNS: tuple[tuple[str, str, Getter], ...] = (
    ("id", "id", lambda r, c, lang: r.id),
    ("titel", "title", _text("titel")),
    ("samenvatting", "summary", _text("samenvatting")),
    ("soort_voorbeeld", "kind", _names("soort_voorbeeld", "soorten_voorbeeld")),
    ("status", "status", _names("status", "statussen")),
    ("factoren", "factors", _names("factoren", "factoren")),
    ("organisaties", "organisations", _organisations),
    ("plaats", "place", _raw("plaats")),
    ("provincie", "province", _names("provincie", "provincies")),
    ("doelgroepen", "target_groups", _names("doelgroepen", "doelgroepen")),
    ("themas", "themes", _names("themas", "themas")),
    ("aanpak", "approach", _text("aanpak")),
    ("afspraak", "agreement", _text("afspraak")),
    ("resultaat_soort", "result_kind", _names("resultaat_soort", "resultaatsoorten")),
    ("resultaten", "results", _text("resultaten")),
    ("kosten", "costs", _text("kosten")),
    ("lessen", "lessons", _lessons),
    ("startjaar", "start_year", _raw("startjaar")),
    ("eindjaar", "end_year", _raw("eindjaar")),
    ("contact", "contact", _link("contact", "naam")),
    ("erkenning", "recognition", _link("erkenning", "niveau", "erkenningsniveaus")),
    ("bronnen", "sources", _sources),
    ("laatst_gecontroleerd", "last_checked", _raw("laatst_gecontroleerd")),
)
"""(Dutch header, English header, value). The page URL is the last column."""


def csv_header(lang: str) -> list[str]:
    dutch = lang == default_language()
    return [nl if dutch else en for nl, en, _ in CSV_COLUMNS] + ["pagina" if dutch else "page"]


def csv_cell(value: str) -> str:
    """Make a cell safe and clean for spreadsheets: one line (Markdown's line breaks
    become spaces, so every row is one line in any tool), and a leading apostrophe
    turns a would-be formula into text."""
    value = " ".join(value.split())
    return "'" + value if value.startswith(FORMULA_START) else value


def csv_rows(catalog: Catalog, lang: str, site_url: str) -> list[list[str]]:
    """Header plus one row per example, cells already made spreadsheet-safe."""
    rows = [csv_header(lang)]
    for record in catalog.records:
        cells = [get(record, catalog, lang) for _, _, get in CSV_COLUMNS]
        cells.append(page_url(record.id, lang, site_url))
        rows.append([csv_cell(c) for c in cells])
    return rows


def csv_bytes(catalog: Catalog, lang: str, site_url: str) -> bytes:
    """The CSV file: UTF-8 with byte-order mark, ';' between cells, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_SEPARATOR, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerows(csv_rows(catalog, lang, site_url))
    return buffer.getvalue().encode("utf-8-sig")


# --- Writing ---------------------------------------------------------------------


def _write(path: Path, data: bytes) -> None:
    """Write through a temporary file, so a reader never sees half a file."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def write_open_data(
    catalog: Catalog,
    site_dir: Path,
    languages: tuple[str, ...],
    site_url: str,
    built: dt.datetime | None = None,
) -> list[Path]:
    """Write the files of every language whose folder is already built; returns the paths.

    mkdocs-static-i18n builds the languages one after another, each with its own
    post-build event; writing every built language each time means the last run
    leaves a complete, consistent set, whatever the order.
    """
    built = built or built_at()
    written: list[Path] = []
    for lang in languages:
        folder = site_dir / prefix(lang)
        if not folder.is_dir():
            continue
        _write(folder / JSON_FILE, json_text(catalog, lang, site_url, built).encode("utf-8"))
        _write(folder / CSV_FILE, csv_bytes(catalog, lang, site_url))
        written += [folder / JSON_FILE, folder / CSV_FILE]
    if site_dir.is_dir():
        _write(site_dir / SCHEMA_FILE, schema_text(catalog.vocab).encode("utf-8"))
        written.append(site_dir / SCHEMA_FILE)
    return written
