"""Score the reading on the informal DEVELOPMENT set (tests/reading/data/informal_dev.yaml): the set poise's desk
cues, upset model and informal claim/stake/abuse rules were tuned on. Figures here are optimistic by design; the
blind set (test_informal_blind.py) is the fair measure.

Run: `.venv/bin/python tests/reading/informal_dev_score.py [--misses FIELD]` (FIELD: complaint, sentiment, intent,
upset, abuse).
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from poise import read_many  # noqa: E402
from poise.reading.reading import CLAIM_KINDS, STAKE_KINDS, Reading  # noqa: E402

# The claim kinds this set was labelled with: kinds added later (wrong_item) are not scored on it.
LABELLED_CLAIM_KINDS = tuple(k for k in CLAIM_KINDS if k != "wrong_item")

DEV_SET = Path(__file__).parent / "data" / "informal_dev.yaml"


def prf(gold: list[bool], pred: list[bool]) -> tuple[float, float, float]:
    """Precision, recall and F1 of the positive class."""
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    p = tp / max(sum(pred), 1)
    r = tp / max(sum(gold), 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


def micro(gold: list[set[str]], got: list[set[str]], kinds: tuple[str, ...]) -> tuple[float, float, float]:
    """Micro P / R / F1 over kinds present per message."""
    tp = sum(len(g & p & set(kinds)) for g, p in zip(gold, got, strict=True))
    fp = sum(len((p - g) & set(kinds)) for g, p in zip(gold, got, strict=True))
    fn = sum(len((g - p) & set(kinds)) for g, p in zip(gold, got, strict=True))
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


def score(rows: list[dict[str, Any]], readings: list[Reading]) -> dict[str, float]:
    """Every figure, by name."""
    n = len(rows)
    out: dict[str, float] = {}
    gold_c, pred_c = [r["complaint"] for r in rows], [x.complaint >= 0.5 for x in readings]
    out["complaint_acc"] = sum(g == p for g, p in zip(gold_c, pred_c, strict=True)) / n
    out["complaint_p"], out["complaint_r"], out["complaint_f1"] = prf(gold_c, pred_c)
    out["sentiment_acc"] = sum(r["sentiment"] == x.sentiment.label for r, x in zip(rows, readings, strict=True)) / n
    out["sentiment_neg_p"], out["sentiment_neg_r"], out["sentiment_neg_f1"] = prf(
        [r["sentiment"] == "negative" for r in rows], [x.sentiment.label == "negative" for x in readings])
    out["intent_acc"] = sum(r["intent"] == x.intent.label for r, x in zip(rows, readings, strict=True)) / n
    gold_a = [r["angry"] for r in rows]
    out["anger_emotions_p"], out["anger_emotions_r"], out["anger_emotions_f1"] = prf(
        gold_a, [bool({"anger", "annoyance"} & set(x.dominant_emotions)) for x in readings])
    out["upset_p"], out["upset_r"], out["upset_f1"] = prf(gold_a, [x.upset >= 0.5 for x in readings])
    out["abuse_acc"] = sum(r["abuse"] == x.abuse.level for r, x in zip(rows, readings, strict=True)) / n
    out["claims_p"], out["claims_r"], out["claims_f1"] = micro(
        [set(r["claims"]) for r in rows], [{c.kind for c in x.claims} for x in readings], LABELLED_CLAIM_KINDS)
    out["stakes_p"], out["stakes_r"], out["stakes_f1"] = micro(
        [set(r["stakes"]) for r in rows], [{s.kind for s in x.stakes} for x in readings], STAKE_KINDS)
    return out


def load() -> tuple[list[dict[str, Any]], list[Reading]]:
    """The development rows and their readings."""
    rows = yaml.safe_load(DEV_SET.read_text(encoding="utf-8"))
    readings = [r for r in read_many([row["text"] for row in rows]) if isinstance(r, Reading)]
    return rows, readings


def main(argv: list[str]) -> None:
    rows, readings = load()
    for name, value in score(rows, readings).items():
        print(f"{name:22s} {value:.3f}")
    if "--misses" in argv:
        field = argv[argv.index("--misses") + 1]
        for row, x in zip(rows, readings, strict=True):
            got = {"complaint": x.complaint >= 0.5, "sentiment": x.sentiment.label, "intent": x.intent.label,
                   "upset": x.upset >= 0.5, "abuse": x.abuse.level}[field]
            gold = row["angry"] if field == "upset" else row[field]
            if got != gold:
                print(f"  gold={gold} got={got} | {row['text'][:100]}")


if __name__ == "__main__":
    main(sys.argv[1:])
