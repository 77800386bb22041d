"""Fit the desk sentiment model (poise/reading/desk_sentiment.py) on the informal sets that may be tuned on.

Data: the sets `upset` is fitted on (training/upset.py TRAINING_SETS: informal_dev to informal_dev4 and the
first blind set, looked at since), each message labelled negative, neutral or positive by hand; only the rows the
model reads (English, about the business, not kept negative by a desk cue). Never the later blind sets, which
measure the result. Each message is read by the shipped Reader up to `desk_sentiment` (the development sets with
a complaint model trained without them: training/crossfit.py) and its SENTIMENT_FEATURES worked out. C is
chosen by leave-one-set-out accuracy (train on the other sets, score the held-out one: the sets were written by
different people, so this is closer to a new inbox than a random split); the figures printed are those held-out
accuracies and negative-vs-rest F1s.

Run: `.venv/bin/python -m poise.reading.training.desk_sentiment` (writes poise/reading/models/desk_sentiment.json).
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

import numpy as np
import yaml

from poise.reading.affect import affect_scores
from poise.reading.components import read_before
from poise.reading.desk_sentiment import (
    LABELS,
    MODEL_FILE,
    SENTIMENT_FEATURES,
    DeskSentimentModel,
    features,
    keeps_negative,
    reads,
    sentiment_inputs,
)
from poise.reading.pipeline import Parse
from poise.reading.training.crossfit import reading_without
from poise.reading.training.informal import INFORMAL_DIR
from poise.reading.training.upset import SEED, TRAINING_SETS

C_GRID: tuple[float, ...] = (0.3, 1.0, 3.0)


@dataclass
class LabelledSet:
    """One set read up to desk_sentiment: features, gold labels, the sentiment the Reading had before, and which
    rows the desk model reads (English and about the business: `desk_sentiment.reads`)."""

    name: str
    x: np.ndarray
    y: np.ndarray
    before: np.ndarray
    read: np.ndarray  # rows the model reads and decides (not those a desk cue keeps negative)


def labelled_set(name: str) -> LabelledSet:
    """Read one labelled set with the shipped Reader up to `desk_sentiment`."""
    rows = yaml.safe_load((INFORMAL_DIR / name).read_text(encoding="utf-8"))
    parses = [Parse.of(r["text"]) for r in rows]
    with reading_without(name):  # complaint scores out of sample (training/crossfit.py)
        read_before(parses, "desk_sentiment")
        x = features([sentiment_inputs(p, a) for p, a in zip(parses, affect_scores(parses))])
    return LabelledSet(name, x, np.array([LABELS.index(str(r["sentiment"])) for r in rows]),
                       np.array([LABELS.index(p.values["sentiment"].label) for p in parses]),
                       np.array([reads(p) and not keeps_negative(p) for p in parses]))


def _negative_f1(y: np.ndarray, pred: np.ndarray) -> float:
    neg = LABELS.index("negative")
    tp = float(((y == neg) & (pred == neg)).sum())
    return 2 * tp / max(float((y == neg).sum() + (pred == neg).sum()), 1.0)


def _model(sets: list[LabelledSet], c: float) -> Any:
    from sklearn.linear_model import LogisticRegression

    x = np.vstack([s.x[s.read] for s in sets])
    y = np.concatenate([s.y[s.read] for s in sets])
    return LogisticRegression(C=c, max_iter=5000, random_state=SEED).fit(x, y)


def held_out(sets: list[LabelledSet], c: float) -> list[dict[str, float]]:
    """Per set: 3-way accuracy and negative-vs-rest F1 over ALL its rows, before (the Reading without the desk
    model) and after (the desk model, fitted on the other sets, on the rows it reads)."""
    out = []
    for k, held in enumerate(sets):
        after = held.before.copy()
        if held.read.any():
            after[held.read] = _model([s for i, s in enumerate(sets) if i != k], c).predict(held.x[held.read])
        out.append({"before_accuracy": float((held.before == held.y).mean()),
                    "after_accuracy": float((after == held.y).mean()),
                    "before_negative_f1": _negative_f1(held.y, held.before),
                    "after_negative_f1": _negative_f1(held.y, after)})
    return out


def fit(sets: list[LabelledSet]) -> tuple[DeskSentimentModel, dict[float, list[dict[str, float]]]]:
    """The model at the C with the best mean held-out accuracy, and every C's held-out figures."""
    held = {c: held_out(sets, c) for c in C_GRID}
    best = max(held, key=lambda c: float(np.mean([f["after_accuracy"] for f in held[c]])))
    lr = _model(sets, best)
    meta = {"trained_on": " + ".join(f"{s.name} ({int(s.read.sum())} of {len(s.y)})" for s in sets)
            + ": English messages about the business", "C": best,
            "held_out": {s.name: {k: round(v, 4) for k, v in f.items()} for s, f in zip(sets, held[best])}}
    weights = tuple(tuple(round(float(w), 6) for w in row) for row in lr.coef_)
    return DeskSentimentModel(weights, tuple(round(float(b), 6) for b in lr.intercept_), meta), held


def main(argv: list[str] | None = None) -> None:
    sets = [labelled_set(name) for name, _ in TRAINING_SETS]
    model, held = fit(sets)
    model.save(MODEL_FILE)
    for c, figures in held.items():
        shown = "; ".join(f"{s.name} {f['before_accuracy']:.3f} -> {f['after_accuracy']:.3f} / "
                          f"{f['before_negative_f1']:.3f} -> {f['after_negative_f1']:.3f}"
                          for s, f in zip(sets, figures))
        print(f"C {c}: held-out 3-way accuracy / negative F1, before -> after: {shown}")
    for name, row in zip(SENTIMENT_FEATURES, np.array(model.weights).T):
        print(f"  {name:20s} " + " ".join(f"{w:+.2f}" for w in row))
    print(f"  C {model.meta['C']}; written {MODEL_FILE}")


if __name__ == "__main__":
    main(sys.argv[1:])
