"""defective / return / already_returned -> the return window, return patterns, and the return on record.

Return patterns follow seed 003 ("buying something on Friday, wearing or using it over the weekend and then
trying to return it as 'faulty' on Monday"): each is named with its dates and records, bearing "context",
never as a verdict about the person (see poise.facts.patterns).
"""
from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy.orm import Session

from poise.facts import patterns
from poise.facts.common import (
    claims_of,
    fmt_date,
    intent_is,
    mentions,
    order_data,
    orders_until,
    pick_order,
    quote,
)
from poise.facts.facts import (
    OUTSIDE_RETURN_WINDOW,
    REFUND_OVERDUE,
    RETURN_NOT_RECEIVED,
    RETURN_PATTERN,
    RETURN_RECEIVED,
    WITHIN_RETURN_WINDOW,
    Evidence,
    Fact,
    Policy,
)
from poise.reading.reading import Reading
from poise.store.models import Customer, Order, OrderItem, Return

RETURN_WORDS = (r"\breturn", r"send (?:it|them) back", r"money back", r"\brefund", r"exchange", r"replace")
EXPLICIT_RETURN_WORDS = (r"\breturn", r"send (?:it|them) back", r"sending (?:it|them) back", r"exchange")
REFUND_DUE_DAYS = 5
"""A received return not refunded after this many days is overdue (our fault)."""
EARLIER_RETURNS_DAYS = 365
_EVENT = re.compile(r"\b(wedding|party|event|prom|gala|festival|concert|trip|holiday|birthday|ceremony|"
                    r"graduation|christmas|new year)\b[^\n]*?(\d{4}-\d{2}-\d{2})", re.IGNORECASE)
_PATTERN_NAMES = {"weekend_use": "received before a weekend, reported faulty right after it",
                  "after_event": "bought for an event, reported faulty right after it",
                  "condition_found": "came back worn or used",
                  "earlier_returns": "earlier returns of the same kind"}


def _received_at(order: Order) -> datetime | None:
    for d in reversed(order.deliveries):
        if d.delivered_at is not None:
            return d.delivered_at
    return None


def window_fact(order: Order, item: OrderItem, policy: Policy, now: datetime, claim: str | None) -> Fact:
    """Inside or outside the return window, counted from delivery (or the order date when none is recorded)."""
    start = _received_at(order) or order.ordered_at
    window = item.product.return_window_days if item.product.return_window_days is not None \
        else policy.return_window_days
    days = (now.date() - start.date()).days
    inside = days <= window
    what = "delivered" if _received_at(order) else "ordered"
    statement = (f"The {item.product.name} (order {order.external_id}) was {what} on {fmt_date(start, now)}, "
                 f"{days} days ago; the return window is {window} days.")
    return Fact(WITHIN_RETURN_WINDOW if inside else OUTSIDE_RETURN_WINDOW, claim, "context", statement,
                (Evidence("order", order.external_id, start, f"{what} {fmt_date(start, now)}"),),
                {**order_data(order), "days_since": days, "window_days": window, "sku": item.product.external_id,
                 "product": item.product.name})


def _pattern_fact(found: patterns.ReturnPattern, record: str, when: datetime | None, claim: str | None,
                  order: Order) -> Fact:
    return Fact(RETURN_PATTERN, claim, "context", found.statement,
                tuple(Evidence(record, rid, when, found.name) for rid in found.record_ids),
                {**order_data(order), "pattern": _PATTERN_NAMES.get(found.name, found.name), "name": found.name})


def pattern_facts(order: Order, item: OrderItem, all_orders: list[Order], *, faulty: bool, now: datetime,
                  claim: str | None) -> list[Fact]:
    """The return patterns the record shows for this item, each with its evidence."""
    current = item.returns[-1] if item.returns else None
    returned_on = current.requested_at if current is not None else now
    facts: list[Fact] = []
    wearable = patterns.worn_or_used_for_an_occasion(f"{item.product.category or ''} {item.product.name}")
    found = patterns.weekend_use(_received_at(order), returned_on, faulty=faulty and wearable,
                                 order_id=order.external_id)
    if found:
        facts.append(_pattern_fact(found, "order", returned_on, claim, order))
    event = _EVENT.search(order.notes or "")
    if event:
        event_day = datetime.fromisoformat(event.group(2)).replace(tzinfo=returned_on.tzinfo)
        found = patterns.after_event(event_day, returned_on, faulty=faulty, order_id=order.external_id,
                                     event_name=f"a {event.group(1).lower()}")
        if found:
            facts.append(_pattern_fact(found, "order", returned_on, claim, order))
    if current is not None:
        found = patterns.condition_found(current.condition_found, return_id=current.external_id,
                                         received=current.received_at)
        if found:
            facts.append(_pattern_fact(found, "return", current.received_at, claim, order))
    earlier: list[tuple[str, datetime, str | None, str | None]] = []
    for o in all_orders:
        for it in o.items:
            for r in it.returns:
                if r is not current and r.requested_at < returned_on and \
                        (returned_on - r.requested_at).days <= EARLIER_RETURNS_DAYS:
                    earlier.append((r.external_id, r.requested_at, r.reason_stated, r.condition_found))
    found = patterns.earlier_returns(earlier, faulty=faulty)
    if found:
        facts.append(_pattern_fact(found, "return", None, claim, order))
    return facts


def returned_facts(order: Order, now: datetime) -> list[Fact]:
    """For "I already sent it back": the return on record, received or not, and whether it was refunded."""
    returns: list[Return] = [r for it in order.items for r in it.returns]
    if not returns:
        return [Fact(RETURN_NOT_RECEIVED, "already_returned", "contradicts",
                     f"We have no return on record for order {order.external_id} yet.",
                     (Evidence("order", order.external_id, order.ordered_at, "no return recorded"),),
                     order_data(order))]
    ret = returns[-1]
    if ret.received_at is None:
        return [Fact(RETURN_NOT_RECEIVED, "already_returned", "contradicts",
                     f"The return for order {order.external_id} was booked on {fmt_date(ret.requested_at, now)}"
                     " and has not reached us yet.",
                     (Evidence("return", ret.external_id, ret.requested_at, ret.status),),
                     {**order_data(order), "requested_at": ret.requested_at.isoformat()})]
    facts = [Fact(RETURN_RECEIVED, "already_returned", "supports",
                  f"We received the return for order {order.external_id} on {fmt_date(ret.received_at, now)}.",
                  (Evidence("return", ret.external_id, ret.received_at, quote(ret.condition_found or ret.status)),),
                  {**order_data(order), "received_at": ret.received_at.isoformat()})]
    refunded = [p for p in order.payments if p.kind == "refund" and p.paid_at >= ret.received_at]
    held = patterns.found_used(ret.condition_found) or ret.status in {"rejected", "declined"}
    if not refunded and not held and (now - ret.received_at).days > REFUND_DUE_DAYS:
        amount = sum(it.unit_price_cents * r.quantity for it in order.items for r in it.returns if r is ret)
        facts.append(Fact(REFUND_OVERDUE, "already_returned", "supports",
                          f"The refund for order {order.external_id} has not been paid yet, "
                          f"{(now - ret.received_at).days} days after the return arrived.",
                          (Evidence("return", ret.external_id, ret.received_at, "no refund since"),),
                          {**order_data(order), "amount_cents": amount or order.total_cents}))
    return facts


def _item(order: Order, reading: Reading) -> OrderItem | None:
    if not order.items:
        return None
    with_returns = [it for it in order.items if it.returns]
    if with_returns:
        return with_returns[-1]
    low = reading.text.lower()
    named = [it for it in order.items if it.product.name.lower() in low]
    return named[0] if named else order.items[0]


def check_returns(session: Session, customer: Customer, reading: Reading, policy: Policy,
                  now: datetime) -> list[Fact]:
    """Facts for a defect, a return or refund request, and "I already returned it"."""
    defect = claims_of(reading, "defective")
    returned = claims_of(reading, "already_returned")
    wants_return = intent_is(reading, "refund", "return_exchange", "defect_report") or mentions(
        reading.text, *RETURN_WORDS)
    if not (defect or returned or wants_return):
        return []
    explicit = mentions(reading.text, *EXPLICIT_RETURN_WORDS)
    if not (defect or returned or explicit) and claims_of(reading, "wrong_charge", "not_received",
                                                          "promised_by_staff"):
        return []  # "refund the extra charge / the parcel that never came / what you promised" is not a return
    orders = orders_until(session, customer, now)
    order = pick_order(orders, reading, relevant=lambda o: bool(o.items))
    if order is None:
        return []
    item = _item(order, reading)
    claim = "defective" if defect else None
    faulty = bool(defect) or patterns.says_faulty(reading.text) or (item is not None and any(
        patterns.says_faulty(r.reason_stated) for r in item.returns))
    if returned:
        facts = returned_facts(order, now)
        if item is not None and item.returns:
            facts.extend(pattern_facts(order, item, orders, faulty=faulty, now=now, claim=claim))
        return facts
    if item is None:
        return []
    if not item.product.refundable:
        return []  # the policy checker quotes the rule; a return window does not apply
    facts = [window_fact(order, item, policy, now, claim)]
    facts.extend(pattern_facts(order, item, orders, faulty=faulty, now=now, claim=claim))
    return facts
