"""Emotions: the shipped model's figures on GoEmotions, hand-written examples, ranges, batch == single.

Also checks poise/reading/affect.py (three models scored in one pass) against each model scored alone.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from poise.reading import complaint, emotions, sentiment
from poise.reading.affect import AFFECT_MODELS, AffectScorer, HiddenLayer, shipped_scorer
from poise.reading.linear import MODELS_DIR, shipped_model
from poise.reading.pipeline import Parse, Reader
from poise.reading.reading import EMOTION_LABELS
from poise.reading.training.emotions import evaluate, merge_members

# Figures of the shipped model, as reported in docs/eval/emotions-sentiment-complaint.md.
REPORTED = {
    ("dev", "desk"): 0.5452, ("dev", "all"): 0.5296,
    ("test", "desk"): 0.5268, ("test", "all"): 0.4866,
}
REPORTED_TEST_F1 = {"anger": 0.474, "gratitude": 0.913}

TEXTS = [
    "thank you so much for sorting this out!",
    "I'm so confused, what does this charge even mean?",
    "this is absolutely ridiculous, I am furious",
    "I'm scared someone has access to my account",
    "What time do you open on Saturday?",
    "ok",
    "!!!",
    "my order still hasn't arrived 😡",
]


@pytest.fixture(scope="module")
def reader() -> Reader:
    return Reader([emotions.component, sentiment.component, complaint.component])


@pytest.mark.parametrize(("text", "label"), [
    ("thank you so much for sorting this out!", "gratitude"),
    ("thanks a lot, really appreciate it", "gratitude"),
    ("I'm so confused, what does this charge even mean?", "confusion"),
    ("I'm scared someone has access to my account", "fear"),
    ("I am so angry right now, this is outrageous", "anger"),
    ("What time do you open on Saturday?", "neutral"),
])
def test_emotions_hand_written_examples_cross_their_threshold(reader: Reader, text: str, label: str) -> None:
    assert reader.read(text).emotions[label] >= 0.5


@pytest.mark.parametrize("text", ["What time do you open on Saturday?", "please update my phone number"])
def test_emotions_plain_request_is_not_angry(reader: Reader, text: str) -> None:
    assert reader.read(text).emotions["anger"] < 0.5


def test_emotions_cover_every_goemotions_label_within_unit_interval(reader: Reader) -> None:
    for reading in reader.read_many(TEXTS):
        assert not isinstance(reading, Exception)
        assert set(EMOTION_LABELS) <= set(reading.emotions)
        assert len(reading.emotions) == 28
        assert all(0.0 <= p <= 1.0 for p in reading.emotions.values())


def test_emotions_batch_equals_single(reader: Reader) -> None:
    batch = list(Reader(reader.components, batch_size=3).read_many(TEXTS))
    for text, reading in zip(TEXTS, batch):
        assert not isinstance(reading, Exception)
        single = reader.read(text)
        assert single.emotions == pytest.approx(reading.emotions, abs=1e-6)
        assert single.complaint == pytest.approx(reading.complaint, abs=1e-6)
        assert single.sentiment.score == pytest.approx(reading.sentiment.score, abs=1e-6)


def test_affect_scorer_equals_each_model_alone() -> None:
    parses = [Parse.of(t) for t in TEXTS]
    merged = shipped_scorer().probabilities([p.tokens for p in parses])
    for name in ("sentiment", "complaint"):
        model = shipped_model(name)
        alone = model.probabilities_from_grams([model.analyzer.grams_from_tokens(p.tokens) for p in parses])
        np.testing.assert_allclose(merged[name], alone, atol=1e-5)
    layer = HiddenLayer.load(MODELS_DIR / "emotions.npz")
    assert layer is not None  # the shipped emotions model carries its hidden layer
    alone = AffectScorer({"emotions": shipped_model("emotions")}, {"emotions": layer}).probabilities(
        [p.tokens for p in parses])["emotions"]
    np.testing.assert_allclose(merged["emotions"], alone, atol=1e-5)


def test_affect_models_are_small() -> None:
    folder = Path(emotions.__file__).parent / "models"
    total = sum((folder / f"{name}.npz").stat().st_size for name in AFFECT_MODELS)
    # four models (emotions, sentiment, complaint, claim kinds); every shipped model together stays <= 30 MB
    assert total <= 9 * 1024 * 1024
    assert sum(f.stat().st_size for f in folder.iterdir()) <= 30 * 1000 * 1000


@pytest.mark.parametrize("split", ["dev", "test"])
def test_emotions_shipped_model_reproduces_reported_figures(shared_data: Path, split: str) -> None:
    desk, every = evaluate(shared_data, split)
    assert (round(desk.macro_f1, 4), round(every.macro_f1, 4)) == pytest.approx(
        (REPORTED[(split, "desk")], REPORTED[(split, "all")]), abs=0.002)
    if split == "test":
        f1 = {s.label: s.f1 for s in desk.labels}
        assert {k: f1[k] for k in REPORTED_TEST_F1} == pytest.approx(REPORTED_TEST_F1, abs=0.002)


def test_merged_hidden_members_score_the_mean_of_their_logits() -> None:
    """Averaged networks ship as one wider layer: its logits must be the mean of the members' own logits."""
    rng = np.random.default_rng(0)
    rows = np.array([1, 3, 4])
    states = [{"weights": rng.normal(size=(3, 4)), "bias": rng.normal(size=4), "out": rng.normal(size=(4, 2)),
               "out_bias": rng.normal(size=2), "dense": np.zeros((1, 4))} for _ in range(3)]
    x = rng.random((5, 3))

    def logits(w: np.ndarray, b: np.ndarray, out: np.ndarray, out_bias: np.ndarray) -> np.ndarray:
        return np.maximum(x @ w + b, 0.0) @ out + out_bias

    merged = merge_members(rows, states)
    expected = np.mean([logits(s["weights"], s["bias"], s["out"], s["out_bias"]) for s in states], axis=0)
    np.testing.assert_allclose(logits(merged.weights, merged.bias, merged.out, merged.out_bias), expected,
                               rtol=1e-10)
    assert merged.weights.shape == (3, 12) and merged.rows is rows
