"""Return patterns: named with evidence, never a verdict (poise.facts.patterns)."""
from __future__ import annotations

from datetime import date

import pytest

from poise.facts import patterns


@pytest.mark.parametrize(("received", "returned", "faulty", "named"), [
    (date(2026, 3, 13), date(2026, 3, 16), True, True),    # Friday -> Monday, "faulty"
    (date(2026, 3, 12), date(2026, 3, 15), True, True),    # Thursday -> Sunday
    (date(2026, 3, 13), date(2026, 3, 16), False, False),  # not called faulty
    (date(2026, 3, 9), date(2026, 3, 12), True, False),    # Monday -> Thursday: no weekend
    (date(2026, 3, 6), date(2026, 3, 16), True, False),    # ten days later
])
def test_weekend_use_needs_the_weekend_and_a_faulty_claim(received: date, returned: date, faulty: bool,
                                                          named: bool) -> None:
    found = patterns.weekend_use(received, returned, faulty=faulty, order_id="F-1")
    assert (found is not None) is named


def test_weekend_use_states_the_dates() -> None:
    found = patterns.weekend_use(date(2026, 3, 13), date(2026, 3, 16), faulty=True, order_id="F-1")
    assert found == patterns.ReturnPattern(
        "weekend_use", "Order F-1 arrived on Friday 13 March 2026 and was reported faulty on Monday 16 March "
        "2026, just after the weekend.", ("F-1",))


def test_after_event_names_the_event() -> None:
    found = patterns.after_event(date(2026, 3, 14), date(2026, 3, 16), faulty=True, order_id="F-2",
                                 event_name="a wedding")
    assert found == patterns.ReturnPattern(
        "after_event", "Order F-2 was bought for a wedding on Saturday 14 March 2026 and reported faulty on "
        "Monday 16 March 2026.", ("F-2",))


@pytest.mark.parametrize(("condition", "named"), [
    ("Worn; tags removed.", True), ("smells of perfume", True), ("As new, tags on.", False), (None, False),
])
def test_condition_found_names_worn_or_used(condition: str | None, named: bool) -> None:
    found = patterns.condition_found(condition, return_id="R-1", received=date(2026, 3, 5))
    assert (found is not None) is named


@pytest.mark.parametrize(("earlier", "named"), [
    ([("R-1", date(2026, 1, 5), "Faulty", None), ("R-2", date(2026, 2, 5), "broken", None)], True),
    ([("R-1", date(2026, 1, 5), "Faulty", None)], False),
    ([("R-1", date(2026, 1, 5), "Faulty", "Worn, tags removed")], True),
    ([("R-1", date(2026, 1, 5), "Too big", None), ("R-2", date(2026, 2, 5), "Too small", None)], False),
])
def test_earlier_returns_needs_two_of_a_kind_or_one_found_used(
        earlier: list[tuple[str, date, str | None, str | None]], named: bool) -> None:
    assert (patterns.earlier_returns(earlier, faulty=True) is not None) is named
