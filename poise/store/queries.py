"""Questions judgement and the desk ask of the record, each one query with a stable order.

These are the read side of the store: facts call them instead of writing SQL, so the access patterns stay
in one place (and indexed: see the models' `__table_args__`).
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, selectinload

from poise.store.models import (
    AuditEntry,
    Block,
    Communication,
    Customer,
    Identity,
    Message,
    Order,
    OrderItem,
    PolicyRecord,
    ReadingRecord,
    Ticket,
    Warning,
    normalize_identity,
)

if TYPE_CHECKING:
    from poise.facts.facts import CustomerView, Policy

# A communication sent to this segment reached every customer (newsletters, notices to all).
ALL_CUSTOMERS_SEGMENT = "all"


def _surviving(session: Session, customer: Customer | None) -> Customer | None:
    seen: set[int] = set()
    while customer is not None and customer.merged_into_id is not None and customer.id not in seen:
        seen.add(customer.id)
        customer = session.get(Customer, customer.merged_into_id)
    return customer


def find_customer(session: Session, email_or_id: str) -> Customer | None:
    """The customer known by this email address, phone, handle or external id (None if there is none).

    A customer merged into another resolves to the one that survived.
    """
    text = email_or_id.strip()
    if not text:
        return None
    kinds = ("email",) if "@" in text else ("handle", "phone", "email")
    for kind in kinds:
        found = session.scalars(select(Customer).join(Identity).where(
            Identity.kind == kind, Identity.value == normalize_identity(kind, text))).first()
        if found is not None:
            return _surviving(session, found)
    return _surviving(session, session.scalars(select(Customer).where(Customer.external_id == text)).first())


def customer_orders(session: Session, customer: Customer) -> list[Order]:
    """The customer's orders, oldest first, with items (and their products and returns), payments, deliveries."""
    stmt = (select(Order).where(Order.customer_id == customer.id)
            .options(selectinload(Order.items).selectinload(OrderItem.product),
                     selectinload(Order.items).selectinload(OrderItem.returns),
                     selectinload(Order.payments), selectinload(Order.deliveries))
            .order_by(Order.ordered_at, Order.id))
    return list(session.scalars(stmt))


def find_order(session: Session, external_id: str) -> Order | None:
    """The order with this external id (the business's order number), or None."""
    return session.scalars(select(Order).where(Order.external_id == external_id.strip())).first()


def communications_for(session: Session, customer: Customer, topic: str | None = None) -> list[Communication]:
    """What the business sent this customer (and every customer since they joined), oldest first.

    With `topic`, only communications about it.
    Topic matching is a case-insensitive exact phrase against the communication's `topics` list.
    """
    stmt = (select(Communication)
            .where(or_(Communication.customer_id == customer.id,
                       (Communication.customer_id.is_(None)) & (Communication.segment == ALL_CUSTOMERS_SEGMENT)
                       & (Communication.sent_at >= customer.created_at)))
            .order_by(Communication.sent_at, Communication.id))
    found = list(session.scalars(stmt))
    return [c for c in found if c.has_topic(topic)] if topic else found


def customer_tickets(session: Session, customer: Customer, since: datetime | None = None) -> list[Ticket]:
    """The customer's tickets opened at or after `since` (all if None), oldest first, with their messages."""
    stmt = (select(Ticket).where(Ticket.customer_id == customer.id)
            .options(selectinload(Ticket.messages)).order_by(Ticket.opened_at, Ticket.id))
    if since is not None:
        stmt = stmt.where(Ticket.opened_at >= since)
    return list(session.scalars(stmt))


def customer_messages(session: Session, customer: Customer, since: datetime | None = None,
                      direction: str | None = "in") -> list[Message]:
    """Messages in the customer's tickets (by default only theirs, `in`), oldest first, since `since`."""
    stmt = (select(Message).join(Ticket).where(Ticket.customer_id == customer.id)
            .order_by(Message.sent_at, Message.id))
    if direction is not None:
        stmt = stmt.where(Message.direction == direction)
    if since is not None:
        stmt = stmt.where(Message.sent_at >= since)
    return list(session.scalars(stmt))


def customer_warnings(session: Session, customer: Customer, include_undone: bool = False) -> list[Warning]:
    """Boundary warnings given to the customer, oldest first (only those still standing by default)."""
    stmt = select(Warning).where(Warning.customer_id == customer.id).order_by(Warning.created_at, Warning.id)
    if not include_undone:
        stmt = stmt.where(Warning.undone_at.is_(None))
    return list(session.scalars(stmt))


def find_message(session: Session, message_id: str) -> Message | None:
    """The stored message with this email Message-ID (angle brackets optional), or None."""
    value = message_id.strip()
    candidates = {value, value.strip("<>"), f"<{value.strip('<>')}>"}
    return session.scalars(select(Message).where(Message.message_id.in_(candidates))).first()


def open_tickets(session: Session) -> list[Ticket]:
    """Tickets not closed, most urgent first (priority, then first response due, then oldest)."""
    stmt = (select(Ticket).where(Ticket.status != "closed")
            .order_by(Ticket.priority, Ticket.first_response_due_at.is_(None), Ticket.first_response_due_at,
                      Ticket.opened_at))
    return list(session.scalars(stmt))


def readings_between(session: Session, start: datetime, end: datetime,
                     batch_size: int = 1000) -> Iterator[ReadingRecord]:
    """Readings written in [start, end), streamed in batches (archive analysis never loads them all)."""
    stmt = (select(ReadingRecord).where(ReadingRecord.created_at >= start, ReadingRecord.created_at < end)
            .order_by(ReadingRecord.created_at, ReadingRecord.id).execution_options(yield_per=batch_size))
    yield from session.scalars(stmt)


def current_policy_record(session: Session) -> PolicyRecord | None:
    """The newest stored policy version, or None when the business has stored none."""
    return session.scalars(select(PolicyRecord).order_by(PolicyRecord.version.desc())).first()


def policy_from_record(record: PolicyRecord) -> Policy:
    """The frozen Policy judgement uses, built from one stored policy version."""
    from poise.facts.facts import Policy  # imported here: poise.facts imports this module

    return Policy(business_name=record.business_name, return_window_days=record.return_window_days,
                  restocking_fee_percent=record.restocking_fee_percent,
                  refund_authority_cents=record.refund_authority_cents,
                  part_ways_refund_limit_cents=record.part_ways_refund_limit_cents,
                  repeat_window_days=record.repeat_window_days, repeat_threshold=record.repeat_threshold,
                  first_response_minutes=record.first_response_minutes, currency=record.currency,
                  version=record.version)


def current_policy(session: Session) -> Policy:
    """The business policy in force: the newest stored version, or poise's defaults when none is stored."""
    from poise.facts.facts import Policy

    record = current_policy_record(session)
    return Policy() if record is None else policy_from_record(record)


def customer_view(session: Session, customer: Customer | None, email: str | None = None) -> CustomerView:
    """What judgement needs to know about who wrote: name, status, standing warnings (unknown if None).

    `email` is the address they wrote from, shown for an unknown customer and preferred when known.
    """
    from poise.facts.facts import CustomerView

    if customer is None:
        return CustomerView(customer_id=None, email=email, known=False)
    blocked = customer.status == "blocked" or any(
        b.active for b in session.scalars(select(Block).where(Block.customer_id == customer.id)))
    return CustomerView(customer_id=customer.external_id, name=customer.name,
                        email=normalize_identity("email", email) if email else customer.email,
                        status="blocked" if blocked else customer.status,
                        warnings=len(customer_warnings(session, customer)), known=True)


def merge_customers(session: Session, keep: Customer, merge: Customer, actor: str = "poise") -> Customer:
    """Merge `merge` into `keep`: identities, orders, communications, tickets, warnings and blocks move over.

    Nothing is deleted: the merged customer stays with `merged_into_id` set, so lookups by its old external
    id still find `keep`, and an audit row records the merge.
    """
    if keep.id == merge.id:
        return keep
    for identity in list(merge.identities):
        identity.customer = keep
        identity.is_primary = False
    for model in (Order, Communication, Ticket, Warning, Block):
        session.execute(update(model).where(model.customer_id == merge.id)
                        .values(customer_id=keep.id).execution_options(synchronize_session="fetch"))
    merge.merged_into_id = keep.id
    session.add(AuditEntry(actor=actor, action="merge_customer", record_kind="customer",
                           record_id=keep.external_id, detail={"merged": merge.external_id}))
    session.flush()
    session.expire(keep)
    session.expire(merge)
    return keep
