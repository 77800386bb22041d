"""Train and evaluate the abuse score on Davidson et al. 2017 (../shared/data/davidson_hate, MIT).

The data has no official split, so one is fixed here: stratified by class (hate / offensive / neither),
80% train, 10% dev, 10% test, shuffled with numpy's default_rng(seed=13). The model is tf-idf over word
unigrams (the features `LinearModel` computes at run time) with an L2 logistic regression for
offensive-or-hate vs neither. Character 3-4-grams were tried: on dev they scored 0.921-0.923 macro-F1
together with the lexicon against 0.920-0.924 for unigrams, at several times the run-time cost, and the
lexicon already catches misspelt and disguised swearing. C and the threshold at which the model alone
flags a message are chosen on dev; test is only scored, by `evaluate` (docs/eval/abuse.md).

Tweets are not customer messages: trained on Davidson alone, the model scored plain complaints such as
"I'll see you in court" at 0.57-0.76. So clean customer text is added as more "neither" examples: Bitext
customer-support requests, Amazon and Yelp review sentences (sentiment_sentences) and CFPB complaint
sentences, all licensed for shipped models (../shared/data/README.md), minus any text the lexicon flags.
They get the same seeded 80/10/10 split; their dev part bounds the flag threshold (at most 1% of clean
customer messages flagged by the model alone) and their test part is reported as a false-flag rate. Of the
thresholds within 0.01 dev macro-F1 of the best, the highest is kept: fewer plain complaints flagged.

Run: `python -m poise.reading.training.abuse [--data DIR] [--models DIR] [--train] [--eval] [--split dev|test]
[--targets YAML] [--speed]`.
"""
from __future__ import annotations

import argparse
import csv
import html
import json
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np

from poise.reading.linear import MODELS_DIR, LinearModel
from poise.reading.training.common import SEED, export, save, vectorizer
from poise.reading.training.report import TaskReport, label_scores

DATASET = "davidson_hate"
FEATURES = {"word_max_n": 1}
FRACTIONS = (0.8, 0.1, 0.1)
C_GRID = (3.0, 10.0, 30.0)
CLASSES = ("hate", "offensive", "neither")
# Published figures from SOURCE.md (Davidson et al. 2017, 3-way, in-sample per the repo notebook).
ANCHORS = {"hate": 0.51, "offensive": 0.94, "neither": 0.88}
ANCHOR_TEXT = ("Davidson et al. 2017 (LR, tf-idf + POS + sentiment): weighted F1 0.90, hate 0.51, offensive "
               "0.94, neither 0.88 -- 3-way, fitted and scored on all rows (in-sample); no binary figure")

_MENTION = re.compile(r"@\w+:?")
_URL = re.compile(r"https?://\S+")
_RT = re.compile(r"\bRT\b")
_SPACES = re.compile(r"\s+")


def clean_tweet(raw: str) -> str:
    """Tweet -> message-like text: entities decoded, retweet marks, @mentions and links dropped."""
    text = html.unescape(raw)
    text = _URL.sub(" ", _MENTION.sub(" ", _RT.sub(" ", text)))
    text = _SPACES.sub(" ", text).strip()
    return text or html.unescape(raw).strip() or "."


def load(data_dir: Path) -> tuple[list[str], np.ndarray]:
    """Cleaned tweets and their majority class (0 hate, 1 offensive, 2 neither), in file order."""
    path = Path(data_dir) / DATASET / "labeled_data.csv"
    if not path.exists():
        from poise.errors import ConfigError
        raise ConfigError(f"{path} not found", hint="point --data at the shared data folder (see SOURCE.md)")
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return [clean_tweet(r["tweet"]) for r in rows], np.array([int(r["class"]) for r in rows])


def split(labels: np.ndarray, seed: int = SEED) -> dict[str, np.ndarray]:
    """Stratified 80/10/10 train/dev/test indices, fixed by the seed (sorted within each part)."""
    rng = np.random.default_rng(seed)
    parts: dict[str, list[int]] = {"train": [], "dev": [], "test": []}
    for c in np.unique(labels):
        idx = np.flatnonzero(labels == c)
        rng.shuffle(idx)
        a = round(len(idx) * FRACTIONS[0])
        b = round(len(idx) * (FRACTIONS[0] + FRACTIONS[1]))
        parts["train"] += idx[:a].tolist()
        parts["dev"] += idx[a:b].tolist()
        parts["test"] += idx[b:].tolist()
    return {k: np.array(sorted(v)) for k, v in parts.items()}


MAX_FALSE_FLAGS = 0.01  # share of clean customer messages the model alone may flag (dev)
# Tweets are not the target: among thresholds within this much dev macro-F1 of the best, take the highest,
# so the model alone flags as few plain complaints as possible.
F1_SLACK = 0.01
# Words about the tweet platform itself: they carry Davidson's sampling, not abuse ("I'll post this on
# Twitter" scored 0.73), so their weights are zeroed before export.
PLATFORM_WORDS = ("twitter", "tweet", "tweets", "tweeted", "tweeting", "retweet", "retweets", "rt",
                  "timeline", "follow", "followers", "following", "unfollow", "hashtag")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def load_clean(data_dir: Path) -> list[str]:
    """Clean customer text (negatives): Bitext requests, Amazon/Yelp sentences, CFPB narrative sentences.

    Texts the lexicon flags are left out, so swearing in a review is never taught as clean.
    """
    data_dir = Path(data_dir)
    texts: list[str] = []
    with (data_dir / "bitext_cs" / "Bitext_Sample_Customer_Support_Training_Dataset.csv").open(
            encoding="utf-8", newline="") as f:
        texts += [r["instruction"] for r in csv.DictReader(f)]
    for name in ("amazon_cells_labelled.txt", "yelp_labelled.txt"):
        lines = (data_dir / "sentiment_sentences" / name).read_text(encoding="utf-8").splitlines()
        texts += [line.rsplit("\t", 1)[0] for line in lines if "\t" in line]
    with (data_dir / "cfpb" / "cfpb_narratives_combined.csv").open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            sentences = _SENTENCE_END.split(_SPACES.sub(" ", r["narrative"]).strip())
            texts += [s for s in sentences[:3] if 20 <= len(s) <= 400]
    texts = [t.strip() for t in texts if t.strip()]
    flagged = rule_flags(texts)
    return [t for t, bad in zip(texts, flagged) if not bad]


def model_texts(texts: list[str]) -> list[str]:
    """Texts as the model sees them at run time: lowercased, look-alike characters mapped back."""
    from poise.reading.abuse import deobfuscate
    return [deobfuscate(t.lower()) for t in texts]


def macro_f1(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Macro-F1 of a binary decision (both classes)."""
    return float(np.mean([s.f1 for s in label_scores(y_true.astype(int), y_pred.astype(int), ["no", "yes"])]))


def rule_flags(texts: list[str]) -> np.ndarray:
    """True where the lexicon and rules alone find abuse (level above none), model not consulted."""
    return rule_scan(texts)[0]


def rule_scan(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Per text: whether the rules find abuse, and whether they cleared an insult word said of oneself.

    The Reading does not let the model flag a message the rules cleared that way (see abuse.read_abuse).
    """
    from poise.reading.abuse import deobfuscate, scan
    found = [scan(deobfuscate(t.lower())) for t in texts]
    return np.array([bool(h) for h, _ in found]), np.array([cleared for _, cleared in found])


def train(data_dir: Path, models_dir: Path = MODELS_DIR, seed: int = SEED) -> Path:
    """Fit on train, choose C and the model-alone flag threshold on dev, write `abuse.npz`."""
    from sklearn.linear_model import LogisticRegression
    texts, labels = load(data_dir)
    parts = split(labels, seed)
    x = model_texts(texts)
    y = (labels != 2).astype(int)
    tr, dv = parts["train"], parts["dev"]
    clean = model_texts(load_clean(data_dir))
    clean_parts = split(np.zeros(len(clean), dtype=int), seed)
    vec = vectorizer(FEATURES, min_df=2)
    x_tr = vec.fit_transform([x[i] for i in tr] + [clean[i] for i in clean_parts["train"]])
    y_tr = np.concatenate([y[tr], np.zeros(len(clean_parts["train"]), dtype=int)])
    x_dv = vec.transform([x[i] for i in dv])
    x_clean_dv = vec.transform([clean[i] for i in clean_parts["dev"]])
    rules_dv, cleared_dv = rule_scan([texts[i] for i in dv])
    scored: list[tuple[float, float, float, Any]] = []  # (dev macro-F1, C, threshold, model)
    for c in C_GRID:
        clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced", random_state=seed)
        clf.fit(x_tr, y_tr)
        prob = clf.predict_proba(x_dv)[:, 1]
        prob_clean = clf.predict_proba(x_clean_dv)[:, 1]
        for t in np.arange(0.50, 0.99, 0.01):  # never below 0.5: the model alone must be sure
            if float(np.mean(prob_clean >= t)) > MAX_FALSE_FLAGS:
                continue
            scored.append((macro_f1(y[dv], rules_dv | (~cleared_dv & (prob >= t))), c, float(t), clf))
    top = max(s[0] for s in scored)
    best_c = max(scored, key=lambda s: s[0])[1]
    f1, c, t, clf = max((s for s in scored if s[1] == best_c and s[0] >= top - F1_SLACK), key=lambda s: s[2])
    meta = {"task": "abuse", "data": f"{DATASET} train split (stratified 80/10/10, seed {seed}) + clean "
            "customer text (bitext_cs, sentiment_sentences amazon/yelp, cfpb) train split as negatives",
            "C": c, "flag_threshold": round(t, 3), "dev_macro_f1": round(f1, 4)}
    coef = clf.coef_.copy()
    vocab = vec.vocabulary_
    for word in PLATFORM_WORDS:
        if word in vocab:
            coef[:, vocab[word]] = 0.0
    model = export(vec, coef, clf.intercept_, ["offensive"], thresholds=np.array([t], dtype=np.float32),
                   meta=meta, prune_below=0.02)
    return save(model, models_dir, "abuse")


def evaluate(data_dir: Path, model: LinearModel | None = None, split_name: str = "test") -> list[TaskReport]:
    """Score the shipped abuse reading on a Davidson split: binary (the bar) and 3-way (informative).

    split_name: "test" for the reported figures; "dev" while working on the rules.
    """
    from poise.reading.abuse import read_abuse
    from poise.reading.linear import shipped_model
    from poise.reading.pipeline import Parse
    model = model or shipped_model("abuse")
    texts, labels = load(data_dir)
    te = split(labels)[split_name]
    parses = [Parse.of(texts[i]) for i in te]
    found = read_abuse(parses, model)
    y = (labels[te] != 2).astype(int)
    flagged = np.array([a.level != "none" for a in found]).astype(int)
    prob = model.predict_proba(model_texts([texts[i] for i in te]))[:, 0]
    rules = rule_flags([texts[i] for i in te]).astype(int)
    binary = TaskReport("abuse", DATASET, f"{split_name} (stratified 10%, seed {SEED}, n={len(te)})",
                        label_scores(y, flagged, ["neither", "offensive_or_hate"]),
                        anchors={"published": ANCHOR_TEXT, "bar": "macro-F1 >= 0.90 (issue 2)"})
    binary.headline = {"macro_f1_reading": round(binary.macro_f1, 4),
                       "macro_f1_model_alone": round(macro_f1(y, prob >= 0.5), 4),
                       "macro_f1_rules_alone": round(macro_f1(y, rules), 4)}
    binary.notes.append("offensive-or-hate = Davidson class 0 or 1; the Reading flags a message when its "
                        "abuse level is not 'none'")
    pred3 = np.array([0 if a.level == "hate" else 2 if a.level == "none" else 1 for a in found])
    three = TaskReport("abuse_3way", DATASET, binary.split,
                       label_scores(labels[te], pred3, list(CLASSES), ANCHORS),
                       anchors={"published": ANCHOR_TEXT})
    three.notes.append("level hate -> hate, any other level -> offensive, none -> neither; hate here comes "
                       "from slurs and patterns only, so this is informative, not a bar")
    clean = load_clean(data_dir)
    clean_part = [clean[i] for i in split(np.zeros(len(clean), dtype=int))[split_name]]
    clean_found = read_abuse([Parse.of(t) for t in clean_part], model)
    binary.headline["clean_customer_text_flagged"] = round(
        float(np.mean([a.level != "none" for a in clean_found])), 4)
    binary.notes.append(f"clean_customer_text_flagged: share of {len(clean_part)} held-out clean customer "
                        f"messages ({split_name} part of bitext_cs + amazon/yelp + cfpb sentences without a "
                        "lexicon word) that the Reading flags")
    return [binary, three]


def evaluate_targets(path: Path, split_name: str) -> TaskReport:
    """Accuracy on hand-written sentences (tests/reading/data/abuse_targets.yaml): level and target."""
    import yaml

    from poise.reading.abuse import read_abuse
    from poise.reading.pipeline import Parse
    items = yaml.safe_load(Path(path).read_text(encoding="utf-8"))[split_name]
    found = read_abuse([Parse.of(x["text"]) for x in items])
    levels = ["none", "profanity", "insult", "threat", "hate"]
    y = np.array([levels.index(x["level"]) for x in items])
    p = np.array([levels.index(a.level) for a in found])
    report = TaskReport("abuse_targets", "abuse_targets.yaml (written for poise)",
                        f"{split_name} (n={len(items)})", label_scores(y, p, levels),
                        anchors={"bar": "accuracy >= 0.90 (issue 2)"})
    level_acc = float(np.mean(y == p))
    target_acc = float(np.mean([a.target == x["target"] for a, x in zip(found, items)]))
    both = float(np.mean([a.level == x["level"] and a.target == x["target"] for a, x in zip(found, items)]))
    report.headline = {"level_accuracy": round(level_acc, 4), "target_accuracy": round(target_acc, 4),
                       "level_and_target_accuracy": round(both, 4)}
    return report


def measure_speed(data_dir: Path, batch_size: int = 256, repeats: int = 5) -> dict[str, Any]:
    """Microseconds of CPU time per message for the abuse component alone, in Reader-sized batches.

    Two sets of real text, parsed beforehand (parsing belongs to the Reader): the held-out clean customer
    messages, and the Davidson test tweets (most of them offensive, so the slower path where the rules judge
    words runs for nearly every one). Parsing the same messages (`Parse.of`) is timed too, as a yardstick
    that does not depend on how busy the machine is. The best of `repeats` runs is kept.
    """
    import time

    from poise.reading.abuse import read_abuse
    from poise.reading.pipeline import Parse

    def best_us(fn: Any, items: list[Any]) -> float:
        best = float("inf")
        for _ in range(repeats):
            start = time.process_time()
            fn(items)
            best = min(best, time.process_time() - start)
        return round(best / len(items) * 1e6, 2)

    def batched(parses: list[Parse]) -> None:
        for i in range(0, len(parses), batch_size):
            read_abuse(parses[i:i + batch_size])

    texts, labels = load(data_dir)
    clean = load_clean(data_dir)
    sets = {"customer": [clean[i] for i in split(np.zeros(len(clean), dtype=int))["test"]],
            "tweets": [texts[i] for i in split(labels)["test"]]}
    out: dict[str, Any] = {}
    for name, sample in sets.items():
        parses = [Parse.of(t) for t in sample]
        read_abuse(parses[:batch_size])  # load the model first
        mean_chars = round(float(np.mean([len(t) for t in sample])), 1)
        out[name] = {"messages": len(parses), "mean_chars": mean_chars,
                     "abuse_us_per_message": best_us(batched, parses),
                     "parse_us_per_message": best_us(lambda ts: [Parse.of(t) for t in ts], sample)}
    return out


def main(argv: list[str] | None = None) -> int:
    """Command line: train and/or evaluate, printing reports as JSON lines."""
    ap = argparse.ArgumentParser(prog="python -m poise.reading.training.abuse", description=__doc__)
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[4] / "shared" / "data")
    ap.add_argument("--models", type=Path, default=MODELS_DIR)
    ap.add_argument("--train", action="store_true", help="rebuild abuse.npz")
    ap.add_argument("--eval", action="store_true", help="score the Davidson test split")
    ap.add_argument("--split", default="test", choices=("dev", "test"), help="Davidson split for --eval")
    ap.add_argument("--targets", type=Path, help="abuse_targets.yaml to score (dev and test)")
    ap.add_argument("--speed", action="store_true", help="time the abuse component (CPU us per message)")
    args = ap.parse_args(argv)
    if args.train:
        print(f"wrote {train(args.data, args.models)}", file=sys.stderr)
    reports = evaluate(args.data, split_name=args.split) if args.eval else []
    if args.targets:
        reports += [evaluate_targets(args.targets, s) for s in ("dev", "test")]
    for r in reports:
        print(json.dumps(r.to_dict()))
    if args.speed:
        print(json.dumps({"task": "abuse_speed", **measure_speed(args.data)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
