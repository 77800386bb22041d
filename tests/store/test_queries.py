"""Queries over the Juniper & Pine demo record, on a SQLite file and on PostgreSQL."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, select

from poise.facts.facts import CustomerView, Policy
from poise.store.db import session_scope
from poise.store.models import AuditEntry, Customer, PolicyRecord
from poise.store.queries import (
    communications_for,
    current_policy,
    customer_messages,
    customer_orders,
    customer_tickets,
    customer_view,
    customer_warnings,
    find_customer,
    find_message,
    find_order,
    merge_customers,
    open_tickets,
)

DEMO_POLICY = Policy(business_name="Juniper & Pine", return_window_days=30, restocking_fee_percent=0,
                     refund_authority_cents=5000, part_ways_refund_limit_cents=20000, repeat_window_days=90,
                     repeat_threshold=3, first_response_minutes=240, currency="USD", version=1)


@pytest.mark.parametrize(("query", "expected"), [
    ("maya.ortiz@example.com", "C-1001"),
    ("  Maya.Ortiz@EXAMPLE.com ", "C-1001"),
    ("chloe.m@example.net", "C-1008"),
    ("C-1010", "C-1010"),
    ("nobody@example.com", None),
    ("", None),
])
def test_queries_find_customer(demo_readonly: Engine, query: str, expected: str | None) -> None:
    with session_scope(demo_readonly) as session:
        found = find_customer(session, query)
        assert (found.external_id if found else None) == expected


def test_queries_customer_orders_in_time_order_with_everything_loaded(demo_readonly: Engine) -> None:
    with session_scope(demo_readonly) as session:
        chloe = find_customer(session, "chloe.martin@example.com")
        assert chloe is not None
        orders = customer_orders(session, chloe)
        summary = [(o.external_id, o.ordered_at.strftime("%a %d %b"), [i.product.sku for i in o.items],
                    [(r.requested_at.strftime("%a %d %b"), r.reason_stated) for i in o.items for r in i.returns])
                   for o in orders]
    assert summary == [
        ("O-4990", "Fri 16 Jan", ["DRESS-LINEN-M"], [("Mon 19 Jan", "Faulty stitching.")]),
        ("O-5008", "Fri 06 Mar", ["DRESS-LINEN-M"], [("Mon 09 Mar", "Faulty, the seam is coming apart.")]),
    ]


def test_queries_double_charge_and_signed_delivery_are_in_the_record(demo_readonly: Engine) -> None:
    with session_scope(demo_readonly) as session:
        priya = find_order(session, "O-5003")
        derek = find_order(session, "O-5007")
        assert priya is not None and derek is not None
        charges = [(p.kind, p.amount_cents) for p in priya.payments]
        delivery = derek.deliveries[0]
        assert charges == [("charge", 5600), ("charge", 5600)]
        assert (delivery.proof, delivery.signed_by, delivery.delivered_at) == (
            "signature", "D. Walsh", datetime(2026, 3, 9, 10, 42, tzinfo=UTC))


@pytest.mark.parametrize(("topic", "expected"), [
    (None, ["COM-2001", "COM-2006"]),
    ("Setup Instructions", ["COM-2001"]),
    ("return policy", ["COM-2006"]),
    ("warranty", []),
])
def test_queries_communications_for(demo_readonly: Engine, topic: str | None, expected: list[str]) -> None:
    with session_scope(demo_readonly) as session:
        tom = find_customer(session, "tom.becker@example.com")
        assert tom is not None
        assert [c.external_id for c in communications_for(session, tom, topic)] == expected


def test_queries_customer_tickets_and_messages_since(demo_readonly: Engine) -> None:
    since = datetime(2026, 2, 1, tzinfo=UTC)
    with session_scope(demo_readonly) as session:
        omar = find_customer(session, "omar.haddad@example.com")
        assert omar is not None
        tickets = [t.external_id for t in customer_tickets(session, omar)]
        recent = [t.external_id for t in customer_tickets(session, omar, since=since)]
        asked = [m.message_id for m in customer_messages(session, omar, since=since)]
    assert (tickets, recent, asked) == (["T-3001", "T-3002", "T-3003"], ["T-3002", "T-3003"],
                                        ["<t3002.1@mail.example.com>", "<t3003.1@mail.example.com>"])


def test_queries_current_policy_maps_the_newest_version(demo_engine: Engine) -> None:
    with session_scope(demo_engine) as session:
        assert current_policy(session) == DEMO_POLICY
        session.add(PolicyRecord(version=2, business_name="Juniper & Pine", return_window_days=14))
        session.flush()
        assert current_policy(session).return_window_days == 14
        assert current_policy(session).version == 2


def test_queries_current_policy_defaults_when_none_is_stored(engine: Engine) -> None:
    with session_scope(engine) as session:
        assert current_policy(session) == Policy()


def test_queries_customer_view(demo_readonly: Engine) -> None:
    with session_scope(demo_readonly) as session:
        victor = find_customer(session, "victor.stone@example.com")
        assert victor is not None
        assert customer_view(session, victor) == CustomerView(
            customer_id="C-1010", name="Victor Stone", email="victor.stone@example.com", status="active",
            warnings=1, known=True)
        assert customer_view(session, None, "New@Example.com") == CustomerView(
            customer_id=None, email="New@Example.com", known=False)
        assert [w.reason[:20] for w in customer_warnings(session, victor)] == ["Called our agent an "]


@pytest.mark.parametrize("message_id", ["<t3001.1@mail.example.com>", "t3001.1@mail.example.com"])
def test_queries_find_message_with_or_without_brackets(demo_readonly: Engine, message_id: str) -> None:
    with session_scope(demo_readonly) as session:
        found = find_message(session, message_id)
        assert found is not None and found.ticket.external_id == "T-3001"


def test_queries_open_tickets_most_urgent_first(demo_readonly: Engine) -> None:
    with session_scope(demo_readonly) as session:
        assert [t.external_id for t in open_tickets(session)] == ["T-3201"]


def test_queries_merge_keeps_every_record(demo_engine: Engine) -> None:
    with session_scope(demo_engine) as session:
        keep, merge = find_customer(session, "C-1001"), find_customer(session, "C-1010")
        assert keep is not None and merge is not None
        merge_customers(session, keep, merge, actor="sam@juniperandpine.example")
    with session_scope(demo_engine) as session:
        survivor = find_customer(session, "victor.stone@example.com")
        assert survivor is not None
        assert (survivor.external_id, find_customer(session, "C-1010") is survivor) == ("C-1001", True)
        assert sorted(i.value for i in survivor.identities) == ["maya.ortiz@example.com", "victor.stone@example.com"]
        assert [o.external_id for o in customer_orders(session, survivor)] == ["O-5001", "O-5010"]
        assert [t.external_id for t in customer_tickets(session, survivor)] == ["T-3101"]
        assert len(customer_warnings(session, survivor)) == 1
        assert survivor.email == "maya.ortiz@example.com"
        audit = session.scalars(select(AuditEntry)).one()
        assert (audit.actor, audit.action, audit.record_id, audit.detail) == (
            "sam@juniperandpine.example", "merge_customer", "C-1001", {"merged": "C-1010"})
        assert session.scalars(select(Customer).where(Customer.external_id == "C-1010")).one().merged_into_id
