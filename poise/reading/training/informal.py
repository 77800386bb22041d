"""The informal sets written for poise (tests/reading/data): hand-labelled customer messages, short and misspelt,
which no public data set resembles. The development sets may be trained and tuned on; the blind sets beside them
never are (they measure the result, see tests/reading/test_informal_blind_scores.py)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

INFORMAL_DIR = Path(__file__).resolve().parents[3] / "tests" / "reading" / "data"
# The development sets the intent, complaint and claim-kinds models learn from.
INFORMAL_SETS: tuple[str, ...] = ("informal_dev.yaml", "informal_dev2.yaml", "informal_dev3.yaml",
                                  "informal_dev4.yaml")


def labelled_rows(names: tuple[str, ...] = INFORMAL_SETS) -> list[tuple[str, dict[str, Any]]]:
    """(set name, labelled row) of each row of these sets, in file order.

    Raises FileNotFoundError naming the set when one is missing (a checkout without tests/ cannot retrain).
    """
    import yaml

    out: list[tuple[str, dict[str, Any]]] = []
    for name in names:
        path = INFORMAL_DIR / name
        if not path.exists():
            raise FileNotFoundError(f"{path} is missing: poise's models train on it; "
                                    "run `poise train` from a full checkout of the repository")
        out += [(name, row) for row in yaml.safe_load(path.read_text(encoding="utf-8"))]
    return out
