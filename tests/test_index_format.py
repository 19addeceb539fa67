"""The search index's format is written down once (zoekindex.py's docstring, version
``FORMAT_VERSION``), the built index says its version, and the browser refuses an
index of another version instead of misreading it. The filters come from one list
(``FILTER_KINDS`` in site/searchform.py): the form, the cards and the index agree.
"""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess

import pytest
from conftest import ROOT, Build
from inspiratieboek.data.records import load_catalog
from inspiratieboek.search import zoekindex
from inspiratieboek.site import searchform
from inspiratieboek.site.views import example_view

SCRIPT = ROOT / "overrides" / "assets" / "javascripts" / "ib-zoekindex.js"
PARAMS = [kind.param for kind in searchform.FILTER_KINDS]

OPEN_IN_NODE = """
globalThis.window = globalThis;
const meta = JSON.parse(process.argv[2]);
globalThis.fetch = async (url) => ({ ok: true, json: async () => meta });
require(process.argv[1]);
window.ibZoekindex.open("https://example.org/", "nl").then(
  (index) => console.log("open " + index.examples + " " + Object.keys(index.filters).join(",")),
  (error) => console.log("refused " + error.message),
);
"""


def open_in_node(meta: dict) -> str:
    """What ib-zoekindex.js says when it opens an index.json holding ``meta``."""
    result = subprocess.run(
        ["node", "-e", OPEN_IN_NODE, str(SCRIPT), json.dumps(meta)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


def test_python_and_javascript_name_the_same_format_version() -> None:
    script = SCRIPT.read_text(encoding="utf-8")
    found = re.search(r"const FORMAT_VERSION = (\d+);", script)
    assert found, "ib-zoekindex.js has no FORMAT_VERSION"
    assert int(found.group(1)) == zoekindex.FORMAT_VERSION
    assert f"Format version {zoekindex.FORMAT_VERSION} (``FORMAT_VERSION``)" in (zoekindex.__doc__ or "")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_built_index_says_its_version_and_names_the_filters_of_the_form(site: Build, lang: str) -> None:
    meta = json.loads((site.site / zoekindex.INDEX_DIR / lang / zoekindex.INDEX_FILE).read_text(encoding="utf-8"))
    assert meta["versie"] == zoekindex.FORMAT_VERSION
    assert meta["taal"] == lang
    assert set(meta["filters"]) <= set(PARAMS)
    assert {"factor", "thema", "provincie"} <= set(meta["filters"])


def test_the_browser_opens_an_index_of_its_version_and_refuses_another() -> None:
    meta = {"versie": zoekindex.FORMAT_VERSION, "aantal": 2, "hoofdstukken": 0, "filters": {"factor": {"zorg": "Aw=="}}}
    assert open_in_node(meta) == "open 2 factor"
    older = meta | {"versie": zoekindex.FORMAT_VERSION - 1}
    assert open_in_node(older) == (
        f"refused zoekindex/nl/index.json: versie {zoekindex.FORMAT_VERSION - 1},"
        f" dit script leest versie {zoekindex.FORMAT_VERSION}"
    )


def test_cards_and_form_use_the_one_list_of_filters() -> None:
    catalog = load_catalog(ROOT / "data")
    form = searchform.search_form(catalog, "nl")
    assert [kind["param"] for kind in form["kinds"]] == PARAMS
    for record in catalog.records[:20]:
        view = example_view(record, catalog, "nl")
        assert list(view.filters) == PARAMS
        assert view.filters["factor"] == tuple(record.factors)
        assert view.filters["provincie"] == (record.get("provincie"),)


def test_an_empty_optional_field_gives_no_filter_value() -> None:
    record = load_catalog(ROOT / "data").records[0]
    without = dataclasses.replace(record, data={k: v for k, v in record.data.items() if k != "resultaat_soort"})
    assert searchform.filter_values(without)["resultaat"] == []
    assert searchform.filter_values(record)["resultaat"] == [record.get("resultaat_soort")]
