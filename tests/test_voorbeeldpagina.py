"""What a reader sees on an example page in the browser (issue #13): the facts box
answers "what kind, is it still running, did it work, whom do I ask" at the top, and
each lesson says whether it comes from the source or from the editors."""

from __future__ import annotations

import pytest
from conftest import ROOT
from inspiratieboek.data.records import load_catalog

pytestmark = pytest.mark.browser

CATALOG = load_catalog(ROOT / "data")
LABELS = {
    "nl": ("Soort voorbeeld", "Status", "Resultaat", "Meer weten?", "Wat je ervan kunt leren"),
    "en": ("Kind of example", "Status", "Result", "Want to know more?", "What you can learn from it"),
}


def example_with_contact() -> str:
    return next(r.id for r in CATALOG.records if r.get("contact") and r.get("resultaten"))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_facts_box_comes_first_and_answers_the_readers_questions(page: object, base_url: str, lang: str) -> None:
    record = next(r for r in CATALOG.records if r.id == example_with_contact())
    vocab = CATALOG.vocab
    prefix = "en/" if lang == "en" else ""
    page.goto(f"{base_url}{prefix}voorbeelden/{record.id}/")
    box = page.locator(".ib-kenmerken")
    assert box.is_visible()
    text = box.inner_text()
    kind, status, result, ask, lessons = LABELS[lang]
    for label, value in (
        (kind, vocab.soorten_voorbeeld[record.get("soort_voorbeeld")].name(lang)),
        (status, vocab.statussen[record.get("status")].name(lang)),
        (result, vocab.resultaatsoorten[record.get("resultaat_soort")].name(lang)),
        (ask, record.get("contact")["naam"]),
    ):
        assert label in text and value in text, (label, value, text)
    # The box sits above the approach: the reader meets the answers before the story.
    box_top = box.bounding_box()["y"]
    approach_top = page.locator("h2").first.bounding_box()["y"]
    assert box_top < approach_top
    # The contact link leads to the organisation's public page.
    assert page.locator(".ib-kenmerken a.ib-contact").get_attribute("href") == record.get("contact")["url"]
    # The result kind jumps to the results section.
    page.locator(".ib-kenmerken dd a[href^='#']").click()
    assert page.evaluate("location.hash") in {"#resultaten", "#results"}
    # Every lesson is shown with where it comes from.
    items = page.locator("ul.ib-lessen li")
    assert items.count() == len(record.get("lessen"))
    page.get_by_role("heading", name=lessons).wait_for()
    for index, lesson in enumerate(record.get("lessen")):
        origin = vocab.herkomsten[lesson["herkomst"]].name(lang).lower()
        assert origin in items.nth(index).inner_text()
