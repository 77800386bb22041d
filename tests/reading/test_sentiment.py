"""Sentiment: label and score contract, hand-written examples, batch == single, figures on GoEmotions."""
from __future__ import annotations

from pathlib import Path

import pytest

from poise.reading import sentiment
from poise.reading.pipeline import Reader
from poise.reading.reading import Sentiment
from poise.reading.sentiment import sentiment_of
from poise.reading.training.sentiment import evaluate

# Negative-vs-rest F1 of the shipped model, as reported in docs/eval/emotions-sentiment-complaint.md.
REPORTED_NEGATIVE_F1 = {"dev": 0.6185, "test": 0.6256}
REPORTED_VADER_F1 = {"dev": 0.5531, "test": 0.572}


@pytest.fixture(scope="module")
def reader() -> Reader:
    return Reader([sentiment.component])


@pytest.mark.parametrize(("text", "label"), [
    ("This is terrible, I want my money back", "negative"),
    ("worst service ever, never again", "negative"),
    ("the parcel arrived broken and nobody replies", "negative"),
    ("I love it, thank you so much!", "positive"),
    ("great service, will definitely order again", "positive"),
    ("What are your opening hours on Sunday?", "neutral"),
])
def test_sentiment_hand_written_examples(reader: Reader, text: str, label: str) -> None:
    result = reader.read(text).sentiment
    assert result.label == label
    assert (result.score < 0) if label == "negative" else (result.score > 0) if label == "positive" else True


@pytest.mark.parametrize("text", ["ok", "!!!", "😡😡😡", "I hate this but thanks for trying", "x" * 5000])
def test_sentiment_label_and_score_within_contract(reader: Reader, text: str) -> None:
    result = reader.read(text).sentiment
    assert result.label in ("negative", "neutral", "positive")
    assert -1.0 <= result.score <= 1.0


def test_sentiment_of_takes_most_probable_class_and_signed_difference() -> None:
    assert sentiment_of({"negative": 0.7, "neutral": 0.2, "positive": 0.1}) == Sentiment("negative", pytest.approx(-0.6))
    assert sentiment_of({"negative": 0.1, "neutral": 0.3, "positive": 0.6}) == Sentiment("positive", pytest.approx(0.5))


def test_sentiment_batch_equals_single(reader: Reader) -> None:
    texts = ["awful", "lovely, thanks", "where is the nearest store", "meh"]
    batch = list(Reader([sentiment.component], batch_size=3).read_many(texts))
    for text, reading in zip(texts, batch):
        assert not isinstance(reading, Exception)
        single = reader.read(text).sentiment
        assert (single.label, single.score) == (reading.sentiment.label, pytest.approx(reading.sentiment.score))


@pytest.mark.parametrize("split", ["dev", "test"])
def test_sentiment_reproduces_reported_negative_f1_beside_vader(shared_data: Path, split: str) -> None:
    report = evaluate(shared_data, split)[0]
    assert report.headline["negative_f1"] == pytest.approx(REPORTED_NEGATIVE_F1[split], abs=0.002)
    # vaderSentiment is in the dev extra, so the peer's figure is always checked beside ours
    assert report.headline["vader_negative_f1"] == pytest.approx(REPORTED_VADER_F1[split], abs=0.001)
