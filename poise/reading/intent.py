"""Intent: what the customer wants, from a taxonomy a business can change with a few example sentences.

The engine reads a message as a sentence vector (static word vectors distilled from all-MiniLM-L6-v2, see
`intents/vectors.py`) and, in the shipped models, word n-gram tf-idf beside it; a linear layer turns that
into one probability per label. Two ways to get the layer:

- shipped: `models/intent_default.npz`, trained by `poise.reading.training.intent` on public data mapped to
  the default labels (docs/eval/intent.md has the mapping) plus the examples in `intents/default.yaml`;
- a business's own: `IntentClassifier.from_examples({label: [sentences]})`, a logistic regression fitted
  in numpy over the fixed sentence vectors when poise loads (a fraction of a second), so there is no
  training step. `intents.yaml` in the data folder (POISE_DATA_DIR) is picked up by the Reader.
"""
from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Mapping, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from poise.errors import ConfigError, ModelError
from poise.reading import pipeline
from poise.reading.features import word_tokens
from poise.reading.intents.taxonomy import (
    Taxonomy,
    default_taxonomy,
    load_taxonomy,
    merged,
    parse_taxonomy,
)
from poise.reading.intents.vectors import WordVectors
from poise.reading.linear import MODELS_DIR, LinearModel
from poise.reading.pipeline import Parse
from poise.reading.reading import Intent

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
# Inverse regularisation and step count of the few-shot fit, chosen on a validation part carved from
# banking77's train split (docs/eval/intent.md); never on a test split.
FEW_SHOT_C = 10.0
FEW_SHOT_ITERATIONS = 50


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


class IntentClassifier:
    """Sentence vectors (+ optional n-gram tf-idf) -> a linear layer -> one probability per label."""

    def __init__(self, labels: Sequence[str], weights: np.ndarray, bias: np.ndarray, *,
                 vectors: WordVectors | None = None, ngrams: LinearModel | None = None,
                 meta: dict[str, Any] | None = None) -> None:
        self.labels = list(labels)
        self.vectors = vectors if vectors is not None else shipped_vectors()
        self.weights = np.asarray(weights, dtype=np.float32)
        self.bias = np.asarray(bias, dtype=np.float32).reshape(-1)
        self.ngrams = ngrams
        self.meta = dict(meta or {})
        if self.weights.shape != (self.vectors.dims, len(self.labels)):
            raise ModelError(f"intent weights have shape {self.weights.shape}, expected "
                             f"{(self.vectors.dims, len(self.labels))}",
                             hint="rebuild the intent model with `python -m poise.reading.training.intent`")

    @classmethod
    def from_examples(cls, examples: Mapping[str, Sequence[str]], *, vectors: WordVectors | None = None,
                      c: float = FEW_SHOT_C, source: str = "<memory>") -> IntentClassifier:
        """Build a classifier from a handful of example sentences per label; no training step.

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
        texts = [s for label in taxonomy.labels for s in taxonomy.examples[label]]
        y = np.array([i for i, label in enumerate(taxonomy.labels) for _ in taxonomy.examples[label]])
        x = vectors.embed([word_tokens(t.lower()) for t in texts])
        with one_blas_thread():
            weights, bias = fit_softmax(x, y, len(taxonomy.labels), c=c)
        return cls(taxonomy.labels, weights, bias, vectors=vectors,
                   meta={"source": source, "fit": "few-shot", "c": c, "examples": len(texts)})

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
                return cls(labels, z["weights"], z["bias"], vectors=vectors, ngrams=ngrams, meta=meta)
        except (KeyError, ValueError, OSError) as exc:
            raise ModelError(f"intent model file {path} is damaged ({exc})", hint=hint) from exc

    def save(self, path: str | Path) -> None:
        """Write the linear layer (and n-gram part) as .npz; the vector table is a separate shipped file."""
        arrays: dict[str, np.ndarray] = {
            "labels": np.array(self.labels), "weights": self.weights.astype(np.float16), "bias": self.bias,
        }
        meta = dict(self.meta)
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
        z = self.vectors.embed(token_lists) @ self.weights + self.bias
        if self.ngrams is not None:
            analyzer = self.ngrams.analyzer
            z += self.ngrams.logits_from_grams([analyzer.grams_from_tokens(t) for t in token_lists])
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return np.asarray(e / e.sum(axis=1, keepdims=True))

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
    for p, intent in zip(parses, active_classifier().intents([p.tokens for p in parses])):
        p.values["intent"] = intent
