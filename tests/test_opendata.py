"""Open data: read voorbeelden.json and voorbeelden.csv back from the built site and
compare them with the records the site was built from.

The records are read here with plain ``yaml.safe_load``, not through the export code,
so a mistake in the export cannot hide itself.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import jsonschema
import pytest
import yaml
from conftest import ROOT, Build
from inspiratieboek.publish.opendata import LICENCE, built_at, csv_cell

LANGUAGES = {"nl": "", "en": "en/"}
BOM = b"\xef\xbb\xbf"


def raw_records(site: Build) -> dict[str, dict]:
    """id -> record as YAML gives it, from the project copy the site was built from."""
    folder = site.project / "data" / "voorbeelden"
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.yml"))}


def vocab(site: Build) -> dict[str, dict[str, dict[str, str]]]:
    """list name -> slug -> {'nl': name, 'en': name}."""
    data = site.project / "data"
    lists = yaml.safe_load((data / "lijsten.yml").read_text(encoding="utf-8"))
    lists["factoren"] = yaml.safe_load((data / "factoren.yml").read_text(encoding="utf-8"))
    return {name: {t["slug"]: {"nl": t["nl"], "en": t["en"]} for t in terms} for name, terms in lists.items()}


def as_json(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def read_json(site: Build, lang: str) -> dict:
    return json.loads((site.site / LANGUAGES[lang] / "voorbeelden.json").read_text(encoding="utf-8"))


def read_csv(site: Build, lang: str) -> tuple[bytes, list[dict[str, str]]]:
    raw = (site.site / LANGUAGES[lang] / "voorbeelden.csv").read_bytes()
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    return raw, rows


def as_text(cell: str) -> str:
    """Undo the documented spreadsheet guard: an apostrophe before = + - @."""
    return cell[1:] if cell.startswith("'") and cell[1:2] in {"=", "+", "-", "@"} else cell


def local_path(site: Build, url: str) -> Path:
    return site.site / urlsplit(url).path.lstrip("/") / "index.html"


# --- JSON --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_json_holds_every_record_exactly(site: Build, lang: str) -> None:
    records = raw_records(site)
    document = read_json(site, lang)
    items = {item["id"]: item for item in document["voorbeelden"]}
    assert list(items) == sorted(records), "ids differ from data/voorbeelden/"
    assert document["aantal"] == len(records)
    for record_id, record in records.items():
        item = dict(items[record_id])
        del item["id"], item["url"]
        assert item == {k: as_json(v) for k, v in record.items()}, record_id


@pytest.mark.parametrize("lang", LANGUAGES)
def test_json_urls_point_to_built_pages_in_that_language(site: Build, lang: str) -> None:
    for item in read_json(site, lang)["voorbeelden"]:
        assert urlsplit(item["url"]).path == f"/{LANGUAGES[lang]}voorbeelden/{item['id']}/"
        assert local_path(site, item["url"]).is_file(), item["url"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_json_states_licence_language_build_date_and_schema(site: Build, lang: str) -> None:
    document = read_json(site, lang)
    assert document["taal"] == lang
    assert "CC BY 4.0" in document["licentie"]["naam"]
    assert document["licentie"]["url"].startswith("https://creativecommons.org/licenses/by/4.0/")
    built = dt.datetime.strptime(document["gebouwd"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    assert dt.timedelta(0) <= dt.datetime.now(dt.UTC) - built < dt.timedelta(days=1)
    assert urlsplit(document["schema"]).path == "/voorbeeld.schema.json"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_json_names_every_list_value_in_its_language(site: Build, lang: str) -> None:
    lists = read_json(site, lang)["lijsten"]
    expected = {name: {slug: names[lang] for slug, names in terms.items()} for name, terms in vocab(site).items()}
    assert lists == expected


def test_every_exported_record_is_valid_against_the_published_schema(site: Build) -> None:
    published = (site.site / "voorbeeld.schema.json").read_text(encoding="utf-8")
    assert published == (ROOT / "data" / "voorbeeld.schema.json").read_text(encoding="utf-8")
    validator = jsonschema.Draft202012Validator(json.loads(published), format_checker=jsonschema.FormatChecker())
    for item in read_json(site, "nl")["voorbeelden"]:
        record = {k: v for k, v in item.items() if k not in {"id", "url"}}
        errors = [e.message for e in validator.iter_errors(record)]
        assert errors == [], f"{item['id']}: {errors}"


# --- CSV ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_csv_is_made_for_excel_with_dutch_settings(site: Build, lang: str) -> None:
    raw, rows = read_csv(site, lang)
    assert raw.startswith(BOM), "Excel needs the UTF-8 byte-order mark to read é and ë"
    first_line = raw[len(BOM) :].split(b"\r\n", 1)[0].decode("utf-8")
    assert first_line.count(";") == 23 and "," not in first_line, first_line
    assert len(rows) == len(raw_records(site))
    assert all(None not in row and None not in row.values() for row in rows), "a row has too many or too few cells"


def one_line(text: str) -> str:
    """CSV cells are single-line text: every run of white space is one space."""
    return " ".join(text.split())


def test_every_csv_row_is_one_line(site: Build) -> None:
    raw = (site.site / "voorbeelden.csv").read_bytes()
    assert raw.count(b"\r\n") == len(raw_records(site)) + 1
    assert b"\n" not in raw.replace(b"\r\n", b"")


def test_csv_rows_match_the_records_in_dutch(site: Build) -> None:
    records, names = raw_records(site), vocab(site)
    _, rows = read_csv(site, "nl")
    for row in rows:
        record = records[row["id"]]
        cells = {k: as_text(v) for k, v in row.items()}
        assert cells["titel"] == one_line(record["titel"])
        assert cells["samenvatting"] == one_line(record["samenvatting"])
        assert cells["factoren"] == " | ".join(names["factoren"][f]["nl"] for f in record["factoren"])
        assert cells["organisaties"] == " | ".join(
            f"{o['naam']} ({names['soorten'][o['soort']]['nl']})" for o in record["organisaties"]
        )
        assert cells["plaats"] == one_line(record["plaats"])
        assert cells["provincie"] == names["provincies"][record["provincie"]]["nl"]
        assert cells["doelgroepen"] == " | ".join(names["doelgroepen"][g]["nl"] for g in record["doelgroepen"])
        assert cells["themas"] == " | ".join(names["themas"][t]["nl"] for t in record["themas"])
        assert cells["aanpak"] == one_line(record["aanpak"])
        assert cells["resultaten"] == one_line(record.get("resultaten") or "")
        assert cells["soort_voorbeeld"] == names["soorten_voorbeeld"][record["soort_voorbeeld"]]["nl"]
        assert cells["status"] == names["statussen"][record["status"]]["nl"]
        assert cells["resultaat_soort"] == names["resultaatsoorten"][record["resultaat_soort"]]["nl"]
        assert cells["lessen"] == " | ".join(
            f"{one_line(les['tekst'])} ({names['herkomsten'][les['herkomst']]['nl'].lower()})"
            for les in record["lessen"]
        )
        assert cells["eindjaar"] == str(record.get("eindjaar") or "")
        contact = record.get("contact")
        assert cells["contact"] == (f"{one_line(contact['naam'])} ({contact['url']})" if contact else "")
        assert cells["startjaar"] == str(record.get("startjaar") or "")
        assert cells["bronnen"] == " | ".join(f"{s['titel']} ({s['url']})" for s in record["bronnen"])
        assert cells["laatst_gecontroleerd"] == record["laatst_gecontroleerd"].isoformat()
        assert local_path(site, cells["pagina"]) == site.site / "voorbeelden" / row["id"] / "index.html"


def test_csv_rows_use_english_text_and_names_where_they_exist(site: Build) -> None:
    records, names = raw_records(site), vocab(site)
    _, rows = read_csv(site, "en")
    for row in rows:
        record = records[row["id"]]
        cells = {k: as_text(v) for k, v in row.items()}
        assert cells["title"] == one_line(record.get("titel_en") or record["titel"])
        assert cells["summary"] == one_line(record.get("samenvatting_en") or record["samenvatting"])
        assert cells["approach"] == one_line(record.get("aanpak_en") or record["aanpak"])
        assert cells["kind"] == names["soorten_voorbeeld"][record["soort_voorbeeld"]]["en"]
        assert cells["factors"] == " | ".join(names["factoren"][f]["en"] for f in record["factoren"])
        assert cells["province"] == names["provincies"][record["provincie"]]["en"]
        assert urlsplit(cells["page"]).path == f"/en/voorbeelden/{row['id']}/"


def test_csv_guards_cells_that_excel_would_run_as_formulas(site: Build) -> None:
    assert csv_cell("- In de proef") == "'- In de proef"
    assert csv_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert csv_cell("@x") == "'@x" and csv_cell("+31") == "'+31"
    assert csv_cell("Gewone tekst - met streepje") == "Gewone tekst - met streepje"
    _, rows = read_csv(site, "nl")
    risky = [v for row in rows for v in row.values() if v[:1] in {"=", "+", "-", "@"}]
    assert risky == [], risky[:3]


# --- The page that offers the files ----------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_open_data_page_links_to_files_that_exist(site: Build, lang: str) -> None:
    page_url = f"/{LANGUAGES[lang]}open-data/"
    html = site.html(f"{LANGUAGES[lang]}open-data/")
    for name in ("voorbeelden.csv", "voorbeelden.json", "voorbeeld.schema.json"):
        href = next(part.split('"')[0] for part in html.split('href="')[1:] if part.split('"')[0].endswith(name))
        target = site.site / urljoin(page_url, href).lstrip("/")
        assert target.is_file(), f"{page_url} links to {href}, which is not in the site"
    assert "creativecommons.org/licenses/by/4.0" in html


def test_build_date_follows_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert built_at() == dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def test_readme_states_the_same_licence_for_the_data() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Licence\n", 1)[1].split("\n## ", 1)[0]
    assert "voorbeelden.json" in section and "voorbeelden.csv" in section
    assert LICENCE["nl"]["url"] in section, "README and voorbeelden.json must name the same licence"
