"""Raw HTML blocks of generated pages go around Markdown (site/raw_html.py): the
page comes out exactly as Markdown would have made it, and a lost block stops the
build by name."""

from __future__ import annotations

import re
from pathlib import Path

import markdown as python_markdown
import pytest
from conftest import Build, build_in_process, copy_project, fixture_records
from inspiratieboek.site import raw_html
from inspiratieboek.site.editions_side_by_side import SEQUENTIAL
from mkdocs.exceptions import PluginError

EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
]
"""The Markdown extensions of mkdocs.yml."""

PAGE = """# Een voorbeeld { #voorbeeld }

<p class="ib-samenvatting">Korte tekst met *sterretjes* en een &amp; erin.</p>

<div class="ib-kenmerken">
<dl>
<dt>Soort</dt>
<dd><a href="#resultaten">Bereik</a></dd>
</dl>
<div class="binnen"><div>genest</div></div>
</div>

## Resultaten

Gewone tekst met een [link](https://example.org/).

<ul class="ib-lijst">
<li>een</li>
<li>twee</li>
</ul>

*[link]: een afkorting

<nav class="ib-paginering" aria-label="Pagina's">
<a href="../" rel="prev">Vorige pagina</a></nav>"""
"""A generated page: raw blocks at the start, in the middle and at the end."""

AWKWARD = [
    '<div class="open">niet gesloten',
    '<div markdown="1">*wel Markdown*</div>',
    "<section>een ander blok</section>",
    "<!-- een opmerking -->",
]
"""HTML paragraphs that are not one whole raw block of our tags."""


def convert(text: str) -> str:
    return python_markdown.Markdown(extensions=EXTENSIONS).convert(text)


def test_a_page_comes_out_as_markdown_would_make_it() -> None:
    aside = raw_html.set_aside(PAGE, "voorbeelden/x.md")
    # Then the blocks are set aside, the Markdown stays
    assert aside.count("IBRAUWEHTMLBLOK") == 4, aside
    for kept in ("# Een voorbeeld", "## Resultaten", "[link]", "*[link]"):
        assert kept in aside
    assert "<" not in aside
    # And put back after Markdown, the HTML is the same as Markdown's, byte for byte
    assert raw_html.put_back(convert(aside), "voorbeelden/x.md") == convert(PAGE)


@pytest.mark.parametrize("awkward", AWKWARD)
def test_a_page_with_other_html_goes_through_markdown_whole(awkward: str) -> None:
    # Given the page with one HTML paragraph that is not a whole block of our tags,
    # in the middle: an open block there would swallow the tokens after it
    page = PAGE.replace("## Resultaten", f"{awkward}\n\n## Resultaten")
    # Then nothing is set aside and nothing needs putting back
    assert raw_html.set_aside(page, "voorbeelden/y.md") == page
    assert raw_html.put_back(convert(page), "voorbeelden/y.md") == convert(page)


@pytest.mark.parametrize(
    ("block", "raw"),
    [
        ('<div class="a">x</div>', True),
        ("<ul>\n<li>a</li>\n</ul>", True),
        ("<div><div>a</div></div>", True),
        ("<div>a</div>\n<p>b</p>", False),  # starts and ends with different tags
        ("<div><div>a</div>", False),  # not closed
        ('<div markdown="1">*a*</div>', False),  # Markdown inside: must go through Markdown
        ("<span>a</span>", False),  # inline
        ("<section>a</section>", False),  # a tag our templates do not start a block with
        ("Tekst <div>a</div>", False),
    ],
)
def test_only_whole_blocks_of_our_tags_are_set_aside(block: str, raw: bool) -> None:
    assert raw_html.is_raw_block(block) is raw


def test_a_lost_block_stops_the_build_by_name() -> None:
    raw_html.set_aside('<div class="a">x</div>', "voorbeelden/kwijt.md")
    with pytest.raises(PluginError, match=r"raw_html.put_back: voorbeelden/kwijt.md: blok 0 is zoekgeraakt"):
        raw_html.put_back("<p>iets anders</p>", "voorbeelden/kwijt.md")


BUILT_AT = re.compile(rb'"gebouwd": "[^"]+"')
"""The open data's build time: the one value that differs between two builds."""


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): BUILT_AT.sub(b"", p.read_bytes()) for p in site.rglob("*") if p.is_file()}


def through_markdown(project: Path, monkeypatch: pytest.MonkeyPatch) -> Build:
    """``project`` built in this process, one edition after the other, with every raw
    block through Markdown (``set_aside`` does nothing)."""
    with monkeypatch.context() as patched:
        patched.setenv(SEQUENTIAL, "1")
        patched.setattr(raw_html, "set_aside", lambda markdown, page: markdown)
        return build_in_process(project)


def test_the_real_site_is_the_same_as_through_markdown(
    site: Build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given the real project built with every block through Markdown, and the shared
    # real site, built by the real command with the blocks around it
    through = through_markdown(copy_project(tmp_path / "door"), monkeypatch)
    assert through.returncode == 0, through.output
    old, new = files(through.site), files(site.site)
    # (the shared site's editions were built side by side, which gives the English 404
    # page's language menu other links: tests/test_editions_side_by_side.py)
    del old["en/404.html"], new["en/404.html"]
    # Then every other file is the same, byte for byte
    assert sorted(old) == sorted(new)
    assert [name for name in old if old[name] != new[name]] == []
    # And the blocks of nearly every generated page did go around: all example pages
    # and factor indexes; the overview, whose search form ends in a section, went whole
    generated = sorted((site.project / "docs" / "voorbeelden").rglob("*.md"))
    whole = [
        p.relative_to(site.project / "docs").as_posix()
        for p in generated
        if raw_html.set_aside(p.read_text(encoding="utf-8"), "x") == p.read_text(encoding="utf-8")
    ]
    raw_html.forget()
    assert len(generated) > 200 and whole == ["voorbeelden/index.en.md", "voorbeelden/index.md"]


def test_an_untranslated_page_is_the_same_as_through_markdown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Given two synthetic records, one of which shows its Dutch approach with a "not
    # translated" notice on the English page, built through Markdown and around it
    records = fixture_records("synthetisch-a", "synthetisch-b")
    through = through_markdown(copy_project(tmp_path / "door", records), monkeypatch)
    set_aside, changed = raw_html.set_aside, []

    def spy(markdown: str, page: str) -> str:
        aside = set_aside(markdown, page)
        changed.extend([page] if aside != markdown else [])
        return aside

    monkeypatch.setenv(SEQUENTIAL, "1")
    monkeypatch.setattr(raw_html, "set_aside", spy)
    around = build_in_process(copy_project(tmp_path / "om", records))
    assert through.returncode == 0 and around.returncode == 0, through.output + around.output
    # Then every file is the same, byte for byte
    old, new = files(through.site), files(around.site)
    assert sorted(old) == sorted(new)
    assert [name for name in old if old[name] != new[name]] == []
    # And the untranslated English page went around Markdown too
    assert "voorbeelden/synthetisch-b.en.md" in changed
    assert b"ib-vertaling" in new["en/voorbeelden/synthetisch-b/index.html"]
