"""Issue #18, "Editors can't break it": every class of bad input the issue found, with
cases of our own for each, located as ``file:line: field: message``.

Classes: input that crashed a command (a traceback), input that was silently
ignored, input that was accepted but wrong, problems reported at the wrong place,
output that grew with the collection, and text escaped twice. Most cases call the
loader and validator directly on files in ``tmp_path`` (fast); a few run the real
commands end to end (``manage.py check``, ``nieuw`` and a strict build) to show the
exit code, the absence of a traceback and an untouched site.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ENV, FIXTURES, ROOT, copy_project, data_folder, fixture_records, run_build
from inspiratieboek.data.records import Catalog, DataError, Problem, format_problems, load_catalog, load_record
from inspiratieboek.data.validate import errors, validate
from inspiratieboek.editors import new_record
from inspiratieboek.site import begrippen, generate
from inspiratieboek.site.render import safe_markdown

GOOD = (FIXTURES / "synthetisch-a.yml").read_text(encoding="utf-8")
F = "data/voorbeelden/kapot.yml"


def good_with(old: str, new: str) -> str:
    assert old in GOOD, f"fixture changed: {old!r}"
    return GOOD.replace(old, new, 1)


def problems_in(data: Path) -> list[str]:
    """Every problem of a data folder, as the check prints them (all of them)."""
    return [str(p) for p in validate(load_catalog(data))]


def assert_reported(found: list[str], expected: str) -> None:
    """``expected`` starts one of the problems, and the run has at least one error."""
    assert any(p.startswith(expected) for p in found), "\n".join(found)


# --- Tracebacks: input that crashed a command -----------------------------------------

Setup = Callable[[Path], None]


def _record(text: str, name: str = "kapot.yml") -> Setup:
    return lambda data: (data / "voorbeelden" / name).write_text(text, encoding="utf-8")


def _folder_named_yml(data: Path) -> None:
    (data / "voorbeelden" / "map.yml").mkdir()


def _dangling_link(data: Path) -> None:
    os.symlink(data / "voorbeelden" / "bestaat-niet.yml", data / "voorbeelden" / "weg.yml")


def _link_loop(data: Path) -> None:
    os.symlink(data / "voorbeelden" / "rond.yml", data / "voorbeelden" / "rond.yml")


def _no_lists(data: Path) -> None:
    (data / "lijsten.yml").unlink()


def _lists_not_a_mapping(data: Path) -> None:
    (data / "lijsten.yml").write_text("- provincies\n- themas\n", encoding="utf-8")


URL = "https://example.org/bron-a"
CRASHES: list[tuple[str, Setup, str]] = [
    (
        "markdown paste as url",
        _record(good_with(URL, "'https://a.org](https://a.org'")),
        f"{F}:26: bronnen[0].url: 'https://a.org](https://a.org' is een Markdown-link",
    ),
    (
        "unclosed bracket in url",
        _record(good_with(URL, "'https://[a.org/x'")),
        f"{F}:26: bronnen[0].url: 'https://[a.org/x' is een Markdown-link",
    ),
    (
        "full-width solidus in url",
        _record(good_with(URL, "https://a.org／bron")),
        f"{F}:26: bronnen[0].url: 'https://a.org／bron' bevat tekens die niet in een webadres horen: '／'",
    ),
    (
        "port that is not a number",
        _record(good_with(URL, "https://a.org:x/bron")),
        f"{F}:26: bronnen[0].url: 'https://a.org:x/bron' heeft een ongeldig poortnummer",
    ),
    (
        "contact url as markdown",
        _record(good_with("status: loopt", "status: loopt\ncontact:\n  naam: X\n  url: '[a](https://a.org)'")),
        f"{F}:32: contact.url: '[a](https://a.org)' is een Markdown-link",
    ),
    ("folder named .yml", _folder_named_yml, "data/voorbeelden/map.yml:1: (bestand): is een map, geen bestand"),
    ("dangling symlink", _dangling_link, "data/voorbeelden/weg.yml:1: (bestand): verwijst naar een bestand dat niet"),
    ("symlink loop", _link_loop, "data/voorbeelden/rond.yml:1: (bestand): verwijst naar een bestand dat niet"),
    (
        "missing lijsten.yml",
        _no_lists,
        "data/lijsten.yml:1: (bestand): bestand ontbreekt (haal het terug met: git checkout -- data/lijsten.yml)",
    ),
    ("lijsten.yml not a mapping", _lists_not_a_mapping, "data/lijsten.yml:1: (bestand): heeft niet de verwachte vorm"),
]


@pytest.mark.parametrize(("setup", "expected"), [c[1:] for c in CRASHES], ids=[c[0] for c in CRASHES])
def test_input_that_crashed_gives_a_located_error(tmp_path: Path, setup: Setup, expected: str) -> None:
    # Given a data folder with one good record and the broken input
    data = data_folder(tmp_path / "data", fixture_records("synthetisch-b"))
    setup(data)
    # when the validator runs (a traceback would fail the test here), then it names file, line and field.
    found = validate(load_catalog(data))
    assert_reported([str(p) for p in found], expected)
    assert errors(found)


GLOSSARY = "- id: x\n  nl: {term: x, vormen: [x], uitleg: Uitleg.}\n  en: {term: x, vormen: [x], uitleg: Meaning.}\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GLOSSARY.replace("uitleg: Uitleg.", "uitleg: [Uitleg"), "begrippen.yml:2: (syntaxis): YAML-fout"),
        (
            GLOSSARY.replace("  nl: {term: x, vormen: [x], uitleg: Uitleg.}", "  nl: Uitleg"),
            "begrippen.yml:2: x.nl: moet velden term, vormen en uitleg hebben",
        ),
        (
            GLOSSARY.replace("vormen: [x], uitleg: M", "vormen: x, uitleg: M"),
            "begrippen.yml:3: x.en.vormen: moet een lijst",
        ),
        (GLOSSARY + "  bron: https://a.org\n", "begrippen.yml:4: x.bron: moet velden titel en url hebben"),
        (GLOSSARY + "  bron: {titel: T, url: 'https://a.org](x'}\n", "begrippen.yml:4: x.bron.url: 'https://a.org](x'"),
        ("id: x\n", "begrippen.yml:1: (bestand): het bestand moet een lijst van begrippen zijn"),
        ("- [x]\n", "begrippen.yml:1: [0].id: ontbreekt of is leeg"),
    ],
    ids=[
        "syntax",
        "language not a group",
        "forms not a list",
        "source not a group",
        "source url",
        "not a list",
        "no id",
    ],
)
def test_broken_glossary_is_located(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "data" / "begrippen.yml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    found = [str(p) for p in begrippen.glossary_problems(path)]
    assert any(p.startswith(f"data/{expected}") for p in found), found
    with pytest.raises(begrippen.GlossaryError):
        begrippen.load_terms(path)


def _nieuw(data: Path, title: str) -> tuple[int, str]:
    said: list[str] = []
    args = argparse.Namespace(titel=title, factor=["werk"], plaats="Eindhoven", provincie=None, id="")
    code = new_record.run(args, data, ask=lambda _q: "", say=said.append)
    return code, "\n".join(said)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Buurt\x07kamer", "De titel bevat een onzichtbaar stuurteken (U+0007)"),
        ("Buurt\x85kamer", "De titel bevat een onzichtbaar stuurteken (U+0085)"),
        ("Buurt\u202ekamer", "De titel bevat een onzichtbaar stuurteken (U+202E)"),
        ("Buurt\ufffekamer", "De titel bevat een onzichtbaar stuurteken (U+FFFE)"),
        (b"Buurt\xffkamer".decode("utf-8", "surrogateescape"), "De titel bevat tekens die geen geldige UTF-8"),
        ("\u200b\u00a0", "titel: bevat alleen spaties of onzichtbare tekens"),
    ],
    ids=["control", "nel", "bidi", "noncharacter", "invalid-utf8", "invisible"],
)
def test_nieuw_refuses_a_title_it_cannot_write(tmp_path: Path, title: str, expected: str) -> None:
    data = data_folder(tmp_path / "data", also=("sjabloon-voorbeeld.yml",))
    code, output = _nieuw(data, title)
    assert code == 1 and expected in output, output
    assert list((data / "voorbeelden").iterdir()) == [], "a record was written"


def test_foreign_generated_folder_is_a_data_error_not_a_crash(tmp_path: Path) -> None:
    data = data_folder(tmp_path / "data", fixture_records("synthetisch-a", "synthetisch-b"))
    docs = tmp_path / "docs"
    (docs / "voorbeelden").mkdir(parents=True)
    (docs / "voorbeelden" / "eigen.md").write_text("# Van mij\n", encoding="utf-8")
    with pytest.raises(DataError) as raised:
        generate.generate(data, docs)
    assert str(raised.value).startswith("docs/voorbeelden: (map): de map bestaat al en is niet door de site gemaakt")
    assert (docs / "voorbeelden" / "eigen.md").read_text(encoding="utf-8") == "# Van mij\n"


# --- Silently ignored: records that were never published, without a word ---------------


IGNORED: list[tuple[str, str, str]] = [
    ("upper-case extension", "buurtkamer.YML", "data/voorbeelden/buurtkamer.YML:1: (bestandsnaam): 'buurtkamer.YML'"),
    (
        "mixed-case extension",
        "buurtkamer.Yaml",
        "data/voorbeelden/buurtkamer.Yaml:1: (bestandsnaam): 'buurtkamer.Yaml'",
    ),
    ("subfolder", "oud/buurtkamer.yml", "data/voorbeelden/oud/buurtkamer.yml:1: (bestand): staat in een map onder"),
    ("deeper subfolder", "a/b/buurt.yaml", "data/voorbeelden/a/b/buurt.yaml:1: (bestand): staat in een map onder"),
    ("subfolder, upper case", "Oud/X.YML", "data/voorbeelden/Oud/X.YML:1: (bestand): staat in een map onder"),
    ("saved as .txt", "buurtkamer.yml.txt", "data/voorbeelden/buurtkamer.yml.txt:1: (bestandsnaam): waarschuwing:"),
]


@pytest.mark.parametrize(("name", "expected"), [c[1:] for c in IGNORED], ids=[c[0] for c in IGNORED])
def test_a_record_that_is_not_read_is_named(tmp_path: Path, name: str, expected: str) -> None:
    data = data_folder(tmp_path / "data", fixture_records("synthetisch-b"))
    path = data / "voorbeelden" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(GOOD, encoding="utf-8")
    found = validate(load_catalog(data))
    assert_reported([str(p) for p in found], expected)
    assert bool(errors(found)) == (not name.endswith(".txt")), "only a file that is clearly no record may pass"


# --- Accepted but wrong ---------------------------------------------------------------

TITLE = "titel: Synthetisch voorbeeld A over schulden"
ACCEPTED: list[tuple[str, str, str]] = [
    ("title of spaces", good_with(TITLE, "titel: '   '"), f"{F}:2: titel: bevat alleen spaties of onzichtbare"),
    ("zero-width title", good_with(TITLE, 'titel: "\\u200b"'), f"{F}:2: titel: bevat alleen spaties"),
    ("no-break-space place", good_with("plaats: Testplaats", 'plaats: "\\u00a0\\u00a0"'), f"{F}:12: plaats: bevat alleen"),
    (
        "blank organisation",
        good_with("naam: Testcorporatie A", 'naam: "\\u2060 "'),
        f"{F}:10: organisaties[0].naam: bevat alleen",
    ),
    ("blank optional title", good_with("titel_en: Synthetic example A about debts", 'titel_en: " "'), f"{F}:3: titel_en: bevat"),
    ("bidi override", good_with("plaats: Testplaats", 'plaats: "Test\\u202eplaats"'), f"{F}:12: plaats: bevat een onz"),
    ("bidi isolate", good_with(TITLE, 'titel: "A \\u2067B\\u2069"'), f"{F}:2: titel: bevat een onzichtbaar stuurteken (U+2067"),
    ("C1 control", good_with("plaats: Testplaats", 'plaats: "Test\\x9bplaats"'), f"{F}:12: plaats: bevat een onzichtbaar"),
    ("BOM inside text", good_with("Een verzonnen aanpak", "Een \ufeffverzonnen aanpak"), f"{F}:18: aanpak: bevat een onz"),
    ("line separator in text", good_with(TITLE, 'titel: "Een\\u2028twee"'), f"{F}:2: titel: bevat een onzichtbaar"),
    ("newline in title", good_with(TITLE, 'titel: "Een\\ntwee"'), f"{F}:2: titel: bevat een regeleinde"),
    ("block title", good_with(TITLE, "titel: |\n  Een\n  twee"), f"{F}:2: titel: bevat een regeleinde"),
    ("tagged octal year", good_with("startjaar: 2020", "startjaar: !!int 03744"), f"{F}:23: (syntaxis): YAML-fout in kolom 12: het label tag:yaml.org,2002:int"),
    ("binary tag", good_with(TITLE, "titel: !!binary aGVsbG8="), f"{F}:2: (syntaxis): YAML-fout in kolom 8: het label"),
    ("octal-looking year", good_with("startjaar: 2020", "startjaar: 03744"), f"{F}:23: startjaar: moet een jaartal zijn"),
    ("base-60 year", good_with("startjaar: 2020", "startjaar: 33:40"), f"{F}:23: startjaar: moet een jaartal zijn, niet"),
    ("underscored year", good_with("startjaar: 2020", "startjaar: 2_020"), f"{F}:23: startjaar: moet een jaartal"),
    ("merge key", good_with("plaats: Testplaats", "plaats: Testplaats\n<<: {plaats: Elders}"), f"{F}:13: <<: de sleutel"),
    ("nested merge key", good_with("    soort: woningcorporatie", "    <<: {soort: gemeente}"), f"{F}:11: organisaties[0].<<:"),
    ("dot host", good_with(URL, "https://./"), f"{F}:26: bronnen[0].url: 'https://./' heeft geen geldige domeinnaam"),
    ("no dot in host", good_with(URL, "https://localhost/x"), f"{F}:26: bronnen[0].url: 'https://localhost/x' heeft geen"),
    ("credentials", good_with(URL, "https://jan:geheim@a.org/"), f"{F}:26: bronnen[0].url: 'https://jan:geheim@a.org/'"),
    ("port out of range", good_with(URL, "https://a.org:99999/"), f"{F}:26: bronnen[0].url: 'https://a.org:99999/' heeft"),
    ("quote in url", good_with(URL, "'https://a.org/\"onmouseover=x'"), f"{F}:26: bronnen[0].url: 'https://a.org/\"on"),
    ("tag in url", good_with(URL, "https://a.org/<b>"), f"{F}:26: bronnen[0].url: 'https://a.org/<b>' bevat tekens"),
    ("relative reference link", good_with("[link](https://example.org/a).", "[link][1].\n\n  [1]: pagina.md"), f"{F}:18: aanpak: link 'pagina.md'"),
    (
        "entity javascript reference",
        good_with("[link](https://example.org/a).", "[link][1].\n\n  [1]: javascript&#58;alert(1)"),
        f"{F}:18: aanpak: bevat een onveilige link",
    ),
    ("entity javascript inline", good_with("(https://example.org/a)", "(&#106;avascript:alert(1))"), f"{F}:18: aanpak: bevat een onveilige"),
    ("http link in markdown", good_with("(https://example.org/a)", "(http://example.org/a)"), f"{F}:18: aanpak: link 'http://example.org/a' begint met http://"),
    ("http autolink", good_with("[link](https://example.org/a)", "<http://example.org/a>"), f"{F}:18: aanpak: link 'http://example.org/a' begint"),
    ("http reference link", good_with("[link](https://example.org/a).", "[link][a].\n\n  [a]: http://a.org"), f"{F}:18: aanpak: link 'http://a.org' begint"),
    ("broken https link", good_with("(https://example.org/a)", "(https://./)"), f"{F}:18: aanpak: link 'https://./' is geen geldig webadres"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in ACCEPTED], ids=[c[0] for c in ACCEPTED])
def test_accepted_but_wrong_is_refused(tmp_path: Path, text: str, expected: str) -> None:
    data = data_folder(tmp_path / "data", {**fixture_records("synthetisch-b"), "kapot.yml": text})
    found = validate(load_catalog(data))
    assert_reported([str(p) for p in errors(found)], expected)


@pytest.mark.parametrize(
    ("second_title", "key", "line"),
    [
        ("Synthetisch voorbeeld A over schulden", "titel", 2),
        ("SYNTHETISCH VOORBEELD A OVER SCHULDEN", "titel", 2),
        ("  Synthetisch  voorbeeld A over\u00a0schulden ", "titel", 2),
        ("Synthetic example A about debts", "titel_en", 3),
    ],
    ids=["same", "other case", "other spaces", "english"],
)
def test_two_records_with_one_title_name_each_other(tmp_path: Path, second_title: str, key: str, line: int) -> None:
    titles = {"titel": "Iets anders", "titel_en": "Something else", key: second_title}
    second = GOOD.replace(TITLE, f'titel: "{titles["titel"]}"').replace(
        "titel_en: Synthetic example A about debts", f'titel_en: "{titles["titel_en"]}"'
    )
    data = data_folder(tmp_path / "data", {"synthetisch-a.yml": GOOD, "tweede.yml": second})
    found = [str(p) for p in errors(validate(load_catalog(data)))]
    assert found == [
        f"data/voorbeelden/tweede.yml:{line}: {key}: '{second_title.strip()}' is ook de titel van"
        f" data/voorbeelden/synthetisch-a.yml:{line} (geef elk voorbeeld een eigen titel,"
        " bijvoorbeeld met de organisatie of de plaats erbij)"
    ]


def test_an_anchor_used_many_times_is_one_message_per_line(tmp_path: Path) -> None:
    """An anchor used again and again is one mistake where it is defined, not one line per use."""
    text = "a: &a [x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n"
    data = data_folder(tmp_path / "data", {"kapot.yml": text})
    found = [str(p) for p in errors(validate(load_catalog(data)))]
    anchors = [p for p in found if "ankers en verwijzingen" in p]
    assert [p.split(": (bestand)")[0] for p in anchors] == [f"{F}:1", f"{F}:2"], "\n".join(found)


# --- Wrong place: the right message at the right line ---------------------------------

PLACES: list[tuple[str, str, str]] = [
    ("raw control character", good_with("plaats: Testplaats", "plaats: Test\x1bplaats"), f"{F}:12: (bestand): bestand bevat een onzichtbaar stuurteken (U+001B) in kolom 13"),
    ("raw noncharacter", good_with("  - schuldhulp", "  - schuld\ufffehulp"), f"{F}:17: (bestand): bestand bevat een onzichtbaar stuurteken (U+FFFE) in kolom 11"),
    ("raw C1 after NEL", good_with(TITLE, 'titel: "A\u0085B"').replace("plaats: Testplaats", "plaats: \x9b"), f"{F}:12: (bestand): bestand bevat een onzichtbaar stuurteken (U+009B) in kolom 9"),
    ("number too long to read", good_with("startjaar: 2020", "startjaar: " + "9" * 5000), f"{F}:23: (bestand): onleesbare YAML"),
    ("impossible date", good_with("2026-01-15", "2025-02-30"), f"{F}:27: laatst_gecontroleerd: 2025-02-30 is geen bestaande datum"),
    ("month 13", good_with("2026-01-15", "2025-13-01"), f"{F}:27: laatst_gecontroleerd: 2025-13-01 is geen bestaande datum"),
    ("line separator before an error", good_with("plaats: Testplaats", 'plaats: "Test\u2028plaats"').replace("provincie: utrecht", "provincie: x"), f"{F}:13: provincie: 'x' is geen"),
    ("paragraph separator before an error", good_with(TITLE, 'titel: "A\u2029B\u2029C"').replace("startjaar: 2020", "startjaar: 1"), f"{F}:23: startjaar: 1 is geen"),
    ("NEL before an error", good_with(TITLE, 'titel: "A\u0085B"').replace("provincie: utrecht", "provincie: x"), f"{F}:13: provincie: 'x' is geen"),
    ("NEL before a syntax error", good_with(TITLE, 'titel: "A\u0085B"').replace("plaats: Testplaats", "plaats: [x"), f"{F}:13: (syntaxis): YAML-fout"),
    ("merge key", good_with("status: loopt", "status: loopt\n<<: {status: plan}"), f"{F}:30: <<: de sleutel << (velden samenvoegen)"),
    ("empty key", good_with("status: loopt", 'status: loopt\n"": x'), f"{F}:30: (veldnaam): veldnaam is leeg"),
    ("null key", good_with("status: loopt", "status: loopt\n~: x"), f"{F}:30: (veldnaam): veldnaam '~' is geen tekst maar leeg (null)"),
    ("bool key", good_with("status: loopt", "status: loopt\nyes: x"), f"{F}:30: (veldnaam): veldnaam 'yes' is geen tekst maar ja/nee"),
    ("list as key", good_with("status: loopt", "status: loopt\n? [a, b]\n: x"), f"{F}:30: (veldnaam): veldnaam is geen tekst maar een lijst"),
    ("nested empty key", good_with("    soort: woningcorporatie", '    soort: woningcorporatie\n    "": x'), f"{F}:12: organisaties[0]: veldnaam is leeg"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in PLACES], ids=[c[0] for c in PLACES])
def test_problem_is_reported_at_its_own_line(tmp_path: Path, text: str, expected: str) -> None:
    data = data_folder(tmp_path / "data", {"kapot.yml": text})
    assert_reported([str(p) for p in errors(validate(load_catalog(data)))], expected)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("{slug: utrecht,", "{slug: utrecht, slug: nogmaals,", "data/lijsten.yml:12: provincies[6].slug: veld staat"),
        ("themas:", "thema:", "data/lijsten.yml:46: thema: onbekende lijst (bedoel je themas? Zet de naam goed)"),
        ("{slug: utrecht,", "{sluk: utrecht,", "data/lijsten.yml:12: provincies[6]: onjuiste regel: slug ontbreekt"),
    ],
    ids=["duplicate key", "renamed list", "typo in an entry"],
)
def test_broken_vocabulary_gives_one_message_not_one_per_record(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    records = {f"voorbeeld-{n}.yml": GOOD.replace("voorbeeld A", f"voorbeeld {n}") for n in range(20)}
    data = data_folder(tmp_path / "data", records)
    lists = (data / "lijsten.yml").read_text(encoding="utf-8")
    assert old in lists, f"data/lijsten.yml changed: {old!r}"
    (data / "lijsten.yml").write_text(lists.replace(old, new, 1), encoding="utf-8")
    found = [str(p) for p in errors(validate(load_catalog(data)))]
    about_records = [p for p in found if p.startswith("data/voorbeelden/")]
    assert about_records == [], "\n".join(about_records)
    assert [p for p in found if p.startswith(expected)], found
    assert found[-1].startswith("data/voorbeelden: (voorbeelden): de voorbeelden zijn niet gecontroleerd"), found
    assert len(found) <= 3, found


# --- Unbounded output -------------------------------------------------------------------


def _many(tmp_path: Path, count: int, change: Callable[[dict, int], None]) -> list[Problem]:
    """The problems of ``count`` copies of the good record, each changed by ``change``."""
    data = data_folder(tmp_path / "data", {"synthetisch-a.yml": GOOD})
    base, _ = load_record(data / "voorbeelden" / "synthetisch-a.yml", data)
    vocab = load_catalog(data).vocab
    records = []
    for number in range(count):
        record = replace(base, id=f"v-{number:05d}", path=base.path.with_name(f"v-{number:05d}.yml"))
        record.data = {**base.data, "titel": f"Voorbeeld {number}", "titel_en": f"Example {number}"}
        change(record.data, number)
        records.append(record)
    return validate(Catalog(data, vocab, records, []))


def _same_source(data: dict, _n: int) -> None:
    data["bronnen"] = [{"titel": "Bron", "url": "https://example.org/gedeeld"}]


def _unknown_theme(data: dict, n: int) -> None:
    data["themas"] = [f"onbekend-{n}"]


def _ten_thousand_themes(data: dict, n: int) -> None:
    data["themas"] = [f"onbekend-{i}" for i in range(10_000)] if n == 0 else data["themas"]


@pytest.mark.parametrize(
    ("count", "change", "summary"),
    [
        (
            3000,
            _same_source,
            "dezelfde bron staat ook bij: v-00000, v-00001, v-00002, v-00003, v-00004 en 2,995 andere",
        ),
        (2000, _unknown_theme, "themas[0]: ... en nog 1,995 keer dezelfde melding bij themas"),
        (1, _ten_thousand_themes, "themas[5]: ... en nog 9,995 keer dezelfde melding bij themas"),
    ],
    ids=["3,000 records share a source", "2,000 unknown themes", "10,000 themes in one record"],
)
def test_output_names_five_and_counts_the_rest(tmp_path: Path, count: int, change: Callable, summary: str) -> None:
    problems = _many(tmp_path, count, change)
    output = format_problems(problems)
    lines = output.splitlines()
    assert len(lines) <= 20, output[:3000]
    assert len(output) < 12_000, f"{len(output):,} characters"
    assert any(summary in line for line in lines), output[:3000]
    # and 'check --alles' still shows every single one.
    assert len(format_problems(problems, None).splitlines()) > len(problems)


# --- Cosmetic: text escaped once -------------------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("`a < b`", "<code>a &lt; b</code>"),
        ("`a > b && c`", "<code>a &gt; b &amp;&amp; c</code>"),
        ("Zie `<b>`.", "<code>&lt;b&gt;</code>"),
        ("Huur & zorg", "Huur &amp; zorg"),
        ("```\nx < 3 & y\n```", "x &lt; 3 &amp; y"),
        ("a <b>vet</b>", "a &lt;b&gt;vet&lt;/b&gt;"),
    ],
    ids=["less than", "greater and ampersands", "tag in code", "ampersand in text", "code block", "tag in text"],
)
def test_markdown_text_is_escaped_once(markdown: str, html: str) -> None:
    rendered = str(safe_markdown(markdown))
    assert html in rendered, rendered
    assert "&amp;lt;" not in rendered and "&amp;gt;" not in rendered and "&amp;amp;" not in rendered, rendered
    assert "<b>" not in rendered, "a tag in a field must never become live markup"


# --- End to end: the real commands ------------------------------------------------------


def test_check_command_reports_every_class_and_exits_1_without_traceback(tmp_path: Path) -> None:
    records = {
        **fixture_records("synthetisch-b"),
        "plak.yml": good_with(URL, "'https://a.org](https://a.org'"),
        "hoofdletters.YML": GOOD,
        "datum.yml": good_with("2026-01-15", "2025-02-30").replace("voorbeeld A", "voorbeeld D"),
    }
    data = data_folder(tmp_path / "data", records)
    (data / "voorbeelden" / "map.yml").mkdir()
    (data / "voorbeelden" / "oud").mkdir()
    (data / "voorbeelden" / "oud" / "vergeten.yml").write_text(GOOD, encoding="utf-8")
    command = [sys.executable, str(ROOT / "scripts" / "manage.py"), "--data", str(data), "check"]
    result = subprocess.run(command, env=ENV, capture_output=True, text=True, timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output, output
    for expected in [
        "data/voorbeelden/plak.yml:26: bronnen[0].url: 'https://a.org](https://a.org' is een Markdown-link",
        "data/voorbeelden/hoofdletters.YML:1: (bestandsnaam): 'hoofdletters.YML' wordt niet gelezen",
        "data/voorbeelden/datum.yml:27: laatst_gecontroleerd: 2025-02-30 is geen bestaande datum",
        "data/voorbeelden/map.yml:1: (bestand): is een map, geen bestand",
        "data/voorbeelden/oud/vergeten.yml:1: (bestand): staat in een map onder data/voorbeelden/",
    ]:
        assert expected in output, output


def test_nieuw_with_invalid_utf8_title_exits_1_without_traceback(tmp_path: Path) -> None:
    data = data_folder(tmp_path / "data", also=("sjabloon-voorbeeld.yml",))
    command = [sys.executable, str(ROOT / "scripts" / "manage.py"), "--data", str(data), "nieuw"]
    options = [b"--titel", b"Buurt\xffkamer", b"--factor", b"werk", b"--plaats", b"Eindhoven"]
    result = subprocess.run([*map(os.fsencode, command), *options], env=ENV, capture_output=True, timeout=60)
    output = (result.stdout + result.stderr).decode("utf-8", "replace")
    assert result.returncode == 1 and "Traceback" not in output, output
    assert "De titel bevat tekens die geen geldige UTF-8-tekst zijn" in output
    assert list((data / "voorbeelden").iterdir()) == []


def test_build_stops_on_unread_records_foreign_folder_and_glossary_without_traceback(tmp_path: Path) -> None:
    # Given a project with a record in a subfolder and a generated folder someone else filled
    project = copy_project(tmp_path / "p", fixture_records("synthetisch-a", "synthetisch-b"))
    (project / "data" / "voorbeelden" / "oud").mkdir()
    (project / "data" / "voorbeelden" / "oud" / "vergeten.yml").write_text(GOOD, encoding="utf-8")
    site = project / "site"
    site.mkdir()
    (site / "vorige-versie.html").write_text("oude site", encoding="utf-8")
    # when it is built (strict), then the build stops with the located message
    build = run_build(project, site)
    assert build.returncode != 0 and "Traceback" not in build.output, build.output
    assert "data/voorbeelden/oud/vergeten.yml:1: (bestand): staat in een map onder" in build.output, build.output
    assert sorted(p.name for p in site.iterdir()) == ["vorige-versie.html"], "site was (partly) rebuilt"
    # and with the record moved up but docs/voorbeelden taken by other files, it stops again, without a crash.
    (project / "data" / "voorbeelden" / "oud" / "vergeten.yml").unlink()
    (project / "data" / "voorbeelden" / "oud").rmdir()
    (project / "docs" / "voorbeelden").mkdir(exist_ok=True)
    (project / "docs" / "voorbeelden" / "eigen.md").write_text("# Van mij\n", encoding="utf-8")
    build = run_build(project, site)
    assert build.returncode != 0 and "Traceback" not in build.output, build.output
    assert "docs/voorbeelden: (map): de map bestaat al en is niet door de site gemaakt" in build.output, build.output
    assert sorted(p.name for p in site.iterdir()) == ["vorige-versie.html"], "site was (partly) rebuilt"
    # and with that folder gone but a broken glossary, it stops before any page, without a crash.
    (project / "docs" / "voorbeelden" / "eigen.md").unlink()
    glossary = project / "data" / "begrippen.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "- id: nieuw\n  nl: Uitleg\n", encoding="utf-8")
    build = run_build(project, site)
    assert build.returncode != 0 and "Traceback" not in build.output, build.output
    assert (
        "data/begrippen.yml:" in build.output and "nieuw.nl: moet velden term, vormen en uitleg hebben" in build.output
    ), build.output
    assert sorted(p.name for p in site.iterdir()) == ["vorige-versie.html"], "site was (partly) rebuilt"


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        ("factoren.yml", "icoon: material/briefcase-outline", "icoon: material/koffer",
         "data/factoren.yml:31: werk.icoon: 'material/koffer' is geen Material-icoon"),
        ("factoren.yml", 'kleur: "#a3263d"', "kleur: rood",
         "data/factoren.yml:39: zorg.kleur: 'rood' is geen kleur"),
        ("factoren.yml", "icoon: material/wallet-outline", "icoon: wallet",
         "data/factoren.yml:10: bestaanszekerheid.icoon: 'wallet' is geen Material-icoon"),
        ("lijsten.yml", "themas:", "themass:",
         "data/lijsten.yml:46: themass: onbekende lijst (bedoel je themas?"),
        ("lijsten.yml", "rollen:", "Rollen:",
         "data/lijsten.yml:97: Rollen: onbekende lijst (bedoel je rollen?"),
        ("lijsten.yml", "\nprovincies:", "\nregios:\n  - {slug: noord, nl: Noord, en: North}\nprovincies:",
         "data/lijsten.yml:5: regios: onbekende lijst; de site gebruikt hem niet (alleen deze lijsten bestaan: provincies,"),
    ],
    ids=["unknown icon", "colour not a code", "icon without set", "misspelt list", "list name in capitals", "extra list"],
)  # fmt: skip
def test_vocabulary_problem_is_reported_at_its_own_line(
    tmp_path: Path, name: str, old: str, new: str, expected: str
) -> None:
    """A typo in the factor list or a list's name is reported where it stands, not at line 1."""
    data = data_folder(tmp_path / "data", {"voorbeeld.yml": GOOD})
    text = (data / name).read_text(encoding="utf-8")
    assert old in text, f"data/{name} changed: {old!r}"
    (data / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    found = [str(p) for p in errors(validate(load_catalog(data)))]
    assert [p for p in found if p.startswith(expected)], found
    assert not [p for p in found if p.startswith(f"data/{name}:1:")], found
