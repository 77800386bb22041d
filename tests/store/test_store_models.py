"""Model constraints: unique external ids, unique Message-IDs and identities, and derived properties."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from poise.store.db import session_scope
from poise.store.models import (
    Communication,
    Customer,
    Identity,
    Message,
    Order,
    OrderItem,
    Product,
    Ticket,
    normalize_identity,
)

T0 = datetime(2026, 3, 6, 10, 0, tzinfo=UTC)


def _ticket(session: object) -> Ticket:
    ticket = Ticket(external_id="T-1", opened_at=T0)
    session.add(ticket)  # type: ignore[attr-defined]
    return ticket


def test_models_message_id_is_unique(engine: Engine) -> None:
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        ticket = _ticket(session)
        session.add_all([Message(ticket=ticket, text="a", sent_at=T0, message_id="<x@example.com>"),
                         Message(ticket=ticket, text="b", sent_at=T0, message_id="<x@example.com>")])
        session.flush()


def test_models_messages_without_message_id_may_be_many(engine: Engine) -> None:
    with session_scope(engine) as session:
        ticket = _ticket(session)
        session.add_all([Message(ticket=ticket, direction="note", text="a", sent_at=T0),
                         Message(ticket=ticket, direction="note", text="b", sent_at=T0)])
    with session_scope(engine) as session:
        assert [m.text for m in session.get_one(Ticket, 1).messages] == ["a", "b"]


@pytest.mark.parametrize("model", [Customer, Product])
def test_models_external_id_is_unique_per_kind(engine: Engine, model: type) -> None:
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        extra = {"name": "x"} if model is Product else {}
        session.add_all([model(external_id="X-1", **extra), model(external_id="X-1", **extra)])
        session.flush()


def test_models_identity_is_unique_across_customers(engine: Engine) -> None:
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        session.add_all([Customer(external_id="C-1", identities=[Identity(kind="email", value="a@x.com")]),
                         Customer(external_id="C-2", identities=[Identity(kind="email", value="a@x.com")])])
        session.flush()


@pytest.mark.parametrize(("kind", "raw", "stored"), [
    ("email", "  Ann.Lee@Example.COM ", "ann.lee@example.com"),
    ("phone", "+44 (0)20 7946-0018", "+4402079460018"),
    ("handle", "@AnnLee", "@annlee"),
])
def test_models_normalize_identity(kind: str, raw: str, stored: str) -> None:
    assert normalize_identity(kind, raw) == stored


def test_models_customer_email_prefers_the_primary(engine: Engine) -> None:
    with session_scope(engine) as session:
        session.add(Customer(external_id="C-1", identities=[
            Identity(kind="phone", value="+1555"), Identity(kind="email", value="old@x.com"),
            Identity(kind="email", value="new@x.com", is_primary=True)]))
    with session_scope(engine) as session:
        assert session.get_one(Customer, 1).email == "new@x.com"


def test_models_order_total_and_topics(engine: Engine) -> None:
    with session_scope(engine) as session:
        customer = Customer(external_id="C-1")
        grinder = Product(external_id="G-1", name="Grinder", price_cents=14900)
        beans = Product(external_id="B-1", name="Beans", price_cents=2800)
        order = Order(external_id="O-1", customer=customer, ordered_at=T0, items=[
            OrderItem(line=1, product=grinder, quantity=1, unit_price_cents=14900),
            OrderItem(line=2, product=beans, quantity=2, unit_price_cents=2500)])
        note = Communication(external_id="M-1", customer=customer, sent_at=T0,
                             topics=["Setup Instructions", "cleaning"])
        session.add_all([order, note])
    with session_scope(engine) as session:
        stored = session.get_one(Order, 1)
        sent = session.get_one(Communication, 1)
        assert (stored.total_cents, sent.has_topic("setup instructions"), sent.has_topic("setup")) == (
            19900, True, False)
        assert sent.topics == ["Setup Instructions", "cleaning"]
