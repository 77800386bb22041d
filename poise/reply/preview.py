"""Preview a business's reply templates on one sample message per posture, before a customer sees them.

A business that edits `<POSTURE>.j2` wants to see every posture's reply at once and learn about a broken
template now, not on a busy Monday. `preview_drafts(templates_dir)` decides and drafts nine samples (one per
posture) and returns the drafts; a broken template raises ConfigError naming its file and line.

`make_reading` builds a Reading by hand (no models): the samples use it, and so can tests and docs.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from poise.facts import facts as fk
from poise.facts.facts import CustomerView, Evidence, Fact, Policy
from poise.posture.decide import Decision, choose_posture
from poise.posture.postures import Posture
from poise.reading.reading import Abuse, Claim, Intent, Reading, Sentiment, Stake, Summary
from poise.reply.draft import Draft, draft_reply


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.lower().find(words.lower())
    return (start, start + len(words)) if start >= 0 else (0, len(text))


def make_reading(text: str, *, emotions: Mapping[str, float] | None = None, complaint: float = 0.0,
                 sentiment: tuple[str, float] = ("neutral", 0.0), abuse_level: str = "none",
                 abuse_target: str = "none", abuse_words: Iterable[str] = (), intent: str = "other",
                 intent_confidence: float = 0.9, claims: Iterable[str] = (), stakes: Iterable[str] = (),
                 issue: str = "", feeling: str = "", want: str = "", language: str = "en") -> Reading:
    """A Reading built by hand: the signals you give, every other emotion 0, spans found in `text`.

    abuse_words: the abusive words as they appear in `text` (their spans become `abuse.spans`).
    claims, stakes: kinds; each gets the whole text as its span.
    """
    spans = tuple(_span(text, w) for w in abuse_words)
    level_score = {"none": 0.0, "profanity": 0.5, "insult": 0.8, "threat": 0.9, "hate": 0.95}
    return Reading(
        text=text,
        sentiment=Sentiment(sentiment[0], sentiment[1]),
        complaint=complaint,
        emotions={k: float(v) for k, v in (emotions or {}).items()},
        abuse=Abuse(level=abuse_level, score=level_score.get(abuse_level, 0.0), spans=spans,
                    target=abuse_target),
        intent=Intent(intent, intent_confidence),
        stakes=tuple(Stake(kind, (0, len(text))) for kind in stakes),
        claims=tuple(Claim(kind, (0, len(text)), text) for kind in claims),
        summary=Summary(issue, feeling, want),
        language=language,
    )


@dataclass(frozen=True)
class Sample:
    """One sample message with its facts, customer and order total: enough to decide and draft."""

    reading: Reading
    facts: tuple[Fact, ...]
    customer: CustomerView
    order_total_cents: int | None = None


_SENT = datetime(2026, 3, 3, 9, 30, tzinfo=UTC)
_ANN = CustomerView("c-1", "Ann Lee", "ann@example.com")

SAMPLES: dict[Posture, Sample] = {
    Posture.ACKNOWLEDGE_AND_RESOLVE: Sample(
        make_reading("The blender I bought stopped working after two days. I am really disappointed.",
                     emotions={"disappointment": 0.8}, complaint=0.9, sentiment=("negative", -0.6),
                     intent="defect_report", claims=("defective",), issue="The blender stopped working after "
                     "two days.", want="A working blender."),
        (Fact(fk.WITHIN_RETURN_WINDOW, "defective", "context", "You bought it on 3 March, inside our 30-day "
              "return window.", (Evidence("order", "A-1001", _SENT),)),),
        _ANN, 4_500),
    Posture.EXPLAIN_CLEARLY: Sample(
        make_reading("How do I connect the camera to the app? I can't work it out.",
                     emotions={"confusion": 0.8}, complaint=0.3, intent="how_to",
                     issue="I can't connect the camera to the app."),
        (Fact(fk.INFORMED_BEFORE, "not_informed", "contradicts", "We emailed the setup steps on 3 March.",
              (Evidence("communication", "M-7", _SENT, "Setup steps"),),
              {"topic": "camera setup", "steps": ["Open the app and tap Add camera", ("Hold the button on the "
                                                  "camera for 5 seconds"), ("Pick your home Wi-Fi and wait for "
                                                  "the green light")]}),),
        _ANN),
    Posture.OWN_AND_FIX: Sample(
        make_reading("You charged me twice for order A-1002. Fix it now.", emotions={"anger": 0.8},
                     complaint=0.95, sentiment=("negative", -0.7), intent="billing_charge",
                     claims=("wrong_charge",), issue="I was charged twice for order A-1002."),
        (Fact(fk.DOUBLE_CHARGE, "wrong_charge", "supports", "We charged your card twice on 3 March.",
              (Evidence("payment", "P-9", _SENT),), {"amount_cents": 2_400}),),
        _ANN, 2_400),
    Posture.GUIDE_FIRMLY: Sample(
        make_reading("The upload failed again. Same error as last week.", emotions={"annoyance": 0.7},
                     complaint=0.7, sentiment=("negative", -0.4), intent="how_to",
                     issue="The upload failed again."),
        (Fact(fk.REPEATED_MISTAKE, None, "context", "This is the fourth upload with a file over 20 MB.",
              (Evidence("ticket", "T-40", _SENT),),
              {"count": 4, "topic": "upload", "steps": ["Save the file as PDF", "Check it is under 20 MB",
                                                        "Upload it from the Files page"]}),),
        _ANN),
    Posture.HOLD_POLICY: Sample(
        make_reading("I want a refund for the gift card. I changed my mind.", emotions={"annoyance": 0.6},
                     complaint=0.6, intent="refund", issue="I want a refund for the gift card."),
        (Fact(fk.NON_REFUNDABLE, None, "context", "Gift cards are not refundable.",
              (Evidence("product", "GC-50", None),), {"policy_text": "Gift cards cannot be refunded"}),),
        _ANN, 5_000),
    Posture.STATE_FACTS: Sample(
        make_reading("My parcel never arrived. I want my money back.", emotions={"anger": 0.6}, complaint=0.9,
                     sentiment=("negative", -0.5), intent="where_is_my_order", claims=("not_received",),
                     issue="My parcel never arrived."),
        (Fact(fk.DELIVERED_WITH_PROOF, "not_received", "contradicts",
              "The carrier delivered your parcel on 3 March at 9:30, signed by A. Lee.",
              (Evidence("delivery", "D-5", _SENT, "signed: A. Lee"),)),),
        _ANN, 3_000),
    Posture.SET_BOUNDARY: Sample(
        make_reading("You idiots lost my order again.", emotions={"anger": 0.9}, complaint=0.9,
                     sentiment=("negative", -0.9), abuse_level="insult", abuse_target="staff",
                     abuse_words=("you idiots",), intent="where_is_my_order", claims=("not_received",),
                     issue="My order has not arrived."),
        (Fact(fk.NOT_DELIVERED, "not_received", "supports", "Your order has not been delivered yet.",
              (Evidence("order", "A-1003", _SENT),)),),
        _ANN, 3_500),
    Posture.PART_WAYS: Sample(
        make_reading("You are useless idiots, all of you.", emotions={"anger": 0.9}, complaint=0.8,
                     sentiment=("negative", -0.9), abuse_level="insult", abuse_target="staff",
                     abuse_words=("useless idiots",), intent="complaint_about_staff"),
        (), CustomerView("c-2", "Bo Stone", "bo@example.com", warnings=1), 6_000),
    Posture.THANK: Sample(
        make_reading("Thank you so much, the new kettle is perfect!", emotions={"gratitude": 0.9},
                     sentiment=("positive", 0.9), intent="feedback_praise"),
        (), _ANN),
}
"""One sample per posture (each one decides to its key posture with the default Policy)."""


def preview_drafts(templates_dir: Path | None = None, *, policy: Policy | None = None,
                   now: datetime | None = None) -> dict[Posture, tuple[Decision, Draft]]:
    """Decide and draft every sample with the business's templates: see all nine replies at once.

    Raises ConfigError (file and line) for a broken template.
    """
    used = policy or Policy()
    out: dict[Posture, tuple[Decision, Draft]] = {}
    for posture, sample in SAMPLES.items():
        decision = choose_posture(sample.reading, sample.facts, customer=sample.customer, policy=used,
                                  order_total_cents=sample.order_total_cents)
        draft = draft_reply(decision, sample.reading, sample.facts, customer=sample.customer, policy=used,
                            templates_dir=templates_dir, now=now)
        out[posture] = (decision, draft)
    return out
