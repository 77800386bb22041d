"""The words a draft is made of: dates, times, the acknowledgement, the next step, the steps to follow.

Kept apart from the templates so a business that edits a template still gets the same specifics, and so
each phrase is tested once. Every next step carries a time ("today", "by Friday 28 November", "within 4
hours"): seed 001 asks for "NO surprises when talking with an upset customer".
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from poise.facts.facts import (
    CHARGE_CORRECT,
    DELIVERED_WITH_PROOF,
    DELIVERED_WITHOUT_PROOF,
    IN_TRANSIT,
    NON_REFUNDABLE,
    OUTSIDE_RETURN_WINDOW,
    RETURN_NOT_RECEIVED,
    RETURN_PATTERN,
    Fact,
    Policy,
)
from poise.posture.decide import Decision
from poise.posture.postures import Posture
from poise.posture.remedy import first_fact
from poise.reading.reading import Reading

REFUND_WORKING_DAYS = 5
"""Card refunds reach the customer within this many working days (said as "by Friday 28 November")."""
MAX_STEPS = 6
OFFERED_IN_NEXT_STEP = frozenset({"investigate", "inspect"})
"""Remedy kinds whose next step says the whole offer, so a template shows `next_step` alone."""

# Acknowledgements per dominant emotion: the warm form may say sorry; the plain form never does, for
# postures whose template says sorry itself (OWN_AND_FIX) or must not over-apologise (the firm ones).
_WARM = {
    "anger": "I'm sorry, and I understand why you are angry.",
    "annoyance": "I'm sorry, and I can see why this is annoying.",
    "disappointment": "I'm sorry this let you down.",
    "sadness": "I'm sorry this has been so hard.",
    "fear": "I understand this is worrying, and I'm sorry.",
    "confusion": "I'm sorry this was not clearer.",
}
_PLAIN = {
    "anger": "I understand why you are angry.",
    "annoyance": "I can see why this is annoying.",
    "disappointment": "I understand this is a letdown.",
    "sadness": "I understand this has been hard.",
    "fear": "I understand this is worrying.",
    "confusion": "I can see this part is not clear.",
}
_UPSET_DEFAULT = {True: "I'm sorry, and I understand why this is frustrating.",
                  False: "I understand why this is frustrating."}
CALM_ACKNOWLEDGEMENT = "I understand this matters to you."
"""For a calm request answered with ACKNOWLEDGE_AND_RESOLVE: acknowledge without inventing a feeling."""


def format_day(when: date | datetime, now: datetime) -> str:
    """A date as people say it: "3 March", with the year only when it is not this year ("3 March 2025")."""
    day = f"{when.day} {when.strftime('%B')}"
    return day if when.year == now.year else f"{day} {when.year}"


def add_working_days(start: datetime, days: int) -> date:
    """The date `days` working days (Monday to Friday) after `start`."""
    current = start.date()
    left = days
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            left -= 1
    return current


def by_day(now: datetime, working_days: int) -> str:
    """ "Friday 28 November": the day `working_days` working days from now, for "by ..." promises."""
    when = add_working_days(now, working_days)
    return f"{when.strftime('%A')} {format_day(when, now)}"


def format_minutes(minutes: int) -> str:
    """A duration in plain words: 30 -> "30 minutes", 60 -> "1 hour", 240 -> "4 hours", 2880 -> "2 days"."""
    if minutes < 60:
        return f"{minutes} minute" + ("s" if minutes != 1 else "")
    if minutes < 1440 or minutes % 1440:
        hours = round(minutes / 60)
        return f"{hours} hour" + ("s" if hours != 1 else "")
    days = minutes // 1440
    return f"{days} day" + ("s" if days != 1 else "")


def acknowledgement(reading: Reading, *, warm: bool) -> str:
    """One sentence that names how the customer feels (seed 002: "acknowledge their feelings").

    Empty when the message shows no upset. `warm` allows "I'm sorry"; firm postures use the plain form so a
    reply never apologises twice or apologises its way into an exception.
    """
    table = _WARM if warm else _PLAIN
    for emotion in reading.dominant_emotions:
        if emotion in table:
            return table[emotion]
    return _UPSET_DEFAULT[warm] if is_upset(reading) else ""


def is_upset(reading: Reading) -> bool:
    """Whether the message shows upset (an upset emotion, a complaint, negative sentiment or abuse)."""
    return (any(reading.emotions.get(e, 0.0) >= 0.5 for e in _PLAIN if e != "confusion")
            or reading.complaint >= 0.5 or reading.sentiment.score <= -0.3 or reading.abuse.level != "none")


def next_step(decision: Decision, policy: Policy, now: datetime, facts: Sequence[Fact] = (), *,
              choice: bool = True) -> str:
    """The next step, with a time, for the decision's remedy (every draft ends its offer with one).

    For remedies in OFFERED_IN_NEXT_STEP the next step says the whole offer (templates do not repeat it).

    choice: whether the reply offers the remedy's alternative (the brief form offers only the main remedy).
    """
    sla = format_minutes(policy.first_response_minutes)
    remedy = decision.remedy
    if decision.posture is Posture.THANK or remedy is None:
        return "I will share your note with the team today."
    kind = remedy.kind
    if kind in {"refund", "fix_charge", "refund_owed", "refund_on_parting"} or (kind == "keep_promise" and remedy.amount_cents):
        if not remedy.within_authority:
            return f"I will confirm it by {by_day(now, 1)}."
        return f"You will see it on your card by {by_day(now, REFUND_WORKING_DAYS)}."
    if kind == "keep_promise":
        return "I will confirm it is done by the end of today."
    if kind == "reship":
        return "I will email you the tracking number today."
    if kind == "replacement":
        if remedy.alternative and choice:
            return "Tell me which you prefer, and I will arrange it today."
        return "Reply with yes, and I will send it today."
    if kind == "resend_info" and not remedy.text.endswith(("below", "in this email")):
        return "I will email them to you today."
    if kind == "resend_info":
        return f"If a step fails, reply and I will help within {sla}."
    if kind == "investigate":
        fact = first_fact(facts, DELIVERED_WITH_PROOF, CHARGE_CORRECT, RETURN_NOT_RECEIVED)
        if fact is not None and fact.kind == CHARGE_CORRECT:
            return f"Send me the line you do not recognise, and I will check it within {sla}."
        if fact is not None and fact.kind == RETURN_NOT_RECEIVED:
            return f"Send me the tracking number, and I will trace it within {sla}."
        if fact is not None:
            return f"If you still cannot find it, reply and I will open a claim with the carrier within {sla}."
        if first_fact(facts, DELIVERED_WITHOUT_PROOF):
            return ("I am tracing it with the carrier today. If it is not found in 2 working days, I will send "
                    "a new one free.")
        transit = first_fact(facts, IN_TRANSIT)
        if transit is not None:
            due = _parse_day(transit.data.get("due"))
            when = format_day(due, now) if due else by_day(now, 2)
            return f"If it has not arrived by {when}, reply and I will chase the carrier the same day."
        return f"I will send you an update by {by_day(now, 2)}."
    if kind == "inspect":
        return ("Send it back, and we will check it within 2 working days of arrival. If it is faulty, you get "
                "a full refund that day.")
    if kind == "support":
        return f"Just reply, and I will help within {sla}."
    if decision.posture is Posture.PART_WAYS:
        return "This will stay in place from today." if decision.rule == "already_parted" else \
            "This will take effect today."
    return f"If anything is still unclear, reply and I will answer within {sla}."


def _parse_day(value: object) -> date | None:
    """A date from an ISO string in fact data ("2026-11-28" or a full timestamp), or None."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


def steps_from(fact: Fact | None) -> list[str]:
    """The steps to show, from a fact's `data["steps"]` or the body of what we sent (one step per line)."""
    if fact is None:
        return []
    raw = fact.data.get("steps")
    if isinstance(raw, (list, tuple)):
        items = [str(s) for s in raw]
    else:
        body = str(fact.data.get("body", ""))
        items = [re.sub(r"^\s*(?:\d+[.)]|[-*•])\s*", "", line) for line in body.splitlines()]
    cleaned = [_sentence(s) for s in items if s.strip()]
    return cleaned[:MAX_STEPS]


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?", ":")) else text + "."


def fallback_steps(policy: Policy, topic: str = "") -> list[str]:
    """Steps when the record has none to show: what we send, or what we need, and when the answer comes."""
    if topic:
        return [f"Open the email with the {topic} that I am sending you today.",
                "Follow it one step at a time."]
    return ["Reply with your order number.",
            "Tell me what you see, or send a photo.",
            f"I will send the exact steps within {format_minutes(policy.first_response_minutes)}."]


def policy_sentence(facts: Sequence[Fact], policy: Policy) -> str:
    """The policy that holds, in the business's own words where the record has them.

    A return pattern is never named to the customer (it is a pattern to check, not a verdict): the reply
    states the policy that applies to every return instead.
    """
    fact = first_fact(facts, NON_REFUNDABLE, OUTSIDE_RETURN_WINDOW, RETURN_PATTERN)
    if fact is None:
        return f"Our return window is {policy.return_window_days} days."
    if fact.kind == RETURN_PATTERN:
        text = "We check every item returned as faulty when it reaches us."
        if policy.restocking_fee_percent:
            text += (f" Items without a fault can come back within {policy.return_window_days} days, less a "
                     f"{policy.restocking_fee_percent}% restocking fee.")
        return text
    own_words = str(fact.data.get("policy_text", "")).strip()
    if fact.kind == NON_REFUNDABLE:
        if own_words:
            return f"Our policy says: \"{own_words.rstrip('.')}.\" So I can't refund it."
        return (fact.statement.strip() or "This item is not refundable.") + " So I can't refund it."
    window = fact.statement.strip() or f"Our return window is {policy.return_window_days} days."
    return f"{window} So I can't accept it as a return."
