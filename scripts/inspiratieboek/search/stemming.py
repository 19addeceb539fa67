"""Words and word stems for the example search, the same in Python and in the browser.

Why this module: a reader who types "schulden" must find an example that says
"schuld", and "huurachterstanden" one that says "huurachterstand". The index
(scripts/zoekindex.py) stores stems; the browser stems what the reader types
(overrides/assets/javascripts/ib-stam.js). Both sides must cut every word the
same way, or a search silently misses. So the rules live here, the JavaScript
mirrors them, and tests/test_stemming.py runs both over every word of the
collection and compares.

- Dutch: Snowball's classic Dutch stemmer (``dutch_porter`` in snowballstemmer
  3.x). The newer ``dutch`` algorithm of Snowball 3 was not chosen: it makes
  "schul" of "schulden" but keeps "schuld", and "zon" of "gezondheid".
- English: a light plural stemmer (S-stemmer, Harman 1991): "debts" finds "debt",
  "houses" finds "house". Full English stemming would need a second large stemmer
  in the browser for a collection that is written in Dutch first.

Text is folded before it is cut: lower case, accents off ("café" = "cafe"), so a
reader does not have to type them.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import snowballstemmer

WORD = re.compile(r"[^\W_]+")
"""A word: letters and digits (any script). Everything else separates words."""
MIN_WORD = 2
"""Shorter words are left out of the index: single letters (the "s" of "buddy's")
match nearly every example and say nothing."""

_DUTCH = snowballstemmer.stemmer("dutch_porter")


class _FoldTable(dict[int, str]):
    """``str.translate`` table: each character without its accents, worked out on first use.

    Per character it gives what decomposing the whole text (NFD) and dropping the
    marks gives (a mark only ever belongs to the letters before it, and it is
    dropped anyway), at a fraction of the time: folding the records' text
    character by character was a tenth of a preview rebuild."""

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFD", chr(code))
        folded = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lower case without accents: the form words are compared in."""
    if text.isascii():  # most text: nothing to take off, and ten times faster
        return text.lower()
    return text.lower().translate(_FOLD)


def words(text: str) -> list[str]:
    """The folded words of a text that count for search, in order."""
    return list(_words(text))


@functools.lru_cache(maxsize=20_000)
def _words(text: str) -> tuple[str, ...]:
    """Cached per text, like ``_stems``."""
    return tuple(w for w in WORD.findall(fold(text)) if len(w) >= MIN_WORD)


@functools.lru_cache(maxsize=200_000)
def stem(word: str, lang: str) -> str:
    """The stem of one folded word. Cached: a collection repeats its words a lot."""
    if lang == "nl":
        return str(_DUTCH.stemWord(word))
    return english_stem(word)


def english_stem(word: str) -> str:
    """Harman's S-stemmer: plural endings off, nothing else."""
    if len(word) > 3 and word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if len(word) > 2 and word.endswith("s") and not word.endswith(("us", "ss")):
        return word[:-1]
    return word


def stems(text: str, lang: str) -> list[str]:
    """The stems of every word of a text, in order (repeats kept)."""
    return list(_stems(text, lang))


@functools.lru_cache(maxsize=20_000)
def _stems(text: str, lang: str) -> tuple[str, ...]:
    """Cached per text: the preview builds the index again on every save, from texts
    that mostly did not change (half the index's time in a preview rebuild)."""
    return tuple(stem(w, lang) for w in _words(text))
