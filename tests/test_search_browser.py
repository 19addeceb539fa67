"""Finding examples in a real browser (Debian Chromium via Playwright), against the
built site served on 127.0.0.1: Dutch word forms, realistic questions, filters
compared with the data, the URL round trip, the English edition, the header
search, keyboard and screen-reader basics, and the page without JavaScript. The
header box and the results page: test_zoekvak.py.

Expected examples were picked by reading the records in data/voorbeelden/. When
a record changes, a test here may need a new pick: that is on purpose, these
tests check what a reader gets, not what the code happens to return.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from conftest import ROOT, Build, copy_project, fixture_records, run_build, serve
from inspiratieboek.data.records import Catalog, Record, load_catalog
from inspiratieboek.search.stemming import stems
from inspiratieboek.site import searchform
from inspiratieboek.site.labels import label

pytestmark = pytest.mark.browser

AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
SETTLED = """() => {
  const box = document.querySelector('[data-ib-zoeker]');
  return box && box.dataset.ibToont !== undefined && box.dataset.ibToont === location.search;
}"""
"""True once the results on screen belong to the URL (ib-zoeken.js sets data-ib-toont last)."""


@pytest.fixture(scope="module")
def catalog(site: Build) -> Catalog:
    return load_catalog(site.project / "data")


@pytest.fixture
def page(tab: object) -> object:
    """This module's tests share one tab (conftest ``tab``); the two that add a route
    or a listener take ``fresh_page``."""
    return tab


# --- Helpers ---------------------------------------------------------------------------


def overview(page: object, base_url: str, params: dict[str, str] | None = None, lang: str = "nl") -> None:
    """Open the overview (with URL parameters) and wait until its results are shown."""
    prefix = "" if lang == "nl" else f"{lang}/"
    query = "?" + urlencode(params) if params else ""
    page.goto(f"{base_url}{prefix}voorbeelden/{query}")
    page.wait_for_function(SETTLED)


def settle(page: object) -> None:
    page.wait_for_function(SETTLED)


def type_search(page: object, words: str) -> None:
    page.fill("#ib-zoek", words)
    settle(page)


def result_ids(page: object) -> list[str]:
    """Ids of every result, in order; presses "more" until all are shown."""
    more = page.locator("[data-ib-toon-meer]")
    while more.is_visible():
        shown = page.locator("[data-ib-resultatenlijst] > li").count()
        more.click()
        page.wait_for_function("n => document.querySelectorAll('[data-ib-resultatenlijst] > li').length > n", arg=shown)
    hrefs = page.eval_on_selector_all("[data-ib-resultatenlijst] h3 a", "links => links.map(a => a.pathname)")
    return [href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs]


def status(page: object, pattern: str) -> str:
    """Text of the live region once it matches ``pattern`` (it waits for typing to pause)."""
    page.wait_for_function(
        "p => new RegExp(p).test(document.querySelector('[data-ib-status]').textContent)", arg=pattern
    )
    return page.inner_text("[data-ib-status]")


def option_counts(page: object, param: str) -> dict[str, int]:
    """Count shown next to each value of a filter."""
    texts = page.eval_on_selector_all(
        f"[data-ib-filter={param}] input",
        "boxes => boxes.map(b => [b.value, b.parentElement.querySelector('[data-ib-aantal]').textContent])",
    )
    return {value: int(re.search(r"\((\d+)\)$", text).group(1)) for value, text in texts}


def chosen(page: object, param: str) -> list[str]:
    """Values ticked in a filter."""
    return page.eval_on_selector_all(f"[data-ib-filter={param}] input:checked", "boxes => boxes.map(b => b.value)")


def tick(page: object, param: str, value: str) -> None:
    """Open a filter (if closed) and tick one value, as a reader does."""
    group = page.locator(f"[data-ib-filter={param}]")
    if group.get_attribute("open") is None:
        group.locator("summary").click()
    group.locator(f"input[value={value}]").check()
    settle(page)


def with_filter(catalog: Catalog, **wanted: str) -> set[str]:
    """Ids of records whose filter values include every wanted value (from the data)."""
    from inspiratieboek.site.views import example_view

    found = set()
    for record in catalog.records:
        filters = example_view(record, catalog, "nl").filters
        if all(value in filters[param] for param, value in wanted.items()):
            found.add(record.id)
    return found


def record(catalog: Catalog, record_id: str) -> Record:
    return next(r for r in catalog.records if r.id == record_id)


def page_text(site: Build, record_id: str) -> str:
    """The words of an example's Dutch page (its article), lower case."""
    html = site.html(f"voorbeelden/{record_id}/").split('<article class="md-content__inner md-typeset">')[1]
    html = html.split("</article>")[0]
    return re.sub(r"<[^>]+>", " ", html).lower()


# --- Dutch word forms ------------------------------------------------------------------

WORD_FORMS = [
    # (query, a record found by it, the word in that record, which the query does not contain literally)
    ("huurachterstanden", "vroeg-eropaf-amsterdam", "huurachterstand"),
    ("huurachterstanden", "vroegsignalering-woongoed-walcheren", "huurachterstand"),
    ("huurachterstanden", "schuldhulpmaatje-woonwaard-heerhugowaard", "huurachterstand"),
]


@pytest.mark.parametrize(("query", "expected", "word"), WORD_FORMS)
def test_dutch_word_forms_find_real_examples(
    page: object, base_url: str, site: Build, query: str, expected: str, word: str
) -> None:
    # Given an example whose page uses another form of the word, never the query's own form
    text = page_text(site, expected)
    assert re.search(rf"\b{word}\b", text) and not re.search(rf"\b{query}\b", text)
    # When a reader searches for the query
    overview(page, base_url)
    type_search(page, query)
    # Then the record is among the results
    assert expected in result_ids(page)


@pytest.fixture(scope="module")
def word_form_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A small site of synthetic records that each contain only one form of a word
    (no real record says "wandelen" or only "schuld")."""
    records = fixture_records(
        "synthetisch-a",
        "synthetisch-b",
        "synthetisch-zoeken-schuld",
        "synthetisch-zoeken-wandelen",
        "synthetisch-zoeken-huurachterstand",
        "synthetisch-zoeken-huurschuld",
    )
    project = copy_project(tmp_path_factory.mktemp("woordvormen"), records)
    build = run_build(project)
    assert build.returncode == 0, build.output
    yield from serve(build.site)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("schulden", "synthetisch-zoeken-schuld"),
        ("wandeling", "synthetisch-zoeken-wandelen"),
        ("huurachterstanden", "synthetisch-zoeken-huurachterstand"),
        ("schulden", "synthetisch-zoeken-huurschuld"),  # a compound: "huurschulden"
    ],
)
def test_the_word_forms_of_the_issue_and_a_compound(
    page: object, word_form_site: str, query: str, expected: str
) -> None:
    text = (ROOT / "tests" / "fixtures" / f"{expected}.yml").read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#")).lower()
    assert not re.search(rf"\b{query}\b", body), "the record must not contain the query's own form as a word"
    overview(page, word_form_site)
    type_search(page, query)
    assert expected in result_ids(page)


# --- Realistic questions -----------------------------------------------------------------

QUERIES = [
    # (what a reader types, examples that must be found, one of which must come first)
    ("schimmel", {"gezondwonen-vocht-schimmel-den-haag"}),
    ("vocht en schimmel", {"gezondwonen-vocht-schimmel-den-haag"}),
    ("eenzaamheid", {"coalitie-tegen-eenzaamheid-albrandswaard", "belrondes-oudere-huurders-eindhoven"}),
    (
        "laaggeletterdheid",
        {"laaggeletterdheid-herkennen-uwoon-harderwijk", "laaggeletterdheid-waterweg-wonen-vlaardingen"},
    ),
    ("dementie", {"dementievriendelijk-woonzorg-nederland", "dementievriendelijk-vallei-wonen-woudenberg"}),
    ("energiearmoede", {"energiearmoede-buurtgegevens-talis-nijmegen", "fixbrigades-energiearmoede"}),
    ("housing first", {"housing-first-amersfoort", "housing-first-arnhem", "housing-first-utrechtse-heuvelrug"}),
    ("zwerfjongeren", {"take-off-zwerfjongeren-zwolle-hardenberg"}),
    ("ventileren", {"uitlegvideo-ventileren-quawonen-krimpenerwaard"}),
    (
        "statushouders",
        {"vaste-lasten-statushouders-wooninc-eindhoven", "uitlegvideo-ventileren-quawonen-krimpenerwaard"},
    ),
    (
        "social return",
        {
            "social-return-groot-onderhoud-wonenbreburg-breda",  # both words in its title
            "social-return-brabantse-corporaties",
            "social-return-de-woonplaats-winterswijk",
        },
    ),
    ("welzijn op recept", {"welzijn-op-recept-haarlemmermeer", "welzijn-op-recept-schiedam"}),
    ("huisuitzetting", {"convenant-huurschulden-woensdrecht", "vroeg-eropaf-amsterdam"}),
    ("Overvecht", {"gezonde-wijk-overvecht-utrecht", "sociaal-renoveren-overvecht-utrecht"}),
    (
        "schulden Brabant",
        {"convenant-huurschulden-woensdrecht", "convenant-vroeg-eropaf-altena", "aan-de-slag-040-trudo-eindhoven"},
    ),
    ("leerwerkbaan", {"vakbroeders-leerwerkbanen-rotterdam"}),
]


@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[q for q, _ in QUERIES])
def test_realistic_dutch_queries_find_the_right_examples(
    page: object, base_url: str, catalog: Catalog, query: str, expected: set[str]
) -> None:
    overview(page, base_url)
    type_search(page, query)
    found = result_ids(page)
    assert expected <= set(found), f"{query}: {found}"
    # The first result is one of them, or another example that has the words in its
    # title (the collection grows: a newer example about exactly this may lead)
    first = record(catalog, found[0])
    title = " ".join(stems(str(first.get("titel")), "nl"))
    assert found[0] in expected or all(s in title for s in stems(query, "nl") if len(s) > 3), (
        f"{query}: first result {found[0]}"
    )
    # The count names the examples with every word; those with only some follow
    complete = int(re.match(r"(\d+) voorbeeld(?:en)? gevonden", status(page, "gevonden")).group(1))
    assert 1 <= complete <= len(found)


# --- Filters -------------------------------------------------------------------------------


def test_each_factor_filter_shows_exactly_that_factors_examples(page: object, base_url: str, catalog: Catalog) -> None:
    for slug in catalog.vocab.factoren:
        overview(page, base_url, {"factor": slug})
        expected = with_filter(catalog, factor=slug)
        found = result_ids(page)
        assert sorted(found) == sorted(expected), slug
        assert len(found) == len(set(found)), slug
        assert chosen(page, "factor") == [slug]


def test_filter_counts_match_the_data(page: object, base_url: str, catalog: Catalog) -> None:
    overview(page, base_url)
    for kind in searchform.FILTER_KINDS:
        counts = option_counts(page, kind.param)
        expected = {slug: len(with_filter(catalog, **{kind.param: slug})) for slug in counts}
        assert counts == expected, kind.param
    assert status(page, r"\d") == label("nl")["search_count_all"].format(n=len(catalog.records))


def test_combined_filters_and_the_url_round_trip(
    browser: object, page: object, base_url: str, catalog: Catalog
) -> None:
    # Given the overview, when a reader picks a factor and then a province
    overview(page, base_url)
    tick(page, "factor", "zorg")
    tick(page, "provincie", "utrecht")
    # Then both filters hold (AND), the URL says so, and every count assumes the other filter
    expected = with_filter(catalog, factor="zorg", provincie="utrecht")
    assert expected, "the data should have care examples in Utrecht"
    assert sorted(result_ids(page)) == sorted(expected)
    assert page.url.endswith("/voorbeelden/?factor=zorg&provincie=utrecht")
    provinces = option_counts(page, "provincie")
    assert provinces == {p: len(with_filter(catalog, factor="zorg", provincie=p)) for p in provinces}
    factors = option_counts(page, "factor")
    assert factors == {f: len(with_filter(catalog, factor=f, provincie="utrecht")) for f in factors}
    # And a search word narrows further, in the URL after the filters
    type_search(page, "ouderen")
    narrowed = result_ids(page)
    assert narrowed and set(narrowed) <= expected
    assert page.url.endswith("/voorbeelden/?factor=zorg&provincie=utrecht&zoek=ouderen")
    # When someone opens that link in a fresh browser
    context = browser.new_context()
    other = context.new_page()
    other.goto(page.url)
    other.wait_for_function(SETTLED)
    # Then they see the same view
    assert other.input_value("#ib-zoek") == "ouderen"
    assert chosen(other, "factor") == ["zorg"]
    assert chosen(other, "provincie") == ["utrecht"]
    assert result_ids(other) == narrowed
    assert not other.is_visible("[data-ib-lijst]")
    context.close()


def test_issue_example_url_and_unknown_values(page: object, base_url: str, catalog: Catalog) -> None:
    overview(page, base_url, {"factor": "zorg", "provincie": "utrecht", "zoek": "eenzaamheid"})
    assert chosen(page, "factor") == ["zorg"]
    assert chosen(page, "provincie") == ["utrecht"]
    assert page.input_value("#ib-zoek") == "eenzaamheid"
    # A value that is not in data/lijsten.yml is dropped, not shown as an empty result
    overview(page, base_url, {"factor": "bestaat-niet", "thema": "eenzaamheid"})
    assert chosen(page, "factor") == []
    assert page.url.endswith("/voorbeelden/?thema=eenzaamheid")
    assert sorted(result_ids(page)) == sorted(with_filter(catalog, thema="eenzaamheid"))


TYPING_ERRORS = [
    # (language, typed with an error, the word as the records write it)
    ("nl", "scimmel", "schimmel"),  # a letter left out
    ("nl", "mantelzrog", "mantelzorg"),  # two letters swapped
    ("en", "lonelyness", "loneliness"),  # a wrong letter
]


@pytest.mark.parametrize(("lang", "typed", "word"), TYPING_ERRORS)
def test_a_typing_error_finds_examples_with_the_word_it_looks_like_and_says_so(
    page: object, base_url: str, site: Build, lang: str, typed: str, word: str
) -> None:
    prefix = "" if lang == "nl" else f"{lang}/"
    close = label(lang)["search_close"].format(w=f"‘{typed}’")
    # Given a word that the records use, found without a remark
    overview(page, base_url, {"zoek": word}, lang)
    assert result_ids(page)
    assert close not in status(page, ".")
    # When a reader types it with a typing error
    overview(page, base_url, {"zoek": typed}, lang)
    found = result_ids(page)
    # Then they get examples that have the word, and the status says why
    assert found, f"{typed} found nothing"
    for example in found:
        assert word in re.sub(r"<[^>]+>", " ", site.html(f"{prefix}voorbeelden/{example}/")).lower(), example
    assert close in status(page, re.escape(typed))


def test_no_results_says_what_to_do_and_reset_brings_everything_back(
    page: object, base_url: str, catalog: Catalog
) -> None:
    overview(page, base_url, {"zoek": "qwxyzzy"})
    message = label("nl")["search_no_results"]
    assert page.is_visible(f"text={message}")
    assert status(page, "Geen") == message
    assert not page.is_visible("[data-ib-lijst]")
    page.locator("[data-ib-leeg] [data-ib-wis]").click()
    settle(page)
    assert page.url.endswith("/voorbeelden/")
    assert page.input_value("#ib-zoek") == ""
    assert page.is_visible("[data-ib-lijst]") and not page.is_visible("[data-ib-resultaten]")
    assert page.evaluate("document.activeElement.id") == "ib-zoek"
    assert status(page, "Alle") == label("nl")["search_count_all"].format(n=len(catalog.records))


def test_matched_word_forms_are_marked_in_the_summaries_as_text(page: object, base_url: str) -> None:
    overview(page, base_url, {"zoek": "schulden"})
    marks = page.eval_on_selector_all(
        "[data-ib-resultatenlijst] .ib-kaart__samenvatting mark", "marks => marks.map(m => m.textContent)"
    )
    # Marked: the words that matched, i.e. forms of "schuld" and (the last word is also
    # a prefix) longer words that start with it, such as "SchuldHulpMaatje"; nothing else
    assert "schulden" in {m.lower() for m in marks}, marks
    assert all(m.lower().startswith("schuld") for m in marks), marks
    assert page.evaluate("document.querySelector('.ib-resultaat mark').children.length") == 0
    # Without search words nothing is marked
    overview(page, base_url, {"factor": "zorg"})
    assert page.locator("[data-ib-resultatenlijst] mark").count() == 0


def test_search_starts_at_three_letters(page: object, base_url: str, catalog: Catalog) -> None:
    # One or two letters match almost everything and cost the most; not a search yet.
    overview(page, base_url)
    type_search(page, "ho")
    assert page.is_visible("[data-ib-lijst]") and not page.is_visible("[data-ib-resultaten]")
    assert page.url.endswith("/voorbeelden/?zoek=ho")
    assert status(page, "Alle") == label("nl")["search_count_all"].format(n=len(catalog.records))
    type_search(page, "hou")
    assert not page.is_visible("[data-ib-lijst]")
    assert "housing-first-arnhem" in result_ids(page)


def test_more_results_are_added_in_pages_and_focus_moves_to_them(page: object, base_url: str, catalog: Catalog) -> None:
    overview(page, base_url, {"factor": "sociaal-kapitaal"})
    total = len(with_filter(catalog, factor="sociaal-kapitaal"))
    assert total > 20, "needs a factor with more than one page of results"
    assert page.locator("[data-ib-resultatenlijst] > li").count() == 20
    page.locator("[data-ib-toon-meer]").click()
    page.wait_for_function("() => document.querySelectorAll('[data-ib-resultatenlijst] > li').length > 20")
    # Focus lands on the first added result, so a keyboard user reads on from there
    focused = page.evaluate(
        "() => { const li = document.activeElement.closest('li'); return li ? [...li.parentNode.children].indexOf(li) : -1; }"
    )
    assert focused == 20


# --- Languages ---------------------------------------------------------------------------


def test_english_overview_returns_english_results_only(page: object, base_url: str, catalog: Catalog) -> None:
    overview(page, base_url, {"zoek": "debt"}, lang="en")
    ids = result_ids(page)
    assert len(ids) > 1
    assert status(page, "found") == f"{len(ids)} examples found"
    links = page.eval_on_selector_all(
        "[data-ib-resultatenlijst] h3 a", "links => links.map(a => [a.pathname, a.textContent, a.lang])"
    )
    for path, title, lang in links:
        assert path.startswith("/en/voorbeelden/"), path
        rec = record(catalog, path.rstrip("/").rsplit("/", 1)[-1])
        assert title == " ".join((rec.get("titel_en") or rec.get("titel")).split())
        assert lang == ("" if rec.get("titel_en") else "nl")
    assert page.get_by_label(label("en")["search_label"]).is_visible()
    box = page.locator("[data-ib-filter=thema] input[value=huurachterstand]")
    assert box.evaluate("b => b.parentElement.textContent").strip().startswith("Rent arrears (")


def test_dutch_overview_never_returns_english_pages(page: object, base_url: str) -> None:
    overview(page, base_url, {"zoek": "housing"})
    paths = page.eval_on_selector_all("[data-ib-resultatenlijst] h3 a", "links => links.map(a => a.pathname)")
    assert paths, "Housing First examples"
    assert all(p.startswith("/voorbeelden/") for p in paths), paths


# --- Keyboard, screen reader, accessibility ------------------------------------------------


def test_controls_are_labelled_and_focus_is_visible(page: object, base_url: str) -> None:
    overview(page, base_url)
    t = label("nl")
    assert page.get_by_label(t["search_label"]).get_attribute("id") == "ib-zoek"
    for kind in searchform.FILTER_KINDS:
        group = page.locator(f"[data-ib-filter={kind.param}]")
        assert group.locator("summary [data-ib-filternaam]").text_content() == t[kind.label_key]
        assert group.locator("legend").text_content() == t[kind.label_key]
    # Keyboard: from the search field, Tab goes to the first filter, which shows its focus
    page.focus("#ib-zoek")
    page.keyboard.type("ouderen")
    settle(page)
    page.keyboard.press("Tab")
    focus = page.evaluate(
        """() => { const e = document.activeElement; const s = getComputedStyle(e);
                   return [e.id, e.matches(':focus-visible'), s.outlineStyle, parseFloat(s.outlineWidth)]; }"""
    )
    assert focus[1] and focus[2] != "none" and focus[3] >= 2
    assert page.evaluate("document.activeElement.closest('[data-ib-filter]').dataset.ibFilter") == "factor"
    # The live region tells a screen reader how many examples there are
    assert page.get_attribute("[data-ib-status]", "role") == "status"
    assert re.fullmatch(r"\d+ voorbeelden gevonden", status(page, "gevonden"))


@pytest.mark.parametrize(
    ("lang", "params"),
    [("nl", {"factor": "zorg"}), ("nl", {"zoek": "qwxyzzy"}), ("en", {"zoek": "debt", "provincie": "noord-brabant"})],
)
def test_axe_finds_no_wcag_problems_in_the_search(page: object, base_url: str, lang: str, params: dict) -> None:
    overview(page, base_url, params, lang=lang)
    # Scope: the page content (form, results, list). The header box is covered by
    # test_zoekvak.py and the site-wide accessibility tests.
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async () => (await axe.run('.md-content', {runOnly: {type: 'tag',
             values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations
             .map(v => [v.id, v.nodes.map(n => n.target.join(' '))])"""
    )
    assert violations == []


# --- Without JavaScript ----------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_without_javascript_the_overview_lists_every_example_by_factor(
    browser: object, base_url: str, catalog: Catalog, prefix: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}{prefix}voorbeelden/?factor=zorg&zoek=schulden")
    assert not page.is_visible("[data-ib-zoeker]")
    for slug in catalog.vocab.factoren:
        listed = page.eval_on_selector_all(
            f'[data-ib-groep="{slug}"] a[href]:not(.headerlink)', "links => links.map(a => a.pathname)"
        )
        examples = [p for p in listed if p.startswith(f"/{prefix}voorbeelden/") and "/factor/" not in p]
        ids = {p.rstrip("/").rsplit("/", 1)[-1] for p in examples}
        assert ids == overview_list(catalog, slug), slug
    context.close()


def overview_list(catalog: Catalog, slug: str) -> set[str]:
    """Ids the static overview lists under a factor: all, or past OVERVIEW_LIMIT the first few."""
    from inspiratieboek.site.render import OVERVIEW_LIMIT, OVERVIEW_PER_FACTOR, sort_key

    records = sorted((r for r in catalog.records if r.main_factor == slug), key=sort_key)
    limit = None if len(catalog.records) <= OVERVIEW_LIMIT else OVERVIEW_PER_FACTOR
    return {r.id for r in records[:limit]}


def test_when_the_index_cannot_load_the_full_list_stays_without_a_gap(
    fresh_page: object, base_url: str, catalog: Catalog
) -> None:
    page = fresh_page
    page.route("**/zoekindex/**", lambda route: route.abort())
    page.goto(f"{base_url}voorbeelden/?zoek=schulden")
    page.wait_for_selector("[data-ib-zoeker][data-ib-mislukt]", state="attached")
    assert page.evaluate("getComputedStyle(document.querySelector('[data-ib-zoeker]')).display") == "none"
    paths = page.eval_on_selector_all("[data-ib-lijst] a[href]", "links => links.map(a => a.pathname)")
    listed = {p.rstrip("/").rsplit("/", 1)[-1] for p in paths if p.startswith("/voorbeelden/")}
    expected = set().union(*(overview_list(catalog, slug) for slug in catalog.vocab.factoren))
    assert page.is_visible("[data-ib-lijst]") and listed >= expected


def test_search_makes_no_request_to_another_host(fresh_page: object, base_url: str) -> None:
    page = fresh_page  # a cold cache: every request is made
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(re.sub(r"^https?://([^/]+)/.*$", r"\1", request.url)))
    overview(page, base_url, {"zoek": "schimmel"})
    assert hosts == {base_url.split("/")[2]}


# --- Several values, sorting, history, language (issue #16) -------------------------------


def test_several_values_of_one_filter_are_any_of_them_and_filters_combine(
    page: object, base_url: str, catalog: Catalog
) -> None:
    provinces = ("noord-brabant", "zeeland", "limburg")
    overview(page, base_url, {"provincie": ",".join(provinces), "factor": "bestaanszekerheid"})
    expected = set().union(*(with_filter(catalog, provincie=p, factor="bestaanszekerheid") for p in provinces))
    assert expected and sorted(result_ids(page)) == sorted(expected)
    assert sorted(chosen(page, "provincie")) == sorted(provinces)
    # Ticking one more province adds its examples; the URL lists them comma-separated
    tick(page, "provincie", "utrecht")
    more = expected | with_filter(catalog, provincie="utrecht", factor="bestaanszekerheid")
    assert sorted(result_ids(page)) == sorted(more)
    assert re.search(r"provincie=[a-z,-]*utrecht", page.url) and "%2C" not in page.url
    # A value that would give nothing is shown as unavailable
    counts = option_counts(page, "thema")
    disabled = page.eval_on_selector_all("[data-ib-filter=thema] input:disabled", "bs => bs.map(b => b.value)")
    assert disabled and sorted(disabled) == sorted(v for v, n in counts.items() if n == 0)


@pytest.mark.parametrize(("sort", "key"), [("nieuwste", "startjaar"), ("titel", "titel"), ("plaats", "plaats")])
def test_sorting_follows_the_data_and_lives_in_the_url(
    page: object, base_url: str, catalog: Catalog, sort: str, key: str
) -> None:
    overview(page, base_url, {"factor": "zorg", "sorteer": sort})
    assert page.input_value("#ib-sorteer") == sort
    values = [record(catalog, i).get(key) or (0 if key == "startjaar" else "") for i in result_ids(page)]
    if key == "startjaar":
        assert values == sorted(values, reverse=True)
    else:
        folded = [" ".join(str(v).split()).casefold() for v in values]
        assert folded == sorted(folded)


def test_every_filter_change_is_a_history_step_and_back_undoes_it(
    page: object, base_url: str, catalog: Catalog
) -> None:
    overview(page, base_url)
    tick(page, "factor", "zorg")
    tick(page, "provincie", "utrecht")
    page.select_option("#ib-sorteer", "nieuwste")
    settle(page)
    assert page.url.endswith("?factor=zorg&provincie=utrecht&sorteer=nieuwste")
    page.go_back()
    settle(page)
    assert page.url.endswith("?factor=zorg&provincie=utrecht") and page.input_value("#ib-sorteer") == ""
    page.go_back()
    settle(page)
    assert page.url.endswith("?factor=zorg") and chosen(page, "provincie") == []
    assert sorted(result_ids(page)) == sorted(with_filter(catalog, factor="zorg"))
    page.go_forward()
    settle(page)
    assert chosen(page, "provincie") == ["utrecht"]


def test_switching_language_keeps_query_filters_and_sort(page: object, base_url: str) -> None:
    overview(page, base_url, {"factor": "zorg", "provincie": "utrecht,zeeland", "zoek": "ouderen", "sorteer": "plaats"})
    with page.expect_navigation():
        page.locator("a.md-select__link[hreflang=en]").dispatch_event("click")
    settle(page)
    assert "/en/voorbeelden/?" in page.url
    assert chosen(page, "factor") == ["zorg"] and sorted(chosen(page, "provincie")) == ["utrecht", "zeeland"]
    assert page.input_value("#ib-zoek") == "ouderen" and page.input_value("#ib-sorteer") == "plaats"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_kind_status_and_result_filters_follow_the_data_and_live_in_the_url(
    page: object, base_url: str, catalog: Catalog, lang: str
) -> None:
    """Issue #13: 'only examples with a measured result', agreements only, what still runs."""
    overview(page, base_url, {"resultaat": "gemeten-effect"}, lang)
    measured = with_filter(catalog, resultaat="gemeten-effect")
    assert measured and sorted(result_ids(page)) == sorted(measured)
    assert chosen(page, "resultaat") == ["gemeten-effect"]
    # Ticking 'agreement' narrows to measured agreements; ticking a status narrows further.
    tick(page, "soort", "afspraak")
    assert sorted(result_ids(page)) == sorted(measured & with_filter(catalog, soort="afspraak"))
    assert "soort=afspraak" in page.url and "resultaat=gemeten-effect" in page.url
    page.go_back()
    settle(page)
    assert sorted(result_ids(page)) == sorted(measured)
    counts = option_counts(page, "status")
    assert counts == {slug: len(measured & with_filter(catalog, status=slug)) for slug in catalog.vocab.statussen}
