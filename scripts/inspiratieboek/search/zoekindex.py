"""The book's search index: examples (from data/) and chapter sections (from the
built pages), one index per language, in small files.

Why our own index and not Pagefind (used until November 2026): the overview must
show results within 100 ms of a keystroke, also with 5,000 examples. Pagefind's
cost grows with the number of matching pages (every result's text is a separate
download before its title can be shown), and measured at 5,000 examples it took a
median 334 ms. This index is built from the records themselves (no HTML parsing),
so it costs a fraction of a second at build time, and the browser
(overrides/assets/javascripts/ib-zoekindex.js) answers a keystroke with arithmetic
on data it already holds.

The same engine serves the header search box on every page, the results page
``/zoeken/`` and the overview: chapters and examples are ranked with the same
Dutch stemming, compounds and typo handling (issue #16).

Format version 2 (``FORMAT_VERSION``). Files, per language, under
``zoekindex/<lang>/`` in the built site:

- ``index.json``: what the browser loads first. ``versie`` (the format version: raise
  ``FORMAT_VERSION`` here and in ib-zoekindex.js together whenever a file's shape
  changes; the browser refuses an index of another version and leaves the page as it
  is), ``taal`` (the language), ``aantal`` examples and ``hoofdstukken`` chapter
  sections, ``kaarten_per_bestand`` (cards per card file) and ``kaarten`` (the card
  files in order), ``termen`` (the term files with the first two letters of their
  first stem), ``volgorde`` (the orders file) and ``filters``: for each filter, by
  its URL parameter (``FILTER_KINDS`` in site/searchform.py), each value as a
  bitset (base64; bit *i* = example *i*). Entries are numbered examples first
  (0 .. aantal-1, in title order, so "sorted by title" costs nothing), then the
  sections (in chapter order); filters only ever hold examples.
- ``t-<hash>.json`` (terms): ``{"stammen": [...], "woorden": [...], "lijsten": [[...], ...]}``,
  stems in sorted order; ``woorden`` the most frequent word of each stem as
  written ("" when it is the stem itself), for "did you mean" suggestions; and the
  postings as one flat list per stem: entry number (as the gap from the previous
  one) and weight, repeated. A stem's file is found by its first two letters, so a
  typed prefix of three or more letters needs one file.
- ``k-<hash>.json`` (cards): ``CARDS_PER_FILE`` entries in a row. An example:
  ``[path from the site root, title, place, summary, title_lang, summary_lang]``
  (``*_lang`` is "" when the text is in the page's language, else its language).
  A section: ``[path#anchor, heading, chapter title, start of its text, "", ""]``.
- ``v-<hash>.json`` (orders, named by ``volgorde`` in index.json): for each sort
  other than relevance and title, the examples' numbers in that order
  (``{"nieuwste": [...], "plaats": [...]}``); fetched only when a reader sorts.

File names carry a hash of their content: a browser that still holds an older
``index.json`` never mixes it with newer term or card files.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import re
import shutil
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from inspiratieboek.data.records import Catalog
from inspiratieboek.data.synonyms import load_synonyms
from inspiratieboek.search import chapters
from inspiratieboek.search.chapters import Section
from inspiratieboek.search.stemming import stem, stems
from inspiratieboek.search.stemming import words as text_words
from inspiratieboek.site.editions_side_by_side import per_language
from inspiratieboek.site.views import ExampleView, example_views

INDEX_DIR = "zoekindex"
INDEX_FILE = "index.json"
FORMAT_VERSION = 2
"""The version of the files' shape (see above); ib-zoekindex.js checks it."""
CARDS_PER_FILE = 50
"""At 5,000 examples one card file is about 15 KiB: the first screen of results
needs a few of them, never all records (1.5 MiB)."""
TERM_FILE_BYTES = 24_000
"""Term files are filled up to about this size, in order of their stems' first two
letters; a two-letter group is never split, so a prefix needs one file."""
MAX_WEIGHT = 63

TITLE, FACTS, TEXT = 8, 3, 1
"""Weight of a word by where it stands: in the title it says most about the
example, in the summary and the facts block (place, organisations, themes) less,
in the long texts least. The browser multiplies by how rare the word is."""

log = logging.getLogger("mkdocs.plugins.ib")

LINK_TARGET = re.compile(r"\]\([^)]*\)|https?://\S+")
"""Addresses in Markdown text: "https", "www" and domain names are no search words."""


@dataclass(frozen=True)
class Document:
    """One entry as the search sees it, in one language: an example (with its view)
    or a chapter section (``view`` None, no filters)."""

    view: ExampleView | None
    card: list[str]
    filters: dict[str, list[str]]
    fields: list[tuple[int, str]]


def section_documents(sections: list[Section]) -> list[Document]:
    """The chapters' sections as index entries, in chapter order.

    The heading weighs like an example's title; the chapter's title like an
    example's facts, so "zorg" ranks the sections of the care chapter above a
    passing mention elsewhere."""
    return [
        Document(
            view=None,
            card=[s.url, s.title, s.chapter if s.chapter != s.title else "", s.snippet(), "", ""],
            filters={},
            fields=[(TITLE, s.title), (FACTS, s.chapter), (TEXT, s.text)],
        )
        for s in sections
    ]


def documents(catalog: Catalog, lang: str, folder: str = "") -> list[Document]:
    """Every example with its card and its weighted texts, in title order (the page's language).

    ``folder`` is where the language's pages are in the site ("" or "en/"): card
    paths are relative to the site root."""
    docs = [example_document(view, lang, folder) for view in example_views(catalog, lang).values()]
    docs.sort(key=lambda d: (d.card[1].casefold(), d.view.id if d.view else ""))
    return docs


def example_document(view: ExampleView, lang: str, folder: str = "") -> Document:
    """One example's card and weighted texts (its view, so the card shows what the page shows)."""
    facts = [view.place, view.province, *view.groups, *view.themes]
    facts += [f.name(lang) for f in view.factors]
    facts += [f"{o.name} {o.kind}" for o in view.organisations]
    texts = [LINK_TARGET.sub("]", t.value) for t in (view.approach, view.results, view.agreement) if t]
    texts += [lesson.text.value for lesson in view.lessons]
    sources = [source.name for source in view.sources]
    title, summary = view.title, view.summary
    return Document(
        view=view,
        card=[
            f"{folder}{view.page}",
            title.value,
            view.where,
            summary.value if summary else "",
            "" if title.lang == lang else title.lang,
            "" if not summary or summary.lang == lang else summary.lang,
        ],
        filters={param: list(values) for param, values in view.filters.items()},
        fields=[
            (TITLE, title.value),
            (FACTS, summary.value if summary else ""),
            (FACTS, " ".join(facts)),
            (TEXT, " ".join(texts + sources)),
        ],
    )


def display_words(docs: list[Document], lang: str) -> dict[str, str]:
    """Per stem: the word as readers most often see it written ("eenzaamheid" for
    "eenzam"), so a suggestion shows a real word, never a stem."""
    seen: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for doc in docs:
        for _, text in doc.fields:
            for word in text_words(text):
                seen[stem(word, lang)][word] += 1
    return {key: max(forms.items(), key=lambda item: (item[1], -len(item[0])))[0] for key, forms in seen.items()}


def postings(
    docs: list[Document], lang: str, synonyms: list[list[str]] | None = None
) -> dict[str, list[tuple[int, int]]]:
    """Per stem: (entry number, weight) for each entry that has it, in number order.

    Dutch glues words together: an example about "huurschulden" is also about
    "schulden", one about "thuiszorg" also about "zorg". So in Dutch a compound
    also counts, at half weight, for each word of the collection it ends with
    (:func:`compound_tails`). And an entry with one word of a synonym group
    (``data/synoniemen.yml``) counts, at half weight, for the others
    (:func:`add_synonyms`). The browser needs nothing for either.
    """
    per_doc: list[dict[str, int]] = []
    for doc in docs:
        weights: dict[str, int] = defaultdict(int)
        for weight, text in doc.fields:
            for word in stems(text, lang):
                weights[word] += weight
        per_doc.append(weights)
    tails = compound_tails({w for weights in per_doc for w in weights}) if lang == "nl" else {}
    groups = [[tuple(stems(term, lang)) for term in group] for group in synonyms or []]
    index: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for number, weights in enumerate(per_doc):
        combined = dict(weights)
        for word, weight in weights.items():
            for tail in tails.get(word, ()):
                combined[tail] = max(combined.get(tail, 0), max(1, weight // 2))
        add_synonyms(combined, weights, groups)
        for word, weight in combined.items():
            index[word].append((number, min(weight, MAX_WEIGHT)))
    return index


def add_synonyms(combined: dict[str, int], weights: dict[str, int], groups: list[list[tuple[str, ...]]]) -> None:
    """Give an entry that has one term of a synonym group the other terms too, at
    half the weight of the term it has: "huiskamer" makes it found by "buurtkamer",
    "older people" by "elderly" (a phrase counts when all its words are there)."""
    for group in groups:
        present = [min(weights[s] for s in term) for term in group if term and all(s in weights for s in term)]
        if not present:
            continue
        weight = max(1, max(present) // 2)
        for term in group:
            for word in term:
                combined[word] = max(combined.get(word, 0), weight)


COMPOUND_PART = 4
"""Letters each part of a compound needs at least. Shorter parts are mostly
prefixes ("ver", "be", "ont") that change the meaning, not words."""
NOT_A_HEAD = frozenset(
    {
        "samen",
        "voor",
        "onder",
        "over",
        "door",
        "tegen",
        "daar",
        "hier",
        "waar",
        "binnen",
        "buiten",
        "achter",
        "rond",
        "terecht",
        "terug",
        "vast",
        "vrij",
        "zich",
        "zelf",
        "recht",
        "zeven",
        "veer",
        "noord",
        "zuid",
        "oost",
        "west",
        "",
    }
)
"""Words that start Dutch verbs and adverbs rather than compounds: "samenwerken" is
no kind of "werken", "onderzoek" no kind of "zoek", "zeventien" no "tien"."""
LINKING = ("", "s", "e", "en")
"""Letters Dutch puts between the parts of a compound: huurachterstand-s-beleid."""


def compound_tails(vocabulary: set[str]) -> dict[str, list[str]]:
    """For each stem that is two words of the collection glued together: its last word.

    "huurschuld" -> ["schuld"], because "huur" and "schuld" both occur on their own
    somewhere. Both parts must be words the collection itself uses, so no
    dictionary is needed and chance endings ("ambassadeur" is no "deur") are left out.
    """
    tails: dict[str, list[str]] = {}
    for word in vocabulary:
        found = []
        for cut in range(COMPOUND_PART, len(word) - COMPOUND_PART + 1):
            head, tail = word[:cut], word[cut:]
            if head in NOT_A_HEAD:
                continue
            if tail in vocabulary and any(
                head.endswith(link) and stem(head[: len(head) - len(link)], "nl") in vocabulary
                for link in LINKING
                if len(head) - len(link) >= COMPOUND_PART
            ):
                found.append(tail)
        if found:
            tails[word] = found
    return tails


def encode_postings(entries: list[tuple[int, int]]) -> list[int]:
    """A stem's postings as a flat list: gap to the previous example number, weight."""
    flat: list[int] = []
    previous = 0
    for number, weight in entries:
        flat.extend((number - previous, weight))
        previous = number
    return flat


def bitset(numbers: list[int], size: int) -> str:
    """Examples as a base64 bitset: byte i // 8, bit i % 8 (least significant first)."""
    bits = bytearray((size + 7) // 8)
    for n in numbers:
        bits[n // 8] |= 1 << (n % 8)
    return base64.b64encode(bytes(bits)).decode("ascii")


SORTS = ("nieuwste", "plaats")
"""Sort orders besides relevance and title (``?sorteer=`` on the overview)."""


def sort_orders(examples: list[Document]) -> dict[str, list[int]]:
    """Example numbers newest first (start year, then title) and by place (then title).

    Examples are numbered in title order, so ties keep title order by number."""

    def year(number: int) -> int:
        view = examples[number].view
        return view.start_year or 0 if view else 0

    def place(number: int) -> str:
        view = examples[number].view
        return " ".join(view.place.split()).casefold() if view else ""

    numbers = range(len(examples))
    return {
        "nieuwste": sorted(numbers, key=lambda n: (-year(n), n)),
        "plaats": sorted(numbers, key=lambda n: (place(n) or "\uffff", n)),
    }


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _hashed(prefix: str, text: str) -> str:
    return f"{prefix}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:12]}.json"


def build(catalog: Catalog, lang: str, folder: str = "", sections: list[Section] | None = None) -> dict[str, str]:
    """Every file of one language's index: file name -> JSON text (``folder`` as in
    :func:`documents`; ``sections``: the language's chapter sections, from :mod:`chapters`)."""
    examples = documents(catalog, lang, folder)
    docs = examples + section_documents(sections or [])
    files: dict[str, str] = {}
    shown = display_words(docs, lang)
    synonyms = load_synonyms(catalog.data_dir)[0].get(lang, [])

    groups: dict[str, list[str]] = defaultdict(list)
    index = postings(docs, lang, synonyms)
    for word in sorted(index):
        groups[word[:2]].append(word)
    term_files: list[list[str]] = []
    pending: list[str] = []
    pending_bytes = 0
    for key in sorted(groups):
        words = groups[key]
        size = sum(len(w) + 4 * len(index[w]) for w in words)
        if pending and pending_bytes + size > TERM_FILE_BYTES:
            term_files.append(pending)
            pending, pending_bytes = [], 0
        pending.extend(words)
        pending_bytes += size
    if pending:
        term_files.append(pending)
    parts = []
    for words in term_files:
        forms = [shown.get(w, w) for w in words]
        text = _dump(
            {
                "stammen": words,
                "woorden": [form if form != w else "" for form, w in zip(forms, words, strict=True)],
                "lijsten": [encode_postings(index[w]) for w in words],
            }
        )
        name = _hashed("t", text)
        files[name] = text
        parts.append([words[0][:2], name])

    cards = []
    for start in range(0, len(docs), CARDS_PER_FILE):
        text = _dump([d.card for d in docs[start : start + CARDS_PER_FILE]])
        name = _hashed("k", text)
        files[name] = text
        cards.append(name)

    orders_text = _dump(sort_orders(examples))
    orders = _hashed("v", orders_text)
    files[orders] = orders_text

    by_value: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for number, doc in enumerate(examples):
        for param, values in doc.filters.items():
            for value in values:
                if value:
                    by_value[param][value].append(number)
    filters = {
        param: {value: bitset(numbers, len(examples)) for value, numbers in sorted(values.items())}
        for param, values in sorted(by_value.items())
    }
    files[INDEX_FILE] = _dump(
        {
            "versie": FORMAT_VERSION,
            "taal": lang,
            "aantal": len(examples),
            "hoofdstukken": len(docs) - len(examples),
            "kaarten_per_bestand": CARDS_PER_FILE,
            "kaarten": cards,
            "volgorde": orders,
            "termen": parts,
            "filters": filters,
        }
    )
    return files


def write(site_dir: Path, catalog: Catalog, languages: list[str], default: str) -> dict[str, int]:
    """Write each language's index under ``zoekindex/<lang>/``; returns bytes per language.

    The chapters are read from the pages already built in ``site_dir``
    (:func:`chapters.sections`), so this runs after the last language is built.

    The new index is written beside the old one and then swapped in, so a reader
    of ``mkdocs serve`` never loads half an index.
    """
    started = time.perf_counter()
    target = site_dir / INDEX_DIR
    fresh = site_dir / f".{INDEX_DIR}-{os.getpid()}"
    shutil.rmtree(fresh, ignore_errors=True)

    def write_language(lang: str) -> int:
        folder = fresh / lang
        folder.mkdir(parents=True)
        total = 0
        found = chapters.sections(site_dir, lang, languages, default)
        for name, text in build(catalog, lang, "" if lang == default else f"{lang}/", found).items():
            data = text.encode("utf-8")
            (folder / name).write_bytes(data)
            total += len(data)
        return total

    # Each language in its own process where ``mkdocs build`` may fork: about 1.2 s
    # on one core at 1,000 examples, after the editions were built side by side.
    sizes = per_language(languages, write_language)
    old = site_dir / f".{INDEX_DIR}-oud-{os.getpid()}"
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    log.info(
        "Zoeken: voorbeeldenindex (%s) in %.1f s",
        ", ".join(f"{lang} {size // 1024} KiB" for lang, size in sizes.items()),
        time.perf_counter() - started,
    )
    return sizes
