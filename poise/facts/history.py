"""The customer's own history: the same mistake again, abuse before, and how often they have written.

- REPEATED_MISTAKE (seed 002, "when a customer is repeatedly making the same mistake ... tell them what they
  need to do differently"): earlier tickets on the same how-to or error, answered by us, at least
  `policy.repeat_threshold` times (this one included) within `policy.repeat_window_days`.
- ABUSE_HISTORY: standing warnings and earlier messages with abuse at staff (seed 000: "Set your boundaries,
  and if you need to fire a customer, fire a customer").
- REPEATED_CONTACT: messages in tickets still open ("third time I'm writing"): urgency, and for seed 003's
  "customer is nuts", how many remedies we offered that were refused.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from poise.facts.common import claims_of, fmt_date, quote, steps_from
from poise.facts.facts import ABUSE_HISTORY, REPEATED_CONTACT, REPEATED_MISTAKE, Evidence, Fact, Policy
from poise.facts.match import keywords
from poise.reading.reading import Reading
from poise.store.models import Customer, Message, Ticket
from poise.store.queries import customer_tickets, customer_warnings

ABUSE_LOOKBACK_DAYS = 365
CONTACT_WINDOW_DAYS = 30
MIN_SHARED_WORDS = 2
"""Words an earlier ticket must share with this message to be "the same" how-to or error."""
MAX_MESSAGES_READ = 50
"""At most this many of the customer's latest messages are checked for abuse (each may need a fresh reading)."""
ABUSE_AT_STAFF_LEVELS = frozenset({"insult", "threat", "hate"})
_OFFER = re.compile(r"\b(refund|replacement|replace|reship|resend|credit|voucher|discount|money back|"
                    r"send (?:you )?(?:a )?new)\b", re.IGNORECASE)
# The customer counting their own contacts: "third time I'm writing", "I have told you four times", "3rd email".
_CONTACTING = re.compile(r"\b(?:i|i'?ve|i'?m|i have|i am|we|we'?ve)\b.{0,30}\b(?:writ|wrote|email|e-mail|call|rang|"
                         r"phon|message|contact|chas|ask|told|tell|tried|reach)|\b(?:email|message|call|letter|"
                         r"attempt|time of asking)\b", re.IGNORECASE)
_ORDINALS = {"second": 2, "2nd": 2, "twice": 2, "third": 3, "3rd": 3, "three": 3, "fourth": 4, "4th": 4,
             "four": 4, "fifth": 5, "5th": 5, "five": 5}


def _inbound(ticket: Ticket) -> list[Message]:
    return [m for m in ticket.messages if m.direction == "in"]


def _ticket_text(ticket: Ticket) -> str:
    first = _inbound(ticket)
    return f"{ticket.subject or ''}\n{first[0].text if first else ''}"


def read_earlier(text: str) -> Reading:
    """Read an earlier message that has no stored reading (poise.read; tests may replace this function)."""
    from poise.reading import read  # read lazily: only when the record has unread messages
    return read(text)


def _stored_or_read(message: Message) -> Reading | dict[str, object]:
    """The stored reading of an earlier message (a dict), or a fresh one when none is stored."""
    if message.readings:
        return message.readings[-1].reading
    return read_earlier(message.text)


def _abusive(message: Message) -> bool:
    if not message.text.strip():
        return False
    reading = _stored_or_read(message)
    if isinstance(reading, dict):
        abuse = reading.get("abuse") or {}
        level = abuse.get("level") if isinstance(abuse, dict) else None
        target = abuse.get("target") if isinstance(abuse, dict) else None
    else:
        level, target = reading.abuse.level, reading.abuse.target
    return level in ABUSE_AT_STAFF_LEVELS and target != "thing"


def repeated_mistake(tickets: Sequence[Ticket], reading: Reading, policy: Policy, now: datetime) -> Fact | None:
    """REPEATED_MISTAKE when enough earlier answered tickets share this message's how-to or error."""
    since = now - timedelta(days=policy.repeat_window_days)
    words = keywords(reading.text)
    need = min(MIN_SHARED_WORDS, max(1, len(words)))
    matches: list[tuple[Ticket, set[str]]] = []
    for ticket in tickets:
        answered = any(m.direction == "out" for m in ticket.messages)
        if not (since <= ticket.opened_at < now) or not answered:
            continue
        shared = words & keywords(_ticket_text(ticket))
        if len(shared) >= need:
            matches.append((ticket, shared))
    count = len(matches) + 1
    if count < policy.repeat_threshold:
        return None
    last = matches[-1][0]
    answers = [m for t, _ in matches for m in t.messages if m.direction == "out"]
    common = set.intersection(*(s for _, s in matches))
    topic = last.subject or " ".join(sorted(common))
    dates = ", ".join(fmt_date(t.opened_at, now) for t, _ in matches)
    return Fact(REPEATED_MISTAKE, None, "context",
                f"This is the {_nth(count)} time in {policy.repeat_window_days} days you have asked about "
                f"{topic.lower()} (before: {dates}).",
                tuple(Evidence("ticket", t.external_id, t.opened_at, quote(t.subject or _ticket_text(t)))
                      for t, _ in matches),
                {"count": count, "topic": topic, "steps": steps_from(answers[-1].text) if answers else [],
                 "matched_words": sorted(common)})


def _nth(n: int) -> str:
    return {2: "second", 3: "third", 4: "fourth", 5: "fifth"}.get(n, f"{n}th")


def abuse_history(session: Session, customer: Customer, tickets: Sequence[Ticket], now: datetime) -> Fact | None:
    """ABUSE_HISTORY from standing warnings and earlier abusive messages."""
    warnings = [w for w in customer_warnings(session, customer) if w.created_at <= now]
    since = now - timedelta(days=ABUSE_LOOKBACK_DAYS)
    recent = sorted((m for t in tickets for m in _inbound(t) if since <= m.sent_at < now), key=lambda m: m.sent_at)
    abusive = [m for m in recent[-MAX_MESSAGES_READ:] if _abusive(m)]
    if not warnings and not abusive:
        return None
    evidence = [Evidence("warning", f"warning-{w.id}", w.created_at, quote(w.reason or w.kind)) for w in warnings]
    evidence += [Evidence("message", m.message_id or f"message-{m.id}", m.sent_at, quote(m.text, 80))
                 for m in abusive]
    parts = []
    if warnings:
        parts.append(f"we asked you to keep messages respectful on {fmt_date(warnings[-1].created_at, now)}")
    if abusive:
        parts.append(f"{len(abusive)} earlier message{'s' if len(abusive) != 1 else ''} crossed that line")
    statement = "Before this, " + " and ".join(parts) + "."
    return Fact(ABUSE_HISTORY, None, "context", statement, tuple(evidence),
                {"warnings": len(warnings), "abusive_messages": len(abusive)})


def repeated_contact(tickets: Sequence[Ticket], reading: Reading, now: datetime) -> Fact | None:
    """REPEATED_CONTACT: this customer's messages in open tickets lately, this one included."""
    since = now - timedelta(days=CONTACT_WINDOW_DAYS)
    open_tickets = [t for t in tickets if t.status != "closed" and t.closed_at is None]
    earlier = [m for t in open_tickets for m in _inbound(t) if since <= m.sent_at < now]
    claimed = claims_of(reading, "repeated_contact")
    said = 0
    for claim in claimed:
        if not _CONTACTING.search(claim.text):
            continue  # "the checkout asked for my address three times" counts something else
        for word in re.findall(r"\w+", claim.text.lower()):
            said = max(said, _ORDINALS.get(word, 0))
    count = max(len(earlier) + 1, said)
    if count < 2:
        return None
    refused = 0
    for t in open_tickets:
        msgs = sorted(t.messages, key=lambda m: m.sent_at)
        for i, m in enumerate(msgs):
            if m.direction == "out" and m.sent_at < now and _OFFER.search(m.text) and any(
                    later.direction == "in" for later in msgs[i + 1:] if later.sent_at < now):
                refused += 1
    first = min((m.sent_at for m in earlier), default=now)
    statement = (f"This is message {count} about this since {fmt_date(first, now)}." if earlier else
                 f"You say this is contact number {count} about this.")
    return Fact(REPEATED_CONTACT, "repeated_contact" if claimed else None, "context", statement,
                tuple(Evidence("message", m.message_id or f"message-{m.id}", m.sent_at, quote(m.text, 80))
                      for m in earlier),
                {"count": count, "remedies_refused": refused, "on_record": len(earlier) + 1})


def check_history(session: Session, customer: Customer, reading: Reading, policy: Policy,
                  now: datetime) -> list[Fact]:
    """Facts from the customer's history: repeated mistake, abuse history, repeated contact."""
    horizon = now - timedelta(days=max(policy.repeat_window_days, ABUSE_LOOKBACK_DAYS))
    tickets = [t for t in customer_tickets(session, customer, since=horizon) if t.opened_at <= now]
    found = [repeated_mistake(tickets, reading, policy, now), abuse_history(session, customer, tickets, now),
             repeated_contact(tickets, reading, now)]
    return [f for f in found if f is not None]
