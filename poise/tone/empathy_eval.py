"""Score the rule-based empathy levels on EPITOME's public Reddit files (evaluation only, never training).

The three CSVs (one per dimension) share their (sp_id, rp_id) pairs; duplicated pairs are dropped (first
kept). EPITOME has no official split, so a fixed split by seeker post keeps a dev half (looked at while the
rules were written) apart from a test half (reported, not tuned on): crc32(sp_id) even -> dev, odd -> test.

Run: `python -m poise.tone.empathy_eval ../shared/data` (prints a Markdown table).
"""
from __future__ import annotations

import csv
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

from poise.errors import InputError
from poise.tone.empathy import DIMENSIONS, empathy_levels

FILES = {
    "emotional_reactions": "emotional-reactions-reddit.csv",
    "interpretations": "interpretations-reddit.csv",
    "explorations": "explorations-reddit.csv",
}


@dataclass(frozen=True)
class DimensionResult:
    """Accuracy, macro-F1 over the three levels, and binary F1 (level 0 vs 1-2) on one dimension."""

    dimension: str
    split: str
    n: int
    accuracy: float
    macro_f1: float
    binary_f1: float


def split_of(sp_id: str) -> str:
    """"dev" or "test" for a seeker post id (fixed, so the test half is never tuned on)."""
    return "dev" if zlib.crc32(sp_id.encode()) % 2 == 0 else "test"


def load(data_dir: Path, dimension: str) -> list[tuple[str, str, int]]:
    """Rows (sp_id, response_post, level) of one dimension, duplicates of (sp_id, rp_id) dropped."""
    path = data_dir / "epitome" / FILES[dimension]
    if not path.is_file():
        raise InputError(f"EPITOME file {path} not found", hint="point at the shared data folder (../shared/data)")
    rows: list[tuple[str, str, int]] = []
    seen: set[tuple[str, str]] = set()
    with path.open(newline="", encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            key = (rec["sp_id"], rec["rp_id"])
            if key in seen:
                continue
            seen.add(key)
            rows.append((rec["sp_id"], rec["response_post"], int(rec["level"])))
    return rows


def _f1(tp: int, fp: int, fn: int) -> float:
    return 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)


def score(gold: list[int], pred: list[int]) -> tuple[float, float, float]:
    """(accuracy, macro-F1 over levels 0/1/2, binary F1 of level >= 1) for aligned gold and predicted levels."""
    n = len(gold)
    acc = sum(g == p for g, p in zip(gold, pred)) / n if n else 0.0
    f1s = []
    for level in (0, 1, 2):
        tp = sum(g == level and p == level for g, p in zip(gold, pred))
        fp = sum(g != level and p == level for g, p in zip(gold, pred))
        fn = sum(g == level and p != level for g, p in zip(gold, pred))
        f1s.append(_f1(tp, fp, fn))
    tp = sum(g > 0 and p > 0 for g, p in zip(gold, pred))
    fp = sum(g == 0 and p > 0 for g, p in zip(gold, pred))
    fn = sum(g > 0 and p == 0 for g, p in zip(gold, pred))
    return acc, sum(f1s) / 3, _f1(tp, fp, fn)


def evaluate(data_dir: Path) -> list[DimensionResult]:
    """Evaluate every dimension on the dev half, the test half and all rows."""
    results: list[DimensionResult] = []
    for index, dimension in enumerate(DIMENSIONS):
        rows = load(data_dir, dimension)
        preds = [empathy_levels(text)[index] for _, text, _ in rows]
        for split in ("dev", "test", "all"):
            picked = [(lvl, p) for (sp, _, lvl), p in zip(rows, preds) if split == "all" or split_of(sp) == split]
            acc, macro, binary = score([g for g, _ in picked], [p for _, p in picked])
            results.append(DimensionResult(dimension, split, len(picked), round(acc, 3), round(macro, 3),
                                           round(binary, 3)))
    return results


def markdown(results: list[DimensionResult]) -> str:
    """The results as a Markdown table."""
    lines = ["| dimension | split | n | accuracy | macro-F1 (3 levels) | binary F1 (0 vs 1-2) |",
             "|---|---|---|---|---|---|"]
    lines += [f"| {r.dimension} | {r.split} | {r.n} | {r.accuracy:.3f} | {r.macro_f1:.3f} | {r.binary_f1:.3f} |"
              for r in results]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Print the evaluation table for the data folder given (default ../shared/data)."""
    data_dir = Path(argv[0]) if argv else Path("../shared/data")
    print(markdown(evaluate(data_dir)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
