"""The glossary (Begrippen): one list of terms in ``data/begrippen.yml``, used twice.

1. The page Begrippen: the marker ``<!-- begrippen -->`` becomes a definition list
   of every term with its meaning, in the page's language.
2. Every other page: abbreviation lines (``*[term]: meaning``) are appended to its
   Markdown, so Python-Markdown's ``abbr`` extension wraps the terms in
   ``<abbr title="meaning">``. Then only the *first use* in running text keeps its
   ``<abbr>``; it gets ``tabindex="0"`` so keyboard users can reach it.

Why this way: the meaning shows on hover and on focus through Material's own
``content.tooltips`` feature, and without JavaScript the browser still shows the
``title`` on hover. We write no JavaScript. Why Python and not
``pymdownx.snippets`` with ``auto_append``: mkdocs-static-i18n builds both
languages with one configuration, so a snippet file cannot differ per language;
the page language is known here. Why only the first use: a dotted line under
every "corporatie" on a page would be noise, and every ``<abbr>`` is a Tab stop.
Terms in headings, links, buttons and summaries stay plain: a tooltip there
would sit inside another control or in the page title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

from inspiratieboek.data.messages import Said, say
from inspiratieboek.data.records import Problem, display_path, format_problems, problem, read_yaml
from inspiratieboek.data.urls import check_url
from inspiratieboek.data.validate import errors
from inspiratieboek.site.editions import languages

GLOSSARY_MARKER = "<!-- begrippen -->"
_ABBR = re.compile(r'<abbr title="([^"]*)">(.*?)</abbr>', re.S)
_PLAIN_ZONES = re.compile(
    r"<(h[1-6]|a|button|summary|label|abbr)\b[^>]*>.*?</\1>",
    re.S,
)
"""Elements in which a term stays plain text (``abbr`` itself is handled apart)."""
_HEADINGS = {"nl": ("Begrip", "Bronnen van deze pagina"), "en": ("Term", "Sources for this page")}


@dataclass(frozen=True)
class Term:
    """One glossary entry: per language the name, the words that get the tooltip, the meaning."""

    id: str
    name: dict[str, str]
    forms: dict[str, tuple[str, ...]]
    meaning: dict[str, str]
    source: tuple[str, str] | None = None


class GlossaryError(ValueError):
    """``data/begrippen.yml`` has mistakes; carries each as a located Problem."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(format_problems(problems))


def load_terms(path: Path) -> tuple[Term, ...]:
    """Read and check the glossary; every problem is listed in one error, as file:line: field: message."""
    terms, problems = _read_terms(path)
    if errors(problems):
        raise GlossaryError(problems)
    return terms


def glossary_problems(path: Path) -> list[Problem]:
    """The problems of the glossary file, for ``manage.py check`` and the build's first step."""
    return _read_terms(path)[1] if path.exists() else []


def _read_terms(path: Path) -> tuple[tuple[Term, ...], list[Problem]]:
    raw, lines, problems = read_yaml(path, path.parent)
    shown = display_path(path, path.parent)
    if problems:
        return (), problems
    if raw is not None and not isinstance(raw, list):
        return (), [problem(shown, 1, "(bestand)", say("glossary.shape"))]
    terms: list[Term] = []
    first: dict[str, int] = {}
    for index, entry in enumerate(raw or []):
        line = lines.get(f"[{index}]", 1)
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not entry["id"].strip():
            problems.append(problem(shown, line, f"[{index}].id", say("sub.missing")))
            continue
        term_id = entry["id"]

        def report(key: str, said: Said, line: int = line, index: int = index, term_id: str = term_id) -> None:
            parts = key.split(".")
            # The field's own line, else its parent's (a missing en.uitleg is reported at en:).
            found = [lines[k] for n in range(len(parts), 0, -1) if (k := f"[{index}]." + ".".join(parts[:n])) in lines]
            problems.append(problem(shown, found[0] if found else line, f"{term_id}.{key}", said))

        if term_id in first:
            report("id", say("glossary.duplicate_id", id=term_id, line=first[term_id]))
        first.setdefault(term_id, line)
        name, forms, meaning = {}, {}, {}
        for lang in languages():
            given = entry.get(lang)
            part: dict = given if isinstance(given, dict) else {}
            if entry.get(lang) is not None and not isinstance(entry.get(lang), dict):
                report(lang, say("glossary.not_group", names="term, vormen en uitleg"))
            for field in ("term", "vormen", "uitleg") if part or entry.get(lang) is None else ():
                value = part.get(field)
                if not value:
                    report(f"{lang}.{field}", say("sub.missing"))
                elif field == "vormen" and not (isinstance(value, list) and all(isinstance(f, str) for f in value)):
                    report(f"{lang}.{field}", say("list.not_list", kind=_kind(value)))
                elif field != "vormen" and not isinstance(value, str):
                    report(f"{lang}.{field}", say("text.not_text", kind=_kind(value)))
            name[lang] = str(part.get("term") or "")
            forms[lang] = tuple(str(f) for f in part.get("vormen") or () if isinstance(part.get("vormen"), list))
            meaning[lang] = " ".join(str(part.get("uitleg") or "").split())
        source = entry.get("bron")
        if source is not None and not (isinstance(source, dict) and {"titel", "url"} <= set(source)):
            report("bron", say("glossary.not_group", names="titel en url"))
            source = None
        elif source is not None and (wrong := check_url(source.get("url"))):
            report("bron.url", wrong)
            source = None
        terms.append(Term(term_id, name, forms, meaning, (str(source["titel"]), source["url"]) if source else None))
    return tuple(terms), problems


def _kind(value: object) -> str:
    return "tekst" if isinstance(value, str) else "een lijst" if isinstance(value, list) else type(value).__name__


_cache: dict[Path, tuple[float, tuple[Term, ...]]] = {}


def terms_at(path: Path) -> tuple[Term, ...]:
    """``load_terms``, read again only when the file changed (``mkdocs serve`` edits)."""
    stamp = path.stat().st_mtime
    cached = _cache.get(path)
    if cached is None or cached[0] != stamp:
        _cache[path] = (stamp, load_terms(path))
    return _cache[path][1]


# --- Markdown ------------------------------------------------------------------------


def render_glossary(terms: tuple[Term, ...], lang: str) -> str:
    """The definition list of the page Begrippen, alphabetical, plus its sources."""
    lines: list[str] = []
    for term in sorted(terms, key=lambda t: t.name[lang].lower()):
        lines += [f'<dt id="{term.id}">{escape(term.name[lang])}</dt>', f"<dd>{escape(term.meaning[lang])}</dd>"]
    sources = sorted({t.source for t in terms if t.source})
    out = ['<dl class="ib-begrippen">', *lines, "</dl>", "", f"## {_HEADINGS[lang][1]}", ""]
    out += [f"- [{title}]({url})" for title, url in sources]
    return "\n".join(out) + "\n"


def abbreviation_lines(terms: tuple[Term, ...], lang: str, text: str | None = None) -> str:
    """``*[form]: meaning`` for every form of every term (the ``abbr`` extension's syntax).

    With ``text``, only the forms that occur in it, each definition a block of its own:
    Python-Markdown's abbr block parser takes the definitions of one block off one at a
    time and tests the rest again with every block processor, which made a page with
    the whole glossary ten times slower to convert (2 ms without, 22 ms with it; issue
    #18). A form that is not in the text cannot be marked anyway; the HTML is the same."""
    return "\n\n".join(
        f"*[{form}]: {term.meaning[lang]}"
        for term in terms
        for form in term.forms[lang]
        if text is None or form in text
    )


def prepare_markdown(markdown: str, lang: str, glossary: Path) -> str:
    """The Begrippen page gets its list; every other page gets the abbreviation lines.

    Without a glossary file (a test project with only some of ``data/``) nothing is added.
    """
    terms = terms_at(glossary) if glossary.exists() else ()
    if not terms:
        return markdown.replace(GLOSSARY_MARKER, "")
    if GLOSSARY_MARKER in markdown:
        return markdown.replace(GLOSSARY_MARKER, render_glossary(terms, lang))
    lines = abbreviation_lines(terms, lang, markdown)
    return f"{markdown.rstrip()}\n\n{lines}\n" if lines else markdown


# --- HTML ----------------------------------------------------------------------------


def first_use_only(html: str) -> str:
    """Keep one ``<abbr>`` per meaning: the first in running text, reachable by Tab.

    Terms inside headings, links, buttons, labels and summaries become plain text
    and do not count as the first use.
    """
    if "<abbr" not in html:
        return html
    seen: set[str] = set()
    out: list[str] = []
    position = 0
    for zone in _PLAIN_ZONES.finditer(html):
        out.append(_mark_first(html[position : zone.start()], seen))
        out.append(_plain(zone.group(0)) if zone.group(1) != "abbr" else _mark_first(zone.group(0), seen))
        position = zone.end()
    out.append(_mark_first(html[position:], seen))
    return "".join(out)


def _plain(fragment: str) -> str:
    return _ABBR.sub(lambda m: m.group(2), fragment)


def _mark_first(fragment: str, seen: set[str]) -> str:
    def one(match: re.Match[str]) -> str:
        title, text = match.group(1), match.group(2)
        if title in seen:
            return text
        seen.add(title)
        return f'<abbr title="{title}" tabindex="0">{text}</abbr>'

    return _ABBR.sub(one, fragment)
