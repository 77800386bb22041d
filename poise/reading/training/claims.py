"""Train and evaluate the claim-kinds model: which checkable claims a message makes, where the rules miss them.

The claims component reads claims with precise rules (poise/reading/claims.py), which give exact spans but miss
many of the ways real customers put things ("4th day of 'out for delivery'", "the tap you put in yesterday is
already dripping"). This model is a second reader behind them: one logistic regression per claim kind over the
affect models' shared features (word 1-2grams and character 3-5grams, `shared_vectorizer`), so the Reader
scores it in the same lookup pass as emotions, sentiment and complaint. A kind the model gives p >= THRESHOLD
and the rules did not find is added with the sentence that reads most like it as its span.

Data: the informal development sets (tests/reading/data/informal_dev*.yaml: short, misspelt messages written
and labelled by hand; the same rows the default intent model learns from) and claims_dev.jsonl. Never
claims_test.jsonl (scored by `evaluate`) and never the blind sets.

C and THRESHOLD were chosen by training on two of the three informal sets and scoring rules + model on the
third (docs/eval/claims-stakes-summary.md, "A model behind the rules"): rules alone micro-F1 0.853 / 0.783 /
0.488, rules + model 0.831 / 0.823 / 0.598 (C 16, p >= 0.6).

Run: `poise train --task claims` (writes models/claim_kinds.npz); `poise eval --task claims`.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from poise.reading.linear import MODELS_DIR
from poise.reading.reading import CLAIM_KINDS
from poise.reading.training.common import SEED, export, save
from poise.reading.training.emotions import shared_vectorizer
from poise.reading.training.informal import INFORMAL_DIR, INFORMAL_SETS, labelled_rows
from poise.reading.training.report import TaskReport, label_scores

MODEL_NAME = "claim_kinds"
# The kinds the hand-labelled sets mark (wrong_item is read by the rules only: no set labels it).
KINDS: tuple[str, ...] = tuple(k for k in CLAIM_KINDS if k != "wrong_item")
C = 16.0
THRESHOLD = 0.6
CHECK_DEV = INFORMAL_DIR / "claims_dev.jsonl"
CHECK_TEST = INFORMAL_DIR / "claims_test.jsonl"


def training_rows(names: tuple[str, ...] = INFORMAL_SETS) -> list[tuple[str, set[str]]]:
    """(text, claim kinds) of every informal development row and every claims_dev.jsonl line."""
    return [(str(r["text"]), set(r["claims"])) for _, r in labelled_rows(names)] + _jsonl(CHECK_DEV)


def _jsonl(path: Path) -> list[tuple[str, set[str]]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(str(item["text"]), set(item["claims"])) for item in map(json.loads, filter(None, lines))]


def train(data_dir: Path, models_dir: Path = MODELS_DIR, seed: int = SEED) -> None:
    """Fit one logistic regression per kind and write models/claim_kinds.npz (data_dir: unused, the sets
    live in the repository)."""
    from sklearn.linear_model import LogisticRegression

    rows = training_rows()
    vec = shared_vectorizer(models_dir)
    x = vec.fit_transform([t for t, _ in rows])
    coefs, biases, positives = [], [], {}
    for kind in KINDS:
        y = np.array([kind in kinds for _, kinds in rows], dtype=int)
        model = LogisticRegression(C=C, class_weight="balanced", max_iter=2000, random_state=seed).fit(x, y)
        coefs.append(model.coef_[0])
        biases.append(model.intercept_[0])
        positives[kind] = int(y.sum())
    coef = np.vstack(coefs).astype(np.float32)
    coef[np.abs(coef) < 0.02] = 0.0
    # The bias is shifted so that THRESHOLD sits at p = 0.5, as every affect model reads its decision.
    shift = float(np.log(THRESHOLD / (1 - THRESHOLD)))
    meta = {"task": MODEL_NAME, "seed": seed, "C": C, "threshold": THRESHOLD, "rows": len(rows),
            "positives": positives, "trained_on": [*INFORMAL_SETS, CHECK_DEV.name], "decision": "p >= 0.5"}
    save(export(vec, coef, np.array(biases) - shift, list(KINDS), meta=meta, prune_below=0.0), models_dir,
         MODEL_NAME)


def evaluate(data_dir: Path) -> list[TaskReport]:
    """Claims of the whole claims component (rules + model) on claims_test.jsonl, never trained on, and of the
    rules alone beside it."""
    from poise.reading.claims import find_claims
    from poise.reading.pipeline import default_reader

    rows = _jsonl(CHECK_TEST)
    gold = np.array([[k in kinds for k in KINDS] for _, kinds in rows], dtype=np.int64)
    readings = [default_reader().read(t) for t, _ in rows]
    both = np.array([[k in {c.kind for c in r.claims} for k in KINDS] for r in readings], dtype=np.int64)
    rules = np.array([[k in {c.kind for c in find_claims(t, t.lower())} for k in KINDS] for t, _ in rows],
                     dtype=np.int64)
    reports = []
    for name, pred in (("rules + model", both), ("rules alone", rules)):
        report = TaskReport("claims", f"claims_test.jsonl (hand-written), {name}", "test",
                            label_scores(gold, pred, list(KINDS)))
        tp, fp, fn = int((gold & pred).sum()), int(((1 - gold) & pred).sum()), int((gold & (1 - pred)).sum())
        p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        report.headline = {"micro_precision": round(p, 4), "micro_recall": round(r, 4),
                           "micro_f1": round(2 * p * r / max(p + r, 1e-9), 4), "n": len(rows)}
        report.anchors = {"micro_f1": "no published anchor (set written for poise)"}
        reports.append(report)
    return reports
