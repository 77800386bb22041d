"""The benchmark corpus: 5,000 real messages drawn with a fixed seed from ../shared/data.

A mix of the kinds of text a complaint desk sees: short Reddit comments (GoEmotions test), banking
customer-service requests (banking77 test), support utterances (bitext), review sentences, and long
consumer complaint narratives (CFPB). Test splits only feed speed measurement, never tuning.
"""
from __future__ import annotations

import csv
import os
import random
from pathlib import Path

DATA = Path(os.environ.get("POISE_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
SEED = 13
MIX = {"goemotions": 2000, "banking77": 1400, "bitext": 800, "reviews": 500, "cfpb": 300}


def _goemotions() -> list[str]:
    with open(DATA / "goemotions" / "test.tsv", encoding="utf-8") as f:
        return [line.split("\t")[0] for line in f if line.strip()]


def _csv_column(path: Path, column: str) -> list[str]:
    csv.field_size_limit(10**7)
    with open(path, encoding="utf-8", newline="") as f:
        return [row[column] for row in csv.DictReader(f) if row.get(column, "").strip()]


def _reviews() -> list[str]:
    out: list[str] = []
    for name in ("amazon_cells_labelled.txt", "yelp_labelled.txt"):
        with open(DATA / "sentiment_sentences" / name, encoding="utf-8") as f:
            out += [line.rsplit("\t", 1)[0] for line in f if "\t" in line]
    return out


def _sources() -> dict[str, list[str]]:
    return {
        "goemotions": _goemotions(),
        "banking77": _csv_column(DATA / "banking77" / "test.csv", "text"),
        "bitext": _csv_column(DATA / "bitext_cs" / "Bitext_Sample_Customer_Support_Training_Dataset.csv",
                              "instruction"),
        "reviews": _reviews(),
        "cfpb": _csv_column(DATA / "cfpb" / "cfpb_narratives_combined.csv", "narrative"),
    }


def warmup_messages(n: int = 500, exclude: list[str] | None = None) -> list[str]:
    """`n` other messages from the same sources in the same mix, none of them in `exclude` (the measured ones):
    what a reader that has been running a while has already seen."""
    skip = set(exclude or ())
    rng = random.Random(SEED + 1)
    total = sum(MIX.values())
    picked: list[str] = []
    for name, pool in _sources().items():
        fresh = [t for t in pool if t not in skip]
        picked += rng.sample(fresh, min(max(1, round(n * MIX[name] / total)), len(fresh)))
    rng.shuffle(picked)
    return picked[:n]


def load_messages(n: int = 5000) -> list[str]:
    """`n` real messages (5,000 by default) in a fixed, shuffled order."""
    if not DATA.is_dir():
        raise SystemExit(f"data folder {DATA} not found: set POISE_SHARED_DATA")
    sources = _sources()
    rng = random.Random(SEED)
    picked: list[str] = []
    for name, count in MIX.items():
        pool = sources[name]
        picked += rng.sample(pool, min(count, len(pool)))
    rng.shuffle(picked)
    scale = n / len(picked)
    return (picked * (int(scale) + 1))[:n] if scale > 1 else picked[:n]
