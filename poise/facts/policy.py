"""A refund demanded on a non-refundable product -> the policy, in the business's own words.

Seed 002: "If a customer demands a refund for a non-refundable product, you need to stand your ground and
explain the situation clearly." The fact quotes the product's policy text (or the business's return policy)
so the reply explains the rule instead of inventing one.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from poise.facts.common import fmt_date, intent_is, mentions, order_data, orders_until, pick_order
from poise.facts.facts import NON_REFUNDABLE, Evidence, Fact, Policy
from poise.reading.reading import Reading
from poise.store.models import Customer, Order
from poise.store.queries import current_policy_record

REFUND_WORDS = (r"refund", r"money back", r"reimburs", r"\bmy money\b", r"pay (?:me )?back", r"charge ?back",
                r"cancel (?:my |the )?(?:order|booking|ticket|subscription)", r"\breturn")


def _non_refundable(order: Order) -> bool:
    return any(not item.product.refundable for item in order.items)


def check_policy(session: Session, customer: Customer, reading: Reading, policy: Policy,
                 now: datetime) -> list[Fact]:
    """NON_REFUNDABLE when the customer asks for their money back on a product the policy says is final."""
    if not (intent_is(reading, "refund", "cancel", "return_exchange") or mentions(reading.text, *REFUND_WORDS)):
        return []
    orders = orders_until(session, customer, now)
    order = pick_order(orders, reading, relevant=_non_refundable)
    if order is None or not _non_refundable(order):
        return []
    record = current_policy_record(session)
    facts: list[Fact] = []
    for item in order.items:
        product = item.product
        if product.refundable:
            continue
        text = (product.policy_text or (record.return_policy_text if record else None)
                or f"The {product.name} cannot be refunded.")
        statement = (f"The {product.name} (order {order.external_id}, {fmt_date(order.ordered_at, now)}) is "
                     f"not refundable: {text}")
        facts.append(Fact(NON_REFUNDABLE, None, "context", statement,
                          (Evidence("product", product.external_id, None, text),
                           Evidence("order", order.external_id, order.ordered_at, product.name)),
                          {**order_data(order), "policy_text": text, "product": product.name,
                           "sku": product.external_id}))
        break
    return facts
