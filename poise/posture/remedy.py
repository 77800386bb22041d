"""The remedy: what the agent may offer now, within their own authority.

Seed 004 ("Your Customers Really Want Your Empathy") names the two phrases a customer must never hear:
"there's nothing they can do for you" and "having to ask to speak to a manager". So every decision carries a
concrete offer the agent can make on the spot: a refund up to `Policy.refund_authority_cents`, a reship, the
information again, a trace with the carrier. Money that is the customer's own (a duplicate charge, the refund for a
return we received) is always returned; a refund on parting ways follows seed 003 ("If you can afford it, give them all of their money
back"), up to `Policy.part_ways_refund_limit_cents`.
"""
from __future__ import annotations

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
    RETURN_NOT_RECEIVED,
    RETURN_PATTERN,
    RETURN_RECEIVED,
    Fact,
    Policy,
)
from poise.posture.postures import Posture
from poise.reading.reading import Reading

REMEDY_KINDS: tuple[str, ...] = (
    "refund", "reship", "replacement", "resend_info", "fix_charge", "refund_owed", "keep_promise",
    "refund_on_parting",
    "investigate", "inspect", "support", "none",
)
LATE_DELIVERY_GOODWILL_PERCENT = 20
"""Refund for a late delivery when the record has no shipping cost: this share of the order, up to authority."""

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
        fact = first_fact(facts, DELIVERED_WITH_PROOF, CHARGE_CORRECT, RETURN_NOT_RECEIVED)
        kind = fact.kind if fact else ""
        text = {DELIVERED_WITH_PROOF: "a claim with the carrier, opened the same day you ask",
                CHARGE_CORRECT: "a check of any line on your statement you do not recognise",
                RETURN_NOT_RECEIVED: "a trace on your return as soon as you send the tracking number",
                }.get(kind, "a second look at the record with you")
        return Remedy("investigate", None, True, text)
    if posture is Posture.HOLD_POLICY:
        if first_fact(facts, RETURN_PATTERN) and not first_fact(facts, OUTSIDE_RETURN_WINDOW, NON_REFUNDABLE):
            return Remedy("inspect", None, True,
                          "a free check of the item when it reaches us, and a full refund if it is faulty")
        return Remedy("support", None, True, "help to get the most out of it, starting today")
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
    if "defective" in claims or reading.intent.label in {"defect_report", "return_exchange"}:
        # (outside the return window the policy rule decides first: HOLD_POLICY)
        return _with_refund_option("replacement", "a replacement sent today at our cost", order_total_cents, policy)
    if reading.intent.label in {"refund", "cancel"} and order_total_cents is not None:
        return _refund(order_total_cents, policy, "a full refund of {}, today")
    return Remedy("support", None, True, "my help to put this right, starting today")


def _refund(total: int | None, policy: Policy, pattern: str) -> Remedy:
    """A refund of `total`: within authority it is done today; above it, confirmed within one working day."""
    if total is None:
        return Remedy("refund", None, True, pattern.format("your order"))
    money = format_money(total, policy.currency)
    if total <= policy.refund_authority_cents:
        return Remedy("refund", total, True, pattern.format(money))
    return Remedy("refund", total, False, f"a full refund of {money}, confirmed within 1 working day")


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
            return Remedy("keep_promise", amount, False,
                          f"the refund of {money} we promised, confirmed within 1 working day")
        return Remedy("keep_promise", None, True, f"what we promised ({promise}), today" if promise
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
        where = "in this email" if has_content(fact) else "sent to you today"
        return Remedy("resend_info", None, True, f"the {_topic(fact)}, {where}")
    return Remedy("support", None, True, "my help to put this right, starting today")
