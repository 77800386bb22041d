"""The affect scorer: several linear models scored in one pass equal each model scored alone; hidden layers."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from poise.errors import ModelError
from poise.reading.affect import AffectScorer, HiddenLayer
from poise.reading.features import word_tokens
from poise.reading.linear import LinearModel, tfidf_rows

SPEC = {"word_max_n": 2, "char_min_n": 3, "char_max_n": 5}
TEXTS = ["my order never came", "thanks, great help", "order order order!!", "zzz", "never again"]


def _model(vocab: list[str], labels: list[str], seed: int, output: str = "sigmoid",
           spec: dict[str, int] = SPEC) -> LinearModel:
    rng = np.random.default_rng(seed)
    return LinearModel(vocab, rng.uniform(1, 3, len(vocab)), rng.normal(size=(len(vocab), len(labels))),
                       rng.normal(size=len(labels)), labels, np.full(len(labels), 0.5),
                       {"features": spec, "output": output})


def test_affect_scorer_merges_different_vocabularies_exactly() -> None:
    a = _model(["my", "order", "never", "never came", "#ord", "#rder", "#ver "], ["x", "y"], 1)
    b = _model(["thanks", "order", "#hank", "!!", "#ord", "again"], ["neg", "neu", "pos"], 2, output="softmax")
    scorer = AffectScorer({"a": a, "b": b})
    merged = scorer.probabilities([word_tokens(t.lower()) for t in TEXTS])
    for name, model in (("a", a), ("b", b)):
        np.testing.assert_allclose(merged[name], model.predict_proba(TEXTS), atol=1e-6)


def test_affect_scorer_refuses_models_with_different_features() -> None:
    a = _model(["my"], ["x"], 1)
    b = _model(["my"], ["y"], 2, spec={"word_max_n": 1})
    with pytest.raises(ModelError, match="different feature specs"):
        AffectScorer({"a": a, "b": b})


def _hidden(model: LinearModel, rows: list[int], units: int, seed: int) -> HiddenLayer:
    rng = np.random.default_rng(seed)
    return HiddenLayer(np.array(rows, dtype=np.int64), rng.normal(size=(len(rows), units)).astype(np.float32),
                       None, rng.normal(size=units).astype(np.float32),
                       rng.normal(size=(units, len(model.labels))).astype(np.float32),
                       rng.normal(size=len(model.labels)).astype(np.float32))


def _reference_logits(model: LinearModel, layer: HiddenLayer, texts: list[str]) -> np.ndarray:
    """Linear logits plus relu(x W + b) U + c, with x the message's dense l2-normalised tf-idf vector."""
    grams = [model.analyzer(t) for t in texts]
    docs, ids, vals = tfidf_rows(grams, model.index, model.idf[:, None])
    x = np.zeros((len(texts), len(model.vocab)), dtype=np.float32)
    x[docs, ids] = vals[:, 0]
    w_in = np.zeros((len(model.vocab), layer.weights.shape[1]), dtype=np.float32)
    w_in[layer.rows] = layer.weights
    logits: np.ndarray = model.logits_from_grams(grams) + np.maximum(x @ w_in + layer.bias, 0) @ layer.out \
        + layer.out_bias
    return logits


def test_affect_scorer_adds_a_hidden_layer_exactly() -> None:
    a = _model(["my", "order", "never", "never came", "#ord", "#rder", "#ver "], ["x", "y"], 1)
    b = _model(["thanks", "order", "#hank", "!!", "#ord", "again"], ["neg", "neu", "pos"], 2, output="softmax")
    layer = _hidden(a, [0, 1, 3, 5], units=4, seed=3)
    scorer = AffectScorer({"b": b, "a": a}, {"a": layer})
    tokens = [word_tokens(t.lower()) for t in TEXTS]
    np.testing.assert_allclose(scorer.logits(tokens)[:, scorer.columns["a"]], _reference_logits(a, layer, TEXTS),
                               atol=1e-5)
    np.testing.assert_allclose(scorer.probabilities(tokens)["b"], b.predict_proba(TEXTS), atol=1e-6)


def test_hidden_layer_round_trips_through_the_model_file(tmp_path: Path) -> None:
    model = _model(["my", "order", "never", "#ord"], ["x", "y"], 1)
    path = tmp_path / "m.npz"
    model.save(path)
    assert HiddenLayer.load(path) is None
    layer = _hidden(model, [0, 2, 3], units=3, seed=4)
    layer.save_into(path)
    loaded = HiddenLayer.load(path)
    assert loaded is not None
    assert loaded.rows.tolist() == [0, 2, 3]
    scale = np.abs(layer.weights).max(axis=0) / 127.0
    assert np.abs(loaded.weights - layer.weights).max() <= scale.max() / 2 + 1e-6  # int8 rounding only
    np.testing.assert_array_equal(loaded.out, layer.out)
    np.testing.assert_array_equal(LinearModel.load(path).weights, model.weights.astype(np.float16))
