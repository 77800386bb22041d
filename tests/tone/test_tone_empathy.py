"""The rule-based empathy score on hand-written replies, one dimension at a time."""
from __future__ import annotations

import pytest

from poise.tone.empathy import empathy_levels, score_empathy


@pytest.mark.parametrize(("text", "levels"), [
    ("Your order ships on Friday.", (0, 0, 0)),
    ("I'm sorry your order is late.", (1, 0, 0)),
    ("I'm so sorry to hear about your dad.", (2, 0, 0)),
    ("I understand. Your order ships on Friday.", (0, 1, 0)),
    ("That must be so frustrating after waiting a week.", (0, 2, 0)),
    ("I went through the same thing with my landlord last year.", (0, 2, 0)),
    ("Are you okay?", (0, 0, 1)),
    ("What happened when you tried to log in this morning?", (0, 0, 2)),
    ("Have you tried restarting it?", (0, 0, 0)),
    ("I'm so sorry. That must have been awful. How are you feeling about it now?", (2, 2, 2)),
])
def test_empathy_levels(text: str, levels: tuple[int, int, int]) -> None:
    assert empathy_levels(text) == levels


def test_empathy_score_spans_point_at_the_evidence() -> None:
    text = "Thanks. That must be so frustrating."
    scores = score_empathy(text)
    assert [text[s:e] for s, e in scores["interpretations"].spans] == ["That must be"]
    assert scores["interpretations"].to_dict() == {"level": 2, "score": 0.7, "spans": [[8, 20]]}
    assert scores["explorations"].to_dict() == {"level": 0, "score": 0.0, "spans": []}


def test_empathy_score_grows_with_more_evidence_and_stays_within_one() -> None:
    one = score_empathy("I'm sorry.")["emotional_reactions"].score
    two = score_empathy("I'm sorry. That's awful.")["emotional_reactions"].score
    many = score_empathy("I'm so sorry. My heart goes out to you. Sending hugs. I'm really sad for you.")
    assert (one, two) == (0.35, 0.7)
    assert many["emotional_reactions"].score == 1.0
