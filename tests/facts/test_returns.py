"""defective / return / already_returned against the record (poise.facts.returns)."""
from __future__ import annotations

from typing import Any

import pytest
from factkit import NOW, RecordFactory, make_reading

from poise.facts.facts import Policy
from poise.facts.returns import check_returns


def dress(delivered_at: str = "2026-03-13T11:30:00Z", returns: list[dict[str, Any]] | None = None,
          order_id: str = "F-1", ordered_at: str = "2026-03-12T20:00:00Z", sku: str = "DRS",
          payments: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    order: dict[str, Any] = {"id": order_id, "customer": "C-1", "ordered_at": ordered_at, "items": [{"sku": sku}],
                             "deliveries": [{"id": f"D-{order_id}", "status": "delivered",
                                             "delivered_at": delivered_at, "proof": "photo"}]}
    if returns:
        order["returns"] = returns
    if payments:
        order["payments"] = payments
    return order


@pytest.mark.parametrize(("delivered_at", "sku", "kind", "days"), [
    ("2026-03-02T10:00:00Z", "JKT", "within_return_window", 14),
    ("2026-02-01T10:00:00Z", "JKT", "outside_return_window", 43),
    ("2026-02-01T10:00:00Z", "BLN", "within_return_window", 43),   # the blender has its own 60-day window
])
def test_return_window_counts_from_delivery(record: RecordFactory, delivered_at: str, sku: str, kind: str,
                                            days: int) -> None:
    session, ann = record(orders=[dress(delivered_at, sku=sku, ordered_at="2026-01-30T10:00:00Z")])
    facts = check_returns(session, ann, make_reading("I'd like to return it please"), Policy(), NOW)
    assert [(f.kind, f.data["days_since"]) for f in facts] == [(kind, days)]


@pytest.mark.parametrize("record", ["sqlite", "postgresql"], indirect=True)
def test_friday_to_monday_faulty_return_is_named_with_dates(record: RecordFactory) -> None:
    session, ann = record(orders=[dress()])
    facts = check_returns(session, ann, make_reading("the dress is faulty, refund please", "defective"),
                          Policy(), NOW)
    assert [(f.kind, f.bearing, f.statement) for f in facts] == [
        ("within_return_window", "context",
         "The satin dress (order F-1) was delivered on 13 March, 3 days ago; the return window is 30 days."),
        ("return_pattern", "context",
         ("Order F-1 arrived on Friday 13 March 2026 and was reported faulty on Monday 16 March 2026, just "
          "after the weekend."))]


def test_worn_condition_and_an_earlier_worn_return_are_patterns(record: RecordFactory) -> None:
    january = dress("2026-01-16T10:00:00Z", order_id="F-0", ordered_at="2026-01-15T10:00:00Z", returns=[
        {"id": "R-0", "sku": "DRS", "requested_at": "2026-01-19T08:00:00Z", "received_at": "2026-01-22T10:00:00Z",
         "reason_stated": "Faulty stitching", "condition_found": "Worn; tags removed."}])
    march = dress("2026-03-04T10:00:00Z", ordered_at="2026-03-03T10:00:00Z", returns=[
        {"id": "R-1", "sku": "DRS", "requested_at": "2026-03-09T08:00:00Z", "received_at": "2026-03-11T10:00:00Z",
         "reason_stated": "Faulty seam", "condition_found": "Smells of perfume; tags removed."}])
    session, ann = record(orders=[january, march])
    facts = check_returns(session, ann, make_reading("the dress I sent back is faulty", "already_returned"),
                          Policy(), NOW)
    assert [(f.kind, f.data.get("name")) for f in facts] == [
        ("return_received", None), ("return_pattern", "condition_found"), ("return_pattern", "earlier_returns")]


@pytest.mark.parametrize(("returns", "payments", "kinds"), [
    (None, None, ["return_not_received"]),
    ([{"id": "R-1", "sku": "JKT", "requested_at": "2026-03-10T10:00:00Z"}], None, ["return_not_received"]),
    ([{"id": "R-1", "sku": "JKT", "requested_at": "2026-03-01T10:00:00Z", "received_at": "2026-03-14T10:00:00Z",
       "condition_found": "As new"}], None, ["return_received"]),
    ([{"id": "R-1", "sku": "JKT", "requested_at": "2026-03-01T10:00:00Z", "received_at": "2026-03-03T10:00:00Z",
       "condition_found": "As new"}], None, ["return_received", "refund_overdue"]),
    ([{"id": "R-1", "sku": "JKT", "requested_at": "2026-03-01T10:00:00Z", "received_at": "2026-03-03T10:00:00Z",
       "condition_found": "As new"}],
     [{"id": "P-1", "kind": "refund", "amount_cents": 8900, "paid_at": "2026-03-04T10:00:00Z"}], ["return_received"]),
    ([{"id": "R-1", "sku": "JKT", "requested_at": "2026-03-01T10:00:00Z", "received_at": "2026-03-03T10:00:00Z",
       "condition_found": "Worn, tags removed", "status": "inspected"}], None, ["return_received", "return_pattern"]),
])
def test_already_returned_is_checked_against_the_return_on_record(
        record: RecordFactory, returns: list[dict[str, Any]] | None, payments: list[dict[str, Any]] | None,
        kinds: list[str]) -> None:
    session, ann = record(orders=[dress("2026-02-25T10:00:00Z", returns=returns, sku="JKT",
                                        ordered_at="2026-02-24T10:00:00Z", payments=payments)])
    facts = check_returns(session, ann, make_reading("I sent the jacket back, where's my refund",
                                                     "already_returned"), Policy(), NOW)
    assert [f.kind for f in facts] == kinds


def test_a_refund_for_a_double_charge_is_not_a_return(record: RecordFactory) -> None:
    session, ann = record(orders=[dress()])
    reading = make_reading("you charged me twice, refund the extra one", "wrong_charge")
    assert check_returns(session, ann, reading, Policy(), NOW) == []


@pytest.mark.parametrize(("text", "claims"), [
    ("never got it, refund or a new one please", ("not_received",)),
    ("Sam promised me a refund", ("promised_by_staff",)),
])
def test_a_refund_asked_for_another_reason_is_not_a_return(record: RecordFactory, text: str,
                                                           claims: tuple[str, ...]) -> None:
    session, ann = record(orders=[dress()])
    assert check_returns(session, ann, make_reading(text, *claims), Policy(), NOW) == []


def test_a_kitchen_item_broken_after_a_weekend_is_not_a_weekend_pattern(record: RecordFactory) -> None:
    session, ann = record(orders=[dress("2026-03-12T10:00:00Z", sku="BLN")])
    facts = check_returns(session, ann, make_reading("the blender jug cracked", "defective"), Policy(), NOW)
    assert [f.kind for f in facts] == ["within_return_window"]


def test_a_non_refundable_item_has_no_return_window_fact(record: RecordFactory) -> None:
    session, ann = record(orders=[dress(sku="GC")])
    assert check_returns(session, ann, make_reading("refund the gift card please"), Policy(), NOW) == []
