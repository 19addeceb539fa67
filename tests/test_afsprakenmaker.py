"""The Afsprakenmaker (issue #17): agreements for the prestatieafspraken, each on real
examples, as a checklist without JavaScript and a draft agenda with it.

- the data: data/afspraken.yml holds enough agreements, every one on real example
  records, and matches its JSON Schema;
- the validator: a broken agreement stops the build with ``file:line: field: message``;
- the built site: every agreement on the no-JS page in nl and en, the factor chapters
  link to it, the open data holds it;
- the browser: tick three by keyboard, the address holds them and survives a reload,
  paper and the .docx hold exactly those three with their sources, the English page
  shows the same choice in English; axe and the keyboard at desktop and phone width.

One built site for the whole file (conftest's session ``site``).
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import ENV, ROOT, Build, data_folder, fixture_records
from inspiratieboek.data import afspraken
from inspiratieboek.data.records import load_catalog
from inspiratieboek.data.validate import errors, validate
from inspiratieboek.quality.browser_audit import DESKTOP, MOBILE, axe, describe, load, serve, walk_with_tab
from inspiratieboek.quality.projectcopy import copy_project

CATALOG = load_catalog(ROOT / "data")
AGREEMENTS = afspraken.agreements(CATALOG)
BY_ID = {a.id: a for a in AGREEMENTS}
RECORDS = {r.id: r for r in CATALOG.records}
CHOSEN = ["signaal-aan-gemeente", "rookmelder-in-elke-woning", "social-return-bij-inkoop"]
"""Three agreements of three factors, ticked in the browser tests."""
LANGUAGES = {"nl": "", "en": "en/"}
PAGE = "afsprakenmaker/"


def squeeze(text: str) -> str:
    """Text without white space or hyphens: PDF text breaks long words and addresses."""
    return re.sub(r"[\s\-‐]+", "", text)


def source_urls(agreement_id: str) -> list[str]:
    """The first source address of each example behind an agreement (what the agenda prints)."""
    urls = []
    for record_id in BY_ID[agreement_id].voorbeelden:
        sources = [s["url"] for s in RECORDS[record_id].get("bronnen") or [] if s.get("url")]
        urls += sources[:1]
    return urls


# --- The data ----------------------------------------------------------------------


def test_the_file_holds_enough_agreements_for_every_factor() -> None:
    assert afspraken.check(CATALOG) == []
    assert len(AGREEMENTS) >= 40
    per_factor = Counter(f for a in AGREEMENTS for f in a.factoren)
    assert all(per_factor[slug] >= 6 for slug in CATALOG.vocab.factoren), per_factor


def test_every_agreement_rests_on_a_real_example_with_a_source() -> None:
    for agreement in AGREEMENTS:
        assert agreement.voorbeelden, agreement.id
        for record_id in agreement.voorbeelden:
            record = RECORDS[record_id]
            assert any(str(s.get("url", "")).startswith("https://") for s in record.get("bronnen") or []), record_id
    precedents = {i for a in AGREEMENTS for i in a.voorbeelden if RECORDS[i].get("soort_voorbeeld") == "afspraak"}
    assert len(precedents) >= 30, "most agreements should cite agreements partners really made"


def test_the_committed_schema_is_current_and_accepts_the_file() -> None:
    committed = (ROOT / "data" / afspraken.SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == afspraken.schema_text(CATALOG.vocab), "run: python scripts/manage.py schema --write"
    data = yaml.safe_load((ROOT / "data" / afspraken.AFSPRAKEN_FILE).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(json.loads(committed)).validate(data)
    data[0]["soort"] = "belofte"
    assert not jsonschema.Draft202012Validator(json.loads(committed)).is_valid(data)


# --- The validator ---------------------------------------------------------------------

GOOD = """\
# Synthetische afspraken voor de tests.
- id: synthetisch-goed
  factoren: [bestaanszekerheid]
  tekst: De corporatie doet iets.
  tekst_en: The housing association does something.
  partijen: [corporatie]
  soort: resultaat
  indicator: Aantal keer.
  indicator_en: Number of times.
  bron_indicator: Registratie.
  bron_indicator_en: Records.
  voorbeelden: [synthetisch-a]
"""


def _problems(tmp_path: Path, text: str) -> list[str]:
    data = data_folder(tmp_path / "data", fixture_records("synthetisch-a"))
    (data / "afspraken.yml").write_text(text, encoding="utf-8")
    return [str(p) for p in errors(validate(load_catalog(data)))]


def test_a_good_file_passes(tmp_path: Path) -> None:
    assert _problems(tmp_path, GOOD) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("factoren: [bestaanszekerheid]", "factoren: [bestaanzekerheid]"),
            "data/afspraken.yml:3: factoren[0]: 'bestaanzekerheid' is onbekend (kies uit: bestaanszekerheid,",
        ),
        (
            ("partijen: [corporatie]", "partijen: [corporatie, woningbouw]"),
            "data/afspraken.yml:6: partijen[1]: 'woningbouw' is onbekend (kies uit: corporatie, gemeente,",
        ),
        (
            ("voorbeelden: [synthetisch-a]", "voorbeelden: [synthetisch-a, bestaat-niet]"),
            "data/afspraken.yml:12: voorbeelden[1]: 'bestaat-niet' is onbekend (geen voorbeeld in data/voorbeelden/",
        ),
        (
            ("  indicator: Aantal keer.\n", ""),
            "data/afspraken.yml:2: indicator: ontbreekt in afspraak 'synthetisch-goed' (Hoe je ziet of het lukt.)",
        ),
        (
            ("soort: resultaat", "soort: belofte"),
            "data/afspraken.yml:7: soort: 'belofte' is onbekend (kies uit: inspanning, resultaat)",
        ),
    ],
    ids=["unknown factor", "unknown party", "unknown example id", "missing indicator", "unknown kind"],
)
def test_a_broken_agreement_is_reported_at_its_line(tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    old, new = change
    assert old in GOOD
    problems = _problems(tmp_path, GOOD.replace(old, new))
    assert len(problems) == 1 and problems[0].startswith(expected), problems


def test_a_duplicate_id_is_reported_at_the_second_one(tmp_path: Path) -> None:
    problems = _problems(tmp_path, GOOD + GOOD.split("\n", 1)[1])
    assert problems == [
        "data/afspraken.yml:13: id: 'synthetisch-goed' staat al op regel 2 (geef elke afspraak een eigen id)"
    ]


@pytest.mark.parametrize(
    "text",
    [
        GOOD.replace("[synthetisch-a]", "[{a: b}]"),
        GOOD.replace("tekst: De corporatie doet iets.", "tekst: 12"),
        GOOD.replace("soort: resultaat", "soort: [resultaat]"),
        GOOD.replace("partijen: [corporatie]", "partijen: corporatie"),
        "id: los\n",
        "- gewoon een zin\n",
    ],
    ids=["mapping as example id", "number as text", "list as kind", "text as list", "no list", "no fields"],
)
def test_odd_values_give_located_messages_not_tracebacks(tmp_path: Path, text: str) -> None:
    problems = _problems(tmp_path, text)
    assert problems and all(re.match(r"data/afspraken\.yml:\d+: \S+: ", p) for p in problems), problems


def test_check_task_stops_with_located_messages_and_no_traceback(tmp_path: Path) -> None:
    data = data_folder(tmp_path / "data", fixture_records("synthetisch-a"))
    (data / "afspraken.yml").write_text(GOOD.replace("[synthetisch-a]", "[geen-voorbeeld]"), encoding="utf-8")
    command = [sys.executable, "scripts/manage.py", "--data", str(data), "check"]
    result = subprocess.run(command, cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "data/afspraken.yml:12: voorbeelden[0]: 'geen-voorbeeld' is onbekend" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_a_project_copy_keeps_only_agreements_on_its_examples(tmp_path: Path) -> None:
    records = fixture_records("synthetisch-a", "synthetisch-b")
    real = dict(next(iter(RECORDS.values())).data)
    first = AGREEMENTS[0]
    records[f"{first.voorbeelden[0]}.yml"] = yaml.safe_dump(real, allow_unicode=True)
    project = copy_project(tmp_path / "project", records)
    catalog = load_catalog(project / "data")
    kept = afspraken.agreements(catalog)
    assert errors(validate(catalog)) == []
    assert first.id in {a.id for a in kept}
    assert all(set(a.voorbeelden) <= {r.id for r in catalog.records} for a in kept)


def test_an_edit_of_the_file_shows_on_the_next_build_in_the_same_process(tmp_path: Path) -> None:
    # mkdocs serve stays one process: the catalog cache must see an edited afspraken.yml
    from inspiratieboek.site.afsprakenmaker import render_afsprakenmaker

    data = data_folder(tmp_path / "data", fixture_records("synthetisch-a"))
    path = data / "afspraken.yml"
    path.write_text(GOOD, encoding="utf-8")
    assert "De corporatie doet iets." in render_afsprakenmaker(load_catalog(data), "nl")
    path.write_text(GOOD.replace("doet iets.", "doet nu iets anders."), encoding="utf-8")
    html = render_afsprakenmaker(load_catalog(data), "nl")
    assert "De corporatie doet nu iets anders." in html and "doet iets." not in html


# --- The built site ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_without_javascript_lists_every_agreement_with_a_box(site: Build, lang: str) -> None:
    html = site.html(LANGUAGES[lang] + PAGE)
    for agreement in AGREEMENTS:
        assert f'id="vink-{agreement.id}"' in html, agreement.id
        text = agreement.text("tekst", lang).replace("'", "&#39;")
        assert text in html, f"{agreement.id}: {lang} text missing"
    assert html.count('class="ib-afspraak__vink"') == len(AGREEMENTS)
    assert "ib-afspraken.js" in html, "the script loads on this page"
    assert "ib-afspraken.js" not in site.html(LANGUAGES[lang] + "meten/"), "... and only there"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_factor_chapters_link_to_their_agreements(site: Build, lang: str) -> None:
    for slug in CATALOG.vocab.factoren:
        html = site.html(f"{LANGUAGES[lang]}factoren/{slug}/")
        assert f'href="../../afsprakenmaker/?factor={slug}"' in html, slug


@pytest.mark.parametrize("lang", LANGUAGES)
def test_open_data_holds_every_agreement(site: Build, lang: str) -> None:
    folder = site.site / LANGUAGES[lang]
    document = json.loads((folder / "afspraken.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in document["afspraken"]] == [a.id for a in AGREEMENTS]
    schema = json.loads((site.site / afspraken.SCHEMA_FILE).read_text(encoding="utf-8"))
    plain = [{k: v for k, v in a.items() if k not in {"url", "voorbeeld_urls"}} for a in document["afspraken"]]
    jsonschema.Draft202012Validator(schema).validate(plain)
    rows = (folder / "afspraken.csv").read_bytes().decode("utf-8-sig").splitlines()
    assert len(rows) == len(AGREEMENTS) + 1
    table = (folder / "afspraken.csv").read_text("utf-8-sig")
    assert all(a.text("tekst", lang) in table for a in AGREEMENTS)


# --- In the browser -------------------------------------------------------------------------

pytest_browser = pytest.mark.browser


@pytest.fixture(scope="module")
def host(site: Build) -> Iterator[str]:
    with serve(site.site) as url:
        yield url


def _tick_by_keyboard(page: object, ids: list[str]) -> None:
    """From the party filter, press Tab until each box has focus, then Space: only the keyboard."""
    page.focus("[data-ib-filter=partij]")
    for agreement_id in ids:
        for _ in range(600):
            if page.evaluate("document.activeElement.id") == f"vink-{agreement_id}":
                break
            page.keyboard.press("Tab")
        else:
            pytest.fail(f"Tab never reached the box of {agreement_id}")
        page.keyboard.press("Space")
        assert page.is_checked(f"#vink-{agreement_id}"), agreement_id


@pytest_browser
def test_three_agreements_travel_from_ticks_to_paper_word_and_english(browser: object, host: str) -> None:
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    try:
        page, loaded = load(context, host, PAGE)
        assert loaded.console_errors == [] and loaded.elsewhere == []
        # Given three agreements ticked with the keyboard
        _tick_by_keyboard(page, CHOSEN)
        # Then the address holds exactly them, in the page's order
        query = re.search(r"\?afspraken=([^&#]+)", page.url)
        assert query and set(query.group(1).split(",")) == set(CHOSEN), page.url
        chosen_in_address = query.group(1)
        # And a reload keeps them
        page.reload()
        page.wait_for_selector("[data-ib-agenda-vol]:not([hidden])")
        ticked = page.eval_on_selector_all(".ib-afspraak__vink:checked", "bs => bs.map(b => b.value)")
        assert set(ticked) == set(CHOSEN)

        # The print PDF holds exactly the three texts, their sources' addresses and the page's address
        page.emulate_media(media="print")
        text = squeeze(_pdf_text(page.pdf(format="A4")))
        for agreement in AGREEMENTS:
            present = squeeze(agreement.text("tekst", "nl")) in text
            assert present == (agreement.id in CHOSEN), f"{agreement.id}: on paper: {present}"
        for agreement_id in CHOSEN:
            for url in source_urls(agreement_id):
                assert squeeze(url) in text, f"{agreement_id}: source {url} not on paper"
        assert squeeze("afsprakenmaker/?afspraken=" + chosen_in_address) in text
        page.emulate_media(media="screen")

        # The .docx download opens and holds the same three, with headings
        with page.expect_download() as download:
            page.click('[data-ib-actie="docx"]')
        assert download.value.suggested_filename.endswith(".docx")
        words = _docx(download.value.path().read_bytes())
        assert "Concept-gezondheidsagenda" in words["headings"]
        assert {"Per factor", "Per partij", "Bronnen"} <= set(words["headings"])
        for agreement in AGREEMENTS:
            present = agreement.text("tekst", "nl") in words["text"]
            assert present == (agreement.id in CHOSEN), f"{agreement.id}: in .docx: {present}"
        for agreement_id in CHOSEN:
            for url in source_urls(agreement_id):
                assert url in words["text"], f"{agreement_id}: source {url} not in .docx"
        assert words["tables"] == 3, "one table per factor"

        # The language menu keeps the choice, and the English page with it shows the English texts
        to_english = page.get_attribute('a[hreflang="en"].md-select__link', "href")
        assert to_english == f"/en/{PAGE}?afspraken={chosen_in_address}", to_english
        english, _ = load(context, host, to_english.lstrip("/"))
        english.wait_for_selector("[data-ib-agenda-vol]:not([hidden])")
        agenda = english.inner_text("[data-ib-agenda-inhoud]")
        for agreement_id in CHOSEN:
            assert BY_ID[agreement_id].text("tekst", "en") in agenda
            assert BY_ID[agreement_id].text("tekst", "nl") not in agenda
        assert "Draft health agenda" in english.inner_text("[data-ib-agenda]")
    finally:
        context.close()


@pytest_browser
def test_filters_by_factor_and_party_come_from_the_address(browser: object, host: str) -> None:
    context = browser.new_context(viewport=DESKTOP)
    try:
        page, _ = load(context, host, PAGE + "?factor=werk&partij=gemeente")
        shown = page.eval_on_selector_all(
            "[data-ib-afspraak]", "ls => ls.filter(l => l.checkVisibility()).map(l => l.dataset.ibAfspraak)"
        )
        expected = [a.id for a in AGREEMENTS if "werk" in a.factoren and "gemeente" in a.partijen]
        assert sorted(shown) == sorted(expected) and expected
        page.select_option("[data-ib-filter=partij]", "")
        assert "partij=" not in page.url and "factor=werk" in page.url
    finally:
        context.close()


@pytest_browser
def test_copy_as_text_puts_the_agenda_on_the_clipboard(browser: object, host: str) -> None:
    context = browser.new_context(viewport=DESKTOP, permissions=["clipboard-read", "clipboard-write"])
    try:
        page, _ = load(context, host, f"{PAGE}?afspraken={','.join(CHOSEN)}")
        page.click('[data-ib-actie="tekst"]')
        page.wait_for_function("document.querySelector('[data-ib-melding]').textContent !== ''")
        assert page.inner_text("[data-ib-melding]") == "De agenda staat als tekst op je klembord."
        text = page.evaluate("navigator.clipboard.readText()")
        for agreement in AGREEMENTS:
            assert (agreement.text("tekst", "nl") in text) == (agreement.id in CHOSEN), agreement.id
        assert "/afsprakenmaker/?afspraken=" in text and source_urls(CHOSEN[0])[0] in text
    finally:
        context.close()


@pytest_browser
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "phone"])
def test_page_with_a_choice_has_no_wcag_violations_and_works_by_keyboard(
    browser: object, host: str, lang: str, viewport: dict[str, int]
) -> None:
    context = browser.new_context(viewport=viewport)
    try:
        path = f"{LANGUAGES[lang]}{PAGE}?factor=werk&afspraken={','.join(CHOSEN)}"
        page, _ = load(context, host, path)
        page.wait_for_selector("[data-ib-agenda-vol]:not([hidden])")
        violations = axe(page, f"/{path} at {viewport['width']} px")
        assert not violations, describe(violations)
        walk = walk_with_tab(page, limit=600)
        assert not walk.problems, describe(walk.problems)
        assert len(walk.stops) > 20, f"only {len(walk.stops)} Tab stops"
    finally:
        context.close()


def _pdf_text(data: bytes) -> str:
    result = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, timeout=60, check=True)
    return result.stdout.decode("utf-8")


def _docx(data: bytes) -> dict[str, object]:
    import docx

    document = docx.Document(io.BytesIO(data))
    headings = [
        p.text for p in document.paragraphs if p.style is not None and p.style.name.startswith(("Heading", "Title"))
    ]
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return {"headings": headings, "text": "\n".join(texts), "tables": len(document.tables)}
