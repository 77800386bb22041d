"""Regressions for draft-quality problems found reading the scenario and demo drafts end to end
(/work/notes/scenario-failures.md, "Draft quality"): the posture and remedy half.

Each case names the seed sentence it encodes (../shared/seeds).
"""
from __future__ import annotations

from typing import Any

import pytest

from poise.facts import facts as fk
from poise.facts.facts import CustomerView, Evidence, Fact, Policy
from poise.posture.decide import choose_posture
from poise.posture.postures import Posture
from poise.posture.remedy import Remedy, cancel_object, topic_phrase, wants_to_cancel
from poise.posture.rules import asks_for_something, how_to_question, questions
from poise.reply.preview import make_reading

POLICY = Policy(refund_authority_cents=5_000, part_ways_refund_limit_cents=20_000, repeat_threshold=3)
ANN = CustomerView("c-1", "Ann Lee")


def fact(kind: str, bearing: str = "context", statement: str = "", **data: Any) -> Fact:
    return Fact(kind, None, bearing, statement or f"{kind} on record.", (Evidence("order", "A-1"),), data)


# ---------- THANK only when nothing is asked (seed 001: thank them; but a question needs its answer) ----------

SILLY_QUESTION = make_reading(
    "Hi, sorry if this is a silly question. I got the grinder last week. Which way do I turn the dial to make it "
    "finer for espresso, and do I turn it while it's running or when it's off? Thanks.",
    emotions={"gratitude": 0.8, "remorse": 0.6}, intent="feedback_praise", intent_confidence=0.82)
POLITE_CANCEL = make_reading("Please cancel my coffee box from next month. Thanks", emotions={"gratitude": 0.7},
                             intent="feedback_praise", intent_confidence=0.49, want="They want to cancel.")


@pytest.mark.parametrize(("reading", "posture", "rule"), [
    # a question with a polite "Thanks." is a question: explain, not "Notes like yours mean a lot"
    (SILLY_QUESTION, Posture.EXPLAIN_CLEARLY, "confused"),
    # a cancellation with "Thanks" is a request: do it and ask why (seed 001, the silent customer)
    (POLITE_CANCEL, Posture.ACKNOWLEDGE_AND_RESOLVE, "resolve_request"),
    # praise that asks nothing stays THANK
    (make_reading("Just wanted to say the kettle works perfectly. Thanks so much Sam!", emotions={"gratitude": 0.9},
                  sentiment=("positive", 0.9), intent="feedback_praise"), Posture.THANK, "praise"),
    # a suggestion is feedback, not a request
    (make_reading("Love the coffee box! Would be great if you did a decaf option too. Thanks!",
                  emotions={"gratitude": 0.9, "love": 0.8}, sentiment=("positive", 0.9), intent="feedback_praise"),
     Posture.THANK, "praise"),
])
def test_quality_thank_only_when_nothing_is_asked(reading: Any, posture: Posture, rule: str) -> None:
    decision = choose_posture(reading, (), customer=ANN, policy=POLICY)
    assert (decision.posture, decision.rule) == (posture, rule)


def test_quality_a_question_is_an_ask() -> None:
    assert asks_for_something(SILLY_QUESTION) == "a question ('Which way do I turn the dial to make it')"
    assert how_to_question(SILLY_QUESTION).startswith("Which way do I turn the dial")
    # "??" alone and rhetorical two-word questions are not questions to answer
    assert questions(make_reading("seriously?? why")) == []


# ---------- a repeated mistake outranks the return window (seed 002: tell them what to do differently) ----------

@pytest.mark.parametrize(("intent", "posture"), [
    ("defect_report", Posture.GUIDE_FIRMLY),   # "cut out again, third time": the fix is how they use it
    ("refund", Posture.HOLD_POLICY),           # asking for their money back: the window is the answer
])
def test_quality_repeated_mistake_outranks_the_return_window(intent: str, posture: Posture) -> None:
    reading = make_reading("Blender cut out again, third time now.", emotions={"annoyance": 0.7}, complaint=0.9,
                           intent=intent, claims=("defective",))
    facts = (fact(fk.REPEATED_MISTAKE, count=3, topic="blender", steps=["Add the liquid first"]),
             fact(fk.OUTSIDE_RETURN_WINDOW))
    assert choose_posture(reading, facts, customer=ANN, policy=POLICY).posture is posture


# ---------- remedies that read like a person, within authority ----------

ANGRY_OTHER = make_reading("Sort this out.", emotions={"anger": 0.8}, complaint=0.9)


@pytest.mark.parametrize(("reading", "facts", "total", "expected"), [
    # the generic remedy is an agent who owns it, not "my help to put this right"
    (ANGRY_OTHER, (), None, Remedy("support", None, True, "my own attention until this is sorted")),
    # a cancellation is done, at the time they asked for
    (POLITE_CANCEL, (), 3_000, Remedy("cancel", None, True, "cancel your coffee box from next month")),
    (make_reading("cancel my subscription please", intent="cancel"), (), None,
     Remedy("cancel", None, True, "cancel your subscription today")),
    # above the agent's authority the amount is not named (next step: "I will confirm it by ...")
    (make_reading("Refund me.", emotions={"anger": 0.8}, complaint=0.9, intent="refund"), (), 9_000,
     Remedy("refund", 9_000, False, "a full refund of your order")),
])
def test_quality_acknowledge_and_resolve_remedies(reading: Any, facts: tuple[Fact, ...], total: int | None,
                                                  expected: Remedy) -> None:
    decision = choose_posture(reading, facts, customer=ANN, policy=POLICY, order_total_cents=total)
    assert (decision.posture, decision.remedy) == (Posture.ACKNOWLEDGE_AND_RESOLVE, expected)


@pytest.mark.parametrize(("facts", "expected"), [
    # nothing on record to resend: an explanation today, never "I will email them to you"
    ((fact(fk.NEVER_INFORMED, "supports", topic="price was changeing"),),
     Remedy("explain", None, True, "a clear explanation of what changed, by email today")),
    ((fact(fk.NEVER_INFORMED, "supports", topic="price change"),),
     Remedy("explain", None, True, "a clear explanation of the price change, by email today")),
    # a promised update overtaken by a late delivery: make good the delay (seed 002: own up, resolve quickly)
    ((fact(fk.PROMISE_NOT_KEPT, "supports", promise="Hi Lena, I'm chasing the carrier now and will email you."),
      fact(fk.LATE_DELIVERY, "supports")),
     Remedy("refund", 600, True, "a refund of $6.00 for the delay, today")),
    # a promise quoted with its greeting is not echoed back inside the fix
    ((fact(fk.PROMISE_NOT_KEPT, "supports", promise="Hi Lena, I'm chasing the carrier now and will email you."),),
     Remedy("keep_promise", None, True, "what we promised, done today")),
])
def test_quality_own_and_fix_remedies(facts: tuple[Fact, ...], expected: Remedy) -> None:
    decision = choose_posture(ANGRY_OTHER, facts, customer=ANN, policy=POLICY, order_total_cents=3_000)
    assert (decision.posture, decision.remedy) == (Posture.OWN_AND_FIX, expected)


@pytest.mark.parametrize(("claims", "facts", "expected"), [
    # we already hold the return: a second look at a fault they name, not "send it back"
    ((), (fact(fk.RETURN_RECEIVED), fact(fk.RETURN_PATTERN, name="condition_found")),
     Remedy("inspect", None, True, "a second look at any fault you found, and a full refund if it is faulty")),
    # the policy's own alternative ("..., but you can pass your place to a friend")
    ((), (fact(fk.NON_REFUNDABLE, policy_text="Tickets can't be refunded, but you can pass your place on"),),
     Remedy("support", None, True, "help to arrange that, today")),
    # outside the window and faulty: a look at the fault
    (("defective",), (fact(fk.OUTSIDE_RETURN_WINDOW),),
     Remedy("support", None, True, "a look at the fault, to see what can still be done")),
    # outside the window, nothing wrong with it: nothing invented
    ((), (fact(fk.OUTSIDE_RETURN_WINDOW),), Remedy("none", None, True, "")),
])
def test_quality_hold_policy_remedies(claims: tuple[str, ...], facts: tuple[Fact, ...], expected: Remedy) -> None:
    reading = make_reading("I want my money back.", emotions={"annoyance": 0.6}, complaint=0.8, intent="other",
                           claims=claims)
    decision = choose_posture(reading, facts, customer=ANN, policy=POLICY, order_total_cents=3_000)
    assert (decision.posture, decision.remedy) == (Posture.HOLD_POLICY, expected)


@pytest.mark.parametrize(("text", "intent", "wants", "what"), [
    ("Please cancel my coffee box from next month. Thanks", "other", True, "your coffee box from next month"),
    ("can you cancel the order please", "other", True, "your order"),
    ("I want to cancel.", "cancel", True, "it"),
    ("My order was cancelled by mistake?", "other", False, "it"),
    # we cancelled it, or they want it kept: not a cancellation request
    ("why did you cancel my order??", "other", False, "it"),
    ("Please don't cancel my subscription, I paid!", "other", False, "it"),
    ("You cancelled it, so please cancel the box too", "other", True, "your box"),
])
def test_quality_cancel_detection(text: str, intent: str, wants: bool, what: str) -> None:
    reading = make_reading(text, intent=intent)
    assert (wants_to_cancel(reading), cancel_object(reading)) == (wants, what)


@pytest.mark.parametrize(("topic", "expected"), [
    ("setup steps", "the setup steps"), ("price was changeing", ""), ("your warranty", "your warranty"), ("", ""),
])
def test_quality_topic_phrase_names_only_noun_phrases(topic: str, expected: str) -> None:
    assert topic_phrase(fact(fk.NEVER_INFORMED, topic=topic)) == expected
