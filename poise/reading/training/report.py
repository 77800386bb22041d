"""Evaluation reports: per-label precision/recall/F1 and macro-F1, with the published anchor beside them."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass(frozen=True)
class LabelScore:
    """Precision, recall, F1 and support of one label."""

    label: str
    precision: float
    recall: float
    f1: float
    support: int
    anchor_f1: float | None = None


@dataclass
class TaskReport:
    """One evaluation: a task on a named split, per-label scores, headline figures and their anchors."""

    task: str
    dataset: str
    split: str
    labels: list[LabelScore] = field(default_factory=list)
    headline: dict[str, float] = field(default_factory=dict)
    anchors: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def macro_f1(self) -> float:
        return float(np.mean([s.f1 for s in self.labels])) if self.labels else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"task": self.task, "dataset": self.dataset, "split": self.split,
                "macro_f1": round(self.macro_f1, 4), "headline": self.headline, "anchors": self.anchors,
                "labels": [s.__dict__ for s in self.labels], "notes": self.notes}


def label_scores(y_true: np.ndarray, y_pred: np.ndarray, labels: list[str],
                 anchors: dict[str, float] | None = None) -> list[LabelScore]:
    """Per-label scores. Multi-label: y_true/y_pred are 0/1 matrices (n x labels); single-label: index arrays."""
    if y_true.ndim == 1:
        k = len(labels)
        y_true = np.eye(k, dtype=int)[y_true]
        y_pred = np.eye(k, dtype=int)[y_pred]
    out = []
    for j, name in enumerate(labels):
        t, p = y_true[:, j].astype(bool), y_pred[:, j].astype(bool)
        tp = int((t & p).sum())
        prec = tp / p.sum() if p.sum() else 0.0
        rec = tp / t.sum() if t.sum() else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out.append(LabelScore(name, round(float(prec), 4), round(float(rec), 4), round(float(f1), 4),
                              int(t.sum()), (anchors or {}).get(name)))
    return out
