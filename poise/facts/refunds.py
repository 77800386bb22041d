"""not_received, for money ("I still haven't got my refund") -> the refunds on record.

A refund paid is the money twin of a signed delivery: the record contradicts "never got it", and the reply
states it kindly with the date, amount and reference (banks take days to show a refund). A return we received
and have not refunded is our fault (returns.py says so: REFUND_OVERDUE). No refund and no return on record is
context: the agent needs to know what the customer expects to be refunded.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from poise.facts.common import claims_of, fmt_date, money, order_data, orders_until, pick_order
from poise.facts.facts import NO_REFUND_ON_RECORD, REFUND_PAID, Evidence, Fact, Policy
from poise.facts.returns import returned_facts
from poise.reading.claims import about_money
from poise.reading.reading import Claim, Reading
from poise.store.models import Customer, Order

BANK_DAYS = "3 to 5 working days"


def money_claims(reading: Reading) -> list[Claim]:
    """The message's not_received claims about money."""
    return [c for c in claims_of(reading, "not_received") if about_money(reading.text, c)]


def refund_facts(order: Order, now: datetime) -> list[Fact]:
    """What the order's payments and returns say about a refund the customer has not seen."""
    refunds = [p for p in order.payments if p.kind == "refund" and p.paid_at <= now]
    if refunds:
        last = refunds[-1]
        total = sum(p.amount_cents for p in refunds)
        ref = f" (reference {last.reference})" if last.reference else ""
        statement = (f"We refunded {money(total, last.currency)} for order {order.external_id} on "
                     f"{fmt_date(last.paid_at, now)}{ref}, to the card it was paid with; banks usually take "
                     f"{BANK_DAYS} to show it.")
        evidence = tuple(Evidence("payment", p.external_id, p.paid_at, f"refund {money(p.amount_cents, p.currency)}")
                         for p in refunds)
        return [Fact(REFUND_PAID, "not_received", "contradicts", statement, evidence,
                     {**order_data(order), "refunded_cents": total, "refunded_at": last.paid_at.isoformat(),
                      "days_since": (now - last.paid_at).days})]
    if any(it.returns for it in order.items):  # a return on record: received (refund overdue?) or not yet
        return returned_facts(order, now)
    return [Fact(NO_REFUND_ON_RECORD, "not_received", "context",
                 f"We have no refund or return on record for order {order.external_id}.",
                 (Evidence("order", order.external_id, order.ordered_at, "no refund recorded"),), order_data(order))]


def check_refunds(session: Session, customer: Customer, reading: Reading, policy: Policy,
                  now: datetime) -> list[Fact]:
    """Facts for "I never got my refund": a refund paid, one overdue, or none on record."""
    if not money_claims(reading):
        return []
    orders = orders_until(session, customer, now)
    order = pick_order(orders, reading, relevant=lambda o: any(p.kind == "refund" for p in o.payments) or any(
        it.returns for it in o.items))
    if order is None:
        order = pick_order(orders, reading)
    return [] if order is None else refund_facts(order, now)
