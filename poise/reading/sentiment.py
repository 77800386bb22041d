"""Sentiment: negative / neutral / positive, with a score in [-1, 1].

A three-way softmax model trained on GoEmotions' sentiment groups and on customer review sentences
(poise/reading/training/sentiment.py). The score is p(positive) - p(negative); the label is the most
probable class (the negative class's bias was tuned on GoEmotions dev for negative-vs-rest F1).
"""
from __future__ import annotations

from poise.reading import pipeline
from poise.reading.affect import affect_scores, shipped_scorer
from poise.reading.pipeline import Parse
from poise.reading.reading import Sentiment


def sentiment_of(probs: dict[str, float]) -> Sentiment:
    """Label and score from class probabilities {"negative", "neutral", "positive"}."""
    label = max(probs, key=lambda k: probs[k])
    score = min(1.0, max(-1.0, probs["positive"] - probs["negative"]))
    return Sentiment(label, score)


@pipeline.component("sentiment", assigns=("sentiment",))
def component(parses: list[Parse]) -> None:
    """Assign `sentiment` (poise.reading.reading.Sentiment)."""
    labels = shipped_scorer().models["sentiment"].labels
    for p, scores in zip(parses, affect_scores(parses)):
        p.values["sentiment"] = sentiment_of(dict(zip(labels, scores["sentiment"])))
