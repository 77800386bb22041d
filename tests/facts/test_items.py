"""wrong_item against the record (poise.facts.items): what the order in question was for."""
from __future__ import annotations

from typing import Any

import pytest
from factkit import NOW, RecordFactory, make_reading

from poise.facts.facts import Policy
from poise.facts.items import check_items


def order(order_id: str, ordered_at: str, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": order_id, "customer": "C-1", "ordered_at": ordered_at, "items": items}


@pytest.mark.parametrize("record", ["sqlite", "postgresql"], indirect=True)
def test_wrong_item_gets_the_lines_of_the_order_it_names(record: RecordFactory) -> None:
    session, ann = record(orders=[
        order("W-1", "2026-03-01T10:00:00Z", [{"sku": "JKT"}]),
        order("W-2", "2026-03-10T10:00:00Z", [{"sku": "DRS"}, {"sku": "BLN", "quantity": 2}]),
    ])
    facts = check_items(session, ann, make_reading("order W-1: you sent me the wrong one", "wrong_item"),
                        Policy(), NOW)
    assert [(f.kind, f.claim, f.bearing) for f in facts] == [("ordered_items", "wrong_item", "context")]
    assert facts[0].statement == "Order W-1, placed 1 March, was for: rain jacket."
    latest = check_items(session, ann, make_reading("wrong item in the box", "wrong_item"), Policy(), NOW)[0]
    assert latest.statement == "Order W-2, placed 10 March, was for: satin dress, 2 x blender."
    assert [e.record_id for e in latest.evidence] == ["DRS", "BLN"]
    assert latest.data["items"][1] == {"sku": "BLN", "name": "blender", "quantity": 2}


def test_no_wrong_item_claim_or_no_order_gives_no_fact(record: RecordFactory) -> None:
    session, ann = record(orders=[order("W-1", "2026-03-01T10:00:00Z", [{"sku": "JKT"}])])
    assert check_items(session, ann, make_reading("where is my parcel", "not_received"), Policy(), NOW) == []
    empty_session, bob = record(orders=[])
    assert check_items(empty_session, bob, make_reading("wrong size sent", "wrong_item"), Policy(), NOW) == []
