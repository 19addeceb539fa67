"""Readability gate: every Dutch chapter averages at most 15 words per sentence
(scripts/readability.py, which also reports the Flesch-Douma score)."""

from __future__ import annotations

import pytest
from inspiratieboek.quality.readability import (
    DOCS,
    MAX_WORDS_PER_SENTENCE,
    dutch_chapters,
    score_text,
    sentences,
    syllables,
    text_blocks,
)

CHAPTERS = dutch_chapters()


def test_there_are_chapters_to_check() -> None:
    names = {p.relative_to(DOCS).as_posix() for p in CHAPTERS}
    assert {"index.md", "factoren/werk.md", "waarom-wonen-en-gezondheid.md"} <= names
    assert not [n for n in names if n.endswith(".en.md") or n.startswith("voorbeelden/")]


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_chapter_averages_at_most_15_words_per_sentence(chapter: object) -> None:
    score = score_text(chapter.name, chapter.read_text(encoding="utf-8"))
    assert score.sentences > 0
    assert score.words_per_sentence <= MAX_WORDS_PER_SENTENCE, (
        f"{chapter}: {score.words_per_sentence:.1f} woorden per zin (Flesch-Douma {score.flesch_douma:.0f})"
    )


# --- The measure itself ---------------------------------------------------------------


def test_long_sentences_fail_the_limit() -> None:
    long = " ".join(["Dit is een zin die veel te lang doorgaat met woorden"] * 3) + "."
    score = score_text("lang.md", f"# Titel\n\n{long}\n")
    assert score.sentences == 1 and score.words == 33
    assert score.words_per_sentence > MAX_WORDS_PER_SENTENCE


def test_text_is_paragraphs_and_list_items_without_headings_code_or_markers() -> None:
    text = (
        "---\ndescription: Niet tellen.\n---\n\n# Kop telt niet\n\nEen [link](x.md) telt als woord.\n\n"
        "- Een punt zonder punt\n- Nog een.\n\n```\ncode telt niet\n```\n\n<!-- voorbeelden factor=werk -->\n"
    )
    assert text_blocks(text) == ["Een link telt als woord.", "Een punt zonder punt", "Nog een."]


def test_sentences_split_at_a_full_stop_before_a_capital_only() -> None:
    assert sentences("Ze helpt bijv. de buren. Dat werkt! Echt? Ja, in 2024.") == [
        "Ze helpt bijv. de buren.",
        "Dat werkt!",
        "Echt?",
        "Ja, in 2024.",
    ]


@pytest.mark.parametrize(
    ("word", "count"),
    [("werk", 1), ("huurders", 2), ("woningcorporatie", 6), ("geïnteresseerd", 5), ("ideeën", 3), ("bijvoorbeeld", 3)],
)
def test_dutch_syllable_estimate(word: str, count: int) -> None:
    assert syllables(word) == count


def test_flesch_douma_formula() -> None:
    # 2 sentences, 6 words, 10 syllables (huur-ders wo-nen hier zij be-ta-len huur)
    score = score_text("x.md", "Huurders wonen hier. Zij betalen huur.\n")
    assert (score.sentences, score.words, score.syllables) == (2, 6, 10)
    assert score.flesch_douma == pytest.approx(206.835 - 0.93 * 3 - 77 * 10 / 6)
