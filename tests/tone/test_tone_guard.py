"""check_reply as a whole: the JSON contract, fine replies, customer messages, postures, JSONL records."""
from __future__ import annotations

import json

import pytest

import poise.reading
from poise.errors import EmptyMessage, InputError, MalformedLine
from poise.posture.postures import Posture
from poise.reading.reading import Abuse, Intent, Reading, Sentiment, Summary
from poise.tone import check_reply, check_reply_record
from poise.tone.guard import parse_posture


def _reading(text: str, *, upset: bool) -> Reading:
    return Reading(text=text, sentiment=Sentiment("negative" if upset else "neutral", -0.8 if upset else 0.0),
                   complaint=0.9 if upset else 0.1, emotions={"anger": 0.8} if upset else {"neutral": 0.9},
                   abuse=Abuse(), intent=Intent("other", 0.0), stakes=(), claims=(),
                   summary=Summary("", "", ""), language="en")


FINE = [
    ("ACKNOWLEDGE_AND_RESOLVE", ("Hi Sam, I'm so sorry your parcel is late, and thank you for telling us. "
                                 "I've sent a new one today, and it will arrive by Friday.")),
    ("EXPLAIN_CLEARLY", ("Hi Jo, here's how to reset it:\n1. Hold the button for 5 seconds.\n2. Wait for the "
                         "green light.\nReply here if it stays red.")),
    ("HOLD_POLICY", ("Hi Eli, I understand this is disappointing. Opened software can't be refunded, because the "
                     "key is used once shown. I can move your licence to a new computer today: reply with its name.")),
    ("THANK", "Thank you for the kind words, Meg. I've passed them to our driver."),
    ("PART_WAYS", ("Hi Rex, I'm sorry this hasn't worked. We've decided to close your account, and I've refunded "
                   "your last order in full today.")),
]


@pytest.mark.parametrize(("posture", "reply"), FINE, ids=[p for p, _ in FINE])
def test_fine_replies_get_no_flags(posture: str, reply: str) -> None:
    assert check_reply(reply, posture=posture).flags == ()


def test_to_dict_is_the_json_contract() -> None:
    reply = "Calm down. It arrives by Friday."
    out = check_reply(reply, posture=Posture.EXPLAIN_CLEARLY).to_dict()
    assert json.loads(json.dumps(out)) == out
    assert set(out) == {"flags", "empathy", "grade", "words"}
    assert out["flags"] == [{
        "kind": "dismissive", "span": [0, 9],
        "reason": "Telling an upset customer to calm down belittles their feelings and usually makes them angrier.",
        "suggestion": "Acknowledge the feeling instead: \"I can see why this is so frustrating.\"",
    }]
    assert out["words"] == 6
    assert set(out["empathy"]) == {"emotional_reactions", "interpretations", "explorations"}
    assert {k: v["level"] for k, v in out["empathy"].items()} == {
        "emotional_reactions": 0, "interpretations": 0, "explorations": 0}


def test_upset_customer_reading_requires_acknowledgement_and_thanks() -> None:
    reply = "I've sent a new one today."
    assert check_reply(reply, customer_message=_reading("It broke. Again. Useless.", upset=True)).kinds == [
        "no_acknowledgement", "no_thanks"]
    assert check_reply(reply, customer_message=_reading("Can I change the colour?", upset=False)).flags == ()


def test_customer_message_text_is_read_with_poise_read(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def fake_read(text: str) -> Reading:
        seen.append(text)
        return _reading(text, upset=True)

    monkeypatch.setattr(poise.reading, "read", fake_read)
    report = check_reply("I've sent a new one today.", customer_message="It broke again!")
    assert seen == ["It broke again!"]
    assert report.kinds == ["no_acknowledgement", "no_thanks"]


def test_curly_apostrophes_match_like_straight_ones() -> None:
    reply = "That’s just policy. You can swap it: click Exchange."
    assert [(f.kind, f.span) for f in check_reply(reply, posture="HOLD_POLICY").flags] == [("dismissive", (0, 18))]


@pytest.mark.parametrize(("given", "expected"), [
    (None, None), (Posture.THANK, Posture.THANK), ("hold_policy", Posture.HOLD_POLICY),
    ("SET_BOUNDARY", Posture.SET_BOUNDARY), ("part-ways", Posture.PART_WAYS),
])
def test_parse_posture(given: str | Posture | None, expected: Posture | None) -> None:
    assert parse_posture(given) == expected


def test_unknown_posture_names_the_choices() -> None:
    with pytest.raises(InputError, match="unknown posture 'grumpy'") as info:
        check_reply("Hello.", posture="grumpy")
    assert info.value.hint is not None and "HOLD_POLICY" in info.value.hint


@pytest.mark.parametrize("reply", ["", "   \n"])
def test_empty_reply_is_an_input_error(reply: str) -> None:
    with pytest.raises(EmptyMessage, match="the reply is empty"):
        check_reply(reply)


def test_check_reply_record_shape() -> None:
    out = check_reply_record({"id": "r1", "reply": "Obviously it ships by Friday.", "posture": "EXPLAIN_CLEARLY"})
    assert list(out) == ["id", "flags", "empathy", "grade", "words"]
    assert out["id"] == "r1"
    assert [f["kind"] for f in out["flags"]] == ["sarcasm"]


@pytest.mark.parametrize(("record", "message"), [
    (["not", "an", "object"], "must be a JSON object"),
    ({"reply": "Hi."}, 'has no "id"'),
    ({"id": 7, "reply": ""}, "line 7: \"reply\" must be non-empty text"),
    ({"id": 7, "reply": "Hi.", "customer_message": 3}, "\"customer_message\" must be text"),
    ({"id": 7, "reply": "Hi.", "authority_cents": "5"}, "\"authority_cents\" must be a whole number"),
    ({"id": 7, "reply": "Hi.", "posture": "grumpy"}, "line 7: unknown posture 'grumpy'"),
])
def test_check_reply_record_rejects_bad_lines(record: object, message: str) -> None:
    with pytest.raises(MalformedLine, match=message.replace("(", r"\(")):
        check_reply_record(record)  # type: ignore[arg-type]
