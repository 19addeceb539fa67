"""Each validation rule with a good and a bad record, and the exact message.

Given a data folder with the real vocabularies and one (synthetic) record,
when the validator runs, then it reports exactly the expected problem.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import ENV, FIXTURES, ROOT, data_folder
from inspiratieboek.data.records import load_catalog
from inspiratieboek.data.schema import SCHEMA_FILE, schema_text
from inspiratieboek.data.validate import errors, validate

GOOD = (FIXTURES / "synthetisch-a.yml").read_text(encoding="utf-8")
NAME = "data/voorbeelden/synthetisch-a.yml"


def problems_for(tmp_path: Path, text: str | bytes, name: str = "synthetisch-a.yml") -> list[str]:
    data = data_folder(tmp_path / "data", {name: text})
    return [str(p) for p in errors(validate(load_catalog(data)))]


def test_good_record_has_no_errors(tmp_path: Path) -> None:
    assert problems_for(tmp_path, GOOD) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("titel: Synthetisch voorbeeld A over schulden\n", "", f"{NAME}:1: titel: ontbreekt of is leeg"),
        ("plaats: Testplaats", "plaats: ''", f"{NAME}:12: plaats: ontbreekt of is leeg"),
        (
            "  - zorg\n",
            "  - inkomen\n",
            f"{NAME}:8: factoren[1]: 'inkomen' is geen bekende waarde (toegestaan: "
            "bestaanszekerheid, leefomstandigheden, sociaal-kapitaal, werk, zorg; zie data/factoren.yml)",
        ),
        ("  - zorg\n", "  - bestaanszekerheid\n", f"{NAME}:8: factoren[1]: 'bestaanszekerheid' staat twee keer"),
        ("provincie: utrecht", "provincie: brabant", f"{NAME}:13: provincie: 'brabant' is geen bekende waarde"),
        ("soort: woningcorporatie", "soort: bedrijf", f"{NAME}:11: organisaties[0].soort: 'bedrijf' is geen bekende"),
        ("  - huurders\n", "  - iedereen\n", f"{NAME}:15: doelgroepen[0]: 'iedereen' is geen bekende waarde"),
        ("  - schuldhulp\n", "  - geld\n", f"{NAME}:17: themas[0]: 'geld' is geen bekende waarde"),
        (
            "url: https://example.org/bron-a",
            "url: http://example.org/bron-a",
            f"{NAME}:26: bronnen[0].url: 'http://example.org/bron-a' is geen geldig webadres (toegestaan: een volledig"
            " adres dat begint met https://)",
        ),
        ("url: https://example.org/bron-a", "url: https://", f"{NAME}:26: bronnen[0].url: 'https://' is geen geldig"),
        ("  - titel: Testbron A\n", "  - titel: ''\n", f"{NAME}:25: bronnen[0].titel: ontbreekt of is leeg"),
        ("startjaar: 2020", "startjaar: twintig", f"{NAME}:23: startjaar: moet een jaartal zijn"),
        ("startjaar: 2020", "startjaar: 1850", f"{NAME}:23: startjaar: 1850 is geen geldig jaartal"),
        (
            "laatst_gecontroleerd: 2026-01-15",
            "laatst_gecontroleerd: 15-01-2026",
            f"{NAME}:27: laatst_gecontroleerd: '15-01-2026' is geen datum (schrijf JJJJ-MM-DD",
        ),
        (
            "laatst_gecontroleerd: 2026-01-15",
            "laatst_gecontroleerd: 2999-01-01",
            f"{NAME}:27: laatst_gecontroleerd: 2999-01-01 ligt in de toekomst",
        ),
        (
            "plaats: Testplaats",
            "plaats: Testplaats\nwebsite: https://example.org",
            f"{NAME}:13: website: onbekend veld (toegestaan: titel, titel_en,",
        ),
        (
            "titel: Synthetisch voorbeeld A over schulden",
            "titel: 2020",
            f"{NAME}:2: titel: moet tekst zijn, niet een getal",
        ),
        (
            "titel: Synthetisch voorbeeld A over schulden",
            "titel: <script>alert(1)</script>",
            f"{NAME}:2: titel: bevat HTML-code ('<script>alert(1)</sc') (toegestaan: gewone tekst, zonder HTML)",
        ),
        ("plaats: Testplaats", 'plaats: "x onerror=alert(1)"', f"{NAME}:12: plaats: bevat een HTML-attribuut"),
        (
            "[link](https://example.org/a)",
            "[link](javascript:alert(1))",
            f"{NAME}:18: aanpak: bevat een onveilige link ('javascript:alert(1))",
        ),
        (
            "[link](https://example.org/a)",
            "[link](pagina.md)",
            f"{NAME}:18: aanpak: link 'pagina.md' is geen webadres (toegestaan: links die beginnen met https://)",
        ),
        (
            "samenvatting: Dit is een verzonnen testrecord. Het bestaat alleen voor de tests.",
            "samenvatting: Een. Twee zinnen. Drie zinnen. Vier zinnen.",
            f"{NAME}:4: samenvatting: heeft 4 zinnen (toegestaan: 1 tot 3 zinnen)",
        ),
        (
            "samenvatting: Dit",
            "samenvatting: " + "lang " * 200 + "Dit",
            f"{NAME}:4: samenvatting: is te lang: 1,066 tekens (toegestaan: hooguit 600)",
        ),
    ],
)
def test_rule_reports_file_line_field_and_fix(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert old in GOOD, "test is out of date with the fixture"
    found = problems_for(tmp_path, GOOD.replace(old, new, 1))
    assert any(p.startswith(expected) for p in found), found


def test_every_problem_is_reported_in_one_run(tmp_path: Path) -> None:
    bad = GOOD.replace("provincie: utrecht", "provincie: x").replace("startjaar: 2020", "startjaar: 1")
    found = problems_for(tmp_path, bad)
    assert len(found) == 2, found


def test_file_name_must_be_a_valid_id(tmp_path: Path) -> None:
    found = problems_for(tmp_path, GOOD, name="Mijn Voorbeeld.yml")
    assert found == [
        "data/voorbeelden/Mijn Voorbeeld.yml:1: (bestandsnaam): 'Mijn Voorbeeld.yml' is geen geldige id"
        " (toegestaan: kleine letters, cijfers en streepjes, bijvoorbeeld buurtkamer-noord.yml)"
    ]


def test_duplicate_id_names_both_files(tmp_path: Path) -> None:
    problems_for(tmp_path, GOOD)
    (tmp_path / "data" / "voorbeelden" / "synthetisch-a.yaml").write_text(GOOD, encoding="utf-8")
    found = [str(p) for p in errors(validate(load_catalog(tmp_path / "data")))]
    assert sum("id 'synthetisch-a' komt vaker voor: synthetisch-a.yaml, synthetisch-a.yml" in p for p in found) == 2


def test_yaml_syntax_error_shows_line_and_column(tmp_path: Path) -> None:
    found = problems_for(tmp_path, GOOD.replace("plaats: Testplaats", "plaats: [Testplaats"))
    assert len(found) == 1, found
    assert found[0].startswith(f"{NAME}:13: (syntaxis): YAML-fout in kolom 10: "), found
    assert "expected ',' or ']'" in found[0] and "(begonnen op regel 12)" in found[0], found


def test_old_check_and_shared_sources_are_warnings_not_errors(tmp_path: Path) -> None:
    old = (dt.date.today() - dt.timedelta(days=800)).isoformat()
    problems_for(tmp_path, GOOD.replace("2026-01-15", old))
    second = GOOD.replace("voorbeeld A", "voorbeeld B").replace("example A", "example B")
    (tmp_path / "data" / "voorbeelden" / "tweede.yml").write_text(second, encoding="utf-8")
    all_problems = validate(load_catalog(tmp_path / "data"))
    warnings = [str(p) for p in all_problems if p.warning]
    assert not errors(all_problems)
    assert any("laatst_gecontroleerd: waarschuwing: is 2 jaar geleden gecontroleerd" in w for w in warnings), warnings
    assert any(
        "bronnen[0].url: waarschuwing: dezelfde bron staat ook bij: synthetisch-a, tweede" in w for w in warnings
    ), warnings


LESSON = "  - tekst: Synthetische les, alleen voor de tests.\n"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("soort_voorbeeld: praktijk", "soort_voorbeeld: casus", f"{NAME}:28: soort_voorbeeld: 'casus' is geen bekende"),
        (
            "soort_voorbeeld: praktijk",
            "soort_voorbeeld: [praktijk]",
            f"{NAME}:28: soort_voorbeeld: ['praktijk'] is geen",
        ),
        ("status: loopt\n", "", f"{NAME}:1: status: ontbreekt of is leeg (dit veld is verplicht"),
        ("status: loopt", "status: klaar", f"{NAME}:29: status: 'klaar' is geen bekende waarde (toegestaan: loopt,"),
        ("resultaat_soort: geen-resultaat-bekend", "resultaat_soort: effect", f"{NAME}:30: resultaat_soort: 'effect'"),
        (
            "resultaat_soort: geen-resultaat-bekend",
            "resultaat_soort: bereik",
            f"{NAME}:22: resultaten: ontbreekt (bij resultaat_soort 'bereik' hoort het resultaat uit de bron",
        ),
        (
            'resultaten: ""',
            "resultaten: Tien deelnemers.",
            f"{NAME}:30: resultaat_soort: is geen-resultaat-bekend, maar resultaten is ingevuld",
        ),
        (
            "soort_voorbeeld: praktijk",
            "soort_voorbeeld: afspraak",
            f"{NAME}:1: afspraak: ontbreekt (bij soort_voorbeeld",
        ),
        ("status: loopt", "status: loopt\nafspraak: Iets.", f"{NAME}:30: afspraak: hoort alleen bij soort_voorbeeld"),
        (
            "status: loopt",
            "status: loopt\neindjaar: 2021",
            f"{NAME}:30: eindjaar: hoort bij status afgerond of gestopt",
        ),
        (
            "status: loopt",
            "status: afgerond\neindjaar: 2019",
            f"{NAME}:30: eindjaar: 2019 ligt voor het startjaar 2020",
        ),
        ("status: loopt", "status: gestopt\neindjaar: 3000", f"{NAME}:30: eindjaar: 3000 is geen geldig jaartal"),
        (LESSON, "  - tekst: ''\n", f"{NAME}:32: lessen[0].tekst: ontbreekt of is leeg"),
        ("herkomst: redactie", "herkomst: wij", f"{NAME}:34: lessen[0].herkomst: 'wij' is geen bekende waarde"),
        ("herkomst: redactie", "herkomst: redactie\n    bron: x", f"{NAME}:35: lessen[0].bron: onbekend veld"),
        ("lessen:\n" + LESSON, "lessen: geen\nx:\n" + LESSON, f"{NAME}:31: lessen: moet een lijst zijn"),
        (
            "    soort: woningcorporatie",
            "    soort: woningcorporatie\n    rol: baas",
            f"{NAME}:12: organisaties[0].rol: 'baas'",
        ),
        (
            "status: loopt",
            "status: loopt\ncontact:\n  naam: Testcorporatie\n  url: http://example.org",
            f"{NAME}:32: contact.url: 'http://example.org' is geen geldig webadres",
        ),
        (
            "status: loopt",
            "status: loopt\ncontact: https://example.org",
            f"{NAME}:30: contact: moet velden naam en url",
        ),
        (
            "status: loopt",
            "status: loopt\nerkenning:\n  niveau: top\n  url: https://example.org/i",
            f"{NAME}:31: erkenning.niveau: 'top' is geen bekende waarde (toegestaan: goed-beschreven,",
        ),
    ],
)
def test_example_facts_rules_report_file_line_field_and_fix(tmp_path: Path, old: str, new: str, expected: str) -> None:
    """Issue #13: each new field (kind, status, years, result, lessons, roles, contact,
    recognition) rejects a wrong value, a wrong type and a missing value at its line."""
    assert old in GOOD, "test is out of date with the fixture"
    found = problems_for(tmp_path, GOOD.replace(old, new, 1))
    assert any(p.startswith(expected) for p in found), found


def test_controle_note_is_a_warning_at_its_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    problems_for(tmp_path, GOOD + "controle: Bron niet bereikbaar op 2026-12-02.\n")
    found = [str(p) for p in validate(load_catalog(data)) if p.warning]
    assert f"{NAME}:35: controle: waarschuwing: Bron niet bereikbaar op 2026-12-02." in "\n".join(found), found
    assert not errors(validate(load_catalog(data)))


def test_real_records_are_valid() -> None:
    problems = errors(validate(load_catalog(ROOT / "data")))
    assert problems == [], "\n".join(map(str, problems))


def test_real_collection_is_big_enough_and_nothing_is_synthetic() -> None:
    """Issue #3: at least 40 real examples and at least 6 per factor (counted by main
    factor, the stricter reading), none of them a test record."""
    catalog = load_catalog(ROOT / "data")
    assert len(catalog.records) >= 40, len(catalog.records)
    per_factor = {slug: sum(r.main_factor == slug for r in catalog.records) for slug in catalog.vocab.factoren}
    assert min(per_factor.values()) >= 6, per_factor
    for record in catalog.records:
        text = record.path.read_text(encoding="utf-8").casefold()
        assert "synthetisch" not in text and "example.org" not in text, record.path
        assert record.get("bronnen"), record.path


# --- The same rules as a command and as a published JSON Schema ------------------------


def test_check_command_lists_every_error_and_exits_non_zero(tmp_path: Path) -> None:
    problems_for(
        tmp_path, GOOD.replace("provincie: utrecht", "provincie: x").replace("startjaar: 2020", "startjaar: 1")
    )
    command = [sys.executable, str(ROOT / "scripts" / "manage.py"), "--data", str(tmp_path / "data"), "check"]
    result = subprocess.run(command, env=ENV, capture_output=True, text=True, timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert f"{NAME}:13: provincie: 'x' is geen bekende waarde" in output
    assert f"{NAME}:23: startjaar: 1 is geen geldig jaartal" in output
    assert "Traceback" not in output


def test_published_json_schema_is_current() -> None:
    committed = (ROOT / "data" / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == schema_text(load_catalog(ROOT / "data").vocab), "run: manage.py schema --write"


def _as_editor_tools_see_it(text: str) -> dict:
    """A record as a YAML editor hands it to the JSON Schema (dates as text)."""
    data = yaml.safe_load(text)
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in data.items()}


def test_json_schema_accepts_a_good_record_and_names_the_wrong_field() -> None:
    schema = json.loads((ROOT / "data" / SCHEMA_FILE).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert list(validator.iter_errors(_as_editor_tools_see_it(GOOD))) == []
    bad = _as_editor_tools_see_it(GOOD.replace("  - zorg", "  - geluk").replace("provincie: utrecht", "provincie: x"))
    wrong = sorted(".".join(map(str, e.absolute_path)) for e in validator.iter_errors(bad))
    assert wrong == ["factoren.1", "provincie"], wrong
