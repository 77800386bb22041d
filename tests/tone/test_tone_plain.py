"""Plain-language measures in poise.reading.plain (shared by the drafter and the tone guard)."""
from __future__ import annotations

import pytest

from poise.reading.plain import count_syllables, count_words, flesch_kincaid_grade, sentence_spans, sentences


@pytest.mark.parametrize(("word", "syllables"), [
    ("the", 1), ("make", 1), ("table", 2), ("refunded", 3), ("shipped", 1), ("boxes", 2), ("courier", 2),
    ("beautiful", 3), ("14", 1), ("don't", 1), ("", 0),
])
def test_count_syllables(word: str, syllables: int) -> None:
    assert count_syllables(word) == syllables


@pytest.mark.parametrize(("text", "n"), [
    ("", 0), ("Hi Sam, it's here.", 4), ("A follow-up on order 5521.", 5), ("  ...  ", 0),
])
def test_count_words(text: str, n: int) -> None:
    assert count_words(text) == n


def test_sentences_split_on_ends_and_lines_but_not_abbreviations_or_list_numbers() -> None:
    text = "Hi Sam, e.g. this one. It's 2.5 kg! Is it?\n1. Open the app\n2. Tap Orders"
    assert sentences(text) == ["Hi Sam, e.g. this one.", "It's 2.5 kg!", "Is it?", "1. Open the app",
                               "2. Tap Orders"]
    assert sentence_spans("  One. Two.") == [(2, 6), (7, 11)]


@pytest.mark.parametrize(("text", "grade"), [
    ("", 0.0),
    ("I sent it today. It will be there by Friday.", 0.52),  # 10 words, 2 sentences, 12 syllables,
    ("Consequently, reimbursement necessitates comprehensive documentation substantiating the deficiency.",
     33.25),  # 8 words, 31 syllables (heuristic)
])
def test_flesch_kincaid_grade(text: str, grade: float) -> None:
    assert flesch_kincaid_grade(text) == grade
