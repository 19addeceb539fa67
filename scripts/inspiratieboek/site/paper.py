"""What a page shows on paper, and which PDF it offers for download.

Why a module: the print header (book, page address, date), the running footer
and the "Download als PDF" link are page facts (title, address, language, build
date, does a PDF exist) computed here, so ``overrides/partials/ib-acties.html``
stays a thin template. ``scripts/pdf.py`` builds the PDFs into ``docs/pdf/``
(git-ignored); a page links to its PDF only when that file exists, so the site
builds and works without them, and the next normal build publishes them.

File names follow mkdocs-static-i18n's suffix structure: ``docs/pdf/<stem>.pdf``
is published at ``/pdf/<stem>.pdf`` and ``docs/pdf/<stem>.en.pdf`` at
``/en/pdf/<stem>.pdf``. ``<stem>`` is the page URL with ``/`` as ``-``
(``factoren/werk/`` -> ``factoren-werk``); the whole book is ``boek``.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markdown.extensions.toc import slugify
from mkdocs.utils import get_build_datetime, get_relative_url

from inspiratieboek.site.editions import Edition
from inspiratieboek.site.labels import label

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

PDF_FOLDER = "pdf"
BOOK_STEM = "boek"
BOOK_LINK_URLS = frozenset({"", "printen/"})
"""Pages that offer the whole book: the home page and the page about printing."""

# fmt: off
MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni",
           "juli", "augustus", "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June",
           "July", "August", "September", "October", "November", "December"),
}
# fmt: on


def pdf_stem(url: str) -> str:
    """File name (without .pdf) of a page's PDF: its URL with ``/`` as ``-``."""
    return url.strip("/").replace("/", "-") or "index"


def pdf_source(docs_dir: Path, stem: str, edition: Edition) -> Path:
    """Where the PDF of ``stem`` in an edition lives under docs/ (suffix structure)."""
    return Path(docs_dir) / PDF_FOLDER / f"{stem}{edition.suffix}.pdf"


def format_date(day: dt.date, lang: str) -> str:
    """A date as readers write it: '27 november 2026' / '27 November 2026'."""
    months = MONTHS.get(lang, MONTHS["nl"])
    return f"{day.day} {months[day.month - 1]} {day.year}"


def format_size(size: int, lang: str) -> str:
    """File size for a download link: '245 kB', '1,4 MB' (Dutch decimal comma)."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} kB"
    text = f"{size / 1_000_000:.1f} MB"
    return text.replace(".", ",") if lang == "nl" else text


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string that is safe inside a ``<style>`` element.

    Page titles end up in ``@page`` margin boxes (the running footer), which only
    take CSS strings. Backslash, quotes and line breaks get CSS escapes, and ``<``
    is escaped so a title can never close the ``<style>`` element.
    """
    escaped = (
        " ".join(text.split())
        .replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("<", "\\3C ")
        .replace(">", "\\3E ")
        .replace("&", "\\26 ")
    )
    return f'"{escaped}"'


def download_name(title: str) -> str:
    """Name a downloaded PDF gets: its title as a slug, e.g. 'bronnen.pdf'."""
    return str(slugify(title, "-")) + ".pdf"


def _download(docs_dir: Path, stem: str, page_url: str, title: str, edition: Edition) -> dict | None:
    """Link data for a built PDF, relative to the page; None when it was not built."""
    path = pdf_source(docs_dir, stem, edition)
    if not path.is_file():
        return None
    return {
        "url": get_relative_url(f"{edition.prefix}{PDF_FOLDER}/{stem}.pdf", page_url),
        "filename": download_name(title),
        "size": format_size(path.stat().st_size, edition.lang),
    }


def print_context(page: Page, config: MkDocsConfig, lang: str, default_lang: str) -> dict[str, Any]:
    """Everything ib-acties.html shows: labels, print header, footer CSS and PDF links.

    ``lang`` is the edition being built (its labels, its PDFs), also on a page
    whose text is still the Dutch fallback.
    """
    edition = Edition(lang, lang == default_lang)
    book = config.site_name
    title = page.title or book
    docs_dir = Path(config.docs_dir)
    url = edition.local(page.url)
    book_pdf = None
    if url in BOOK_LINK_URLS:
        book_pdf = _download(docs_dir, BOOK_STEM, page.url, book, edition)
    return {
        "labels": label(lang),
        "book": book,
        "title": title,
        "address": page.canonical_url or "",
        "date": format_date(get_build_datetime().date(), lang),
        "footer": css_string(f"{book} · {title}" if title != book else book),
        "pdf": _download(docs_dir, pdf_stem(url), page.url, title, edition),
        "book_pdf": book_pdf,
    }


PDF_ONLY = re.compile(r"<!--\s*alleen-met-pdf\s*-->\n?(.*?)<!--\s*einde-alleen-met-pdf\s*-->\n?", re.S)
"""A part of a chapter about downloading PDFs (docs/printen.md): shown only when they exist."""


def pdf_only(markdown: str, docs_dir: Path, lang: str, default_lang: str) -> str:
    """Keep the text between ``<!-- alleen-met-pdf -->`` and ``<!-- einde-alleen-met-pdf -->``
    only when this edition's book PDF was made; otherwise readers would read about
    download buttons that are not there."""
    if "alleen-met-pdf" not in markdown:
        return markdown
    made = pdf_source(docs_dir, BOOK_STEM, Edition(lang, lang == default_lang)).is_file()
    return PDF_ONLY.sub(lambda m: m.group(1) if made else "", markdown)
