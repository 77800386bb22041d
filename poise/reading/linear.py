"""Linear models over sparse n-gram features, run with numpy alone.

A model file (.npz) holds: `vocab` (str array), `idf` (float32, one per vocab entry), `weights`
(vocab x labels, float32), `bias` (labels), `labels` (str array), `thresholds` (labels), and `meta` (a JSON
string: the feature spec, the kind of output — "sigmoid" or "softmax" — and where the model came from).
Features are tf-idf with sublinear tf and l2 norm, as scikit-learn computes them, so trained weights
carry over exactly.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from poise.errors import ModelError
from poise.reading.features import Analyzer

MODELS_DIR = Path(__file__).parent / "models"


class LinearModel:
    """A multi-output linear model: grams -> logits -> probabilities."""

    def __init__(self, vocab: list[str], idf: np.ndarray, weights: np.ndarray, bias: np.ndarray,
                 labels: list[str], thresholds: np.ndarray, meta: dict[str, Any]) -> None:
        self.index = {g: i for i, g in enumerate(vocab)}
        self.idf = idf.astype(np.float32)
        self.weights = weights.astype(np.float32)
        self.bias = bias.astype(np.float32)
        self.labels = list(labels)
        self.thresholds = thresholds.astype(np.float32)
        self.meta = meta
        self.analyzer = Analyzer(meta.get("features", {"word_max_n": 2}))
        self.output = meta.get("output", "sigmoid")

    @classmethod
    def load(cls, name_or_path: str | Path) -> "LinearModel":
        """Load a model by file name in the shipped models folder, or by path."""
        path = Path(name_or_path)
        if not path.suffix:
            path = MODELS_DIR / f"{name_or_path}.npz"
        if not path.exists():
            raise ModelError(f"model file {path} is missing",
                             hint="reinstall poise, or rebuild the models with `poise train`")
        try:
            with np.load(path, allow_pickle=False) as z:
                return cls(list(z["vocab"]), z["idf"], z["weights"], z["bias"], list(z["labels"]),
                           z["thresholds"], json.loads(str(z["meta"])))
        except (KeyError, ValueError, OSError) as exc:
            raise ModelError(f"model file {path} is damaged ({exc})",
                             hint="reinstall poise, or rebuild the models with `poise train`") from exc

    def save(self, path: str | Path) -> None:
        """Write the model as .npz (float16 weights keep the package small)."""
        vocab = [""] * len(self.index)
        for g, i in self.index.items():
            vocab[i] = g
        np.savez_compressed(path, vocab=np.array(vocab), idf=self.idf.astype(np.float16),
                            weights=self.weights.astype(np.float16), bias=self.bias,
                            labels=np.array(self.labels), thresholds=self.thresholds,
                            meta=np.array(json.dumps(self.meta)))

    def logits_from_grams(self, gram_lists: list[list[str]]) -> np.ndarray:
        """Raw scores (n x labels) for each message's grams, as a batch."""
        index = self.index
        rows: list[np.ndarray] = []
        counts: list[np.ndarray] = []
        for grams in gram_lists:
            ids: dict[int, int] = {}
            for g in grams:
                j = index.get(g)
                if j is not None:
                    ids[j] = ids.get(j, 0) + 1
            rows.append(np.fromiter(ids.keys(), dtype=np.int64, count=len(ids)))
            counts.append(np.fromiter(ids.values(), dtype=np.float32, count=len(ids)))
        n = len(gram_lists)
        out = np.tile(self.bias, (n, 1))
        lengths = np.array([len(r) for r in rows])
        if lengths.sum() == 0:
            return out
        idx = np.concatenate(rows)
        tf = 1.0 + np.log(np.concatenate(counts))
        vals = tf * self.idf[idx]
        doc = np.repeat(np.arange(n), lengths)
        norms = np.sqrt(np.bincount(doc, weights=vals * vals, minlength=n)).astype(np.float32)
        norms[norms == 0] = 1.0
        vals = vals / norms[doc]
        contrib = self.weights[idx] * vals[:, None]
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        nonempty = lengths > 0
        out[nonempty] += np.add.reduceat(contrib, starts[nonempty], axis=0)
        return out

    def probabilities_from_grams(self, gram_lists: list[list[str]]) -> np.ndarray:
        """Probabilities (n x labels): independent sigmoids or one softmax, as the model was trained."""
        z = self.logits_from_grams(gram_lists)
        if self.output == "softmax":
            z = z - z.max(axis=1, keepdims=True)
            e = np.exp(z)
            return e / e.sum(axis=1, keepdims=True)
        return 1.0 / (1.0 + np.exp(-z))

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        """Probabilities for raw texts (convenience for evaluation and tests)."""
        return self.probabilities_from_grams([self.analyzer(t) for t in texts])


@lru_cache(maxsize=None)
def shipped_model(name: str) -> LinearModel:
    """A shipped model, loaded once per process."""
    return LinearModel.load(name)
