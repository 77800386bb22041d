"""triage: read -> facts -> posture -> draft -> tone, and its JSONL record (poise.triage)."""
from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from poise.facts.facts import Policy
from poise.message import Message
from poise.posture.decide import Decision
from poise.posture.postures import Posture
from poise.posture.remedy import Remedy
from poise.store.db import make_engine, session_scope
from poise.store.demo import DEMO_NOW, seed_demo
from poise.store.models import Base, DecisionRecord, DraftRecord, ReadingRecord
from poise.store.models import Message as StoredMessage
from poise.triaging import (
    CONTRACT_KEYS,
    authority_for,
    triage,
    triage_jsonl,
    triage_jsonl_line,
    triage_record,
)

EXTRA_KEYS = ("secondary", "remedy", "customer")


@pytest.fixture()
def demo(sqlite_url: str) -> Iterator[Engine]:
    """A real SQLite file holding the demo business's record, dated as of DEMO_NOW."""
    engine = make_engine(sqlite_url)
    Base.metadata.create_all(engine)
    seed_demo(engine, DEMO_NOW)
    yield engine
    engine.dispose()


def test_triage_signed_delivery_states_facts(demo: Engine) -> None:
    with session_scope(demo) as session:
        result = triage("Order O-5007 never arrived. I want my money back.", customer="derek.walsh@example.com",
                        session=session, now=DEMO_NOW)
    assert (result.decision.posture, [f.kind for f in result.facts][:1], result.draft.text.splitlines()[0],
            result.tone.ok) == (Posture.STATE_FACTS, ["delivered_with_proof"], "Hi Derek,", True)


def test_to_dict_has_exactly_the_contract_keys(demo: Engine) -> None:
    with session_scope(demo) as session:
        out = triage("Where is my order?", customer="maya.ortiz@example.com", session=session,
                     now=DEMO_NOW).to_dict()
    assert (tuple(out), type(out["posture"]), type(out["reasons"]), type(out["draft"]), sorted(out["tone"])) == (
        CONTRACT_KEYS + EXTRA_KEYS, str, list, str, ["empathy", "flags", "grade", "words"])


def test_unknown_customer_is_triaged_not_refused(demo: Engine) -> None:
    with session_scope(demo) as session:
        result = triage("My order never arrived. Where is it?", customer="nobody@example.com", session=session,
                        now=DEMO_NOW)
    assert ([f.kind for f in result.facts], result.customer.known) == (["unknown_customer"], False)


def test_an_order_named_only_in_the_subject_is_used(demo: Engine) -> None:
    with session_scope(demo) as session:
        result = triage(Message(text="it never came!", subject="Re: order O-5007"),
                        customer="derek.walsh@example.com", session=session, now=DEMO_NOW)
    assert (result.reading.extra["order_refs"], [f.data.get("order") for f in result.facts][:1]) == (
        ["O-5007"], ["O-5007"])


def test_triage_record_echoes_the_id(demo: Engine) -> None:
    with session_scope(demo) as session:
        out = triage_record({"id": 7, "customer": "derek.walsh@example.com", "text": "never got my shirt"},
                            session=session, now=DEMO_NOW)
    assert (out["id"], tuple(out)[1:7]) == (7, CONTRACT_KEYS)


@pytest.mark.parametrize(("obj", "expected"), [
    ({"id": "a", "customer": "x@example.com"}, {"id": "a", "code": "malformed_line"}),
    ({"id": "b", "customer": 5, "text": "hi"}, {"id": "b", "code": "malformed_line"}),
    ({"id": "c", "customer": "x@example.com", "text": "   "}, {"id": "c", "code": "empty_message"}),
    (["not", "an", "object"], {"id": None, "code": "malformed_line"}),
])
def test_a_bad_line_gives_an_error_object(demo: Engine, obj: object, expected: dict[str, object]) -> None:
    with session_scope(demo) as session:
        out = triage_record(obj, session=session, now=DEMO_NOW)
    assert ({k: out[k] for k in expected}, isinstance(out.get("error"), str)) == (expected, True)


def test_a_line_that_is_not_json_names_its_line_number(demo: Engine) -> None:
    with session_scope(demo) as session:
        out = triage_jsonl_line("{this is not json", 3, session=session)
    assert (out["line"], out["code"]) == (3, "malformed_line")


def _count(session: Session, model: type[Base]) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_record_stores_the_message_once_and_appends_history(demo: Engine) -> None:
    msg = Message(text="Order O-5007 never arrived.", sender="derek.walsh@example.com", message_id="<new1@mail.example>",
                  received_at=datetime(2026, 3, 16, 9, 0, tzinfo=UTC))
    with session_scope(demo) as session:
        before = [_count(session, m) for m in (StoredMessage, ReadingRecord, DecisionRecord, DraftRecord)]
    for _ in range(2):
        with session_scope(demo) as session:
            triage(msg, customer="derek.walsh@example.com", session=session, now=DEMO_NOW, record=True)
    with session_scope(demo) as session:
        after = [_count(session, m) for m in (StoredMessage, ReadingRecord, DecisionRecord, DraftRecord)]
    assert [a - b for a, b in zip(after, before)] == [1, 2, 2, 2]


def test_a_reply_joins_the_ticket_of_the_email_it_answers(demo: Engine) -> None:
    msg = Message(text="Still no update from you.", sender="lena.fischer@example.com",
                  message_id="<lena2@mail.example>", in_reply_to="<t3201.2@juniperandpine.example>")
    with session_scope(demo) as session:
        stored_ticket = triage(msg, customer="lena.fischer@example.com", session=session, now=DEMO_NOW,
                               record=True)
        row = session.scalars(select(StoredMessage).where(StoredMessage.message_id == "<lena2@mail.example>")).one()
        assert (stored_ticket.customer.name, row.ticket.external_id) == ("Lena Fischer", "T-3201")


@pytest.mark.parametrize(("remedy", "allowed", "expected"), [
    (None, 0, 5000),
    (Remedy("refund", 2000, True, "a refund of $20.00, today"), 0, 5000),
    (Remedy("refund_on_parting", 13900, True, "a full refund of $139.00"), 0, 13900),
    (Remedy("keep_promise", 9000, False, "the $90.00 we promised"), 0, 5000),
    (Remedy("fix_charge", 8900, True, "the $89.00 charged twice"), 8900, 8900),
])
def test_authority_is_what_the_decision_allows(remedy: Remedy | None, allowed: int, expected: int) -> None:
    decision = Decision(Posture.OWN_AND_FIX, (), (), remedy, 1, authority_cents=allowed)
    assert authority_for(decision, Policy(refund_authority_cents=5000)) == expected


def test_triage_jsonl_keeps_order_and_reports_bad_lines(demo: Engine) -> None:
    lines = ['{"id": "t1", "customer": "nobody@example.com", "text": "My order never arrived. Where is it?"}', "",
             "{broken", b'{"id": 2, "customer": "derek.walsh@example.com", "text": "never got my shirt"}']
    with session_scope(demo) as session:
        out = [json.loads(line) for line in triage_jsonl(lines, session=session, now=DEMO_NOW)]
    assert [(o.get("id"), o.get("line"), o.get("code"), o.get("posture") in Posture.__members__) for o in out] == [
        ("t1", None, None, True), (None, 3, "malformed_line", False), (2, None, None, True)]
