"""draft_reply: a Decision -> a plain, short reply draft filled with this customer's specifics.

The template (the business's own, or the shipped default) decides the shape; this module gathers what goes
into it: the first name, what happened in the customer's own terms turned to "you", the facts with dates,
the policy text, the remedy and the next step with a time. Then it keeps the draft short: if the full form
is over the word limit, the template's brief form (`brief`) is used.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from poise.facts.facts import (
    CONTRADICTING_KINDS,
    DELIVERED_WITH_PROOF,
    DELIVERED_WITHOUT_PROOF,
    IN_TRANSIT,
    INFORMED_BEFORE,
    NEVER_INFORMED,
    REPEATED_CONTACT,
    REPEATED_MISTAKE,
    RETURN_PATTERN,
    RETURN_RECEIVED,
    WITHIN_RETURN_WINDOW,
    CustomerView,
    Fact,
    Policy,
)
from poise.posture.decide import Decision
from poise.posture.postures import Posture
from poise.posture.remedy import cancel_object, first_fact, format_money
from poise.reading.reading import Reading
from poise.reply.loader import load_template, render, template_name
from poise.reply.person import as_clause
from poise.reply.plain import count_words, flesch_kincaid_grade, tidy, word_limit
from poise.reply.wording import (
    CALM_ACKNOWLEDGEMENT,
    OFFERED_IN_NEXT_STEP,
    acknowledgement,
    fallback_steps,
    format_day,
    format_minutes,
    is_upset,
    next_step,
    policy_sentence,
    reassurance,
    remedy_sentence,
    short_acknowledgement,
    steps_are_actions,
    steps_from,
    thanks_closing,
)

MAX_ISSUE_WORDS = 20
"""A summary longer than this is not echoed back (a reply restates the problem in a line, not a paragraph)."""
MAX_KEY_FACTS = 2
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "madam"})
_GREETINGS = ("hi", "hello", "hey", "dear", "good morning", "good afternoon", "to whom")
# Summary sentences that are not a problem to restate: excerpts, "could not tell", requests and praise.
_NOT_AN_ISSUE = ("they write", "they wrote", "they say", "they do not say", "they don't say", "the message is",
                 "they are sharing", "they are asking", "they need help", "they are not asking")
_WARM_POSTURES = frozenset({Posture.ACKNOWLEDGE_AND_RESOLVE, Posture.EXPLAIN_CLEARLY})
_CONTEXT_KINDS = frozenset({DELIVERED_WITHOUT_PROOF, IN_TRANSIT, WITHIN_RETURN_WINDOW, RETURN_RECEIVED})
"""Facts that tell an upset or confused customer where things stand (shown by the resolving postures)."""
_HINTS = {DELIVERED_WITH_PROOF: "Parcels are sometimes left with a neighbour or at a front desk."}


@dataclass(frozen=True)
class Draft:
    """A reply draft: its text, the posture it was written for, and its measures against the limits."""

    text: str
    posture: Posture
    words: int
    grade: float
    word_limit: int
    template: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "posture": self.posture.value, "words": self.words, "grade": self.grade,
                "word_limit": self.word_limit, "template": self.template}


def draft_reply(decision: Decision, reading: Reading, facts: Sequence[Fact], *, customer: CustomerView,
                policy: Policy, templates_dir: Path | None = None, now: datetime | None = None,
                max_words: int | None = None) -> Draft:
    """Write the reply draft for `decision`, filled with this customer's specifics.

    templates_dir: a business's own templates (`<POSTURE>.j2`), tried before the shipped defaults.
    now: the moment of writing, for "by Friday 28 November" (default: now, UTC).
    max_words: the word limit for a normal message (default 120; 60 when the customer wrote under 20 words).

    Example:
        >>> draft = draft_reply(decision, reading, facts, customer=CustomerView("c1", "Ann Lee"), policy=Policy())
        >>> draft.text.splitlines()[0]
        'Hi Ann,'
    """
    when = now or datetime.now(UTC)
    limit = word_limit(reading.text) if max_words is None else word_limit(reading.text, max_words=max_words)
    template = load_template(decision.posture, templates_dir)
    context = draft_context(decision, reading, facts, customer=customer, policy=policy, now=when)
    text = tidy(render(template, context))
    if count_words(text) > limit:
        brief = draft_context(decision, reading, facts, customer=customer, policy=policy, now=when, brief=True)
        text = tidy(render(template, brief))
    if count_words(text) > limit:
        # still long (several steps to a short message): a one-line acknowledgement, nothing else dropped
        tight = draft_context(decision, reading, facts, customer=customer, policy=policy, now=when, brief=True,
                              tight=True)
        text = tidy(render(template, tight))
    return Draft(text=text, posture=decision.posture, words=count_words(text),
                 grade=flesch_kincaid_grade(text), word_limit=limit,
                 template=template.filename or template_name(decision.posture))


def first_name(customer: CustomerView) -> str:
    """The name to greet: the first name without a title ("Dr Ann Lee" -> "Ann"), or "there"."""
    for part in (customer.name or "").split():
        cleaned = part.strip(".,")
        if cleaned and cleaned.lower() not in _HONORIFICS:
            return cleaned[:1].upper() + cleaned[1:]
    return "there"


def issue_clause(reading: Reading) -> str:
    """What happened, from the summary, as a "that ..." clause in the second person ('' when unusable).

    Not echoed when it is long, a question, a greeting, or repeats words the abuse reader flagged:
    seed 001, "Separate the 'jerk' from the content".
    """
    issue = re.split(r"(?<=[.!?])\s|;\s", reading.summary.issue.strip(), maxsplit=1)[0]  # the first clause
    if not issue or "?" in issue or count_words(issue) > MAX_ISSUE_WORDS or any(q in issue for q in "\"“”"):
        return ""
    low = issue.lower()
    if low.startswith(_GREETINGS) or low.startswith(_NOT_AN_ISSUE):
        return ""
    if any(w.isupper() and len(w) > 2 and w.isalpha() for w in issue.split()):
        return ""  # shouting in the customer's words stays theirs
    for start, end in reading.abuse.spans:
        flagged = reading.text[start:end].strip().lower()
        if flagged and flagged in low:
            return ""
    return as_clause(issue, third_person=True)


def fact_view(fact: Fact, now: datetime) -> dict[str, Any]:
    """A fact as a template sees it: kind, statement, data and the date of its first dated evidence."""
    dated = next((e.when for e in fact.evidence if e.when is not None), None)
    return {"kind": fact.kind, "claim": fact.claim, "bearing": fact.bearing, "statement": fact.statement.strip(),
            "data": fact.data, "date": format_day(dated, now) if dated else ""}


def key_facts(posture: Posture, facts: Sequence[Fact]) -> list[Fact]:
    """The facts this posture's reply states: our faults, the contradicting record, or useful context."""
    if posture is Posture.OWN_AND_FIX:
        chosen = [f for f in facts if f.our_fault and f.bearing != "contradicts"]
    elif posture is Posture.STATE_FACTS:
        chosen = [f for f in facts if f.kind != INFORMED_BEFORE
                  and (f.kind in CONTRADICTING_KINDS or f.bearing == "contradicts")]
    elif posture is Posture.SET_BOUNDARY:  # the facts of the problem underneath: ours to own, or the record's
        chosen = [f for f in facts if (f.our_fault and f.bearing != "contradicts") or f.kind in _CONTEXT_KINDS or (
            f.kind != INFORMED_BEFORE and (f.kind in CONTRADICTING_KINDS or f.bearing == "contradicts"))]
    elif posture in {Posture.ACKNOWLEDGE_AND_RESOLVE, Posture.EXPLAIN_CLEARLY}:
        chosen = [f for f in facts if f.kind in _CONTEXT_KINDS]
    elif posture is Posture.HOLD_POLICY:  # a return we already hold: say when it came, not "send it back"
        chosen = [f for f in facts if f.kind == RETURN_RECEIVED]
    else:
        chosen = []
    return [f for f in chosen if f.statement.strip()][:MAX_KEY_FACTS]


def _recorded_steps(facts: Sequence[Fact]) -> tuple[list[str], Fact | None]:
    """The first steps the record holds (repeated mistake, then what we sent, then what we never sent)."""
    for kind in (REPEATED_MISTAKE, INFORMED_BEFORE, NEVER_INFORMED):
        for fact in facts:
            if fact.kind == kind and (found := steps_from(fact)):
                return found, fact
    return [], None


def condition_noted(facts: Sequence[Fact]) -> str:
    """What the record noted about a returned item when it arrived ('' when nothing was noted).

    Shown as a quote from the record, never as a verdict: "When it arrived, we noted: ..." (issue 3: a
    pattern is named with its evidence, never as an accusation).
    """
    received = first_fact(facts, RETURN_RECEIVED)
    noted = any(f.kind == RETURN_PATTERN and f.data.get("name") == "condition_found" for f in facts)
    if received is None or not noted:
        return ""
    quote = next((e.quote.strip().strip('"').rstrip(".") for e in received.evidence if e.quote.strip()), "")
    return f"When it arrived, we noted: \"{quote}.\"" if quote else ""


def _parting(decision: Decision) -> str:
    """Why we part ways, for the PART_WAYS template: "threat", "abuse", "blocked" or "nothing_can_meet"."""
    return {"threat_or_hate": "threat", "abuse_after_warning": "abuse", "already_parted": "blocked"}.get(
        decision.rule, "nothing_can_meet")


def draft_context(decision: Decision, reading: Reading, facts: Sequence[Fact], *, customer: CustomerView,
                  policy: Policy, now: datetime, brief: bool = False, tight: bool = False) -> dict[str, Any]:
    """Every variable a template may use (documented in poise/reply/templates/README.md).

    brief: the short form, for a draft over its word limit: templates drop what is not essential, and the
    remedy is offered without its alternative.
    tight: the brief form with a one-line acknowledgement, for a draft still over its limit.
    """
    posture = decision.posture
    how_to = first_fact(facts, REPEATED_MISTAKE, INFORMED_BEFORE, NEVER_INFORMED)
    recorded_steps, source = _recorded_steps(facts)
    steps: list[str] = []
    shown = key_facts(posture, facts)
    if posture in {Posture.EXPLAIN_CLEARLY, Posture.GUIDE_FIRMLY}:
        topic_of = str(how_to.data.get("topic", "")) if how_to else ""
        # no how-to on record but facts that answer the question: state them instead of generic steps
        steps = recorded_steps or ([] if shown and not how_to
                                   else fallback_steps(policy, topic_of, known=customer.known))
    elif posture is Posture.OWN_AND_FIX and decision.remedy is not None and decision.remedy.kind == "resend_info":
        steps = recorded_steps  # what we never sent, sent now
    elif posture is Posture.SET_BOUNDARY:
        steps = recorded_steps  # keep helping: the steps the problem underneath needs
    informed = first_fact(facts, INFORMED_BEFORE)
    # "also in our email of 3 March" only when the steps shown are the ones we sent
    informed_date = fact_view(informed, now)["date"] if informed is not None and source is informed and steps else ""
    topic = _as_topic(str(how_to.data.get("topic", "")) if how_to else "")
    mistake = first_fact(facts, REPEATED_MISTAKE)
    contacts = first_fact(facts, REPEATED_CONTACT)
    remedy: dict[str, Any] | None = None
    if decision.remedy is not None:
        remedy = decision.remedy.to_dict()
        amount = decision.remedy.amount_cents
        remedy["amount"] = format_money(amount, policy.currency) if amount is not None else ""
        remedy["text"] = decision.remedy.text if brief else decision.remedy.offer
        remedy["said_in_next_step"] = decision.remedy.kind in OFFERED_IN_NEXT_STEP
        remedy["sentence"] = remedy_sentence(decision.remedy, brief=brief, text=remedy["text"])
    warm = posture in _WARM_POSTURES
    if posture is Posture.THANK:
        ack = ""
    elif posture is Posture.PART_WAYS:  # polite to the end (seed 003), without reopening the matter
        ack = "I understand you are unhappy with us." if is_upset(reading) else ""
    else:
        ack = acknowledgement(reading, warm=warm)
        cancelling = decision.remedy is not None and decision.remedy.kind == "cancel"
        if cancelling:
            ack = "I'm sorry to see you go."  # seed 001: a customer leaving is a loss, not a ticket to close
        elif not ack and posture is Posture.ACKNOWLEDGE_AND_RESOLVE:
            ack = CALM_ACKNOWLEDGEMENT
        if tight and posture is Posture.OWN_AND_FIX:
            ack = ""  # the template already says "You are right, and I'm sorry": a second line adds nothing
        elif tight and ack and warm:
            ack = short_acknowledgement(reading, warm=warm)
    return {
        "first_name": first_name(customer),
        "business": policy.business_name,
        "posture": posture.value,
        "secondary": set(decision.secondary),
        "issue": issue_clause(reading),
        "want": as_clause(reading.summary.want, third_person=True) if reading.summary.want else "",
        "facts": [fact_view(f, now) for f in facts],
        "key_facts": [fact_view(f, now) for f in shown],
        "fact": fact_view(shown[0], now) if shown else None,
        "remedy": remedy,
        "next_step": next_step(decision, policy, now, facts, choice=not brief),
        "policy_text": policy_sentence(facts, policy) if posture is Posture.HOLD_POLICY else "",
        "steps": steps,
        "topic": topic,
        "count": mistake.data.get("count", 0) if mistake else 0,
        "contacts": contacts.data.get("count", 0) if contacts else 0,
        "informed_date": informed_date,
        "hint": next((_HINTS[f.kind] for f in shown if f.kind in _HINTS), ""),
        "acknowledgement": ack,
        "upset": is_upset(reading),
        "reply_within": format_minutes(policy.first_response_minutes),
        "ask_order_number": "ask_order_number" in decision.secondary,
        "thanks": "thank_for_telling" in decision.secondary or posture is Posture.THANK,
        "make_right": "ask_make_right" in decision.secondary,
        "parting": _parting(decision),
        "warnings": customer.warnings,
        "brief": brief,
        "tight": tight,
        "reassurance": reassurance(reading) if posture is Posture.EXPLAIN_CLEARLY else "",
        "cancel": cancel_object(reading) if decision.remedy is not None and decision.remedy.kind == "cancel" else "",
        "condition": condition_noted(facts) if posture is Posture.HOLD_POLICY else "",
        "steps_lead": _steps_lead(steps, source, brief),
        "thanks_closing": thanks_closing(reading) if posture is Posture.THANK else "",
    }


def _as_topic(topic: str) -> str:
    """A topic to follow "about the": lower-case start unless it is an acronym or a name-like code."""
    topic = topic.strip().rstrip(".")
    first = topic.split(" ", 1)[0] if topic else ""
    if first and first[:1].isupper() and first[1:].islower():
        return topic[:1].lower() + topic[1:]
    return topic


def _steps_lead(steps: list[str], source: Fact | None, brief: bool) -> str:
    """The words before numbered steps: how to do it, how it works (facts, not actions), or what happens next."""
    if not steps:
        return ""
    if source is None:  # no how-to on record: the steps are what I do next
        return "Here is what happens next:"
    if not steps_are_actions(steps):
        return "Here is how it works:"
    return "Here is how:" if brief else "Here is how to do it:"
