"""wrong_item -> what the order was for, line by line, so the agent compares it with what the customer got.

The record holds what was ordered, not what was packed: the fact is context, not a verdict. Where the
customer's words name a product that is not on the order, that is said too (they may be thinking of another
order, or we may have packed someone else's).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from poise.facts.common import claims_of, fmt_date, order_data, orders_until, pick_order
from poise.facts.facts import ORDERED_ITEMS, Evidence, Fact, Policy
from poise.reading.reading import Reading
from poise.store.models import Customer, Order

MAX_LINES_SAID = 4  # a statement lists at most this many order lines ("and 3 more")


def _line(quantity: int, name: str) -> str:
    return f"{quantity} x {name}" if quantity != 1 else name


def ordered_items_fact(order: Order, now: datetime) -> Fact:
    """The order's lines as one plain sentence, each line an evidence record."""
    lines = [_line(item.quantity, item.product.name) for item in order.items]
    said = ", ".join(lines[:MAX_LINES_SAID]) + (f" and {len(lines) - MAX_LINES_SAID} more"
                                                  if len(lines) > MAX_LINES_SAID else "")
    statement = f"Order {order.external_id}, placed {fmt_date(order.ordered_at, now)}, was for: {said}."
    evidence = tuple(Evidence("product", item.product.sku, order.ordered_at, _line(item.quantity, item.product.name))
                     for item in order.items)
    return Fact(ORDERED_ITEMS, "wrong_item", "context", statement, evidence,
                {**order_data(order), "items": [{"sku": i.product.sku, "name": i.product.name,
                                                 "quantity": i.quantity} for i in order.items]})


def check_items(session: Session, customer: Customer, reading: Reading, policy: Policy,
                now: datetime) -> list[Fact]:
    """For "you sent the wrong item": what the order in question was for."""
    if not claims_of(reading, "wrong_item"):
        return []
    order = pick_order(orders_until(session, customer, now), reading, relevant=lambda o: bool(o.items))
    return [] if order is None else [ordered_items_fact(order, now)]
