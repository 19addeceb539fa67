"""Broken records: what an editor (or an attacker) could write, and the message that
must stop the build.

Why in the package: the quality gates (``manage.py gates``) and the test suite
(tests/test_broken_records.py) feed the same cases to the loader and validator, and
tooling must not import from tests/. Each case changes one line of a valid record,
``GOOD_RECORD`` (a synthetic test record), so the expected line numbers follow that
file: a change to it shows up here as a ``ValueError`` naming the text that moved.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
GOOD_RECORD = ROOT / "tests" / "fixtures" / "synthetisch-a.yml"
"""The valid record every case starts from."""
F = "data/voorbeelden/kapot.yml"
"""Where a case is written in the data folder; every expected message starts with it."""
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b]\n"
"""YAML anchors that grow to millions of items when expanded (the "billion laughs")."""

Case = tuple[str, str | bytes, str]
"""(name, file content, text the build's message must contain)."""


def cases(good: str) -> list[Case]:
    """Every broken record, made from the valid record text ``good`` (``GOOD_RECORD``)."""

    def good_with(old: str, new: str) -> str:
        if old not in good:
            raise ValueError(f"{GOOD_RECORD.name} changed: {old!r} is no longer in it")
        return good.replace(old, new, 1)

    return [
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
        (
            "url with space",
            good_with("https://example.org/bron-a", "https://example.org/a b"),
            f"{F}:26: bronnen[0].url:",
        ),
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
