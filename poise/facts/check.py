"""check_facts: run every claim family's checker against the record and gather what it shows.

Each checker takes (session, customer, reading, policy, now) and returns a list of Facts; they run in a fixed
order so the facts (and the reasons built from them) read the same every time.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from poise.facts.charges import check_charges
from poise.facts.common import CACHE_KEY, orders_until, pick_order
from poise.facts.communications import check_communications
from poise.facts.delivery import check_delivery
from poise.facts.facts import UNKNOWN_CUSTOMER, Fact, Policy
from poise.facts.history import check_history
from poise.facts.items import check_items
from poise.facts.policy import check_policy
from poise.facts.promises import check_promises
from poise.facts.refunds import check_refunds
from poise.facts.returns import check_returns
from poise.reading.reading import Reading
from poise.store.models import Customer, Order

Checker = Callable[[Session, Customer, Reading, Policy, datetime], list[Fact]]

CHECKERS: tuple[tuple[str, Checker], ...] = (
    ("history", check_history),
    ("promises", check_promises),
    ("charges", check_charges),
    ("delivery", check_delivery),
    ("items", check_items),
    ("returns", check_returns),
    ("refunds", check_refunds),
    ("policy", check_policy),
    ("communications", check_communications),
)
"""Every claim family's checker, by name, in the order their facts are listed."""


def unknown_customer_fact(who: str | None) -> Fact:
    """The one fact for a sender with no record: ask for an order number instead of guessing."""
    named = f" for {who}" if who else ""
    return Fact(UNKNOWN_CUSTOMER, None, "context", f"We have no customer record{named} yet.", (),
                {"customer": who})


def check_facts(session: Session, customer: Customer | None, reading: Reading, *, policy: Policy,
                now: datetime | None = None, checkers: Sequence[tuple[str, Checker]] = CHECKERS,
                who: str | None = None) -> list[Fact]:
    """What the record shows about the message's claims, each fact with its evidence.

    customer: the stored customer (poise.store.queries.find_customer), or None for an unknown sender.
    now: the moment of judgement (default: now, UTC); records after it are ignored, so a scenario or a
        replayed archive is judged as it was then.
    who: the address or id the message came from, named in the UNKNOWN_CUSTOMER fact.

    Example:
        >>> facts = check_facts(session, find_customer(session, "ann@example.com"), read(text),
        ...                     policy=current_policy(session))
    """
    if customer is None:
        return [unknown_customer_fact(who)]
    moment = now or datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    facts: list[Fact] = []
    session.info[CACHE_KEY] = {}
    try:
        for _, checker in checkers:
            for fact in checker(session, customer, reading, policy, moment):
                if fact not in facts:
                    facts.append(fact)
    finally:
        session.info.pop(CACHE_KEY, None)
    return facts


def order_in_question(session: Session, customer: Customer | None, reading: Reading,
                      now: datetime | None = None) -> Order | None:
    """The order the message is about when no fact named one: the order it names, else the most recent.

    Triage passes its total to the posture, so a refund on parting ways knows what "all of their money" is.
    """
    if customer is None:
        return None
    moment = now or datetime.now(UTC)
    return pick_order(orders_until(session, customer, moment), reading)
