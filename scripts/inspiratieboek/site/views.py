"""The typed view of one example in one language: what every reader of a record shows.

Why: the example page, the lists and cards, the search index, the open data's CSV
and the book all show the same things of an example (its title in the reader's
language, place and province, status, factors, organisations ...). Each used to
read them from the raw record, or from a dict of loose keys, and name lists,
fallbacks to Dutch and empty values were decided again in each place.
:func:`example_view` decides them once; the others read attributes, so a typo
is a type error (mypy) instead of an empty cell or a ``KeyError`` at build time.

A view is built from a validated :class:`Record` and the :class:`Catalog`'s
vocabularies and never changes (frozen). Long texts stay Markdown here
(``approach``, ``results``, ``agreement``): the page converts them to safe HTML,
the search index and the CSV use the words.

What still reads the raw record: the open data's JSON, which publishes the record
exactly as written (Dutch keys and slugs), and the filter values, which are slugs
read through ``FILTER_KINDS`` (:mod:`searchform`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from inspiratieboek.data.records import Catalog, Factor, Record, Term
from inspiratieboek.site.editions import prefix
from inspiratieboek.site.labels import label
from inspiratieboek.site.searchform import filter_values

EXAMPLES_FOLDER = "voorbeelden"
"""Where the example pages live in each edition: ``/voorbeelden/<id>/``."""


@dataclass(frozen=True)
class Text:
    """A piece of text with its language; ``lang`` differs from the page when untranslated."""

    value: str
    lang: str


@dataclass(frozen=True)
class Organisation:
    """An organisation as the facts block shows it; ``name`` is as written (Dutch)."""

    name: str
    kind: str
    role: str


@dataclass(frozen=True)
class Link:
    """A name with a web address: the contact, the recognition (level name), a source."""

    name: str
    url: str


@dataclass(frozen=True)
class Lesson:
    """A lesson in the page's language (Dutch when untranslated) and where it comes from."""

    text: Text
    origin: str
    origin_name: str


@dataclass(frozen=True)
class ExampleView:
    """Everything shown of one example in one language, already localized."""

    id: str
    lang: str
    title: Text
    summary: Text | None
    line: Text | None
    """The summary's first sentence: the one-line summary of lists."""
    place: str
    province: str
    factors: tuple[Factor, ...]
    """Known factors in the record's order; the first is the main factor."""
    organisations: tuple[Organisation, ...]
    groups: tuple[str, ...]
    themes: tuple[str, ...]
    kind: str
    status: str
    status_slug: str
    result_kind: str
    start_year: int | None
    end_year: int | None
    period: str
    costs: Text | None
    contact: Link | None
    recognition: Link | None
    lessons: tuple[Lesson, ...]
    sources: tuple[Link, ...]
    checked: dt.date | None
    check_note: str
    approach: Text | None
    results: Text | None
    agreement: Text | None
    filters: Mapping[str, tuple[str, ...]]
    """Slugs per filter, by URL parameter (``FILTER_KINDS``), for the search (read-only)."""
    source_file: str
    """The record in the repository, for the edit link: ``data/voorbeelden/<id>.yml``."""

    @property
    def main_factor(self) -> Factor | None:
        return self.factors[0] if self.factors else None

    @property
    def page(self) -> str:
        """The example's page relative to its edition's root: ``voorbeelden/<id>/``."""
        return f"{EXAMPLES_FOLDER}/{self.id}/"

    @property
    def url(self) -> str:
        """The page relative to the site root, with the edition's prefix: ``en/voorbeelden/<id>/``."""
        return f"{prefix(self.lang)}{self.page}"

    @property
    def where(self) -> str:
        """Place and province as one line: 'Testplaats, Utrecht'."""
        return ", ".join(p for p in (self.place, self.province) if p)

    @property
    def first_source(self) -> str:
        """The first source's address: lists print it under an example on paper."""
        return self.sources[0].url if self.sources else ""


# --- Building a view ---------------------------------------------------------------


def localized(record: Record, key: str, lang: str) -> Text | None:
    """The field in the page's language, else the Dutch text (marked as Dutch)."""
    if lang != "nl" and record.get(f"{key}_{lang}"):
        return Text(str(record.get(f"{key}_{lang}")), lang)
    if record.get(key):
        return Text(str(record.get(key)), "nl")
    return None


def example_view(record: Record, catalog: Catalog, lang: str) -> ExampleView:
    """The view of ``record`` in ``lang``: build it once and pass it on."""
    vocab = catalog.vocab
    summary = localized(record, "samenvatting", lang)
    return ExampleView(
        id=record.id,
        lang=lang,
        title=localized(record, "titel", lang) or Text(record.id, "nl"),
        summary=summary,
        line=_first_sentence(summary),
        place=str(record.get("plaats") or ""),
        province=_term(vocab.provincies, record.get("provincie"), lang),
        factors=tuple(vocab.factoren[f] for f in record.factors if f in vocab.factoren),
        organisations=tuple(
            Organisation(
                name=str(o.get("naam", "")),
                kind=_term(vocab.soorten, o.get("soort"), lang),
                role=_term(vocab.rollen, o.get("rol"), lang),
            )
            for o in _objects(record, "organisaties")
        ),
        groups=_names(vocab.doelgroepen, record.get("doelgroepen"), lang),
        themes=_names(vocab.themas, record.get("themas"), lang),
        kind=_term(vocab.soorten_voorbeeld, record.get("soort_voorbeeld"), lang),
        status=_term(vocab.statussen, record.get("status"), lang),
        status_slug=str(record.get("status") or ""),
        result_kind=_term(vocab.resultaatsoorten, record.get("resultaat_soort"), lang),
        start_year=_year(record.get("startjaar")),
        end_year=_year(record.get("eindjaar")),
        period=_period(record, lang),
        costs=localized(record, "kosten", lang),
        contact=_contact(record),
        recognition=_recognition(record, catalog, lang),
        lessons=_lessons(record, catalog, lang),
        sources=tuple(Link(str(s.get("titel") or ""), str(s.get("url") or "")) for s in _objects(record, "bronnen")),
        checked=_date(record.get("laatst_gecontroleerd")),
        check_note=str(record.get("controle") or ""),
        approach=localized(record, "aanpak", lang),
        results=localized(record, "resultaten", lang),
        agreement=localized(record, "afspraak", lang),
        filters=MappingProxyType({param: tuple(values) for param, values in filter_values(record).items()}),
        source_file=f"data/{EXAMPLES_FOLDER}/{record.path.name}",
    )


_built: dict[str, tuple[Catalog, Mapping[str, ExampleView]]] = {}
"""The views of the last catalog per language. One build's pages (before MkDocs
collects files), search index and open data (after the build) read the same
catalog object (``load_catalog`` returns the same one while data/ is unchanged),
so each view is built once per build; a new or copied catalog gets new views."""


def example_views(catalog: Catalog, lang: str) -> Mapping[str, ExampleView]:
    """Every example's view in ``lang``, by id, in the catalog's order (read-only, shared)."""
    cached = _built.get(lang)
    if cached and cached[0] is catalog and len(cached[1]) == len(catalog.records):
        return cached[1]
    views = MappingProxyType({record.id: example_view(record, catalog, lang) for record in catalog.records})
    _built[lang] = (catalog, views)
    return views


def _objects(record: Record, key: str) -> list[dict]:
    return [item for item in record.get(key) or [] if isinstance(item, dict)]


def _term(terms: Mapping[str, Term], slug: object, lang: str) -> str:
    """A vocabulary value's name in the page's language ('' when unknown or empty)."""
    return terms[slug].name(lang) if isinstance(slug, str) and slug in terms else ""


def _names(terms: Mapping[str, Term], slugs: object, lang: str) -> tuple[str, ...]:
    """The names of a list's known values, in the record's order."""
    values = slugs if isinstance(slugs, list) else []
    return tuple(terms[s].name(lang) for s in values if isinstance(s, str) and s in terms)


def _year(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _date(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def _first_sentence(text: Text | None) -> Text | None:
    """The summary's first sentence: the "one-line summary" of lists."""
    if not text:
        return None
    first = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])", " ".join(text.value.split()), maxsplit=1)[0]
    return Text(first, text.lang)


def _period(record: Record, lang: str) -> str:
    """'2019 - 2023', 'sinds 2019' or '' from the start and end years."""
    start, end = record.get("startjaar"), record.get("eindjaar")
    if start and end:
        return f"{start} – {end}"
    if start:
        return label(lang)["since"].format(start=start)
    return str(end or "")


def _contact(record: Record) -> Link | None:
    found = record.get("contact")
    if not isinstance(found, dict):
        return None
    return Link(str(found.get("naam") or ""), str(found.get("url") or ""))


def _recognition(record: Record, catalog: Catalog, lang: str) -> Link | None:
    """Loket Gezond Leven's level by name, with the address of the recognition."""
    found = record.get("erkenning")
    if not isinstance(found, dict) or not found.get("url"):
        return None
    return Link(_term(catalog.vocab.erkenningsniveaus, found.get("niveau"), lang), str(found["url"]))


def _lessons(record: Record, catalog: Catalog, lang: str) -> tuple[Lesson, ...]:
    """Each lesson in the page's language, with where it comes from (the source or the editors)."""
    lessons = []
    for item in _objects(record, "lessen"):
        if not item.get("tekst"):
            continue
        translated = lang != "nl" and item.get(f"tekst_{lang}")
        text = Text(str(item[f"tekst_{lang}"]), lang) if translated else Text(str(item["tekst"]), "nl")
        origin = item.get("herkomst")
        origin_slug = origin if isinstance(origin, str) else ""
        lessons.append(Lesson(text, origin_slug, _term(catalog.vocab.herkomsten, origin, lang)))
    return tuple(lessons)
