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
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import material

from inspiratieboek.data import afspraken
from inspiratieboek.data.records import Catalog, Problem, Record, display_path, today
from inspiratieboek.data.schema import FIELD_BY_KEY, FIELDS, ID_PATTERN, SUB_FIELDS, Field, Sub
from inspiratieboek.data.synonyms import load_synonyms

STALE_AFTER_DAYS = 2 * 365
RESERVED_IDS = frozenset({"factor", "index"})
"""Names the generator uses inside docs/voorbeelden/ itself."""
HTML_TAG = re.compile(r"</?[a-zA-Z!?]")
"""Starts a tag as browsers read it; "a < b" stays allowed text."""
EVENT_ATTRIBUTE = re.compile(r"\bon[a-z]+\s*=", re.IGNORECASE)
BAD_SCHEME = re.compile(r"\b(javascript|vbscript|data)\s*:", re.IGNORECASE)
MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def validate(catalog: Catalog) -> list[Problem]:
    """All problems of the catalog: loading, per record and across records."""
    problems = list(catalog.problems)
    for record in catalog.records:
        problems += check_record(record, catalog)
    problems += check_unique_ids(catalog)
    problems += check_duplicate_sources(catalog)
    problems += check_factors_used(catalog)
    problems += check_factor_list(catalog)
    problems += load_synonyms(catalog.data_dir)[1]
    problems += afspraken.check(catalog)  # data/afspraken.yml (the Afsprakenmaker)
    return problems


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if not p.warning]


# --- One record ------------------------------------------------------------------


def check_record(record: Record, catalog: Catalog) -> list[Problem]:
    """Every per-record rule: id, unknown fields, then each field by its kind."""
    shown = display_path(record.path, catalog.data_dir)
    found: list[Problem] = []

    def report(key: str, message: str, warning: bool = False) -> None:
        found.append(Problem(shown, record.line(key), key, message, warning))

    if record.id in RESERVED_IDS:
        report("(bestandsnaam)", f"'{record.id}' is een gereserveerde naam (kies een andere bestandsnaam)")
    elif not re.match(ID_PATTERN, record.id):
        report(
            "(bestandsnaam)",
            f"'{record.path.name}' is geen geldige id"
            " (toegestaan: kleine letters, cijfers en streepjes, bijvoorbeeld buurtkamer-noord.yml)",
        )
    for key in record.data:
        if key not in FIELD_BY_KEY:
            report(str(key), f"onbekend veld (toegestaan: {', '.join(FIELD_BY_KEY)})")
    for spec in FIELDS:
        value = record.data.get(spec.key)
        if _is_empty(value):
            if spec.required:
                report(spec.key, "ontbreekt of is leeg (dit veld is verplicht; zie data/sjabloon-voorbeeld.yml)")
            continue
        for key, message in _check_field(spec, value, catalog):
            report(key, message)
    for key, message in _check_combinations(record):
        report(key, message)
    for key, message in _check_staleness(record):
        report(key, message, warning=True)
    if isinstance(note := record.get("controle"), str) and note.strip():
        report(
            "controle", f"{note.strip()} (lees de bron opnieuw, zet de datum van vandaag en haal dit veld weg)", True
        )
    return found


def _is_empty(value: object) -> bool:
    return value is None or (isinstance(value, (str, list, dict)) and not value)


def _check_field(spec: Field, value: object, catalog: Catalog) -> Iterator[tuple[str, str]]:
    """Dispatch on the field's kind; yields (field path, message)."""
    if spec.kind in {"text", "markdown"}:
        yield from _check_text(spec.key, value, spec.max_length, markdown=spec.kind == "markdown")
        if spec.key == "samenvatting" and isinstance(value, str) and _sentences(value) > 3:
            yield spec.key, f"heeft {_sentences(value)} zinnen (toegestaan: 1 tot 3 zinnen)"
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


def _check_text(key: str, value: object, max_length: int, markdown: bool = False) -> Iterator[tuple[str, str]]:
    if not isinstance(value, str):
        yield key, f"moet tekst zijn, niet {_kind(value)} (zet de waarde tussen aanhalingstekens)"
        return
    if max_length and len(value) > max_length:
        yield key, f"is te lang: {len(value):,} tekens (toegestaan: hooguit {max_length:,})"
        return
    if match := HTML_TAG.search(value):
        yield (
            key,
            f"bevat HTML-code ('{_snippet(value, match.start())}') (toegestaan: gewone tekst"
            + (" en Markdown" if markdown else "")
            + ", zonder HTML)",
        )
    elif match := EVENT_ATTRIBUTE.search(value):
        yield key, f"bevat een HTML-attribuut ('{_snippet(value, match.start())}') (toegestaan: gewone tekst)"
    elif match := BAD_SCHEME.search(value):
        yield (
            key,
            f"bevat een onveilige link ('{_snippet(value, match.start())}')"
            " (toegestaan: links die beginnen met https://)",
        )
    elif CONTROL.search(value):
        yield key, "bevat een onzichtbaar stuurteken (toegestaan: gewone tekst; typ de tekst opnieuw)"
    elif markdown and "![" in value:
        yield key, "bevat een afbeelding (toegestaan: tekst en links; afbeeldingen van andere sites laden we niet)"
    elif markdown:
        for target in MARKDOWN_LINK.findall(value):
            if not target.startswith(("https://", "http://", "mailto:")):
                yield key, f"link '{target}' is geen webadres (toegestaan: links die beginnen met https://)"


def _check_slug(key: str, value: object, vocab_name: str, catalog: Catalog) -> Iterator[tuple[str, str]]:
    terms = catalog.vocab.by_name(vocab_name)
    if not isinstance(value, str) or value not in terms:
        source = "data/factoren.yml" if vocab_name == "factoren" else f"data/lijsten.yml ({vocab_name})"
        yield key, f"{_show(value)} is geen bekende waarde (toegestaan: {', '.join(terms)}; zie {source})"


def _check_slug_list(key: str, value: object, vocab_name: str, catalog: Catalog) -> Iterator[tuple[str, str]]:
    if not isinstance(value, list):
        yield (
            key,
            f"moet een lijst zijn, niet {_kind(value)} (schrijf elke waarde op een eigen regel met '- ')",
        )
        return
    seen: set[object] = set()
    for index, item in enumerate(value):
        yield from _check_slug(f"{key}[{index}]", item, vocab_name, catalog)
        if isinstance(item, str) and item in seen:
            yield f"{key}[{index}]", f"'{item}' staat twee keer in de lijst (laat er één staan)"
        if isinstance(item, str):
            seen.add(item)


def _check_year(key: str, value: object) -> Iterator[tuple[str, str]]:
    if not isinstance(value, int) or isinstance(value, bool):
        yield key, f"moet een jaartal zijn, niet {_kind(value)} (bijvoorbeeld 2019, of leeg laten)"
    elif not 1900 <= value <= today().year:
        yield key, f"{value} is geen geldig jaartal (toegestaan: 1900 tot en met {today().year})"


def _check_date(key: str, value: object) -> Iterator[tuple[str, str]]:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        yield key, f"{_show(value)} is geen datum (schrijf JJJJ-MM-DD, bijvoorbeeld 2026-11-27)"
    elif value > today():
        yield key, f"{value.isoformat()} ligt in de toekomst (toegestaan: vandaag of eerder)"


def _check_objects(spec: Field, value: object, catalog: Catalog) -> Iterator[tuple[str, str]]:
    """Organisations, lessons, sources: a list of small groups of fields."""
    if not isinstance(value, list):
        yield spec.key, f"moet een lijst zijn, niet {_kind(value)} (zie data/sjabloon-voorbeeld.yml)"
        return
    for index, item in enumerate(value):
        yield from _check_group(spec, f"{spec.key}[{index}]", item, catalog)


def _check_group(spec: Field, where: str, item: object, catalog: Catalog) -> Iterator[tuple[str, str]]:
    """One group of fields (an organisation, a lesson, the contact ...) against its ``subs``."""
    names = SUB_FIELDS[spec.key]
    if not isinstance(item, dict):
        yield where, f"moet velden {' en '.join(names)} hebben (zie data/sjabloon-voorbeeld.yml)"
        return
    for extra in set(item) - set(names):
        yield f"{where}.{extra}", f"onbekend veld (toegestaan: {', '.join(names)})"
    for sub in spec.subs:
        value = item.get(sub.key)
        if _is_empty(value):
            if sub.required:
                yield f"{where}.{sub.key}", "ontbreekt of is leeg (dit veld is verplicht)"
        else:
            yield from _check_sub(sub, f"{where}.{sub.key}", value, catalog)


def _check_sub(sub: Sub, key: str, value: object, catalog: Catalog) -> Iterator[tuple[str, str]]:
    if sub.kind == "slug":
        yield from _check_slug(key, value, sub.vocab, catalog)
    elif sub.kind == "url":
        yield from _check_url(key, value, sub.max_length)
    else:
        yield from _check_text(key, value, sub.max_length)


def _check_url(key: str, value: object, max_length: int) -> Iterator[tuple[str, str]]:
    text = value if isinstance(value, str) else ""
    parts = urlsplit(text)
    if not isinstance(value, str) or parts.scheme != "https" or "." not in parts.netloc or re.search(r"\s", text):
        yield (
            key,
            f"{_show(value)} is geen geldig webadres (toegestaan: een volledig adres dat begint met https://)",
        )
    elif len(text) > max_length:
        yield key, f"is te lang: {len(text)} tekens (toegestaan: hooguit {max_length})"


def _check_combinations(record: Record) -> Iterator[tuple[str, str]]:
    """Rules between fields: a result where one is claimed, the clause of an agreement, an end after the start."""
    kind, status, result = record.get("soort_voorbeeld"), record.get("status"), record.get("resultaat_soort")
    has_results = not _is_empty(record.get("resultaten"))
    if result == "geen-resultaat-bekend" and has_results:
        yield (
            "resultaat_soort",
            "is geen-resultaat-bekend, maar resultaten is ingevuld (kies de soort resultaat die de bron geeft)",
        )
    elif isinstance(result, str) and result != "geen-resultaat-bekend" and not has_results:
        yield (
            "resultaten",
            f"ontbreekt (bij resultaat_soort '{result}' hoort het resultaat uit de bron;"
            " of kies geen-resultaat-bekend)",
        )
    has_clause = not _is_empty(record.get("afspraak"))
    if kind == "afspraak" and not has_clause:
        yield "afspraak", "ontbreekt (bij soort_voorbeeld 'afspraak' hoort wat de partners afspraken)"
    elif has_clause and kind != "afspraak":
        yield "afspraak", "hoort alleen bij soort_voorbeeld 'afspraak' (haal het weg of kies soort_voorbeeld: afspraak)"
    end, start = record.get("eindjaar"), record.get("startjaar")
    if isinstance(end, int) and status not in {"afgerond", "gestopt"}:
        yield (
            "eindjaar",
            f"hoort bij status afgerond of gestopt, niet bij '{status}' (haal het eindjaar weg of pas de status aan)",
        )
    elif isinstance(end, int) and isinstance(start, int) and end < start:
        yield "eindjaar", f"{end} ligt voor het startjaar {start} (toegestaan: het startjaar of later)"


def _check_staleness(record: Record) -> Iterator[tuple[str, str]]:
    checked = record.get("laatst_gecontroleerd")
    if isinstance(checked, dt.date) and not isinstance(checked, dt.datetime):
        age = (today() - checked).days
        if age > STALE_AFTER_DAYS:
            yield (
                "laatst_gecontroleerd",
                f"is {age // 365} jaar geleden gecontroleerd (controleer de bronnen en zet de datum van vandaag)",
            )


# --- Across records --------------------------------------------------------------


def check_unique_ids(catalog: Catalog) -> list[Problem]:
    """Two files with the same id (e.g. x.yml and x.yaml) would share one URL."""
    by_id: dict[str, list[Record]] = defaultdict(list)
    for record in catalog.records:
        by_id[record.id].append(record)
    problems = []
    for record_id, same in by_id.items():
        if len(same) > 1:
            others = ", ".join(r.path.name for r in same)
            for record in same:
                problems.append(
                    Problem(
                        display_path(record.path, catalog.data_dir),
                        1,
                        "(bestandsnaam)",
                        f"id '{record_id}' komt vaker voor: {others} (geef elk voorbeeld een eigen naam)",
                    )
                )
    return problems


def check_duplicate_sources(catalog: Catalog) -> list[Problem]:
    """The same source URL in several records is often a copy-paste slip: a warning."""
    by_url: dict[str, list[tuple[Record, int]]] = defaultdict(list)
    for record in catalog.records:
        for index, source in enumerate(record.get("bronnen") or []):
            if isinstance(source, dict) and isinstance(source.get("url"), str):
                by_url[source["url"].rstrip("/")].append((record, index))
    problems = []
    for _url, uses in by_url.items():
        if len({r.id for r, _ in uses}) > 1:
            names = ", ".join(sorted({r.id for r, _ in uses}))
            for record, index in uses:
                key = f"bronnen[{index}].url"
                problems.append(
                    Problem(
                        display_path(record.path, catalog.data_dir),
                        record.line(key),
                        key,
                        f"dezelfde bron staat ook bij: {names} (klopt dat?)",
                        warning=True,
                    )
                )
    return problems


def check_factors_used(catalog: Catalog) -> list[Problem]:
    """A factor chapter without examples is worth knowing about, not worth failing for."""
    used = {f for record in catalog.records for f in record.factors}
    return [
        Problem("data/factoren.yml", 1, slug, "geen enkel voorbeeld hoort bij deze factor", warning=True)
        for slug in catalog.vocab.factoren
        if slug not in used and catalog.records
    ]


def check_factor_list(catalog: Catalog) -> list[Problem]:
    """The factor list drives chapters, cards and filters: an icon or colour typo must stop the build."""
    icons = Path(material.__file__).parent / "templates" / ".icons"
    problems = []
    for slug, factor in catalog.vocab.factoren.items():
        if not (icons / f"{factor.icoon}.svg").is_file():
            problems.append(
                Problem(
                    "data/factoren.yml",
                    1,
                    f"{slug}.icoon",
                    f"'{factor.icoon}' is geen Material-icoon (bijvoorbeeld material/home-heart)",
                )
            )
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", factor.kleur or ""):
            problems.append(
                Problem(
                    "data/factoren.yml",
                    1,
                    f"{slug}.kleur",
                    f"'{factor.kleur}' is geen kleur (schrijf #rrggbb, bijvoorbeeld \"#1f6b45\")",
                )
            )
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


def _show(value: object) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "...'"


def _snippet(text: str, start: int) -> str:
    return text[start : start + 20].replace("\n", " ")


def _sentences(text: str) -> int:
    return len([s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])", text.strip()) if s])
