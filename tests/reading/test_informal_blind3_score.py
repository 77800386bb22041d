"""poise's reading on the third blind set of informal messages (tests/reading/data/informal_blind3.yaml).

The set was written and labelled on 2026-12-08 by someone who never ran poise on it nor opened its rules,
models or other sets (its header says how); it was read once, after that day's changes, figures only. Scored the same way as the first blind set
(test_informal_blind.py): that module's `evaluate` and `table` are reused. Floors sit about 0.10 under the
first reading (docs/eval/informal-blind.md): regression guards only. The set must never be tuned on: by
default the script prints the figures only, not the misses, so nobody is tempted.

    .venv/bin/python tests/reading/test_informal_blind3_score.py            # the table
    .venv/bin/python tests/reading/test_informal_blind3_score.py --misses   # and every miss (spends the set)
"""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))
if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))

import pytest  # noqa: E402
from test_informal_blind import Result, evaluate, load, read_all, table  # noqa: E402

DATA = Path(__file__).parent / "data" / "informal_blind3.yaml"
SHA256 = "a1f0a203854241e43f43c1f885f6cb7add96e476fa74e9e9e690ba85104873df"
# First reading, 2026-12-08 (docs/eval/informal-blind.md), minus about 0.10, rounded down.
FLOORS: dict[str, float] = {
    "complaint_f1": 0.82,
    "complaint_acc": 0.80,
    "sentiment_acc": 0.60,
    "sentiment_neg_f1": 0.68,
    "intent_acc": 0.48,
    "upset_f1": 0.73,
    "abuse_acc": 0.88,
    "abuse_any_f1": 0.77,
    "claims_micro_f1": 0.46,
    "stakes_micro_f1": 0.48,
}


@pytest.fixture(scope="module")
def result() -> Result:
    rows = load(DATA)
    return evaluate(rows, read_all(rows))


def test_set_is_the_one_written_blind() -> None:
    assert hashlib.sha256(DATA.read_bytes()).hexdigest() == SHA256, "informal_blind3.yaml changed: write a new set"


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_floor(result: Result, metric: str) -> None:
    """Each figure stays above its floor (first reading minus about 0.10): a regression guard, not a target."""
    assert result.metrics[metric] >= FLOORS[metric], f"{metric} {result.metrics[metric]:.3f} < {FLOORS[metric]}"


def main() -> None:
    rows = load(DATA)
    res = evaluate(rows, read_all(rows))
    print(table(res, len(rows)))
    if "--misses" in sys.argv:
        for name, items in res.misses.items():
            print(f"\n## misses: {name} ({len(items)})")
            for item in items:
                print("  " + item)


if __name__ == "__main__":
    main()
