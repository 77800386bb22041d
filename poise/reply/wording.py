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
    REFUND_PAID,
    RETURN_NOT_RECEIVED,
    RETURN_PATTERN,
    RETURN_RECEIVED,
    Fact,
    Policy,
)
from poise.posture.decide import Decision
from poise.posture.postures import Posture
from poise.posture.remedy import SUPPORT_TEXT, Remedy, first_fact
from poise.reading.reading import Reading

REFUND_WORKING_DAYS = 5
"""Card refunds reach the customer within this many working days (said as "by Friday 28 November")."""
MAX_STEPS = 6
_NOT_A_STEP_RE = re.compile(r"^\s*(?:hi|hello|hey|dear|welcome|thanks|thank you|many thanks|best|kind regards|regards|"
                            r"cheers|happy \w+ing|enjoy)\b[^.?]{0,40}[!,.]?\s*$", re.IGNORECASE)
"""Lines of an email that are greetings or sign-offs, not steps ("Welcome to Fernhill!", "Best, Jo")."""
_NOT_AN_ACTION_RE = re.compile(r"^(?:your|our|the|this|that|these|it|its|they|there|we|you|a|an|items?|prices?|"
                               r"codes?)\b", re.IGNORECASE)
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
CALM_ACKNOWLEDGEMENT = "I'm sorry for the trouble."
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


def short_acknowledgement(reading: Reading, *, warm: bool) -> str:
    """A one-line acknowledgement for a draft that must be tight: "I'm sorry about this." (or plain, for firm)."""
    return "I'm sorry about this." if warm else "I understand how you feel."


_SILLY_QUESTION_RE = re.compile(r"\b(?:silly|stupid|dumb|daft|basic) question\b", re.IGNORECASE)


def reassurance(reading: Reading) -> str:
    """A word back to a customer who apologises for asking ("sorry if this is a silly question")."""
    return "It's not a silly question at all." if _SILLY_QUESTION_RE.search(reading.text) else ""


_STAFF_THANKS_RE = re.compile(
    r"\b(?i:thanks|thank you|cheers)(?i: so much| a lot| again)?,? (?i:to )?([A-Z][a-z]{1,15})\b")
_NOT_A_NAME = frozenset({"Again", "So", "For", "To", "You", "All", "Guys", "Team", "Everyone", "Folks", "The", "A"})
_SUGGESTION_RE = re.compile(r"\b(?:would be (?:great|nice|good|lovely) if|would love|you(?:'d| would) want to know|"
                            r"small thing|one thing|suggestion|could you (?:add|make)|it would help|wish you|"
                            r"thought you(?:'d| might))\b", re.IGNORECASE)


def thanks_closing(reading: Reading) -> str:
    """What a THANK reply does with the note, specific to it (seed 001: "thank them regardless").

    A named colleague hears it ("I will pass your thanks on to Sam today."); a suggestion goes to the team
    as an idea; plain praise is shared with the team.
    """
    named = next((m.group(1) for m in _STAFF_THANKS_RE.finditer(reading.text) if m.group(1) not in _NOT_A_NAME), "")
    if named:
        return f"That is lovely to hear. I will pass your thanks on to {named} today."
    if _SUGGESTION_RE.search(reading.text):
        return "Feedback like this helps us get better. I will pass it to the team today."
    return "Notes like yours mean a lot to our team. I will share it with them today."


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
    money_back = {"refund", "fix_charge", "refund_owed", "refund_on_parting"}
    if kind in money_back or (kind == "keep_promise" and remedy.amount_cents):
        if not remedy.within_authority:
            return f"I will confirm it by {by_day(now, 1)}."
        return f"You will see it on your card by {by_day(now, REFUND_WORKING_DAYS)}."
    if kind == "keep_promise":
        return "I will confirm it is done by the end of today."
    if kind == "cancel":
        return "I will email you to confirm as soon as it is done."
    if kind == "explain":
        return f"Any questions about it? I will answer within {sla}."
    if kind == "reship":
        return "I will email you the tracking number today."
    if kind == "replacement":
        if remedy.alternative and choice:
            return "Just tell me which, and I will arrange it today."
        return "Reply with yes, and I will send it today."
    if kind == "resend_info" and not remedy.text.endswith(("below", "in this email")):
        return "I will email it to you today."
    if kind == "resend_info":
        return f"If a step fails, reply and I will help within {sla}."
    if kind == "investigate":
        fact = first_fact(facts, DELIVERED_WITH_PROOF, CHARGE_CORRECT, RETURN_NOT_RECEIVED, REFUND_PAID)
        if fact is not None and fact.kind == REFUND_PAID:
            return f"If your bank still cannot see it in 5 working days, reply and I will trace it within {sla}."
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
    if kind == "inspect" and first_fact(facts, RETURN_RECEIVED):
        # we already have it: never "send it back" (seed 000: acting on what they did not read is ours to avoid)
        return (f"If there is a fault we missed, tell me what it is, and I will look again within {sla}. If it is "
                "faulty, you get a full refund that day.")
    if kind == "inspect":
        return ("Send it back, and we will check it within 2 working days of arrival. If it is faulty, you get "
                "a full refund that day.")
    if kind == "support" and remedy.text.startswith("a look at the fault"):
        return f"Send me a photo or a short video of the fault, and I will reply within {sla} with what we can do."
    if kind == "support" and remedy.text.startswith("help to arrange"):
        return f"Tell me what you would like to do, and I will sort it within {sla}."
    if kind == "support" and decision.posture is Posture.HOLD_POLICY:
        return f"If you have any question about it, reply and I will answer within {sla}."
    if decision.posture is Posture.HOLD_POLICY:
        return f"If there is anything else I can help with, reply and I will answer within {sla}."
    if kind == "support":
        return f"You will hear from me within {sla}."
    if decision.posture is Posture.PART_WAYS:
        return "This will stay in place from today." if decision.rule == "already_parted" else \
            "This will take effect today."
    return f"If anything is still unclear, reply and I will answer within {sla}."


def remedy_sentence(remedy: Remedy | None, *, brief: bool = False, text: str | None = None) -> str:
    """The offer as a sentence for a resolving reply ('' when there is nothing to offer).

    "Here is what I can do: a full refund of $24.00, today." for a concrete remedy; the plain support remedy
    and a cancellation read as what the agent does ("I am handling this myself until it is sorted."),
    since "Here is what I can do: my help" offers nothing the customer can picture.
    text: the remedy's words to use (the whole offer or the brief one); default `remedy.text`.
    """
    if remedy is None or not remedy.text or remedy.kind in OFFERED_IN_NEXT_STEP or remedy.kind == "none":
        return ""
    words = remedy.text if text is None else text
    if remedy.kind == "cancel":
        return f"I will {words}."
    if remedy.kind == "support" and words == SUPPORT_TEXT:
        return "I am handling this myself until it is sorted."
    return f"{'To fix this' if brief else 'Here is what I can do'}: {words}."


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
    cleaned = [_sentence(s) for s in items if s.strip() and not _NOT_A_STEP_RE.match(s)]
    return cleaned[:MAX_STEPS]


def steps_are_actions(steps: Sequence[str]) -> bool:
    """Whether the steps read as things to do ("Twist the lid") rather than facts ("Your code gives 20% off").

    A reply introduces actions with "Here is how to do it:" and facts with "Here is how it works:".
    """
    return bool(steps) and not any(_NOT_AN_ACTION_RE.match(s) for s in steps)


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?", ":")) else text + "."


def fallback_steps(policy: Policy, topic: str = "", *, known: bool = True) -> list[str]:
    """Steps when the record has none to show: what we send, or what we need, and when the answer comes.

    known: whether we know the customer (their orders are on record, so there is no order number to ask for).
    """
    sla = format_minutes(policy.first_response_minutes)
    if topic:
        return [f"Open the email with the {topic} that I am sending you today.",
                "Follow it one step at a time."]
    if known:
        return ["I am writing you a short, clear answer now.", f"You will have it by email within {sla}."]
    return ["Reply with your order number.",
            "Tell me what you see, or send a photo.",
            f"I will send the exact steps within {sla}."]


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
