"""Shared training pieces: tf-idf features identical to inference, and export to a LinearModel file."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from poise.reading.features import Analyzer
from poise.reading.linear import LinearModel

SEED = 13


def vectorizer(spec: dict[str, int], *, min_df: int = 2, max_features: int | None = None) -> Any:
    """A scikit-learn TfidfVectorizer whose features match `LinearModel` at inference exactly."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    return TfidfVectorizer(analyzer=Analyzer(spec), lowercase=False, sublinear_tf=True, min_df=min_df,
                           max_features=max_features, dtype=np.float32)


def export(vec: Any, coef: np.ndarray, intercept: np.ndarray, labels: list[str], *,
           thresholds: np.ndarray | None = None, output: str = "sigmoid", meta: dict[str, Any] | None = None,
           prune_below: float = 0.0) -> LinearModel:
    """Build a LinearModel from a fitted vectorizer and linear weights (labels x features).

    prune_below: drop vocabulary entries whose largest absolute weight is below this (smaller files, faster).
    """
    weights = np.asarray(coef, dtype=np.float32).T  # features x labels
    vocab = vec.get_feature_names_out()
    idf = vec.idf_.astype(np.float32)
    if prune_below > 0:
        keep = np.abs(weights).max(axis=1) >= prune_below
        weights, vocab, idf = weights[keep], vocab[keep], idf[keep]
    info = dict(meta or {})
    info.setdefault("features", vec.analyzer.spec)
    info["output"] = output
    thr = np.full(len(labels), 0.5, dtype=np.float32) if thresholds is None else np.asarray(thresholds)
    return LinearModel(list(vocab), idf, weights, np.asarray(intercept, dtype=np.float32).reshape(-1),
                       list(labels), thr, info)


def save(model: LinearModel, models_dir: Path, name: str) -> Path:
    """Write `name.npz` into the models folder and return its path."""
    models_dir.mkdir(parents=True, exist_ok=True)
    path = models_dir / f"{name}.npz"
    model.save(path)
    if name == "emotions":  # its vocabulary is the affect models' one: precompute the scorer's word table
        from poise.reading.wordtable import WORD_TABLE_FILE, write_word_table
        spec = model.analyzer.spec
        write_word_table(model.index, (int(spec.get("char_min_n", 3)), int(spec.get("char_max_n", 0))),
                         int(spec.get("word_max_n", 2)), models_dir / WORD_TABLE_FILE.name)
    return path
