"""The Juniper & Pine demo: every posture has a message, every message a customer, and dates stay current."""
from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from poise.posture.postures import Posture
from poise.store.db import session_scope
from poise.store.demo import DEMO_NOW, demo_messages, demo_record, demo_shift, seed_demo
from poise.store.queries import customer_orders, find_customer
from poise.store.recordspec import parse_datetime


def test_demo_messages_cover_every_posture() -> None:
    postures = Counter(m["posture"] for m in demo_messages(DEMO_NOW))
    assert set(postures) == {p.value for p in Posture}
    assert len(demo_messages(DEMO_NOW)) >= 12


def test_demo_messages_come_from_known_customers(demo_readonly: Engine) -> None:
    with session_scope(demo_readonly) as session:
        unknown = [m["id"] for m in demo_messages(DEMO_NOW) if find_customer(session, m["customer"]) is None]
    assert unknown == []


@pytest.mark.parametrize(("now", "weeks"), [
    (DEMO_NOW, 0),
    (DEMO_NOW - timedelta(days=30), 0),
    (DEMO_NOW + timedelta(days=6, hours=23), 0),
    (DEMO_NOW + timedelta(days=7), 1),
    (datetime(2026, 11, 25, 18, 0, tzinfo=UTC), 36),
])
def test_demo_shift_is_whole_weeks(now: datetime, weeks: int) -> None:
    assert demo_shift(now) == timedelta(weeks=weeks)


def test_demo_shift_keeps_weekdays_and_moves_messages_too() -> None:
    now = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)
    record = demo_record(now)
    chloe = next(o for o in record["orders"] if o["id"] == "O-5008")
    bought, returned = parse_datetime(chloe["ordered_at"]), parse_datetime(chloe["returns"][0]["requested_at"])
    first = parse_datetime(demo_messages(now)[0]["received_at"])
    assert (bought.strftime("%A"), returned.strftime("%A"), bought.date().isoformat()) == (
        "Friday", "Monday", "2026-11-13")
    assert first - parse_datetime(demo_messages(DEMO_NOW)[0]["received_at"]) == timedelta(weeks=36)


def test_demo_seed_twice_changes_nothing(demo_engine: Engine) -> None:
    again = seed_demo(demo_engine, DEMO_NOW)
    with session_scope(demo_engine) as session:
        chloe = find_customer(session, "chloe.m@example.net")
        assert chloe is not None
        conditions = [r.condition_found for o in customer_orders(session, chloe) for i in o.items for r in i.returns]
    assert (again.changed, conditions) == (False, [
        "Worn; make-up on the collar; tags removed.", "Worn; smells of perfume; tags removed; seams intact."])
