"""A copy of the project in another folder, for builds that must not touch the real one.

Why a module: the tests build the site with broken or synthetic records, and both
benchmarks build it with thousands of synthetic ones. Each must build exactly
what a reader gets (the real mkdocs.yml, overrides, scripts and chapters) without
ever writing into the working tree, and all of them must copy the same things:
one list here, not one per caller.
"""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml

from inspiratieboek.data.records import load_catalog

ROOT = Path(__file__).resolve().parents[3]
COPIED = ("mkdocs.yml", "overrides", "scripts", "data")
GENERATED_DOCS = ("voorbeelden", "pdf")
"""Folders under docs/ that the build writes: never copied, the copy makes its own."""
VOCABULARIES = ("factoren", "provincies", "soorten", "doelgroepen", "themas")


def copy_project(target: Path, records: Mapping[str, str | bytes] | None = None) -> Path:
    """Copy the project into ``target``. With ``records``, they replace all examples
    (file name -> YAML text)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    shutil.copytree(ROOT / "docs", target / "docs", ignore=shutil.ignore_patterns(*GENERATED_DOCS))
    if records is not None:
        folder = target / "data" / "voorbeelden"
        shutil.rmtree(folder)
        folder.mkdir()
        for name, text in records.items():
            data = text if isinstance(text, bytes) else text.encode("utf-8")
            (folder / name).write_bytes(data)
        _unlink_missing_examples(target / "docs", {Path(name).stem for name in records})
        _keep_agreements_with_examples(target / "data" / "afspraken.yml", {Path(name).stem for name in records})
    return target


def _keep_agreements_with_examples(path: Path, kept: set[str]) -> None:
    """The Afsprakenmaker's agreements (data/afspraken.yml) name real examples by id.
    A copy whose examples are replaced keeps only the agreements that still rest on
    one of them, each with only those examples, so the copy stays valid; with none
    left the file is an empty list. The real file stays checked by the real build."""
    if not path.exists():
        return
    items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    kept_items = []
    for item in items:
        examples = [e for e in item.get("voorbeelden") or [] if e in kept]
        if examples:
            kept_items.append({**item, "voorbeelden": examples})
    header = "# Gefilterd door quality/projectcopy.py: alleen afspraken met voorbeelden in deze kopie.\n"
    text = yaml.safe_dump(kept_items, allow_unicode=True, sort_keys=False, width=10_000) if kept_items else "[]\n"
    path.write_text(header + text, encoding="utf-8")


EXAMPLE_LINK = re.compile(r"\[([^\]]+)\]\((?:\.\./)*voorbeelden/([a-z0-9-]+)\.md\)")


def _unlink_missing_examples(docs: Path, kept: set[str]) -> None:
    """Chapters link real examples by id ("Zo begin je"). A copy whose examples are
    replaced lacks those pages, and a strict build would stop on the dead links: keep
    the link text, drop the link. The real project's links stay checked by the real build."""
    for chapter in docs.rglob("*.md"):
        text = chapter.read_text(encoding="utf-8")
        changed = EXAMPLE_LINK.sub(lambda m: m.group(0) if m.group(2) in kept else m.group(1), text)
        if changed != text:
            chapter.write_text(changed, encoding="utf-8")


SyntheticRecord = Callable[[int, dict[str, list[str]], random.Random], dict[str, Any]]


def synthetic_records(count: int, make: SyntheticRecord, made_by: str, seed: int) -> dict[str, str]:
    """``count`` synthetic records as YAML files, each saying it is synthetic and who made it.

    ``make(number, vocabulary, rng)`` returns one record; ``vocabulary`` holds the
    allowed values of each list in data/, so every record passes the validator.
    """
    catalog = load_catalog(ROOT / "data")
    vocab = {name: list(catalog.vocab.by_name(name)) for name in VOCABULARIES}
    rng = random.Random(seed)
    header = f"# SYNTHETISCH - gegenereerd door {made_by}, geen echt project.\n"
    return {
        f"synthetisch-{number:05d}.yml": header
        + yaml.safe_dump(make(number, vocab, rng), allow_unicode=True, sort_keys=False)
        for number in range(count)
    }


def synthetic_facts(rng: random.Random) -> dict[str, object]:
    """The facts every record must state (kind, status, result, a lesson), made up for tests."""
    kind = rng.choice(("praktijk", "praktijk", "afspraak", "programma"))
    clause = {"afspraak": "Verzonnen afspraak voor de benchmark.", "afspraak_en": "Made-up clause."}
    return {
        **(clause if kind == "afspraak" else {}),
        "soort_voorbeeld": kind,
        "status": rng.choice(("loopt", "afgerond", "onbekend")),
        "resultaat_soort": "bereik",
        "lessen": [
            {"tekst": "Verzonnen les voor de benchmark.", "tekst_en": "Made-up lesson.", "herkomst": "redactie"}
        ],
    }
