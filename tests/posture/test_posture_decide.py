"""choose_posture: the Decision as a whole (secondary elements, reasons, authority, JSON shape)."""
from __future__ import annotations

import json
from typing import Any

import pytest

from poise.facts import facts as fk
from poise.facts.facts import CustomerView, Evidence, Fact, Policy
from poise.posture.decide import Decision, choose_posture
from poise.posture.postures import Posture
from poise.posture.remedy import Remedy
from poise.reply.preview import SAMPLES, make_reading

POLICY = Policy(refund_authority_cents=5_000, part_ways_refund_limit_cents=20_000, version=3)
ANN = CustomerView("c-1", "Ann Lee")


def fact(kind: str, bearing: str = "context", statement: str = "", **data: Any) -> Fact:
    return Fact(kind, None, bearing, statement or f"{kind} on record.", (Evidence("order", "A-1"),), data)


ANGRY_LATE = make_reading("My order is late and I am furious.", emotions={"anger": 0.9}, complaint=0.9,
                          sentiment=("negative", -0.8), stakes=("churn",))


def test_decide_whole_decision_for_an_angry_customer_who_is_right() -> None:
    decision = choose_posture(ANGRY_LATE, (fact(fk.LATE_DELIVERY, "supports", "Order A-1 arrived 4 days late.",
                                                shipping_cents=500),),
                              customer=ANN, policy=POLICY)
    assert decision == Decision(
        posture=Posture.OWN_AND_FIX,
        secondary=("acknowledge_feelings", "thank_for_telling", "own_it", "offer_remedy", "reply_fast",
                   "ask_make_right"),
        reasons=("our fault: late_delivery (Order A-1 arrived 4 days late.)",
                 "also upset: anger 0.90, complaint 0.90, sentiment negative -0.80",
                 "remedy: refund $5.00, within the agent's authority of $50.00",
                 "reply fast: at stake: churn"),
        remedy=Remedy("refund", 500, True, "a refund of $5.00 for the delay, today"),
        policy_version=3, rule="our_fault", authority_cents=5_000)


def test_decide_to_dict_is_json() -> None:
    decision = choose_posture(ANGRY_LATE, (fact(fk.DOUBLE_CHARGE, "supports", amount_cents=9_900),),
                              customer=ANN, policy=POLICY)
    assert json.loads(json.dumps(decision.to_dict())) == {
        "posture": "OWN_AND_FIX", "rule": "our_fault",
        "secondary": ["acknowledge_feelings", "thank_for_telling", "own_it", "offer_remedy", "reply_fast",
                      "ask_make_right"],
        "reasons": ["our fault: double_charge (double_charge on record.)",
                    "also upset: anger 0.90, complaint 0.90, sentiment negative -0.80",
                    "remedy: fix_charge $99.00 (the customer's own money: no authority limit)",
                    "reply fast: at stake: churn"],
        "remedy": {"kind": "fix_charge", "amount_cents": 9_900, "within_authority": True,
                   "text": "a refund of the extra charge of $99.00, today", "alternative": "",
                   "offer": "a refund of the extra charge of $99.00, today"},
        "policy_version": 3, "authority_cents": 9_900}


@pytest.mark.parametrize("posture", list(Posture))
def test_decide_asks_how_to_make_right_only_where_the_posture_calls_for_it(posture: Posture) -> None:
    sample = SAMPLES[posture]
    decision = choose_posture(sample.reading, sample.facts, customer=sample.customer, policy=POLICY,
                              order_total_cents=sample.order_total_cents)
    assert decision.posture is posture
    assert ("ask_make_right" in decision.secondary) is posture.asks_how_to_make_right
    assert ("ask_make_right" in decision.secondary) is (posture not in {
        Posture.PART_WAYS, Posture.STATE_FACTS, Posture.THANK, Posture.HOLD_POLICY})


@pytest.mark.parametrize("posture", [p for p in Posture if p is not Posture.THANK])
def test_decide_thanks_every_complaint(posture: Posture) -> None:
    """Seed 001: "Thank them - even if you're furious." """
    sample = SAMPLES[posture]
    decision = choose_posture(sample.reading, sample.facts, customer=sample.customer, policy=POLICY,
                              order_total_cents=sample.order_total_cents)
    assert "thank_for_telling" in decision.secondary


def test_decide_part_ways_keeps_only_thanks_and_the_refund() -> None:
    reading = make_reading("You idiots were late again.", emotions={"anger": 0.9}, abuse_level="insult",
                           abuse_target="staff", abuse_words=("You idiots",))
    decision = choose_posture(reading, (fact(fk.LATE_DELIVERY, "supports"),),
                              customer=CustomerView("c-2", "Bo", warnings=1), policy=POLICY, order_total_cents=4_000)
    assert (decision.posture, decision.secondary) == (Posture.PART_WAYS, ("thank_for_telling", "offer_remedy"))
    assert decision.authority_cents == 20_000


def test_decide_angry_and_confused_acknowledges_then_explains() -> None:
    """Seed 002, numbers one and two together: acknowledge the feeling, then explain."""
    reading = make_reading("I can't work out this stupid setup and I'm fed up.", emotions={"anger": 0.7,
                           "confusion": 0.8}, complaint=0.8, intent="how_to")
    decision = choose_posture(reading, (), customer=ANN, policy=POLICY)
    assert (decision.posture, decision.secondary[:2]) == (Posture.EXPLAIN_CLEARLY,
                                                         ("acknowledge_feelings", "thank_for_telling"))


def test_decide_unknown_customer_asks_for_the_order_number() -> None:
    decision = choose_posture(ANGRY_LATE, (fact(fk.UNKNOWN_CUSTOMER),),
                              customer=CustomerView(None, known=False), policy=POLICY)
    assert "ask_order_number" in decision.secondary
    assert "no record of this customer: ask for the order number" in decision.reasons


def test_decide_repeated_contact_asks_for_a_fast_reply() -> None:
    decision = choose_posture(ANGRY_LATE, (fact(fk.REPEATED_CONTACT, count=3),), customer=ANN, policy=POLICY)
    assert decision.reasons[-1] == "reply fast: at stake: churn; repeated contact (3 times)"


def test_decide_takes_the_order_total_from_the_facts() -> None:
    reading = make_reading("Refund please.", emotions={"annoyance": 0.6}, intent="refund")
    facts = (fact(fk.WITHIN_RETURN_WINDOW, order_total_cents=3_500),)
    decision = choose_posture(reading, facts, customer=ANN, policy=POLICY)
    assert decision.remedy == Remedy("refund", 3_500, True, "a full refund of $35.00, today")


def test_decide_is_deterministic() -> None:
    sample = SAMPLES[Posture.SET_BOUNDARY]
    first = choose_posture(sample.reading, sample.facts, customer=sample.customer, policy=POLICY)
    again = [choose_posture(sample.reading, sample.facts, customer=sample.customer, policy=POLICY) for _ in range(5)]
    assert again == [first] * 5


def test_decide_a_business_can_reorder_the_rules() -> None:
    from poise.posture.rules import RULES
    no_boundary = tuple(r for r in RULES if r.name != "first_abuse_at_staff")
    sample = SAMPLES[Posture.SET_BOUNDARY]
    decision = choose_posture(sample.reading, sample.facts, customer=sample.customer, policy=POLICY,
                              rules=no_boundary)
    assert (decision.posture, decision.rule) == (Posture.OWN_AND_FIX, "our_fault")


def test_decide_rules_without_a_fallback_fail_with_a_config_error() -> None:
    from poise.errors import ConfigError
    from poise.posture.rules import RULES
    only_thanks = tuple(r for r in RULES if r.name == "praise")
    with pytest.raises(ConfigError, match=r"no posture rule matched this message \(rules: praise\)"):
        choose_posture(ANGRY_LATE, (), customer=ANN, policy=POLICY, rules=only_thanks)
