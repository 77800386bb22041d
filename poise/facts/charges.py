"""wrong_charge -> the payments on record: two charges for one order (ours to fix) or one correct charge."""
from __future__ import annotations

from collections import Counter
from datetime import datetime

from sqlalchemy.orm import Session

from poise.facts.common import claims_of, fmt_date, intent_is, money, order_data, orders_until, pick_order
from poise.facts.facts import CHARGE_CORRECT, DOUBLE_CHARGE, Evidence, Fact, Policy
from poise.reading.reading import Reading
from poise.store.models import Customer, Order


def charge_facts(order: Order, now: datetime, *, claim: str | None) -> list[Fact]:
    """DOUBLE_CHARGE when the same amount was charged twice and not refunded; CHARGE_CORRECT otherwise."""
    charges = [p for p in order.payments if p.kind == "charge"]
    refunds = [p for p in order.payments if p.kind == "refund"]
    if not charges:
        return []
    counts = Counter(p.amount_cents for p in charges)
    amount, times = counts.most_common(1)[0]
    refunded = sum(p.amount_cents for p in refunds)
    if times >= 2 and refunded < amount * (times - 1):
        dupes = [p for p in charges if p.amount_cents == amount]
        dates = " and ".join(fmt_date(p.paid_at, now) for p in dupes[:2])
        return [Fact(DOUBLE_CHARGE, claim, "supports",
                     f"Order {order.external_id} was charged {money(amount, order.currency)} twice ({dates}).",
                     tuple(Evidence("payment", p.external_id, p.paid_at, money(p.amount_cents, p.currency))
                           for p in dupes),
                     {**order_data(order), "amount_cents": amount * (times - 1) - refunded, "charges": times})]
    total = sum(p.amount_cents for p in charges) - refunded
    if claim is None:
        return []
    detail = f"one charge of {money(charges[0].amount_cents, order.currency)} on {fmt_date(charges[0].paid_at, now)}" \
        if len(charges) == 1 else f"charges totalling {money(total, order.currency)} after refunds"
    return [Fact(CHARGE_CORRECT, claim, "contradicts",
                 f"Our record for order {order.external_id} shows {detail}, matching the order total of "
                 f"{money(order.total_cents, order.currency)}." if total == order.total_cents else
                 f"Our record for order {order.external_id} shows {detail}.",
                 tuple(Evidence("payment", p.external_id, p.paid_at, money(p.amount_cents, p.currency))
                       for p in charges + refunds),
                 {**order_data(order), "charged_cents": total})]


def check_charges(session: Session, customer: Customer, reading: Reading, policy: Policy,
                  now: datetime) -> list[Fact]:
    """Facts for "you charged me twice / the wrong amount"."""
    claimed = bool(claims_of(reading, "wrong_charge"))
    if not (claimed or intent_is(reading, "billing_charge")):
        return []
    orders = orders_until(session, customer, now)
    order = pick_order(orders, reading, relevant=lambda o: any(p.kind == "charge" for p in o.payments))
    if order is None:
        return []
    facts = charge_facts(order, now, claim="wrong_charge" if claimed else None)
    # A charge that matches the total contradicts the claim only when it is one; an overcharge is left
    # to a person (no fact), never called correct.
    return [f for f in facts if f.kind != CHARGE_CORRECT or f.data.get("charged_cents") == order.total_cents]
