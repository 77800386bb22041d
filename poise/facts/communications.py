"""not_informed -> what we sent on that topic, and when.

Seed 000: "They blame you for not sending you information (that you sent), or are acting on assumptions
with emails tell them otherwise". The fact names the email (subject, date, channel) so the reply can resend
it kindly; when nothing on record matches, the gap is ours (NEVER_INFORMED). A product that "doesn't work"
when we sent instructions about exactly that ("operating it incorrectly") gets the same INFORMED_BEFORE fact,
bearing "context", so the reply explains instead of arguing.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from poise.facts.common import (
    CLAIM_PATTERNS,
    claims_of,
    fmt_date,
    intent_is,
    quote,
    sentence_around,
    steps_from,
    topic_phrase,
)
from poise.facts.facts import INFORMED_BEFORE, NEVER_INFORMED, Evidence, Fact, Policy
from poise.facts.match import keywords
from poise.reading.reading import Reading
from poise.store.models import Communication, Customer
from poise.store.queries import communications_for

# Topic words too general to say two texts are about the same thing when they are all that is shared.
GENERIC_TOPIC_WORDS: frozenset[str] = frozenset({"instructions", "setup", "update", "news", "newsletter",
                                                 "notice", "welcome", "confirmation", "your", "important"})


def _topic_words(comm: Communication) -> set[str]:
    words: set[str] = set()
    for text in list(comm.topics) + [comm.subject or ""]:
        words |= keywords(str(text))
    return words


def best_communication(comms: list[Communication], text: str, *, exclude: frozenset[str] = frozenset()
                       ) -> tuple[Communication, set[str]] | None:
    """The communication whose topics and subject share the most words with `text` (newest on a tie)."""
    words = keywords(text) - exclude
    best: tuple[int, datetime, Communication, set[str]] | None = None
    for comm in comms:
        shared = (words & _topic_words(comm)) - exclude
        if not shared:
            continue
        key = (len(shared - GENERIC_TOPIC_WORDS) * 2 + len(shared), comm.sent_at)
        if best is None or key > best[:2]:
            best = (key[0], key[1], comm, shared)
    return None if best is None else (best[2], best[3])


BODY_MIN_SHARED = 2
"""Content words a claim must share with an email's body when its topics and subject share none."""


def body_match(comms: list[Communication], text: str) -> tuple[Communication, set[str]] | None:
    """The communication whose body shares the most content words with `text` (at least BODY_MIN_SHARED)."""
    words = keywords(text) - GENERIC_TOPIC_WORDS
    best: tuple[int, datetime, Communication, set[str]] | None = None
    for comm in comms:
        shared = words & keywords(comm.body)
        if len(shared) >= BODY_MIN_SHARED and (best is None or (len(shared), comm.sent_at) > best[:2]):
            best = (len(shared), comm.sent_at, comm, shared)
    return None if best is None else (best[2], best[3])


def _topic_name(comm: Communication, shared: set[str]) -> str:
    for topic in comm.topics:
        if keywords(str(topic)) & shared:
            return str(topic)
    return comm.subject or "that"


def informed_fact(comm: Communication, shared: set[str], *, claim: str | None, bearing: str, now: datetime
                  ) -> Fact:
    """INFORMED_BEFORE for one communication: subject, date, channel and what it said."""
    topic = _topic_name(comm, shared)
    when = fmt_date(comm.sent_at, now)
    via = "emailed" if comm.channel == "email" else f"sent by {comm.channel}"
    to = f" to {comm.to_address}" if comm.to_address else ""
    statement = f"We {via} \"{comm.subject or topic}\"{to} on {when}."
    data: dict[str, object] = {"topic": topic, "subject": comm.subject, "channel": comm.channel,
                               "sent_at": comm.sent_at.isoformat(), "body": quote(comm.body, 400),
                               "steps": steps_from(comm.body), "opened": comm.opened_at is not None,
                               "matched_words": sorted(shared)}
    return Fact(INFORMED_BEFORE, claim, bearing, statement,
                (Evidence("communication", comm.external_id, comm.sent_at, quote(comm.subject or comm.body)),),
                data)


def _topic_after_phrase(text: str) -> str:
    """The topic after the words that make the claim ("nobody told me ..."), when the claim's span covers more."""
    for pattern in CLAIM_PATTERNS["not_informed"]:
        found = pattern.search(text)
        if found:
            return topic_phrase(text, found.end())
    return ""


def check_communications(session: Session, customer: Customer, reading: Reading, policy: Policy,
                         now: datetime) -> list[Fact]:
    """Facts for "you never told me" (and for a "broken" product we sent instructions about)."""
    comms = [c for c in communications_for(session, customer) if c.sent_at <= now]
    facts: list[Fact] = []
    for claim in claims_of(reading, "not_informed")[:1]:
        focus = sentence_around(reading.text, claim.span)
        found = (best_communication(comms, focus) or best_communication(comms, reading.text)
                 or body_match(comms, focus) or body_match(comms, reading.text))
        if found is not None:
            facts.append(informed_fact(found[0], found[1], claim="not_informed", bearing="contradicts", now=now))
        else:
            topic = topic_phrase(reading.text, claim.span[1]) or _topic_after_phrase(reading.text) or "this"
            facts.append(Fact(NEVER_INFORMED, "not_informed", "supports",
                              "We have no record of telling you about this before.", (),
                              {"topic": topic, "searched": len(comms)}))
    if facts:
        return facts
    defect = claims_of(reading, "defective")
    if defect or intent_is(reading, "how_to", "defect_report"):
        # Only topic words beyond the generic ones and the product's own name count: "it won't pair" meets
        # an email about "pairing", not every welcome email about the product.
        found = best_communication(comms, reading.text, exclude=GENERIC_TOPIC_WORDS)
        if found is not None and found[0].topics:
            facts.append(informed_fact(found[0], found[1], claim="defective" if defect else None,
                                       bearing="context", now=now))
    return facts
