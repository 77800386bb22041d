"""`poise export`: the whole record as one mapping in the import format (docs/records.md).

Exporting, importing the result into an empty store, and exporting again gives the same mapping: records in
the order they were stored, times in UTC with a Z, and empty or missing values left out.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from poise.store.models import (
    Communication,
    Customer,
    Order,
    OrderItem,
    Product,
    RootCause,
    Ticket,
    Warning,
)
from poise.store.queries import current_policy_record
from poise.store.recordspec import FORMAT, format_datetime


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    """Drop empty values and write datetimes in the file form (ISO 8601, UTC, Z)."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if value is None or value == [] or value == {}:
            continue
        out[key] = format_datetime(value) if isinstance(value, datetime) else value
    return out


def export_records(session: Session) -> dict[str, Any]:
    """The whole record as a mapping ready for json.dump or yaml.safe_dump; `import_records` reads it back.

    Merged customers are exported under the customer who survived the merge, with all their identities.
    Example: `json.dump(export_records(session), sys.stdout, indent=2)`.
    """
    data: dict[str, Any] = {"format": FORMAT}
    policy = current_policy_record(session)
    if policy is not None:
        data["business"] = _clean({"name": policy.business_name, "currency": policy.currency,
                                   "timezone": policy.timezone, "business_hours": policy.business_hours,
                                   "holidays": policy.holidays})
        data["policy"] = _clean({"version": policy.version, "return_window_days": policy.return_window_days,
                                 "restocking_fee_percent": policy.restocking_fee_percent,
                                 "refund_authority_cents": policy.refund_authority_cents,
                                 "part_ways_refund_limit_cents": policy.part_ways_refund_limit_cents,
                                 "repeat_window_days": policy.repeat_window_days,
                                 "repeat_threshold": policy.repeat_threshold,
                                 "first_response_minutes": policy.first_response_minutes,
                                 "return_policy_text": policy.return_policy_text})
    data["products"] = [_product(p) for p in session.scalars(select(Product).order_by(Product.id))]
    data["customers"] = [_customer(session, c) for c in session.scalars(
        select(Customer).where(Customer.merged_into_id.is_(None)).options(selectinload(Customer.identities))
        .order_by(Customer.id))]
    data["orders"] = [_order(o) for o in session.scalars(select(Order).order_by(Order.id).options(
        selectinload(Order.items).selectinload(OrderItem.product),
        selectinload(Order.items).selectinload(OrderItem.returns),
        selectinload(Order.payments), selectinload(Order.deliveries), selectinload(Order.customer)))]
    data["communications"] = [_communication(c) for c in session.scalars(
        select(Communication).order_by(Communication.id)
        .options(selectinload(Communication.customer), selectinload(Communication.order)))]
    data["root_causes"] = [_clean({"code": r.external_id, "name": r.name, "description": r.description})
                           for r in session.scalars(select(RootCause).order_by(RootCause.id))]
    data["tickets"] = [_ticket(t) for t in session.scalars(select(Ticket).order_by(Ticket.id).options(
        selectinload(Ticket.messages), selectinload(Ticket.customer), selectinload(Ticket.root_cause)))]
    return {k: v for k, v in data.items() if v != []}


def _product(p: Product) -> dict[str, Any]:
    return _clean({"sku": p.external_id, "name": p.name, "category": p.category, "price_cents": p.price_cents,
                   "currency": p.currency, "refundable": p.refundable, "return_window_days": p.return_window_days,
                   "policy_text": p.policy_text})


def _customer(session: Session, c: Customer) -> dict[str, Any]:
    identities = sorted(c.identities, key=lambda i: (not i.is_primary, i.id))
    warnings = session.scalars(select(Warning).where(Warning.customer_id == c.id)
                               .order_by(Warning.created_at, Warning.id))
    return _clean({
        "id": c.external_id, "name": c.name, "status": c.status, "notes": c.notes, "created_at": c.created_at,
        "emails": [i.value for i in identities if i.kind == "email"],
        "phones": [i.value for i in identities if i.kind == "phone"],
        "handles": [i.value for i in identities if i.kind == "handle"],
        "warnings": [_clean({"at": w.created_at, "kind": w.kind, "reason": w.reason or None, "by": w.author})
                     for w in warnings],
    })


def _surviving_id(customer: Customer | None) -> str | None:
    # Rows move to the survivor on merge, so the customer here is normally the survivor already.
    return customer.external_id if customer is not None else None


def _order(o: Order) -> dict[str, Any]:
    skus = [item.product.external_id for item in o.items]
    returns = []
    for item in o.items:
        for r in item.returns:
            where: dict[str, Any] = {"sku": item.product.external_id}
            if skus.count(item.product.external_id) > 1:
                where["line"] = item.line
            returns.append((r.id, _clean({
                "id": r.external_id, **where, "quantity": r.quantity, "requested_at": r.requested_at,
                "received_at": r.received_at, "reason_stated": r.reason_stated,
                "condition_found": r.condition_found, "status": r.status})))
    return _clean({
        "id": o.external_id, "customer": _surviving_id(o.customer), "ordered_at": o.ordered_at,
        "promised_by": o.promised_by, "status": o.status, "currency": o.currency, "notes": o.notes,
        "items": [{"sku": i.product.external_id, "quantity": i.quantity, "unit_price_cents": i.unit_price_cents}
                  for i in o.items],
        "payments": [_clean({"id": p.external_id, "kind": p.kind, "amount_cents": p.amount_cents,
                             "paid_at": p.paid_at, "currency": p.currency, "reference": p.reference})
                     for p in sorted(o.payments, key=lambda p: p.id)],
        "deliveries": [_clean({"id": d.external_id, "carrier": d.carrier, "tracking": d.tracking,
                               "status": d.status, "shipped_at": d.shipped_at, "delivered_at": d.delivered_at,
                               "proof": d.proof, "signed_by": d.signed_by})
                       for d in sorted(o.deliveries, key=lambda d: d.id)],
        "returns": [r for _, r in sorted(returns, key=lambda pair: pair[0])],
    })


def _communication(c: Communication) -> dict[str, Any]:
    return _clean({"id": c.external_id, "customer": _surviving_id(c.customer), "segment": c.segment,
                   "order": c.order.external_id if c.order else None, "channel": c.channel,
                   "to_address": c.to_address, "subject": c.subject, "body": c.body or None, "topics": c.topics,
                   "sent_at": c.sent_at, "opened_at": c.opened_at})


def _ticket(t: Ticket) -> dict[str, Any]:
    messages = sorted(t.messages, key=lambda m: (m.sent_at, m.id))
    return _clean({
        "id": t.external_id, "customer": _surviving_id(t.customer), "channel": t.channel, "subject": t.subject,
        "status": t.status, "priority": t.priority, "opened_at": t.opened_at,
        "first_response_due_at": t.first_response_due_at, "first_responded_at": t.first_responded_at,
        "closed_at": t.closed_at, "root_cause": t.root_cause.external_id if t.root_cause else None,
        "messages": [_clean({"message_id": m.message_id, "direction": m.direction, "channel": m.channel,
                             "author": m.author, "subject": m.subject, "text": m.text, "html": m.html,
                             "sent_at": m.sent_at, "in_reply_to": m.in_reply_to, "references": m.references,
                             "attachments": m.attachments}) for m in messages],
    })
