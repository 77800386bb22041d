"""The affect models (emotions, sentiment, complaint) scored together, in one pass over a batch.

The three models read the same features (word 1-2grams and character 3-5grams, `features.py`) over one
shared vocabulary (merged here if they were trained apart), so each message's grams are looked up once for all
three, and one gather and one segmented sum give every model's logits.
Character grams are looked up per word and cached: a word's character grams never change, and words repeat,
so a message costs about one dict lookup per word and per word pair instead of one per character gram. The
features are exactly those of `LinearModel` (checked by tests/reading/test_emotions.py).
"""
from __future__ import annotations

from functools import lru_cache
from itertools import chain, pairwise, repeat

import numpy as np

from poise.errors import ModelError
from poise.reading.features import token_char_grams, word_grams
from poise.reading.linear import LinearModel, segment_sum, shipped_model, term_counts
from poise.reading.pipeline import Parse

AFFECT_MODELS: tuple[str, ...] = ("emotions", "sentiment", "complaint")
_CACHE_KEY = "_affect"  # where a batch's scores wait on each Parse for the next affect component
_MAX_CACHED_WORDS = 300_000  # the word -> character-gram ids cache is cleared past this (memory stays flat)


class AffectScorer:
    """Scores several LinearModels that share one feature spec from a single lookup pass per message."""

    def __init__(self, models: dict[str, LinearModel]) -> None:
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
        self.table = np.hstack((weights, self.idf))  # one row per feature: what a message gathers
        self._char_ids = _CharIds(index, self.char_range) if self.char_range[1] else None

    def _ids(self, token_lists: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
        """Feature ids of each message's known grams, flat, and how many belong to each message."""
        get = self.index.get
        unknown = repeat(-1)
        chars = self._char_ids
        pairs = self.word_max_n == 2
        flat: list[int] = []
        lengths: list[int] = []
        for tokens in token_lists:
            start = len(flat)
            if pairs:
                flat.extend(map(get, tokens, unknown))
                flat.extend(map(get, map(" ".join, pairwise(tokens)), unknown))
            else:
                flat.extend(map(get, word_grams(tokens, self.word_max_n), unknown))
            if chars is not None:
                flat.extend(chain.from_iterable(map(chars.__getitem__, tokens)))
            lengths.append(len(flat) - start)
        return np.array(flat, dtype=np.int64), np.array(lengths, dtype=np.int64)

    def logits(self, token_lists: list[list[str]]) -> np.ndarray:
        """Raw scores (n x all models' labels) for tokenised, lowercased messages."""
        ids, lengths = self._ids(token_lists)
        docs, feats, tf = term_counts(ids, lengths, len(self.index))
        k = self.idf.shape[1]
        # One gather and one pass of sums per message: tf x (idf-folded weights | idf); the last k columns are
        # then squared, so their sums are the squared norms of each model's tf-idf vector.
        rows = np.take(self.table, feats, axis=0)
        rows *= tf[:, None]
        rows[:, -k:] *= rows[:, -k:]
        sums = segment_sum(docs, rows, len(token_lists))
        norms = np.sqrt(sums[:, -k:])
        norms[norms == 0] = 1.0
        logits: np.ndarray = self.bias + sums[:, :-k] / norms[:, self.column_model]
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


class _CharIds(dict[str, tuple[int, ...]]):
    """word -> feature ids of its character grams, filled on first sight and cleared when it grows too big."""

    def __init__(self, index: dict[str, int], char_range: tuple[int, int]) -> None:
        super().__init__()
        self.index = index
        self.lo, self.hi = char_range

    def __missing__(self, tok: str) -> tuple[int, ...]:
        if len(self) > _MAX_CACHED_WORDS:
            self.clear()
        get = self.index.get
        ids = tuple(j for j in map(get, token_char_grams(tok, self.lo, self.hi)) if j is not None)
        self[tok] = ids
        return ids


@lru_cache(maxsize=1)
def shipped_scorer() -> AffectScorer:
    """The scorer over the shipped affect models, built once per process."""
    return AffectScorer({name: shipped_model(name) for name in AFFECT_MODELS})


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
