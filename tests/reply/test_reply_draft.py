"""draft_reply: the reply drafts, per posture and over many combinations, against the seeds and the tone guard."""
from __future__ import annotations

import itertools
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from poise.errors import ConfigError
from poise.facts import facts as fk
from poise.facts.facts import CustomerView, Evidence, Fact, Policy
from poise.posture.decide import choose_posture
from poise.posture.postures import Posture
from poise.reading.reading import Reading
from poise.reply.draft import Draft, draft_reply, first_name, issue_clause
from poise.reply.plain import MAX_GRADE, numbered_steps
from poise.reply.preview import SAMPLES, make_reading, preview_drafts
from poise.tone.guard import check_reply

NOW = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)
POLICY = Policy()
SENT = datetime(2026, 3, 3, 9, 30, tzinfo=UTC)
ANN = CustomerView("c-1", "Ann Lee")

# Phrases no draft may contain: defensive (seed 000: never "as I told you"), dismissive and hand-offs
# (seed 004: "there's nothing they can do", "ask to speak to a manager"), blame, robotic boilerplate.
FORBIDDEN = ("as i told you", "as i said", "as mentioned", "per my last", "you should have", "nothing we can do",
             "manager", "supervisor", "calm down", "inconvenience", "policy is policy", "unfortunately",
             "your fault", "you failed", "!!", "lie", "lying", "dishonest", "fraud", "abuse")


def fact(kind: str, bearing: str = "context", statement: str = "", claim: str | None = None,
         when: datetime | None = SENT, **data: Any) -> Fact:
    return Fact(kind, claim, bearing, statement or f"{kind} on record.", (Evidence("order", "A-1", when),), data)


def draft_for(reading: Reading, facts: tuple[Fact, ...], customer: CustomerView = ANN, *,
              total: int | None = None, policy: Policy = POLICY, templates_dir: Path | None = None) -> Draft:
    decision = choose_posture(reading, facts, customer=customer, policy=policy, order_total_cents=total)
    return draft_reply(decision, reading, facts, customer=customer, policy=policy, templates_dir=templates_dir,
                       now=NOW)


# ---------- the nine sample drafts ----------

DRAFTS = preview_drafts(now=NOW)


@pytest.mark.parametrize("posture", list(Posture))
def test_draft_sample_greets_by_first_name_and_thanks(posture: Posture) -> None:
    _decision, draft = DRAFTS[posture]
    first = SAMPLES[posture].customer.name.split()[0]  # type: ignore[union-attr]
    assert (draft.posture, draft.text.splitlines()[0], "Thank you" in draft.text) == (posture, f"Hi {first},", True)


@pytest.mark.parametrize("posture", list(Posture))
def test_draft_sample_asks_how_to_make_right_only_where_called_for(posture: Posture) -> None:
    """Seed 001: 'Ask "how do we make this right?"' - but not when parting ways or stating facts."""
    _decision, draft = DRAFTS[posture]
    assert ("make this right" in draft.text.lower()) is posture.asks_how_to_make_right


@pytest.mark.parametrize("posture", list(Posture))
def test_draft_sample_is_plain_and_short(posture: Posture) -> None:
    _decision, draft = DRAFTS[posture]
    assert draft.words <= draft.word_limit == 60  # every sample message is under 20 words
    assert draft.grade <= MAX_GRADE


@pytest.mark.parametrize("posture", list(Posture))
def test_draft_sample_has_no_forbidden_phrase(posture: Posture) -> None:
    _decision, draft = DRAFTS[posture]
    low = draft.text.lower()
    assert [p for p in FORBIDDEN if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", low)] == []


@pytest.mark.parametrize("posture", list(Posture))
def test_draft_sample_passes_the_tone_guard(posture: Posture) -> None:
    decision, draft = DRAFTS[posture]
    report = check_reply(draft.text, posture=posture, customer_message=SAMPLES[posture].reading,
                         authority_cents=decision.authority_cents)
    assert [(f.kind, f.reason) for f in report.flags] == []


@pytest.mark.parametrize(("posture", "steps"), [(Posture.EXPLAIN_CLEARLY, 3), (Posture.GUIDE_FIRMLY, 3),
                                                (Posture.ACKNOWLEDGE_AND_RESOLVE, 0), (Posture.HOLD_POLICY, 0)])
def test_draft_numbered_steps_for_explaining(posture: Posture, steps: int) -> None:
    assert numbered_steps(DRAFTS[posture][1].text) == steps


# ---------- whole drafts ----------

LONG_ANGRY = make_reading(
    "I ordered the kettle three weeks ago and it still has not come. You promised it by last Friday. I have "
    "emailed twice and nobody answers. I am really angry about this.",
    emotions={"anger": 0.9}, complaint=0.95, sentiment=("negative", -0.8), intent="where_is_my_order",
    claims=("not_received",), issue="My kettle has not arrived.")


def test_draft_own_and_fix_whole_text() -> None:
    """Seed 002: own it, fix it fast, no excuses; seed 001: thank them and ask how to make it right."""
    facts = (fact(fk.LATE_DELIVERY, "supports", "Order A-1 has not arrived, and we promised it by 20 November.",
                  "not_received"),
             fact(fk.NOT_DELIVERED, "supports", "The carrier has no delivery scan for it.", "not_received"))
    draft = draft_for(LONG_ANGRY, facts, total=3_000)
    assert draft.text == (
        "Hi Ann,\n\n"
        "Thank you for telling us that your kettle has not arrived. You are right, and I'm sorry. Order A-1 has not "
        "arrived, and we promised it by 20 November. The carrier has no delivery scan for it. That was our mistake. "
        "I understand why you are angry.\n\n"
        "Here is the fix: a new one by express today, at our cost, or a full refund of $30.00 if you prefer. I will "
        "email you the tracking number today.\n\n"
        "How can we make this right for you?")
    assert (draft.words, draft.word_limit, draft.grade <= MAX_GRADE) == (88, 120, True)


def test_draft_explain_resends_kindly_with_the_date_and_never_says_as_i_told_you() -> None:
    """Seed 000: "They blame you for not sending you information (that you sent)" - resend it kindly."""
    reading = make_reading("You never sent me any setup instructions and now the camera is useless to me. "
                           "What am I supposed to do with it?", emotions={"anger": 0.7, "confusion": 0.6},
                           complaint=0.8, sentiment=("negative", -0.6), claims=("not_informed",))
    facts = (fact(fk.INFORMED_BEFORE, "contradicts", "We emailed \"Camera setup\" on 3 March.", "not_informed",
                  topic="camera setup", steps=["Open the app and tap Add camera", ("Hold the camera button for 5 "
                                               "seconds"), "Pick your Wi-Fi"]),)
    draft = draft_for(reading, facts)
    assert draft.text == (
        "Hi Ann,\n\n"
        "Thank you for getting in touch about the camera setup. I'm sorry, and I understand why you are angry. "
        "Here is how to do it:\n\n"
        "1. Open the app and tap Add camera.\n2. Hold the camera button for 5 seconds.\n3. Pick your Wi-Fi.\n\n"
        "This is also in our email of 3 March, if you want to keep a copy.\n\n"
        "If a step does not work, tell me how we can make this right. I will answer within 4 hours.")


def test_draft_state_facts_is_neutral_and_does_not_ask_how_to_make_right() -> None:
    """Seed 002: "set things straight" - the record's facts, no accusation."""
    reading = make_reading("I never got my parcel. I want a refund right now or I will call my bank and do a "
                           "chargeback, this is a scam.", emotions={"anger": 0.8}, complaint=0.9,
                           sentiment=("negative", -0.8), claims=("not_received",), stakes=("chargeback",),
                           issue="I never got my parcel.")
    facts = (fact(fk.DELIVERED_WITH_PROOF, "contradicts", "Order A-1 was delivered on 3 March at 9:30, signed by "
                  "A. Lee.", "not_received"),)
    draft = draft_for(reading, facts, total=4_000)
    assert draft.text == (
        "Hi Ann,\n\n"
        "Thank you for getting in touch. I understand why you are angry. Here is what our records show. Order A-1 "
        "was delivered on 3 March at 9:30, signed by A. Lee. Parcels are sometimes left with a neighbour or at a "
        "front desk.\n\n"
        "If you still cannot find it, reply and I will open a claim with the carrier within 4 hours.")


@pytest.mark.parametrize(("customer", "total", "refund_line"), [
    (CustomerView("c-2", "Bo Stone", warnings=1), 6_000,
     "We are refunding $60.00 in full today. You will see it on your card by Wednesday 2 December."),
    (CustomerView("c-2", "Bo Stone", warnings=1), 90_000, "This will take effect today."),
])
def test_draft_part_ways_is_polite_clear_and_final(customer: CustomerView, total: int, refund_line: str) -> None:
    """Seed 003: "Be very polite, set a very clear and firm boundary, and disengage"; refund if affordable."""
    reading = make_reading("You are all useless idiots and I want my money back. I have waited three weeks for a "
                           "kettle that never came and nobody answers.", emotions={"anger": 0.9},
                           complaint=0.9, abuse_level="insult", abuse_target="staff", abuse_words=("useless idiots",))
    draft = draft_for(reading, (), customer, total=total)
    assert draft.text == (
        "Hi Bo,\n\n"
        "Thank you for your message. I understand you are unhappy with us. We asked before that messages to our team "
        "stay respectful. So we are closing your account and will not take new orders from you.\n\n"
        f"{refund_line}\n\n"
        "We wish you all the best.")


def test_draft_hold_policy_for_a_return_pattern_never_names_the_pattern() -> None:
    """Seed 003 (Linda: bought Friday, returned "faulty" Monday) and seed 002: assertive, no accusation."""
    reading = make_reading("The dress is faulty, I want a full refund.", emotions={"annoyance": 0.6}, complaint=0.8,
                           intent="refund", claims=("defective",), issue="The dress is faulty.")
    facts = (fact(fk.RETURN_PATTERN, "context", "Bought on Friday 6 March, returned as faulty on Monday 9 March.",
                  "defective", pattern="bought before a weekend, returned as faulty after it"),)
    draft = draft_for(reading, facts, total=12_000, policy=Policy(restocking_fee_percent=10))
    assert draft.text == (
        "Hi Ann,\n\n"
        "Thank you for telling us. I can see why this is annoying.\n\n"
        "We check every item returned as faulty when it reaches us. Items without a fault can come back within 30 "
        "days, less a 10% restocking fee. Send it back, and we will check it within 2 working days of arrival. If "
        "it is faulty, you get a full refund that day.")
    assert "weekend" not in draft.text and "pattern" not in draft.text


def test_draft_short_message_gets_a_short_reply() -> None:
    short = make_reading("Where is my order??", emotions={"annoyance": 0.7}, complaint=0.8,
                         claims=("not_received",), issue="My order has not arrived.")
    long = make_reading(LONG_ANGRY.text, emotions={"annoyance": 0.7}, complaint=0.8, claims=("not_received",),
                        issue="My order has not arrived.")
    facts = (fact(fk.NOT_DELIVERED, "supports", "Order A-1 has no delivery scan since 14 November.",
                  "not_received"),)
    brief, full = draft_for(short, facts, total=3_000), draft_for(long, facts, total=3_000)
    assert (brief.word_limit, full.word_limit) == (60, 120)
    assert brief.words <= 60 < full.words <= 120


def test_draft_does_not_echo_insults_from_the_summary() -> None:
    """Seed 001: "Separate the 'jerk' from the content"."""
    reading = make_reading("You idiots lost my parcel.", abuse_level="insult", abuse_target="staff",
                           abuse_words=("You idiots",), issue="You idiots lost my parcel.")
    assert issue_clause(reading) == ""


@pytest.mark.parametrize(("issue", "expected"), [
    ("My parcel is late.", "your parcel is late"),
    ("The order has not arrived (order #123).", "your order has not arrived (order #123)"),
    ("They were charged more than once; the product is faulty or damaged.", "you were charged more than once"),
    ("Staff promised them a refund, which has not happened.", "staff promised you a refund, which has not happened"),
    ('They write: "Been on hold 45 mins and got cut off BOTH times"', ""),
    ("They do not say clearly what went wrong.", ""),
    ("They are asking where their order is.", ""),
    ("Cut off BOTH times.", ""),
    ("Hi, my parcel is late.", ""),
    ("Why is my parcel late?", ""),
    (" ".join(["word"] * 25), ""),
    ("", ""),
])
def test_draft_issue_clause(issue: str, expected: str) -> None:
    assert issue_clause(make_reading("x", issue=issue)) == expected


@pytest.mark.parametrize(("name", "expected"), [("Ann Lee", "Ann"), ("dr. ann lee", "Ann"), ("Mr Bo", "Bo"),
                                                (None, "there"), ("", "there")])
def test_draft_first_name(name: str | None, expected: str) -> None:
    assert first_name(CustomerView("c", name)) == expected


def test_draft_unknown_customer_is_asked_for_the_order_number() -> None:
    reading = make_reading("My order is late.", emotions={"annoyance": 0.7}, complaint=0.8)
    draft = draft_for(reading, (fact(fk.UNKNOWN_CUSTOMER),), CustomerView(None, known=False))
    assert draft.text.startswith("Hi there,") and "Please send your order number so I can find it." in draft.text


def test_draft_to_dict() -> None:
    _decision, draft = DRAFTS[Posture.THANK]
    assert draft.to_dict() == {
        "text": "Hi Ann,\n\nThank you so much for taking the time to write to us. Notes like yours mean a lot to our "
                "team. I will share it with them today.",
        "posture": "THANK", "words": 30, "grade": draft.grade, "word_limit": 60, "template": draft.template}
    assert draft.template.endswith("poise/reply/templates/THANK.j2")


# ---------- a business's own templates ----------

def test_draft_business_template_overrides_the_default(tmp_path: Path) -> None:
    (tmp_path / "OWN_AND_FIX.j2").write_text(
        "Dear {{ first_name }},\n\nSorry! {{ remedy.text }}. {{ next_step }}\n\nThe {{ business }} team\n",
        encoding="utf-8")
    sample = SAMPLES[Posture.OWN_AND_FIX]
    own = draft_for(sample.reading, sample.facts, sample.customer, total=sample.order_total_cents,
                    policy=Policy(business_name="Kettle Co"), templates_dir=tmp_path)
    other = draft_for(SAMPLES[Posture.THANK].reading, (), templates_dir=tmp_path)
    assert own.text == ("Dear Ann,\n\nSorry! a refund of the extra charge of $24.00, today. You will see it on your "
                        "card by Wednesday 2 December.\n\nThe Kettle Co team")
    assert own.template == str(tmp_path / "OWN_AND_FIX.j2")
    assert other.text.startswith("Hi Ann,\n\nThank you so much")  # no copy of THANK.j2: the default


@pytest.mark.parametrize(("source", "line", "what"), [
    ("Hi {{ first_name }},\n\n{% if remedy %}Fix it.\n", 3, "Unexpected end of template"),
    ("Hi {{ first_name }},\n\nThanks {{ first_name }\n", 3, "unexpected '}'"),
    ("Hi {{ first_name }},\n\n{{ refund_amount }}\n", 3, "'refund_amount' is undefined"),
])
def test_draft_broken_template_names_file_and_line(tmp_path: Path, source: str, line: int, what: str) -> None:
    path = tmp_path / "THANK.j2"
    path.write_text(source, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        draft_for(SAMPLES[Posture.THANK].reading, (), templates_dir=tmp_path)
    assert f"reply template {path}, line {line}:" in caught.value.message
    assert what in caught.value.message


def test_draft_preview_reports_a_broken_business_template(tmp_path: Path) -> None:
    (tmp_path / "PART_WAYS.j2").write_text("{% for %}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"PART_WAYS\.j2, line 1"):
        preview_drafts(tmp_path, now=NOW)


# ---------- every posture over many combinations passes its own tone guard ----------

_EMOTIONS: list[dict[str, float]] = [{"anger": 0.9}, {"annoyance": 0.7}, {"disappointment": 0.8},
                                      {"sadness": 0.7}, {"fear": 0.6}, {"confusion": 0.8}, {}]
_TEXTS = ["Where is it?",
          ("I bought this last month and I have had nothing but trouble with it since the day it arrived, and "
          "nobody has answered my emails. I want this sorted out now.")]
_FACT_SETS: list[tuple[Fact, ...]] = [
    (),
    (fact(fk.LATE_DELIVERY, "supports", "Order A-1 arrived on 24 November, 4 days after the date we promised."),),
    (fact(fk.DOUBLE_CHARGE, "supports", "We charged your card twice on 3 March.", amount_cents=8_000),),
    (fact(fk.NOT_DELIVERED, "supports", "Order A-1 has no delivery scan since 14 November."),),
    (fact(fk.PROMISE_NOT_KEPT, "supports", "On 3 March we promised a call back, and it did not happen.",
          promise="a call back"),),
    (fact(fk.PROMISE_NOT_KEPT, "supports", "On 3 March we promised a refund of $90.00.", amount_cents=9_000),),
    (fact(fk.NEVER_INFORMED, "supports", "We have no record of sending you the setup steps.", topic="setup steps"),),
    (fact(fk.REFUND_OVERDUE, "supports", "Your return reached us on 3 March and is not refunded yet.",
          amount_cents=2_500),),
    (fact(fk.DELIVERED_WITH_PROOF, "contradicts", "Order A-1 was delivered on 3 March, signed by A. Lee."),),
    (fact(fk.CHARGE_CORRECT, "contradicts", "We charged $40.00 once, on 3 March."),),
    (fact(fk.RETURN_NOT_RECEIVED, "contradicts", "We have not received a return for order A-1."),),
    (fact(fk.NON_REFUNDABLE, "context", "Gift cards are not refundable.", policy_text="Gift cards cannot be refunded"),),
    (fact(fk.OUTSIDE_RETURN_WINDOW, "context", "You bought it on 3 March, and returns are open for 30 days."),),
    (fact(fk.RETURN_PATTERN, "context", "Bought Friday, returned Monday.", pattern="weekend"),),
    (fact(fk.REPEATED_MISTAKE, "context", "Fourth upload over 20 MB.", count=4, topic="upload",
          steps=["Save it as PDF", "Keep it under 20 MB"]),),
    (fact(fk.INFORMED_BEFORE, "contradicts", "We emailed the setup steps on 3 March.", topic="setup steps",
          body="1. Open the app\n2. Tap Add\n3. Wait for the light"),),
    (fact(fk.DELIVERED_WITHOUT_PROOF, "context", "The carrier marked it delivered on 3 March, with no photo."),),
    (fact(fk.IN_TRANSIT, "context", "Order A-1 is on its way and due by 28 November."),),
    (fact(fk.DELIVERED_WITH_PROOF, "contradicts", "Order A-1 was delivered on 3 March, signed by A. Lee."),
     fact(fk.REPEATED_CONTACT, "context", "This is message 5 about this since 3 March.", count=5,
          remedies_refused=2)),
]
_ABUSE = [("none", "none", ()), ("insult", "staff", ("idiots",)), ("profanity", "thing", ("damn",)),
          ("threat", "staff", ("watch your back",))]
_CUSTOMERS = [ANN, CustomerView("c-2", "Bo Stone", warnings=1), CustomerView(None, known=False)]


def _combinations() -> list[tuple[Reading, tuple[Fact, ...], CustomerView, int | None]]:
    out = []
    for i, (facts, emotions, text, abuse) in enumerate(itertools.product(_FACT_SETS, _EMOTIONS, _TEXTS, _ABUSE)):
        level, target, words = abuse
        body = text + (f" You {words[0]}." if words else "")
        complaint = 0.9 if emotions and "confusion" not in emotions else 0.2
        reading = make_reading(body, emotions=emotions, complaint=complaint, abuse_level=level, abuse_target=target,
                               abuse_words=words, intent="how_to" if "confusion" in emotions else "other",
                               issue="My order has a problem." if i % 2 else "")
        out.append((reading, facts, _CUSTOMERS[i % 3], (None, 3_000, 60_000)[i % 3]))
    praise = [make_reading("Thank you, the new kettle is perfect!", emotions={"gratitude": 0.9},
                           sentiment=("positive", 0.9)),
              make_reading("Just wanted to say your team sorted my order so quickly last week, and the driver was "
                           "lovely too. I will be telling my friends about you.", emotions={"admiration": 0.8},
                           sentiment=("positive", 0.95), intent="feedback_praise")]
    out.extend((reading, (), customer, None) for reading in praise for customer in _CUSTOMERS)
    return out


COMBINATIONS = _combinations()


def test_draft_combinations_cover_every_posture() -> None:
    seen = {choose_posture(r, f, customer=c, policy=POLICY, order_total_cents=t).posture for r, f, c, t in COMBINATIONS}
    assert (seen, len(COMBINATIONS) >= 1_000) == (set(Posture), True)


@pytest.mark.parametrize("chunk", range(8))
def test_draft_every_combination_passes_the_tone_guard_and_the_limits(chunk: int) -> None:
    failures = []
    for reading, facts, customer, total in COMBINATIONS[chunk::8]:
        decision = choose_posture(reading, facts, customer=customer, policy=POLICY, order_total_cents=total)
        draft = draft_reply(decision, reading, facts, customer=customer, policy=POLICY, now=NOW)
        report = check_reply(draft.text, posture=decision.posture, customer_message=reading,
                             authority_cents=decision.authority_cents)
        problems = [f.kind for f in report.flags]
        if draft.words > draft.word_limit:
            problems.append(f"words {draft.words} > {draft.word_limit}")
        if draft.grade > MAX_GRADE:
            problems.append(f"grade {draft.grade}")
        low = draft.text.lower()
        problems += [p for p in FORBIDDEN if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", low)]
        if decision.remedy and decision.remedy.text.endswith(("below", "in this email")) and not numbered_steps(
                draft.text):
            problems.append("promises steps below but shows none")
        if problems:
            failures.append((decision.posture.value, reading.text[:30], [f.kind for f in facts], problems, draft.text))
    assert failures[:3] == []


def test_draft_explain_without_the_content_on_record_says_when_it_is_sent() -> None:
    reading = make_reading("I never got the warranty details you mention on the website. Where can I find "
                           "them, and what do they cover for a broken handle?", emotions={"confusion": 0.8},
                           intent="how_to")
    facts = (fact(fk.INFORMED_BEFORE, "contradicts", "We emailed the warranty details on 3 March.", "not_informed",
                  topic="warranty details"),)
    draft = draft_for(reading, facts)
    assert draft.text == (
        "Hi Ann,\n\n"
        "Thank you for getting in touch about the warranty details. I'm sorry this was not clearer. Here is what "
        "happens next:\n\n"
        "1. Open the email with the warranty details that I am sending you today.\n"
        "2. Follow it one step at a time.\n\n"
        "If there is anything else we can make right for you, just reply.")


def test_draft_set_boundary_over_a_contradicted_claim_states_facts_without_make_right() -> None:
    """A first insult over a claim the record contradicts: name the line, state the facts, keep helping."""
    reading = make_reading("You clowns never delivered my parcel and I want my money back today, and I have "
                           "told you that three times already this week.", emotions={"anger": 0.9},
                           complaint=0.9, abuse_level="insult", abuse_target="staff", abuse_words=("You clowns",),
                           claims=("not_received",))
    facts = (fact(fk.DELIVERED_WITH_PROOF, "contradicts", "Order A-1 was delivered on 3 March, signed by A. Lee.",
                  "not_received"),)
    decision = choose_posture(reading, facts, customer=ANN, policy=POLICY)
    draft = draft_reply(decision, reading, facts, customer=ANN, policy=POLICY, now=NOW)
    assert (decision.posture, "ask_make_right" in decision.secondary) == (Posture.SET_BOUNDARY, False)
    assert draft.text == (
        "Hi Ann,\n\n"
        "Thank you for telling us. I understand why you are angry. I want to help, and I will.\n\n"
        "Please keep messages to our team respectful, or we will end the conversation.\n\n"
        "Here is what our records show. Order A-1 was delivered on 3 March, signed by A. Lee. If you still cannot "
        "find it, reply and I will open a claim with the carrier within 4 hours.")


@pytest.mark.parametrize(("customer", "facts", "middle"), [
    (CustomerView("c-9", "Cy Park", status="blocked"), (),
     "Your account with us is closed, so we are not able to take new orders."),
    (ANN, (fact(fk.CHARGE_CORRECT, "contradicts", "We charged $40.00 once, on 3 March."),
           fact(fk.REPEATED_CONTACT, "context", "This is message 6 about this since 3 March.", count=6,
                remedies_refused=3)),
     ("We have looked at this with you 6 times, and we have not found a fix that works for you. So we are closing "
     "your account and will not take new orders from you.")),
])
def test_draft_part_ways_without_abuse(customer: CustomerView, facts: tuple[Fact, ...], middle: str) -> None:
    """Seed 003, "the customer is nuts": "set a boundary and walk away", politely, money back if affordable."""
    reading = make_reading("I have told you again and again that you charged me the wrong amount, and I will keep "
                           "writing until somebody admits it and pays me back.", emotions={"anger": 0.7},
                           complaint=0.9, sentiment=("negative", -0.6), claims=("wrong_charge",))
    draft = draft_for(reading, facts, customer, total=4_000)
    name = customer.name.split()[0]  # type: ignore[union-attr]
    assert draft.text == (
        f"Hi {name},\n\n"
        f"Thank you for your message. I understand you are unhappy with us. {middle}\n\n"
        "We are refunding $40.00 in full today. You will see it on your card by Wednesday 2 December.\n\n"
        "We wish you all the best.")


def test_draft_guide_firmly_says_exactly_what_to_do_differently() -> None:
    """Seed 002: "repeatedly making the same mistake ... tell them what they need to do differently"."""
    reading = make_reading("The upload failed AGAIN. This is the fourth time this month and your system is "
                           "clearly broken. I am wasting hours on this.", emotions={"annoyance": 0.8},
                           complaint=0.9, sentiment=("negative", -0.6), intent="how_to")
    facts = (fact(fk.REPEATED_MISTAKE, "context", "Four uploads over 20 MB since 1 November.", count=4,
                  topic="file upload", steps=["Save the file as PDF", "Check it is under 20 MB",
                                              "Upload it from the Files page"]),)
    assert draft_for(reading, facts).text == (
        "Hi Ann,\n\n"
        "Thank you for getting in touch about the file upload. I can see why this is annoying. This has come up 4 "
        "times now, so here is exactly what to do differently:\n\n"
        "1. Save the file as PDF.\n2. Check it is under 20 MB.\n3. Upload it from the Files page.\n\n"
        "Please follow these steps each time. If it still fails, tell me how we can make this right. I will answer "
        "within 4 hours.")


def test_draft_hold_policy_non_refundable_stands_ground_and_explains() -> None:
    """Seed 002: "demands a refund for a non-refundable product ... stand your ground and explain clearly"."""
    reading = make_reading("I bought a gift card last week and I want a refund. I don't care what your rules "
                           "say, it is my money and I want it back now.", emotions={"anger": 0.7}, complaint=0.9,
                           sentiment=("negative", -0.6), intent="refund", issue="I want a refund for a gift card.")
    facts = (fact(fk.NON_REFUNDABLE, "context", "Gift cards are not refundable.",
                  policy_text="Gift cards cannot be refunded or exchanged for cash"),)
    draft = draft_for(reading, facts, total=5_000)
    assert draft.text == (
        "Hi Ann,\n\n"
        "Thank you for telling us that you want a refund for a gift card. I understand why you are angry.\n\n"
        "Our policy says: \"Gift cards cannot be refunded or exchanged for cash.\" So I can't refund it. What I can "
        "offer is help to get the most out of it, starting today. If you have any question about it, reply and I "
        "will answer within 4 hours.")


def test_draft_templates_readme_documents_every_variable() -> None:
    """Every variable a template can use is in the README table, and the table names nothing else."""
    from poise.reply.draft import draft_context
    from poise.reply.loader import DEFAULT_TEMPLATES_DIR
    readme = (DEFAULT_TEMPLATES_DIR / "README.md").read_text(encoding="utf-8")
    documented: set[str] = set()
    for row in re.findall(r"^\| (`[^|]+`) \|", readme, re.MULTILINE):
        documented.update(re.findall(r"`(\w+)`", row))
    sample = SAMPLES[Posture.OWN_AND_FIX]
    decision = choose_posture(sample.reading, sample.facts, customer=sample.customer, policy=POLICY)
    context = draft_context(decision, sample.reading, sample.facts, customer=sample.customer, policy=POLICY, now=NOW)
    assert documented == set(context)


def test_draft_guide_firmly_takes_the_steps_we_sent_when_the_mistake_has_none() -> None:
    reading = make_reading("It failed again, same as before. Fix your app, it never works for me and I am sick "
                           "of trying every single week.", emotions={"annoyance": 0.8}, complaint=0.9)
    facts = (fact(fk.REPEATED_MISTAKE, "context", "Third failed upload since 1 November.", count=3, topic="upload"),
             fact(fk.INFORMED_BEFORE, "contradicts", "We emailed the upload guide on 3 March.", topic="upload guide",
                  steps=["Save the file as PDF", "Upload it from the Files page"]))
    draft = draft_for(reading, facts)
    assert (draft.posture, numbered_steps(draft.text)) == (Posture.GUIDE_FIRMLY, 2)
    assert "1. Save the file as PDF.\n2. Upload it from the Files page." in draft.text


def test_draft_own_and_fix_resends_what_we_never_sent() -> None:
    reading = make_reading("Nobody ever sent me the setup steps for the camera I bought from you, so it has been "
                           "sitting in its box for two weeks now.", emotions={"annoyance": 0.7}, complaint=0.9,
                           claims=("not_informed",))
    facts = (fact(fk.NEVER_INFORMED, "supports", "We have no record of sending you the camera setup steps.",
                  "not_informed", topic="camera setup steps", steps=["Open the app", "Tap Add camera"]),)
    draft = draft_for(reading, facts)
    assert draft.text == (
        "Hi Ann,\n\n"
        "Thank you for telling us. You are right, and I'm sorry. We have no record of sending you the camera setup "
        "steps. That was our mistake. I can see why this is annoying.\n\n"
        "Here is the fix: the camera setup steps, in this email.\n\n"
        "1. Open the app.\n2. Tap Add camera.\n\n"
        "If a step fails, reply and I will help within 4 hours.\n\n"
        "How can we make this right for you?")
