"""Theme fixes (scripts/inspiratieboek/site/theme_fixes.py): each repairs what Material
and mkdocs-static-i18n really write, and each stops the build by name when what it
repairs is no longer there (an upgrade changed the HTML).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from conftest import Build
from inspiratieboek.site import theme_fixes
from inspiratieboek.site.theme_fixes import ThemeFixError
from mkdocs.exceptions import PluginError

MATERIAL_PAGE = """
<!doctype html>
<html lang="en" class="no-js">
  <head>
      <meta charset="utf-8">
        <link rel="canonical" href="https://wonen-gezondheid.example.org/en/voorbeelden/synthetisch-b/">
          <link rel="alternate" href="../../../voorbeelden/synthetisch-b/" hreflang="nl">
          <link rel="alternate" href="./" hreflang="en">
      <link rel="icon" href="../../../assets/favicon.svg">
  </head>
  <body>
            <a href="../../../voorbeelden/synthetisch-b/" hreflang="nl" class="md-select__link">
      <script src="../../../assets/javascripts/bundle.a5f9d56c.min.js"></script>
        <script src="../../../assets/javascripts/ib-printen.js" defer></script>
  </body>
</html>
"""
"""Lines of en/voorbeelden/synthetisch-b/ as Material 9.8.2 and static-i18n 1.3.1 wrote
it, before the fixes (a build of the two synthetic records with the fixes switched off)."""

MORE_LIST = '<ul><li>...</li></ul>\n<p class="ib-meer"><a href="factor/werk/">Alle 30 voorbeelden over werk</a></p>'
"""The overview's "all N" link as overrides/ib/macros.html writes it."""

FIXES: dict[str, Callable[[str], str]] = {
    "page_language": lambda html: theme_fixes.page_language(html, "nl"),
    "drop_head_hreflang": theme_fixes.drop_head_hreflang,
    "defer_theme_bundle": theme_fixes.defer_theme_bundle,
    "more_link_address": lambda html: theme_fixes.more_link_address(
        html, "https://wonen-gezondheid.example.org/voorbeelden/"
    ),
}


def test_every_fix_repairs_what_material_writes() -> None:
    html = theme_fixes.repair_page(MATERIAL_PAGE, "nl")
    assert '<html lang="nl" class="no-js">' in html
    assert not re.search(r"<link rel=\"alternate\"[^>]*hreflang", html)
    assert '<a href="../../../voorbeelden/synthetisch-b/" hreflang="nl" class="md-select__link">' in html
    assert '<script defer src="../../../assets/javascripts/bundle.a5f9d56c.min.js"></script>' in html
    assert html.count("<script defer") == 1  # ours were deferred already


def test_more_link_gets_its_public_address() -> None:
    html = FIXES["more_link_address"](MORE_LIST)
    assert 'data-ib-adres="https://wonen-gezondheid.example.org/voorbeelden/factor/werk/"' in html
    assert theme_fixes.more_link_address("<p>no list</p>", "https://x.example/") == "<p>no list</p>"


BROKEN = {
    "page_language": MATERIAL_PAGE.replace('<html lang="en"', "<html"),
    "drop_head_hreflang": MATERIAL_PAGE.replace('<link rel="alternate"', '<link rel="alternate" type="x"'),
    "defer_theme_bundle": MATERIAL_PAGE.replace("bundle.a5f9d56c.min.js", "bundle.min.js"),
    "more_link_address": MORE_LIST.replace('<p class="ib-meer"><a', '<p class="ib-meer"> <a'),
}
"""Pages as an upgrade could change them: each misses exactly what one fix repairs."""
PAGE_FIXES = {"page_language", "drop_head_hreflang", "defer_theme_bundle"}


@pytest.mark.parametrize("fix", sorted(FIXES))
def test_a_fix_whose_pattern_is_gone_stops_the_build_by_name(fix: str) -> None:
    with pytest.raises(ThemeFixError) as raised:
        FIXES[fix](BROKEN[fix])
    assert isinstance(raised.value, PluginError)  # MkDocs stops the build with the message
    assert raised.value.fix == fix
    assert f"theme fix {fix}:" in str(raised.value)
    # Only this fix fails: the others of the page still find their pattern.
    for other in PAGE_FIXES - {fix} if fix in PAGE_FIXES else ():
        FIXES[other](BROKEN[fix])


def test_the_module_names_the_upstream_issue_of_every_fix() -> None:
    doc = theme_fixes.__doc__ or ""
    for fix in FIXES:
        assert f"| {fix} " in doc, f"{fix} has no row in the table of theme_fixes.py"
    assert "squidfunk/mkdocs-material #6582" in doc


def test_built_pages_carry_the_repairs(site: Build) -> None:
    overview = site.html("voorbeelden/")
    assert re.search(r'data-ib-adres="https://[^"]+/voorbeelden/factor/[a-z-]+/"', overview), "no all-N address"
    for page in [*site.site.glob("**/index.html"), site.site / "404.html", site.site / "en" / "404.html"]:
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<link rel=\"alternate\"[^>]*hreflang", html), page
        assert re.search(r'<script defer src="[^"]*/bundle\.[0-9a-f]+\.min\.js"', html), page
