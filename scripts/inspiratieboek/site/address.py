"""What the site says about its own public address (``site_url``, from SITE_URL).

Why a module: a new user builds without SITE_URL. The site then must not make up
an address (it used to print ``wonen-gezondheid.example.org`` on paper, in the
open data and in every canonical link). Without it, pages carry no canonical
link (MkDocs leaves it out), the print header names the address the page was
opened from (``ib-printen.js``), the open data give paths from the site's root,
and the sitemap, which must list absolute addresses, is not written at all.
"""

from __future__ import annotations

from pathlib import Path

SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")
MISSING = (
    "Let op: SITE_URL is niet gezet. De site noemt daarom geen webadres van zichzelf: geen canonical-links en"
    " geen sitemap.xml. Zet SITE_URL op het echte adres als je publiceert,"
    " bijvoorbeeld SITE_URL=https://jouw.host/pad/ (zie README, Publiceren)."
)
"""The one warning ``manage.py build`` prints without SITE_URL."""


def is_public(site_url: str | None) -> bool:
    """Is a real public address configured?"""
    return bool((site_url or "").strip())


def drop_sitemaps(site: Path, languages: list[str]) -> list[Path]:
    """Remove the sitemaps MkDocs and mkdocs-static-i18n wrote with relative addresses."""
    removed = []
    for folder in [site, *(site / lang for lang in languages)]:
        for name in SITEMAPS:
            path = folder / name
            if path.is_file():
                path.unlink()
                removed.append(path)
    return removed
