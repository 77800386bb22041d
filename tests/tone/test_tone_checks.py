"""Each check family on small examples: exact kinds and exact spans, and no flag on the fine twin."""
from __future__ import annotations

import pytest

from poise.tone import check_reply

CASES = [
    # (posture, reply, expected [(kind, flagged text)])
    ("EXPLAIN_CLEARLY", "As I said, the light turns blue. Hold the button for 5 seconds.", [("defensive", "As I said")]),
    ("EXPLAIN_CLEARLY", "Per my last email, please hold the button for 5 seconds.",
     [("defensive", "Per my last email")]),
    ("EXPLAIN_CLEARLY", "You should have read the guide. Hold the button for 5 seconds.",
     [("defensive", "You should have read")]),
    ("GUIDE_FIRMLY", "You failed to add the order number. Please add it in box 1.", [("blame", "You failed to")]),
    ("OWN_AND_FIX", "Sorry, and thanks for telling us. The courier messed up, not us. I've sent a new one today.",
     [("blame", "The courier messed up"), ("blame", "not us")]),
    ("EXPLAIN_CLEARLY", "Due to high volumes, it will arrive by Friday.", [("excuse", "Due to high volumes")]),
    ("EXPLAIN_CLEARLY", "Calm down. It will arrive by Friday.", [("dismissive", "Calm down")]),
    ("HOLD_POLICY", "There is nothing we can do. You can swap it for store credit: click Exchange.",
     [("dismissive", "There is nothing we can do")]),
    ("EXPLAIN_CLEARLY", "We apologise for any inconvenience this may have caused. It arrives by Friday.",
     [("robotic", "We apologise for any inconvenience this may have caused")]),
    ("EXPLAIN_CLEARLY", "It arrives by Friday. Please do not hesitate to contact us.",
     [("robotic", "Please do not hesitate to contact us")]),
    ("EXPLAIN_CLEARLY", "Thanks SO much for your patience. It arrives by Friday.", [("sarcasm", "Thanks SO much")]),
    ("EXPLAIN_CLEARLY", "Obviously it arrives by Friday.", [("sarcasm", "Obviously")]),
    ("EXPLAIN_CLEARLY", "It arrives by Friday. DO NOT open it early.", [("all_caps", "DO NOT")]),
    ("EXPLAIN_CLEARLY", "Your USB cable ships with UPS by Friday.", []),
    ("EXPLAIN_CLEARLY", "It arrives by Friday!!!", [("exclamation", "!!!")]),
    ("EXPLAIN_CLEARLY", "It arrives by Friday!", []),
    ("HOLD_POLICY", "We can't refund it, but maybe we could make an exception. Reply by Friday.",
     [("hedging", "maybe"), ("hedging", "make an exception")]),
    ("HOLD_POLICY", "We can't make an exception for opened software. You can swap it: click Exchange.", []),
    ("HOLD_POLICY", "Sorry, we can't refund it. Sorry again. You can swap it: click Exchange.",
     [("over_apologising", "Sorry")]),
    ("HOLD_POLICY", "I guarantee you'll get it by Friday.", [("beyond_authority", "I guarantee")]),
    ("EXPLAIN_CLEARLY", "Let me get my manager. She will reply by Friday.", [("manager_handoff", "Let me get my manager")]),
]


@pytest.mark.parametrize(("posture", "reply", "expected"), CASES, ids=[c[1][:30] for c in CASES])
def test_check_flags_exact_kinds_and_spans(posture: str, reply: str, expected: list[tuple[str, str]]) -> None:
    report = check_reply(reply, posture=posture)
    assert [(f.kind, reply[f.span[0]:f.span[1]]) for f in report.flags] == expected


def test_refund_above_authority_is_flagged_in_any_posture() -> None:
    reply = "Thanks for telling us, and I'm sorry. I've refunded £120 to your card today."
    report = check_reply(reply, posture="OWN_AND_FIX", authority_cents=5_000)
    assert [(f.kind, reply[f.span[0]:f.span[1]]) for f in report.flags] == [("beyond_authority", "£120")]
    assert check_reply(reply, posture="OWN_AND_FIX", authority_cents=20_000).flags == ()
    assert check_reply(reply, posture="OWN_AND_FIX").flags == ()


def test_amount_not_offered_as_a_remedy_is_not_beyond_authority() -> None:
    reply = "Your order of £250 ships today and arrives by Friday."
    assert check_reply(reply, posture="STATE_FACTS", authority_cents=5_000).flags == ()


@pytest.mark.parametrize("posture", ["ACKNOWLEDGE_AND_RESOLVE", "EXPLAIN_CLEARLY", "OWN_AND_FIX", "THANK", None])
@pytest.mark.parametrize("reply", [
    "Thanks, and I'm sorry. Perhaps the easiest way is to swap it. Sorry again. I guarantee it arrives by Friday.",
    "Thanks, and I'm sorry. Normally we don't do this, but just this once I'll refund it today.",
])
def test_firm_only_checks_do_not_fire_on_other_postures(posture: str | None, reply: str) -> None:
    kinds = set(check_reply(reply, posture=posture).kinds)
    assert kinds & {"hedging", "over_apologising", "beyond_authority"} == set()


@pytest.mark.parametrize("posture", ["GUIDE_FIRMLY", "HOLD_POLICY", "STATE_FACTS", "SET_BOUNDARY", "PART_WAYS"])
def test_firm_only_checks_fire_on_firm_postures(posture: str) -> None:
    reply = "I'm sorry. Perhaps the easiest way is to swap it. Sorry again. I guarantee it arrives by Friday."
    assert set(check_reply(reply, posture=posture).kinds) == {"hedging", "over_apologising", "beyond_authority"}


def test_wall_of_text_over_the_word_limit() -> None:
    reply = "I've sent it today. " + "It is on the van now. " * 40
    flags = check_reply(reply, posture="EXPLAIN_CLEARLY").flags
    assert [(f.kind, f.span) for f in flags] == [("wall_of_text", (0, len(reply)))]


def test_wall_of_text_relative_to_a_short_customer_message() -> None:
    reply = "I've sent it today. " + "It is on the van now. " * 16  # 100 words: fine alone, long for 4 words
    assert check_reply(reply, posture="EXPLAIN_CLEARLY").flags == ()
    assert check_reply(reply, posture="EXPLAIN_CLEARLY", max_words=80).kinds == ["wall_of_text"]


def test_grade_too_high_points_at_the_hardest_sentence() -> None:
    hard = ("Consequently, reimbursement necessitates comprehensive documentation substantiating the "
            "manufacturer's deficiency.")
    reply = f"I've sent the form to you today, with the label. {hard} Please fill it in and post it back by Friday."
    flags = check_reply(reply, posture="EXPLAIN_CLEARLY").flags
    assert [(f.kind, reply[f.span[0]:f.span[1]]) for f in flags] == [("grade_too_high", hard)]


@pytest.mark.parametrize(("posture", "reply", "kinds"), [
    ("ACKNOWLEDGE_AND_RESOLVE", "Thanks for telling us. I've sent a new one today.", ["no_acknowledgement"]),
    ("ACKNOWLEDGE_AND_RESOLVE", "I'm sorry, and thanks for telling us. We will look into it.", ["no_next_step"]),
    ("OWN_AND_FIX", "I'm sorry we got this wrong. I've sent a new one today.", ["no_thanks"]),
    ("THANK", "We're glad you liked it.", ["no_thanks"]),
    ("THANK", "Thank you! We're glad you liked it.", []),
    ("STATE_FACTS", "We sent the guide on 2 April.", ["no_next_step"]),
    ("STATE_FACTS", "We sent the guide on 2 April. I've attached it again.", []),
])
def test_missing_parts(posture: str, reply: str, kinds: list[str]) -> None:
    report = check_reply(reply, posture=posture)
    assert report.kinds == kinds
    for flag in report.flags:
        assert flag.span in {(0, 0), (len(reply), len(reply))}


def test_a_refund_stated_from_the_record_is_not_an_offer_beyond_authority() -> None:
    stated = ("We refunded $89.00 for order F-6070 on 11 March (reference RF-6071), to the card it was paid with.")
    assert "beyond_authority" not in check_reply(stated, posture="STATE_FACTS", authority_cents=5_000).kinds
    offered = "We refunded $89.00 on 11 March and will refund $20.00 more today."
    assert [f.kind for f in check_reply(offered, posture="STATE_FACTS", authority_cents=1_000).flags] == [
        "beyond_authority", "beyond_authority"]
