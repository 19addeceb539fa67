"""Repairs of the HTML that Material for MkDocs and mkdocs-static-i18n write: one named
function per repair, wired by ``scripts/hooks.py``.

Why one module, and why loud: each repair rewrites the theme's HTML with a pattern.
After an upgrade a pattern may stop matching, and a repair that silently does
nothing brings the old problem back unnoticed. So every fix raises
``ThemeFixError`` (a ``PluginError``: the build stops) with its own name when its
pattern is not in the page. Before changing or dropping a fix after an upgrade,
check its upstream issue below: if it is solved there, delete the fix and its row.

+----------------------+--------------------------------------------------+---------------------------------------+
| Fix                  | Upstream issue it works around                   | Why no template block or partial      |
+======================+==================================================+=======================================+
| page_language        | static-i18n builds an untranslated page under    | ``<html lang>`` is outside every      |
|                      | /en/ with Dutch text but ``lang="en"`` (WCAG     | block of Material's base.html         |
|                      | 3.1.1). None filed; seen with 1.3.1 (the         |                                       |
|                      | project's tooling notes, section 2).             |                                       |
+----------------------+--------------------------------------------------+---------------------------------------+
| drop_head_hreflang   | squidfunk/mkdocs-material #6582 (its log shows   | the same ``extra.alternate`` list     |
|                      | the 404s): the language selector fetches         | feeds the header's language menu,     |
|                      | ``sitemap.xml`` next to each head alternate, two | which must stay                       |
|                      | 404s per page view; the alternates are relative, |                                       |
|                      | too. The sitemap keeps them, absolute.           |                                       |
+----------------------+--------------------------------------------------+---------------------------------------+
| defer_theme_bundle   | none: Material's ``block scripts`` loads its     | overriding ``block scripts`` copies   |
|                      | bundle as a plain script, which Lighthouse       | the bundle's hashed file name, new    |
|                      | counts as holding up the first paint (mobile:    | in every Material release             |
|                      | about 0.4 s).                                    |                                       |
+----------------------+--------------------------------------------------+---------------------------------------+
| more_link_address    | not upstream: our lists' "all N examples" link   | the lists are written to docs/ before |
|                      | (``more`` in overrides/ib/macros.html) shows     | the build, when the page's public     |
|                      | only its text on paper; print CSS shows          | address is not known                  |
|                      | ``data-ib-adres`` after it.                      |                                       |
+----------------------+--------------------------------------------------+---------------------------------------+

The 404 page has one more repair, in ``hooks.py`` (``on_post_template`` and
``on_post_build``): static-i18n lets the last language built overwrite the root
``404.html`` (ultrabug/mkdocs-static-i18n #284), so each language's page is kept
and written back.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape, unescape
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError

HTML_LANG = re.compile(r'<html lang="[^"]*"')
HEAD_HREFLANG = re.compile(r'\n?[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
THEME_BUNDLE = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')
MORE_LINK = re.compile(r'<p class="ib-meer"><a href="([^"]+)"')
MORE_MARK = 'class="ib-meer"'
"""What shows that a page has an "all N examples" link at all."""


class ThemeFixError(PluginError):
    """A theme fix found nothing to repair: Material or static-i18n changed."""

    def __init__(self, fix: str, pattern: re.Pattern[str]) -> None:
        self.fix = fix
        super().__init__(
            f"theme fix {fix}: pattern {pattern.pattern!r} no longer matches the HTML; Material or"
            " mkdocs-static-i18n changed. Check the fix's upstream issue in"
            " scripts/inspiratieboek/site/theme_fixes.py and adapt or remove it."
        )


Replacement = str | Callable[[re.Match[str]], str]


def _apply(fix: str, pattern: re.Pattern[str], replace: Replacement, html: str, count: int = 0) -> str:
    """``html`` with ``pattern`` replaced (``count`` times, 0: all); ``ThemeFixError``
    naming ``fix`` when the pattern is not there."""
    repaired, found = pattern.subn(replace, html, count=count)
    if not found:
        raise ThemeFixError(fix, pattern)
    return repaired


def page_language(html: str, lang: str) -> str:
    """``<html lang>`` set to the page's own language (see the table above)."""
    return _apply("page_language", HTML_LANG, f'<html lang="{escape(lang)}"', html, count=1)


def drop_head_hreflang(html: str) -> str:
    """The head's relative ``hreflang`` alternates removed (the sitemap lists them).

    Only the head is searched: the pattern may start at any line break, and trying
    it on every line of the body was most of this fix's time (0.4 s per preview
    rebuild at 137 examples)."""
    end = html.find("</head>")
    end = len(html) if end < 0 else end
    return _apply("drop_head_hreflang", HEAD_HREFLANG, "", html[:end]) + html[end:]


def defer_theme_bundle(html: str) -> str:
    """Material's script bundle loaded with ``defer``. It still runs before
    ``DOMContentLoaded``, which it waits for, and our scripts (deferred too:
    mkdocs.yml, ``partials/ib-scripts.html``) still run after it, in order."""
    return _apply("defer_theme_bundle", THEME_BUNDLE, r'<script defer src="\1"></script>', html, count=1)


def more_link_address(html: str, page_url: str) -> str:
    """Each "all N examples" link gets ``data-ib-adres``: its full public address,
    from the page's canonical URL, for print. Pages without such a link are left as they are."""
    if MORE_MARK not in html:
        return html
    return _apply(
        "more_link_address",
        MORE_LINK,
        lambda m: f'{m.group(0)} data-ib-adres="{escape(urljoin(page_url, unescape(m.group(1))))}"',
        html,
    )


def repair_page(html: str, lang: str) -> str:
    """Every theme repair of a whole page (also the 404 page) in language ``lang``."""
    return drop_head_hreflang(defer_theme_bundle(page_language(html, lang)))
