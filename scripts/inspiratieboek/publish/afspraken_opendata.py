"""The Afsprakenmaker's agreements as open data: ``afspraken.json`` and ``afspraken.csv``.

Why beside the examples' files and not inside them: a reader of ``voorbeelden.json``
expects one item per example; the agreements are another list, with their own
schema (``/afspraak.schema.json``). Same conventions as ``opendata.py``: per
language next to its pages, JSON with the fields as in ``data/afspraken.yml`` plus
addresses, CSV for Excel (';', BOM, CRLF, formula guard).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

from inspiratieboek.data import afspraken
from inspiratieboek.data.records import Catalog
from inspiratieboek.publish import opendata
from inspiratieboek.site.afsprakenmaker import agreement_view
from inspiratieboek.site.editions import default_language, prefix

JSON_FILE = "afspraken.json"
CSV_FILE = "afspraken.csv"
TEXT = {
    "nl": {
        "titel": "Afspraken over gezondheid uit de Afsprakenmaker van 'Wonen, een stevige basis voor gezondheid'",
        "beschrijving": "Mogelijke afspraken voor de prestatieafspraken, per factor, elk met de voorbeelden"
        " waarop ze rusten. Je mag ze hergebruiken als je de bron noemt (CC BY 4.0).",
    },
    "en": {
        "titel": "Agreements on health from the Afsprakenmaker of 'Housing: a solid foundation for health'",
        "beschrijving": "Possible agreements for performance agreements, per factor, each with the examples"
        " it rests on. You may reuse them if you credit the source (CC BY 4.0).",
    },
}
CSV_COLUMNS = (
    ("id", "id"),
    ("factoren", "factors"),
    ("tekst", "text"),
    ("partijen", "parties"),
    ("soort", "kind"),
    ("indicator", "indicator"),
    ("bron_indicator", "indicator_source"),
    ("voorbeelden", "examples"),
    ("pagina", "page"),
)


def tool_url(agreement_id: str, lang: str, site_url: str) -> str:
    """The Afsprakenmaker with this one agreement chosen."""
    return f"{opendata.site_base(site_url)}{prefix(lang)}afsprakenmaker/?afspraken={agreement_id}"


def json_document(catalog: Catalog, lang: str, site_url: str, built: dt.datetime) -> dict[str, Any]:
    base = opendata.site_base(site_url)
    items = []
    for agreement in afspraken.agreements(catalog):
        view = agreement_view(agreement, catalog, lang)
        raw = {
            "factoren": list(agreement.factoren),
            "partijen": list(agreement.partijen),
            "soort": agreement.soort,
            **agreement.texts,
            "voorbeelden": list(agreement.voorbeelden),
        }
        items.append(
            {
                "id": agreement.id,
                "url": tool_url(agreement.id, lang, site_url),
                **raw,
                "voorbeeld_urls": [opendata.page_url(v["id"], lang, site_url) for v in view["voorbeelden"]],
            }
        )
    return {
        "titel": TEXT[lang]["titel"],
        "beschrijving": TEXT[lang]["beschrijving"],
        "taal": lang,
        "licentie": opendata.LICENCE[lang],
        "bron": f"{base}{prefix(lang)}afsprakenmaker/",
        "schema": f"{base}{afspraken.SCHEMA_FILE}",
        "gebouwd": built.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "aantal": len(items),
        "afspraken": items,
    }


def csv_bytes(catalog: Catalog, lang: str, site_url: str) -> bytes:
    """One row per agreement, names in ``lang``; examples as 'title (year): address'."""
    column = 0 if lang == default_language() else 1
    rows = [[spec[column] for spec in CSV_COLUMNS]]
    for agreement in afspraken.agreements(catalog):
        view = agreement_view(agreement, catalog, lang)
        examples = opendata.LIST_SEPARATOR.join(_example(v) for v in view["voorbeelden"])
        cells = [
            view["id"],
            opendata.LIST_SEPARATOR.join(view["factor_namen"]),
            view["tekst"],
            opendata.LIST_SEPARATOR.join(view["partij_namen"]),
            view["soort_naam"],
            view["indicator"],
            view["bron_indicator"],
            examples,
            tool_url(agreement.id, lang, site_url),
        ]
        rows.append([opendata.csv_cell(c) for c in cells])
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=opendata.CSV_SEPARATOR, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def _example(view: dict[str, Any]) -> str:
    year = f" ({view['jaar']})" if view["jaar"] else ""
    return f"{view['titel']}{year}: {view['bron_url']}"


def write(
    catalog: Catalog, site_dir: Path, languages: tuple[str, ...], site_url: str, built: dt.datetime
) -> list[Path]:
    """Write both files for every built language, and the schema at the root."""
    written: list[Path] = []
    for lang in languages:
        folder = site_dir / prefix(lang)
        if not folder.is_dir():
            continue
        document = json_document(catalog, lang, site_url, built)
        opendata._write(folder / JSON_FILE, (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode())
        opendata._write(folder / CSV_FILE, csv_bytes(catalog, lang, site_url))
        written += [folder / JSON_FILE, folder / CSV_FILE]
    if site_dir.is_dir():
        opendata._write(site_dir / afspraken.SCHEMA_FILE, afspraken.schema_text(catalog.vocab).encode("utf-8"))
        written.append(site_dir / afspraken.SCHEMA_FILE)
    return written
