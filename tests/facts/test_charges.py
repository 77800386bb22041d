"""wrong_charge against the payments (poise.facts.charges)."""
from __future__ import annotations

from typing import Any

import pytest
from factkit import NOW, RecordFactory, make_reading

from poise.facts.charges import check_charges
from poise.facts.facts import Policy


def jacket(*payments: tuple[str, str, int]) -> dict[str, Any]:
    return {"id": "F-1", "customer": "C-1", "ordered_at": "2026-03-12T08:15:00Z", "items": [{"sku": "JKT"}],
            "payments": [{"id": pid, "kind": kind, "amount_cents": cents, "paid_at": "2026-03-12T08:15:20Z"}
                         for pid, kind, cents in payments]}


@pytest.mark.parametrize(("payments", "expected"), [
    ([("P-1", "charge", 8900), ("P-2", "charge", 8900)],
     [("double_charge", "supports", "Order F-1 was charged $89.00 twice (12 March and 12 March).")]),
    ([("P-1", "charge", 8900)],
     [("charge_correct", "contradicts",
       "Our record for order F-1 shows one charge of $89.00 on 12 March, matching the order total of $89.00.")]),
    ([("P-1", "charge", 8900), ("P-2", "charge", 8900), ("P-3", "refund", 8900)],
     [("charge_correct", "contradicts",
       "Our record for order F-1 shows charges totalling $89.00 after refunds, matching the order total of $89.00.")]),
    ([("P-1", "charge", 9900)], []),   # an overcharge is never called correct: left to a person
])
def test_charges_on_record_decide_the_fact(record: RecordFactory, payments: list[tuple[str, str, int]],
                                           expected: list[tuple[str, str, str]]) -> None:
    session, ann = record(orders=[jacket(*payments)])
    facts = check_charges(session, ann, make_reading("you charged me twice!!", "wrong_charge"), Policy(), NOW)
    assert [(f.kind, f.bearing, f.statement) for f in facts] == expected


def test_double_charge_carries_the_duplicate_amount(record: RecordFactory) -> None:
    session, ann = record(orders=[jacket(("P-1", "charge", 8900), ("P-2", "charge", 8900))])
    facts = check_charges(session, ann, make_reading("taken twice", "wrong_charge"), Policy(), NOW)
    assert [(f.data["amount_cents"], [e.record_id for e in f.evidence]) for f in facts] == [(8900, ["P-1", "P-2"])]
