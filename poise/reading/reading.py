"""The Reading: everything poise understood from one message. `to_dict()` is the JSON contract.

Spans are `[start, end)` character offsets into `Reading.text`, the plain text that was read (equal to the
input unless the input was HTML or had to be cut).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

EMOTION_LABELS: tuple[str, ...] = (
    "anger", "annoyance", "confusion", "disappointment", "sadness", "fear", "gratitude", "neutral",
)
ABUSE_LEVELS: tuple[str, ...] = ("none", "profanity", "insult", "threat", "hate")
STAKE_KINDS: tuple[str, ...] = ("churn", "public", "legal", "chargeback")
CLAIM_KINDS: tuple[str, ...] = (
    "not_received", "not_informed", "defective", "wrong_charge", "already_returned",
    "promised_by_staff", "repeated_contact", "wrong_item",
)

Span = tuple[int, int]


@dataclass(frozen=True)
class Sentiment:
    """Overall polarity: label and a score in [-1, 1] (negative to positive)."""

    label: str
    score: float


@dataclass(frozen=True)
class Abuse:
    """Abuse aimed at staff or people, as distinct from swearing about a thing.

    `level` is the worst found: none < profanity (swearing, not at a person) < insult (at staff) < threat
    < hate. `target` says who it is aimed at ("staff", "thing", "group" or "none").
    """

    level: str = "none"
    score: float = 0.0
    spans: tuple[Span, ...] = ()
    target: str = "none"


@dataclass(frozen=True)
class Intent:
    """What the customer wants, from a configurable taxonomy, with the model's confidence."""

    label: str
    confidence: float


@dataclass(frozen=True)
class Stake:
    """Something at stake for the business: churn, a public review, legal action, a chargeback."""

    kind: str
    span: Span


@dataclass(frozen=True)
class Claim:
    """A checkable claim the customer makes ("it never arrived"), with where it is said."""

    kind: str
    span: Span
    text: str


@dataclass(frozen=True)
class Summary:
    """Plain sentences free of insults: what went wrong, why they are upset, what they ask for."""

    issue: str
    feeling: str
    want: str


@dataclass(frozen=True)
class Reading:
    """What poise understood from one message."""

    text: str
    sentiment: Sentiment
    complaint: float
    emotions: dict[str, float]
    abuse: Abuse
    intent: Intent
    stakes: tuple[Stake, ...]
    claims: tuple[Claim, ...]
    summary: Summary
    language: str
    warnings: tuple[str, ...] = ()
    model_version: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    upset: float = 0.0  # probability the customer is annoyed or angry, shown or not (poise/reading/upset.py)

    @classmethod
    def trusted(cls, **values: Any) -> Reading:
        """A Reading from every field's value, unchecked: what the Reader builds for each message it reads.

        A frozen dataclass's __init__ sets each field through object.__setattr__ (about 4 us for a Reading);
        filling __dict__ directly gives the same object, equal to the one __init__ builds, in about 0.5 us.
        Every field must be given (tests/reading/test_pipeline.py checks the Reader gives them all).
        """
        reading = cls.__new__(cls)
        reading.__dict__.update(values)
        return reading

    @property
    def dominant_emotions(self) -> list[str]:
        """Emotions at or above 0.5, strongest first (neutral excluded)."""
        found = [(p, k) for k, p in self.emotions.items() if p >= 0.5 and k != "neutral"]
        return [k for _, k in sorted(found, reverse=True)]

    def to_dict(self, *, include_text: bool = False) -> dict[str, Any]:
        """The JSON contract of a Reading (see the reading issue); `text` only when asked for."""
        out: dict[str, Any] = {
            "sentiment": {"label": self.sentiment.label, "score": round(self.sentiment.score, 4)},
            "complaint": round(self.complaint, 4),
            "upset": round(self.upset, 4),
            "emotions": {k: round(v, 4) for k, v in self.emotions.items()},
            "abuse": {"level": self.abuse.level, "score": round(self.abuse.score, 4),
                      "spans": [list(s) for s in self.abuse.spans], "target": self.abuse.target},
            "intent": {"label": self.intent.label, "confidence": round(self.intent.confidence, 4)},
            "stakes": [{"kind": s.kind, "span": list(s.span)} for s in self.stakes],
            "claims": [{"kind": c.kind, "span": list(c.span), "text": c.text} for c in self.claims],
            "summary": {"issue": self.summary.issue, "feeling": self.summary.feeling, "want": self.summary.want},
            "language": self.language,
            "warnings": list(self.warnings),
            "model_version": self.model_version,
        }
        if self.extra:
            out["extra"] = self.extra
        if include_text:
            out["text"] = self.text
        return out
