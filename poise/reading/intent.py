"""Intent: what the customer wants, from a taxonomy a business can change with a few example sentences.

The engine reads a message as a sentence vector (static word vectors distilled from all-MiniLM-L6-v2, see
`intents/vectors.py`) and, in the shipped models, word n-gram tf-idf beside it; a linear layer turns that
into one probability per label. Two ways to get the layer:

- shipped: `models/intent_default.npz`, trained by `poise.reading.training.intent` on public data mapped to
  the default labels (docs/eval/intent.md has the mapping) plus the examples in `intents/default.yaml`;
- a business's own: `IntentClassifier.from_examples({label: [sentences]})`, a logistic regression fitted
  in numpy over the fixed sentence vectors, the per-dimension max and min of the word vectors and the
  examples' own word n-grams when poise loads (a fraction of a second), each label's name counting as one
  more example, so there is no training step. `intents.yaml` in the data folder (POISE_DATA_DIR) is
  picked up by the Reader.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Mapping, Sequence
from functools import cache, lru_cache
from itertools import chain, compress, islice, repeat
from pathlib import Path
from typing import Any

import numpy as np

from poise.errors import ConfigError, ModelError
from poise.reading import pipeline
from poise.reading.features import Analyzer, word_tokens
from poise.reading.intents.taxonomy import (
    Taxonomy,
    default_taxonomy,
    load_taxonomy,
    merged,
    parse_taxonomy,
)
from poise.reading.intents.vectors import WordVectors
from poise.reading.linear import (
    MODELS_DIR,
    LinearModel,
    count_by_doc,
    row_sums,
    segment_sum,
    sublinear_tf,
    tfidf_rows,
    unique_counts,
)
from poise.reading.pipeline import Parse
from poise.reading.reading import Intent
from poise.reading.wordtable import grow

__all__ = [
    "IntentClassifier",
    "Taxonomy",
    "active_classifier",
    "business_classifier",
    "component",
    "default_classifier",
    "load_taxonomy",
    "parse_taxonomy",
]

VECTORS_FILE = MODELS_DIR / "intent_vectors.npz"
DEFAULT_MODEL_FILE = MODELS_DIR / "intent_default.npz"
TAXONOMY_FILE_NAME = "intents.yaml"
INTENT_PROBABILITIES = "_intent_probabilities"  # Parse value: (labels, probabilities) of the intent component
# Inverse regularisation and step count of the few-shot fit, chosen on a validation part carved from
# banking77's train split (docs/eval/intent.md); never on a test split.
FEW_SHOT_C = 10.0
FEW_SHOT_ITERATIONS = 50
# Word uni+bigram tf-idf beside the sentence vector in the few-shot fit, weighted by this factor (validation:
# +1.1 to +1.6 points at 10 shots). Above FEW_SHOT_MAX_DUAL examples the fit drops them and runs over the vectors
# alone (the n-gram fit works on an examples x examples matrix, which grows with the square of their number).
FEW_SHOT_NGRAMS = {"word_max_n": 2}
FEW_SHOT_NGRAM_WEIGHT = 0.7
FEW_SHOT_MAX_DUAL = 2500
# A third block in the few-shot fit: the per-dimension max and min of the message's word vectors (unit length),
# weighted by this factor (validation: +0.6 to +0.8 points at 10 shots, better on each of 10 draws).
FEW_SHOT_POOLED_WEIGHT = 1.4
# Each label's own name ("where_is_my_order" -> "where is my order") joins its examples as one more sentence: a
# business names its labels anyway, and the name says what they share (validation: +0.7 points at 10 shots,
# better on each of 10 draws; docs/eval/intent.md).
_LABEL_SEPARATORS = re.compile(r"[_\-./:]+|(?<=[a-z])(?=[A-Z])")  # "warranty_claim", "WarrantyClaim"
_ONE_BLOCK = np.zeros(1, dtype=np.int64)  # row_sums' starts for a single message
MAX_WORDS = 200_000  # a classifier's word table starts again past this many words (memory stays flat)


@cache
def shipped_vectors() -> WordVectors:
    """The shipped word vector table, loaded once per process."""
    return WordVectors.load(VECTORS_FILE)


def one_blas_thread() -> contextlib.AbstractContextManager[object]:
    """Limit BLAS to one thread where threadpoolctl is installed (it comes with scikit-learn).

    On a busy two-core machine OpenBLAS threads spin against each other and make these small products
    ten times slower; one thread is what the Reader uses anyway (it scales with processes).
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return contextlib.nullcontext()
    return threadpool_limits(1, user_api="blas")  # type: ignore[no-any-return]


def fit_softmax(x: np.ndarray, y: np.ndarray, n_labels: int, *, c: float = FEW_SHOT_C,
                iterations: int = FEW_SHOT_ITERATIONS) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression with an L2 penalty, fitted in numpy in a few dozen steps.

    Minimises mean cross-entropy + ||W||^2 / (2 c n), scaled as scikit-learn's LogisticRegression(C=c), so
    c carries over from experiments. Each step is preconditioned by Böhning's bound on the Hessian,
    B = X'X / (2n) + penalty (fixed, so inverted once), and accelerated (Nesterov): it converges in far
    fewer steps than plain gradient descent. Returns weights (dims x labels) and bias.
    """
    n, dims = x.shape
    lam = 1.0 / (c * n)
    onehot = np.zeros((n, n_labels), dtype=np.float32)
    onehot[np.arange(n), y] = 1.0
    x1 = np.hstack([x, np.ones((n, 1), dtype=np.float32)])  # the bias rides along, unpenalised
    penalty = np.full(dims + 1, lam, dtype=np.float32)
    penalty[-1] = 1e-6
    bound = x1.T @ x1 / (2.0 * n) + np.diag(penalty)
    precondition = np.linalg.inv(bound).astype(np.float32)
    w = np.zeros((dims + 1, n_labels), dtype=np.float32)
    look = w.copy()
    for t in range(1, iterations + 1):
        z = x1 @ look
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        grad = x1.T @ (p - onehot) / n + penalty[:, None] * look
        nxt = look - precondition @ grad
        look = nxt + (t - 1) / (t + 2) * (nxt - w)
        w = nxt
    return w[:-1], w[-1]


def fit_softmax_dual(kernel: np.ndarray, y: np.ndarray, n_labels: int, *, c: float = FEW_SHOT_C,
                     iterations: int = FEW_SHOT_ITERATIONS) -> tuple[np.ndarray, float]:
    """`fit_softmax` solved in the span of the examples, for features wider than there are examples.

    With weights W = X' alpha, the logits are K alpha (K = X X', the examples' inner products) and the
    penalty is tr(alpha' K alpha): the same objective and the same preconditioned steps as `fit_softmax`,
    but each costs examples x examples, whatever the width of the features (here thousands of n-grams). The
    nearly unpenalised bias is a constant feature of value sqrt(s2) added to K. Returns alpha (examples x
    labels) and s2; the bias is s2 * alpha.sum(0).
    """
    n = kernel.shape[0]
    lam = 1.0 / (c * n)
    s2 = lam / 1e-6  # the bias penalty of fit_softmax
    k1 = kernel.astype(np.float64) + s2
    onehot = np.zeros((n, n_labels), dtype=np.float32)
    onehot[np.arange(n), y] = 1.0
    precondition = np.linalg.inv(k1 / (2.0 * n) + lam * np.eye(n)).astype(np.float32)
    k = k1.astype(np.float32)
    a = np.zeros((n, n_labels), dtype=np.float32)
    look = a.copy()
    for t in range(1, iterations + 1):
        z = k @ look
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        nxt = look - precondition @ ((p - onehot) / n + lam * look)
        look = nxt + (t - 1) / (t + 2) * (nxt - a)
        a = nxt
    return a, s2


def label_sentence(label: str) -> str:
    """A label's name read as a sentence: separators and camel case become spaces, case is dropped
    ("Refund_not_showing_up" -> "refund not showing up", "WarrantyClaim" -> "warranty claim")."""
    return _LABEL_SEPARATORS.sub(" ", label).strip().lower()


def example_ngrams(token_lists: list[list[str]]) -> tuple[dict[str, int], np.ndarray, tuple[np.ndarray, ...]]:
    """The examples' own word n-gram vocabulary, its smooth idf (as scikit-learn's), and their sparse tf-idf
    rows (doc, gram, value; sublinear tf, l2 norm: what `LinearModel` computes at run time)."""
    analyzer = Analyzer(FEW_SHOT_NGRAMS)
    grams = [analyzer.grams_from_tokens(t) for t in token_lists]
    df: dict[str, int] = {}
    for g in grams:
        for gram in set(g):
            df[gram] = df.get(gram, 0) + 1
    index = {gram: i for i, gram in enumerate(sorted(df))}
    n = len(token_lists)
    idf = np.array([np.log((1 + n) / (1 + df[g])) + 1.0 for g in index], dtype=np.float32)
    docs, ids, vals = tfidf_rows(grams, index, idf[:, None])
    return index, idf, (docs, ids, vals[:, 0])


def sparse_gram(docs: np.ndarray, ids: np.ndarray, vals: np.ndarray, n: int) -> np.ndarray:
    """G G' (n x n) of a sparse matrix given as (row, column, value) entries, in numpy alone: every pair of
    entries that share a column adds its product (a column shared by m rows makes m^2 pairs)."""
    order = np.argsort(ids, kind="stable")
    docs, ids, vals = docs[order], ids[order], vals[order].astype(np.float64)
    starts = np.flatnonzero(np.concatenate(([True], ids[1:] != ids[:-1])))
    sizes = np.diff(np.concatenate((starts, [len(ids)])))
    first = np.repeat(starts, sizes)  # start of each entry's column block
    size = np.repeat(sizes, sizes)  # its block size
    left = np.repeat(np.arange(len(ids)), size)  # each entry, once per partner in its block
    right = np.repeat(first, size) + (np.arange(len(left)) - np.repeat(np.cumsum(size) - size, size))
    flat = np.bincount(docs[left] * n + docs[right], weights=vals[left] * vals[right], minlength=n * n)
    return flat.reshape(n, n)


class WordTable:
    """Tokens -> word ids, and what a classifier reads from each word: its rows of the vector table and its
    unigram id in the n-gram model; a word pair's bigram id is found from the two word ids.

    Built so that `IntentClassifier.probabilities` costs one dict lookup per token and numpy per batch, and
    gives what the plain path (`WordVectors.embed` + `LinearModel.logits_from_grams`) gives, to the last bit.
    The words of the n-gram vocabulary (alone or in a pair) get the first ids, so a pair of them is the key
    id(a) x P + id(b), looked up in the vocabulary's sorted pair keys: no "a b" string is built. Other words
    are added on first sight, a batch's new words together (their vector rows from the vectors' own cache);
    they are in no known gram (a gram without a space is a vocabulary word). A token with a space in it could
    be part of a gram in other ways, so a batch with one is left to the plain path (tokenisers make none).
    """

    def __init__(self, vectors: WordVectors, index: Mapping[str, int]) -> None:
        self.vectors = vectors
        row: dict[str, int] = {}
        pairs: list[tuple[int, str, str]] = []
        for gram, j in index.items():
            if " " not in gram:
                row.setdefault(gram, len(row))
            elif len(parts := gram.split(" ")) == 2:
                pairs.append((j, parts[0], parts[1]))
        for _, a, b in pairs:
            row.setdefault(a, len(row))
            row.setdefault(b, len(row))
        self.paired = len(row)
        keys = np.fromiter((row[a] * self.paired + row[b] for _, a, b in pairs), dtype=np.int64, count=len(pairs))
        order = np.argsort(keys, kind="stable")
        self.pair_keys = keys[order]
        self.pair_grams = np.fromiter((j for j, _, _ in pairs), dtype=np.int64, count=len(pairs))[order]
        self._base = list(row)
        self._pair_index: dict[int, int] | None = None  # pair key -> bigram id, for `pair_ids_one`
        get = index.get
        self._base_grams = np.fromiter((get(w, -1) for w in self._base), dtype=np.int64, count=len(self._base))
        self._clear()

    def _clear(self) -> None:
        """Back to the vocabulary's words alone."""
        n = self.paired
        self.row_of: dict[str, int] = dict(zip(self._base, range(n)))
        self.grams = np.full(n + 1024, -1, dtype=np.int64)
        self.grams[:n] = self._base_grams
        self.starts = np.zeros(n + 1025, dtype=np.int64)
        self.counts = np.zeros(n + 1024, dtype=np.int64)
        self.ids = np.zeros(0, dtype=np.int64)
        self.words = 0
        self._add(self._base)

    def rows(self, tokens: list[str]) -> np.ndarray | None:
        """The word id of each token, adding new words; None when a new token has a space in it."""
        rows = np.fromiter(map(self.row_of.get, tokens, repeat(-1)), dtype=np.int64, count=len(tokens))
        missing = rows < 0
        if missing.any():
            miss = missing.tolist()
            new = list(dict.fromkeys(compress(tokens, miss)))
            if any(" " in w for w in new):
                return None
            if self.words + len(new) > MAX_WORDS:
                self._clear()
                return self.rows(tokens)
            self._add(new)
            rows[missing] = np.fromiter(map(self.row_of.__getitem__, compress(tokens, miss)), dtype=np.int64,
                                        count=len(miss) - miss.count(False))
        return rows

    def pair_ids_one(self, rows: np.ndarray) -> list[int]:
        """The bigram ids of one message's known word pairs, in order (a dict of the pair keys, built on first
        use: for one message a Python loop costs less than the dozen numpy calls of a batch's lookup)."""
        index = self._pair_index
        if index is None:
            index = self._pair_index = dict(zip(self.pair_keys.tolist(), self.pair_grams.tolist()))
        get = index.get
        paired = self.paired
        row_list = rows.tolist()
        return [j for a, b in zip(row_list, islice(row_list, 1, None))
                if a < paired and b < paired and (j := get(a * paired + b)) is not None]

    def vector_rows(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The vector-table rows of the words at `rows`, concatenated in order, and how many each word has."""
        starts = self.starts[rows]
        counts = self.counts[rows]
        offsets = np.cumsum(counts) - counts
        positions = np.arange(int(offsets[-1] + counts[-1]) if len(rows) else 0, dtype=np.int64)
        positions += np.repeat(starts - offsets, counts)
        return self.ids[positions], counts

    def _add(self, words: list[str]) -> None:
        found, counts = self.vectors.token_rows(words)
        first, last = self.words, self.words + len(words)
        used = int(self.starts[first])
        self.grams = grow(self.grams, last, -1)
        self.starts = grow(self.starts, last + 1, 0)
        self.counts = grow(self.counts, last, 0)
        self.counts[first:last] = counts
        self.starts[first + 1:last + 1] = used + np.cumsum(counts)
        self.ids = grow(self.ids, used + len(found), 0)
        self.ids[used:used + len(found)] = found
        self.row_of.update(zip(words, range(first, last)))
        self.words = last


class IntentClassifier:
    """Sentence vectors (+ optional n-gram tf-idf, + optional [max, min] of the word vectors) -> a linear
    layer -> one probability per label."""

    def __init__(self, labels: Sequence[str], weights: np.ndarray, bias: np.ndarray, *,
                 vectors: WordVectors | None = None, ngrams: LinearModel | None = None,
                 pooled: np.ndarray | None = None, meta: dict[str, Any] | None = None) -> None:
        self.labels = list(labels)
        self.vectors = vectors if vectors is not None else shipped_vectors()
        self.weights = np.asarray(weights, dtype=np.float32)
        self.bias = np.asarray(bias, dtype=np.float32).reshape(-1)
        self.ngrams = ngrams
        # weights of the [max, min] word-vector block (`WordVectors.unit_extremes`), 2 dims x labels, or None
        self.pooled = None if pooled is None else np.asarray(pooled, dtype=np.float32)
        self.meta = dict(meta or {})
        self._words: WordTable | None = None  # built on first use
        if self.weights.shape != (self.vectors.dims, len(self.labels)):
            raise ModelError(f"intent weights have shape {self.weights.shape}, expected "
                             f"{(self.vectors.dims, len(self.labels))}",
                             hint="rebuild the intent model with `python -m poise.reading.training.intent`")
        if self.pooled is not None and self.pooled.shape != (2 * self.vectors.dims, len(self.labels)):
            raise ModelError(f"intent pooled weights have shape {self.pooled.shape}, expected "
                             f"{(2 * self.vectors.dims, len(self.labels))}",
                             hint="rebuild the intent model with `python -m poise.reading.training.intent`")

    @classmethod
    def from_examples(cls, examples: Mapping[str, Sequence[str]], *, vectors: WordVectors | None = None,
                      c: float = FEW_SHOT_C, source: str = "<memory>", label_names: bool = True
                      ) -> IntentClassifier:
        """Build a classifier from a handful of example sentences per label; no training step.

        With `label_names` (the default), each label's name, read as a sentence (`label_sentence`), counts as
        one more example of it; turn it off for names that say nothing (codes such as "L1").

        Example:
            >>> clf = IntentClassifier.from_examples({"gift": ["is this a gift?", "gift wrap it"],
            ...                                        "other": ["hello", "thanks"]})
            >>> clf.classify(["can you wrap it as a present"])[0].label
            'gift'
        """
        taxonomy = parse_taxonomy(dict(examples), source)
        if len(taxonomy.labels) < 2:
            raise ConfigError(f"intent taxonomy {source} has only the label {taxonomy.labels[0]!r}",
                              hint="give at least two labels (add 'other' for everything else)")
        vectors = vectors if vectors is not None else shipped_vectors()
        labels = taxonomy.labels
        texts = [s for label in labels for s in taxonomy.examples[label]]
        y = [i for i, label in enumerate(labels) for _ in taxonomy.examples[label]]
        meta: dict[str, Any] = {"source": source, "fit": "few-shot", "c": c, "examples": len(texts),
                                "label_names": label_names}
        if label_names:
            named = [(i, name) for i, label in enumerate(labels) if word_tokens(name := label_sentence(label))]
            texts += [name for _, name in named]
            y += [i for i, _ in named]
        token_lists = [word_tokens(t.lower()) for t in texts]
        x = vectors.embed(token_lists)
        if len(texts) > FEW_SHOT_MAX_DUAL:
            with one_blas_thread():
                weights, bias = fit_softmax(x, np.array(y), len(labels), c=c)
            return cls(labels, weights, bias, vectors=vectors, meta=meta)
        # [sentence vector, beta * n-gram tf-idf, gamma * [max, min] of the word vectors]: fitted through the
        # examples' inner products (fit_softmax_dual)
        index, idf, (docs, ids, vals) = example_ngrams(token_lists)
        beta2, gamma2 = FEW_SHOT_NGRAM_WEIGHT ** 2, FEW_SHOT_POOLED_WEIGHT ** 2
        extremes = vectors.extremes(token_lists).astype(np.float64)
        with one_blas_thread():
            kernel = (x.astype(np.float64) @ x.T.astype(np.float64) + beta2 * sparse_gram(docs, ids, vals, len(x))
                      + gamma2 * extremes @ extremes.T)
            alpha, s2 = fit_softmax_dual(kernel, np.array(y), len(labels), c=c)
            weights = x.T @ alpha
            pooled = gamma2 * extremes.T @ alpha
        gram_weights = np.zeros((len(index), len(labels)), dtype=np.float32)
        np.add.at(gram_weights, ids, (beta2 * vals)[:, None] * alpha[docs])
        zeros = np.zeros(len(labels), np.float32)
        ngrams = LinearModel(list(index), idf, gram_weights, zeros, labels, zeros,
                             {"features": FEW_SHOT_NGRAMS, "output": "softmax", "weight": FEW_SHOT_NGRAM_WEIGHT},
                             index=index)
        return cls(labels, weights, s2 * alpha.sum(axis=0), vectors=vectors, ngrams=ngrams, pooled=pooled,
                   meta={**meta, "ngrams": len(index), "pooled_weight": FEW_SHOT_POOLED_WEIGHT})

    @classmethod
    def from_taxonomy(cls, taxonomy: Taxonomy) -> IntentClassifier:
        """A classifier for a taxonomy; one that extends the default also gets the default's examples."""
        if taxonomy.extends_default:
            taxonomy = merged(default_taxonomy(), taxonomy)
        return cls.from_examples(taxonomy.examples, source=taxonomy.source)

    @classmethod
    def load(cls, path: str | Path = DEFAULT_MODEL_FILE, *, vectors: WordVectors | None = None
             ) -> IntentClassifier:
        """Load a trained classifier written by `save` (the shipped default by default)."""
        path = Path(path)
        hint = "reinstall poise, or rebuild it with `python -m poise.reading.training.intent`"
        if not path.exists():
            raise ModelError(f"intent model file {path} is missing", hint=hint)
        try:
            with np.load(path, allow_pickle=False) as z:
                meta = json.loads(str(z["meta"]))
                labels = [str(label) for label in z["labels"]]
                zeros = np.zeros(len(labels), np.float32)
                ngrams = None
                if "ngram_vocab" in z:
                    vocab = [str(g) for g in z["ngram_vocab"]]
                    ngrams = LinearModel(vocab, z["ngram_idf"], z["ngram_weights"], zeros, labels, zeros,
                                         meta.get("ngrams", {}))
                pooled = z.get("pooled_weights")
                return cls(labels, z["weights"], z["bias"], vectors=vectors, ngrams=ngrams, pooled=pooled,
                           meta=meta)
        except (KeyError, ValueError, OSError) as exc:
            raise ModelError(f"intent model file {path} is damaged ({exc})", hint=hint) from exc

    def save(self, path: str | Path) -> None:
        """Write the linear layer (and n-gram part) as .npz; the vector table is a separate shipped file."""
        arrays: dict[str, np.ndarray] = {
            "labels": np.array(self.labels), "weights": self.weights.astype(np.float16), "bias": self.bias,
        }
        meta = dict(self.meta)
        if self.pooled is not None:
            arrays["pooled_weights"] = self.pooled.astype(np.float16)
        if self.ngrams is not None:
            vocab = [""] * len(self.ngrams.index)
            for g, i in self.ngrams.index.items():
                vocab[i] = g
            arrays.update(ngram_vocab=np.array(vocab), ngram_idf=self.ngrams.idf.astype(np.float16),
                          ngram_weights=self.ngrams.weights.astype(np.float16))
            meta["ngrams"] = self.ngrams.meta
        arrays["meta"] = np.array(json.dumps(meta))
        np.savez_compressed(path, **arrays)  # type: ignore[arg-type]  # numpy stubs type **kwds too narrowly

    def probabilities(self, token_lists: list[list[str]]) -> np.ndarray:
        """Probabilities (n x labels) for lowercased token lists, as a batch."""
        z = self._logits(token_lists)
        if z is None:
            z = self._plain_logits(token_lists)
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return np.asarray(e / e.sum(axis=1, keepdims=True))

    def _logits(self, token_lists: list[list[str]]) -> np.ndarray | None:
        """`_plain_logits` from the word table (see `WordTable`); None where it does not apply."""
        ngrams = self.ngrams
        if ngrams is not None:
            spec = ngrams.analyzer.spec
            if spec.get("word_max_n", 2) != 2 or spec.get("char_max_n", 0):
                return None
        words = self._words
        if words is None:
            words = self._words = WordTable(self.vectors, ngrams.index if ngrams is not None else {})
        if len(token_lists) == 1 and token_lists[0]:
            return self._logits_one(words, token_lists[0])
        n = len(token_lists)
        flat = list(chain.from_iterable(token_lists))
        rows = words.rows(flat)
        if rows is None:
            return None
        lengths = np.fromiter(map(len, token_lists), dtype=np.int64, count=n)
        vector_rows, counts = words.vector_rows(rows)
        ends = np.concatenate(([0], np.cumsum(counts)))  # vector rows before each token
        token_ends = np.cumsum(lengths)
        per_message = ends[token_ends] - ends[token_ends - lengths]
        z: np.ndarray = self.vectors.unit_sums(vector_rows, per_message) @ self.weights + self.bias
        if self.pooled is not None:
            z += self.vectors.unit_extremes(vector_rows, per_message) @ self.pooled
        if ngrams is None:
            return z
        # Word 1-2grams: each token's unigram id, each known pair's bigram id; tf-idf as `tfidf_rows` makes it.
        token_docs = np.repeat(np.arange(n, dtype=np.int64), lengths)
        left, right = rows[:-1], rows[1:]
        ok = (token_docs[:-1] == token_docs[1:]) & (left < words.paired) & (right < words.paired)
        keys = left[ok] * words.paired + right[ok]
        at = np.searchsorted(words.pair_keys, keys)
        at[at == len(words.pair_keys)] = 0
        hit = words.pair_keys[at] == keys if len(words.pair_keys) else np.zeros(len(keys), dtype=bool)
        ids = np.concatenate((words.grams[rows], words.pair_grams[at[hit]]))
        id_docs = np.concatenate((token_docs, token_docs[:-1][ok][hit]))
        docs, feats, tf_counts = count_by_doc(ids, id_docs, len(ngrams.index))
        vals = sublinear_tf(tf_counts)[:, None] * np.take(ngrams.idf[:, None], feats, axis=0)
        norms = np.sqrt(segment_sum(docs, vals * vals, n))
        norms[norms == 0] = 1.0
        vals = (vals / norms[docs]).astype(np.float32)
        contrib = np.take(ngrams.weights, feats, axis=0) * vals
        z += ngrams.bias + segment_sum(docs, contrib, n)
        return z

    def _logits_one(self, words: WordTable, tokens: list[str]) -> np.ndarray | None:
        """`_logits` of one message (a single read()): the same sums in the same order, without the
        per-message bookkeeping of a batch (numpy's fixed cost per call is most of a message's cost)."""
        rows = words.rows(tokens)
        if rows is None:
            return None
        vector_rows, _ = words.vector_rows(rows)
        if len(vector_rows):
            gathered = self.vectors.vectors.take(vector_rows, axis=0)
            total = row_sums(gathered, _ONE_BLOCK)
            norm = np.sqrt(np.add.reduce(total * total, axis=1, keepdims=True))  # np.linalg.norm's own steps
            if norm[0, 0] != 0:
                total /= norm
        else:
            total = np.zeros((1, self.vectors.dims), dtype=np.float32)
        z: np.ndarray = total @ self.weights + self.bias
        if self.pooled is not None and len(vector_rows):
            ends = np.concatenate((gathered.max(axis=0), gathered.min(axis=0)))[None, :]
            norm = np.sqrt(np.add.reduce(ends * ends, axis=1, keepdims=True))
            if norm[0, 0] != 0:
                ends /= norm
            z += ends @ self.pooled
        ngrams = self.ngrams
        if ngrams is None:
            return z
        ids = words.grams[rows]
        if len(rows) > 1:
            pairs = words.pair_ids_one(rows)
            if pairs:
                ids = np.concatenate((ids, np.array(pairs, dtype=np.int64)))
        ids = ids[ids >= 0]
        if not len(ids):
            z += ngrams.bias + np.zeros((1, len(ngrams.bias)), dtype=np.float32)
            return z
        feats, tf_counts = unique_counts(ids)
        vals = sublinear_tf(tf_counts)[:, None] * ngrams.idf[:, None].take(feats, axis=0)
        norms = np.sqrt(row_sums(vals * vals, _ONE_BLOCK))
        if norms[0, 0] == 0:
            norms[0, 0] = 1.0
        vals = (vals / norms).astype(np.float32)
        contrib = ngrams.weights.take(feats, axis=0) * vals
        z += ngrams.bias + row_sums(contrib, _ONE_BLOCK)
        return z

    def _plain_logits(self, token_lists: list[list[str]]) -> np.ndarray:
        """Logits from `WordVectors.embed` and `LinearModel.logits_from_grams`: what `_logits` reproduces."""
        z: np.ndarray = self.vectors.embed(token_lists) @ self.weights + self.bias
        if self.pooled is not None:
            z += self.vectors.extremes(token_lists) @ self.pooled
        if self.ngrams is not None:
            analyzer = self.ngrams.analyzer
            z += self.ngrams.logits_from_grams([analyzer.grams_from_tokens(t) for t in token_lists])
        return z

    def intents(self, token_lists: list[list[str]]) -> list[Intent]:
        """The most likely label of each token list, with its probability as confidence."""
        probs = self.probabilities(token_lists)
        best = probs.argmax(axis=1)
        return [Intent(self.labels[j], float(probs[i, j])) for i, j in enumerate(best)]

    def classify(self, texts: Sequence[str]) -> list[Intent]:
        """Intents of raw texts (convenience for scripts, evaluation and tests)."""
        return self.intents([word_tokens(t.lower()) for t in texts])


@cache
def default_classifier() -> IntentClassifier:
    """The shipped classifier for the default taxonomy, loaded once per process."""
    return IntentClassifier.load(DEFAULT_MODEL_FILE)


@lru_cache(maxsize=8)
def business_classifier(path: Path, mtime_ns: int) -> IntentClassifier:
    """A classifier built from a business's taxonomy file (cached per file version)."""
    return IntentClassifier.from_taxonomy(load_taxonomy(path))


def active_classifier(environ: Mapping[str, str] | None = None) -> IntentClassifier:
    """The business's `intents.yaml` in POISE_DATA_DIR when there is one, else the shipped default."""
    env = os.environ if environ is None else environ
    data_dir = env.get("POISE_DATA_DIR")
    if data_dir:
        path = Path(data_dir) / TAXONOMY_FILE_NAME
        if path.is_file():
            return business_classifier(path, path.stat().st_mtime_ns)
    return default_classifier()


@pipeline.component("intent", assigns=("intent",))
def component(parses: list[Parse]) -> None:
    """Assign each message's intent: the business's taxonomy if it has one, else poise's default."""
    if not parses:
        return
    classifier = active_classifier()
    probs = classifier.probabilities([p.tokens for p in parses])
    labels = classifier.labels
    if len(parses) == 1:  # a single read(): the same values without the batch's index arrays
        row = probs[0]
        j = int(row.argmax())
        parses[0].values["intent"] = Intent(labels[j], float(row[j]))
        parses[0].values[INTENT_PROBABILITIES] = (labels, row)
        return
    best = probs.argmax(axis=1)
    confidence = probs[np.arange(len(best)), best].tolist()  # Python floats, as float(row[j]) gives
    for p, row, j, c in zip(parses, probs, best.tolist(), confidence):
        p.values["intent"] = Intent(labels[j], c)
        p.values[INTENT_PROBABILITIES] = (labels, row)  # for later components that revise the intent
