"""The synonym list (data/synoniemen.yml): checked like the other vocabularies,
with ``file:line: field: message``, and used by the index (a word finds its synonyms)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, data_folder, fixture_records
from inspiratieboek.data.records import load_catalog
from inspiratieboek.data.synonyms import load_synonyms
from inspiratieboek.data.validate import validate
from inspiratieboek.search import zoekindex


def _write(tmp_path: Path, text: str) -> Path:
    folder = data_folder(tmp_path / "data")
    (folder / "synoniemen.yml").write_text(text, encoding="utf-8")
    return folder


def test_the_real_list_is_valid_and_has_both_languages() -> None:
    groups, problems = load_synonyms(ROOT / "data")
    assert problems == []
    assert len(groups["nl"]) >= 10 and len(groups["en"]) >= 10
    assert ["ouderen", "senioren", "65-plussers"] in groups["nl"]
    assert any("elderly" in g and "older people" in g for g in groups["en"])


def test_without_the_file_there_are_no_synonyms_and_no_problems(tmp_path: Path) -> None:
    assert load_synonyms(data_folder(tmp_path / "data")) == ({"nl": [], "en": []}, [])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("nl:\n  - [ouderen]\n", "data/synoniemen.yml:2: nl[0]: een groep is een lijst van minstens twee woorden"),
        ("nl:\n  - ouderen\n", "data/synoniemen.yml:2: nl[0]: een groep is een lijst van minstens twee woorden"),
        (
            "nl:\n  - [ouderen, senioren]\n  - [huiskamer, Ouderen]\n",
            "data/synoniemen.yml:3: nl[1][1]: 'Ouderen' staat al in nl[0] (een woord hoort in één groep)",
        ),
        ("nl:\n  - [ouderen, '...']\n", "data/synoniemen.yml:2: nl[0][1]: '...' is geen woord"),
        ("nl:\n  - [ouderen, " + "x" * 61 + "]\n", "data/synoniemen.yml:2: nl[0][1]: te lang (hoogstens 60 tekens"),
        ("de:\n  - [alt, senioren]\n", "data/synoniemen.yml:1: de: onbekende taal (toegestaan: nl, en)"),
        ("nl: ouderen\n", "data/synoniemen.yml:1: nl: moet een lijst van groepen zijn"),
        ("nl:\n  - [ouderen, senioren\n", "data/synoniemen.yml:"),
        ("- ouderen\n", "data/synoniemen.yml:1: (bestand): het bestand moet de talen nl en en bevatten"),
    ],
)
def test_every_mistake_is_named_with_file_line_and_field(tmp_path: Path, text: str, message: str) -> None:
    folder = _write(tmp_path, text)
    _, problems = load_synonyms(folder)
    shown = [str(p) for p in problems]
    assert any(s.startswith(message) for s in shown), shown
    # And the validator stops the build on it, like a broken record
    assert any(str(p).startswith(message) for p in validate(load_catalog(folder)))


def test_a_word_finds_entries_with_its_synonyms(tmp_path: Path) -> None:
    folder = data_folder(tmp_path / "data", fixture_records("synthetisch-a", "synthetisch-b"))
    catalog = load_catalog(folder)
    plain = json.dumps(zoekindex.build(catalog, "nl"))
    assert '"senior"' not in plain
    # Given a group that ties a word of synthetisch-a to two words no record has
    words = {w for r in catalog.records for w in str(r.get("titel")).lower().split()}
    word = sorted(w for w in words if w.isalpha() and len(w) > 5)[0]
    (folder / "synoniemen.yml").write_text(f"nl:\n  - [{word}, senioren, oude mensen]\n", encoding="utf-8")
    files = zoekindex.build(load_catalog(folder), "nl")
    stems = [s for name, text in files.items() if name.startswith("t-") for s in json.loads(text)["stammen"]]
    assert {"senior", "oud", "mens"} <= set(stems)
