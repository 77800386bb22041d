"""Tone guard speed: p50/p95 of check_reply on 200-word replies (target: p95 <= 5 ms).

Replies are built from the labelled set (tests/tone/data/replies.yaml): each one is a run of whole labelled
replies cut to exactly 200 words, so timings cover fine replies and every flag kind. Each call gets a
posture, an authority limit and a customer Reading built by hand (poise.read is not timed here; it has its
own benchmark in bench/reading.py).

Run: taskset -c 0 .venv/bin/python bench/tone.py [--n 2000] [--words 200]
"""
from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import time
from pathlib import Path

import yaml

from poise.reading.reading import Abuse, Intent, Reading, Sentiment, Summary
from poise.tone import check_reply

DATA = Path(__file__).resolve().parents[1] / "tests" / "tone" / "data" / "replies.yaml"
POSTURES = ["ACKNOWLEDGE_AND_RESOLVE", "EXPLAIN_CLEARLY", "OWN_AND_FIX", "GUIDE_FIRMLY", "HOLD_POLICY",
            "STATE_FACTS", "SET_BOUNDARY", "PART_WAYS", "THANK", None]


def replies_of(words: int, n: int, seed: int = 7) -> list[str]:
    """`n` replies of exactly `words` words, each a shuffled run of labelled replies."""
    texts = [item["reply"] for item in yaml.safe_load(DATA.read_text(encoding="utf-8"))]
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        rng.shuffle(texts)
        pieces: list[str] = []
        for text in texts:
            pieces.extend(text.split(" "))
            if len(pieces) >= words:
                break
        out.append(" ".join(pieces[:words]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="replies to time")
    parser.add_argument("--words", type=int, default=200, help="words per reply")
    args = parser.parse_args()
    reading = Reading(text="It broke again and nobody answers my emails.", sentiment=Sentiment("negative", -0.7),
                      complaint=0.9, emotions={"anger": 0.7}, abuse=Abuse(), intent=Intent("other", 0.0),
                      stakes=(), claims=(), summary=Summary("", "", ""), language="en")
    replies = replies_of(args.words, args.n)
    for reply in replies[:50]:  # warm up
        check_reply(reply, posture="HOLD_POLICY", customer_message=reading, authority_cents=5_000)
    gc.disable()
    wall_ms, cpu_ms = [], []
    flags = 0
    for i, reply in enumerate(replies):
        start, start_cpu = time.perf_counter(), time.thread_time()
        report = check_reply(reply, posture=POSTURES[i % len(POSTURES)], customer_message=reading,
                             authority_cents=5_000)
        cpu_ms.append((time.thread_time() - start_cpu) * 1000)
        wall_ms.append((time.perf_counter() - start) * 1000)
        flags += len(report.flags)
    gc.enable()
    print(f"check_reply on {args.n} replies of {args.words} words ({flags / args.n:.1f} flags each on average)")
    for name, times in (("wall", wall_ms), ("cpu ", cpu_ms)):
        q = statistics.quantiles(times, n=100)
        print(f"{name}  p50 {q[49]:.3f} ms   p95 {q[94]:.3f} ms   p99 {q[98]:.3f} ms   max {max(times):.3f} ms   "
              f"mean {statistics.fmean(times):.3f} ms")
    print(f"machine: load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
          f"sum(range(10**5)) takes {calibration_ms():.2f} ms here (about 1 ms on a quiet modern core)")


def calibration_ms() -> float:
    """Median time of a fixed pure-Python loop, to say how busy or slow this machine was."""
    times = []
    for _ in range(21):
        start = time.perf_counter()
        sum(range(10**5))
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


if __name__ == "__main__":
    main()
