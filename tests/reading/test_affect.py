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


# The word table: whole-word sums, word pairs found by rows, the "#" token, the shipped precomputed file.

HASH_VOCAB = ["my", "order", "#", "# ab", "ab", "ab cd", "cd", "order order", "#ord", "#rde", "#ab ", "# ab",
              "#ana", "banana", "never came", "came", "never"]


def test_word_sums_with_repeated_features_pairs_and_hash_tokens_equal_plain_tf_idf() -> None:
    vocab = list(dict.fromkeys(HASH_VOCAB))
    model = _model(vocab, ["x", "y", "z"], 5)
    texts = ["# ab cd", "banana banana ab # ab", "order order order", "never came # # ab", "#ab", "",
             "cd ab # cd", "my order never came"]
    scorer = AffectScorer({"m": model})
    np.testing.assert_allclose(scorer.probabilities([word_tokens(t.lower()) for t in texts])["m"],
                               model.predict_proba(texts), atol=1e-6)


def test_word_table_starting_again_past_its_cap_changes_no_score(monkeypatch: pytest.MonkeyPatch) -> None:
    from poise.reading import wordtable

    model = _model(list(dict.fromkeys(HASH_VOCAB)), ["x"], 6)
    scorer = AffectScorer({"m": model})
    texts = [f"word{i} order{i} never came ab cd" for i in range(40)]
    expected = model.predict_proba(texts)
    monkeypatch.setattr(wordtable, "MAX_WORDS", scorer._words.paired + 10)
    got = np.concatenate([scorer.probabilities([word_tokens(t) for t in texts[i:i + 4]])["m"]
                          for i in range(0, len(texts), 4)])
    np.testing.assert_allclose(got, expected, atol=1e-6)
    assert len(scorer._words.row_of) <= scorer._words.paired + 10


def test_block_sums_equal_a_loop_and_give_zero_rows_for_empty_blocks() -> None:
    from poise.reading.wordtable import block_sums

    rng = np.random.default_rng(0)
    lengths = np.array([3, 0, 1, 3, 2, 0, 5])
    values = rng.normal(size=(int(lengths.sum()), 4)).astype(np.float32)
    starts = np.cumsum(lengths) - lengths
    expected = np.array([values[s:s + n].sum(axis=0) for s, n in zip(starts, lengths)])
    np.testing.assert_allclose(block_sums(values, lengths), expected, atol=1e-6)


def test_shipped_word_table_file_matches_the_shipped_vocabulary() -> None:
    """A retrained vocabulary without a rebuilt affect_words.npz would still score right, but load slowly."""
    from poise.reading.affect import shipped_scorer
    from poise.reading.wordtable import WORD_TABLE_FILE, fingerprint

    scorer = shipped_scorer()
    with np.load(WORD_TABLE_FILE) as z:
        assert str(z["fingerprint"]) == fingerprint(scorer.index, scorer.char_range, scorer.word_max_n)


def test_a_stale_word_table_file_is_ignored_and_the_table_computed(tmp_path: Path) -> None:
    from poise.reading.wordtable import WordTable, write_word_table

    model = _model(list(dict.fromkeys(HASH_VOCAB)), ["x"], 7)
    other = _model(["my", "order", "zz"], ["x"], 8)
    path = write_word_table(other.index, (3, 5), 2, tmp_path / "words.npz")
    table = WordTable(model.index, (3, 5), 2, np.ones((len(model.vocab), 1), dtype=np.float32), path)
    assert set(table.row_of) >= {"banana", "#", "ab", "cd", "came"}


def test_one_message_scores_as_in_a_batch() -> None:
    """A single read() takes its own path (fewer numpy calls): same scores as the message in a batch."""
    vocab = list(dict.fromkeys(HASH_VOCAB))
    model = _model(vocab, ["x", "y", "z"], 5)
    texts = ["# ab cd", "banana banana ab # ab", "order order order", "never came # # ab", "#ab", "", "zzz",
             "cd ab # cd", "my order never came", "ab"]
    scorer = AffectScorer({"m": model, "s": _model(vocab, ["a", "b"], 6, output="softmax")})
    token_lists = [word_tokens(t.lower()) for t in texts]
    batch = scorer.probabilities(token_lists)
    reference = model.predict_proba(texts)
    for i, tokens in enumerate(token_lists):
        one = scorer.probabilities([tokens])
        for name in ("m", "s"):
            np.testing.assert_array_equal(one[name][0], batch[name][i])
        np.testing.assert_allclose(one["m"][0], reference[i], atol=1e-6)


def test_linear_model_one_message_equals_the_batch() -> None:
    model = _model(["my", "order", "never", "came", "order never", "again"], ["x", "y"], 7,
                   spec={"word_max_n": 2})
    grams = [model.analyzer(t) for t in ["my order never came", "order order order", "zzz", "", "again and again"]]
    batch = model.logits_from_grams(grams)
    for i, g in enumerate(grams):
        np.testing.assert_array_equal(model.logits_from_grams([g])[0], batch[i])
