"""Correctness gate, links: the strict build passes without warnings, and no
internal link, resource or anchor on the built site leads nowhere.

The check reads the HTML we ship (scripts/site_audit.py); external links are not
followed (CI is offline), but absolute links to our own site_url are.
"""

from __future__ import annotations

from pathlib import Path

from conftest import Build
from inspiratieboek.quality.browser_audit import describe
from inspiratieboek.quality.site_audit import Site, broken_links

SITE_URL = "https://wonen-gezondheid.example.org/"


def test_strict_build_passes_without_warnings(site: Build) -> None:
    # The session build runs `mkdocs build --strict`; it must also stay quiet.
    assert site.returncode == 0, site.output
    warnings = [line for line in site.output.splitlines() if line.startswith(("WARNING", "ERROR"))]
    assert not warnings, "\n".join(warnings)


def test_no_broken_internal_links_or_anchors(site: Build) -> None:
    audit = Site(site.site, SITE_URL)
    assert len(audit.pages) > 150
    problems = broken_links(audit)
    assert not problems, describe(problems)


# --- The checker itself can fail -------------------------------------------------------


def test_checker_finds_a_broken_link_a_missing_anchor_and_a_missing_file(tmp_path: Path) -> None:
    # Given a tiny site: one good link, a link to a missing page, a missing anchor,
    # a missing stylesheet and an absolute link to a missing page of our own site
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="deel">Deel</h2>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<link rel="stylesheet" href="weg.css"><a href="a/">goed</a> <a href="a/#deel">goed</a>'
        f' <a href="b/">kapot</a> <a href="a/#nergens">kapot</a> <a href="{SITE_URL}c/">kapot</a>'
        ' <a href="https://example.org/">extern</a> <a href="mailto:x@example.org">mail</a>',
        encoding="utf-8",
    )
    problems = [str(p) for p in broken_links(Site(tmp_path, SITE_URL))]
    assert problems == [
        "/: link[href] 'weg.css' points at /weg.css, which does not exist",
        "/: a[href] 'b/' points at /b/, which does not exist",
        "/: a[href] 'a/#nergens': no element with id 'nergens' on /a/",
        f"/: a[href] '{SITE_URL}c/' points at /c/, which does not exist",
    ]
