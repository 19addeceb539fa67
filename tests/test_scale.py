"""Lists stay bounded as the collection grows: the overview, the factor chapters and
the paginated factor indexes. Uses synthetic records (scripts/benchmark.py makes
them; they say they are synthetic), loaded into a temporary data folder.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, data_folder
from inspiratieboek.data.records import Catalog, load_catalog
from inspiratieboek.quality.benchmark import synthetic_record
from inspiratieboek.site.generate import build_pages
from inspiratieboek.site.render import (
    LIST_LIMIT,
    OVERVIEW_PER_FACTOR,
    PAGE_SIZE,
    factor_index_pages,
    records_for_factor,
    render_factor_list,
    render_overview,
)


def synthetic_catalog(tmp_path: Path, count: int) -> Catalog:
    data = data_folder(tmp_path / "data")
    real = load_catalog(ROOT / "data").vocab
    vocab = {n: list(real.by_name(n)) for n in ("factoren", "provincies", "soorten", "doelgroepen", "themas")}
    rng = random.Random(7)
    for number in range(count):
        text = yaml.safe_dump(synthetic_record(number, vocab, rng), allow_unicode=True, sort_keys=False)
        (data / "voorbeelden" / f"synthetisch-{number:05d}.yml").write_text(text, encoding="utf-8")
    return load_catalog(data)


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    return synthetic_catalog(tmp_path_factory.mktemp("groot"), 700)


def index_bodies(catalog: Catalog) -> dict[str, str]:
    """The Dutch factor index pages' bodies by path without '.md': 'factor/zorg/index', 'factor/zorg/2'."""
    return {page.path.removesuffix(".md"): page.body for page in factor_index_pages(catalog, "nl")}


def test_factor_index_pages_hold_every_example_once(big: Catalog) -> None:
    pages = index_bodies(big)
    for slug in big.vocab.factoren:
        expected = [r.id for r in records_for_factor(big, slug)]
        own = sorted(
            (k for k in pages if k.startswith(f"factor/{slug}/")),
            key=lambda k: 1 if k.endswith("/index") else int(k.rsplit("/", 1)[1]),
        )
        assert len(own) == -(-len(expected) // PAGE_SIZE)
        listed = [i for k in own for i in re.findall(r'<a href="(?:\.\./)+(synthetisch-\d+)/"', pages[k])]
        assert listed == expected, slug


def test_factor_index_pages_link_to_each_other(big: Catalog) -> None:
    pages = index_bodies(big)
    slug = next(iter(big.vocab.factoren))
    assert '<a href="2/" rel="next">Volgende pagina</a>' in pages[f"factor/{slug}/index"]
    assert '<a href="../" rel="prev">Vorige pagina</a>' in pages[f"factor/{slug}/2"]
    assert '<a href="../3/" rel="next">Volgende pagina</a>' in pages[f"factor/{slug}/2"]


def test_chapter_list_is_capped_with_a_link_to_the_index(big: Catalog) -> None:
    factor = next(iter(big.vocab.factoren.values()))
    html = render_factor_list(big, factor, "nl")
    assert html.count('<li class="ib-item">') == LIST_LIMIT
    total = len(records_for_factor(big, factor.slug))
    assert f"Bekijk alle {total} voorbeelden bij {factor.nl}" in html
    assert f'href="../../voorbeelden/factor/{factor.slug}/"' in html


def test_overview_shows_the_first_examples_per_factor_beyond_the_limit(big: Catalog) -> None:
    html = render_overview(big, "nl")
    assert html.count('<li class="ib-item"') == OVERVIEW_PER_FACTOR * len(big.vocab.factoren)
    for slug in big.vocab.factoren:
        assert f'href="factor/{slug}/"' in html


def test_example_page_does_not_grow_with_the_collection(tmp_path: Path) -> None:
    small = build_pages(synthetic_catalog(tmp_path / "klein", 100))
    large = build_pages(synthetic_catalog(tmp_path / "groot", 400))
    a, b = small["synthetisch-00000.md"], large["synthetisch-00000.md"]
    assert abs(len(a) - len(b)) / len(a) < 0.10
