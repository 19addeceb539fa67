"""The synonym list of the search (``data/synoniemen.yml``): load and check it.

Why data and not code: which words mean the same to a reader ("ouderen",
"senioren", "65-plussers") is an editor's knowledge, and it grows with the
collection. Editors extend the file; the validator checks it like the other
vocabularies, with ``file:line: field: message`` for every problem, and the build
stops until it is right. The search index (search/zoekindex.py) uses the groups:
an example that says "huiskamer" is also found by "buurtkamer".

The file is optional: without it the search simply has no synonyms.
"""

from __future__ import annotations

from pathlib import Path

from inspiratieboek.data.messages import say
from inspiratieboek.data.records import Problem, display_path, problem, read_yaml

FILE = "synoniemen.yml"
LANGUAGES = ("nl", "en")
MAX_TERM = 60
"""A synonym is a word or a short phrase; a longer text is a mistake (a missing comma)."""

Synonyms = dict[str, list[list[str]]]
"""Per language, groups of words or phrases that mean the same for a reader."""


def load_synonyms(data_dir: Path) -> tuple[Synonyms, list[Problem]]:
    """Read and check ``data/synoniemen.yml``: the groups per language and every problem."""
    path = data_dir / FILE
    if not path.exists():
        return {lang: [] for lang in LANGUAGES}, []
    shown = display_path(path, data_dir)
    raw, lines, problems = read_yaml(path, data_dir)
    if problems:
        return {lang: [] for lang in LANGUAGES}, problems
    if not isinstance(raw, dict):
        return {lang: [] for lang in LANGUAGES}, [problem(shown, 1, "(bestand)", say("synonyms.shape"))]
    result: Synonyms = {}
    for key in raw:
        if key not in LANGUAGES:
            problems.append(
                problem(shown, lines.get(str(key), 1), str(key), say("synonyms.language", allowed=", ".join(LANGUAGES)))
            )
    for lang in LANGUAGES:
        groups, found = _check_language(raw.get(lang) or [], lang, shown, lines)
        result[lang] = groups
        problems += found
    return result, problems


def _check_language(
    groups: object, lang: str, shown: str, lines: dict[str, int]
) -> tuple[list[list[str]], list[Problem]]:
    """The groups of one language that are usable, and a problem for every one that is not."""
    if not isinstance(groups, list):
        return [], [problem(shown, lines.get(lang, 1), lang, say("synonyms.not_list"))]
    problems: list[Problem] = []
    kept: list[list[str]] = []
    first_seen: dict[str, str] = {}
    for number, group in enumerate(groups):
        field = f"{lang}[{number}]"
        line = lines.get(field, lines.get(lang, 1))
        if not isinstance(group, list) or len(group) < 2:
            problems.append(problem(shown, line, field, say("synonyms.group")))
            continue
        terms = []
        for index, term in enumerate(group):
            where = f"{field}[{index}]"
            text = " ".join(str(term).split()) if isinstance(term, str | int) else ""
            if not text or not any(c.isalnum() for c in text):
                problems.append(
                    problem(shown, lines.get(where, line), where, say("synonyms.not_word", term=repr(term)))
                )
            elif len(text) > MAX_TERM:
                problems.append(problem(shown, lines.get(where, line), where, say("synonyms.too_long", limit=MAX_TERM)))
            elif text.casefold() in first_seen:
                said = say("synonyms.twice", term=text, where=first_seen[text.casefold()])
                problems.append(problem(shown, lines.get(where, line), where, said))
            else:
                first_seen[text.casefold()] = field
                terms.append(text)
        if len(terms) >= 2:
            kept.append(terms)
    return kept, problems
