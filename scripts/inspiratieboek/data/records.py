"""Load the book's data: the factor list, the vocabularies and the example records.

Why a module of its own: the validator, the page generator, the MkDocs hook, the
open-data export and the tests all need the same records, with the same line
numbers for error messages. Loading is strict (no aliases, no duplicate keys, no
files outside ``data/``) so that bad input becomes a clear problem, never a
traceback.

Line numbers live in a side table (``Record.lines``, keyed by field path such as
``bronnen[0].url``), not inside the record, so the record stays plain data.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

MAX_FILE_BYTES = 200_000
MAX_DEPTH = 10
"""Levels of nested lists and fields a record may have (it needs 3). Deeper YAML is
refused before it is composed: libyaml composes recursively in C, and some
100,000 nested brackets (well under MAX_FILE_BYTES) crash the build outright."""
"""A record is a page of text; anything bigger is a mistake (or an attack)."""

DATA_DIR = Path(__file__).resolve().parents[3] / "data"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located as precisely as we can."""

    path: str
    line: int
    field: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        label = "waarschuwing: " if self.warning else ""
        return f"{where}: {self.field}: {label}{self.message}"


class DataError(Exception):
    """Raised when the data cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(format_problems(problems))


def format_problems(problems: list[Problem]) -> str:
    """Render problems one per line, errors first, with a count at the end."""
    errors = [p for p in problems if not p.warning]
    warnings = [p for p in problems if p.warning]
    lines = [str(p) for p in errors + warnings]
    lines.append(f"{len(errors)} fout(en), {len(warnings)} waarschuwing(en)")
    return "\n".join(lines)


@dataclass(frozen=True)
class Term:
    """One value of a vocabulary (province, kind of organisation, theme ...)."""

    slug: str
    nl: str
    en: str

    def name(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


@dataclass(frozen=True)
class Factor(Term):
    """One of the five WHO factors, as listed in ``data/factoren.yml``."""

    kort_nl: str = ""
    kort_en: str = ""
    icoon: str = ""
    kleur: str = ""

    def short(self, lang: str) -> str:
        return self.kort_en if lang == "en" else self.kort_nl


@dataclass(frozen=True)
class Vocabularies:
    """Every closed list a record may use. The factor list is the only one of its kind."""

    factoren: dict[str, Factor]
    provincies: dict[str, Term]
    soorten: dict[str, Term]
    doelgroepen: dict[str, Term]
    themas: dict[str, Term]
    soorten_voorbeeld: dict[str, Term]
    statussen: dict[str, Term]
    resultaatsoorten: dict[str, Term]
    rollen: dict[str, Term]
    herkomsten: dict[str, Term]
    erkenningsniveaus: dict[str, Term]
    partijen: dict[str, Term]
    afspraaksoorten: dict[str, Term]

    def by_name(self, name: str) -> dict[str, Term]:
        return getattr(self, name)


@dataclass
class Record:
    """One practice example: its id (= file name), raw data and line table."""

    id: str
    path: Path
    data: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)

    def line(self, key: str) -> int:
        """Line of a field, falling back to its parent and then to line 1."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key.rpartition(".")[0] if "." in key else key.rpartition("[")[0]
        return 1

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    @property
    def factors(self) -> list[str]:
        return [f for f in self.data.get("factoren") or [] if isinstance(f, str)]

    @property
    def main_factor(self) -> str:
        return self.factors[0] if self.factors else ""


@dataclass
class Catalog:
    """Everything the build needs from ``data/``, plus problems met while loading."""

    data_dir: Path
    vocab: Vocabularies
    records: list[Record]
    problems: list[Problem]


# --- YAML loading ----------------------------------------------------------------


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loader, in C when libyaml is there: thousands of records must load fast."""


Loaded = tuple[Any, dict[str, int], list[Problem]]


def display_path(path: Path, root: Path) -> str:
    """Path as an editor types it: relative to the project when possible."""
    try:
        return str(path.resolve().relative_to(root.resolve().parent))
    except ValueError:
        return str(path)


def _fail(shown: str, message: str, line: int = 1, field: str = "(bestand)") -> Loaded:
    return None, {}, [Problem(shown, line, field, message)]


def read_yaml(path: Path, root: Path) -> Loaded:
    """Parse one YAML file strictly. Returns (data, line table, problems).

    Rejects, with a located message: files outside ``root`` (symlinks), huge files,
    non-UTF-8 bytes, syntax errors, anchors/aliases (billion-laughs bombs) and
    duplicate keys, which YAML would otherwise silently resolve to the last value.
    A UTF-8 byte order mark (Windows editors add one) is accepted.
    """
    shown = display_path(path, root)
    if not path.resolve().is_relative_to(root.resolve()):
        return _fail(
            shown,
            "bestand verwijst naar een plek buiten data/ (symbolische link?)"
            " (zet het bestand zelf in data/voorbeelden/)",
        )
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        return _fail(shown, f"bestand is te groot: {len(raw):,} bytes (toegestaan: hooguit {MAX_FILE_BYTES:,} bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _fail(
            shown,
            f"geen geldige UTF-8-tekst (byte 0x{raw[exc.start]:02x}) (sla het bestand op als UTF-8)",
            line=raw[: exc.start].count(b"\n") + 1,
        )
    if "\x00" in text:
        return _fail(shown, "bestand bevat een nul-teken (sla het op als gewone UTF-8-tekst)")
    loader = _Loader(text)
    try:
        if (deep := _too_deep_at(text)) is not None:
            return _fail(
                shown,
                f"te diep genest: meer dan {MAX_DEPTH} niveaus van lijsten en velden (een voorbeeld heeft er 3;"
                " controleer de haakjes [ ] en { } en de inspringing)",
                line=deep,
            )
        node = loader.get_single_node()
        if node is None:
            return _fail(shown, "bestand is leeg (begin met een kopie van data/sjabloon-voorbeeld.yml)")
        lines: dict[str, int] = {}
        problems = _index_node(node, "", shown, lines, set())
        if problems:
            return None, lines, problems
        return loader.construct_document(node), lines, []
    except yaml.MarkedYAMLError as exc:
        return _fail(shown, *_syntax_message(exc))
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        return _fail(shown, f"onleesbare YAML: {exc}")
    finally:
        loader.dispose()


def _too_deep_at(text: str) -> int | None:
    """Line where the YAML nests deeper than MAX_DEPTH, read as a flat event stream."""
    loader = _Loader(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line + 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()
    return None


def _syntax_message(exc: yaml.MarkedYAMLError) -> tuple[str, int, str]:
    """(message, line, field) for a YAML error, keeping PyYAML's mark and reason."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    reason = exc.problem or exc.context or "onleesbare YAML"
    started = exc.context_mark.line + 1 if exc.context_mark else line
    where = f" (begonnen op regel {started})" if started != line else ""
    message = (
        f"YAML-fout in kolom {column}: {reason}{where}"
        " (controleer inspringing met spaties, geen tabs, en aanhalingstekens)"
    )
    return message, line, "(syntaxis)"


def _whole(shown: str, message: str) -> Problem:
    return Problem(shown, 1, "(bestand)", message)


def _index_node(node: yaml.Node, prefix: str, shown: str, lines: dict[str, int], seen: set[int]) -> list[Problem]:
    """Walk the node tree: record each field's line, find duplicate keys and aliases.

    An alias (``*name``) makes the composer hand back a node it already gave: seeing a
    node twice means the file uses anchors, which we refuse before expanding anything.
    """
    if id(node) in seen:
        return [
            Problem(
                shown,
                node.start_mark.line + 1,
                "(bestand)",
                "ankers en verwijzingen (& en *) zijn niet toegestaan (schrijf de waarde gewoon uit)",
            )
        ]
    seen.add(id(node))
    problems: list[Problem] = []
    if isinstance(node, yaml.MappingNode):
        keys: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            path = f"{prefix}.{key}" if prefix else key
            if key in keys:
                problems.append(
                    Problem(
                        shown,
                        key_node.start_mark.line + 1,
                        path,
                        "veld staat twee keer in het bestand (laat er één staan)",
                    )
                )
            keys.add(key)
            lines[path] = key_node.start_mark.line + 1
            problems += _index_node(value_node, path, shown, lines, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            path = f"{prefix}[{index}]"
            lines[path] = item.start_mark.line + 1
            problems += _index_node(item, path, shown, lines, seen)
    return problems


# --- Vocabularies ----------------------------------------------------------------

LIST_NAMES = (
    "provincies",
    "soorten",
    "doelgroepen",
    "themas",
    "soorten_voorbeeld",
    "statussen",
    "resultaatsoorten",
    "rollen",
    "herkomsten",
    "erkenningsniveaus",
    "partijen",
    "afspraaksoorten",
)
"""The closed lists in ``data/lijsten.yml``, in the file's order."""


def load_vocabularies(data_dir: Path) -> tuple[Vocabularies, list[Problem]]:
    """Read ``factoren.yml`` and ``lijsten.yml``. Problems here stop everything."""
    problems: list[Problem] = []
    factors_raw, _, found = read_yaml(data_dir / "factoren.yml", data_dir)
    problems += found
    lists_raw, _, found = read_yaml(data_dir / "lijsten.yml", data_dir)
    problems += found
    factoren: dict[str, Factor] = {}
    for item in factors_raw or []:
        try:
            factoren[item["slug"]] = Factor(**item)
        except (TypeError, KeyError) as exc:
            problems.append(_whole("data/factoren.yml", f"onjuiste factor {item!r}: {exc}"))
    terms: dict[str, dict[str, Term]] = {}
    for name in LIST_NAMES:
        terms[name] = {}
        for item in (lists_raw or {}).get(name) or []:
            try:
                terms[name][item["slug"]] = Term(**item)
            except (TypeError, KeyError) as exc:
                problems.append(_whole("data/lijsten.yml", f"{name}: onjuiste waarde {item!r}: {exc}"))
    return Vocabularies(factoren=factoren, **terms), problems


# --- Records ---------------------------------------------------------------------


def record_paths(data_dir: Path) -> list[Path]:
    """Every file in ``data/voorbeelden/`` that looks like a record, sorted by name."""
    folder = data_dir / "voorbeelden"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in {".yml", ".yaml"} and not p.name.startswith("."))


def load_record(path: Path, data_dir: Path) -> tuple[Record | None, list[Problem]]:
    """Read one record file; a record that is not a mapping is a problem."""
    data, lines, problems = read_yaml(path, data_dir)
    if problems:
        return None, problems
    if not isinstance(data, dict):
        return None, [
            _whole(
                display_path(path, data_dir),
                "een voorbeeld moet uit velden bestaan (begin met een kopie van data/sjabloon-voorbeeld.yml)",
            )
        ]
    return Record(id=path.stem, path=path, data=data, lines=lines), []


def fingerprint(data_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """Cheap identity of the data folder: names, sizes and modification times."""
    # synoniemen.yml too: an edit to it alone must still be validated again (data/synonyms.py)
    # afspraken.yml too: the Afsprakenmaker's agreements are validated with the records (data/afspraken.py)
    paths = [data_dir / n for n in ("factoren.yml", "lijsten.yml", "synoniemen.yml", "afspraken.yml")]
    paths += record_paths(data_dir)
    result = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        result.append((path.name, stat.st_size, stat.st_mtime_ns))
    return tuple(result)


def load_catalog(data_dir: Path = DATA_DIR) -> Catalog:
    """Load (or reuse) the catalog. Cached on the folder's fingerprint.

    mkdocs-static-i18n runs the whole build once per language, and the hook needs
    the records in several events; the cache makes that one read per change of
    ``data/``, while an edited record (new mtime) is always read afresh.
    """
    return _load_catalog_cached(data_dir.resolve(), fingerprint(data_dir))


@functools.lru_cache(maxsize=4)
def _load_catalog_cached(data_dir: Path, _fingerprint: tuple) -> Catalog:
    vocab, problems = load_vocabularies(data_dir)
    records: list[Record] = []
    for path in record_paths(data_dir):
        record, found = load_record(path, data_dir)
        problems += found
        if record is not None:
            records.append(record)
    return Catalog(data_dir=data_dir, vocab=vocab, records=records, problems=problems)


def today() -> dt.date:
    """Today's date; a function so tests can reason about 'not in the future'."""
    return dt.date.today()
