"""The affect scorer: several linear models scored in one pass equal each model scored alone."""
from __future__ import annotations

import numpy as np
import pytest

from poise.errors import ModelError
from poise.reading.affect import AffectScorer
from poise.reading.features import word_tokens
from poise.reading.linear import LinearModel

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
