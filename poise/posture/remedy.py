"""The remedy: what the agent may offer now, within their own authority.

Seed 004 ("Your Customers Really Want Your Empathy") names the two phrases a customer must never hear:
"there's nothing they can do for you" and "having to ask to speak to a manager". So every decision carries a
concrete offer the agent can make on the spot: a refund up to `Policy.refund_authority_cents`, a reship, the
information again, a trace with the carrier. Money that is the customer's own (a duplicate charge, the refund for a
return we received) is always returned; a refund on parting ways follows seed 003 ("If you can afford it, give
them all of their money back"), up to `Policy.part_ways_refund_limit_cents`.

Two remedies are actions rather than goods: a cancellation is done at the time asked for (seed 001: the silent
customer who fires you is worse than a complaint, so the reply also asks what went wrong), and information we
never sent is an explanation written today, not a promise to "email them to you".
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from poise.facts.facts import (
    CHARGE_CORRECT,
    DELIVERED_WITH_PROOF,
    DELIVERED_WITHOUT_PROOF,
    DOUBLE_CHARGE,
    IN_TRANSIT,
    INFORMED_BEFORE,
    LATE_DELIVERY,
    NEVER_INFORMED,
    NON_REFUNDABLE,
    NOT_DELIVERED,
    OUTSIDE_RETURN_WINDOW,
    PROMISE_NOT_KEPT,
    REFUND_OVERDUE,
    REFUND_PAID,
    RETURN_NOT_RECEIVED,
    RETURN_PATTERN,
    RETURN_RECEIVED,
    Fact,
    Policy,
)
from poise.posture.postures import Posture
from poise.reading.reading import Reading

REMEDY_KINDS: tuple[str, ...] = (
    "refund", "reship", "replacement", "resend_info", "explain", "fix_charge", "refund_owed", "keep_promise",
    "refund_on_parting", "cancel",
    "investigate", "inspect", "support", "none",
)
SUPPORT_TEXT = "my own attention until this is sorted"
"""The remedy when nothing more specific fits: an agent who owns the problem, not "my help to put this right"."""
_CANCEL_OBJECT_RE = re.compile(r"\bcancel(?:l?ing)? (?:my|our|the) ((?:[a-z-]+ ){0,3}?(?:box|subscription|order|"
                               r"membership|plan|account|delivery|deliveries|booking))\b", re.IGNORECASE)
_NOT_THEIR_CANCEL_RE = re.compile(r"\b(?:you|u|you've|they|why|who|don't|dont|do not|didn't|did not|never|not)\s+"
                                  r"(?:\w+\s+)?$", re.IGNORECASE)
_ASKING_RE = re.compile(r"\b(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+)?$", re.IGNORECASE)
_CANCEL_WHEN_RE = re.compile(r"\s+((?:from|after|at the end of) (?:next|this|the) (?:month|week|box|delivery|"
                             r"order)|from (?:january|february|march|april|may|june|july|august|september|"
                             r"october|november|december))\b", re.IGNORECASE)
_TOPIC_VERB_RE = re.compile(r"\b(?:is|was|were|are|has|had|have|been|be|will|would|did|does|do)\b", re.IGNORECASE)
LATE_DELIVERY_GOODWILL_PERCENT = 20
"""Refund for a late delivery when the record has no shipping cost: this share of the order, up to authority."""

_GREETING_RE = re.compile(r"^\s*(?:hi|hello|hey|dear)\b", re.IGNORECASE)
_SYMBOLS = {"USD": "$", "CAD": "$", "AUD": "$", "NZD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}


@dataclass(frozen=True)
class Remedy:
    """What the agent offers: its kind, the amount if money, whether it needs no manager, and the words.

    `text` is a noun phrase a template can place after "Here is the fix:" ("a full refund of $24.00, today").
    `within_authority` is False only where the record obliges a payment above the agent's limit (a promise
    an agent made); the text then gives a time, never "let me get my manager".
    """

    kind: str
    amount_cents: int | None
    within_authority: bool
    text: str
    alternative: str = ""  # a second offer the customer may choose instead ("a full refund of $24.00")

    @property
    def offer(self) -> str:
        """The whole offer in words: the text, and the alternative if there is one."""
        return f"{self.text}, or {self.alternative} if you prefer" if self.alternative else self.text

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "amount_cents": self.amount_cents,
                "within_authority": self.within_authority, "text": self.text,
                "alternative": self.alternative, "offer": self.offer}


def format_money(cents: int, currency: str = "USD") -> str:
    """Money as a customer reads it: 2400 USD -> "$24.00", 1999 EUR -> "€19.99", 500 SEK -> "5.00 SEK"."""
    amount = f"{cents // 100:,}.{cents % 100:02d}"
    symbol = _SYMBOLS.get(currency.upper())
    return f"{symbol}{amount}" if symbol else f"{amount} {currency.upper()}"


def first_fact(facts: Sequence[Fact], *kinds: str) -> Fact | None:
    """The first fact of any of `kinds`, trying the kinds in the order given (their priority)."""
    for kind in kinds:
        for fact in facts:
            if fact.kind == kind:
                return fact
    return None


def _cents(fact: Fact | None, key: str) -> int | None:
    value = fact.data.get(key) if fact else None
    return int(value) if isinstance(value, (int, float)) and value >= 0 else None


def has_content(fact: Fact | None) -> bool:
    """Whether a communication fact carries what we sent (steps or body), so the reply can include it."""
    if fact is None:
        return False
    steps, body = fact.data.get("steps"), fact.data.get("body")
    return bool(steps) or (isinstance(body, str) and bool(body.strip()))


def _topic(fact: Fact | None) -> str:
    topic = fact.data.get("topic") if fact else None
    return str(topic) if topic else "information you asked for"


def topic_phrase(fact: Fact | None) -> str:
    """The fact's topic as a noun phrase a reply can name ("the setup steps"), or '' when it is not one.

    A topic taken from the customer's own sentence ("price was changeing") is a clause, often with their
    spelling: naming it back would read oddly, so the reply speaks of "what changed" in its own words instead.
    """
    topic = str(fact.data.get("topic", "") if fact else "").strip().rstrip(".")
    if not topic or _TOPIC_VERB_RE.search(topic) or len(topic.split()) > 5:
        return ""
    return topic if topic.lower().startswith(("the ", "your ", "our ")) else f"the {topic}"


def wants_to_cancel(reading: Reading) -> bool:
    """Whether the message asks to cancel something (the intent model, or "cancel my ..." in the text)."""
    if reading.intent.label == "cancel" and reading.intent.confidence >= 0.5:
        return True
    return _cancel_request(reading.text) is not None or reading.summary.want.strip().lower().startswith(
        "they want to cancel")


def _cancel_request(text: str) -> re.Match[str] | None:
    """The customer's own "cancel my box", not "why did you cancel my order" or "don't cancel my order"."""
    for found in _CANCEL_OBJECT_RE.finditer(text):
        before = text[max(0, found.start() - 20):found.start()]
        if _ASKING_RE.search(before) or not _NOT_THEIR_CANCEL_RE.search(before):
            return found
    return None


def cancel_object(reading: Reading) -> str:
    """What to cancel, in the reply's words ("your coffee box from next month"), or "it" when not said."""
    found = _cancel_request(reading.text)
    if not found:
        return "it"
    when = _CANCEL_WHEN_RE.match(reading.text, found.end())
    return f"your {found.group(1).lower()}" + (f" {when.group(1).lower()}" if when else "")


def _with_refund_option(kind: str, text: str, total: int | None, policy: Policy) -> Remedy:
    """A reship or replacement, with a full refund as the alternative when that is within authority."""
    if total is not None and total <= policy.refund_authority_cents:
        return Remedy(kind, total, True, text, f"a full refund of {format_money(total, policy.currency)}")
    return Remedy(kind, None, True, text)


def choose_remedy(posture: Posture, reading: Reading, facts: Sequence[Fact], *, policy: Policy,
                  order_total_cents: int | None) -> Remedy | None:
    """The remedy for `posture` from the facts (None only for THANK: praise asks for nothing).

    SET_BOUNDARY has no remedy of its own: `choose_posture` asks for the remedy of the posture that would
    have applied without the abuse ("name the line, keep helping").
    """
    if posture is Posture.THANK:
        return None
    if posture is Posture.PART_WAYS:
        return _part_ways(policy, order_total_cents)
    if posture is Posture.OWN_AND_FIX:
        return _own_and_fix(facts, policy, order_total_cents)
    if posture is Posture.STATE_FACTS:
        fact = first_fact(facts, DELIVERED_WITH_PROOF, CHARGE_CORRECT, RETURN_NOT_RECEIVED, REFUND_PAID)
        kind = fact.kind if fact else ""
        text = {DELIVERED_WITH_PROOF: "a claim with the carrier, opened the same day you ask",
                CHARGE_CORRECT: "a check of any line on your statement you do not recognise",
                RETURN_NOT_RECEIVED: "a trace on your return as soon as you send the tracking number",
                REFUND_PAID: "a trace of the refund with our payment provider if your bank cannot see it",
                }.get(kind, "a second look at the record with you")
        return Remedy("investigate", None, True, text)
    if posture is Posture.HOLD_POLICY:
        return _hold_policy(reading, facts)
    if posture is Posture.EXPLAIN_CLEARLY:
        informed = first_fact(facts, INFORMED_BEFORE)
        if informed:
            where = "below" if has_content(informed) else "by email today"
            return Remedy("resend_info", None, True, f"the {_topic(informed)} again, {where}")
        # a confused customer with no how-to on record gets the same offer an upset one would (below)
    if posture is Posture.GUIDE_FIRMLY:
        return Remedy("none", None, True, "")
    # ACKNOWLEDGE_AND_RESOLVE, EXPLAIN_CLEARLY without a how-to, and the resolving half of SET_BOUNDARY
    claims = {c.kind for c in reading.claims}
    if first_fact(facts, DELIVERED_WITHOUT_PROOF):
        return Remedy("investigate", None, True, "a trace with the carrier, opened today")
    if first_fact(facts, IN_TRANSIT):
        return Remedy("investigate", None, True, "a check with the carrier if it is not with you by the date due")
    if first_fact(facts, RETURN_RECEIVED):
        return _refund(order_total_cents, policy, "a full refund of {}, today")
    if "wrong_item" in claims:  # our packing mistake: the right item first, their trouble paid for
        return _with_refund_option("replacement", "the item you ordered sent today at our cost, with a free return "
                                   "for the wrong one", order_total_cents, policy)
    if "defective" in claims or reading.intent.label in {"defect_report", "return_exchange"}:
        # (outside the return window the policy rule decides first: HOLD_POLICY)
        return _with_refund_option("replacement", "a replacement sent today at our cost", order_total_cents, policy)
    if wants_to_cancel(reading):
        # seed 001: the silent customer who fires you is worse than a complaint - do it, then ask why
        what = cancel_object(reading)
        timed = any(w in what for w in (" from ", " after ", " end of "))
        return Remedy("cancel", None, True, f"cancel {what}" if timed else f"cancel {what} today")
    if reading.intent.label == "refund" and order_total_cents is not None:
        return _refund(order_total_cents, policy, "a full refund of {}, today")
    return Remedy("support", None, True, SUPPORT_TEXT)


def _hold_policy(reading: Reading, facts: Sequence[Fact]) -> Remedy:
    """What policy still allows: a check of a fault, help to use what policy offers instead, or support."""
    claims = {c.kind for c in reading.claims}
    faulty = "defective" in claims or reading.intent.label == "defect_report"
    if first_fact(facts, RETURN_PATTERN) and not first_fact(facts, OUTSIDE_RETURN_WINDOW, NON_REFUNDABLE):
        if first_fact(facts, RETURN_RECEIVED):
            # we have it and have looked at it: a second look at a fault they name, not "send it back"
            return Remedy("inspect", None, True, "a second look at any fault you found, and a full refund if "
                                                 "it is faulty")
        return Remedy("inspect", None, True,
                      "a free check of the item when it reaches us, and a full refund if it is faulty")
    non_refundable = first_fact(facts, NON_REFUNDABLE)
    if non_refundable is not None and re.search(r"\bbut\b", str(non_refundable.data.get("policy_text", ""))):
        return Remedy("support", None, True, "help to arrange that, today")  # the policy's own alternative
    if non_refundable is None and faulty:
        return Remedy("support", None, True, "a look at the fault, to see what can still be done")
    if non_refundable is None:
        return Remedy("none", None, True, "")  # outside the window, nothing wrong with it: say so kindly
    return Remedy("support", None, True, "help to get the most out of it, starting today")


def _refund(total: int | None, policy: Policy, pattern: str) -> Remedy:
    """A refund of `total`: within authority it is done today; above it, confirmed within one working day."""
    if total is None:
        return Remedy("refund", None, True, pattern.format("your order"))
    money = format_money(total, policy.currency)
    if total <= policy.refund_authority_cents:
        return Remedy("refund", total, True, pattern.format(money))
    # Above the agent's authority the amount is not named: the refund is confirmed, not promised.
    return Remedy("refund", total, False, "a full refund of your order")  # next step: "I will confirm it by ..."


def _part_ways(policy: Policy, total: int | None) -> Remedy:
    """Seed 003: "If you can afford it, give them all of their money back" (up to the part-ways limit)."""
    if total is not None and total <= policy.part_ways_refund_limit_cents:
        return Remedy("refund_on_parting", total, True,
                      f"a full refund of {format_money(total, policy.currency)}, today")
    return Remedy("none", None, True, "")


def _own_and_fix(facts: Sequence[Fact], policy: Policy, total: int | None) -> Remedy:
    """Our fault: put it right now, from the most concrete fault (seed 002: "own up ... resolve it quickly")."""
    fact = first_fact(facts, DOUBLE_CHARGE, REFUND_OVERDUE, NOT_DELIVERED, PROMISE_NOT_KEPT, LATE_DELIVERY,
                      NEVER_INFORMED)
    kind = fact.kind if fact else ""
    if kind == PROMISE_NOT_KEPT and _cents(fact, "amount_cents") is None and first_fact(facts, LATE_DELIVERY):
        # a promised update about a late order is overtaken by the order itself: make good the delay
        fact, kind = first_fact(facts, LATE_DELIVERY), LATE_DELIVERY
    if kind == REFUND_OVERDUE:
        # We have the return and owe the refund: paying what is owed needs no manager, whatever the amount.
        amount = _cents(fact, "amount_cents") or total
        if amount is None:
            return Remedy("refund_owed", None, True, "the refund for your return, today")
        return Remedy("refund_owed", amount, True,
                      f"the refund of {format_money(amount, policy.currency)} for your return, today")
    if kind == DOUBLE_CHARGE:
        amount = _cents(fact, "amount_cents") or total
        if amount is None:
            return Remedy("fix_charge", None, True, "a refund of the extra charge, today")
        # The duplicate is the customer's own money: returning it needs no manager, whatever the amount.
        return Remedy("fix_charge", amount, True,
                      f"a refund of the extra charge of {format_money(amount, policy.currency)}, today")
    if kind == NOT_DELIVERED:
        return _with_refund_option("reship", "a new one by express today, at our cost", total, policy)
    if kind == PROMISE_NOT_KEPT:
        amount = _cents(fact, "amount_cents")
        promise = str(fact.data.get("promise", "")).strip().rstrip(".") if fact else ""
        if amount is not None:
            money = format_money(amount, policy.currency)
            if amount <= policy.refund_authority_cents:
                return Remedy("keep_promise", amount, True, f"the refund of {money} we promised, today")
            return Remedy("keep_promise", amount, False, f"the refund of {money} we promised")
        return Remedy("keep_promise", None, True, f"what we promised ({promise}), today"
                      if promise and len(promise.split()) <= 8 and not _GREETING_RE.match(promise)
                      else "what we promised, done today")
    if kind == LATE_DELIVERY:
        amount = _cents(fact, "shipping_cents")
        if amount is None and total is not None:
            amount = total * LATE_DELIVERY_GOODWILL_PERCENT // 100
        if amount is None:
            return Remedy("refund", None, True, "a refund of the shipping cost, today")
        amount = min(amount, policy.refund_authority_cents)
        return Remedy("refund", amount, True,
                      f"a refund of {format_money(amount, policy.currency)} for the delay, today")
    if kind == NEVER_INFORMED:
        if has_content(fact):
            return Remedy("resend_info", None, True, f"the {_topic(fact)}, in this email")
        # nothing on record to resend: the fix is a clear explanation, written for them today
        about = topic_phrase(fact) or "what changed"
        return Remedy("explain", None, True, f"a clear explanation of {about}, by email today")
    return Remedy("support", None, True, SUPPORT_TEXT)
