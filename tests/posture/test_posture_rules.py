"""The posture rules: which posture wins, in what order, and the reasons it gives (see poise/posture/rules.py).

Each case names the seed sentence it encodes (../shared/seeds).
"""
from __future__ import annotations

from typing import Any

import pytest

from poise.facts import facts as fk
from poise.facts.facts import CustomerView, Evidence, Fact, Policy
from poise.posture.decide import choose_posture
from poise.posture.postures import Posture
from poise.posture.rules import RULES, abuse_at_staff, frustration_cues, upset_signals
from poise.reading.reading import Reading
from poise.reply.preview import make_reading

POLICY = Policy()
ANN = CustomerView("c-1", "Ann Lee")
WARNED = CustomerView("c-2", "Bo Stone", warnings=1)


def fact(kind: str, bearing: str = "context", statement: str = "", claim: str | None = None,
         **data: Any) -> Fact:
    """A Fact built by hand, with one piece of evidence."""
    return Fact(kind, claim, bearing, statement or f"{kind} on record.", (Evidence("order", "A-1"),), data)


CALM = make_reading("Hello, a question about my order.")
ANGRY = make_reading("This is the worst service ever.", emotions={"anger": 0.9}, complaint=0.9,
                     sentiment=("negative", -0.8))
INSULT = make_reading("You idiots lost my parcel.", emotions={"anger": 0.9}, complaint=0.9,
                      abuse_level="insult", abuse_target="staff", abuse_words=("You idiots",))
THREAT = make_reading("I know where your office is.", abuse_level="threat", abuse_target="staff",
                      abuse_words=("I know where your office is",))
HATE = make_reading("(hateful words)", abuse_level="hate", abuse_target="group", abuse_words=("hateful words",))
SWEAR_AT_THING = make_reading("This damn blender is broken.", emotions={"annoyance": 0.7}, complaint=0.8,
                              abuse_level="profanity", abuse_target="thing", abuse_words=("damn",))
CONFUSED = make_reading("How do I set it up?", emotions={"confusion": 0.8}, intent="how_to")
PRAISE = make_reading("Thank you, it is perfect!", emotions={"gratitude": 0.9}, sentiment=("positive", 0.9),
                      intent="feedback_praise")


@pytest.mark.parametrize(("reading", "facts", "customer", "posture", "rule"), [
    # seed 002: "if a customer is being abusive or derogatory towards your employees ... show them the door"
    (INSULT, (), WARNED, Posture.PART_WAYS, "abuse_after_warning"),
    (INSULT, (fact(fk.ABUSE_HISTORY, warnings=2),), ANN, Posture.PART_WAYS, "abuse_after_warning"),
    (INSULT, (fact(fk.ABUSE_HISTORY, warnings=0, abusive_messages=2),), ANN, Posture.PART_WAYS,
     "abuse_after_warning"),
    (THREAT, (), ANN, Posture.PART_WAYS, "threat_or_hate"),
    (HATE, (), ANN, Posture.PART_WAYS, "threat_or_hate"),
    (CALM, (), CustomerView("c-9", "Cy", status="blocked"), Posture.PART_WAYS, "already_parted"),
    # seed 003: "The customer is nuts ... set a boundary and walk away"
    (ANGRY, (fact(fk.DELIVERED_WITH_PROOF, "contradicts", claim="not_received"),
             fact(fk.REPEATED_CONTACT, count=5, remedies_refused=2)), ANN, Posture.PART_WAYS,
     "demand_nothing_can_meet"),
    # seed 001: "Separate the 'jerk' from the content": first insult -> boundary, keep helping
    (INSULT, (), ANN, Posture.SET_BOUNDARY, "first_abuse_at_staff"),
    (INSULT, (fact(fk.NOT_DELIVERED, "supports"),), ANN, Posture.SET_BOUNDARY, "first_abuse_at_staff"),
    # seed 002: "Own up to the problem and work to resolve it as quickly as possible"
    (ANGRY, (fact(fk.LATE_DELIVERY, "supports", days_late=4),), ANN, Posture.OWN_AND_FIX, "our_fault"),
    (CALM, (fact(fk.DOUBLE_CHARGE, "supports", amount_cents=2400),), ANN, Posture.OWN_AND_FIX, "our_fault"),
    (CALM, (fact(fk.PROMISE_NOT_KEPT, "supports", promise="a call back"),), ANN, Posture.OWN_AND_FIX, "our_fault"),
    (CALM, (fact(fk.NEVER_INFORMED, "supports", topic="setup steps"),), ANN, Posture.OWN_AND_FIX, "our_fault"),
    (CALM, (fact(fk.NOT_DELIVERED, "supports"),), ANN, Posture.OWN_AND_FIX, "our_fault"),
    (CALM, (fact(fk.REFUND_OVERDUE, "supports", amount_cents=1500),), ANN, Posture.OWN_AND_FIX, "our_fault"),
    # our fault first even where the record contradicts part of the claim
    (ANGRY, (fact(fk.DELIVERED_WITH_PROOF, "contradicts"), fact(fk.LATE_DELIVERY, "supports")), ANN,
     Posture.OWN_AND_FIX, "our_fault"),
    # seed 002: "if a customer is being dishonest ... set things straight" (neutral facts)
    (ANGRY, (fact(fk.DELIVERED_WITH_PROOF, "contradicts", claim="not_received"),), ANN, Posture.STATE_FACTS,
     "record_contradicts_claim"),
    (CALM, (fact(fk.CHARGE_CORRECT, "contradicts", claim="wrong_charge"),), ANN, Posture.STATE_FACTS,
     "record_contradicts_claim"),
    (CALM, (fact(fk.RETURN_NOT_RECEIVED, "contradicts", claim="already_returned"),), ANN, Posture.STATE_FACTS,
     "record_contradicts_claim"),
    # seed 002: "demands a refund for a non-refundable product ... stand your ground"
    (ANGRY, (fact(fk.NON_REFUNDABLE, policy_text="Gift cards cannot be refunded"),), ANN, Posture.HOLD_POLICY,
     "policy_holds"),
    (CALM, (fact(fk.OUTSIDE_RETURN_WINDOW, days_since=45, window_days=30),), ANN, Posture.HOLD_POLICY,
     "policy_holds"),
    # seed 003 (Linda): "buying something on Friday, wearing or using it over the weekend ... 'faulty' on Monday"
    (CALM, (fact(fk.RETURN_PATTERN, pattern="bought before a weekend, returned as faulty after it"),), ANN,
     Posture.HOLD_POLICY, "policy_holds"),
    # seed 002: "repeatedly making the same mistake ... tell them what they need to do differently"
    (ANGRY, (fact(fk.REPEATED_MISTAKE, count=4, topic="upload"),), ANN, Posture.GUIDE_FIRMLY, "repeated_mistake"),
    # seed 002: "when a customer is confused ... explain things clearly and concisely"
    (CONFUSED, (), ANN, Posture.EXPLAIN_CLEARLY, "confused"),
    # seed 000: "They blame you for not sending you information (that you sent)": resend kindly
    (ANGRY, (fact(fk.INFORMED_BEFORE, "contradicts", claim="not_informed", topic="setup steps"),), ANN,
     Posture.EXPLAIN_CLEARLY, "confused"),
    # seed 002: "when a customer is angry ... acknowledge their feelings"
    (ANGRY, (), ANN, Posture.ACKNOWLEDGE_AND_RESOLVE, "upset"),
    (SWEAR_AT_THING, (), ANN, Posture.ACKNOWLEDGE_AND_RESOLVE, "upset"),
    # seed 001: "thank them regardless of the outcome"
    (PRAISE, (), ANN, Posture.THANK, "praise"),
    (CALM, (), ANN, Posture.ACKNOWLEDGE_AND_RESOLVE, "resolve_request"),
])
def test_rules_primary_posture(reading: Reading, facts: tuple[Fact, ...], customer: CustomerView,
                               posture: Posture, rule: str) -> None:
    decision = choose_posture(reading, facts, customer=customer, policy=POLICY)
    assert (decision.posture, decision.rule) == (posture, rule)


@pytest.mark.parametrize(("reading", "facts", "customer", "reason"), [
    (INSULT, (), WARNED, "abuse at staff (insult: 'You idiots') after 1 earlier warning"),
    (INSULT, (), CustomerView("c-3", "Di", warnings=2), "abuse at staff (insult: 'You idiots') after 2 earlier warnings"),
    (INSULT, (), ANN, "abuse at staff (insult: 'You idiots'), first time: no earlier warning"),
    (THREAT, (), ANN, ("abuse at staff (threat: 'I know where your office is'): a threat or hate ends the "
                      "relationship without a first warning")),
    (ANGRY, (fact(fk.LATE_DELIVERY, "supports", "Order A-1 arrived 4 days late."),), ANN,
     "our fault: late_delivery (Order A-1 arrived 4 days late.)"),
    (ANGRY, (fact(fk.DELIVERED_WITH_PROOF, "contradicts", "Signed for by A. Lee on 3 March.", "not_received"),), ANN,
     "the record contradicts the claim not_received: delivered_with_proof (Signed for by A. Lee on 3 March.)"),
    (CALM, (fact(fk.RETURN_PATTERN, pattern="bought before a weekend"),), ANN,
     "policy: return_pattern (bought before a weekend; a pattern to check, not a verdict)"),
    (CALM, (fact(fk.REPEATED_MISTAKE, "context", "Fourth upload over 20 MB.", count=4),), ANN,
     "repeated mistake, 4 times in 90 days: repeated_mistake (Fourth upload over 20 MB.)"),
    (ANGRY, (), ANN, "upset: anger 0.90, complaint 0.90, sentiment negative -0.80"),
    (SWEAR_AT_THING, (), ANN, "upset: annoyance 0.70, complaint 0.80, swearing about a thing (not at staff)"),
    (CONFUSED, (), ANN, "confusion 0.80"),
    (PRAISE, (), ANN, "praise: gratitude 0.90, intent feedback_praise 0.90, sentiment positive 0.90, no complaint"),
])
def test_rules_reasons_name_the_deciding_signal(reading: Reading, facts: tuple[Fact, ...],
                                                customer: CustomerView, reason: str) -> None:
    decision = choose_posture(reading, facts, customer=customer, policy=POLICY)
    assert decision.reasons[0] == reason


@pytest.mark.parametrize(("level", "target", "expected"), [
    ("insult", "staff", True), ("threat", "staff", True), ("hate", "group", True), ("profanity", "staff", True),
    ("profanity", "thing", False), ("profanity", "none", False), ("insult", "thing", False), ("none", "none", False),
])
def test_rules_abuse_at_staff_is_not_swearing_about_a_thing(level: str, target: str, expected: bool) -> None:
    reading = make_reading("some words", abuse_level=level, abuse_target=target, abuse_words=("words",))
    assert abuse_at_staff(reading) is expected


def test_rules_swearing_about_a_thing_never_sets_a_boundary() -> None:
    decision = choose_posture(SWEAR_AT_THING, (), customer=WARNED, policy=POLICY)
    assert decision.posture is Posture.ACKNOWLEDGE_AND_RESOLVE


@pytest.mark.parametrize(("count", "posture"), [(2, Posture.ACKNOWLEDGE_AND_RESOLVE), (3, Posture.GUIDE_FIRMLY),
                                                (7, Posture.GUIDE_FIRMLY)])
def test_rules_repeated_mistake_needs_the_threshold(count: int, posture: Posture) -> None:
    facts = (fact(fk.REPEATED_MISTAKE, count=count),)
    assert choose_posture(ANGRY, facts, customer=ANN, policy=Policy(repeat_threshold=3)).posture is posture


@pytest.mark.parametrize(("refused", "count", "posture"), [
    (2, 3, Posture.PART_WAYS), (1, 5, Posture.STATE_FACTS), (3, 2, Posture.STATE_FACTS),
])
def test_rules_demand_nothing_can_meet_needs_refusals_and_repeats(refused: int, count: int, posture: Posture) -> None:
    facts = (fact(fk.CHARGE_CORRECT, "contradicts", claim="wrong_charge"),
             fact(fk.REPEATED_CONTACT, count=count, remedies_refused=refused))
    assert choose_posture(ANGRY, facts, customer=ANN, policy=POLICY).posture is posture


def test_rules_upset_signals_lists_each_signal_with_its_value() -> None:
    reading = make_reading("x", emotions={"anger": 0.6, "disappointment": 0.55, "gratitude": 0.9}, complaint=0.2,
                           sentiment=("negative", -0.1))
    assert upset_signals(reading) == ["anger 0.60", "disappointment 0.55"]


def test_rules_order_is_the_documented_priority() -> None:
    assert [r.posture for r in RULES] == [
        Posture.PART_WAYS, Posture.PART_WAYS, Posture.PART_WAYS, Posture.PART_WAYS, Posture.SET_BOUNDARY,
        Posture.OWN_AND_FIX, Posture.STATE_FACTS, Posture.HOLD_POLICY, Posture.GUIDE_FIRMLY,
        Posture.EXPLAIN_CLEARLY, Posture.ACKNOWLEDGE_AND_RESOLVE, Posture.THANK, Posture.ACKNOWLEDGE_AND_RESOLVE]
    assert [r.fallback for r in RULES].index(True) == len(RULES) - 1


@pytest.mark.parametrize(("reading", "posture"), [
    # "Please cancel my box. Thanks": gratitude, but a request (seed 001: the silent customer who fires you)
    (make_reading("Please cancel my coffee box from next month. Thanks", emotions={"gratitude": 1.0},
                  sentiment=("positive", 0.97), want="They want to cancel."), Posture.ACKNOWLEDGE_AND_RESOLVE),
    (make_reading("Just wanted to say the kettle works perfectly. Thanks so much!", emotions={"gratitude": 0.95},
                  sentiment=("positive", 0.98), want="They want a replacement."), Posture.THANK),
    (make_reading("Cancel it. Thanks", emotions={"gratitude": 0.9}, sentiment=("positive", 0.9), intent="cancel"),
     Posture.ACKNOWLEDGE_AND_RESOLVE),
    # a repeated-contact claim is context, not an ask: feedback with thanks is still praise
    (make_reading("Thanks for the jacket! The checkout asked for my address three times.",
                  emotions={"gratitude": 1.0}, sentiment=("positive", 0.99), claims=("repeated_contact",)),
     Posture.THANK),
    # a complaint score on a happy note is not upset: "all sorted now, cheers for getting the refund through"
    (make_reading("all sorted now, cheers for getting the refund through so quickly", emotions={"joy": 0.68},
                  complaint=0.53, sentiment=("positive", 0.95)), Posture.THANK),
    (make_reading("Parcel late again", complaint=0.53, sentiment=("neutral", -0.1)), Posture.ACKNOWLEDGE_AND_RESOLVE),
    # a calm question is answered clearly; an angry question is acknowledged first
    (make_reading("Can I skip a month?", emotions={"curiosity": 0.71}, sentiment=("negative", -0.4)),
     Posture.EXPLAIN_CLEARLY),
    (make_reading("Why is it late AGAIN?", emotions={"curiosity": 0.6, "anger": 0.7}), Posture.ACKNOWLEDGE_AND_RESOLVE),
])
def test_rules_praise_questions_and_requests(reading: Reading, posture: Posture) -> None:
    assert choose_posture(reading, (), customer=ANN, policy=POLICY).posture is posture


def test_an_angry_question_read_as_curiosity_is_not_calm() -> None:
    # Regression (scenario angry-on-hold-change-address): "Been on hold 45 mins ... how is that so hard??"
    # reads as curiosity 0.77 with a complaint score of 0.9; it must be acknowledged, not just explained.
    reading = make_reading("Been on hold 45 mins just to change my address, how is that so hard??",
                           emotions={"curiosity": 0.77, "annoyance": 0.21}, complaint=0.9,
                           sentiment=("negative", -0.6))
    assert choose_posture(reading, (), customer=ANN, policy=POLICY).posture is Posture.ACKNOWLEDGE_AND_RESOLVE


@pytest.mark.parametrize(("text", "cues"), [
    ("Been on hold 45 mins and got cut off BOTH times, how is that so hard??", ["shouting ('BOTH')", "'??'"]),
    ("where is my order!!", ["'!!'"]),
    ("My USB cable from UPS is fine, how do I pair it?", []),
])
def test_frustration_cues_without_angry_words(text: str, cues: list[str]) -> None:
    assert frustration_cues(make_reading(text, sentiment=("neutral", -0.1))) == cues


def test_frustration_cues_ignore_glad_messages() -> None:
    assert frustration_cues(make_reading("THANK you so much!!", sentiment=("positive", 0.9))) == []
