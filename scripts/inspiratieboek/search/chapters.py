"""The chapters as the search sees them: one entry per section (h2 or h3) of every
hand-written page, read from the built HTML.

Why from the built HTML and not from the Markdown: by then the markers are
replaced, links and abbreviations are resolved and the anchors (``id``) are the
ones the page really has, so a result always lands on its heading. The build
writes about two dozen chapters per language, so reading them back costs a few
milliseconds, whatever the number of examples.

What is left out of a section's text: the print and PDF buttons, the print-only
header, the heading's own link sign and the example lists of the factor chapters
(``ul.ib-lijst``): the examples have their own entries in the index, and a chapter
should not be found for the title of an example it happens to list.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

SKIPPED_FOLDERS = ("voorbeelden", "zoeken", "zoekindex", "pdf", "assets", "search")
"""Pages that are not chapters: the examples (indexed from data/), the results page
itself, and folders without pages."""
SKIPPED_CLASSES = frozenset({"ib-acties", "ib-alleen-print", "headerlink", "md-content__button", "ib-lijst"})
SKIPPED_TAGS = frozenset({"style", "script", "svg", "button"})
SECTION_TAGS = ("h2", "h3")
BLOCKS = frozenset({"p", "li", "td", "th", "dd", "dt", "h4", "h5", "h6", "div", "blockquote", "pre", "table"})
VOID = frozenset({"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed"})
SNIPPET_CHARS = 160
"""Characters of a section's text shown under its title in a result: about two lines."""


@dataclass
class Section:
    """One section of a chapter: where it is, its heading, the chapter's title and its text."""

    path: str
    anchor: str
    title: str
    chapter: str
    text: str = ""
    level: int = 2

    @property
    def url(self) -> str:
        """Address from the site root, with the heading's anchor (none for the chapter's start)."""
        return self.path + (f"#{self.anchor}" if self.anchor else "")

    def snippet(self) -> str:
        """The start of the text, cut at a word, for the result list."""
        text = " ".join(self.text.split())
        if len(text) <= SNIPPET_CHARS:
            return text
        return text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"


@dataclass
class _Reader(HTMLParser):
    """Collects the sections of one page's ``<article>``."""

    path: str
    sections: list[Section] = field(default_factory=list)
    _in_article: int = 0
    _skip_depth: int = 0
    _stack: list[tuple[str, bool]] = field(default_factory=list)
    _heading: tuple[str, str] | None = None
    _heading_text: list[str] = field(default_factory=list)
    _text: list[str] = field(default_factory=list)
    _chapter: str = ""

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "article" and "md-content__inner" in (values.get("class") or ""):
            self._in_article = 1
            return
        if not self._in_article or tag in VOID:
            return
        classes = set((values.get("class") or "").split())
        skip = bool(self._skip_depth) or tag in SKIPPED_TAGS or bool(classes & SKIPPED_CLASSES)
        self._stack.append((tag, skip))
        if skip:
            self._skip_depth += 1
            return
        if tag == "h1" or tag in SECTION_TAGS:
            self._close_section()
            self._heading = (tag, values.get("id") or "")
            self._heading_text = []
        elif tag in BLOCKS:
            self._text.append(" ")  # "schimmel.</p><h4>Klein" must not read "schimmel.Klein"

    def handle_endtag(self, tag: str) -> None:
        if not self._in_article:
            return
        if tag == "article":
            self._close_section()
            self._in_article = 0
            return
        if tag in VOID:
            return
        while self._stack:
            opened, skip = self._stack.pop()
            if skip:
                self._skip_depth -= 1
            if opened == tag:
                break
        if self._heading and tag == self._heading[0]:
            title = " ".join("".join(self._heading_text).split())
            level, anchor = self._heading
            if level == "h1":
                self._chapter = title
                self.sections.append(Section(self.path, "", title, title, level=1))
            else:
                self.sections.append(Section(self.path, anchor, title, self._chapter, level=int(level[1])))
            self._heading = None
            self._text = []

    def handle_data(self, data: str) -> None:
        if not self._in_article or self._skip_depth:
            return
        (self._heading_text if self._heading else self._text).append(data)

    def _close_section(self) -> None:
        if self.sections and self._text:
            self.sections[-1].text += " ".join("".join(self._text).split())
        self._text = []


def page_sections(html: str, path: str) -> list[Section]:
    """The sections of one built page (``path``: its address from the site root, e.g.
    ``en/factoren/zorg/``). The text before the first h2 belongs to the chapter's
    own entry (no anchor)."""
    return list(_parsed_sections(html, path))


@functools.lru_cache(maxsize=256)
def _parsed_sections(html: str, path: str) -> tuple[Section, ...]:
    """Parsed once per page text: the preview rebuilds the site on every save, and
    parsing the chapters' HTML again was a tenth of that rebuild. Callers only read
    the sections."""
    reader = _Reader(path)
    reader.feed(html)
    reader.close()
    return tuple(s for s in reader.sections if s.title)


def chapter_pages(site_dir: Path, lang: str, languages: list[str], default: str) -> list[tuple[str, Path]]:
    """(address from the site root, HTML file) of every chapter of one language, in path order."""
    root = site_dir if lang == default else site_dir / lang
    prefix = "" if lang == default else f"{lang}/"
    found = []
    for html_file in sorted(root.rglob("index.html")):
        relative = html_file.parent.relative_to(root).as_posix()
        first = relative.split("/", 1)[0]
        if first in SKIPPED_FOLDERS or (lang == default and first in languages):
            continue  # not a chapter, or another language's folder
        found.append((prefix + ("" if relative == "." else relative + "/"), html_file))
    return found


def sections(site_dir: Path, lang: str, languages: list[str], default: str) -> list[Section]:
    """Every section of every chapter of one language, chapter by chapter."""
    result: list[Section] = []
    for path, html_file in chapter_pages(site_dir, lang, languages, default):
        result += page_sections(html_file.read_text(encoding="utf-8"), path)
    return result
