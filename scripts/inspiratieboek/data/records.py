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

import bisect
import copy
import datetime as dt
import difflib
import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml

from inspiratieboek.data.messages import MESSAGES, Said, say

MAX_FILE_BYTES = 200_000
"""A record is a page of text; anything bigger is a mistake (or an attack)."""
MAX_DEPTH = 10
"""Levels of nested lists and fields a record may have (it needs 3). Deeper YAML is
refused before it is composed: libyaml composes recursively in C, and some
100,000 nested brackets (well under MAX_FILE_BYTES) crash the build outright."""
SHOWN_PER_GROUP = 5
"""The same message for the same field is printed this many times, then counted:
3,000 records sharing one mistake must not print 3,000 lines (``--alles`` shows all)."""

DATA_DIR = Path(__file__).resolve().parents[3] / "data"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located as precisely as we can."""

    path: str
    line: int
    field: str
    message: str
    warning: bool = False
    code: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        label = "waarschuwing: " if self.warning else ""
        return f"{where}: {self.field}: {label}{self.message}"


class DataError(Exception):
    """Raised when the data cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(format_problems(problems))


def problem(path: str, line: int, field: str, said: Said) -> Problem:
    """A Problem from a catalogue message (``messages.say``)."""
    return Problem(path, line, field, said.text, said.warning, said.code)


def format_problems(problems: list[Problem], shown_per_group: int | None = SHOWN_PER_GROUP) -> str:
    """Render problems one per line, errors first, with a count at the end.

    Problems with the same code on the same field (list positions ignored) form a
    group; past ``shown_per_group`` of them one line counts the rest, so the output
    stays readable whatever the size of the collection. None shows every problem.
    """
    errors = [p for p in problems if not p.warning]
    warnings = [p for p in problems if p.warning]
    lines = _bounded(errors, shown_per_group) + _bounded(warnings, shown_per_group)
    lines.append(f"{len(errors)} fout(en), {len(warnings)} waarschuwing(en)")
    return "\n".join(lines)


def _bounded(problems: list[Problem], limit: int | None) -> list[str]:
    """Problems in their order, each group cut at ``limit``, then one count line per cut group."""
    if limit is None:
        return [str(p) for p in problems]
    seen: dict[tuple[str, str], list[Problem]] = defaultdict(list)
    lines: list[str] = []
    for p in problems:
        same_kind = p.code if p.code in MESSAGES and MESSAGES[p.code].grouped else p.message
        group = seen[(same_kind, re.sub(r"\[\d+\]", "", p.field))]
        group.append(p)
        if len(group) <= limit:
            lines.append(str(p))
    for (_key, field_name), group in seen.items():
        if len(group) > limit:
            first_hidden = group[limit]
            more = say("output.more", count=len(group) - limit, field=field_name)
            lines.append(
                str(Problem(first_hidden.path, first_hidden.line, first_hidden.field, more.text, first_hidden.warning))
            )
    return lines


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
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False, repr=False)
    """Line of each field in ``data/factoren.yml`` ("slug" is the entry's first line), so a
    wrong icon or colour is reported where it stands."""

    def line(self, key: str) -> int:
        """The line of ``key`` in ``data/factoren.yml`` (the entry's line if the key is absent)."""
        return self.lines.get(key) or self.lines.get("", 1)

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
        vocabulary: dict[str, Term] = getattr(self, name)
        return vocabulary


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

INT_STRICT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
FLOAT_STRICT = re.compile(
    r"^(?:[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
"""YAML 1.1 reads ``03744`` as octal and ``33:40`` as base 60: both are the number 2020,
and ``2_020`` is too. An editor who types them means text (or a typo), so only plain
decimal numbers are numbers here; the rest stays text and gets a message that shows it."""


def _strict_resolvers(resolvers: dict[str, list[tuple[str, re.Pattern[str]]]]) -> dict:
    strict = {"tag:yaml.org,2002:int": INT_STRICT, "tag:yaml.org,2002:float": FLOAT_STRICT}
    return {first: [(tag, strict.get(tag, rx)) for tag, rx in pairs] for first, pairs in resolvers.items()}


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loader, in C when libyaml is there: thousands of records must load fast."""


_Loader.yaml_implicit_resolvers = _strict_resolvers(yaml.SafeLoader.yaml_implicit_resolvers)

Loaded = tuple[Any, dict[str, int], list[Problem]]
MERGE_TAG = "tag:yaml.org,2002:merge"
STR_TAG = "tag:yaml.org,2002:str"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
YAML_ONLY_BREAKS = re.compile("[\x85\u2028\u2029]")
"""Line breaks to YAML but not to editors, git or grep (NEL, LINE and PARAGRAPH SEPARATOR)."""
KEY_KINDS = {
    "tag:yaml.org,2002:null": "leeg (null)",
    "tag:yaml.org,2002:bool": "ja/nee",
    "tag:yaml.org,2002:int": "een getal",
    "tag:yaml.org,2002:float": "een getal",
    TIMESTAMP_TAG: "een datum",
}


class _Mark(Protocol):
    """What a YAML mark offers, from the pure-Python loader or the C one (``yaml._yaml.Mark``)."""

    line: int
    index: int


class Lines:
    """Editor line numbers for YAML marks.

    PyYAML counts U+0085, U+2028 and U+2029 as line breaks; an editor does not, so
    after one of them every line number would be off. Then the line is counted from
    the mark's character offset instead.
    """

    def __init__(self, text: str) -> None:
        self._breaks = [m.start() for m in re.finditer("\n", text)] if YAML_ONLY_BREAKS.search(text) else None

    def of(self, mark: _Mark | None) -> int:
        if mark is None:
            return 1
        if self._breaks is None:
            return mark.line + 1
        return bisect.bisect_left(self._breaks, mark.index) + 1


def display_path(path: Path, root: Path) -> str:
    """Path as an editor types it: relative to the project when possible.

    The folder is resolved, the file name is not: a symbolic link is shown by its own
    name, which is the file the editor has to fix.
    """
    try:
        return str((_resolved_folder(path.parent) / path.name).relative_to(_resolved_folder(root).parent))
    except (ValueError, OSError, RuntimeError):
        return str(path)


@functools.lru_cache(maxsize=256)
def _resolved_folder(folder: Path) -> Path:
    """A folder's real path, remembered: resolving costs system calls, and every
    message of every record names the same few folders."""
    return folder.resolve()


def _fail(shown: str, said: Said, line: int = 1, field: str = "(bestand)") -> Loaded:
    return None, {}, [problem(shown, line, field, said)]


def _read_bytes(path: Path, root: Path, shown: str) -> bytes | Problem:
    """The file's bytes, or the problem with it: outside data/, a folder, a dead link, missing."""
    if path.is_symlink() and not path.exists():
        return problem(shown, 1, "(bestand)", say("file.dangling"))
    if not path.resolve().is_relative_to(root.resolve()):
        return problem(shown, 1, "(bestand)", say("file.outside"))
    if path.is_dir():
        return problem(shown, 1, "(bestand)", say("file.is_folder"))
    if not path.exists():
        return problem(shown, 1, "(bestand)", say("file.missing", path=shown))
    try:
        return path.read_bytes()
    except OSError as exc:
        return problem(shown, 1, "(bestand)", say("file.unreadable", reason=exc.strerror or type(exc).__name__))


def read_yaml(path: Path, root: Path) -> Loaded:
    """Parse one YAML file strictly. Returns (data, line table, problems).

    Rejects, with a located message: files outside ``root`` (symlinks), folders,
    missing files, huge files, non-UTF-8 bytes, syntax errors, anchors/aliases
    (billion-laughs bombs), merge keys, keys that are not text, impossible dates and
    duplicate keys, which YAML would otherwise silently resolve to the last value.
    A UTF-8 byte order mark (Windows editors add one) is accepted.
    """
    shown = display_path(path, root)
    raw = _read_bytes(path, root, shown)
    if isinstance(raw, Problem):
        return None, {}, [raw]
    if len(raw) > MAX_FILE_BYTES:
        return _fail(shown, say("file.too_big", size=len(raw), limit=MAX_FILE_BYTES))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _fail(shown, say("file.encoding", byte=raw[exc.start]), line=raw[: exc.start].count(b"\n") + 1)
    if "\x00" in text:
        return _fail(shown, say("file.null"))
    if bad := yaml.reader.Reader.NON_PRINTABLE.search(text):
        # YAML refuses these without a line; an editor needs the line (a paste from a PDF or Word).
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        return _fail(shown, say("file.control", char=f"U+{ord(bad.group()):04X}", column=column), line=line)
    lines_of = Lines(text)
    loader = _Loader(text)
    try:
        if (found := _event_problem(text, lines_of)) is not None:
            said, line = found
            return _fail(shown, said, line=line, field="(syntaxis)" if said.code == "yaml.tag" else "(bestand)")
        node = loader.get_single_node()
        if node is None:
            return _fail(shown, say("file.empty"))
        lines: dict[str, int] = {}
        # One line per problem: an anchor used five times is one mistake, not five.
        problems = list(dict.fromkeys(_index_node(node, "", shown, lines, set(), lines_of)))
        if problems:
            return None, lines, problems
        return loader.construct_document(node), lines, []
    except yaml.MarkedYAMLError as exc:
        said, line = _syntax_message(exc, lines_of)
        return _fail(shown, said, line=line, field="(syntaxis)")
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return _fail(shown, say("yaml.unreadable", reason=reason), line=_unconstructable_at(text, lines_of))
    finally:
        loader.dispose()


def _unconstructable_at(text: str, lines_of: Lines) -> int:
    """Line of the first value YAML cannot turn into data (``!!int 0o17``, ``!!binary x``).

    Only called after construction failed, so the slow walk costs nothing normally.
    """
    loader = _Loader(text)
    try:
        stack = [loader.get_single_node()]
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.ScalarNode):
                try:
                    loader.construct_object(node, deep=True)
                except (yaml.YAMLError, ValueError, TypeError, OverflowError):
                    return lines_of.of(node.start_mark)
            elif isinstance(node, yaml.MappingNode):
                stack += [part for pair in reversed(node.value) for part in reversed(pair)]
            elif isinstance(node, yaml.SequenceNode):
                stack += reversed(node.value)
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return 1


def _event_problem(text: str, lines_of: Lines) -> tuple[Said, int] | None:
    """Read the YAML as a flat event stream, before composing anything, for two things.

    Nesting deeper than MAX_DEPTH (libyaml composes recursively in C and would crash),
    and explicit tags (``!!int 03744``, ``!!python/...``): they bypass the safe,
    strict reading of values, and an editor never needs one.
    """
    loader = _Loader(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if getattr(event, "tag", None) is not None:
                column = event.start_mark.column + 1
                return say("yaml.tag", tag=event.tag, column=column), lines_of.of(event.start_mark)
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return say("file.too_deep", limit=MAX_DEPTH), lines_of.of(event.start_mark)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()
    return None


def _syntax_message(exc: yaml.MarkedYAMLError, lines_of: Lines) -> tuple[Said, int]:
    """The message and line for a YAML error, keeping PyYAML's mark and reason."""
    mark = exc.problem_mark or exc.context_mark
    line = lines_of.of(mark)
    column = mark.column + 1 if mark else 1
    reason = exc.problem or exc.context or "onleesbare YAML"
    started = lines_of.of(exc.context_mark) if exc.context_mark else line
    where = f" (begonnen op regel {started})" if started != line else ""
    return say("yaml.syntax", column=column, reason=reason, started=where), line


def _index_node(
    node: yaml.Node, prefix: str, shown: str, lines: dict[str, int], seen: set[int], lines_of: Lines
) -> list[Problem]:
    """Walk the node tree: record each field's line, find what YAML would resolve silently.

    An alias (``*name``) makes the composer hand back a node it already gave: seeing a
    node twice means the file uses anchors, which we refuse before expanding anything.
    """
    line = lines_of.of(node.start_mark)
    if id(node) in seen:
        return [problem(shown, line, "(bestand)", say("yaml.anchor"))]
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        return _index_mapping(node, prefix, shown, lines, seen, lines_of)
    problems: list[Problem] = []
    if isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            path = f"{prefix}[{index}]"
            lines[path] = lines_of.of(item.start_mark)
            problems += _index_node(item, path, shown, lines, seen, lines_of)
    elif node.tag == TIMESTAMP_TAG and not _is_real_date(node.value):
        problems.append(problem(shown, line, prefix or "(bestand)", say("yaml.bad_date", value=node.value)))
    return problems


def _index_mapping(
    node: yaml.MappingNode, prefix: str, shown: str, lines: dict[str, int], seen: set[int], lines_of: Lines
) -> list[Problem]:
    problems: list[Problem] = []
    keys: set[str] = set()
    for key_node, value_node in node.value:
        line = lines_of.of(key_node.start_mark)
        where = prefix or "(veldnaam)"
        if key_node.tag == MERGE_TAG:
            problems.append(problem(shown, line, f"{prefix}.<<" if prefix else "<<", say("yaml.merge_key")))
            continue
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != STR_TAG:
            kind = KEY_KINDS.get(key_node.tag, "een lijst" if isinstance(key_node, yaml.SequenceNode) else "een groep")
            value = f" '{key_node.value}'" if isinstance(key_node, yaml.ScalarNode) else ""
            problems.append(problem(shown, line, where, say("yaml.key_not_text", key=value, kind=kind)))
            continue
        key = str(key_node.value)
        if not key.strip():
            problems.append(problem(shown, line, where, say("yaml.key_empty")))
            continue
        path = f"{prefix}.{key}" if prefix else key
        if key in keys:
            problems.append(problem(shown, line, path, say("yaml.duplicate_key")))
        keys.add(key)
        lines[path] = line
        problems += _index_node(value_node, path, shown, lines, seen, lines_of)
    return problems


def _is_real_date(text: str) -> bool:
    """A YAML timestamp whose day exists (``2025-02-30`` does not)."""
    match = yaml.constructor.SafeConstructor.timestamp_regexp.match(text)
    if not match:
        return False
    try:
        dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return False
    return True


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
VOCABULARY_FILES = ("factoren.yml", "lijsten.yml")
TERM_KEYS = ("slug", "nl", "en")
FACTOR_KEYS = (*TERM_KEYS, "kort_nl", "kort_en", "icoon", "kleur")


def load_vocabularies(data_dir: Path) -> tuple[Vocabularies, list[Problem]]:
    """Read ``factoren.yml`` and ``lijsten.yml``. Problems here stop everything.

    Each problem is located in the vocabulary file itself; a broken file never
    turns into one message per record (``validate`` skips the records then).
    """
    problems: list[Problem] = []
    factors_shown, lists_shown = (display_path(data_dir / name, data_dir) for name in VOCABULARY_FILES)
    factors_raw, factor_lines, found = read_yaml(data_dir / "factoren.yml", data_dir)
    problems += found
    lists_raw, list_lines, found = read_yaml(data_dir / "lijsten.yml", data_dir)
    problems += found
    factoren: dict[str, Factor] = {}
    if not found_in(problems, factors_shown):
        if isinstance(factors_raw, list):
            items = _terms(factors_raw, "", FACTOR_KEYS, factors_shown, factor_lines, problems)
            factoren = {
                item["slug"]: Factor(**item, lines=_item_lines(factor_lines, f"[{index}]", item))
                for index, item in items
            }
        else:
            problems.append(_shape(factors_shown, "een lijst van factoren, elk met - slug:"))
    terms: dict[str, dict[str, Term]] = {name: {} for name in LIST_NAMES}
    if not found_in(problems, lists_shown):
        if isinstance(lists_raw, dict):
            unknown = [str(key) for key in lists_raw if key not in LIST_NAMES]
            for name in LIST_NAMES:
                values = lists_raw.get(name)
                if not isinstance(values, list) or not values:
                    if name not in lists_raw and _misspelt(name, unknown):
                        continue  # reported below, at the misspelt name's own line
                    said = say("vocab.missing_list", name=name)
                    problems.append(problem(lists_shown, list_lines.get(name, 1), name, said))
                    continue
                items = _terms(values, name, TERM_KEYS, lists_shown, list_lines, problems)
                terms[name] = {item["slug"]: Term(**item) for _, item in items}
            for key in unknown:
                meant = [name for name in LIST_NAMES if name not in lists_raw and _misspelt(name, [key])]
                said = (
                    say("vocab.unknown_list", meant=meant[0])
                    if meant
                    else say("vocab.extra_list", names=_and(LIST_NAMES))
                )
                problems.append(problem(lists_shown, list_lines.get(key, 1), key, said))
        else:
            problems.append(_shape(lists_shown, "lijsten met een naam, zoals provincies:"))
    return Vocabularies(factoren=factoren, **terms), problems


def found_in(problems: list[Problem], shown: str) -> bool:
    return any(p.path == shown and not p.warning for p in problems)


def vocabulary_errors(problems: list[Problem]) -> list[Problem]:
    """The errors about ``factoren.yml`` and ``lijsten.yml`` (not a record of that name)."""
    return [
        p
        for p in problems
        if not p.warning and Path(p.path).name in VOCABULARY_FILES and Path(p.path).parent.name != "voorbeelden"
    ]


def _misspelt(name: str, keys: list[str]) -> bool:
    """Is one of ``keys`` (names in ``lijsten.yml`` that are not lists) a typo for ``name``?"""
    return bool(difflib.get_close_matches(name, keys, n=1, cutoff=0.75))


def _item_lines(lines: dict[str, int], where: str, item: dict[str, str]) -> dict[str, int]:
    """The lines of one entry's fields; ``""`` is the entry's own line."""
    return {"": lines.get(where, 1)} | {key: lines[f"{where}.{key}"] for key in item if f"{where}.{key}" in lines}


def _shape(shown: str, expected: str) -> Problem:
    return problem(shown, 1, "(bestand)", say("vocab.shape", expected=expected))


def _terms(
    values: list, name: str, keys: tuple[str, ...], shown: str, lines: dict[str, int], problems: list[Problem]
) -> list[tuple[int, dict[str, str]]]:
    """The usable entries of one list with their index; a located problem for each one that is not."""
    usable = []
    for index, item in enumerate(values):
        where = f"{name}[{index}]"
        issue = _term_issue(item, keys)
        if issue:
            said = say("vocab.bad_item", problem=issue, keys=_and(keys))
            problems.append(problem(shown, lines.get(where, 1), where, said))
        else:
            usable.append((index, {k: str(v) for k, v in item.items()}))
    return usable


def _term_issue(item: object, keys: tuple[str, ...]) -> str:
    if not isinstance(item, dict):
        return "geen groep velden"
    missing = [k for k in keys[:3] if not isinstance(item.get(k), str) or not item.get(k)]
    extra = [str(k) for k in item if k not in keys]
    if missing:
        return f"{_and(missing)} ontbreekt"
    if extra:
        return f"{_and(extra)} is geen onderdeel"
    return ""


def _and(words: tuple[str, ...] | list[str]) -> str:
    return ", ".join(words[:-1]) + " en " + words[-1] if len(words) > 1 else "".join(words)


# --- Records ---------------------------------------------------------------------


def record_paths(data_dir: Path) -> list[Path]:
    """Every file in ``data/voorbeelden/`` that is read as a record, sorted by name.

    Only names ending in exactly ``.yml`` or ``.yaml``; ``folder_problems`` speaks up
    about everything else there, so no record is left out without a word.
    """
    folder = data_dir / "voorbeelden"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in {".yml", ".yaml"} and not p.name.startswith("."))


def folder_problems(data_dir: Path) -> list[Problem]:
    """What in ``data/voorbeelden/`` is not read: sub-folders, ``.YML`` names, other files."""
    folder = data_dir / "voorbeelden"
    if not folder.is_dir():
        return []
    problems = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.suffix in {".yml", ".yaml"}:
            continue  # hidden, or read as a record (read_yaml reports folders and dead links)
        shown = display_path(path, data_dir)
        if path.is_dir():
            for inner in sorted(path.rglob("*")):
                if inner.suffix.lower() in {".yml", ".yaml"} and not inner.name.startswith("."):
                    said = say("file.subfolder")
                    problems.append(problem(display_path(inner, data_dir), 1, "(bestand)", said))
        elif path.suffix.lower() in {".yml", ".yaml"}:
            expected = path.stem + path.suffix.lower()
            said = say("file.extension", name=path.name, suffix=path.suffix, expected=expected)
            problems.append(problem(shown, 1, "(bestandsnaam)", said))
        else:
            problems.append(problem(shown, 1, "(bestandsnaam)", say("file.ignored")))
    return problems


def load_record(path: Path, data_dir: Path) -> tuple[Record | None, list[Problem]]:
    """Read one record file; a record that is not a mapping is a problem."""
    try:
        stat = path.stat()
        data, lines, problems = copy.deepcopy(_read_unchanged(path, data_dir, stat.st_size, stat.st_mtime_ns))
    except OSError:
        data, lines, problems = read_yaml(path, data_dir)  # read_yaml says what is wrong with the file
    if problems:
        return None, problems
    if not isinstance(data, dict):
        return None, [problem(display_path(path, data_dir), 1, "(bestand)", say("record.not_mapping"))]
    return Record(id=path.stem, path=path, data=data, lines=lines), []


@functools.lru_cache(maxsize=20_000)
def _read_unchanged(
    path: Path, data_dir: Path, _size: int, _mtime_ns: int
) -> tuple[Any, dict[str, int], list[Problem]]:
    """``read_yaml`` once per version of a file (its size and time are in the key).

    The preview reads the whole folder again on every save, while one record changed;
    parsing the other 136 was a tenth of a preview rebuild. Callers get a copy."""
    return read_yaml(path, data_dir)


def fingerprint(data_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """Cheap identity of the data folder: names, sizes and modification times."""
    # synoniemen.yml too: an edit to it alone must still be validated again (data/synonyms.py)
    # afspraken.yml too: the Afsprakenmaker's agreements are validated with the records (data/afspraken.py)
    folder = data_dir / "voorbeelden"
    entries = sorted(folder.iterdir()) if folder.is_dir() else []
    paths = [data_dir / n for n in ("factoren.yml", "lijsten.yml", "synoniemen.yml", "afspraken.yml")]
    paths += [folder, *entries]
    result = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            result.append((path.name, -1, -1))  # a dead link or a missing file counts too
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
    problems += folder_problems(data_dir)
    for path in record_paths(data_dir):
        record, found = load_record(path, data_dir)
        problems += found
        if record is not None:
            records.append(record)
    return Catalog(data_dir=data_dir, vocab=vocab, records=records, problems=problems)


def today() -> dt.date:
    """Today's date; a function so tests can reason about 'not in the future'."""
    return dt.date.today()
