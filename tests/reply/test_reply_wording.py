"""The words of a draft: dates like "3 March", next steps that carry a time, acknowledgements."""
from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from poise.facts import facts as fk
from poise.facts.facts import CustomerView, Evidence, Fact, Policy
from poise.posture.decide import choose_posture
from poise.reading.reading import Reading
from poise.reply.preview import make_reading
from poise.reply.wording import (
    acknowledgement,
    add_working_days,
    by_day,
    format_day,
    format_minutes,
    next_step,
    policy_sentence,
    steps_from,
)

NOW = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)  # a Wednesday


def fact(kind: str, bearing: str = "context", statement: str = "", **data: Any) -> Fact:
    return Fact(kind, None, bearing, statement or f"{kind} on record.", (Evidence("order", "A-1"),), data)


@pytest.mark.parametrize(("when", "expected"), [
    (date(2026, 3, 3), "3 March"), (datetime(2026, 12, 1, 8, 0), "1 December"), (date(2025, 11, 30), "30 November 2025"),
])
def test_wording_format_day(when: date, expected: str) -> None:
    assert format_day(when, NOW) == expected


@pytest.mark.parametrize(("days", "expected"), [(1, date(2026, 11, 26)), (2, date(2026, 11, 27)),
                                                (3, date(2026, 11, 30)), (5, date(2026, 12, 2))])
def test_wording_add_working_days_skips_weekends(days: int, expected: date) -> None:
    assert add_working_days(NOW, days) == expected


def test_wording_by_day() -> None:
    assert (by_day(NOW, 2), by_day(NOW, 5)) == ("Friday 27 November", "Wednesday 2 December")


@pytest.mark.parametrize(("minutes", "expected"), [(1, "1 minute"), (30, "30 minutes"), (60, "1 hour"),
                                                   (240, "4 hours"), (90, "2 hours"), (1440, "1 day"),
                                                   (2880, "2 days")])
def test_wording_format_minutes(minutes: int, expected: str) -> None:
    assert format_minutes(minutes) == expected


@pytest.mark.parametrize(("emotions", "warm", "expected"), [
    ({"anger": 0.9}, True, "I'm sorry, and I understand why you are angry."),
    ({"anger": 0.9}, False, "I understand why you are angry."),
    ({"disappointment": 0.7, "anger": 0.6}, True, "I'm sorry this let you down."),
    ({"confusion": 0.8}, True, "I'm sorry this was not clearer."),
    ({"gratitude": 0.9}, True, ""),
])
def test_wording_acknowledgement_names_the_feeling(emotions: dict[str, float], warm: bool, expected: str) -> None:
    assert acknowledgement(make_reading("x", emotions=emotions), warm=warm) == expected


def test_wording_acknowledgement_for_a_plain_complaint() -> None:
    reading: Reading = make_reading("x", complaint=0.9)
    assert acknowledgement(reading, warm=False) == "I understand why this is frustrating."


ANGRY = make_reading("x", emotions={"anger": 0.9}, complaint=0.9)


@pytest.mark.parametrize(("facts", "total", "expected"), [
    ((fact(fk.DOUBLE_CHARGE, "supports", amount_cents=100),), None, "You will see it on your card by Wednesday 2 December."),
    ((fact(fk.PROMISE_NOT_KEPT, "supports", amount_cents=90_000),), None, "I will confirm it by Thursday 26 November."),
    ((fact(fk.NOT_DELIVERED, "supports"),), None, "I will email you the tracking number today."),
    ((fact(fk.DELIVERED_WITH_PROOF, "contradicts"),), None,
     "If you still cannot find it, reply and I will open a claim with the carrier within 4 hours."),
    ((fact(fk.CHARGE_CORRECT, "contradicts"),), None,
     "Send me the line you do not recognise, and I will check it within 4 hours."),
    ((fact(fk.RETURN_NOT_RECEIVED, "contradicts"),), None,
     "Send me the tracking number, and I will trace it within 4 hours."),
    ((fact(fk.NON_REFUNDABLE),), None, "If you have any question about it, reply and I will answer within 4 hours."),
    # a return we already hold: never "send it back"
    ((fact(fk.RETURN_PATTERN, pattern="weekend"), fact(fk.RETURN_RECEIVED)), None,
     ("If there is a fault we missed, tell me what it is, and I will look again within 4 hours. If it is faulty, "
      "you get a full refund that day.")),
    ((fact(fk.OUTSIDE_RETURN_WINDOW),), None,
     "If there is anything else I can help with, reply and I will answer within 4 hours."),
    ((fact(fk.RETURN_PATTERN, pattern="weekend"),), None,
     ("Send it back, and we will check it within 2 working days of arrival. If it is faulty, you get a full "
     "refund that day.")),
    ((fact(fk.DELIVERED_WITHOUT_PROOF),), None,
     "I am tracing it with the carrier today. If it is not found in 2 working days, I will send a new one free."),
    ((fact(fk.IN_TRANSIT, due="2026-11-28"),), None,
     "If it has not arrived by 28 November, reply and I will chase the carrier the same day."),
    ((fact(fk.IN_TRANSIT),), None, ("If it has not arrived by Friday 27 November, reply and I will chase the carrier "
                                    "the same day.")),
])
def test_wording_next_step_always_has_a_time(facts: tuple[Fact, ...], total: int | None, expected: str) -> None:
    decision = choose_posture(ANGRY, facts, customer=CustomerView("c"), policy=Policy(), order_total_cents=total)
    assert next_step(decision, Policy(), NOW, facts) == expected


@pytest.mark.parametrize(("data", "expected"), [
    ({"steps": ["open the app", "Tap Add."]}, ["Open the app.", "Tap Add."]),
    ({"body": "1. Open the app\n2) Tap Add\n\n- Wait for the light"}, ["Open the app.", "Tap Add.",
                                                                       "Wait for the light."]),
    ({}, []),
])
def test_wording_steps_from(data: dict[str, Any], expected: list[str]) -> None:
    assert steps_from(fact(fk.INFORMED_BEFORE, **data)) == expected


@pytest.mark.parametrize(("facts", "policy", "expected"), [
    ((fact(fk.NON_REFUNDABLE, policy_text="Gift cards cannot be refunded."),), Policy(),
     "Our policy says: \"Gift cards cannot be refunded.\" So I can't refund it."),
    ((fact(fk.OUTSIDE_RETURN_WINDOW, "context", "You bought it 45 days ago; returns are open for 30 days."),), Policy(),
     "You bought it 45 days ago; returns are open for 30 days. So I can't accept it as a return."),
    # a return pattern is never named to the customer
    ((fact(fk.RETURN_PATTERN, "context", "Bought Friday, returned Monday.", pattern="weekend"),),
     Policy(restocking_fee_percent=10),
     ("We check every item returned as faulty when it reaches us. Items without a fault can come back within 30 "
     "days, less a 10% restocking fee.")),
])
def test_wording_policy_sentence(facts: tuple[Fact, ...], policy: Policy, expected: str) -> None:
    assert policy_sentence(facts, policy) == expected
