"""Fit the upset model (poise/reading/upset.py) on the informal sets that may be tuned on.

Data: the informal sets that may be tuned on (TRAINING_SETS), customer messages written and labelled by hand
(the label: annoyed or angry, shown or not): tests/reading/data/informal_dev.yaml (200, `angry`),
informal_dev2.yaml (250), informal_dev3.yaml (320), informal_dev4.yaml (400) and informal_blind.yaml (120: the
first blind set, looked at since and no longer blind), all `anger` but the first. Never informal_blind2-5.yaml,
which measure the result. Each message is read by the shipped Reader up to `upset` (the development sets with a
complaint model trained without them: training/crossfit.py), the desk cue is worked out, and a logistic
regression is fitted over the reading's signals (UPSET_FEATURES). C is chosen by 5-fold cross-validated F1 over
the sets together; the figure printed is that cross-validated F1.

Run: `.venv/bin/python -m poise.reading.training.upset` (writes poise/reading/models/upset.json).
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import yaml

from poise.reading.components import read_before
from poise.reading.pipeline import Parse
from poise.reading.training.crossfit import reading_without
from poise.reading.training.informal import INFORMAL_DIR
from poise.reading.upset import UPSET_FEATURES, UPSET_MODEL_FILE, UpsetModel, revise, upset_features, upset_inputs

# (file, the field holding its annoyed-or-angry label)
TRAINING_SETS: tuple[tuple[str, str], ...] = (("informal_dev.yaml", "angry"), ("informal_dev2.yaml", "anger"),
                                              ("informal_dev3.yaml", "anger"), ("informal_dev4.yaml", "anger"),
                                              ("informal_blind.yaml", "anger"))
C_GRID: tuple[float, ...] = (0.03, 0.1, 0.3, 1.0)
SEED = 13


def set_features(path: Path, label: str) -> tuple[np.ndarray, np.ndarray]:
    """The upset features and the annoyed-or-angry labels of one labelled set."""
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    parses = [Parse.of(r["text"]) for r in rows]
    with reading_without(path.name):  # complaint scores out of sample (training/crossfit.py)
        read_before(parses, "upset")
        x = upset_features([upset_inputs(p, revise(p)) for p in parses])
    return x, np.array([bool(r[label]) for r in rows])


def training_features() -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of every TRAINING_SETS row, one set after another."""
    parts = [set_features(INFORMAL_DIR / name, label) for name, label in TRAINING_SETS]
    return np.vstack([x for x, _ in parts]), np.concatenate([y for _, y in parts])


def fit(x: np.ndarray, y: np.ndarray) -> tuple[UpsetModel, dict[float, float]]:
    """The model at the C with the best 5-fold cross-validated F1, and every C's F1."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    folds = StratifiedKFold(5, shuffle=True, random_state=SEED)
    scores = {c: float(f1_score(y, cross_val_predict(LogisticRegression(C=c, max_iter=2000), x, y, cv=folds)))
              for c in C_GRID}
    best = max(scores, key=lambda c: scores[c])
    lr = LogisticRegression(C=best, max_iter=2000).fit(x, y)
    names = " + ".join(name for name, _ in TRAINING_SETS)
    meta = {"trained_on": f"{names} ({len(y)} messages, {int(y.sum())} angry or annoyed)",
            "C": best, "cv_f1": round(scores[best], 4)}
    return UpsetModel(tuple(round(float(w), 6) for w in lr.coef_[0]), round(float(lr.intercept_[0]), 6),
                      meta), scores


def main(argv: list[str] | None = None) -> None:
    x, y = training_features()
    model, scores = fit(x, y)
    model.save(UPSET_MODEL_FILE)
    print("5-fold CV F1 by C:", {c: round(s, 3) for c, s in scores.items()})
    for name, w in zip(UPSET_FEATURES, model.weights):
        print(f"  {name:20s} {w:+.3f}")
    print(f"  bias {model.bias:+.3f}; written {UPSET_MODEL_FILE}")


if __name__ == "__main__":
    main(sys.argv[1:])
