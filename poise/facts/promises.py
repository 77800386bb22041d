"""promised_by_staff -> an earlier promise by one of our agents, and whether the record shows it kept.

A promise our agent made and we did not keep is ours to own (seed 002: "Own up to the problem"). The
record can show a refund paid or a parcel shipped after the promise; a promise of a call or a credit cannot be
checked, so when the customer says it was not kept and nothing on record says otherwise, we take their word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from poise.facts.common import claims_of, fmt_date, mentions, order_data, orders_until, pick_order, quote
from poise.facts.facts import PROMISE_NOT_KEPT, Evidence, Fact, Policy
from poise.reading.reading import Reading
from poise.store.models import Customer, Message, Order
from poise.store.queries import customer_messages

PROMISE_LOOKBACK_DAYS = 180
PROMISE_GRACE_DAYS = 2
"""A promise with no date of its own counts as broken once this many days pass without it on record."""

_PROMISE = re.compile(r"[^.!?\n]*(?:\bwill\b|'ll\b|\bgoing to\b|\bpromise)[^.!?\n]*[.!?]?", re.IGNORECASE)
_ACTIONS: tuple[tuple[str, str], ...] = (
    ("refund", r"refund|money back|reimburs|credit(?:ed)? (?:back|to your card)"),
    ("reship", r"\b(?:send|ship|resend|reship|replace|replacement|dispatch|post)\w*"),
    ("reply", r"\b(?:call|ring|phone|update|email|e-mail|get back|let you know|follow up|reply|write)\w*"),
    ("credit", r"\b(?:credit|voucher|discount|coupon)\w*"),
)
_AMOUNT = re.compile(r"[$£€]\s?(\d+(?:[.,]\d{2})?)")
_WITHIN = re.compile(r"within (\d+) (?:working |business )?days?|in (\d+) (?:working |business )?days?", re.IGNORECASE)


@dataclass(frozen=True)
class Promise:
    """One promise found in an agent's message: what was promised and by when."""

    message: Message
    text: str
    action: str
    due: datetime
    amount_cents: int | None


def promises_in(message: Message) -> list[Promise]:
    """The promises in one of our messages ("I'll refund the $24 within 3 days")."""
    found: list[Promise] = []
    for m in _PROMISE.finditer(message.text):
        sentence = m.group(0).strip()
        action = next((name for name, pat in _ACTIONS if re.search(pat, sentence, re.IGNORECASE)), None)
        if action is None:
            continue
        within = _WITHIN.search(sentence)
        days = int(within.group(1) or within.group(2)) if within else (
            1 if re.search(r"\b(?:today|tonight|tomorrow)\b", sentence, re.IGNORECASE) else PROMISE_GRACE_DAYS)
        amount = _AMOUNT.search(sentence)
        cents = round(float(amount.group(1).replace(",", ".")) * 100) if amount else None
        found.append(Promise(message, sentence, action, message.sent_at + timedelta(days=days), cents))
    return found


def kept(promise: Promise, orders: list[Order], ours: list[Message]) -> bool:
    """Whether the record shows the promise done: a refund paid, a parcel shipped, or (for a promised call
    or update) a later message from us, after it was made."""
    after = promise.message.sent_at
    if promise.action == "reply":
        return any(m.sent_at > after for m in ours)
    if promise.action == "refund":
        return any(p.kind == "refund" and p.paid_at >= after for o in orders for p in o.payments)
    if promise.action == "reship":
        return any((d.shipped_at or d.delivered_at or after) > after for o in orders for d in o.deliveries) or \
            any(o.ordered_at > after for o in orders)
    return False  # a credit leaves no row we can check: the customer's word stands


def check_promises(session: Session, customer: Customer, reading: Reading, policy: Policy,
                   now: datetime) -> list[Fact]:
    """PROMISE_NOT_KEPT for the latest promise our agents made that the record does not show done."""
    claimed = bool(claims_of(reading, "promised_by_staff")) or mentions(reading.text, r"\bpromis", r"said you'?d",
                                                                        r"said (?:you|they|it) would")
    if not claimed:
        return []
    since = now - timedelta(days=PROMISE_LOOKBACK_DAYS)
    ours = [m for m in customer_messages(session, customer, since=since, direction="out") if m.sent_at <= now]
    orders = orders_until(session, customer, now)
    for message in reversed(ours):
        for promise in promises_in(message):
            if promise.due > now or kept(promise, orders, ours):
                continue
            order = pick_order(orders, reading)
            data: dict[str, object] = {"promise": promise.text, "action": promise.action,
                                       "promised_at": message.sent_at.isoformat(), "due": promise.due.isoformat()}
            if order is not None:
                data.update(order_data(order))
            if promise.amount_cents is not None:
                data["amount_cents"] = promise.amount_cents
            who = f" by {message.author}" if message.author else ""
            return [Fact(PROMISE_NOT_KEPT, "promised_by_staff", "supports",
                         f"On {fmt_date(message.sent_at, now)} we wrote \"{quote(promise.text, 100)}\", and our "
                         f"record does not show it done.",
                         (Evidence("message", message.message_id or f"message-{message.id}", message.sent_at,
                                   quote(promise.text) + who),), data)]
    return []
