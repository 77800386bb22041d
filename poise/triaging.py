"""triage: one customer message -> reading, facts, posture, draft and the draft's tone check.

The spine of poise, a short checked loop: read the message, check its claims against the record, choose the
posture, draft the reply, and run the tone guard on that draft. `Triage.to_dict()` is the JSON contract of
`poise triage --json` and of each `poise triage --jsonl` output line.
"""
from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from poise.errors import InputError, MalformedLine, PoiseError
from poise.facts.check import check_facts, order_in_question
from poise.facts.facts import CustomerView, Fact, Policy
from poise.facts.match import order_refs
from poise.jsonl import decode_line
from poise.message import Message
from poise.posture.decide import Decision, choose_posture
from poise.reading import read
from poise.reading.reading import Reading
from poise.reply.draft import Draft, draft_reply
from poise.store.db import atomic
from poise.store.models import Customer, DecisionRecord, DraftRecord, ReadingRecord, Ticket
from poise.store.models import Message as StoredMessage
from poise.store.queries import (
    current_policy,
    current_policy_record,
    customer_view,
    find_customer,
    find_message,
)
from poise.tone.guard import ToneReport, check_reply

CONTRACT_KEYS: tuple[str, ...] = ("reading", "facts", "posture", "reasons", "draft", "tone")
"""The keys every triage result carries (poise triage --json, and each --jsonl line after "id")."""


@dataclass(frozen=True)
class Triage:
    """Everything poise made of one message: what it read, what the record shows, and the reply it drafts."""

    reading: Reading
    facts: tuple[Fact, ...]
    decision: Decision
    draft: Draft
    tone: ToneReport
    customer: CustomerView

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract: reading, facts, posture, reasons, draft, tone; plus secondary, remedy, customer."""
        return {
            "reading": self.reading.to_dict(),
            "facts": [f.to_dict() for f in self.facts],
            "posture": self.decision.posture.value,
            "reasons": list(self.decision.reasons),
            "draft": self.draft.text,
            "tone": self.tone.to_dict(),
            "secondary": list(self.decision.secondary),
            "remedy": self.decision.remedy.to_dict() if self.decision.remedy is not None else None,
            "customer": {"id": self.customer.customer_id, "name": self.customer.name, "email": self.customer.email,
                         "known": self.customer.known, "status": self.customer.status,
                         "warnings": self.customer.warnings},
        }


def _as_message(message: str | Message) -> Message:
    if isinstance(message, Message):
        return message
    if isinstance(message, str):
        return Message(text=message)
    raise InputError(f"triage takes the message as text or a poise.message.Message, got {type(message).__name__}",
                     hint="pass the customer's text")


def _with_subject_refs(reading: Reading, message: Message) -> Reading:
    """Order numbers named only in the email subject ("Re: order 1042") count as named in the message."""
    if not message.subject or (reading.extra and reading.extra.get("order_refs")):
        return reading
    refs = order_refs(reading.text) + [r for r in order_refs(message.subject) if r not in order_refs(reading.text)]
    if not refs:
        return reading
    return replace(reading, extra={**reading.extra, "order_refs": refs})


def order_total(facts: list[Fact]) -> int | None:
    """The total of the order the facts are about (the first one that names an order), for the remedy."""
    for fact in facts:
        total = fact.data.get("order_total_cents")
        if isinstance(total, int):
            return total
    return None


def authority_for(decision: Decision, policy: Policy) -> int:
    """The most money this reply may name: what the decision allows (`Decision.authority_cents`, which covers
    money the record says we owe and a refund on parting ways), else the agent's refund authority.
    """
    allowed = getattr(decision, "authority_cents", 0) or 0
    remedy = decision.remedy
    granted = remedy.amount_cents if remedy is not None and remedy.within_authority and remedy.amount_cents else 0
    return max(policy.refund_authority_cents, allowed, granted)


def triage(message: str | Message, *, customer: str, session: Session, now: datetime | None = None,
           templates_dir: Path | None = None, record: bool = False, policy: Policy | None = None) -> Triage:
    """Triage one message from `customer` (an email address or the business's customer id; "" means the
    message's sender).

    now: the moment of judgement (default: now, UTC); the record is read as it stood then.
    templates_dir: the business's own reply templates (`<POSTURE>.j2`), tried before the shipped ones.
    record: also store the message, its reading, the decision and the draft (append-only rows).
    policy: the policy to judge by (default: the one in force in the record).

    An unknown customer is not an error: the facts say so and the reply asks for an order number.

    Example:
        >>> result = triage("my parcel never came!!", customer="ann@example.com", session=session)
        >>> result.decision.posture, result.draft.text.splitlines()[0]
        (<Posture.STATE_FACTS: 'STATE_FACTS'>, 'Hi Ann,')
    """
    msg = _as_message(message)
    moment = now or msg.received_at or datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    reading = _with_subject_refs(read(msg.text if msg.text.strip() else (msg.html or "")), msg)
    who = (customer or msg.sender or "").strip()
    found = find_customer(session, who) if who else None
    pol = policy or current_policy(session)
    view = customer_view(session, found, email=who if "@" in who else None)
    facts = check_facts(session, found, reading, policy=pol, now=moment, who=who or msg.sender)
    total = order_total(facts)
    if total is None:
        named = order_in_question(session, found, reading, moment)
        total = named.total_cents if named is not None else None
    decision = choose_posture(reading, facts, customer=view, policy=pol, order_total_cents=total)
    draft = draft_reply(decision, reading, facts, customer=view, policy=pol, templates_dir=templates_dir, now=moment)
    tone = check_reply(draft.text, posture=decision.posture, customer_message=reading,
                       authority_cents=authority_for(decision, pol))
    result = Triage(reading, tuple(facts), decision, draft, tone, view)
    if record:
        record_triage(session, result, msg, found, moment)
    return result


def record_triage(session: Session, result: Triage, message: Message, customer: Customer | None,
                  now: datetime) -> StoredMessage:
    """Store the message (once per Message-ID) and append its reading, decision and draft rows.

    The message joins the ticket of the email it answers (In-Reply-To / References), else a new ticket.
    """
    with atomic(session):
        stored = find_message(session, message.message_id) if message.message_id else None
        if stored is None:
            ticket = _thread_ticket(session, message)
            if ticket is None:
                ticket = Ticket(external_id=f"T-{uuid.uuid4().hex[:12]}", customer_id=customer.id if customer else None,
                                channel=message.channel, subject=message.subject, opened_at=now)
                session.add(ticket)
                session.flush()
            stored = StoredMessage(ticket_id=ticket.id, direction="in", channel=message.channel,
                                   author=message.sender, subject=message.subject, text=result.reading.text,
                                   html=message.html, sent_at=message.received_at or now,
                                   message_id=message.message_id, in_reply_to=message.in_reply_to,
                                   references=list(message.references))
            session.add(stored)
            session.flush()
        session.add(ReadingRecord(message_pk=stored.id, reading=result.reading.to_dict(),
                                  model_version=result.reading.model_version))
        policy_row = current_policy_record(session)
        decision = DecisionRecord(ticket_id=stored.ticket_id, message_pk=stored.id,
                                  posture=result.decision.posture.value, secondary=list(result.decision.secondary),
                                  reasons=list(result.decision.reasons), facts=[f.to_dict() for f in result.facts],
                                  remedy=result.decision.remedy.to_dict() if result.decision.remedy else {},
                                  policy_id=policy_row.id if policy_row else None,
                                  policy_version=result.decision.policy_version)
        session.add(decision)
        session.flush()
        session.add(DraftRecord(decision_id=decision.id, kind="draft", text=result.draft.text,
                                tone=result.tone.to_dict()))
        session.flush()
    return stored


def _thread_ticket(session: Session, message: Message) -> Ticket | None:
    for ref in ([message.in_reply_to] if message.in_reply_to else []) + list(reversed(message.references)):
        earlier = find_message(session, ref)
        if earlier is not None:
            return earlier.ticket
    return None


def triage_record(obj: Any, *, session: Session, now: datetime | None = None,
                  templates_dir: Path | None = None) -> dict[str, Any]:
    """Triage one JSONL line {"id", "customer", "text"} -> {"id", "reading", "facts", "posture", "reasons",
    "draft", "tone", ...}.

    A line poise cannot triage gives {"id", "error", "code"} instead (never an exception for bad input), so a
    bulk run reports the line and goes on. Input order and ids are the caller's to keep.
    """
    ident = obj.get("id") if isinstance(obj, dict) else None
    try:
        if not isinstance(obj, dict):
            raise MalformedLine("a triage line must be a JSON object",
                                hint='{"id": "1", "customer": "ann@example.com", "text": "..."}')
        text, who = obj.get("text"), obj.get("customer")
        if not isinstance(text, str):
            raise MalformedLine(f"triage line {ident!r}: \"text\" must be the message as text")
        if who is not None and not isinstance(who, str):
            raise MalformedLine(f"triage line {ident!r}: \"customer\" must be an email address or customer id")
        result = triage(text, customer=who or "", session=session, now=now, templates_dir=templates_dir)
    except PoiseError as exc:
        return {"id": ident, **exc.to_dict()}
    return {"id": ident, **result.to_dict()}


def triage_jsonl_line(line: str | bytes, line_number: int, *, session: Session, now: datetime | None = None,
                      templates_dir: Path | None = None) -> dict[str, Any]:
    """One raw JSONL line -> its output object; a line that is not JSON gives {"line": N, "error", "code"}."""
    obj, error, warnings = decode_line(line, line_number)
    if obj is None:
        return error or {"line": line_number}
    out = triage_record(obj, session=session, now=now, templates_dir=templates_dir)
    if "error" in out and out.get("id") is None:
        out = {"line": line_number, **out}
    if warnings:
        out["warnings"] = warnings
    return out


def triage_jsonl(lines: Iterable[str | bytes], *, session: Session, now: datetime | None = None,
                 templates_dir: Path | None = None) -> Iterator[str]:
    """`poise triage --jsonl`: one output JSON line per non-blank input line, in input order.

    Input lines are {"id", "customer", "text"}; each output is {"id", "reading", "facts", "posture", "reasons",
    "draft", "tone", ...}, or {"id"|"line", "error", "code"} for a line that cannot be triaged.
    """
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        out = triage_jsonl_line(raw, number, session=session, now=now, templates_dir=templates_dir)
        yield json.dumps(out, ensure_ascii=False, default=str)
