"""Desk sentiment: the valence of a customer's message by the desk's conventions, for English messages about the
business; everything else keeps the sentiment model's reading."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from poise import read
from poise.errors import ModelError
from poise.reading.components import read_before
from poise.reading.desk_sentiment import (
    LABELS,
    SENTIMENT_FEATURES,
    DeskSentimentModel,
    features,
    reads,
    sentiment_inputs,
    shipped_model,
)
from poise.reading.pipeline import Parse


def test_the_shipped_model_matches_its_features_and_was_not_fitted_on_a_sealed_set() -> None:
    model = shipped_model()
    assert len(model.weights) == len(LABELS) and {len(row) for row in model.weights} == {len(SENTIMENT_FEATURES)}
    trained_on = model.meta["trained_on"]
    assert "informal_dev3.yaml" in trained_on
    assert not any(f"informal_blind{n}.yaml" in trained_on for n in (2, 3, 4)), trained_on


@pytest.mark.parametrize(("text", "label"), [
    # a calm, factual problem report is neutral by the desk's conventions, however bad the news
    ("Hi, I think there is a mistake on my bill, I was charged twice for November. Could you look into it please?",
     "neutral"),
    ("charged me TWICE again. sort it out now, this is a joke", "negative"),
    ("your useless app crashed again and deleted my order, absolutely fuming", "negative"),
    ("the new kettle arrived quickly and works perfectly, thanks!", "positive"),
])
def test_reads_the_desks_valence(text: str, label: str) -> None:
    reading = read(text)
    assert reading.sentiment.label == label, reading.sentiment
    assert -1.0 <= reading.sentiment.score <= 1.0


def test_sarcasm_around_a_failure_stays_negative() -> None:
    reading = read("Thanks @flyjetta for losing my bag AND charging me £60 to check it in. Class act")
    assert "praise_with_failure" in reading.extra["cues"] and reading.sentiment.label == "negative"


@pytest.mark.parametrize(("text", "expected"), [
    ("my parcel never arrived and nobody answers the phone", True),   # a claim: about the business
    ("lol that referee was blind, worst game of the season", False),  # chat: the sentiment model's reading stays
    ("Mi pedido no ha llegado y nadie contesta", False),              # another language: the phrase lists' reading
])
def test_reads_only_english_messages_about_the_business(text: str, expected: bool) -> None:
    parse = Parse.of(text)
    read_before([parse], "desk_sentiment")
    assert reads(parse) is expected


def test_features_turn_probabilities_into_log_odds_and_keep_cues() -> None:
    parse = Parse.of("where is my order??")
    read_before([parse], "desk_sentiment")
    from poise.reading.affect import affect_scores

    inputs = sentiment_inputs(parse, affect_scores([parse])[0])
    x = features([inputs])
    assert x.shape == (1, len(SENTIMENT_FEATURES))
    assert x[0, SENTIMENT_FEATURES.index("question")] == 1.0 and x[0, SENTIMENT_FEATURES.index("marks")] == 1.0
    probs = shipped_model().probabilities(x)
    assert probs.shape == (1, 3) and probs.sum() == pytest.approx(1.0)


def test_a_damaged_model_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "desk_sentiment.json"
    path.write_text(json.dumps({"labels": list(LABELS), "features": ["complaint"], "weights": [[1.0]] * 3,
                                "bias": [0, 0, 0]}), encoding="utf-8")
    with pytest.raises(ModelError, match="desk_sentiment"):
        DeskSentimentModel.load(path)


def test_fitting_again_reproduces_the_shipped_model() -> None:
    """Fails when a component upstream changed and desk_sentiment.json was not refitted:
    `python -m poise.reading.training.desk_sentiment`."""
    pytest.importorskip("sklearn", reason="fitting needs the train extra (scikit-learn)")
    from poise.reading.training.desk_sentiment import fit, labelled_set
    from poise.reading.training.upset import TRAINING_SETS

    model, held = fit([labelled_set(name) for name, _ in TRAINING_SETS])
    shipped = shipped_model()
    assert model.meta["C"] == shipped.meta["C"]
    for row, shipped_row in zip(model.weights, shipped.weights):
        assert row == pytest.approx(shipped_row, abs=0.02)
    # held out, every set reads better than the Reading without the desk model
    assert all(f["after_accuracy"] > f["before_accuracy"] for f in held[model.meta["C"]])


def test_read_before_names_an_unknown_component() -> None:
    with pytest.raises(ValueError, match="no reading component"):
        read_before([Parse.of("hi")], "sentiment_v2")
