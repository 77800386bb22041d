"""Train and evaluate the sentiment model (negative / neutral / positive, score = p(pos) - p(neg)).

Training rows (data marked "yes" in ../shared/data/README.md):
- GoEmotions train, sentiment groups (`group/`, mapped through sentiment_dict.json): negative when the
  comment's groups include negative and not positive, positive the other way round, neutral when its groups
  are only neutral and/or ambiguous (surprise, curiosity, confusion, realization); comments both positive and
  negative are left out;
- review sentences (sentiment_sentences: Amazon, Yelp, IMDb), positive or negative, 80 % of each file
  (fixed seed); the other 20 % is held out and reported.
Model: a multinomial logistic regression over the same features as the emotions model (C fixed at 4). Then
the negative class's bias is shifted by the amount that gives the best negative-vs-rest F1 on GoEmotions dev
(with "label = most probable class"); nothing is tuned on test.

Evaluation: negative-vs-rest F1 on the GoEmotions test split (gold negative = the comment's sentiment groups
include negative), beside VADER (compound <= -0.05 is negative, its authors' rule) on the same rows when
vaderSentiment is installed (`pip install 'poise[bench]'`); plus accuracy on the held-out review sentences.

Run: `.venv/bin/python -m poise.reading.training.sentiment`
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

import numpy as np

from poise.reading.linear import MODELS_DIR, shipped_model
from poise.reading.training.common import SEED, export, save
from poise.reading.training.emotions import default_data_dir, format_report, load_split, shared_vectorizer
from poise.reading.training.report import TaskReport, label_scores

C = 4.0
CLASSES: tuple[str, ...] = ("negative", "neutral", "positive")
GROUPS = "goemotions/group"  # label ids: ambiguous, negative, neutral, positive (group/labels.txt)
REVIEW_FILES = ("amazon_cells_labelled.txt", "yelp_labelled.txt", "imdb_labelled.txt")
SHIFTS = tuple(np.round(np.arange(-1.0, 1.01, 0.1), 2))


def group_rows(data_dir: Path, split: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    """GoEmotions texts of a split, their 3-class sentiment (-1 = mixed) and whether any group is negative."""
    texts, y = load_split(data_dir, split, GROUPS)
    names = (data_dir / GROUPS / "labels.txt").read_text(encoding="utf-8").split()
    neg, pos = y[:, names.index("negative")] == 1, y[:, names.index("positive")] == 1
    cls = np.where(neg & ~pos, 0, np.where(pos & ~neg, 2, np.where(~pos & ~neg, 1, -1)))
    return texts, cls, neg


def review_rows(data_dir: Path, seed: int = SEED) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """(train, held-out) review sentences as (text, class index), 80/20 per file with a fixed seed."""
    rng = random.Random(seed)
    train: list[tuple[str, int]] = []
    held: list[tuple[str, int]] = []
    for name in REVIEW_FILES:
        rows = []
        for line in (data_dir / "sentiment_sentences" / name).read_text(encoding="utf-8").splitlines():
            text, _, label = line.rpartition("\t")
            if text.strip() and label.strip() in ("0", "1"):
                rows.append((text.strip(), 2 if label.strip() == "1" else 0))
        rng.shuffle(rows)
        cut = int(len(rows) * 0.8)
        train += rows[:cut]
        held += rows[cut:]
    return train, held


def _negative_f1(pred_negative: np.ndarray, gold_negative: np.ndarray) -> float:
    tp = float((pred_negative & gold_negative).sum())
    return 2 * tp / (pred_negative.sum() + gold_negative.sum()) if tp else 0.0


def train(data_dir: Path, models_dir: Path = MODELS_DIR, seed: int = SEED) -> None:
    """Fit the sentiment model and write `sentiment.npz`."""
    from sklearn.linear_model import LogisticRegression

    texts, cls, _ = group_rows(data_dir, "train")
    keep = cls >= 0
    reviews, _ = review_rows(data_dir, seed)
    all_texts = [t for t, k in zip(texts, keep) if k] + [t for t, _ in reviews]
    y = np.concatenate([cls[keep], np.array([c for _, c in reviews])])
    vec = shared_vectorizer(models_dir)
    x = vec.fit_transform(all_texts)
    model = LogisticRegression(C=C, max_iter=300, random_state=seed).fit(x, y)
    coef = model.coef_.astype(np.float32)
    bias = model.intercept_.astype(np.float64).copy()
    dev_texts, _, dev_neg = group_rows(data_dir, "dev")
    z = vec.transform(dev_texts) @ coef.T + bias
    scored = []
    for shift in SHIFTS:
        zz = z.copy()
        zz[:, 0] += shift
        scored.append((_negative_f1(zz.argmax(axis=1) == 0, dev_neg), -abs(shift), shift))
    f1, _, shift = max(scored)
    bias[0] += shift
    coef[np.abs(coef) < 0.02] = 0.0
    meta = {"task": "sentiment", "seed": seed, "C": C, "negative_bias_shift": float(shift),
            "dev_negative_f1": round(f1, 4),
            "trained_on": ["GoEmotions train (sentiment groups)", "sentiment_sentences Amazon/Yelp/IMDb 80%"],
            "output_note": "label = argmax; score = p(positive) - p(negative)"}
    save(export(vec, coef, bias, list(CLASSES), output="softmax", meta=meta, prune_below=0.0), models_dir,
         "sentiment")


def vader_negative(texts: list[str]) -> np.ndarray | None:
    """VADER's negative calls (compound <= -0.05) for the texts, or None when vaderSentiment is missing."""
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        return None
    analyzer = SentimentIntensityAnalyzer()
    return np.array([analyzer.polarity_scores(t)["compound"] <= -0.05 for t in texts])


def evaluate(data_dir: Path, split: str = "test") -> list[TaskReport]:
    """Negative-vs-rest on GoEmotions `split` beside VADER, and polarity accuracy on the held-out reviews."""
    model = shipped_model("sentiment")
    texts, _, gold = group_rows(data_dir, split)
    pred = model.predict_proba(texts).argmax(axis=1) == 0
    y, p = np.stack([~gold, gold], 1).astype(int), np.stack([~pred, pred], 1).astype(int)
    report = TaskReport("sentiment: negative vs rest", "goemotions (sentiment groups)", split,
                        label_scores(y, p, ["rest", "negative"]))
    report.headline = {"negative_f1": report.labels[1].f1, "n": len(texts)}
    vader = vader_negative(texts)
    if vader is None:
        report.notes.append("VADER skipped: vaderSentiment is not installed (pip install 'poise[bench]')")
    else:
        vader_f1 = round(_negative_f1(vader, gold), 4)
        report.headline["vader_negative_f1"] = vader_f1
        report.anchors = {"negative_f1": f"VADER {vader_f1:.4f} on the same rows (compound <= -0.05)"}
    held = review_rows(data_dir)[1]
    probs = model.predict_proba([t for t, _ in held])
    gold_r = np.array([c for _, c in held])
    pred_r = np.where(probs[:, 2] >= probs[:, 0], 2, 0)  # reviews have no neutral: compare the two poles
    reviews = TaskReport("sentiment: reviews polarity", "sentiment_sentences (20% held out)", "held-out",
                         label_scores((gold_r == 2).astype(int), (pred_r == 2).astype(int),
                                      ["negative", "positive"]))
    reviews.headline = {"accuracy": round(float((pred_r == gold_r).mean()), 4), "n": len(held)}
    reviews.anchors = {"accuracy": "bag-of-words LR about 0.78-0.83 per site (course reports in SOURCE.md; "
                                   "not peer-reviewed, other splits: not comparable)"}
    return [report, reviews]


def main(data_dir: Path | None = None) -> None:
    """Train, then print the evaluation on dev and test."""
    data = data_dir or default_data_dir()
    train(data, MODELS_DIR)
    shipped_model.cache_clear()
    for split in ("dev", "test"):
        for report in evaluate(data, split):
            print(format_report(report), "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
