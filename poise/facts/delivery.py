"""not_received and lateness -> what the record says about the delivery.

A signature or a photo contradicts "it never arrived" (STATE_FACTS: neutral, no accusation: parcels are
taken in by neighbours); "delivered" without proof is context; no delivery, or a lost one, supports the
customer. Delivered (or still not delivered) after the date we promised is our fault: LATE_DELIVERY.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from poise.facts.common import (
    claims_of,
    fmt_date,
    intent_is,
    mentions,
    order_data,
    orders_until,
    pick_order,
)
from poise.facts.facts import (
    DELIVERED_WITH_PROOF,
    DELIVERED_WITHOUT_PROOF,
    IN_TRANSIT,
    LATE_DELIVERY,
    NOT_DELIVERED,
    RETURNED_TO_SENDER,
    Evidence,
    Fact,
    Policy,
)
from poise.reading.claims import about_money
from poise.reading.reading import Reading
from poise.store.models import Customer, Delivery, Order

DELIVERY_WORDS = (r"deliver", r"arriv", r"parcel", r"package", r"shipping", r"shipment", r"courier", r"\blate\b",
                  r"\bpost\b", r"tracking", r"dispatch", r"still waiting", r"turn(?:ed)? up", r"\bcame\b",
                  r"\bcome\b", r"took (?:\w+ )?(?:weeks|days|ages|forever)")


def _latest_delivery(order: Order) -> Delivery | None:
    return order.deliveries[-1] if order.deliveries else None


def _delivered(d: Delivery | None) -> bool:
    return d is not None and (d.status == "delivered" or (d.delivered_at is not None and d.status != "lost"))


def _late(order: Order, delivery: Delivery | None, now: datetime) -> Fact | None:
    if order.promised_by is None or (delivery is not None and delivery.status == "returned"):
        return None  # a parcel the carrier brought back is late for another reason: see RETURNED_TO_SENDER
    arrived = delivery.delivered_at if _delivered(delivery) and delivery is not None else None
    end = arrived or now
    days = (end.date() - order.promised_by.date()).days
    if days <= 0:
        return None
    promised = fmt_date(order.promised_by, now)
    if arrived is not None:
        statement = (f"Order {order.external_id} arrived on {fmt_date(arrived, now)}, {days} "
                     f"day{'s' if days != 1 else ''} after the {promised} we promised.")
    else:
        statement = (f"Order {order.external_id} has not arrived, and we promised it by {promised}: "
                     f"{days} day{'s' if days != 1 else ''} late so far.")
    evidence = [Evidence("order", order.external_id, order.promised_by, f"promised by {promised}")]
    if delivery is not None:
        evidence.append(Evidence("delivery", delivery.external_id, arrived, delivery.status))
    return Fact(LATE_DELIVERY, "not_received" if arrived is None else None, "supports", statement,
                tuple(evidence), {**order_data(order), "days_late": days, "delivered": arrived is not None})


def delivery_facts(order: Order, *, claimed_missing: bool, now: datetime) -> list[Fact]:
    """The facts one order's deliveries give about a "not received" claim and about lateness."""
    delivery = _latest_delivery(order)
    facts: list[Fact] = []
    late = _late(order, delivery, now)
    claim = "not_received" if claimed_missing else None
    if delivery is not None and delivery.status == "returned":
        when = delivery.delivered_at or delivery.shipped_at
        facts.append(Fact(RETURNED_TO_SENDER, claim, "context",
                          f"The carrier returned order {order.external_id} to us"
                          + (f" on {fmt_date(when, now)}." if when else "."),
                          (Evidence("delivery", delivery.external_id, when, delivery.status),),
                          {**order_data(order), "carrier": delivery.carrier}))
        return facts
    if claimed_missing:
        if delivery is not None and _delivered(delivery):
            when = delivery.delivered_at
            on = f" on {fmt_date(when, now)}" if when else ""
            by = f" by {delivery.carrier}" if delivery.carrier else ""
            ev = (Evidence("delivery", delivery.external_id, when,
                           f"proof: {delivery.proof}" + (f", signed by {delivery.signed_by}"
                                                         if delivery.signed_by else "")),)
            data = {**order_data(order), "proof": delivery.proof, "signed_by": delivery.signed_by,
                    "carrier": delivery.carrier, "tracking": delivery.tracking}
            if delivery.proof == "signature":
                signer = f" and signed for by {delivery.signed_by}" if delivery.signed_by else " and signed for"
                facts.append(Fact(DELIVERED_WITH_PROOF, claim, "contradicts",
                                  f"Order {order.external_id} was delivered{by}{on}{signer}.", ev, data))
            elif delivery.proof == "photo":
                facts.append(Fact(DELIVERED_WITH_PROOF, claim, "contradicts",
                                  f"Order {order.external_id} was delivered{by}{on}, with a photo of the "
                                  "parcel at the door.", ev, data))
            else:
                facts.append(Fact(DELIVERED_WITHOUT_PROOF, claim, "context",
                                  f"The carrier marked order {order.external_id} delivered{on}, without a "
                                  "signature or photo.", ev, data))
        elif late is not None or (delivery is not None and delivery.status == "lost"):
            status = delivery.status if delivery is not None else "not shipped"
            ev = ((Evidence("delivery", delivery.external_id, delivery.shipped_at, status),) if delivery
                  else (Evidence("order", order.external_id, order.ordered_at, status),))
            facts.append(Fact(NOT_DELIVERED, claim, "supports",
                              f"Order {order.external_id} has not been delivered (status: {status.replace('_', ' ')}).",
                              ev, {**order_data(order), "status": status}))
        else:
            due = f" and is due by {fmt_date(order.promised_by, now)}" if order.promised_by else ""
            status = delivery.status if delivery is not None else "being prepared"
            facts.append(Fact(IN_TRANSIT, claim, "context",
                              f"Order {order.external_id} is on its way{due}.",
                              (Evidence("order", order.external_id, order.ordered_at, status),),
                              {**order_data(order), "status": status,
                               "due": order.promised_by.isoformat() if order.promised_by else None}))
    if late is not None and (claimed_missing or _recent(late, now)):
        facts.append(late)
    return facts


LATE_RECENT_DAYS = 30
"""A late delivery is raised unasked only while it is this recent (an old one is not what they write about)."""


def _recent(late: Fact, now: datetime) -> bool:
    arrived = late.evidence[-1].when if late.data.get("delivered") else now
    return arrived is not None and (now - arrived).days <= LATE_RECENT_DAYS


def check_delivery(session: Session, customer: Customer, reading: Reading, policy: Policy,
                   now: datetime) -> list[Fact]:
    """Facts for "it never arrived" and for "it came late"."""
    missing = any(not about_money(reading.text, c) for c in claims_of(reading, "not_received")) or intent_is(
        reading, "where_is_my_order")  # (money that has not come back is refunds.py's)
    if not missing and not mentions(reading.text, *DELIVERY_WORDS):
        return []
    orders = orders_until(session, customer, now)
    order = pick_order(orders, reading)
    if order is None:
        return []
    return delivery_facts(order, claimed_missing=missing, now=now)
