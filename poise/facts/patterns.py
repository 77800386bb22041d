"""Return patterns: signs that a return may not be what it says, each named with its evidence, never a verdict.

The seeds describe the classic one: "buying something on Friday, wearing or using it over the weekend and
then trying to return it as 'faulty' on Monday". poise names what the record shows (the dates, the
condition found, earlier returns of the same kind) and leaves the judgement to a person; the posture holds
the policy without accusing anyone.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

# Reasons that call an item faulty (what the customer said when returning).
FAULT_WORDS: tuple[str, ...] = ("faulty", "defect", "broken", "broke", "doesn't work", "does not work",
                                "not working", "stopped working", "damaged", "ripped", "torn", "fell apart")
# What the warehouse found that says the item was used.
USED_WORDS: tuple[str, ...] = ("worn", "used", "tags removed", "tag removed", "no tags", "tags cut", "stained",
                               "washed", "perfume", "make-up", "makeup", "smell", "dirty", "scuffed")

# Things people wear, or use for one occasion, and could give back after it (category or product name).
OCCASION_WORDS: tuple[str, ...] = ("cloth", "apparel", "wear", "dress", "suit", "foot", "shoe", "boot", "heel",
                                   "accessor", "jewel", "bag", "costume", "party", "formal", "camping", "tent",
                                   "camera", "tool", "sport", "ski", "luggage")
WEEKEND_BEFORE_DAYS = {3, 4, 5}   # Thursday, Friday, Saturday (date.weekday())
WEEKEND_AFTER_DAYS = {6, 0, 1}    # Sunday, Monday, Tuesday
WEEKEND_MAX_GAP_DAYS = 5
EVENT_MAX_GAP_DAYS = 4
EARLIER_RETURNS_MIN = 2           # earlier "faulty" returns by the same customer before it is named


@dataclass(frozen=True)
class ReturnPattern:
    """One named pattern and the plain sentence saying what the record shows."""

    name: str            # "weekend_use", "after_event", "condition_found", "earlier_returns"
    statement: str
    record_ids: tuple[str, ...] = ()


def says_faulty(text: str | None) -> bool:
    """Whether a stated reason (or message) calls the item faulty."""
    low = (text or "").lower()
    return any(w in low for w in FAULT_WORDS)


def found_used(condition: str | None) -> bool:
    """Whether the condition found on receipt says the item was worn or used."""
    low = (condition or "").lower()
    return any(w in low for w in USED_WORDS)


def worn_or_used_for_an_occasion(description: str) -> bool:
    """Whether a product (its category and name) is the kind worn or used for one weekend or event."""
    low = description.lower()
    return any(w in low for w in OCCASION_WORDS)


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _fmt(value: date | datetime) -> str:
    d = _day(value)
    return f"{d.strftime('%A')} {d.day} {d.strftime('%B %Y')}"


def weekend_use(received: date | datetime | None, returned: date | datetime, *, faulty: bool,
                order_id: str) -> ReturnPattern | None:
    """Received Thursday to Saturday, returned as faulty Sunday to Tuesday right after."""
    if received is None or not faulty:
        return None
    r, b = _day(received), _day(returned)
    gap = (b - r).days
    if r.weekday() in WEEKEND_BEFORE_DAYS and b.weekday() in WEEKEND_AFTER_DAYS and 0 < gap <= WEEKEND_MAX_GAP_DAYS:
        return ReturnPattern("weekend_use", f"Order {order_id} arrived on {_fmt(r)} and was reported faulty on "
                             f"{_fmt(b)}, just after the weekend.", (order_id,))
    return None


def after_event(event: date | datetime | None, returned: date | datetime, *, faulty: bool, order_id: str,
                event_name: str = "the event") -> ReturnPattern | None:
    """Returned as faulty within a few days after the event the item was bought for."""
    if event is None or not faulty:
        return None
    e, b = _day(event), _day(returned)
    if 0 <= (b - e).days <= EVENT_MAX_GAP_DAYS:
        return ReturnPattern("after_event", f"Order {order_id} was bought for {event_name} on {_fmt(e)} and "
                             f"reported faulty on {_fmt(b)}.", (order_id,))
    return None


def condition_found(condition: str | None, *, return_id: str, received: date | datetime | None
                    ) -> ReturnPattern | None:
    """The item came back worn, used or without its tags."""
    if not found_used(condition):
        return None
    when = f" on {_fmt(received)}" if received else ""
    return ReturnPattern("condition_found", f"Return {return_id} was received{when} with the condition noted as "
                         f"\"{condition}\".", (return_id,))


def earlier_returns(earlier: Sequence[tuple[str, date | datetime, str | None, str | None]], *, faulty: bool,
                    minimum: int = EARLIER_RETURNS_MIN) -> ReturnPattern | None:
    """This customer's earlier returns of the same kind, given as (return id, when, reason, condition found).

    `minimum` of them are needed, or a single one that itself came back worn or used.
    """
    same = [(rid, when) for rid, when, reason, _ in earlier if says_faulty(reason) == faulty]
    used = [rid for rid, _, reason, cond in earlier if says_faulty(reason) == faulty and found_used(cond)]
    if len(same) < minimum and not used:
        return None
    dates = ", ".join(_fmt(w) for _, w in sorted(same, key=lambda x: _day(x[1])))
    kind = "as faulty" if faulty else "for the same reason"
    worn = f", {len(used)} of them found worn or used" if used else ""
    what = "earlier return was" if len(same) == 1 else "earlier returns were"
    return ReturnPattern("earlier_returns", f"{len(same)} {what} made {kind} ({dates}){worn}.",
                         tuple(rid for rid, _ in same))
