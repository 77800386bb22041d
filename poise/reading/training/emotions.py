"""Train and evaluate the emotions model on GoEmotions (official splits; thresholds tuned on dev only).

The model is one linear layer over word 1-2grams and character 3-5grams (tf-idf, as `features.py` makes them).
Per label it blends two logistic regressions fitted on the train split: a plain one and one on features
weighted by their naive-Bayes log-count ratio (NB-LR, Wang & Manning 2012). Both score the same features, so
their blend is again a single weight vector and inference stays one sparse dot product. For each label the
C of each, the blend and the decision threshold are chosen on the dev split; the bias is then shifted so the
chosen threshold sits at p = 0.5, which is what `Reading.dominant_emotions` and every other reader uses.

Second stage (`train_hidden`): a one-hidden-layer network (32 ReLU units) over the same tf-idf features
(entries seen in at least HIDDEN_MIN_DF train comments), optionally plus the message's sentence vector from the
shipped static word vectors (HIDDEN_VECTORS; off: +0.003 dev F1 was not worth tripling the reading cost), is
trained on the train split (torch, CPU, training time only); the epoch, its weight in the sum with the linear
logits and each label's threshold are chosen on dev. HIDDEN_MEMBERS networks (seeds seed, seed + 1, ...) can
be averaged, merged into one wider layer (units side by side, output weights divided by the number of members),
so that the run-time cost is that of one layer with more units. One is shipped: with the blend and thresholds
chosen on one half of dev and scored on the other, 2 or 4 averaged networks scored 0.5265 / 0.5267 against
0.5261 for one (mean over seeds; one network's score moves +-0.003 with its seed), for +1.4 MB and a few us
per message per extra member. At run time the layer is a few more gathered columns, a ReLU and one small numpy
product (poise/reading/affect.py, `HiddenLayer`).

Run: `.venv/bin/python -m poise.reading.training.emotions` (trains both stages, writes models/emotions.npz,
prints the evaluation); `... emotions --hidden-only` retrains only the second stage over the shipped linear
weights (the vocabulary, and so the sentiment and complaint models, stay as they are).
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from poise.reading.linear import MODELS_DIR, LinearModel
from poise.reading.training.common import SEED, export, save, vectorizer
from poise.reading.training.report import TaskReport, label_scores

if TYPE_CHECKING:
    from poise.reading.affect import HiddenLayer

SPEC: dict[str, int] = {"word_max_n": 2, "char_min_n": 3, "char_max_n": 5}
DESK_LABELS: tuple[str, ...] = (
    "anger", "annoyance", "confusion", "disappointment", "sadness", "fear", "gratitude", "neutral",
)
# BERT-base per-emotion test F1 from Demszky et al. 2020, Table 4. All but fear were checked against a copy of
# the table quoted in a public model card (bsingh/roberta_goEmotion, "GoEmotions Paper" column); fear is
# recalled from the paper and could not be checked here.
BERT_F1: dict[str, float] = {
    "admiration": 0.65, "amusement": 0.80, "anger": 0.47, "annoyance": 0.34, "approval": 0.36, "caring": 0.39,
    "confusion": 0.37, "curiosity": 0.54, "desire": 0.49, "disappointment": 0.28, "disapproval": 0.39,
    "disgust": 0.45, "embarrassment": 0.43, "excitement": 0.34, "fear": 0.60, "gratitude": 0.86, "grief": 0.00,
    "joy": 0.51, "love": 0.78, "nervousness": 0.35, "optimism": 0.51, "pride": 0.36, "realization": 0.21,
    "relief": 0.15, "remorse": 0.66, "sadness": 0.49, "surprise": 0.50, "neutral": 0.68,
}
C_GRID: tuple[float, ...] = (1.0, 4.0)
BLENDS: tuple[float, ...] = (0.0, 0.25, 0.5, 0.75, 1.0)  # weight of the plain LR; the rest goes to NB-LR
WEIGHT_FLOOR = 0.02  # smaller weights are set to zero: the file shrinks ~3x, dev F1 moves <= 0.008
HIDDEN_UNITS = 32  # per member
HIDDEN_MEMBERS = 1  # networks averaged (one layer of HIDDEN_MEMBERS x HIDDEN_UNITS units); see above
HIDDEN_MIN_DF = 5  # n-grams in fewer train comments get no hidden-layer weights (file size, speed)
HIDDEN_EPOCHS = 7  # at most; the epoch with the best dev macro-F1 over the desk labels is kept
HIDDEN_VECTORS = False  # also feed the sentence vector (models/intent_vectors.npz) to the hidden layer
HIDDEN_BLENDS: tuple[float, ...] = (0.25, 0.5, 0.75, 1.0, 1.5, 2.0)  # weight of the hidden layer's logits


def labels_of(data_dir: Path) -> list[str]:
    """The 28 GoEmotions labels in id order."""
    return (data_dir / "goemotions" / "labels.txt").read_text(encoding="utf-8").split()


def load_split(data_dir: Path, split: str, folder: str = "goemotions") -> tuple[list[str], np.ndarray]:
    """Texts and a 0/1 label matrix (n x labels) of one GoEmotions split (`folder` may be goemotions/group)."""
    base = data_dir / "goemotions" if folder == "goemotions" else data_dir / folder
    k = len((base / "labels.txt").read_text(encoding="utf-8").split())
    texts: list[str] = []
    rows: list[list[int]] = []
    for line in (base / f"{split}.tsv").read_text(encoding="utf-8").splitlines():
        text, ids, _ = line.split("\t")
        texts.append(text)
        rows.append([int(i) for i in ids.split(",")])
    y = np.zeros((len(texts), k), dtype=np.int8)
    for i, ids_ in enumerate(rows):
        y[i, ids_] = 1
    return texts, y


def best_threshold(y: np.ndarray, scores: np.ndarray) -> tuple[float, float]:
    """(F1, threshold) of the cut over `scores` with the best F1 on these rows; the cut lies between two scores."""
    order = np.argsort(-scores)
    ys, ss = y[order], scores[order]
    tp = np.cumsum(ys)
    f1 = 2 * tp / (np.arange(1, len(ys) + 1) + ys.sum())
    i = int(f1.argmax())
    cut = (ss[i] + ss[i + 1]) / 2 if i + 1 < len(ss) else ss[i] - 1e-3
    return float(f1[i]), float(cut)


def fit_label(x: Any, y: np.ndarray, x_dev: Any, y_dev: np.ndarray, seed: int = SEED
              ) -> tuple[np.ndarray, float, dict[str, float]]:
    """Weights and bias of one label's blended LR / NB-LR, shifted so its dev-best threshold is logit 0."""
    from sklearn.linear_model import LogisticRegression

    def fit(features: Any, c: float) -> tuple[np.ndarray, float]:
        m = LogisticRegression(C=c, solver="liblinear", dual=True, max_iter=500, random_state=seed)
        m.fit(features, y)
        return m.coef_.ravel().astype(np.float64), float(m.intercept_[0])

    def pick(candidates: list[tuple[np.ndarray, float, float]]) -> tuple[np.ndarray, float, float]:
        scored = [(best_threshold(y_dev, x_dev @ w + b)[0], c, w, b) for w, b, c in candidates]
        _, c, w, b = max(scored, key=lambda s: s[0])
        return w, b, c

    pos = np.asarray(x[y == 1].sum(axis=0)).ravel() + 1.0
    neg = np.asarray(x[y == 0].sum(axis=0)).ravel() + 1.0
    ratio = np.log((pos / pos.sum()) / (neg / neg.sum()))
    x_nb = x.multiply(ratio).tocsr()
    w_lr, b_lr, c_lr = pick([(*fit(x, c), c) for c in C_GRID])
    nb = []
    for c in C_GRID:
        w, b = fit(x_nb, c)
        nb.append((w * ratio, b, c))
    w_nb, b_nb, c_nb = pick(nb)
    best: tuple[float, float, float] | None = None
    for a in BLENDS:
        f1, cut = best_threshold(y_dev, x_dev @ (a * w_lr + (1 - a) * w_nb) + a * b_lr + (1 - a) * b_nb)
        if best is None or f1 > best[0] + 1e-9:
            best = (f1, a, cut)
    assert best is not None
    f1, a, cut = best
    weights = a * w_lr + (1 - a) * w_nb
    bias = a * b_lr + (1 - a) * b_nb - cut
    return weights, bias, {"dev_f1": round(f1, 4), "c_lr": c_lr, "c_nb": c_nb, "blend_lr": a}


def shared_vectorizer(models_dir: Path = MODELS_DIR) -> Any:
    """A vectorizer over the emotions model's vocabulary (idf still fitted on the caller's texts).

    The sentiment and complaint models use it so that all three affect models share one vocabulary: the
    Reader then loads one index and looks each gram up once for all three (poise/reading/affect.py).
    Train the emotions model first.
    """
    vec = vectorizer(SPEC, min_df=1)
    vec.set_params(vocabulary=LinearModel.load(models_dir / "emotions.npz").vocab)
    return vec


def train(data_dir: Path, models_dir: Path = MODELS_DIR, seed: int = SEED) -> None:
    """Both stages, as shipped: the linear layer, then the hidden layer over it (what `poise train` runs)."""
    train_linear(data_dir, models_dir, seed)
    train_hidden(data_dir, models_dir, seed)


def train_linear(data_dir: Path, models_dir: Path = MODELS_DIR, seed: int = SEED) -> None:
    """Fit the 28-label emotions model on GoEmotions train, tune on dev, write `emotions.npz`."""
    labels = labels_of(data_dir)
    texts, y = load_split(data_dir, "train")
    dev_texts, y_dev = load_split(data_dir, "dev")
    vec = vectorizer(SPEC, min_df=2)
    x = vec.fit_transform(texts).tocsr()
    x_dev = vec.transform(dev_texts).tocsr()
    coefs, biases, choices = [], [], {}
    for j, label in enumerate(labels):
        w, b, info = fit_label(x, y[:, j], x_dev, y_dev[:, j], seed)
        coefs.append(w)
        biases.append(b)
        choices[label] = info
        print(f"  {label:15s} {info}", file=sys.stderr, flush=True)
    coef = np.array(coefs, dtype=np.float32)
    coef[np.abs(coef) < WEIGHT_FLOOR] = 0.0
    meta = {"task": "emotions", "trained_on": "GoEmotions train split (Demszky et al. 2020, Apache-2.0)",
            "tuned_on": "GoEmotions dev split", "seed": seed, "choices": choices,
            "decision": "p >= 0.5 (dev-tuned threshold folded into the bias)"}
    model = export(vec, coef, np.array(biases), labels, meta=meta, prune_below=WEIGHT_FLOOR)
    save(model, models_dir, "emotions")


def _desk_macro(y: np.ndarray, scores: np.ndarray, labels: list[str]) -> float:
    """Mean over the desk labels of each label's best-threshold F1 on these rows."""
    return float(np.mean([best_threshold(y[:, labels.index(k)], scores[:, labels.index(k)])[0]
                          for k in DESK_LABELS]))


def _fit_hidden_network(x: Any, vectors: np.ndarray, y: np.ndarray, x_dev: Any, vectors_dev: np.ndarray,
                        y_dev: np.ndarray, labels: list[str], seed: int) -> tuple[dict[str, np.ndarray], int]:
    """Train relu(x W + e V + b) -> 28 sigmoids with Adam (batches of 64, dropout 0.3); keep the best dev epoch."""
    import torch

    torch.manual_seed(seed)
    torch.set_num_threads(2)
    rng = np.random.default_rng(seed)
    n_in, units, dims = x.shape[1], HIDDEN_UNITS, vectors.shape[1]
    emb = torch.nn.EmbeddingBag(n_in, units, mode="sum")
    torch.nn.init.normal_(emb.weight, std=0.02)
    bias = torch.nn.Parameter(torch.zeros(units))
    dense = torch.nn.Linear(dims, units, bias=False)
    out = torch.nn.Linear(units, y.shape[1])
    drop = torch.nn.Dropout(0.3)
    params = [*emb.parameters(), bias, *out.parameters()] + ([*dense.parameters()] if HIDDEN_VECTORS else [])
    opt = torch.optim.Adam(params, lr=2e-3)
    loss_fn = torch.nn.BCEWithLogitsLoss()

    def forward(xc: Any, ec: np.ndarray, rows: np.ndarray) -> Any:
        sub = xc[rows]
        h = emb(torch.from_numpy(sub.indices.astype(np.int64)), torch.from_numpy(sub.indptr[:-1].astype(np.int64)),
                per_sample_weights=torch.from_numpy(sub.data.astype(np.float32))) + bias
        if HIDDEN_VECTORS:
            h = h + dense(torch.from_numpy(ec[rows]))
        return out(drop(torch.relu(h)))

    def dev_scores() -> np.ndarray:
        drop.eval()
        with torch.no_grad():
            s = np.vstack([forward(x_dev, vectors_dev, np.arange(i, min(i + 2048, x_dev.shape[0]))).numpy()
                           for i in range(0, x_dev.shape[0], 2048)])
        drop.train()
        return s

    target = y.astype(np.float32)
    best: tuple[float, int, dict[str, np.ndarray]] | None = None
    for epoch in range(HIDDEN_EPOCHS):
        order = rng.permutation(x.shape[0])
        for i in range(0, len(order), 64):
            rows = order[i:i + 64]
            loss = loss_fn(forward(x, vectors, rows), torch.from_numpy(target[rows]))
            opt.zero_grad()
            loss.backward()
            opt.step()
        score = _desk_macro(y_dev, dev_scores(), labels)
        print(f"  hidden epoch {epoch}: dev desk macro-F1 (network alone) {score:.4f}", file=sys.stderr, flush=True)
        if best is None or score > best[0]:
            state = {"weights": emb.weight.detach().numpy().copy(), "bias": bias.detach().numpy().copy(),
                     "dense": dense.weight.detach().numpy().T.copy(), "out": out.weight.detach().numpy().T.copy(),
                     "out_bias": out.bias.detach().numpy().copy()}
            best = (score, epoch, state)
    assert best is not None
    return best[2], best[1]


def merge_members(rows: np.ndarray, states: list[dict[str, np.ndarray]]) -> HiddenLayer:
    """One layer whose logits are the mean of the members' logits: their units side by side, outputs / k."""
    from poise.reading.affect import HiddenLayer

    k = len(states)
    return HiddenLayer(rows, np.hstack([s["weights"] for s in states]),
                       np.hstack([s["dense"] for s in states]) if HIDDEN_VECTORS else None,
                       np.concatenate([s["bias"] for s in states]), np.vstack([s["out"] for s in states]) / k,
                       np.mean([s["out_bias"] for s in states], axis=0))


def train_hidden(data_dir: Path, models_dir: Path = MODELS_DIR, seed: int = SEED) -> dict[str, Any]:
    """Add the hidden layer to `emotions.npz`: trained on train; epoch, blend weight and thresholds on dev."""
    from poise.reading.affect import AffectScorer, HiddenLayer, sentence_vectors
    from poise.reading.features import word_tokens

    path = models_dir / "emotions.npz"
    linear = LinearModel.load(path)
    labels = linear.labels
    texts, y = load_split(data_dir, "train")
    dev_texts, y_dev = load_split(data_dir, "dev")
    vec = shared_vectorizer(models_dir)  # idf refitted on the same train texts: equal to the shipped idf
    x = vec.fit_transform(texts).tocsr()
    x_dev = vec.transform(dev_texts).tocsr()
    df = np.bincount(x.indices, minlength=x.shape[1])
    rows = np.flatnonzero(df >= HIDDEN_MIN_DF)
    tokens = [word_tokens(t.lower()) for t in texts]
    dev_tokens = [word_tokens(t.lower()) for t in dev_texts]
    vectors, dev_vectors = ((sentence_vectors(tokens), sentence_vectors(dev_tokens)) if HIDDEN_VECTORS else
                            (np.zeros((len(tokens), 1), np.float32), np.zeros((len(dev_tokens), 1), np.float32)))
    fitted = [_fit_hidden_network(x[:, rows].tocsr(), vectors, y, x_dev[:, rows].tocsr(), dev_vectors, y_dev,
                                  labels, seed + i) for i in range(HIDDEN_MEMBERS)]
    layer = merge_members(rows, [state for state, _ in fitted])
    epochs = [epoch + 1 for _, epoch in fitted]
    # Dev logits through the run-time path (int8 input weights, float16 idf), linear part and hidden part apart.
    plain = AffectScorer({"emotions": linear}).logits(dev_tokens)
    hidden = AffectScorer({"emotions": linear}, {"emotions": HiddenLayer.from_arrays(layer.arrays())}
                          ).logits(dev_tokens) - plain
    blend = max(HIDDEN_BLENDS, key=lambda w: _desk_macro(y_dev, plain + w * hidden, labels))
    scores = plain + blend * hidden
    cuts = np.array([best_threshold(y_dev[:, j], scores[:, j])[1] for j in range(len(labels))])
    linear.bias = (linear.bias - cuts).astype(np.float32)
    linear.meta.update(hidden={"units": HIDDEN_UNITS * HIDDEN_MEMBERS, "members": HIDDEN_MEMBERS,
                               "seeds": [seed + i for i in range(HIDDEN_MEMBERS)], "min_df": HIDDEN_MIN_DF,
                               "epochs_kept": epochs,
                               "blend": blend,
                               "sentence_vectors": "models/intent_vectors.npz" if HIDDEN_VECTORS else None,
                               "trained_on": "GoEmotions train split", "tuned_on": "GoEmotions dev split"})
    linear.save(path)
    HiddenLayer(rows, layer.weights, layer.dense, layer.bias, layer.out * blend, layer.out_bias * blend
                ).save_into(path)
    info = {"epochs": epochs, "blend": blend, "rows": len(rows)}
    print(f"  hidden layer: {info}", file=sys.stderr, flush=True)
    return info


def shipped_probabilities(token_lists: list[list[str]], models_dir: Path = MODELS_DIR) -> tuple[list[str], np.ndarray]:
    """Labels and probabilities of the emotions model in `models_dir` (linear + hidden layer), as the Reader
    computes them."""
    from poise.reading.affect import AffectScorer, HiddenLayer

    path = models_dir / "emotions.npz"
    model = LinearModel.load(path)
    layer = HiddenLayer.load(path)
    scorer = AffectScorer({"emotions": model}, {"emotions": layer} if layer is not None else None)
    return model.labels, scorer.probabilities(token_lists)["emotions"]


def _reports(model_labels: list[str], probs: np.ndarray, y: np.ndarray, labels: list[str], split: str
             ) -> list[TaskReport]:
    order = [model_labels.index(k) for k in labels]
    pred = (probs[:, order] >= 0.5).astype(int)
    every = label_scores(y, pred, labels, BERT_F1)
    desk = [every[labels.index(k)] for k in DESK_LABELS]
    out = []
    for name, scores in (("emotions (8 desk labels)", desk), ("emotions (all 28 labels)", every)):
        report = TaskReport(name, "goemotions", split, scores)
        bert = float(np.mean([BERT_F1[s.label] for s in scores]))
        report.headline = {"macro_f1": round(report.macro_f1, 4), "bert_macro_f1": round(bert, 4)}
        report.anchors = {"macro_f1": f"BERT-base {bert:.2f} (Demszky et al. 2020, Table 4"
                          + (", paper's headline 0.46)" if len(scores) == 28 else ", mean of these labels)")}
        report.notes.append("trained on train; per-label thresholds tuned on dev; BERT fear F1 recalled")
        out.append(report)
    return out


def evaluate(data_dir: Path, split: str = "test") -> list[TaskReport]:
    """Score the shipped emotions model on a GoEmotions split: the 8 desk labels and all 28."""
    from poise.reading.features import word_tokens

    labels = labels_of(data_dir)
    texts, y = load_split(data_dir, split)
    model_labels, probs = shipped_probabilities([word_tokens(t.lower()) for t in texts])
    return _reports(model_labels, probs, y, labels, split)


def format_report(report: TaskReport) -> str:
    """A plain-text table of one report: per-label P/R/F1/support and anchor, then the headline."""
    lines = [f"{report.task} | {report.dataset} {report.split}",
             f"{'label':16s} {'P':>6s} {'R':>6s} {'F1':>6s} {'n':>6s} {'anchor':>7s}"]
    for s in report.labels:
        anchor = "" if s.anchor_f1 is None else f"{s.anchor_f1:.2f}"
        lines.append(f"{s.label:16s} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.support:6d} {anchor:>7s}")
    lines.append(f"macro-F1 {report.macro_f1:.4f}  " + "  ".join(f"{k}={v}" for k, v in report.headline.items()))
    lines.extend(f"anchor {k}: {v}" for k, v in report.anchors.items())
    lines.extend(f"note: {n}" for n in report.notes)
    return "\n".join(lines)


def default_data_dir() -> Path:
    """$POISE_SHARED_DATA, else ../shared/data beside the repository (where the tests look too)."""
    env = os.environ.get("POISE_SHARED_DATA")
    return Path(env) if env else Path(__file__).resolve().parents[4] / "shared" / "data"


def main(data_dir: Path | None = None, hidden_only: bool = False) -> None:
    """Train, then print the dev and test evaluation (the command behind docs/eval)."""
    from poise.reading.affect import shipped_scorer
    from poise.reading.linear import shipped_model

    data = data_dir or default_data_dir()
    started = time.time()
    if hidden_only:
        train_hidden(data, MODELS_DIR, SEED)
    else:
        train(data, MODELS_DIR, SEED)
    shipped_model.cache_clear()
    shipped_scorer.cache_clear()
    print(f"trained in {time.time() - started:.0f}s")
    for split in ("dev", "test"):
        for report in evaluate(data, split):
            print(format_report(report), "\n")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--hidden-only"]
    main(Path(args[0]) if args else None, hidden_only="--hidden-only" in sys.argv[1:])
