"""Text from records is data, never markup: the renderer escapes it even where the
validator would already have refused it (defence in depth), and the whole build
shows Markdown-looking titles literally.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_project, data_folder, fixture_records, run_build
from inspiratieboek.data.records import load_catalog
from inspiratieboek.site.render import md_inline, related_examples, safe_markdown

LIVE = re.compile(
    r"<(script|img|iframe|a|svg)\b[^>]*(\bon\w+\s*=|javascript:|data:|<script)|<script|<img|<iframe"
    r"|<[a-z]+[^>]*\bon\w+\s*=",
    re.IGNORECASE,
)


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[klik](javascript:alert(1))",
        "[klik]( JaVaScRiPt:alert(1))",
        "![x](data:text/html,<script>)",
        "<a href='https://example.org' onclick='x()'>a</a>",
        "tekst {: onclick='alert(1)' }",
        "[x](https://example.org){: onclick='alert(1)' }",
        "<svg onload=alert(1)>",
        "![foto](https://example.org/volg-mij.gif)",
    ],
)
def test_safe_markdown_never_outputs_live_markup(text: str) -> None:
    html = safe_markdown(text)
    assert not LIVE.search(html), html


def test_safe_markdown_keeps_web_links_lists_and_emphasis() -> None:
    html = safe_markdown("- **Vet** en [bron](https://example.org/a)\n- tweede")
    assert '<a href="https://example.org/a">bron</a>' in html
    assert "<strong>Vet</strong>" in html and html.count("<li>") == 2


def test_headings_in_a_field_sit_below_the_page_sections() -> None:
    assert "<h3>Kop</h3>" in safe_markdown("# Kop")


def test_inline_text_is_shown_literally() -> None:
    assert md_inline("**a** [b](https://x) <i> & `c`") == (r"\*\*a\*\* \[b\]\(https://x\) &lt;i&gt; &amp; \`c\`")


def test_markdown_looking_title_is_text_on_the_built_page(tmp_path: Path) -> None:
    text = (
        (FIXTURES / "synthetisch-a.yml")
        .read_text(encoding="utf-8")
        .replace(
            "titel: Synthetisch voorbeeld A over schulden",
            "titel: '**Vet** _schuin_ [link](https://example.org/x) a < b & c {: .klasse }'",
        )
    )
    records = {**fixture_records("synthetisch-b"), "synthetisch-a.yml": text}
    build = run_build(copy_project(tmp_path / "p", records))
    assert build.returncode == 0, build.output
    html = build.html("voorbeelden/synthetisch-a/")
    h1 = html.split("<h1", 1)[1].split("</h1>", 1)[0]
    assert "**Vet** _schuin_ [link](https://example.org/x) a &lt; b &amp; c {: .klasse }" in h1
    assert "<strong>" not in h1 and "<em>" not in h1 and "<a href" not in h1.split("headerlink")[0]
    assert "<title>**Vet** _schuin_ [link](https://example.org/x) a &lt; b &amp; c {: .klasse }" in html
    overview = build.html("voorbeelden/")
    assert ">**Vet** _schuin_ [link](https://example.org/x) a &lt; b &amp; c {: .klasse }</a>" in overview


def test_related_examples_share_main_factor_and_a_tag_else_the_province(tmp_path: Path) -> None:
    """Issue #3: related = same main factor and a shared theme or target group (most
    shared first), topped up from the same province; never the record itself."""
    good = (FIXTURES / "synthetisch-a.yml").read_text(encoding="utf-8")
    # name: (factors, province, target group, theme)
    records = {
        "a": ("bestaanszekerheid", "utrecht", "huurders", "schuldhulp"),
        "b-twee-gedeeld": ("bestaanszekerheid", "groningen", "huurders", "schuldhulp"),
        "c-een-gedeeld": ("bestaanszekerheid", "drenthe", "ouderen", "schuldhulp"),
        "d-andere-factor": ("zorg", "drenthe", "huurders", "schuldhulp"),
        "e-zelfde-provincie": ("werk", "utrecht", "jongeren", "social-return"),
        "f-niets-gedeeld": ("bestaanszekerheid", "zeeland", "jongeren", "armoede"),
    }
    data = data_folder(tmp_path / "data")
    for name, (factor, province, group, theme) in records.items():
        text = (
            good.replace("  - bestaanszekerheid\n  - zorg\n", f"  - {factor}\n")
            .replace("provincie: utrecht", f"provincie: {province}")
            .replace("  - huurders\n", f"  - {group}\n")
            .replace("  - schuldhulp\n", f"  - {theme}\n")
        )
        (data / "voorbeelden" / f"{name}.yml").write_text(text, encoding="utf-8")
    related = related_examples(load_catalog(data))
    assert [r.id for r in related["a"]] == ["b-twee-gedeeld", "c-een-gedeeld", "e-zelfde-provincie"]
    assert [r.id for r in related["f-niets-gedeeld"]] == []
    assert all(record_id not in [r.id for r in rel] for record_id, rel in related.items())
