"""check_facts: every checker, in order, against one record (poise.facts.check)."""
from __future__ import annotations

import pytest
from factkit import NOW, RecordFactory, make_reading

from poise.facts.check import CHECKERS, check_facts
from poise.facts.facts import Fact, Policy


def test_unknown_customer_is_one_fact(record: RecordFactory) -> None:
    session, _ = record()
    facts = check_facts(session, None, make_reading("where is my order", "not_received"), policy=Policy(),
                        now=NOW, who="nobody@example.com")
    assert facts == [Fact("unknown_customer", None, "context", "We have no customer record for nobody@example.com yet.",
                          (), {"customer": "nobody@example.com"})]


def test_every_claim_family_has_a_checker() -> None:
    assert [name for name, _ in CHECKERS] == ["history", "promises", "charges", "delivery", "items", "returns",
                                              "refunds", "policy", "communications"]


@pytest.mark.parametrize("record", ["sqlite", "postgresql"], indirect=True)
def test_a_message_with_two_claims_gets_both_checked(record: RecordFactory) -> None:
    order = {"id": "F-1", "customer": "C-1", "ordered_at": "2026-03-04T12:00:00Z", "promised_by": "2026-03-09T23:59:00Z",
             "items": [{"sku": "JKT"}],
             "payments": [{"id": "P-1", "kind": "charge", "amount_cents": 8900, "paid_at": "2026-03-04T12:00:10Z"},
                          {"id": "P-2", "kind": "charge", "amount_cents": 8900, "paid_at": "2026-03-04T12:00:15Z"}],
             "deliveries": [{"id": "D-1", "status": "delivered", "delivered_at": "2026-03-09T10:00:00Z",
                             "proof": "signature", "signed_by": "A. Lee"}]}
    session, ann = record(orders=[order])
    reading = make_reading("charged twice and the parcel never arrived", "wrong_charge", "not_received")
    facts = check_facts(session, ann, reading, policy=Policy(), now=NOW)
    assert [f.kind for f in facts] == ["double_charge", "delivered_with_proof"]


def test_records_after_the_moment_judged_are_ignored(record: RecordFactory) -> None:
    later = {"id": "F-2", "customer": "C-1", "ordered_at": "2026-03-20T12:00:00Z", "items": [{"sku": "GC"}]}
    session, ann = record(orders=[later])
    assert check_facts(session, ann, make_reading("refund the gift card"), policy=Policy(), now=NOW) == []
