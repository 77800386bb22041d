"""Desk sentiment: the valence a complaint desk reads in a customer's message, fitted on informal messages.

Why a second reading: the sentiment model learnt Reddit comments and review sentences, and the desk cues
(`upset.py`) revise it with a few rules. Customers' messages follow other conventions: a calm, factual problem
report is neutral, sarcasm counts by what is meant, a thank-you note with a small gripe is positive. On a
development set nobody had tuned on (informal_dev3.yaml) the Reading's 3-way accuracy was 0.60. A small
multinomial logistic model over the Reading's own signals (SENTIMENT_FEATURES: the sentiment and complaint
models' log-odds, 16 emotions, the claim rules' stated failures, stakes, abuse, praise beside a failure, and
surface cues such as a question-word opening, politeness, exasperation, shouting and length) gives the label
and the score, p(positive) - p(negative). It is fitted by `poise/reading/training/desk_sentiment.py` on the
informal sets that may be tuned on. Messages in another language keep the phrase lists' reading (`foreign.py`).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from poise.errors import ModelError
from poise.reading import pipeline
from poise.reading.affect import affect_scores
from poise.reading.claims import RULE_CLAIMS
from poise.reading.linear import MODELS_DIR
from poise.reading.pipeline import Parse
from poise.reading.reading import Sentiment
from poise.reading.upset import ABUSE_AT_PEOPLE, BUSINESS_INTENTS, STATED_FAILURE_CLAIMS, surface_cues

LABELS: tuple[str, ...] = ("negative", "neutral", "positive")
EMOTIONS: tuple[str, ...] = ("gratitude", "admiration", "joy", "love", "approval", "anger", "annoyance",
                             "disappointment", "disapproval", "confusion", "curiosity", "sadness", "fear",
                             "neutral", "desire", "caring")
SENTIMENT_FEATURES: tuple[str, ...] = (
    "complaint", "sentiment_negative", "sentiment_neutral", "sentiment_positive", *EMOTIONS,
    "stated_failure", "stake", "churn", "abuse_at_people", "swearing", "praise_with_failure",
    "question_opening", "question", "polite", "exasperated", "shouting", "marks", "exclamation", "length")
_PROBABILITY_INPUTS = 4 + len(EMOTIONS)  # read by the model as clipped log-odds
MODEL_FILE = MODELS_DIR / "desk_sentiment.json"
# Desk cues (upset.py) whose negative reading stands: praise around a failure is sarcasm or a complaint, and
# abuse at people or an angry emoji is not a neutral message, whatever the model's few examples of them say.
KEEP_NEGATIVE_CUES = frozenset({"praise_with_failure", "abuse_at_people", "angry_emoji"})
# "hi, how do i ...", "Hello team, can you ...", "quick question - is ..."
_QUESTION_OPENING = re.compile(
    r"^\W*(?:(?:hi|hello|hey|hiya|morning|evening|dear\s+\w+)\W+(?:there\W+|team\W+|all\W+)?)?"
    r"(?:how|what|whats|what's|when|where|wheres|where's|can|could|is|are|do|does|will|would|any|just\s+wondering"
    r"|quick\s+question)\b")


@dataclass(frozen=True)
class DeskSentimentModel:
    """Multinomial logistic weights (LABELS x SENTIMENT_FEATURES) and biases."""

    weights: tuple[tuple[float, ...], ...]
    bias: tuple[float, ...]
    meta: dict[str, Any]

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> DeskSentimentModel:
        """Read the model file (a JSON object: labels, features, weights, bias, meta)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if tuple(data["features"]) != SENTIMENT_FEATURES or tuple(data["labels"]) != LABELS:
                raise ValueError("its labels or features are not this version's")
            weights = tuple(tuple(float(w) for w in row) for row in data["weights"])
            if len(weights) != len(LABELS) or any(len(row) != len(SENTIMENT_FEATURES) for row in weights):
                raise ValueError("its weights do not match its features")
            return cls(weights, tuple(float(b) for b in data["bias"]), dict(data.get("meta", {})))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelError(f"desk sentiment model {path} is missing or damaged ({exc})",
                             hint="reinstall poise, or refit it: python -m poise.reading.training.desk_sentiment"
                             ) from exc

    def save(self, path: Path = MODEL_FILE) -> None:
        """Write the model file."""
        path.write_text(json.dumps({"labels": list(LABELS), "features": list(SENTIMENT_FEATURES),
                                    "weights": [list(row) for row in self.weights], "bias": list(self.bias),
                                    "meta": self.meta}, indent=1) + "\n", encoding="utf-8")

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """P(label) for a batch (messages x SENTIMENT_FEATURES) -> messages x LABELS."""
        z = features @ np.asarray(self.weights).T + np.asarray(self.bias)
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        out: np.ndarray = e / e.sum(axis=1, keepdims=True)
        return out


@cache
def shipped_model() -> DeskSentimentModel:
    """The shipped model, loaded once per process."""
    return DeskSentimentModel.load()


def sentiment_inputs(p: Parse, affect: dict[str, list[float]]) -> list[float]:
    """One message's raw inputs in SENTIMENT_FEATURES order (probabilities first, then 0/1 cues and length).

    `affect` is the message's affect scores (the models' own outputs, before any desk revision)."""
    v = p.values
    emotions = v.get("emotions", {})
    abuse = v.get("abuse")
    stakes = v.get("stakes", ())
    cues = v.get("extra", {}).get("cues", ())
    polite, exasperated, length, shouts = surface_cues(p)
    sentiment = dict(zip(shipped_sentiment_labels(), affect["sentiment"]))
    return [affect["complaint"][0], sentiment.get("negative", 0.0), sentiment.get("neutral", 0.0),
            sentiment.get("positive", 0.0), *(emotions.get(e, 0.0) for e in EMOTIONS),
            float(any(c.kind in STATED_FAILURE_CLAIMS for c in v.get(RULE_CLAIMS, ()))),
            float(any(s.kind != "churn" for s in stakes)), float(any(s.kind == "churn" for s in stakes)),
            float(abuse is not None and abuse.level in ABUSE_AT_PEOPLE),
            float(abuse is not None and abuse.level == "profanity"), float("praise_with_failure" in cues),
            float(_QUESTION_OPENING.search(p.lower) is not None), float("?" in p.text), polite, exasperated,
            shouts, float("??" in p.text or "!!" in p.text), float("!" in p.text), length]


@cache
def shipped_sentiment_labels() -> tuple[str, ...]:
    """The sentiment model's label order (its probabilities arrive in that order)."""
    from poise.reading.affect import shipped_scorer

    return tuple(shipped_scorer().models["sentiment"].labels)


def reads(p: Parse) -> bool:
    """Whether the desk model reads this message: English, and about the business (a business intent, a claim or
    a stake). Elsewhere (chat, praise, a question about opening hours; GoEmotions' Reddit comments, where the desk
    model cost 0.14 negative F1) the sentiment model and the desk cues keep their reading."""
    if p.language != "en":
        return False
    v = p.values
    intent = v.get("intent")
    return (intent is not None and intent.label in BUSINESS_INTENTS) or bool(v.get("claims")) or bool(v.get("stakes"))


def keeps_negative(p: Parse) -> bool:
    """A negative reading a desk cue gave stands (KEEP_NEGATIVE_CUES)."""
    v = p.values
    return v["sentiment"].label == "negative" and not KEEP_NEGATIVE_CUES.isdisjoint(v.get("extra", {}).get("cues", ()))


def features(inputs: list[list[float]]) -> np.ndarray:
    """The model's features for a batch of `sentiment_inputs`: the probabilities as clipped log-odds."""
    x = np.array(inputs, dtype=np.float64).reshape(len(inputs), len(SENTIMENT_FEATURES))
    q = np.clip(x[:, :_PROBABILITY_INPUTS], 1e-4, 1 - 1e-4)
    x[:, :_PROBABILITY_INPUTS] = np.log(q / (1 - q))
    return x


@pipeline.component("desk_sentiment", requires=("sentiment", "complaint", "emotions", "abuse", "stakes", "claims",
                                                "upset"), assigns=("sentiment",))
def component(parses: list[Parse]) -> None:
    """Assign `sentiment` from the desk model to the messages it reads (`reads`); others keep theirs."""
    english = [i for i, p in enumerate(parses) if reads(p)]
    if not english:
        return
    affect = affect_scores(parses)
    x = features([sentiment_inputs(parses[i], affect[i]) for i in english])
    for i, row in zip(english, shipped_model().probabilities(x).tolist()):
        if keeps_negative(parses[i]):
            continue
        v = parses[i].values
        best = max(range(len(LABELS)), key=row.__getitem__)
        v["sentiment"] = Sentiment(LABELS[best], row[2] - row[0])

