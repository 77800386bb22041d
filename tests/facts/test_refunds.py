"""not_received about money ("I never got my refund") against the payments and returns (poise.facts.refunds)."""
from __future__ import annotations

from typing import Any

import pytest
from factkit import NOW, RecordFactory, make_reading

from poise import read
from poise.facts.delivery import check_delivery
from poise.facts.facts import Policy
from poise.facts.refunds import check_refunds
from poise.reading.claims import about_money


def jacket(payments: list[dict[str, Any]], returns: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    order: dict[str, Any] = {
        "id": "J-1", "customer": "C-1", "ordered_at": "2026-03-01T10:00:00Z", "items": [{"sku": "JKT"}],
        "payments": [{"id": "P-1", "kind": "charge", "amount_cents": 8900, "paid_at": "2026-03-01T10:00:05Z"},
                     *payments],
        "deliveries": [{"id": "D-1", "status": "delivered", "delivered_at": "2026-03-03T10:00:00Z",
                        "proof": "signature", "signed_by": "A LEE"}]}
    if returns:
        order["returns"] = returns
    return order


REFUNDED = {"id": "P-2", "kind": "refund", "amount_cents": 8900, "paid_at": "2026-03-12T09:00:00Z",
            "reference": "RF-77"}


@pytest.mark.parametrize("record", ["sqlite", "postgresql"], indirect=True)
def test_a_refund_on_record_contradicts_never_got_my_refund_and_says_when_and_how_much(
        record: RecordFactory) -> None:
    session, ann = record(orders=[jacket([REFUNDED])])
    reading = read("I still haven't got my refund for the jacket, it's been weeks")
    facts = check_refunds(session, ann, reading, Policy(), NOW)
    assert [(f.kind, f.claim, f.bearing) for f in facts] == [("refund_paid", "not_received", "contradicts")]
    assert facts[0].statement == ("We refunded $89.00 for order J-1 on 12 March (reference RF-77), to the card it "
                                  "was paid with; banks usually take 3 to 5 working days to show it.")
    assert facts[0].evidence[0].record_id == "P-2" and facts[0].data["days_since"] == 4
    # the signed delivery is about the jacket, not the money: no "delivered with a signature" answer to it
    assert check_delivery(session, ann, reading, Policy(), NOW) == []


def test_no_refund_and_no_return_on_record_is_context(record: RecordFactory) -> None:
    session, ann = record(orders=[jacket([])])
    facts = check_refunds(session, ann, read("never got my money back for order J-1"), Policy(), NOW)
    assert [(f.kind, f.bearing) for f in facts] == [("no_refund_on_record", "context")]


def test_a_return_received_and_not_refunded_is_overdue(record: RecordFactory) -> None:
    returned = [{"id": "R-1", "sku": "JKT", "requested_at": "2026-03-04T08:00:00Z",
                 "received_at": "2026-03-06T10:00:00Z", "status": "received"}]
    session, ann = record(orders=[jacket([], returned)])
    facts = check_refunds(session, ann, read("my refund still hasn't come through"), Policy(), NOW)
    assert [f.kind for f in facts] == ["return_received", "refund_overdue"]


@pytest.mark.parametrize(("text", "money"), [
    ("my refund hasnt arrived", True),
    ("still waiting for my money back", True),
    ("the parcel never arrived", False),
    ("where's my refund, and my parcel never arrived", False),  # the claim is the parcel's
])
def test_about_money_looks_at_the_claim_and_the_words_just_before_it(text: str, money: bool) -> None:
    reading = read(text)
    claims = [c for c in reading.claims if c.kind == "not_received"]
    assert claims and about_money(reading.text, claims[-1]) is money


def test_no_money_claim_no_refund_facts(record: RecordFactory) -> None:
    session, ann = record(orders=[jacket([REFUNDED])])
    assert check_refunds(session, ann, make_reading("it never arrived", "not_received"), Policy(), NOW) == []
