"""Emotions: a probability for each of the 28 GoEmotions labels (multi-label).

The model is trained on GoEmotions (poise/reading/training/emotions.py); each label's dev-tuned decision
threshold is folded into its bias, so p >= 0.5 means "this emotion is expressed" for every label.
"""
from __future__ import annotations

from poise.reading import pipeline
from poise.reading.affect import affect_scores, shipped_scorer
from poise.reading.pipeline import Parse


@pipeline.component("emotions", assigns=("emotions",))
def component(parses: list[Parse]) -> None:
    """Assign `emotions`: label -> probability in [0, 1], all 28 GoEmotions labels."""
    labels = shipped_scorer().models["emotions"].labels
    for p, scores in zip(parses, affect_scores(parses)):
        p.values["emotions"] = dict(zip(labels, scores["emotions"]))
