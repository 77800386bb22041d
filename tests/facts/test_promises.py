"""An agent's earlier promise, kept or not (poise.facts.promises)."""
from __future__ import annotations

from typing import Any

import pytest
from factkit import NOW, RecordFactory, make_reading

from poise.facts.facts import Policy
from poise.facts.promises import check_promises

PROMISED = make_reading("Sam promised me a refund two weeks ago, still nothing", "promised_by_staff")


def ticket(promise: str, sent_at: str = "2026-03-02T10:00:00Z") -> dict[str, Any]:
    return {"id": "T-1", "customer": "C-1", "subject": "Kettle", "status": "pending", "opened_at": "2026-03-01T09:00:00Z",
            "messages": [{"direction": "in", "sent_at": "2026-03-01T09:00:00Z", "text": "The kettle lid snapped."},
                         {"direction": "out", "author": "sam@shop.example", "sent_at": sent_at, "text": promise}]}


def kettle(*payments: dict[str, Any]) -> dict[str, Any]:
    return {"id": "F-1", "customer": "C-1", "ordered_at": "2026-02-10T10:00:00Z", "items": [{"sku": "JKT"}],
            "payments": list(payments)}


@pytest.mark.parametrize("record", ["sqlite", "postgresql"], indirect=True)
def test_a_refund_promised_and_not_paid_is_not_kept(record: RecordFactory) -> None:
    session, ann = record(orders=[kettle()], tickets=[ticket("Hi Ann, I'll refund the $45 to your card within 3 days.")])
    facts = check_promises(session, ann, PROMISED, Policy(), NOW)
    assert [(f.kind, f.bearing, f.data["action"], f.data["amount_cents"], f.statement) for f in facts] == [
        ("promise_not_kept", "supports", "refund", 4500,
         ("On 2 March we wrote \"Hi Ann, I'll refund the $45 to your card within 3 days.\", and our record "
          "does not show it done."))]


@pytest.mark.parametrize(("promise", "sent_at", "payments"), [
    ("I'll refund the $45 to your card within 3 days.", "2026-03-02T10:00:00Z",
     [{"id": "P-9", "kind": "refund", "amount_cents": 4500, "paid_at": "2026-03-04T10:00:00Z"}]),   # paid
    ("I'll refund the $45 to your card within 3 days.", "2026-03-15T10:00:00Z", []),                # not yet due
    ("Thanks for your patience.", "2026-03-02T10:00:00Z", []),                                      # no promise
])
def test_no_broken_promise_when_kept_not_due_or_none_made(record: RecordFactory, promise: str, sent_at: str,
                                                          payments: list[dict[str, Any]]) -> None:
    session, ann = record(orders=[kettle(*payments)], tickets=[ticket(promise, sent_at)])
    assert check_promises(session, ann, PROMISED, Policy(), NOW) == []


def test_a_promised_update_is_kept_by_a_later_message(record: RecordFactory) -> None:
    t = ticket("I will email you an update by 5pm tomorrow.")
    t["messages"].append({"direction": "out", "sent_at": "2026-03-03T16:00:00Z", "text": "Update: it shipped."})
    session, ann = record(tickets=[t])
    assert check_promises(session, ann, PROMISED, Policy(), NOW) == []
