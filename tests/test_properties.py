"""Robustness gate, property-based: random strings in every text field of a
synthetic record end up on the page as text, escaped, never as markup.

Two levels, so the test stays fast:
- Hypothesis drives the page renderer and Python-Markdown (with the site's own
  extensions from mkdocs.yml) directly: 200 random records per run.
- One real ``mkdocs build --strict`` of six records with random text (from a
  seeded generator, the same alphabet) checks the same on the built HTML,
  including ``<title>`` and the meta description.

Strings the validator rejects on purpose (HTML tags, ``on...=`` attributes,
``javascript:`` links, control characters) are filtered out by running the real
validator; that they are rejected is tested in test_validate.py and
test_broken_records.py.
"""

from __future__ import annotations

import atexit
import copy
import datetime as dt
import functools
import random
import re
import shutil
import tempfile
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from conftest import FIXTURES, ROOT, copy_project, fixture_records, run_build
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from inspiratieboek.data.records import Catalog, Record, load_catalog
from inspiratieboek.data.validate import check_record, errors
from inspiratieboek.site.render import render_example
from mkdocs.config import load_config

PLAIN_FIELDS = ("titel", "titel_en", "samenvatting", "samenvatting_en", "plaats")
MARKDOWN_FIELDS = ("aanpak", "aanpak_en", "resultaten", "resultaten_en")
NESTED_FIELDS = (("organisaties", "naam"), ("bronnen", "titel"))
MAX_LENGTH = {"titel": 120, "titel_en": 120, "plaats": 80, "naam": 150}
ALLOWED_TAGS = {"p", "em", "strong", "a", "ul", "ol", "li", "code", "pre", "blockquote", "hr", "br"}
ALLOWED_TAGS |= {f"h{n}" for n in range(3, 7)}
ALLOWED_ATTRIBUTES = {"href", "title", "start", "id", "class"}
SAFE_HREF = re.compile(r"^(https?://|mailto:|#)")

NASTY = [*"<>&\"'`*_[](){}#+-.!\\|~=:;/%@^$ \n\t", "&amp;", "&lt;", "{: .x }", "-->", "]]>", "é", "€", "🙂"]
text = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), min_size=1, max_size=40),
    st.lists(st.sampled_from([*NASTY, "a", "b", "Tekst", "x"]), min_size=1, max_size=25).map("".join),
)
"""Any Unicode text, and text built mostly from characters that mean something in
HTML, Markdown, attr_list or YAML."""

_GOOD = yaml.safe_load((FIXTURES / "synthetisch-a.yml").read_text(encoding="utf-8"))
_GOOD["laatst_gecontroleerd"] = dt.date.today()
_GOOD["resultaat_soort"] = "ervaringen"
"""Random text fills ``resultaten``, so the record claims a kind of result (the validator
asks for one whenever ``resultaten`` is filled in)."""
MAX_TRIES = 500
"""The real build draws records until six pass the validator; more tries than this means
the base record no longer validates, and the test says so instead of looping forever."""


# --- Building a random record ------------------------------------------------------------


@st.composite
def records(draw: st.DrawFn) -> dict:
    """A valid synthetic record with random text in every text field."""
    data = copy.deepcopy(_GOOD)
    for key in PLAIN_FIELDS + MARKDOWN_FIELDS:
        data[key] = draw(text)
    for key, sub in NESTED_FIELDS:
        data[key][0][sub] = draw(text)
    return data


def _record(data: dict, record_id: str, folder: Path) -> Record:
    return Record(record_id, folder / f"{record_id}.yml", data, {})


def _shown(value: str) -> str:
    """How text appears on the page: whitespace runs become one space."""
    return " ".join(value.split())


# --- Reading the HTML ---------------------------------------------------------------------


class _Page(HTMLParser):
    """Text of the parts of an example page that show record fields, and the markup inside them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: dict[str, list[str]] = {
            "title": [],
            "h1": [],
            "samenvatting": [],
            "dd": [],
            "bron": [],
            "tekst": [],
        }
        self.description = ""
        self.markup: list[tuple[str, list[tuple[str, str | None]]]] = []
        self._stack: list[tuple[str, str | None]] = []

    def _part(self) -> str | None:
        for _tag, part in reversed(self._stack):
            if part:
                return part
        return None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        part = None
        if tag in {"title", "h1", "dd"}:
            part = tag
        elif "ib-samenvatting" in classes:
            part = "samenvatting"
        elif "ib-tekst" in classes:
            part = "tekst"
        elif tag == "a" and self._stack and self._stack[-1][0] == "li" and self._in_sources:
            part = "bron"
        elif tag == "a" and "headerlink" in classes:
            part = "skip"
        if tag == "meta" and a.get("name") == "description":
            self.description = a.get("content") or ""
        if tag == "ul" and "ib-bronnen" in classes:
            self._in_sources = True
        if self._part() == "tekst":
            self.markup.append((tag, attrs))
        if part:
            self.parts.setdefault(part, []).append("")
        if tag not in {"meta", "link", "br", "hr", "img", "input"}:
            self._stack.append((tag, part))

    _in_sources = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "ul":
            self._in_sources = False
        while self._stack:
            open_tag, _ = self._stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        part = self._part()
        if part and part != "skip":
            self.parts[part][-1] += data


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def assert_shows_as_text(html: str, data: dict, lang: str, full_page: bool = False) -> None:
    """The page shows each plain field literally and the Markdown fields without foreign markup."""
    page = _parse(html)
    title = data["titel_en"] if lang == "en" else data["titel"]
    summary = data["samenvatting_en"] if lang == "en" else data["samenvatting"]
    assert [_shown(t) for t in page.parts["h1"]] == [_shown(title)]
    assert [_shown(t) for t in page.parts["samenvatting"]] == [_shown(summary)]
    dd = [_shown(t) for t in page.parts["dd"]]
    assert any(d.startswith(_shown(data["plaats"] + ",")) for d in dd), dd
    assert any(d.startswith(_shown(data["organisaties"][0]["naam"] + " (")) for d in dd), dd
    assert [_shown(t) for t in page.parts["bron"]] == [_shown(data["bronnen"][0]["titel"])]
    if full_page:
        assert _shown(page.parts["title"][0]) == f"{_shown(title)} - " + (
            "Housing: a solid foundation for health" if lang == "en" else "Wonen, een stevige basis voor gezondheid"
        )
        assert page.description == _shown(summary)
    for tag, attrs in page.markup:
        assert tag in ALLOWED_TAGS | {"div"}, f"<{tag}> from a Markdown field"
        for name, value in attrs:
            assert name in ALLOWED_ATTRIBUTES, f"attribute {name}={value!r} on <{tag}>"
            if name == "href":
                assert SAFE_HREF.match(value or ""), f"unsafe link {value!r}"
            if name == "class":
                assert value in {"headerlink", "ib-tekst"}, f"class {value!r} on <{tag}>"


# --- Fast level: renderer + Python-Markdown -----------------------------------------------


@functools.cache
def _catalog() -> Catalog:
    """The vocabularies and two synthetic records (a plain function: Hypothesis prints its arguments)."""
    folder = Path(tempfile.mkdtemp(prefix="eigenschap-"))
    atexit.register(shutil.rmtree, folder, True)
    return load_catalog(copy_project(folder, fixture_records("synthetisch-a", "synthetisch-b")) / "data")


@functools.cache
def _to_html() -> Callable[[str], str]:
    """Python-Markdown with exactly the extensions and settings of mkdocs.yml."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    converter = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)

    def convert(text: str) -> str:
        body = text.split("---\n", 2)[2] if text.startswith("---\n") else text
        return converter.reset().convert(body)

    return convert


@settings(max_examples=200, deadline=None)
@given(record_data=records())
def test_random_text_is_rendered_as_text(record_data: dict) -> None:
    catalog, to_html = _catalog(), _to_html()
    record = _record(record_data, "eigenschap", catalog.data_dir / "voorbeelden")
    problems = errors(check_record(record, catalog))
    assume(not problems)
    for lang in ("nl", "en"):
        html = to_html(render_example(record, catalog, [], lang))
        assert_shows_as_text(html, record_data, lang)


def test_the_property_catches_markup() -> None:
    catalog, to_html = _catalog(), _to_html()
    # A renderer that forgot to escape would put a live element in the page.
    data = copy.deepcopy(_GOOD)
    html = to_html(render_example(_record(data, "x", catalog.data_dir), catalog, [], "nl"))
    broken = html.replace("Een verzonnen aanpak", '<img src="x">Een verzonnen aanpak', 1)
    with pytest.raises(AssertionError, match="<img> from a Markdown field"):
        assert_shows_as_text(broken, data, "nl")
    with pytest.raises(AssertionError):
        assert_shows_as_text(
            html.replace("Testplaats", "<b>Test</b>plaats"), {**data, "plaats": "<b>Test</b>plaats"}, "nl"
        )


# --- Real level: one strict build of random records ----------------------------------------


def _random_text(rng: random.Random) -> str:
    """Like the ``text`` strategy, from a seeded generator (a build per example would be too slow)."""
    if rng.random() < 0.3:
        return "".join(
            chr(rng.choice([rng.randint(0x20, 0x7E), rng.randint(0xA0, 0x2FFF), 0x1F642])) for _ in range(20)
        )
    return "".join(rng.choice([*NASTY, "a", "b", "Tekst", "x"]) for _ in range(rng.randint(1, 25)))


def test_random_records_survive_a_real_build(tmp_path: Path) -> None:
    # Given six valid records with random text in every text field, next to the fixtures
    project = copy_project(tmp_path / "p", fixture_records("synthetisch-a", "synthetisch-b"))
    catalog = load_catalog(project / "data")
    rng = random.Random(20261127)
    chosen: dict[str, dict] = {}
    for _try in range(MAX_TRIES):
        if len(chosen) == 6:
            break
        data = copy.deepcopy(_GOOD)
        for key in PLAIN_FIELDS + MARKDOWN_FIELDS:
            data[key] = _random_text(rng)
        for key, sub in NESTED_FIELDS:
            data[key][0][sub] = _random_text(rng)
        record_id = f"eigenschap-{len(chosen) + 1}"
        if not errors(check_record(_record(data, record_id, catalog.data_dir / "voorbeelden"), catalog)):
            chosen[record_id] = data
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
            (project / "data" / "voorbeelden" / f"{record_id}.yml").write_text(text, encoding="utf-8")
    assert len(chosen) == 6, f"only {len(chosen)} of {MAX_TRIES} random records passed the validator"
    # When the site is built for real (strict)
    build = run_build(project)
    assert build.returncode == 0, build.output
    # Then every page shows the text as text, in <title> and the description too
    for record_id, data in chosen.items():
        assert_shows_as_text(build.html(f"voorbeelden/{record_id}/"), data, "nl", full_page=True)
        assert_shows_as_text(build.html(f"en/voorbeelden/{record_id}/"), data, "en", full_page=True)
