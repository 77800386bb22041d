"""Hand-written check sets for claims and stakes, scored per kind; and the speed of the rule components.

The sets live in tests/reading/data: `*_dev.jsonl` were used to write and fix the patterns, `*_test.jsonl`
were written before that work and never tuned on. Each line is {"text": ..., "claims"|"stakes": [kinds]}.

Run (prints the tables in docs/eval/claims-stakes-summary.md):
    .venv/bin/python tests/reading/checksets.py            # precision / recall per kind, dev and test
    .venv/bin/python tests/reading/checksets.py --bench    # microseconds per message (needs ../shared/data)
    .venv/bin/python tests/reading/checksets.py --bench --upstream   # summary reading real model values
"""
from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from poise.reading.claims import find_claims
from poise.reading.reading import CLAIM_KINDS, STAKE_KINDS

# The claim kinds this set was labelled with: kinds added later (wrong_item) are not scored on it.
LABELLED_CLAIM_KINDS = tuple(k for k in CLAIM_KINDS if k != "wrong_item")
from poise.reading.stakes import find_stakes


@dataclass(frozen=True)
class KindScore:
    """Counts for one kind over a check set (a message counts once per kind, found or not)."""

    kind: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load(name: str) -> list[dict[str, object]]:
    """Rows of one check set, e.g. load("claims_dev")."""
    lines = (DATA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def claim_kinds(text: str) -> set[str]:
    return {c.kind for c in find_claims(text, text.lower())}


def stake_kinds(text: str) -> set[str]:
    return {s.kind for s in find_stakes(text)}


def score(name: str) -> tuple[list[KindScore], KindScore, int]:
    """Per-kind scores, the micro-averaged total, and the number of messages, for one check set."""
    field, kinds, find = (("claims", LABELLED_CLAIM_KINDS, claim_kinds) if name.startswith("claims")
                          else ("stakes", STAKE_KINDS, stake_kinds))
    rows = load(name)
    counts = {k: [0, 0, 0] for k in kinds}
    for row in rows:
        gold = set(row[field])  # type: ignore[call-overload]
        got = find(str(row["text"]))
        for k in kinds:
            if k in got and k in gold:
                counts[k][0] += 1
            elif k in got:
                counts[k][1] += 1
            elif k in gold:
                counts[k][2] += 1
    per_kind = [KindScore(k, *counts[k]) for k in kinds]
    total = KindScore("micro", *(sum(c[i] for c in counts.values()) for i in range(3)))
    return per_kind, total, len(rows)


def table(name: str) -> str:
    """A markdown table of per-kind precision/recall for one check set."""
    per_kind, total, n = score(name)
    lines = [f"**{name}** ({n} messages)", "", "| kind | support | precision | recall | F1 |",
             "|---|---|---|---|---|"]
    for s in [*per_kind, total]:
        lines.append(f"| {s.kind} | {s.tp + s.fn} | {s.precision:.2f} | {s.recall:.2f} | {s.f1:.2f} |")
    return "\n".join(lines)


def bench(n: int = 5000, repeat: int = 3, *, upstream: bool = False) -> str:
    """Microseconds per message of normalise+tokenise, language, stakes, claims and summary on real text.

    upstream: also run the shipped emotion, sentiment, complaint, abuse and intent components (untimed)
    before summary, so it reads real values instead of the neutral defaults.
    """
    sys.path.insert(0, str(ROOT / "bench"))
    from messages import load_messages  # the 5,000-message bench corpus (bench/messages.py)

    from poise.reading import claims, language, stakes, summary
    from poise.reading.pipeline import Parse

    texts = load_messages(n)
    comps = (language.component, stakes.component, claims.component, summary.component)
    others = []
    if upstream:
        from poise.reading.components import default_components
        others = [c for c in default_components() if c.name not in {c.name for c in comps}]
    first: dict[str, float] = {}
    best: dict[str, float] = {}
    for _ in range(repeat):
        start = time.process_time()
        parses = [Parse.of(t) for t in texts]
        timings = [("Parse.of (normalise + tokenise)", time.process_time() - start)]
        for comp in comps:  # in pipeline order, so summary sees the claims and stakes
            if comp.name == "summary":
                for other in others:
                    other.func(parses)
            start = time.process_time()
            comp.func(parses)
            timings.append((comp.name, time.process_time() - start))
        for name, t in timings:
            first.setdefault(name, t)  # the first pass fills the per-token caches: a fresh process's cost
            best[name] = min(t, best.get(name, t))
    rows = [f"| {name} | {1e6 * first[name] / len(texts):.1f} | {1e6 * t / len(texts):.1f} |"
            for name, t in best.items()]
    mine = [name for name in best if not name.startswith("Parse")]
    first_us = 1e6 * sum(first[n] for n in mine) / len(texts)
    warm_us = 1e6 * sum(best[n] for n in mine) / len(texts)
    rows.append(f"| language + stakes + claims + summary | {first_us:.1f} | {warm_us:.1f} |")
    start = time.process_time()
    sum(range(10_000_000))  # a fixed amount of pure-Python work, to compare machines and load
    calibration = time.process_time() - start
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return "\n".join([f"{len(texts)} messages from bench/messages.py, best of {repeat} (CPU time"
                      f"{'; summary after the shipped upstream components' if upstream else ''}); "
                      f"calibration sum(range(10**7)) = {calibration:.3f} s CPU, load average {load:.1f}", "",
                      "| step | µs/message, first pass | µs/message, warm |", "|---|---|---|", *rows])


if __name__ == "__main__":
    if "--bench" in sys.argv:
        print(bench(upstream="--upstream" in sys.argv))
    else:
        for set_name in ("claims_dev", "claims_test", "stakes_dev", "stakes_test"):
            print(table(set_name), end="\n\n")
