"""The real collection holds what a reader needs (issues #13 and #14).

Counted on the committed records in ``data/voorbeelden/`` (no build needed), so a
change that drops a factor, a province or the agreements below the minimum fails
here with the count in the message.
"""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import ROOT
from inspiratieboek.data.records import Record, load_catalog

CATALOG = load_catalog(ROOT / "data")
RECORDS = CATALOG.records
COPY_SITES = (
    "5dok.",
    "docplayer.",
    "lawinsider.",
    "rssing.com",
    "waarmaarraar.",
    "maurik.info",
    "adoc.pub",
    "fdocuments.",
)
"""Sites that copy or feed other publishers' documents: a record cites the original."""

MAIN_FACTOR_MINIMUM = {
    "bestaanszekerheid": 22,
    "leefomstandigheden": 26,
    "sociaal-kapitaal": 20,
    "werk": 15,
}
HOUSING_THEME_MINIMUM = {"vocht-en-schimmel": 6, "energiearmoede": 5, "klimaat": 3, "woningkwaliteit": 6}


def main(factor: str) -> list[Record]:
    return [r for r in RECORDS if r.main_factor == factor]


def kind(record: Record) -> str:
    return str(record.get("soort_voorbeeld"))


def partner_kinds(record: Record) -> set[str]:
    return {o.get("soort") for o in record.get("organisaties") or []}


# --- Issue #13: every example answers the reader's questions ---------------------------


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r.id)
def test_record_states_kind_status_result_and_a_lesson(record: Record) -> None:
    assert kind(record) in CATALOG.vocab.soorten_voorbeeld
    assert record.get("status") in CATALOG.vocab.statussen
    assert record.get("resultaat_soort") in CATALOG.vocab.resultaatsoorten
    lessons = record.get("lessen") or []
    assert lessons and all(item.get("tekst") and item.get("herkomst") for item in lessons)


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r.id)
def test_record_cites_no_copy_or_feed_site(record: Record) -> None:
    text = record.path.read_text(encoding="utf-8").casefold()
    assert [site for site in COPY_SITES if site in text] == []


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r.id)
def test_record_has_english_for_every_text(record: Record) -> None:
    for key in ("titel", "samenvatting", "aanpak", "resultaten", "afspraak", "kosten"):
        if record.get(key):
            assert record.get(f"{key}_en"), key
    assert all(item.get("tekst_en") for item in record.get("lessen") or [])


def test_lessons_are_out_of_the_approach_text() -> None:
    """Lessons have their own field now; the old inline headings must not linger in 'aanpak'."""
    inline = [
        r.id for r in RECORDS if "ervan kunt leren" in str(r.get("aanpak")) or "kun je leren" in str(r.get("aanpak"))
    ]
    assert inline == []


# --- Issue #14: a collection balanced over factors, topics and regions ------------------


def test_at_least_120_real_examples() -> None:
    assert len(RECORDS) >= 120, len(RECORDS)


@pytest.mark.parametrize(("factor", "minimum"), MAIN_FACTOR_MINIMUM.items())
def test_main_factor_minimum(factor: str, minimum: int) -> None:
    assert len(main(factor)) >= minimum, (factor, len(main(factor)))


def test_care_factor_has_twenty_practice_examples_not_programmes() -> None:
    practice = [r for r in main("zorg") if kind(r) == "praktijk"]
    assert len(practice) >= 20, len(practice)


@pytest.mark.parametrize(("theme", "minimum"), HOUSING_THEME_MINIMUM.items())
def test_housing_topics_have_several_living_conditions_examples(theme: str, minimum: int) -> None:
    found = [r.id for r in main("leefomstandigheden") if theme in (r.get("themas") or [])]
    assert len(found) >= minimum, (theme, found)


def test_twenty_real_agreements_with_at_least_three_per_factor() -> None:
    agreements = [r for r in RECORDS if kind(r) == "afspraak"]
    per_factor = Counter(r.main_factor for r in agreements)
    assert len(agreements) >= 20, len(agreements)
    assert all(per_factor[slug] >= 3 for slug in CATALOG.vocab.factoren), per_factor
    assert [r.id for r in agreements if not r.get("afspraak")] == []


def test_every_province_has_two_examples() -> None:
    per_province = Counter(r.get("provincie") for r in RECORDS)
    short = {p: per_province[p] for p in CATALOG.vocab.provincies if p != "landelijk" and per_province[p] < 2}
    assert short == {}, short


def test_tenants_organisations_take_part_in_twelve_examples() -> None:
    found = [r.id for r in RECORDS if "huurdersorganisatie" in partner_kinds(r)]
    assert len(found) >= 12, len(found)


@pytest.mark.parametrize(
    ("field", "value"),
    [("themas", "bewegen"), ("themas", "veiligheid"), ("themas", "leefstijl"), ("doelgroepen", "gezinnen")],
)
def test_exercise_safety_lifestyle_and_families_each_have_three(field: str, value: str) -> None:
    found = [r.id for r in RECORDS if value in (r.get(field) or [])]
    assert len(found) >= 3, (value, found)


def test_a_corporation_takes_part_in_most_practice_examples() -> None:
    practice = [r for r in RECORDS if kind(r) == "praktijk"]
    with_corporation = [r for r in practice if "woningcorporatie" in partner_kinds(r)]
    assert len(with_corporation) >= 0.85 * len(practice), (len(with_corporation), len(practice))
