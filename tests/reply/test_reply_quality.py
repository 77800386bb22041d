"""Regressions for draft-quality problems found reading the scenario and demo drafts end to end
(/work/notes/scenario-failures.md, "Draft quality"): the wording and template half.

Every draft here also passes its own tone guard and stays within its word and grade limits.
"""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from poise.facts import facts as fk
from poise.facts.facts import CustomerView, Evidence, Fact, Policy
from poise.posture.decide import choose_posture
from poise.posture.postures import Posture
from poise.reading.reading import Reading
from poise.reply.draft import Draft, condition_noted, draft_reply
from poise.reply.plain import MAX_GRADE
from poise.reply.preview import make_reading
from poise.reply.wording import reassurance, steps_are_actions, steps_from, thanks_closing
from poise.tone.guard import check_reply

NOW = datetime(2026, 3, 16, 12, 0, tzinfo=UTC)
POLICY = Policy(refund_authority_cents=5_000, restocking_fee_percent=10)
ANN = CustomerView("c-1", "Ann Lee")
RECEIVED = datetime(2026, 3, 5, 10, 0, tzinfo=UTC)


def fact(kind: str, bearing: str = "context", statement: str = "", quote: str = "",
         when: datetime | None = None, **data: Any) -> Fact:
    return Fact(kind, None, bearing, statement or f"{kind} on record.", (Evidence("order", "A-1", when, quote),), data)


def checked_draft(reading: Reading, facts: tuple[Fact, ...], customer: CustomerView = ANN,
                  total: int | None = None) -> tuple[Posture, Draft]:
    """The draft, after asserting it passes its own tone guard and its limits (the suite's standing rule)."""
    decision = choose_posture(reading, facts, customer=customer, policy=POLICY, order_total_cents=total)
    draft = draft_reply(decision, reading, facts, customer=customer, policy=POLICY, now=NOW)
    report = check_reply(draft.text, posture=decision.posture, customer_message=reading,
                         authority_cents=decision.authority_cents)
    assert ([f.kind for f in report.flags], draft.words <= draft.word_limit, draft.grade <= MAX_GRADE) == (
        [], True, True), draft.text
    return decision.posture, draft


# ---------- 1. a return we already hold: when it came and what we noted, never "send it back" ----------

def test_quality_return_received_states_date_and_condition() -> None:
    """A short message gets the brief form: the record's date and note, then the next step (no policy lecture)."""
    reading = make_reading("Why haven't I had my refund for the boots yet?? I sent them back at the start of the "
                           "month", complaint=0.8, intent="refund", claims=("already_returned",))
    facts = (fact(fk.RETURN_RECEIVED, "supports", "We received the return for order F-5020 on 5 March.",
                  quote="Worn outdoors, mud on the soles, tags removed.", when=RECEIVED),
             fact(fk.RETURN_PATTERN, statement="Return RET-5020 came back worn.", pattern="came back worn or used",
                  name="condition_found"))
    posture, draft = checked_draft(reading, facts, total=13_900)
    assert (posture, draft.text) == (Posture.HOLD_POLICY, (
        "Hi Ann,\n\n"
        "Thank you for telling us. I understand why this is frustrating.\n\n"
        "We received the return for order F-5020 on 5 March. When it arrived, we noted: \"Worn outdoors, mud on the "
        "soles, tags removed.\" If there is a fault we missed, tell me what it is, and I will look again within 4 "
        "hours. If it is faulty, you get a full refund that day."))
    assert "send it back" not in draft.text.lower() and "came back worn" not in draft.text


@pytest.mark.parametrize(("quote", "pattern_name", "expected"), [
    ("Worn; tags removed.", "condition_found", "When it arrived, we noted: \"Worn; tags removed.\""),
    ("Worn; tags removed.", "weekend_use", ""),  # no condition pattern: nothing to quote
    ("", "condition_found", ""),
])
def test_quality_condition_noted(quote: str, pattern_name: str, expected: str) -> None:
    facts = (fact(fk.RETURN_RECEIVED, quote=quote), fact(fk.RETURN_PATTERN, name=pattern_name))
    assert condition_noted(facts) == expected


# ---------- 2. never informed, nothing on record: an explanation today, not "I will email them to you" ----------

def test_quality_never_informed_is_an_explanation() -> None:
    reading = make_reading("why has my coffee box gone up to $29?? nobody told me the price was changeing. not cool",
                           emotions={"annoyance": 0.7}, complaint=0.9, claims=("not_informed",))
    facts = (fact(fk.NEVER_INFORMED, "supports", "We have no record of telling you about this before.",
                  topic="price was changeing"),)
    posture, draft = checked_draft(reading, facts)
    assert (posture, draft.text) == (Posture.OWN_AND_FIX, (
        "Hi Ann,\n\n"
        "Thank you for telling us. You are right, and I'm sorry. We have no record of telling you about this "
        "before. That was our mistake.\n\n"
        "Here is the fix: a clear explanation of what changed, by email today. Any questions about it? I will "
        "answer within 4 hours.\n\n"
        "How can we make this right for you?"))


# ---------- 3. the generic remedy and 4. a cancellation (seed 001: the silent customer who fires you) ----------

def test_quality_generic_remedy_is_an_agent_who_owns_it() -> None:
    reading = make_reading("I ordered the boots in a 6 and got an 8. So now I wait AGAIN.",
                           emotions={"annoyance": 0.7}, complaint=0.9)
    _posture, draft = checked_draft(reading, ())
    assert draft.text == (
        "Hi Ann,\n\n"
        "Thank you for telling us. I'm sorry, and I can see why this is annoying.\n\n"
        "I am handling this myself until it is sorted. You will hear from me within 4 hours.\n\n"
        "How can we make this right for you?")


def test_quality_cancellation_is_done_and_asks_what_went_wrong() -> None:
    reading = make_reading("Please cancel my coffee box from next month. Thanks", emotions={"gratitude": 0.7},
                           intent="feedback_praise", intent_confidence=0.49)
    posture, draft = checked_draft(reading, ())
    assert (posture, draft.text) == (Posture.ACKNOWLEDGE_AND_RESOLVE, (
        "Hi Ann,\n\n"
        "Thank you for letting us know. I'm sorry to see you go.\n\n"
        "I will cancel your coffee box from next month. I will email you to confirm as soon as it is done.\n\n"
        "May I ask what made you decide to cancel? Even one line helps us do better."))


# ---------- 5. THANK only when nothing is asked; a question gets its answer path ----------

def test_quality_silly_question_is_answered_not_thanked() -> None:
    reading = make_reading("Hi, sorry if this is a silly question. Which way do I turn the dial to make it finer? "
                           "Thanks.", emotions={"gratitude": 0.8}, intent="feedback_praise")
    posture, draft = checked_draft(reading, ())
    assert (posture, draft.text) == (Posture.EXPLAIN_CLEARLY, (
        "Hi Ann,\n\n"
        "Thank you for getting in touch. It's not a silly question at all. Here is what happens next:\n\n"
        "1. I am writing you a short, clear answer now.\n"
        "2. You will have it by email within 4 hours.\n\n"
        "If there is anything else we can make right for you, just reply."))


@pytest.mark.parametrize(("text", "expected"), [
    ("Just wanted to say the replacement kettle works perfectly. Thanks so much Sam!",
     "That is lovely to hear. I will pass your thanks on to Sam today."),
    ("Love it! Would be great if you did a decaf option too. thanks!",
     "Feedback like this helps us get better. I will pass it to the team today."),
    ("Small thing - the checkout asked for my address three times, thought you'd want to know. Thank you!",
     "Feedback like this helps us get better. I will pass it to the team today."),
    ("All sorted now, cheers for getting the refund through so quickly.",
     "Notes like yours mean a lot to our team. I will share it with them today."),
    ("Thanks again, you lot are great.", "Notes like yours mean a lot to our team. I will share it with them today."),
])
def test_quality_thanks_closing_is_specific(text: str, expected: str) -> None:
    assert thanks_closing(make_reading(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("sorry if this is a silly question", "It's not a silly question at all."),
    ("Probably a stupid question but", "It's not a silly question at all."),
    ("How do I do this?", ""),
])
def test_quality_reassurance(text: str, expected: str) -> None:
    assert reassurance(make_reading(text)) == expected


# ---------- steps: no greetings as steps, the right lead-in ----------

def test_quality_steps_drop_greetings_and_read_as_facts() -> None:
    sent = fact(fk.INFORMED_BEFORE, body="Welcome to Fernhill!\nYour code WELCOME20 gives 20% off full-price items."
                                         "\nIt does not work on sale items.\nBest, Jo")
    steps = steps_from(sent)
    assert (steps, steps_are_actions(steps)) == (
        ["Your code WELCOME20 gives 20% off full-price items.", "It does not work on sale items."], False)
    assert steps_are_actions(["Twist the lid until it clicks.", "Fill below the MAX line."]) is True


def test_quality_explain_facts_lead_in_is_how_it_works() -> None:
    reading = make_reading("i thought my 20% code would work on the sale jacket but it keeps saying invalid?? "
                           "nobody said the code was only for full price stuff", emotions={"confusion": 0.7},
                           complaint=0.6, claims=("not_informed",))
    facts = (fact(fk.INFORMED_BEFORE, "contradicts", "We emailed the code terms on 2 March.", topic="discount code",
                  when=datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
                  body="Welcome to Fernhill!\nYour code WELCOME20 gives 20% off full-price items.\n"
                       "It does not work on sale items."),)
    posture, draft = checked_draft(reading, facts)
    assert (posture, draft.text) == (Posture.EXPLAIN_CLEARLY, (
        "Hi Ann,\n\n"
        "Thank you for getting in touch about the discount code. I'm sorry this was not clearer. Here is how it "
        "works:\n\n"
        "1. Your code WELCOME20 gives 20% off full-price items.\n"
        "2. It does not work on sale items.\n\n"
        "This is also in our email of 2 March, if you want to keep a copy.\n\n"
        "If anything is still unclear, tell me how we can make this right. I will answer within 4 hours."))


def test_quality_replacement_offer_says_prefer_once() -> None:
    reading = make_reading("the kettle i got 2 wks ago just died. wont even switch on now. great. not what u "
                           "expect for 45 dollars", emotions={"annoyance": 0.7}, complaint=0.9, claims=("defective",),
                           intent="defect_report")
    facts = (fact(fk.WITHIN_RETURN_WINDOW, statement="The kettle was delivered on 2 March, 14 days ago."),)
    _posture, draft = checked_draft(reading, facts, total=4_500)
    assert ("Here is what I can do: a replacement sent today at our cost, or a full refund of $45.00 if you prefer. "
            "Just tell me which, and I will arrange it today.") in draft.text
    assert draft.text.count("prefer") == 1


# ---------- word limits: a third, tight form when the brief one is still too long ----------

def test_quality_tight_form_keeps_a_short_message_short() -> None:
    reading = make_reading("the blender doesnt work. plug it in, press the button, nothing. is it broken??",
                           emotions={"annoyance": 0.7, "confusion": 0.6}, complaint=0.8, intent="defect_report")
    facts = (fact(fk.INFORMED_BEFORE, "contradicts", "We sent the quick start on 3 March.", topic="quick start",
                  steps=["Twist the lid until it clicks - the motor will not start unless the lid is locked",
                         "Fill below the MAX line", "Start on speed 1, then turn up"]),)
    posture, draft = checked_draft(reading, facts)
    assert (posture, draft.word_limit, draft.text) == (Posture.EXPLAIN_CLEARLY, 60, (
        "Hi Ann,\n\n"
        "Thank you for getting in touch. I'm sorry about this. Here is how:\n\n"
        "1. Twist the lid until it clicks - the motor will not start unless the lid is locked.\n"
        "2. Fill below the MAX line.\n"
        "3. Start on speed 1, then turn up.\n\n"
        "Still stuck? Reply, and I will help within 4 hours."))


# ---------- HOLD_POLICY: the policy's own alternative; a refund above authority names no amount ----------

def test_quality_hold_policy_offers_the_policys_own_alternative() -> None:
    reading = make_reading("cant make the pasta class on saturday anymore, work. refund me the $60 please, this "
                           "is ridiculous that i even have to ask",
                           emotions={"annoyance": 0.6}, complaint=0.8, intent="refund")
    facts = (fact(fk.NON_REFUNDABLE, policy_text="Workshop tickets can't be refunded, but you can pass your place "
                                                 "to a friend up to 48 hours before"),)
    _posture, draft = checked_draft(reading, facts, total=6_000)
    assert draft.text.endswith("What I can offer is help to arrange that, today. Tell me what you would like to do, "
                               "and I will sort it within 4 hours.")


def test_quality_refund_above_authority_names_no_amount() -> None:
    reading = make_reading("are you all completely useless? where is my refund you clowns", emotions={"anger": 0.8},
                           complaint=0.9, intent="refund", abuse_level="insult", abuse_target="staff",
                           abuse_words=("you clowns",))
    posture, draft = checked_draft(reading, (fact(fk.WITHIN_RETURN_WINDOW),), total=8_900)
    assert posture is Posture.SET_BOUNDARY
    assert "To fix this: a full refund of your order. I will confirm it by Tuesday 17 March." in draft.text
    assert "$89.00" not in draft.text
