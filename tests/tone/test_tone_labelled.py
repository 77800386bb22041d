"""The tone guard on the labelled replies (tests/tone/data/replies.yaml): precision and recall per flag kind.

Half the replies are fine (no flags expected), half have exactly one known flaw. Three splits: dev (the
checks were iterated on it), test (written before any tuning; see docs/eval/tone.md for its figures before
and after), and holdout (34 replies written after all tuning and run once). Customer messages are turned
into hand-built Readings from their labelled mood, so the figures do not move when the reading models do.

Print the table: `.venv/bin/python tests/tone/test_labelled.py`
"""
from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from poise.reading.reading import Abuse, Intent, Reading, Sentiment, Summary
from poise.tone import FLAG_KINDS, check_reply

DATA = Path(__file__).parent / "data" / "replies.yaml"
MOODS = {
    "upset": (Sentiment("negative", -0.7), 0.9, {"anger": 0.7, "annoyance": 0.6}),
    "neutral": (Sentiment("neutral", 0.0), 0.2, {"neutral": 0.8}),
    "happy": (Sentiment("positive", 0.8), 0.05, {"gratitude": 0.8}),
}


def load_items() -> list[dict[str, Any]]:
    """All labelled replies."""
    items: list[dict[str, Any]] = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return items


def reading_for(item: dict[str, Any]) -> Reading | None:
    """A hand-built Reading of the item's customer message in its labelled mood (None without a message)."""
    text = item.get("customer")
    if not text:
        return None
    sentiment, complaint, emotions = MOODS[item.get("mood", "neutral")]
    return Reading(text=text, sentiment=sentiment, complaint=complaint, emotions=emotions, abuse=Abuse(),
                   intent=Intent("other", 0.0), stakes=(), claims=(), summary=Summary("", "", ""), language="en")


def predicted_kinds(item: dict[str, Any]) -> set[str]:
    """The flag kinds the guard raises on one labelled item."""
    report = check_reply(item["reply"], posture=item.get("posture"), customer_message=reading_for(item),
                         authority_cents=item.get("authority_cents"))
    return set(report.kinds)


@dataclass(frozen=True)
class Scores:
    """Per-kind and overall (micro) precision/recall on one split, plus the misses for debugging."""

    per_kind: dict[str, tuple[float, float, int]]
    precision: float
    recall: float
    fine_with_flags: int
    errors: list[str]


def evaluate(split: str) -> Scores:
    """Precision and recall per flag kind and overall on one split ("dev", "test" or "holdout")."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    fine_with_flags = 0
    errors: list[str] = []
    for item in (i for i in load_items() if i["split"] == split):
        expected = {item["flaw"]} if item.get("flaw") else set()
        got = predicted_kinds(item)
        for kind in got & expected:
            tp[kind] += 1
        for kind in got - expected:
            fp[kind] += 1
        for kind in expected - got:
            fn[kind] += 1
        if not expected and got:
            fine_with_flags += 1
        if got != expected:
            errors.append(f"{item['id']}: expected {sorted(expected)}, got {sorted(got)}")
    per_kind = {}
    for kind in FLAG_KINDS:
        p = tp[kind] / (tp[kind] + fp[kind]) if tp[kind] + fp[kind] else 0.0
        r = tp[kind] / (tp[kind] + fn[kind]) if tp[kind] + fn[kind] else 0.0
        per_kind[kind] = (p, r, tp[kind] + fn[kind])
    total_tp, total_fp, total_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    return Scores(per_kind, total_tp / max(1, total_tp + total_fp), total_tp / max(1, total_tp + total_fn),
                  fine_with_flags, errors)


def test_labelled_set_size_and_balance() -> None:
    items = load_items()
    assert len(items) >= 200
    assert len({i["id"] for i in items}) == len(items)
    assert {i["split"] for i in items} == {"dev", "test", "holdout"}
    for split, per_kind in (("dev", 4), ("test", 4), ("holdout", 1)):
        part = [i for i in items if i["split"] == split]
        flawed = Counter(i["flaw"] for i in part if i.get("flaw"))
        assert set(flawed) == set(FLAG_KINDS), f"{split}: every kind has examples"
        assert min(flawed.values()) >= per_kind
        assert abs(sum(flawed.values()) - (len(part) - sum(flawed.values()))) <= 4, "about half fine"


@pytest.mark.parametrize("split", ["dev", "test"])
def test_labelled_precision_and_recall_per_kind(split: str) -> None:
    scores = evaluate(split)
    assert scores.precision >= 0.9 and scores.recall >= 0.9, scores.errors
    low = {k: v for k, v in scores.per_kind.items() if v[0] < 0.9 or v[1] < 0.9}
    assert low == {}, scores.errors


def test_labelled_precision_and_recall_on_the_holdout() -> None:
    scores = evaluate("holdout")  # one flawed reply per kind: too few for per-kind figures
    assert scores.precision >= 0.9 and scores.recall >= 0.9, scores.errors


@pytest.mark.parametrize("item", [i for i in load_items() if i.get("flaw_text")], ids=lambda i: str(i["id"]))
def test_labelled_flag_span_covers_the_flaw(item: dict[str, Any]) -> None:
    report = check_reply(item["reply"], posture=item.get("posture"), customer_message=reading_for(item),
                         authority_cents=item.get("authority_cents"))
    covered = [item["reply"][f.span[0]:f.span[1]] for f in report.flags if f.kind == item["flaw"]]
    assert any(item["flaw_text"].lower() in c.lower() or c.lower() in item["flaw_text"].lower() for c in covered), \
        covered


def markdown() -> str:
    """All splits as a Markdown table (precision / recall / support per kind, then overall)."""
    splits = {name: evaluate(name) for name in ("dev", "test", "holdout")}
    lines = ["| kind | " + " | ".join(f"{n} P | {n} R | {n} n" for n in splits) + " |",
             "|---" * (1 + 3 * len(splits)) + "|"]
    for kind in FLAG_KINDS:
        cells = [f"{s.per_kind[kind][0]:.2f} | {s.per_kind[kind][1]:.2f} | {s.per_kind[kind][2]}"
                 for s in splits.values()]
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    lines.append("| **overall (micro)** | " + " | ".join(f"{s.precision:.3f} | {s.recall:.3f} |"
                                                        for s in splits.values()) + " |")
    lines.append("\nfine replies with any flag: " + ", ".join(f"{n} {s.fine_with_flags}" for n, s in splits.items()))
    for name, scores in splits.items():
        lines += [f"- {name} miss: {e}" for e in scores.errors]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    print(markdown())
