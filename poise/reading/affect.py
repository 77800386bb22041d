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
from itertools import chain, pairwise, repeat
from pathlib import Path

import numpy as np

from poise.errors import ModelError
from poise.reading.features import token_char_grams, word_grams
from poise.reading.linear import MODELS_DIR, LinearModel, segment_sum, shipped_model, term_counts_by_doc
from poise.reading.pipeline import Parse

AFFECT_MODELS: tuple[str, ...] = ("emotions", "sentiment", "complaint")
_CACHE_KEY = "_affect"  # where a batch's scores wait on each Parse for the next affect component
_MAX_CACHED_WORDS = 300_000  # the word id cache is cleared past this (memory stays flat)


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
        self.table = np.hstack((*blocks, self.idf))  # one row per feature: what a message gathers
        self._word_ids = _WordIds(index, self.char_range)

    def _ids(self, token_lists: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
        """Feature ids of the batch's grams (-1 = unknown) and, for each, the message it belongs to.

        Each word's ids (the word and its character grams) are a cached int32 array, so the whole batch's word
        features are one `np.concatenate`; then come the word pairs (and longer n-grams), message by message.
        The order of ids inside a message does not matter: `term_counts_by_doc` sorts them.
        """
        n_docs = len(token_lists)
        token_counts = np.fromiter(map(len, token_lists), dtype=np.int64, count=n_docs)
        per_word = list(map(self._word_ids.__getitem__, chain.from_iterable(token_lists)))
        word_lengths = np.fromiter(map(len, per_word), dtype=np.int64, count=len(per_word))
        token_docs = np.repeat(np.arange(n_docs, dtype=np.int64), token_counts)
        ids = [np.concatenate(per_word) if per_word else np.zeros(0, dtype=np.int32)]
        docs = [np.repeat(token_docs, word_lengths)]
        n = self.word_max_n
        if n >= 2:
            get = self.index.get
            unknown = repeat(-1)
            join = " ".join
            flat: list[int] = []
            lengths: list[int] = []
            for tokens in token_lists:
                start = len(flat)
                if n == 2:  # pairs joined and looked up in C
                    flat.extend(map(get, map(join, pairwise(tokens)), unknown))
                else:
                    flat.extend(map(get, word_grams(tokens, n)[len(tokens):], unknown))
                lengths.append(len(flat) - start)
            ids.append(np.fromiter(flat, dtype=np.int64, count=len(flat)))
            docs.append(np.repeat(np.arange(n_docs, dtype=np.int64), lengths))
        return np.concatenate(ids).astype(np.int64), np.concatenate(docs)

    def logits(self, token_lists: list[list[str]]) -> np.ndarray:
        """Raw scores (n x all models' labels) for tokenised, lowercased messages."""
        ids, id_docs = self._ids(token_lists)
        docs, feats, tf = term_counts_by_doc(ids, id_docs, len(self.index))
        k = self.idf.shape[1]
        # One gather and one pass of sums per message: tf x (idf-folded weights | idf); the last k columns are
        # then squared, so their sums are the squared norms of each model's tf-idf vector.
        rows = np.take(self.table, feats, axis=0)
        rows *= tf[:, None]
        rows[:, -k:] *= rows[:, -k:]
        sums = segment_sum(docs, rows, len(token_lists))
        norms = np.sqrt(sums[:, -k:])
        norms[norms == 0] = 1.0
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

    def probabilities(self, token_lists: list[list[str]]) -> dict[str, np.ndarray]:
        """Probabilities per model name (n x that model's labels): sigmoid or softmax, as each was trained."""
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


class _WordIds(dict[str, np.ndarray]):
    """word -> feature ids (int32 array) of the word itself and of its character grams (known ones only),
    filled on first sight and cleared when it grows too big (memory stays flat)."""

    def __init__(self, index: dict[str, int], char_range: tuple[int, int]) -> None:
        super().__init__()
        self.index = index
        self.lo, self.hi = char_range

    def __missing__(self, tok: str) -> np.ndarray:
        if len(self) > _MAX_CACHED_WORDS:
            self.clear()
        get = self.index.get
        grams = (tok, *token_char_grams(tok, self.lo, self.hi)) if self.hi else (tok,)
        ids = np.array([j for j in map(get, grams) if j is not None], dtype=np.int32)
        self[tok] = ids
        return ids


@lru_cache(maxsize=1)
def shipped_scorer() -> AffectScorer:
    """The scorer over the shipped affect models, built once per process."""
    hidden = {name: h for name in AFFECT_MODELS if (h := HiddenLayer.load(MODELS_DIR / f"{name}.npz"))}
    return AffectScorer({name: shipped_model(name) for name in AFFECT_MODELS}, hidden)


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
