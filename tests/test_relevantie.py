"""Relevance: realistic questions, in Dutch and English, and what must be in the top 5.

The expectations were written from the records in data/voorbeelden/ and the
chapters in docs/ (their titles, summaries and themes), not from what the engine
returns. Each names a few examples (or chapters) of which at least one must be
among the first five, so new records may join the top without breaking a test,
while a ranking that loses the obvious answers fails. The engine is the one every
search box uses (ib-zoekindex.js), asked directly in Chromium for speed: one page,
one index, about fifty questions.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

ASK = """async ([lang, query]) => {
  window.ibIndexen = window.ibIndexen || {};
  if (!window.ibIndexen[lang]) window.ibIndexen[lang] = window.ibZoekindex.open(new URL('/', location.href), lang);
  const index = await window.ibIndexen[lang];
  const found = await index.search(query, {});
  const cards = await index.cards(found.results.slice(0, 5).concat(found.sections.slice(0, 5)));
  return cards.map(c => (c.section ? 'H ' : 'V ') + c.url);
}"""

E = "V"  # an example, by id
H = "H"  # a chapter, by its path (any of its sections)

DUTCH: list[tuple[str, set[str]]] = [
    ("schimmel", {"gezondwonen-vocht-schimmel-den-haag"}),
    ("vocht in huis", {"gezondwonen-vocht-schimmel-den-haag", "uitlegvideo-ventileren-quawonen-krimpenerwaard"}),
    ("scimmel", {"gezondwonen-vocht-schimmel-den-haag"}),  # a typing error
    ("ventileren", {"uitlegvideo-ventileren-quawonen-krimpenerwaard"}),
    (
        "huurachterstanden",
        {"vroeg-eropaf-amsterdam", "vroegsignalering-woongoed-walcheren", "budgetcoaching-talis-nijmegen"},
    ),
    ("eenzaamheid ouderen", {"belrondes-oudere-huurders-eindhoven", "coalitie-tegen-eenzaamheid-albrandswaard"}),
    ("buurtkamer", {"huiskamer-voor-de-buurt-wageningen"}),  # a synonym: "huiskamer"
    # Every record that mentions informal care (mantelzorg, mantelzorgers) in its text
    (
        "mantelzorg",
        {
            "huisvesting-kwetsbare-groepen-amsterdam",
            "positieve-gezondheid-wonen-limburg",
            "vervuilde-woningen-ggd-ijsselland-twente",
            "traineeship-rochdale-amsterdam",
        },
    ),
    (
        "senioren",
        {
            "geclusterd-wonen-ouderen-amsterdam",
            "ouderen-hubs-prestatieafspraken-rotterdam",
            "belrondes-oudere-huurders-eindhoven",
        },
    ),
    (
        "geldzorgen",
        {
            "schuldhulpmaatje-woonwaard-heerhugowaard",
            "convenant-huurschulden-woensdrecht",
            "budgetcoaching-talis-nijmegen",
        },
    ),
    ("schuldhulp", {"schuldhulpmaatje-woonwaard-heerhugowaard"}),
    ("dementie", {"dementievriendelijk-vallei-wonen-woudenberg", "dementievriendelijk-woonzorg-nederland"}),
    (
        "energiearmoede",
        {
            "fixbrigades-energiearmoede",
            "energiearmoede-buurtgegevens-talis-nijmegen",
            "energiecoaches-energiebox-eindhoven",
        },
    ),
    ("energiecoach", {"energiecoaches-energiebox-eindhoven"}),
    ("housing first", {"housing-first-amersfoort", "housing-first-arnhem", "housing-first-utrechtse-heuvelrug"}),
    ("zwerfjongeren", {"take-off-zwerfjongeren-zwolle-hardenberg"}),
    (
        "laaggeletterdheid",
        {"laaggeletterdheid-herkennen-uwoon-harderwijk", "laaggeletterdheid-waterweg-wonen-vlaardingen"},
    ),
    ("taalakkoord", {"taalakkoord-gouda-corporaties", "taalakkoord-rivierenland"}),
    ("statushouders", {"vaste-lasten-statushouders-wooninc-eindhoven", "nieuwe-buren-waterweg-wonen-vlaardingen"}),
    ("vluchtelingen", {"vaste-lasten-statushouders-wooninc-eindhoven", "nieuwe-buren-waterweg-wonen-vlaardingen"}),
    (
        "social return",
        {
            "social-return-brabantse-corporaties",
            "social-return-de-woonplaats-winterswijk",
            "social-return-groot-onderhoud-wonenbreburg-breda",
        },
    ),
    ("welzijn op recept", {"welzijn-op-recept-haarlemmermeer", "welzijn-op-recept-schiedam"}),
    (
        "huisuitzetting voorkomen",
        {
            "vroeg-eropaf-amsterdam",
            "convenant-huurschulden-woensdrecht",
            "convenant-vroeg-eropaf-altena",
            "prestatieafspraken-geen-huisuitzettingen-zeist",
            "prestatieafspraken-nul-huisuitzettingen-groningen",
            "overleg-huisuitzettingen-bergen-op-zoom",
            "landelijke-afspraken-huisuitzettingen-energiecrisis",
        },
    ),
    (
        "vroegsignalering",
        {
            "vroegsignalering-heumen-berg-en-dal",
            "vroegsignalering-woongoed-walcheren",
            "film-vroegsignalering-corpovenista",
        },
    ),
    (
        "ggz",
        {
            "huisbezoek-met-ggz-woonbron-antes-rotterdam",
            "buurtverbinders-ggz-woongebouw-nijmegen",
            "omklapcontract-driehoekscontract-ggz-clienten",
        },
    ),
    (
        "uitstroom beschermd wonen",
        {
            "uitstroom-bijzondere-doelgroepen-midden-holland",
            "uitstroomconvenant-hart-van-brabant",
            "weer-thuis-uitstroom-opvang",
        },
    ),
    (
        "groen in de wijk",
        {"huurders-op-groen", "prettig-groen-wonen-den-haag", "groene-voortuin-wonen-limburg-peel-en-maas"},
    ),
    ("gezondheidscentrum", {"gezondheidscentrum-ondiep-utrecht", "gezondheidscentrum-zwanenberg-oss"}),
    ("leerwerkbaan", {"vakbroeders-leerwerkbanen-rotterdam"}),
    ("werkzoekenden", {"werkzoekenden-naar-baan-corporaties-rotterdam", "traineeship-rochdale-amsterdam"}),
    ("Overvecht", {"gezonde-wijk-overvecht-utrecht", "sociaal-renoveren-overvecht-utrecht"}),
    ("Rotterdam Zuid", {"nationaal-programma-rotterdam-zuid-wonen"}),
    ("positieve gezondheid", {"positieve-gezondheid-wonen-limburg"}),
    ("vervuilde woning", {"vervuilde-woningen-ggd-ijsselland-twente"}),
    ("voorrang woningzoekenden buurt", {"goede-buren-woningtoewijzing-utrecht"}),
    (
        "wonen en zorg",
        {"taskforce-wonen-en-zorg", "woonzorgafspraken-westerkwartier", "woonzorgvisie-leidschendam-voorburg"},
    ),
    # Chapters
    ("prestatieafspraken", {"H samenwerken-en-prestatieafspraken/", "prestatieafspraken-vitale-wijk-losser"}),
    ("integrale aanpak wijk", {"H integrale-aanpak/"}),
    ("huurachterstand bestaanszekerheid", {"H factoren/bestaanszekerheid/"}),
    ("open data", {"H open-data/"}),
    ("voorbeeld aandragen", {"H voorbeeld-aandragen/"}),
    ("vocht en schimmel", {"H factoren/leefomstandigheden/"}),
]

ENGLISH: list[tuple[str, set[str]]] = [
    ("elderly", {"geclusterd-wonen-ouderen-amsterdam", "ouderen-hubs-prestatieafspraken-rotterdam"}),  # a synonym
    ("older people", {"geclusterd-wonen-ouderen-amsterdam", "ouderen-hubs-prestatieafspraken-rotterdam"}),
    (
        "rent arrears",
        {"vroeg-eropaf-amsterdam", "vroegsignalering-woongoed-walcheren", "budgetcoaching-talis-nijmegen"},
    ),
    (
        "debts",
        {
            "schuldhulpmaatje-woonwaard-heerhugowaard",
            "convenant-huurschulden-woensdrecht",
            "budgetcoaching-talis-nijmegen",
        },
    ),
    ("loneliness", {"coalitie-tegen-eenzaamheid-albrandswaard", "belrondes-oudere-huurders-eindhoven"}),
    ("damp and mould", {"gezondwonen-vocht-schimmel-den-haag"}),
    ("energy poverty", {"fixbrigades-energiearmoede", "energiearmoede-buurtgegevens-talis-nijmegen"}),
    ("housing first", {"housing-first-amersfoort", "housing-first-arnhem", "housing-first-utrechtse-heuvelrug"}),
    ("dementia", {"dementievriendelijk-vallei-wonen-woudenberg", "dementievriendelijk-woonzorg-nederland"}),
    ("social return", {"social-return-brabantse-corporaties", "social-return-de-woonplaats-winterswijk"}),
    ("low literacy", {"laaggeletterdheid-herkennen-uwoon-harderwijk", "laaggeletterdheid-waterweg-wonen-vlaardingen"}),
    ("refugees", {"vaste-lasten-statushouders-wooninc-eindhoven", "nieuwe-buren-waterweg-wonen-vlaardingen"}),
    ("community living room", {"huiskamer-voor-de-buurt-wageningen"}),
    ("performance agreements", {"H en/samenwerken-en-prestatieafspraken/", "prestatieafspraken-vitale-wijk-losser"}),
    ("homeless young people", {"take-off-zwerfjongeren-zwolle-hardenberg"}),
]


def _wanted(expected: str, lang: str) -> str:
    """'H path' for a chapter, 'V path' for an example id, as the page reports them."""
    prefix = "/en/" if lang == "en" else "/"
    if expected.startswith("H "):
        return "H /" + expected[2:]
    return f"V {prefix}voorbeelden/{expected}/"


@pytest.fixture(scope="module")
def ask(browser: object, base_url: str) -> object:
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + "zoeken/")
    page.wait_for_function("() => window.ibZoekindex !== undefined")

    def top(lang: str, query: str) -> list[str]:
        return page.evaluate(ASK, [lang, query])

    yield top
    context.close()


def test_enough_realistic_questions() -> None:
    assert len(DUTCH) >= 30 and len(ENGLISH) >= 10


@pytest.mark.parametrize(("query", "expected"), DUTCH, ids=[q for q, _ in DUTCH])
def test_dutch_question_has_an_expected_answer_in_the_top_five(ask: object, query: str, expected: set[str]) -> None:
    found = ask("nl", query)
    wanted = {_wanted(e, "nl") for e in expected}
    hits = [f for f in found if any(f.split("#")[0] == w or (w.startswith("H ") and f.startswith(w)) for w in wanted)]
    assert hits, f"{query}: none of {sorted(wanted)} in the top five: {found}"


@pytest.mark.parametrize(("query", "expected"), ENGLISH, ids=[q for q, _ in ENGLISH])
def test_english_question_has_an_expected_answer_in_the_top_five(ask: object, query: str, expected: set[str]) -> None:
    found = ask("en", query)
    assert all(f.split(" ", 1)[1].startswith("/en/") for f in found), found
    wanted = {_wanted(e, "en") for e in expected}
    hits = [f for f in found if any(f.split("#")[0] == w or (w.startswith("H ") and f.startswith(w)) for w in wanted)]
    assert hits, f"{query}: none of {sorted(wanted)} in the top five: {found}"
