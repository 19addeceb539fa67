"""Check every example record, collect every problem, then fail once.

Why: editors are not programmers. One run must list everything that is wrong, each
as ``file:line: field: what is wrong (what is allowed)``, so they can fix it all
in one pass. The build calls ``validate`` before it writes anything, so bad data
never produces a half-built site.

Errors stop the build; warnings (old checks, duplicated sources, missing
translations) are reported but do not.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import material

from inspiratieboek.data import afspraken
from inspiratieboek.data.messages import Said, say
from inspiratieboek.data.records import (
    Catalog,
    Problem,
    Record,
    display_path,
    problem,
    today,
    vocabulary_errors,
)
from inspiratieboek.data.schema import FIELD_BY_KEY, FIELDS, ID_PATTERN, ONE_LINE, SUB_FIELDS, Field, Sub
from inspiratieboek.data.synonyms import load_synonyms
from inspiratieboek.data.urls import check_url, show

STALE_AFTER_DAYS = 2 * 365
RESERVED_IDS = frozenset({"factor", "index"})
"""Names the generator uses inside docs/voorbeelden/ itself."""
HTML_TAG = re.compile(r"<(?![a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>]*>)/?[a-zA-Z!?]")
"""Starts a tag as browsers read it; "a < b" stays allowed text, and so does a Markdown
autolink such as ``<https://...>`` (its target is checked like every other link)."""
EVENT_ATTRIBUTE = re.compile(r"\bon[a-z]+\s*=", re.IGNORECASE)
BAD_SCHEME = re.compile(r"\b(javascript|vbscript|data)\s*:", re.IGNORECASE)
MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
REFERENCE_LINK = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]*)", re.MULTILINE)
"""A Markdown reference definition, ``[1]: https://...``, used by ``[text][1]``."""
AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>]*)>")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]")
"""C0 and C1 controls, bidi overrides and marks, the Unicode line separators and the BOM
(a Windows editor's byte order mark pasted into the middle of a text): invisible, and
able to reorder or break what a reader sees."""
CONTROL_NAMES = {
    **dict.fromkeys("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f", "draait de leesrichting om"),
    "\u2028": "regeleinde van Word",
    "\u2029": "alinea-einde van Word",
    "\ufeff": "BOM",
    "\x85": "regeleinde (NEL)",
}
INVISIBLE = re.compile(r"[\s\u00a0\u180e\u200b-\u200d\u2060\ufeff]+")
"""Spaces, no-break spaces and zero-width characters: a field of only these is empty to a reader."""


def validate(catalog: Catalog) -> list[Problem]:
    """All problems of the catalog: loading, per record and across records.

    With a broken vocabulary file every value of every record would look wrong, so
    then the records are not checked and one message says why.
    """
    problems = list(catalog.problems)
    broken = sorted({p.path for p in vocabulary_errors(problems)})
    if broken:
        said = say("vocab.broken", files=" en ".join(broken))
        folder = display_path(catalog.data_dir / "voorbeelden", catalog.data_dir)
        return [*problems, problem(folder, 0, "(voorbeelden)", said)]
    for record in catalog.records:
        problems += check_record(record, catalog)
    problems += check_unique_ids(catalog)
    problems += check_unique_titles(catalog)
    problems += check_duplicate_sources(catalog)
    problems += check_factors_used(catalog)
    problems += check_factor_list(catalog)
    problems += load_synonyms(catalog.data_dir)[1]
    problems += afspraken.check(catalog)  # data/afspraken.yml (the Afsprakenmaker)
    return problems


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if not p.warning]


# --- One record ------------------------------------------------------------------

Found = Iterator[tuple[str, Said]]
"""What a check yields: the field path and the catalogue message."""


def check_record(record: Record, catalog: Catalog) -> list[Problem]:
    """Every per-record rule: id, unknown fields, then each field by its kind."""
    shown = display_path(record.path, catalog.data_dir)
    found: list[Problem] = []

    def report(key: str, said: Said) -> None:
        found.append(problem(shown, record.line(key), key, said))

    if record.id in RESERVED_IDS:
        report("(bestandsnaam)", say("id.reserved", id=record.id))
    elif not re.match(ID_PATTERN, record.id):
        report("(bestandsnaam)", say("id.invalid", name=record.path.name))
    for key in record.data:
        if key not in FIELD_BY_KEY:
            report(str(key), say("field.unknown", allowed=", ".join(FIELD_BY_KEY)))
    for spec in FIELDS:
        value = record.data.get(spec.key)
        if _is_empty(value):
            if spec.required:
                report(spec.key, say("field.missing"))
            continue
        for key, said in _check_field(spec, value, catalog):
            report(key, said)
    for key, said in _check_combinations(record):
        report(key, said)
    for key, said in _check_staleness(record):
        report(key, said)
    if isinstance(note := record.get("controle"), str) and note.strip():
        report("controle", say("check.note", note=note.strip()))
    return found


def _is_empty(value: object) -> bool:
    return value is None or (isinstance(value, (str, list, dict)) and not value)


def is_blank(text: str) -> bool:
    """Text with only spaces, no-break spaces or zero-width characters: empty to a reader."""
    return bool(text) and not INVISIBLE.sub("", text)


def _check_field(spec: Field, value: object, catalog: Catalog) -> Found:
    """Dispatch on the field's kind; yields (field path, message)."""
    if spec.kind in {"text", "markdown"}:
        yield from check_text(
            spec.key, value, spec.max_length, markdown=spec.kind == "markdown", one_line=spec.key in ONE_LINE
        )
        if spec.key == "samenvatting" and isinstance(value, str) and _sentences(value) > 3:
            yield spec.key, say("text.sentences", count=_sentences(value))
    elif spec.kind == "slug":
        yield from _check_slug(spec.key, value, spec.vocab, catalog)
    elif spec.kind == "list":
        yield from _check_slug_list(spec.key, value, spec.vocab, catalog)
    elif spec.kind == "year":
        yield from _check_year(spec.key, value)
    elif spec.kind == "date":
        yield from _check_date(spec.key, value)
    elif spec.kind == "objects":
        yield from _check_objects(spec, value, catalog)
    elif spec.kind == "object":
        yield from _check_group(spec, spec.key, value, catalog)


def check_text(key: str, value: object, max_length: int, markdown: bool = False, one_line: bool = False) -> Found:
    """A text field: type, length, no HTML, no invisible characters, safe links only."""
    if not isinstance(value, str):
        yield key, say("text.not_text", kind=_kind(value))
        return
    if max_length and len(value) > max_length:
        yield key, say("text.too_long", length=len(value), limit=max_length)
        return
    if is_blank(value):
        yield key, say("text.blank")
        return
    decoded = html.unescape(value) if "&" in value else value
    if match := HTML_TAG.search(value):
        allowed = "gewone tekst en Markdown" if markdown else "gewone tekst"
        yield key, say("text.html", snippet=_snippet(value, match.start()), allowed=allowed)
    elif match := EVENT_ATTRIBUTE.search(value):
        yield key, say("text.attribute", snippet=_snippet(value, match.start()))
    elif match := BAD_SCHEME.search(value) or BAD_SCHEME.search(decoded):
        yield key, say("text.unsafe_link", snippet=_snippet(match.string, match.start()))
    elif match := CONTROL.search(value):
        yield key, say("text.control", char=_char_name(match.group()))
    elif one_line and "\n" in value.strip():
        yield key, say("text.newline")
    elif markdown and "![" in value:
        yield key, say("markdown.image")
    elif markdown:
        yield from _check_links(key, value)


def _check_links(key: str, value: str) -> Found:
    """Every link target in Markdown text (inline, reference and <autolink>) is a full https address."""
    targets = MARKDOWN_LINK.findall(value) + REFERENCE_LINK.findall(value) + AUTOLINK.findall(value)
    for target in targets:
        plain = html.unescape(target)
        if plain.startswith("mailto:"):
            continue
        if plain.startswith("http://"):
            yield key, say("markdown.link_http", target=target)
        elif not plain.startswith("https://"):
            yield key, say("markdown.link_not_web", target=target)
        elif wrong := check_url(plain):
            yield key, say("markdown.link_invalid", target=target, reason=wrong.text.split(" (")[0].split("' ", 1)[-1])


def _char_name(char: str) -> str:
    name = CONTROL_NAMES.get(char) or unicodedata.name(char, "stuurteken").lower()
    return f"U+{ord(char):04X}, {name}"


def _check_slug(key: str, value: object, vocab_name: str, catalog: Catalog) -> Found:
    terms = catalog.vocab.by_name(vocab_name)
    if not isinstance(value, str) or value not in terms:
        source = "data/factoren.yml" if vocab_name == "factoren" else f"data/lijsten.yml ({vocab_name})"
        yield key, say("slug.unknown", value=show(value), allowed=", ".join(terms), source=source)


def _check_slug_list(key: str, value: object, vocab_name: str, catalog: Catalog) -> Found:
    if not isinstance(value, list):
        yield key, say("list.not_list", kind=_kind(value))
        return
    seen: set[object] = set()
    for index, item in enumerate(value):
        yield from _check_slug(f"{key}[{index}]", item, vocab_name, catalog)
        if isinstance(item, str) and item in seen:
            yield f"{key}[{index}]", say("list.duplicate", value=item)
        if isinstance(item, str):
            seen.add(item)


def _check_year(key: str, value: object) -> Found:
    if not isinstance(value, int) or isinstance(value, bool):
        yield key, say("year.not_year", kind=_kind(value), value=show(value))
    elif not 1900 <= value <= today().year:
        yield key, say("year.range", value=value, last=today().year)


def _check_date(key: str, value: object) -> Found:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        yield key, say("date.not_date", value=show(value))
    elif value > today():
        yield key, say("date.future", value=value.isoformat())


def _check_objects(spec: Field, value: object, catalog: Catalog) -> Found:
    """Organisations, lessons, sources: a list of small groups of fields."""
    if not isinstance(value, list):
        yield spec.key, say("objects.not_list", kind=_kind(value))
        return
    for index, item in enumerate(value):
        yield from _check_group(spec, f"{spec.key}[{index}]", item, catalog)


def _check_group(spec: Field, where: str, item: object, catalog: Catalog) -> Found:
    """One group of fields (an organisation, a lesson, the contact ...) against its ``subs``."""
    names = SUB_FIELDS[spec.key]
    if not isinstance(item, dict):
        yield where, say("group.not_group", names=" en ".join(names))
        return
    for extra in item:
        if extra not in names:
            yield f"{where}.{extra}", say("field.unknown", allowed=", ".join(names))
    for sub in spec.subs:
        value = item.get(sub.key)
        if _is_empty(value):
            if sub.required:
                yield f"{where}.{sub.key}", say("sub.missing")
        else:
            yield from _check_sub(sub, f"{where}.{sub.key}", value, catalog)


def _check_sub(sub: Sub, key: str, value: object, catalog: Catalog) -> Found:
    if sub.kind == "slug":
        yield from _check_slug(key, value, sub.vocab, catalog)
    elif sub.kind == "url":
        yield from _check_url(key, value, sub.max_length)
    else:
        yield from check_text(key, value, sub.max_length, one_line=sub.key in ONE_LINE)


def _check_url(key: str, value: object, max_length: int) -> Found:
    if isinstance(value, str) and len(value) > max_length:
        yield key, say("text.too_long", length=len(value), limit=max_length)
    elif wrong := check_url(value):
        yield key, wrong


def _check_combinations(record: Record) -> Found:
    """Rules between fields: a result where one is claimed, the clause of an agreement, an end after the start."""
    kind, status, result = record.get("soort_voorbeeld"), record.get("status"), record.get("resultaat_soort")
    has_results = not _is_empty(record.get("resultaten"))
    if result == "geen-resultaat-bekend" and has_results:
        yield "resultaat_soort", say("combo.result_claimed")
    elif isinstance(result, str) and result != "geen-resultaat-bekend" and not has_results:
        yield "resultaten", say("combo.results_missing", kind=result)
    has_clause = not _is_empty(record.get("afspraak"))
    if kind == "afspraak" and not has_clause:
        yield "afspraak", say("combo.agreement_missing")
    elif has_clause and kind != "afspraak":
        yield "afspraak", say("combo.agreement_extra")
    end, start = record.get("eindjaar"), record.get("startjaar")
    if isinstance(end, int) and status not in {"afgerond", "gestopt"}:
        yield "eindjaar", say("combo.end_status", status=status)
    elif isinstance(end, int) and isinstance(start, int) and end < start:
        yield "eindjaar", say("combo.end_before_start", end=end, start=start)


def _check_staleness(record: Record) -> Found:
    checked = record.get("laatst_gecontroleerd")
    if isinstance(checked, dt.date) and not isinstance(checked, dt.datetime):
        age = (today() - checked).days
        if age > STALE_AFTER_DAYS:
            yield "laatst_gecontroleerd", say("check.stale", years=age // 365)


# --- Across records --------------------------------------------------------------


def check_unique_ids(catalog: Catalog) -> list[Problem]:
    """Two files with the same id (e.g. x.yml and x.yaml) would share one URL."""
    by_id: dict[str, list[Record]] = defaultdict(list)
    for record in catalog.records:
        by_id[record.id].append(record)
    problems = []
    for record_id, same in by_id.items():
        if len(same) > 1:
            said = say("id.duplicate", id=record_id, files=_first_five([r.path.name for r in same]))
            for record in same:
                problems.append(problem(display_path(record.path, catalog.data_dir), 1, "(bestandsnaam)", said))
    return problems


def check_unique_titles(catalog: Catalog) -> list[Problem]:
    """Two examples with the same title (up to case and spaces) look like one to readers and search engines.

    Checked per language: ``titel`` against ``titel``, ``titel_en`` against ``titel_en``.
    Each later record names the first one with that title, by file and line.
    """
    problems = []
    for key in ("titel", "titel_en"):
        first: dict[str, Record] = {}
        for record in catalog.records:
            title = record.get(key)
            if not isinstance(title, str) or is_blank(title) or not title:
                continue
            norm = " ".join(INVISIBLE.sub(" ", title).split()).casefold()
            if norm in first:
                other = first[norm]
                where = f"{display_path(other.path, catalog.data_dir)}:{other.line(key)}"
                said = say("title.duplicate", title=title.strip(), other=where)
                problems.append(problem(display_path(record.path, catalog.data_dir), record.line(key), key, said))
            else:
                first[norm] = record
    return problems


def check_duplicate_sources(catalog: Catalog) -> list[Problem]:
    """The same source URL in several records is often a copy-paste slip: a warning.

    Each record gets its own located warning; the list of the others names the first
    five and the count, so 3,000 records sharing one URL do not print 3,000 ids each.
    """
    by_url: dict[str, list[tuple[Record, int]]] = defaultdict(list)
    for record in catalog.records:
        sources = record.get("bronnen")
        for index, source in enumerate(sources if isinstance(sources, list) else []):
            if isinstance(source, dict) and isinstance(source.get("url"), str):
                by_url[source["url"].rstrip("/")].append((record, index))
    problems = []
    for _url, uses in by_url.items():
        ids = sorted({r.id for r, _ in uses})
        if len(ids) > 1:
            said = say("source.shared", names=_first_five(ids))
            for record, index in uses:
                key = f"bronnen[{index}].url"
                problems.append(problem(display_path(record.path, catalog.data_dir), record.line(key), key, said))
    return problems


def _first_five(names: list[str]) -> str:
    """The first five names and how many more: output stays bounded at any collection size."""
    shown = ", ".join(names[:5])
    return shown if len(names) <= 5 else f"{shown} en {len(names) - 5:,} andere ({len(names):,} in totaal)"


def check_factors_used(catalog: Catalog) -> list[Problem]:
    """A factor chapter without examples is worth knowing about, not worth failing for."""
    used = {f for record in catalog.records for f in record.factors}
    return [
        problem("data/factoren.yml", factor.line("slug"), slug, say("factor.unused"))
        for slug, factor in catalog.vocab.factoren.items()
        if slug not in used and catalog.records
    ]


def check_factor_list(catalog: Catalog) -> list[Problem]:
    """The factor list drives chapters, cards and filters: an icon or colour typo must stop the build."""
    icons = Path(material.__file__).parent / "templates" / ".icons"
    problems = []
    for slug, factor in catalog.vocab.factoren.items():
        icon_named = re.fullmatch(r"[a-z0-9-]+/[a-z0-9-]+", factor.icoon or "")
        if not icon_named or not (icons / f"{factor.icoon}.svg").is_file():
            said = say("factor.icon", icon=factor.icoon)
            problems.append(problem("data/factoren.yml", factor.line("icoon"), f"{slug}.icoon", said))
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", factor.kleur or ""):
            said = say("factor.colour", colour=factor.kleur)
            problems.append(problem("data/factoren.yml", factor.line("kleur"), f"{slug}.kleur", said))
    return problems


# --- Helpers ---------------------------------------------------------------------


def _kind(value: object) -> str:
    names = {
        bool: "ja/nee",
        int: "een getal",
        float: "een getal",
        list: "een lijst",
        dict: "een groep velden",
    }
    return names.get(type(value), "tekst" if isinstance(value, str) else type(value).__name__)


def _snippet(text: str, start: int) -> str:
    return text[start : start + 20].replace("\n", " ")


def _sentences(text: str) -> int:
    return len([s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])", text.strip()) if s])
