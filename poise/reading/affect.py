"""The affect models (emotions, sentiment, complaint) scored together, in one pass over a batch.

The three models read the same features (word 1-2grams and character 3-5grams, `features.py`) over one
shared vocabulary (merged here if they were trained apart), so each message's grams are looked up once for all
three, and one gather and one segmented sum give every model's logits.
A word's own id and its character grams' ids are looked up once and cached (grams never change and words
repeat), so a message costs about one dict lookup per word instead of one per gram. Word pairs are joined and
looked up in C (map over pairwise) without a cache: many pairs of a new message have never been seen, and a
cache miss (a Python call) costs more than the join itself. The features are exactly those of `LinearModel`
(checked by tests/reading/test_emotions.py and tests/reading/test_affect.py).

A model may carry a small hidden layer beside its linear weights (the emotions model does, see `HiddenLayer`):
its input weights ride in the same gathered table, so it costs a few more columns per gram, then one
ReLU and one small matrix product per batch.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path

import numpy as np

from poise.errors import ModelError
from poise.reading.features import word_grams
from poise.reading.linear import (
    MODELS_DIR,
    LinearModel,
    count_by_doc,
    row_sums,
    segment_sum,
    shipped_model,
    sublinear_tf,
    unique_counts,
)
from poise.reading.pipeline import Parse
from poise.reading.wordtable import WordTable

CLAIM_MODEL = "claim_kinds"  # claim kinds the rules miss (poise/reading/claims.py), on the same features
AFFECT_MODELS: tuple[str, ...] = ("emotions", "sentiment", "complaint", CLAIM_MODEL)
_ONE_BLOCK = np.zeros(1, dtype=np.int64)  # row_sums' starts for a single message
_CACHE_KEY = "_affect"  # where a batch's scores wait on each Parse for the next affect component


@dataclass(frozen=True)
class HiddenLayer:
    """A one-hidden-layer network read beside a linear model, over the same tf-idf features.

    logits += relu(x @ weights + e @ dense + bias) @ out + out_bias, where x is the model's l2-normalised
    tf-idf vector (only the vocabulary entries in `rows` carry input weights) and e the message's unit
    sentence vector from the shipped static word vectors (poise/reading/intents/vectors.py), when `dense` is
    given. Stored in the linear model's own .npz under `hidden_*` keys (int8 input weights with one scale
    per hidden unit), so the model stays one file; a file without them has no hidden layer.
    """

    rows: np.ndarray  # vocabulary ids with input weights (int64)
    weights: np.ndarray  # len(rows) x units
    dense: np.ndarray | None  # sentence-vector dims x units, or None
    bias: np.ndarray  # units
    out: np.ndarray  # units x labels
    out_bias: np.ndarray  # labels

    @classmethod
    def from_arrays(cls, z: Mapping[str, np.ndarray]) -> HiddenLayer:
        """The layer from the arrays `arrays` writes."""
        dense = np.asarray(z["hidden_dense"], dtype=np.float32) if "hidden_dense" in z else None
        return cls(np.asarray(z["hidden_rows"], dtype=np.int64),
                   np.asarray(z["hidden_codes"], dtype=np.float32) * np.asarray(z["hidden_scales"], dtype=np.float32),
                   dense, np.asarray(z["hidden_bias"], dtype=np.float32),
                   np.asarray(z["hidden_out"], dtype=np.float32), np.asarray(z["hidden_out_bias"], dtype=np.float32))

    @classmethod
    def load(cls, path: Path) -> HiddenLayer | None:
        """The hidden layer stored in a model file, or None when it has none."""
        try:
            with np.load(path, allow_pickle=False) as z:
                if "hidden_rows" not in z:
                    return None
                return cls.from_arrays({k: z[k] for k in z.files if k.startswith("hidden_")})
        except (KeyError, ValueError, OSError) as exc:
            raise ModelError(f"model file {path} has a damaged hidden layer ({exc})",
                             hint="reinstall poise, or rebuild the models with `poise train`") from exc

    def arrays(self) -> dict[str, np.ndarray]:
        """The arrays to store (input weights as int8 codes times one float scale per hidden unit)."""
        scales = np.abs(self.weights).max(axis=0) / 127.0
        scales[scales == 0] = 1.0
        out = {"hidden_rows": self.rows.astype(np.int32),
               "hidden_codes": np.round(self.weights / scales).astype(np.int8),
               "hidden_scales": scales.astype(np.float32), "hidden_bias": self.bias.astype(np.float32),
               "hidden_out": self.out.astype(np.float32), "hidden_out_bias": self.out_bias.astype(np.float32)}
        if self.dense is not None:
            out["hidden_dense"] = self.dense.astype(np.float16)
        return out

    def save_into(self, path: Path) -> None:
        """Add this layer to an existing model file (written by `LinearModel.save`)."""
        with np.load(path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files if not k.startswith("hidden_")}
        arrays.update(self.arrays())
        np.savez_compressed(path, **arrays)


def sentence_vectors(token_lists: list[list[str]]) -> np.ndarray:
    """Unit sentence vectors from the shipped static word vectors (shared with the intent engine)."""
    from poise.reading.intent import shipped_vectors

    return shipped_vectors().embed(token_lists)


class AffectScorer:
    """Scores several LinearModels that share one feature spec from a single lookup pass per message."""

    def __init__(self, models: dict[str, LinearModel], hidden: dict[str, HiddenLayer] | None = None) -> None:
        specs = {str(sorted(m.analyzer.spec.items())) for m in models.values()}
        if len(specs) != 1:
            raise ModelError(f"affect models {sorted(models)} use different feature specs {sorted(specs)}",
                             hint="retrain them with the same SPEC (poise/reading/training/emotions.py)")
        self.names = list(models)
        self.models = models
        spec = next(iter(models.values())).analyzer.spec
        self.word_max_n = int(spec.get("word_max_n", 2))
        self.char_range = (int(spec.get("char_min_n", 3)), int(spec.get("char_max_n", 0)))
        first = next(iter(models.values()))
        if all(m.index is first.index for m in models.values()):
            index = first.index  # the shipped models share one vocabulary: nothing to merge
        else:
            index = {}
            for m in models.values():
                for g in m.vocab:
                    index.setdefault(g, len(index))
        self.index = index
        self.idf = np.zeros((len(index), len(models)), dtype=np.float32)
        width = sum(len(m.labels) for m in models.values())
        weights = np.zeros((len(index), width), dtype=np.float32)
        self.bias = np.zeros(width, dtype=np.float32)
        self.columns: dict[str, slice] = {}
        self.column_model = np.zeros(width, dtype=np.int64)
        start = 0
        for k, (name, m) in enumerate(models.items()):
            own = np.arange(len(m.vocab))
            rows = own if index is m.index else np.fromiter(
                (index[g] for g in m.vocab), dtype=np.int64, count=len(m.vocab))
            cols = slice(start, start + len(m.labels))
            self.idf[rows, k] = m.idf[own]
            weights[rows, cols] = m.weights[own] * m.idf[own][:, None]  # idf folded in: one multiply less
            self.bias[cols] = m.bias
            self.column_model[cols] = k
            self.columns[name] = cols
            start = cols.stop
        # Hidden layers: their input weights (idf folded in) become more columns of the gathered table.
        self.hidden = {n: h for n, h in (hidden or {}).items() if n in models}
        self.hidden_columns: dict[str, tuple[slice, int]] = {}
        blocks = [weights]
        for name, h in self.hidden.items():
            k = self.names.index(name)
            m = models[name]
            rows = h.rows if index is m.index else np.array([index[m.vocab[r]] for r in h.rows], dtype=np.int64)
            block = np.zeros((len(index), h.weights.shape[1]), dtype=np.float32)
            block[rows] = h.weights * self.idf[rows, k][:, None]
            self.hidden_columns[name] = (slice(start, start + block.shape[1]), k)
            start += block.shape[1]
            blocks.append(block)
        self._idf_squared = self.idf * self.idf
        self.weights = np.hstack(blocks)  # one row per feature: every model's weights, idf folded in
        self._words = WordTable(index, self.char_range, self.word_max_n, self.weights)

    def logits(self, token_lists: list[list[str]]) -> np.ndarray:
        """Raw scores (n x all models' labels) for tokenised, lowercased messages.

        The numerator of every tf-idf dot product is summed from whole words: each word's row (the sum of its
        own feature's and its character grams' weight rows, cached) plus each word pair's row. That counts a
        feature seen c times c times; tf-idf counts it 1 + ln(c) (sublinear tf), so the few features seen more
        than once in a message get a correction row. The norms come from the exact counts of every feature
        (one sort of the ids), so the result is what scikit-learn's tf-idf gives, up to float rounding.
        """
        n_docs = len(token_lists)
        flat = list(chain.from_iterable(token_lists))
        token_docs = np.repeat(np.arange(n_docs, dtype=np.int64),
                               np.fromiter(map(len, token_lists), dtype=np.int64, count=n_docs))
        words = self._words
        rows = words.rows(flat)
        gram_ids, gram_counts = words.gram_ids(rows)
        pair_ids, pair_docs = self._pair_ids(token_lists, flat, rows, token_docs)
        ids = np.concatenate((gram_ids, pair_ids))
        id_docs = np.concatenate((np.repeat(token_docs, gram_counts), pair_docs))
        docs, feats, counts = count_by_doc(ids, id_docs, len(self.index))
        # Norms: exact sublinear tf x idf of each distinct feature, per model.
        tf = sublinear_tf(counts)
        weighted = np.take(self._idf_squared, feats, axis=0)
        weighted *= (tf * tf)[:, None]
        norms = np.sqrt(segment_sum(docs, weighted, n_docs))
        norms[norms == 0] = 1.0
        # Numerator: word rows + pair rows - (c - tf) x row for the features seen more than once.
        sums = segment_sum(token_docs, np.take(words.sums, rows, axis=0), n_docs)
        if len(pair_ids):
            sums += segment_sum(pair_docs, np.take(self.weights, pair_ids, axis=0), n_docs)
        repeated = counts > 1
        if repeated.any():
            excess = (counts[repeated] - tf[repeated]).astype(np.float32)
            fix = np.take(self.weights, feats[repeated], axis=0)
            fix *= excess[:, None]
            sums -= segment_sum(docs[repeated], fix, n_docs)
        return self._finish(sums, norms, token_lists)

    def _finish(self, sums: np.ndarray, norms: np.ndarray, token_lists: list[list[str]]) -> np.ndarray:
        """Logits from the summed weight rows and the norms (n x models) of each message."""
        width = len(self.bias)
        logits: np.ndarray = self.bias + sums[:, :width] / norms[:, self.column_model]
        if self.hidden:
            vectors = None
            for name, h in self.hidden.items():
                cols, model = self.hidden_columns[name]
                pre = sums[:, cols] / norms[:, model:model + 1] + h.bias
                if h.dense is not None:
                    vectors = sentence_vectors(token_lists) if vectors is None else vectors
                    pre += vectors @ h.dense
                np.maximum(pre, 0.0, out=pre)
                logits[:, self.columns[name]] += pre @ h.out + h.out_bias
        return logits

    def _logits_one(self, tokens: list[str]) -> np.ndarray | None:
        """`logits` of one message (a single read()), from the same sums in the same order, without the
        per-message bookkeeping of a batch; None when it has no known feature (left to `logits`)."""
        if not tokens or self.word_max_n != 2:
            return None
        words = self._words
        rows = words.rows(tokens)
        gram_ids, _ = words.gram_ids(rows)
        pair_ids = words.pair_ids_one(tokens, rows)
        ids = np.concatenate((gram_ids, pair_ids)) if len(pair_ids) else gram_ids
        if not len(ids):
            return None
        feats, counts = unique_counts(ids)
        tf = sublinear_tf(counts)
        weighted = self._idf_squared.take(feats, axis=0)
        weighted *= (tf * tf)[:, None]
        norms = np.sqrt(row_sums(weighted, _ONE_BLOCK))
        norms[norms == 0] = 1.0
        sums = row_sums(words.sums.take(rows, axis=0), _ONE_BLOCK)
        if len(pair_ids):
            sums += row_sums(self.weights.take(pair_ids, axis=0), _ONE_BLOCK)
        repeated = counts > 1
        if repeated.any():
            fix = self.weights.take(feats[repeated], axis=0)
            fix *= (counts[repeated] - tf[repeated]).astype(np.float32)[:, None]
            sums -= row_sums(fix, _ONE_BLOCK)
        return self._finish(sums, norms, [tokens])

    def _pair_ids(self, token_lists: list[list[str]], flat: list[str], rows: np.ndarray, token_docs: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray]:
        """Feature ids of each message's known word pairs (or longer n-grams), and the message of each."""
        n = self.word_max_n
        if n == 2:
            return self._words.pair_ids(flat, rows, token_docs)
        get = self.index.get
        ids: list[int] = []
        lengths: list[int] = []
        for tokens in token_lists:
            start = len(ids)
            if n > 2:
                ids.extend(j for j in map(get, word_grams(tokens, n)[len(tokens):]) if j is not None)
            lengths.append(len(ids) - start)
        return (np.fromiter(ids, dtype=np.int64, count=len(ids)),
                np.repeat(np.arange(len(token_lists), dtype=np.int64), lengths))

    def probabilities(self, token_lists: list[list[str]]) -> dict[str, np.ndarray]:
        """Probabilities per model name (n x that model's labels): sigmoid or softmax, as each was trained."""
        z = self._logits_one(token_lists[0]) if len(token_lists) == 1 else None
        if z is None:
            z = self.logits(token_lists)
        out: dict[str, np.ndarray] = {}
        for name, cols in self.columns.items():
            part = z[:, cols]
            if self.models[name].output == "softmax":
                e = np.exp(part - part.max(axis=1, keepdims=True))
                out[name] = e / e.sum(axis=1, keepdims=True)
            else:
                out[name] = 1.0 / (1.0 + np.exp(-part))
        return out


@lru_cache(maxsize=1)
def shipped_scorer() -> AffectScorer:
    """The scorer over the shipped affect models, built once per process."""
    return build_scorer()


def build_scorer(replacing: dict[str, LinearModel] | None = None) -> AffectScorer:
    """A scorer over the shipped affect models and their hidden layers, with some models replaced (training's
    cross-fitting reads with a complaint model that never saw the set being read)."""
    hidden = {name: h for name in AFFECT_MODELS if (h := HiddenLayer.load(MODELS_DIR / f"{name}.npz"))}
    return AffectScorer({name: (replacing or {}).get(name) or shipped_model(name) for name in AFFECT_MODELS},
                        hidden)


def affect_scores(parses: list[Parse]) -> list[dict[str, list[float]]]:
    """Each message's probabilities per affect model, computed once per batch and shared by the components."""
    cached = [p.values.get(_CACHE_KEY) for p in parses]
    if all(c is not None for c in cached):
        return cached  # type: ignore[return-value]
    probs = {name: values.tolist() for name, values in
             shipped_scorer().probabilities([p.tokens for p in parses]).items()}
    rows = [dict(zip(probs, row)) for row in zip(*probs.values())]
    for p, row in zip(parses, rows):
        p.values[_CACHE_KEY] = row
    return rows
