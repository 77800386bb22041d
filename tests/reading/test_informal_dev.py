"""Regression floors on the informal development set (what the desk cues and informal rules were tuned on).

The floors sit about 0.05 under the figures measured on 2026-11-25 (sentiment: 2026-12-07) (`python tests/reading/informal_dev_score.py`):
a change that loses them undoes informal-reading work. They are not quality claims (the set was tuned on); the
blind set's figures are (test_informal_blind.py).
"""
from __future__ import annotations

import pytest
from informal_dev_score import load, score

FLOORS = {"complaint_acc": 0.83, "complaint_f1": 0.86, "sentiment_neg_f1": 0.81, "intent_acc": 0.58,
          "upset_f1": 0.80, "claims_f1": 0.78, "stakes_f1": 0.90, "abuse_acc": 0.90}


@pytest.fixture(scope="module")
def figures() -> dict[str, float]:
    return score(*load())


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_informal_dev_figure_stays_above_its_floor(figures: dict[str, float], metric: str) -> None:
    assert figures[metric] >= FLOORS[metric], f"{metric} {figures[metric]:.3f} < {FLOORS[metric]}"


def test_upset_reads_informal_anger_far_better_than_the_goemotions_emotions(figures: dict[str, float]) -> None:
    """Why Reading.upset exists: GoEmotions anger/annoyance miss most annoyed customers on this set."""
    assert figures["upset_f1"] > figures["anger_emotions_f1"] + 0.3
