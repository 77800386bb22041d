"""not_received and lateness against the delivery record (poise.facts.delivery)."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from factkit import NOW, RecordFactory, make_reading

from poise.facts.delivery import check_delivery
from poise.facts.facts import Evidence, Fact, Policy


def order(delivery: dict[str, Any] | None, promised_by: str = "2026-03-10T23:59:00Z") -> dict[str, Any]:
    o: dict[str, Any] = {"id": "F-1", "customer": "C-1", "ordered_at": "2026-03-05T10:00:00Z",
                         "promised_by": promised_by, "items": [{"sku": "JKT"}]}
    if delivery is not None:
        o["deliveries"] = [{"id": "D-1", "carrier": "Royal Post", **delivery}]
    return o


ORDER_DATA = {"order": "F-1", "order_total_cents": 8900, "currency": "USD"}


@pytest.mark.parametrize("record", ["sqlite", "postgresql"], indirect=True)
def test_signed_delivery_contradicts_not_received(record: RecordFactory) -> None:
    session, ann = record(orders=[order({"status": "delivered", "delivered_at": "2026-03-09T10:42:00Z",
                                         "proof": "signature", "signed_by": "A. Lee"})])
    facts = check_delivery(session, ann, make_reading("never got it", "not_received"), Policy(), NOW)
    assert facts == [Fact(
        "delivered_with_proof", "not_received", "contradicts",
        "Order F-1 was delivered by Royal Post on 9 March and signed for by A. Lee.",
        (Evidence("delivery", "D-1", datetime(2026, 3, 9, 10, 42, tzinfo=UTC), "proof: signature, signed by A. Lee"),),
        {**ORDER_DATA, "proof": "signature", "signed_by": "A. Lee", "carrier": "Royal Post", "tracking": None})]


@pytest.mark.parametrize(("delivery", "kinds"), [
    ({"status": "delivered", "delivered_at": "2026-03-09T10:00:00Z", "proof": "photo"}, ["delivered_with_proof"]),
    ({"status": "delivered", "delivered_at": "2026-03-09T10:00:00Z", "proof": "none"},
     ["delivered_without_proof"]),
    ({"status": "lost", "shipped_at": "2026-03-06T10:00:00Z"}, ["not_delivered", "late_delivery"]),
    ({"status": "in_transit", "shipped_at": "2026-03-06T10:00:00Z"}, ["not_delivered", "late_delivery"]),
    ({"status": "returned", "shipped_at": "2026-03-06T10:00:00Z"}, ["returned_to_sender"]),
    (None, ["not_delivered", "late_delivery"]),
])
def test_not_received_facts_follow_the_delivery_status(record: RecordFactory, delivery: dict[str, Any] | None,
                                                       kinds: list[str]) -> None:
    session, ann = record(orders=[order(delivery)])
    facts = check_delivery(session, ann, make_reading("where is my parcel", "not_received"), Policy(), NOW)
    assert [f.kind for f in facts] == kinds


def test_an_order_not_yet_due_is_in_transit(record: RecordFactory) -> None:
    session, ann = record(orders=[order({"status": "in_transit", "shipped_at": "2026-03-14T10:00:00Z"},
                                        promised_by="2026-03-18T23:59:00Z")])
    facts = check_delivery(session, ann, make_reading("where is my order", "not_received"), Policy(), NOW)
    assert [(f.kind, f.statement) for f in facts] == [
        ("in_transit", "Order F-1 is on its way and is due by 18 March.")]


def test_late_delivery_counts_days_after_the_promise(record: RecordFactory) -> None:
    session, ann = record(orders=[order({"status": "delivered", "delivered_at": "2026-03-13T15:00:00Z",
                                         "proof": "signature"})])
    facts = check_delivery(session, ann, make_reading("it came 3 days late"), Policy(), NOW)
    assert [(f.kind, f.bearing, f.data["days_late"], f.statement) for f in facts] == [
        ("late_delivery", "supports", 3, "Order F-1 arrived on 13 March, 3 days after the 10 March we promised.")]


def test_no_delivery_words_no_delivery_facts(record: RecordFactory) -> None:
    session, ann = record(orders=[order({"status": "delivered", "delivered_at": "2026-03-13T15:00:00Z"})])
    assert check_delivery(session, ann, make_reading("how do I reset my password?"), Policy(), NOW) == []


def test_the_order_named_in_the_message_is_the_one_checked(record: RecordFactory) -> None:
    second = {**order({"status": "delivered", "delivered_at": "2026-03-09T10:00:00Z", "proof": "photo"}),
              "id": "F-2", "ordered_at": "2026-03-01T10:00:00Z"}
    second["deliveries"] = [{**second["deliveries"][0], "id": "D-2"}]
    session, ann = record(orders=[order(None), second])
    facts = check_delivery(session, ann, make_reading("order F-2 never arrived", "not_received"), Policy(), NOW)
    assert [(f.kind, f.data["order"]) for f in facts] == [("delivered_with_proof", "F-2")]
