"""Broken records, end to end through the real build.

Every case is a record an editor (or an attacker) could write. The build must
stop with a clear ``file:line: field: message``, exit non-zero, print no Python
traceback, and leave the previous site and the generated pages untouched.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_project, fixture_records, run_build

GOOD = (FIXTURES / "synthetisch-a.yml").read_text(encoding="utf-8")
F = "data/voorbeelden/kapot.yml"


def good_with(old: str, new: str) -> str:
    assert old in GOOD, f"fixture changed: {old!r}"
    return GOOD.replace(old, new, 1)


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b]\n"

CASES: list[tuple[str, str | bytes, str]] = [
    (
        "syntax error",
        good_with("plaats: Testplaats", "plaats: [Testplaats"),
        f"{F}:13: (syntaxis): YAML-fout in kolom 10",
    ),
    ("tab indentation", good_with("  - huurders", "\t- huurders"), f"{F}:15: (syntaxis): YAML-fout"),
    ("missing field", good_with("plaats: Testplaats\n", ""), f"{F}:1: plaats: ontbreekt of is leeg"),
    ("wrong type", good_with("startjaar: 2020", "startjaar: [2020]"), f"{F}:23: startjaar: moet een jaartal zijn"),
    (
        "factor not a list",
        good_with("factoren:\n  - bestaanszekerheid\n  - zorg", "factoren: {a: 1}"),
        f"{F}:6: factoren: moet een lijst zijn",
    ),
    ("unknown factor", good_with("  - zorg", "  - geluk"), f"{F}:8: factoren[1]: 'geluk' is geen bekende waarde"),
    (
        "unknown province",
        good_with("provincie: utrecht", "provincie: vlaanderen"),
        f"{F}:13: provincie: 'vlaanderen' is geen bekende waarde",
    ),
    ("unknown kind", good_with("soort: woningcorporatie", "soort: bank"), f"{F}:11: organisaties[0].soort: 'bank'"),
    (
        "bad url",
        good_with("https://example.org/bron-a", "www.example.org"),
        f"{F}:26: bronnen[0].url: 'www.example.org' is geen geldig webadres",
    ),
    ("url with space", good_with("https://example.org/bron-a", "https://example.org/a b"), f"{F}:26: bronnen[0].url:"),
    (
        "missing url",
        good_with("    url: https://example.org/bron-a\n", ""),
        f"{F}:25: bronnen[0].url: ontbreekt of is leeg",
    ),
    (
        "script tag",
        good_with("titel: Synthetisch voorbeeld A over schulden", "titel: <script>alert(1)</script>"),
        f"{F}:2: titel: bevat HTML-code",
    ),
    (
        "img onerror",
        good_with("plaats: Testplaats", "plaats: '<img src=x onerror=alert(1)>'"),
        f"{F}:12: plaats: bevat HTML-code",
    ),
    (
        "onerror attribute",
        good_with("plaats: Testplaats", "plaats: 'x\" onerror=\"alert(1)'"),
        f"{F}:12: plaats: bevat een HTML-attribuut",
    ),
    (
        "javascript link",
        good_with("(https://example.org/a)", "(javascript:alert(1))"),
        f"{F}:18: aanpak: bevat een onveilige link",
    ),
    ("empty file", "", f"{F}:1: (bestand): bestand is leeg"),
    ("only a comment", "# leeg\n", f"{F}:1: (bestand): bestand is leeg"),
    ("not a mapping", "- een\n- lijst\n", f"{F}:1: (bestand): een voorbeeld moet uit velden bestaan"),
    (
        "wrong encoding",
        good_with("Testplaats", "Tëstplaats").encode("latin-1"),
        f"{F}:12: (bestand): geen geldige UTF-8-tekst (byte 0xeb)",
    ),
    (
        "duplicate key",
        good_with("plaats: Testplaats", "plaats: Testplaats\nplaats: Anders"),
        f"{F}:13: plaats: veld staat twee keer in het bestand",
    ),
    ("alias bomb", BOMB, f"{F}:1: (bestand): ankers en verwijzingen (& en *) zijn niet toegestaan"),
    (
        "1 MB field",
        good_with("plaats: Testplaats", "plaats: " + "x" * 1_000_000),
        f"{F}:1: (bestand): bestand is te groot",
    ),
    (
        "long field",
        good_with("plaats: Testplaats", "plaats: " + "x" * 500),
        f"{F}:12: plaats: is te lang: 500 tekens (toegestaan: hooguit 80)",
    ),
    (
        "every field empty",
        "".join(
            f"{k}:\n"
            for k in (
                "titel",
                "samenvatting",
                "factoren",
                "organisaties",
                "plaats",
                "provincie",
                "doelgroepen",
                "themas",
                "aanpak",
                "bronnen",
                "laatst_gecontroleerd",
            )
        ),
        f"{F}:1: titel: ontbreekt of is leeg",
    ),
    (
        "future date",
        good_with("2026-01-15", "2999-12-31"),
        f"{F}:27: laatst_gecontroleerd: 2999-12-31 ligt in de toekomst",
    ),
    (
        "unknown field",
        good_with("plaats: Testplaats", "plaats: Testplaats\ngemeente: X"),
        f"{F}:13: gemeente: onbekend veld",
    ),
    (
        "BOM and an error",
        "\ufeff" + good_with("provincie: utrecht", "provincie: nergens"),
        f"{F}:13: provincie: 'nergens'",
    ),
    (
        "python tag",
        good_with("plaats: Testplaats", "plaats: !!python/object/apply:os.system ['true']"),
        f"{F}:12: (syntaxis): YAML-fout",
    ),
    (
        "control character",
        good_with("plaats: Testplaats", 'plaats: "Test\\x07plaats"'),
        f"{F}:12: plaats: bevat een onzichtbaar stuurteken",
    ),
    ("null byte", good_with("Testplaats", "Test\x00plaats"), f"{F}:1: (bestand): bestand bevat een nul-teken"),
    (
        "deep nesting in brackets",
        good_with("plaats: Testplaats", "plaats: " + "[" * 90_000 + "]" * 90_000),
        f"{F}:12: (bestand): te diep genest: meer dan 10 niveaus",
    ),
    (
        "deep nesting in dashes",
        good_with("plaats: Testplaats", "plaats:\n  " + "- " * 60_000 + "x"),
        f"{F}:13: (bestand): te diep genest: meer dan 10 niveaus",
    ),
    (
        "picture saved as .yml",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        f"{F}:1: (bestand): geen geldige UTF-8-tekst (byte 0x89)",
    ),
    (
        "too many sentences",
        good_with("Het bestaat alleen voor de tests.", "Twee. Drie. Vier."),
        f"{F}:4: samenvatting: heeft 4 zinnen",
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_broken_record_stops_the_build(tmp_path: Path, text: str | bytes, expected: str) -> None:
    project = copy_project(tmp_path / "p", {**fixture_records("synthetisch-a", "synthetisch-b"), "kapot.yml": text})
    _assert_build_refused(project, expected)


def test_duplicate_id_stops_the_build(tmp_path: Path) -> None:
    records = fixture_records("synthetisch-a", "synthetisch-b")
    project = copy_project(tmp_path / "p", {**records, "synthetisch-a.yaml": records["synthetisch-a.yml"]})
    _assert_build_refused(
        project, "data/voorbeelden/synthetisch-a.yaml:1: (bestandsnaam): id 'synthetisch-a' komt vaker voor"
    )


def test_symlink_out_of_data_stops_the_build(tmp_path: Path) -> None:
    outside = tmp_path / "elders.yml"
    outside.write_text(GOOD, encoding="utf-8")
    project = copy_project(tmp_path / "p", fixture_records("synthetisch-a", "synthetisch-b"))
    os.symlink(outside, project / "data" / "voorbeelden" / "link.yml")
    _assert_build_refused(
        project, "data/voorbeelden/link.yml:1: (bestand): bestand verwijst naar een plek buiten data/"
    )


def _assert_build_refused(project: Path, expected: str) -> None:
    site = project / "site"
    site.mkdir()
    (site / "vorige-versie.html").write_text("oude site", encoding="utf-8")
    build = run_build(project, site)
    assert build.returncode != 0, build.output
    assert expected in build.output, build.output
    assert "Traceback" not in build.output, build.output
    assert (site / "vorige-versie.html").read_text(encoding="utf-8") == "oude site"
    assert sorted(p.name for p in site.iterdir()) == ["vorige-versie.html"], "site was (partly) rebuilt"
    assert not (project / "docs" / "voorbeelden").exists(), "generated pages were written despite errors"
