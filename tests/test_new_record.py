"""``manage.py nieuw``: a new record from the template, run as an editor runs it.

Given a data folder with the real vocabularies and template, when the command runs
(with options, or answering its questions on standard input), then it writes one
record with the answers, today's date and every template comment, and it never
overwrites an existing record.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ENV, ROOT, data_folder
from inspiratieboek.data.records import load_catalog
from inspiratieboek.data.validate import errors, validate
from inspiratieboek.editors.new_record import derive_id, slugify

TEMPLATE = (ROOT / "data" / "sjabloon-voorbeeld.yml").read_text(encoding="utf-8")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder with vocabularies and template but no records."""
    return data_folder(tmp_path / "data", also=("sjabloon-voorbeeld.yml", "voorbeeld.schema.json"))


def nieuw(data: Path, *options: str, answers: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command the guide tells editors to run."""
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "manage.py"), "--data", str(data), "nieuw", *options],
        input=answers if answers is not None else "",
        capture_output=True,
        text=True,
        env=ENV,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("title", "place", "expected"),
    [
        ("Buurtkamer Noord", "Eindhoven", "buurtkamer-noord-eindhoven"),
        ("Budgetcoaching bij Talis in Nijmegen", "Nijmegen", "budgetcoaching-bij-talis-in-nijmegen"),
        ("Aan de Slag040!: werk via de corporatie", "", "aan-de-slag040-werk-via-de-corporatie"),
        ("Wonen & zorg in Fryslân", "Leeuwarden", "wonen-en-zorg-in-fryslan-leeuwarden"),
        ("Ouderen’s ‘hubs’ — samen", "Den Haag", "ouderens-hubs-samen-den-haag"),
        ("Thema's van 2024", "Ede", "themas-van-2024-ede"),
    ],
)
def test_id_is_derived_from_title_and_place(title: str, place: str, expected: str) -> None:
    assert derive_id(title, place) == expected


def test_long_title_gives_an_id_cut_at_a_word() -> None:
    record_id = derive_id("Een heel lange titel " * 10, "Utrecht")
    assert len(record_id) <= 60 and not record_id.endswith("-")
    assert record_id.startswith("een-heel-lange-titel-een-heel") and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", record_id)
    assert slugify("!!!") == ""


def test_options_write_a_record_from_the_template(data: Path) -> None:
    result = nieuw(
        data, "--titel", "Buurtkamer Noord: eten & praten", "--factor", "sociaal-kapitaal", "--factor", "5",
        "--plaats", "Den Haag", "--provincie", "zuid-holland",
    )  # fmt: skip
    target = data / "voorbeelden" / "buurtkamer-noord-eten-en-praten-den-haag.yml"
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Nieuw voorbeeld gemaakt: data/voorbeelden/buurtkamer-noord-eten-en-praten-den-haag.yml" in result.stdout
    text = target.read_text(encoding="utf-8")
    record = yaml.safe_load(text)
    assert record["titel"] == "Buurtkamer Noord: eten & praten"
    assert record["factoren"] == ["sociaal-kapitaal", "zorg"]
    assert record["plaats"] == "Den Haag" and record["provincie"] == "zuid-holland"
    assert record["laatst_gecontroleerd"] == dt.date.today()
    # Records live one folder below the template, so the schema comment points one level up.
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../voorbeeld.schema.json"
    assert (target.parent / "../voorbeeld.schema.json").resolve().is_file()
    # Every field keeps its Dutch explanation from the template.
    field_comments = [line for line in TEMPLATE.splitlines() if line.startswith("# (verplicht)")]
    assert field_comments and all(comment in text for comment in field_comments)
    assert set(record) == set(yaml.safe_load(TEMPLATE))


def test_new_record_only_lacks_what_the_editor_still_has_to_write(data: Path) -> None:
    nieuw(data, "--titel", "Buurtkamer Noord", "--factor", "werk", "--plaats", "Eindhoven")
    target = data / "voorbeelden" / "buurtkamer-noord-eindhoven.yml"
    fields = {p.field.split("[")[0] for p in errors(validate(load_catalog(data)))}
    assert {"titel", "factoren", "plaats", "laatst_gecontroleerd"}.isdisjoint(fields), fields
    assert "samenvatting" in fields and "provincie" in fields
    # Given the remaining fields filled in, then the record is valid as it stands.
    text = target.read_text(encoding="utf-8")
    for old, new in [
        ('samenvatting: ""', "samenvatting: Een buurtkamer voor bewoners."),
        ('  - naam: ""', "  - naam: Testcorporatie"),
        ('provincie: ""', "provincie: noord-brabant"),
        ("  ...", "  Bewoners komen samen."),
        ('  - tekst: ""', "  - tekst: Een vaste plek maakt het makkelijk om binnen te lopen."),
        ('  naam: ""', "  naam: Testcorporatie"),  # contact (issue #13): the template offers it filled in
        ("url: https://\n", "url: https://example.org/contact\n"),
        ("url: https://\n", "url: https://example.org/buurtkamer\n"),
        ('  - titel: ""', "  - titel: Testbron"),
    ]:
        assert old in text, old
        text = text.replace(old, new, 1)
    target.write_text(text, encoding="utf-8")
    assert errors(validate(load_catalog(data))) == []


def test_existing_record_is_never_overwritten(data: Path) -> None:
    target = data / "voorbeelden" / "buurtkamer-noord-eindhoven.yml"
    target.write_text("# werk van een collega\n", encoding="utf-8")
    result = nieuw(data, "--titel", "Buurtkamer Noord", "--factor", "werk", "--plaats", "Eindhoven")
    assert result.returncode == 1
    assert "data/voorbeelden/buurtkamer-noord-eindhoven.yml bestaat al. Er is niets overschreven." in result.stdout
    assert "--id" in result.stdout
    assert target.read_text(encoding="utf-8") == "# werk van een collega\n"


def test_same_id_with_other_extension_is_refused(data: Path) -> None:
    (data / "voorbeelden" / "buurtkamer-noord-eindhoven.yaml").write_text("titel: x\n", encoding="utf-8")
    result = nieuw(data, "--titel", "Buurtkamer Noord", "--factor", "werk", "--plaats", "Eindhoven")
    assert result.returncode == 1 and "buurtkamer-noord-eindhoven.yaml bestaat al" in result.stdout
    assert not (data / "voorbeelden" / "buurtkamer-noord-eindhoven.yml").exists()


def test_own_id_is_used_and_checked(data: Path) -> None:
    result = nieuw(data, "--titel", "Buurtkamer", "--factor", "werk", "--plaats", "X", "--id", "Mijn Voorbeeld")
    assert result.returncode == 1 and "'Mijn Voorbeeld' is geen geldige id" in result.stdout
    result = nieuw(data, "--titel", "Buurtkamer", "--factor", "werk", "--plaats", "X", "--id", "buurtkamer-2")
    assert result.returncode == 0 and (data / "voorbeelden" / "buurtkamer-2.yml").is_file()


def test_questions_are_asked_again_until_the_answer_is_valid(data: Path) -> None:
    # Given no options: an empty title, an unknown factor, then good answers.
    result = nieuw(data, answers="\nWeer thuis\n9\n2, zorg\nUtrecht\n")
    assert result.returncode == 0, result.stdout
    assert "De titel is leeg." in result.stdout
    assert "'9' is geen bekende factor. Kies uit: bestaanszekerheid, leefomstandigheden" in result.stdout
    assert "  1. bestaanszekerheid: Inkomens- en bestaanszekerheid" in result.stdout
    record = yaml.safe_load((data / "voorbeelden" / "weer-thuis-utrecht.yml").read_text(encoding="utf-8"))
    assert record["factoren"] == ["leefomstandigheden", "zorg"] and record["titel"] == "Weer thuis"


def test_wrong_options_give_a_dutch_message_and_write_nothing(data: Path) -> None:
    result = nieuw(data, "--titel", "Buurtkamer", "--factor", "inkomen", "--plaats", "Eindhoven")
    assert result.returncode == 1
    assert "Niet gelukt: 'inkomen' is geen bekende factor. Kies uit: bestaanszekerheid" in result.stdout
    result = nieuw(data, "--titel", "Buurtkamer", "--factor", "werk", "--plaats", "X", "--provincie", "brabant")
    assert result.returncode == 1 and "'brabant' is geen bekende provincie" in result.stdout
    assert list((data / "voorbeelden").iterdir()) == []


def test_no_answers_and_no_options_explains_the_options(data: Path) -> None:
    result = nieuw(data, answers="")
    assert result.returncode == 1
    assert "Er kwam geen antwoord. Geef de gegevens mee als opties" in result.stdout
    assert list((data / "voorbeelden").iterdir()) == []
