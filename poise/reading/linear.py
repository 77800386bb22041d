"""Linear models over sparse n-gram features, run with numpy alone.

A model file (.npz) holds: `vocab` (str array), `idf` (float32, one per vocab entry), `weights`
(vocab x labels, float32), `bias` (labels), `labels` (str array), `thresholds` (labels), and `meta` (a JSON
string: the feature spec, the kind of output — "sigmoid" or "softmax" — and where the model came from).
Features are tf-idf with sublinear tf and l2 norm, as scikit-learn computes them, so trained weights
carry over exactly.
"""
from __future__ import annotations

import json
from functools import cache
from itertools import chain, repeat
from pathlib import Path
from typing import Any

import numpy as np

from poise.errors import ModelError
from poise.reading.features import Analyzer

MODELS_DIR = Path(__file__).parent / "models"
_FIRST_BLOCK = np.zeros(1, dtype=np.int64)  # row_sums' starts for a single block (one message)


class LinearModel:
    """A multi-output linear model: grams -> logits -> probabilities."""

    def __init__(self, vocab: list[str], idf: np.ndarray, weights: np.ndarray, bias: np.ndarray,
                 labels: list[str], thresholds: np.ndarray, meta: dict[str, Any], *,
                 index: dict[str, int] | None = None) -> None:
        self.vocab = list(vocab) if index is None else vocab
        self.index = dict(zip(self.vocab, range(len(self.vocab)))) if index is None else index
        self.idf = idf.astype(np.float32)
        self.weights = weights.astype(np.float32)
        self.bias = bias.astype(np.float32)
        self.labels = list(labels)
        self.thresholds = thresholds.astype(np.float32)
        self.meta = meta
        self.analyzer = Analyzer(meta.get("features", {"word_max_n": 2}))
        self.output = meta.get("output", "sigmoid")

    @classmethod
    def load(cls, name_or_path: str | Path) -> LinearModel:
        """Load a model by file name in the shipped models folder, or by path."""
        path = Path(name_or_path)
        if not path.suffix:
            path = MODELS_DIR / f"{name_or_path}.npz"
        if not path.exists():
            raise ModelError(f"model file {path} is missing",
                             hint="reinstall poise, or rebuild the models with `poise train`")
        try:
            with np.load(path, allow_pickle=False) as z:
                vocab, index = _shared_vocabulary(z["vocab"])
                return cls(vocab, z["idf"], z["weights"], z["bias"], z["labels"].tolist(),
                           z["thresholds"], json.loads(str(z["meta"])), index=index)
        except (KeyError, ValueError, OSError) as exc:
            raise ModelError(f"model file {path} is damaged ({exc})",
                             hint="reinstall poise, or rebuild the models with `poise train`") from exc

    def save(self, path: str | Path) -> None:
        """Write the model as .npz (float16 weights keep the package small)."""
        np.savez_compressed(path, vocab=np.array(self.vocab), idf=self.idf.astype(np.float16),
                            weights=self.weights.astype(np.float16), bias=self.bias,
                            labels=np.array(self.labels), thresholds=self.thresholds,
                            meta=np.array(json.dumps(self.meta)))

    def logits_from_grams(self, gram_lists: list[list[str]]) -> np.ndarray:
        """Raw scores (n x labels) for each message's grams, as a batch."""
        if len(gram_lists) == 1:
            return self._logits_one(gram_lists[0])
        docs, ids, vals = tfidf_rows(gram_lists, self.index, self.idf[:, None])
        contrib = np.take(self.weights, ids, axis=0) * vals
        logits: np.ndarray = self.bias + segment_sum(docs, contrib, len(gram_lists))
        return logits

    def _logits_one(self, grams: list[str]) -> np.ndarray:
        """`logits_from_grams` of one message (a single read()): the same float32 steps on the same values,
        with the grams counted in a dict (numpy's fixed cost per call outweighs a short message's work)."""
        get = self.index.get
        found: dict[int, int] = {}
        for j in map(get, grams):
            if j is not None:
                found[j] = found.get(j, 0) + 1
        if not found:
            empty: np.ndarray = self.bias + np.zeros((1, len(self.bias)), dtype=np.float32)
            return empty
        feats = sorted(found)
        ids = np.array(feats, dtype=np.int64)
        counts = [found[j] for j in feats]
        tf = _SUBLINEAR_TF[counts] if max(counts) < len(_SUBLINEAR_TF) else sublinear_tf(np.array(counts))
        vals = tf[:, None] * self.idf[:, None].take(ids, axis=0)
        norms = np.sqrt(row_sums(vals * vals, _FIRST_BLOCK))
        norms[norms == 0] = 1.0
        vals = (vals / norms).astype(np.float32)
        logits: np.ndarray = self.bias + row_sums(self.weights.take(ids, axis=0) * vals, _FIRST_BLOCK)
        return logits

    def probabilities_from_grams(self, gram_lists: list[list[str]]) -> np.ndarray:
        """Probabilities (n x labels): independent sigmoids or one softmax, as the model was trained."""
        z = self.logits_from_grams(gram_lists)
        if self.output == "softmax":
            z = z - z.max(axis=1, keepdims=True)
            e = np.exp(z)
            softmax: np.ndarray = e / e.sum(axis=1, keepdims=True)
            return softmax
        sigmoid: np.ndarray = 1.0 / (1.0 + np.exp(-z))
        return sigmoid

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        """Probabilities for raw texts (convenience for evaluation and tests)."""
        return self.probabilities_from_grams([self.analyzer(t) for t in texts])


_VOCABULARIES: list[tuple[np.ndarray, list[str], dict[str, int]]] = []


def _shared_vocabulary(array: np.ndarray) -> tuple[list[str], dict[str, int]]:
    """The vocabulary list and index for a loaded vocab array, shared by models that ship the same vocabulary
    (the affect models do), so it is built once per process: loading stays well under a second."""
    for known, vocab, index in _VOCABULARIES:
        if known.shape == array.shape and known.dtype == array.dtype and np.array_equal(known, array):
            return vocab, index
    vocab = array.tolist()
    index = dict(zip(vocab, range(len(vocab))))
    if len(_VOCABULARIES) < 8:
        _VOCABULARIES.append((array, vocab, index))
    return vocab, index


def tfidf_rows(gram_lists: list[list[str]], index: dict[str, int], idf: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sparse tf-idf of a batch, as scikit-learn computes it (sublinear tf, l2 norm), for one or more idf columns.

    Returns (doc, feature, values): one entry per distinct known gram of each message; `values` has one column
    per idf column (n_entries x k), each normalised per message, so several models that share an index but
    were fitted on different texts are scored from one lookup pass. All loops but the dict lookups are numpy.
    """
    lengths = np.fromiter((len(g) for g in gram_lists), dtype=np.int64, count=len(gram_lists))
    get = index.get
    ids = np.fromiter(map(get, chain.from_iterable(gram_lists), repeat(-1)), dtype=np.int64,
                      count=int(lengths.sum()))
    return tfidf_from_ids(ids, lengths, len(index), idf)


def tfidf_from_ids(ids: np.ndarray, lengths: np.ndarray, width: int, idf: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Like `tfidf_rows`, from feature ids already looked up (-1 = unknown gram), `lengths[i]` ids per message."""
    if len(lengths) == 1:  # one message (a single read()): what term_counts gives, in fewer numpy calls
        ids, counts = unique_counts(ids[ids >= 0])
        docs = np.zeros(len(ids), dtype=np.int64)
        tf = sublinear_tf(counts)
    else:
        docs, ids, tf = term_counts(ids, lengths, width)
    vals = tf[:, None] * np.take(idf, ids, axis=0)
    norms = np.sqrt(segment_sum(docs, vals * vals, len(lengths)))
    norms[norms == 0] = 1.0
    return docs, ids, (vals / norms[docs]).astype(np.float32)


def term_counts(ids: np.ndarray, lengths: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(doc, feature, sublinear tf = 1 + log(count)) per distinct known feature of each message, docs sorted."""
    docs = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    return term_counts_by_doc(ids, docs, width)


def term_counts_by_doc(ids: np.ndarray, docs: np.ndarray, width: int
                       ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Like `term_counts`, with the message of each id given (in any order: the result is sorted by message,
    then feature)."""
    docs, feats, counts = count_by_doc(ids, docs, width)
    return docs, feats, sublinear_tf(counts)


_SUBLINEAR_TF = np.concatenate(([0.0], 1.0 + np.log(np.arange(1, 4097)))).astype(np.float32)


def sublinear_tf(counts: np.ndarray) -> np.ndarray:
    """1 + ln(count) as float32, from a table for the usual small counts (np.log costs more than the lookup)."""
    if len(counts) and int(counts.max()) >= len(_SUBLINEAR_TF):
        big: np.ndarray = (1.0 + np.log(counts)).astype(np.float32)
        return big
    small: np.ndarray = _SUBLINEAR_TF[counts]
    return small


def count_by_doc(ids: np.ndarray, docs: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(message, feature, count) of each distinct known feature per message, sorted by message then feature.

    `ids` are feature ids (-1 = unknown) and `docs` the message of each, in any order. The sort key is int32
    when it fits (a batch of 256 messages over a vocabulary of up to 8M features), which sorts faster.
    """
    known = ids >= 0
    width = max(width, 1)
    n_docs = int(docs.max()) + 1 if len(docs) else 1
    dtype = np.int32 if n_docs * width < 2**31 else np.int64
    keys, counts = unique_counts(docs[known].astype(dtype) * width + ids[known].astype(dtype))
    return (keys // width).astype(np.int64), (keys % width).astype(np.int64), counts


def unique_counts(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`np.unique(keys, return_counts=True)` for a 1-d int array, without np.unique's own Python-level work
    (which costs more than the sort itself when `read()` scores a single message)."""
    keys = np.sort(keys)
    if not len(keys):
        return keys, np.zeros(0, dtype=np.int64)
    first = np.empty(len(keys), dtype=bool)
    first[0] = True
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    counts = np.empty_like(starts)
    counts[:-1] = starts[1:] - starts[:-1]
    counts[-1] = len(keys) - starts[-1]
    return keys[starts], counts


def segment_sum(docs: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """Sum the rows of `values` per message (`docs` sorted ascending) into an n x columns array of zeros."""
    if n == 1 and len(docs):  # one message (a single read()): one block, none of the per-block bookkeeping
        return row_sums(values, _FIRST_BLOCK).astype(np.float32, copy=False)
    out = np.zeros((n, values.shape[1]), dtype=np.float32)
    if len(docs):
        starts = np.flatnonzero(docs[1:] != docs[:-1]) + 1  # where each message's rows begin
        starts = np.concatenate((np.zeros(1, dtype=starts.dtype), starts))  # (np.r_ is slow for one message)
        out[docs[starts]] = row_sums(values, starts)
    return out


def row_sums(values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Sums of the blocks of rows of a 2-d array that begin at `starts` (ascending, the first 0, none empty).

    What `np.add.reduceat(values, starts, axis=0)` computes, but 3-4x faster on a batch with many columns
    (tf-idf x 60-odd model columns, or 256-dim word vectors): reduceat walks each column down a block with a
    whole row as its stride, while `np.add.reduce` over a block runs its inner loop along the contiguous rows.
    The sums may differ from reduceat's in the last bits of a float32 (another order of additions).
    """
    if values.shape[1] <= 4:  # a few columns: reduceat's stride is short, and it needs no Python loop
        return np.add.reduceat(values, starts, axis=0)
    values = np.ascontiguousarray(values)
    if len(starts) == 1:  # one block (one message): the same reduction, without the loop
        one: np.ndarray = np.add.reduce(values, axis=0, keepdims=True)
        return one
    out = np.empty((len(starts), values.shape[1]), dtype=values.dtype)
    add = np.add.reduce
    ends = [*starts[1:].tolist(), len(values)]
    for i, (start, end) in enumerate(zip(starts.tolist(), ends)):
        add(values[start:end], axis=0, out=out[i])
    return out


@cache
def shipped_model(name: str) -> LinearModel:
    """A shipped model, loaded once per process."""
    return LinearModel.load(name)
