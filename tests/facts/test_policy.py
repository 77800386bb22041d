"""A refund on a non-refundable product (poise.facts.policy)."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from factkit import NOW, RecordFactory, make_reading

from poise.facts.facts import Evidence, Fact, Policy
from poise.facts.policy import check_policy

GIFT_ORDERED = datetime(2026, 3, 9, 21, 0, tzinfo=UTC)
GIFT = {"id": "F-9", "customer": "C-1", "ordered_at": "2026-03-09T21:00:00Z", "items": [{"sku": "GC"}]}


def test_refund_on_a_gift_card_quotes_the_policy(record: RecordFactory) -> None:
    session, ann = record(orders=[GIFT])
    facts = check_policy(session, ann, make_reading("changed my mind, want my money back for the gift card"),
                         Policy(), NOW)
    assert facts == [Fact(
        "non_refundable", None, "context",
        "The gift card (order F-9, 9 March) is not refundable: Gift cards can't be refunded.",
        (Evidence("product", "GC", None, "Gift cards can't be refunded."),
         Evidence("order", "F-9", GIFT_ORDERED, "gift card")),
        {"order": "F-9", "order_total_cents": 2500, "currency": "USD", "policy_text": "Gift cards can't be refunded.",
         "product": "gift card", "sku": "GC"})]


@pytest.mark.parametrize(("text", "intent", "kinds"), [
    ("refund me for the gift card", "other", ["non_refundable"]),
    ("how do I use my gift card?", "how_to", []),
    ("I want to cancel my order", "cancel", ["non_refundable"]),
])
def test_only_a_money_back_request_raises_the_policy(record: RecordFactory, text: str, intent: str,
                                                    kinds: list[str]) -> None:
    session, ann = record(orders=[GIFT])
    facts = check_policy(session, ann, make_reading(text, intent=intent, confidence=0.9), Policy(), NOW)
    assert [f.kind for f in facts] == kinds


def test_a_refundable_order_raises_nothing(record: RecordFactory) -> None:
    session, ann = record(orders=[{**GIFT, "items": [{"sku": "JKT"}]}])
    assert check_policy(session, ann, make_reading("refund please"), Policy(), NOW) == []
