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
from inspiratieboek.site.views import ExampleView, Link, Text, example_views

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

Getter = Callable[[ExampleView], str]
"""A cell from the example's view in the file's language (:mod:`views`): the CSV
shows what the page shows."""


def _plain(text: Text | None) -> str:
    return text.value if text else ""


def _year(year: int | None) -> str:
    return "" if year is None else str(year)


def _joined(values: tuple[str, ...]) -> str:
    return LIST_SEPARATOR.join(values)


def _lessons(view: ExampleView) -> str:
    """Each lesson in the language (Dutch when untranslated) with its origin, e.g. '... (uit de bron)'."""
    return _joined(
        tuple(
            f"{lesson.text.value} ({lesson.origin_name.lower()})" if lesson.origin_name else lesson.text.value
            for lesson in view.lessons
        )
    )


def _link(link: Link | None) -> str:
    """A name (or a vocabulary value's name) with an address: 'name (https://...)'."""
    return f"{link.name} ({link.url})" if link and link.url else ""


CSV_COLUMNS: tuple[tuple[str, str, Getter], ...] = (
    ("id", "id", lambda v: v.id),
    ("titel", "title", lambda v: v.title.value),
    ("samenvatting", "summary", lambda v: _plain(v.summary)),
    ("soort_voorbeeld", "kind", lambda v: v.kind),
    ("status", "status", lambda v: v.status),
    ("factoren", "factors", lambda v: _joined(tuple(f.name(v.lang) for f in v.factors))),
    ("organisaties", "organisations", lambda v: _joined(tuple(f"{o.name} ({o.kind})" for o in v.organisations))),
    ("plaats", "place", lambda v: v.place),
    ("provincie", "province", lambda v: v.province),
    ("doelgroepen", "target_groups", lambda v: _joined(v.groups)),
    ("themas", "themes", lambda v: _joined(v.themes)),
    ("aanpak", "approach", lambda v: _plain(v.approach)),
    ("afspraak", "agreement", lambda v: _plain(v.agreement)),
    ("resultaat_soort", "result_kind", lambda v: v.result_kind),
    ("resultaten", "results", lambda v: _plain(v.results)),
    ("kosten", "costs", lambda v: _plain(v.costs)),
    ("lessen", "lessons", _lessons),
    ("startjaar", "start_year", lambda v: _year(v.start_year)),
    ("eindjaar", "end_year", lambda v: _year(v.end_year)),
    ("contact", "contact", lambda v: _link(v.contact)),
    ("erkenning", "recognition", lambda v: _link(v.recognition)),
    ("bronnen", "sources", lambda v: _joined(tuple(f"{s.name} ({s.url})" for s in v.sources))),
    ("laatst_gecontroleerd", "last_checked", lambda v: v.checked.isoformat() if v.checked else ""),
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
    for view in example_views(catalog, lang).values():
        cells = [get(view) for _, _, get in CSV_COLUMNS]
        cells.append(site_base(site_url) + view.url)
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
