"""Summary: third-person issue, feeling and want from hand-built Parses, never a swear word or an insult."""
from __future__ import annotations

import pytest

from poise import read
from poise.reading import summary
from poise.reading.claims import find_claims
from poise.reading.pipeline import Parse
from poise.reading.reading import Abuse, Claim, Intent, Stake, Summary
from poise.reading.stakes import find_stakes
from poise.reading.summary import has_profanity, summarize


def parse(text: str, **values: object) -> Parse:
    """A Parse with the values earlier components would set (claims and stakes read for real by default)."""
    p = Parse.of(text)
    p.values["claims"] = values.pop("claims", find_claims(p.text, p.lower))
    p.values["stakes"] = values.pop("stakes", find_stakes(p.text, p.lower))
    if "extra" not in values:
        from poise.reading.claims import extract_details
        details = extract_details(p.text, p.lower, p.values["claims"])
        if details:
            p.values["extra"] = details
    p.values.update(values)
    return p


def words(sentence: str) -> int:
    return len(sentence.split())


def test_summary_of_an_angry_message_states_the_content_without_the_insults() -> None:
    text = ("my order #12345 never arrived, this is the third time i am writing, you useless idiots. "
            "I want a refund or I call my bank")
    p = parse(text, emotions={"anger": 0.82, "annoyance": 0.4, "neutral": 0.05},
              intent=Intent("where_is_my_order", 0.7), abuse=Abuse("insult", 0.9, ((67, 85),), "staff"))
    assert summarize(p) == Summary(
        issue="The order has not arrived (order #12345).",
        feeling=("They are angry and feel ignored after writing three times; they may ask their bank to "
                 "reverse the payment."),
        want="They want a refund.",
    )


@pytest.mark.parametrize(("text", "issue"), [
    ("You charged me $50 instead of $30!!", "They were charged $50 instead of $30."),
    ("i was double charged", "They were charged more than once."),
    ("you keep charging me after i cancelled", "They were still charged after cancelling."),
    ("charged me for a subscription i never signed up for",
     "They were charged for something they did not order."),
    ("the screen is cracked", "The product is faulty or damaged."),
    ("nobody told me about the fee", "They were not told what they needed to know."),
    ("i already sent it back", "They already sent the item back."),
    ("your agent promised me a replacement", "Staff promised them a replacement, which has not happened."),
    ("still no answer", "They have contacted support before without a resolution."),
    ("it never arrived and it was charged twice",
     "The order has not arrived; they were charged more than once."),
])
def test_issue_is_a_third_person_sentence_per_claim(text: str, issue: str) -> None:
    assert summarize(parse(text)).issue == issue


@pytest.mark.parametrize(("intent", "issue"), [
    (Intent("account_access", 0.8), "They cannot get into their account."),
    (Intent("how_to", 0.9), "They need help using the product or service."),
    (Intent("account_access", 0.1), 'They write: "hello there, something about my login"'),
])
def test_issue_falls_back_on_intent_then_a_clean_excerpt(intent: Intent, issue: str) -> None:
    assert summarize(parse("hello there, something about my login", intent=intent)).issue == issue


def test_excerpt_drops_abuse_spans_and_swear_words() -> None:
    text = "you morons wasted my whole damn afternoon with this rubbish"
    p = parse(text, abuse=Abuse("insult", 0.9, ((0, 10),), "staff"))
    assert summarize(p).issue == 'They write: "wasted my whole afternoon with this rubbish"'


def test_issue_of_only_insults_says_nothing_clear() -> None:
    p = parse("you fucking idiots", abuse=Abuse("insult", 0.95, ((0, 18),), "staff"))
    assert summarize(p) == Summary("They do not say clearly what went wrong.", "They seem upset.",
                                   "They do not say what they want; ask what would make it right.")


@pytest.mark.parametrize(("emotions", "feeling"), [
    ({"anger": 0.9, "disappointment": 0.6, "neutral": 0.0},
     "They are angry and disappointed, and let down by a faulty product."),
    ({"confusion": 0.35, "neutral": 0.6}, "They are confused and let down by a faulty product."),
    ({"neutral": 0.9}, "They are upset and let down by a faulty product."),
    ({"curiosity": 0.9, "excitement": 0.8, "anger": 0.6}, "They are angry and let down by a faulty product."),
    ({"gratitude": 0.7, "annoyance": 0.6}, "They are grateful and let down by a faulty product."),
])
def test_feeling_names_strongest_emotions_and_the_reason(emotions: dict[str, float], feeling: str) -> None:
    assert summarize(parse("it stopped working", emotions=emotions)).feeling == feeling


def test_feeling_of_a_calm_thankful_message() -> None:
    p = parse("thanks so much, all sorted", emotions={"gratitude": 0.95, "neutral": 0.1},
              intent=Intent("feedback_praise", 0.9))
    assert summarize(p) == Summary("They are sharing positive feedback.", "They are grateful.",
                                   "They are not asking for anything.")


@pytest.mark.parametrize(("text", "intent", "want"), [
    ("can you please send a replacement and call me back", Intent("other", 0.0),
     "They want a replacement and a call back."),
    ("i need to speak to a manager", Intent("other", 0.0), "They want to speak to a manager."),
    ("how do i reset my password", Intent("account_access", 0.9),
     "They want to get back into their account."),
    ("the parcel never came", Intent("other", 0.1), "They want their order, or to know where it is."),
    ("hmm ok", Intent("other", 0.9), "They do not say what they want; ask what would make it right."),
    ("hello", Intent("warranty_claim", 0.8), "They want help with warranty claim."),
    ("I am waiting for a reimbursement of 1499 dollars", Intent("other", 0.0), "They want a refund."),
    ("wanna switch an item of my order", Intent("other", 0.0), "They want an exchange."),
])
def test_want_from_explicit_asks_then_intent_then_claims(text: str, intent: Intent, want: str) -> None:
    assert summarize(parse(text, intent=intent)).want == want


def test_non_english_message_is_summarised_as_such() -> None:
    p = parse("Mi pedido no ha llegado todavía")
    p.language = "es"
    assert summarize(p).issue == "The message is in another language (es) and could not be read in full."


def test_emoji_only_message_gets_a_feeling_from_the_emoji() -> None:
    assert summarize(parse("\U0001F621\U0001F621\U0001F621")).feeling == "They are angry."


@pytest.mark.parametrize("text", [
    "you fucking idiots never sent my order #123 and charged me twice, this is shit, third time writing",
    "this damn app keeps crashing, fucking useless",
    "screw you, i want my money back, my lawyer will hear about this bullshit",
    "Your STUPID support team lied, wtf",
])
def test_no_summary_sentence_holds_a_swear_word_or_insult(text: str) -> None:
    result = summarize(parse(text, emotions={"anger": 0.9}, intent=Intent("complaint_about_staff", 0.6)))
    sentences = [result.issue, result.feeling, result.want]
    assert [has_profanity(s) for s in sentences] == [False, False, False], sentences
    assert max(words(s) for s in sentences) <= 25


def test_fixed_wording_is_free_of_swear_words() -> None:
    """The sentences are built from these strings, so checking them once proves every summary clean."""
    fixed = [*summary._CLAIM_REASONS.values(), *summary._STAKE_REASONS.values(),
             *summary._INTENT_ISSUES.values(),
             *summary._INTENT_WANTS.values(), *summary._CLAIM_WANTS.values(), *summary._WANT_PHRASES.values(),
             *summary._EMOTION_WORDS.values()]
    assert [s for s in fixed if has_profanity(s)] == []


@pytest.mark.parametrize(("text", "expected"), [
    ("this is shit", True), ("F*CK this", True), ("you idiots", True), ("bloody hell", True),
    ("the shipment is late", False), ("class assignment", False), ("thanks a lot", False),
])
def test_has_profanity(text: str, expected: bool) -> None:
    assert has_profanity(text) is expected


def test_component_runs_on_a_batch_and_needs_claims_and_stakes() -> None:
    parses = [parse("it never arrived"), parse("thanks!")]
    summary.component.func(parses)
    assert [p.values["summary"].issue for p in parses] == ["The order has not arrived.",
                                                           "They do not say clearly what went wrong."]
    assert summary.component.requires == ("claims", "stakes")


def test_claims_given_by_hand_are_used_as_given() -> None:
    p = parse("whatever", claims=[Claim("wrong_charge", (0, 8), "charged twice for one order")],
              stakes=[Stake("legal", (0, 8))])
    assert summarize(p).issue == "They were charged more than once."
    expected = "They are upset and feel wrongly charged; they are ready to take legal steps."
    assert summarize(p).feeling == expected


def _ask_texts(n: int, seed: int) -> list[str]:
    import random
    rng = random.Random(seed)
    pieces = ["i", "i ", "i'd ", "id ", "i\nwant", "want", "wanna", "need", "please", "pls", "plz", "can you",
              "could u", "can i get", "give me", "send me", "asking for", "requesting", "just", "how do i",
              "how can i", "waiting for", "waiting on", "where is", "where are", "fix", "refund", "replace",
              "cancel", "send", "call", "reply", "answer", "sort", "resolve", "repair", "give", ".", "!", "?", "\n",
              " ", " ", "_", "é", "2", "'", "x", "a", "ex", "re", "an", "ca", "sen", "my money back", "a new one"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 25))) for _ in range(n)]


def test_asks_are_found_where_the_full_regex_finds_them() -> None:
    # _asks tries _ASK only where _ASK_CANDIDATE says a match can start; it must yield what finditer yields,
    # empty matches and slices of the text included.
    for k, text in enumerate(_ask_texts(4000, seed=3)):
        start = k % 4 if k % 3 else 0
        end = len(text) - (k % 5 if k % 2 else 0)
        expected = [(m.start(), m.end()) for m in summary._ASK.finditer(text, start, end)]
        assert [(m.start(), m.end()) for m in summary._asks(text, start, end)] == expected, (text, start, end)


def test_word_caches_give_what_the_regexes_give() -> None:
    # has_profanity and _mentions_object remember each word's answer; asked twice, they answer as the regexes do.
    texts = _ask_texts(500, seed=4) + ["you stupid idiots", "f*ck this", "my REFUND please", "Shit happens"]
    for _ in range(2):
        for text in texts:
            words = text.lower().split()
            assert has_profanity(text) == any(summary._SWEAR.search(w) for w in words)
            assert summary._mentions_object(words) == any(s in w for w in words for s in summary._OBJECT_STEMS)


@pytest.mark.parametrize(("emotions", "upset", "feeling"), [
    ({"curiosity": 0.8, "confusion": 0.6}, 0.8, "They are frustrated and confused, and still waiting for their order."),
    ({"gratitude": 0.9}, 0.8, "They are frustrated and still waiting for their order."),  # sarcastic thanks
    ({"anger": 0.9}, 0.8, "They are angry and still waiting for their order."),  # already says it
    ({"confusion": 0.6}, 0.2, "They are confused and still waiting for their order."),  # not upset: as read
])
def test_an_upset_customer_reads_as_frustrated_where_the_emotions_do_not_say_so(
        emotions: dict[str, float], upset: float, feeling: str) -> None:
    p = parse("WHERE IS MY ORDER ITS BEEN 3 WEEKS", emotions=emotions, upset=upset)
    assert summarize(p).feeling == feeling


def test_money_that_has_not_come_back_is_a_refund_not_an_order() -> None:
    p = parse("still havent got my refund for the jacket", upset=0.8)
    result = summarize(p)
    assert result.issue == "Their refund has not reached them."
    assert "still waiting for their refund" in result.feeling
    assert summarize(parse("my parcel never arrived")).issue == "The order has not arrived."


@pytest.mark.parametrize(("text", "issue"), [
    ("ur driver drove past me twice then charged me a cancellation fee. refund it",
     "They dispute a cancellation fee they were charged."),
    ("yr app took £9.99 off me 3 times for one month?? sort it", "They were charged more than once."),
    ("half my order missing and the chips were stone cold", "Part of the order is missing."),
    ("Got my shopping but no eggs, no milk and no bread. Kind of the main things lol. Order GC-88341",
     "Part of the order is missing (order #GC-88341)."),
    ("my parcel is missing, tracking says delivered", "The order has not arrived."),
])
def test_issue_says_which_charge_or_how_much_of_the_order(text: str, issue: str) -> None:
    assert read(text).summary.issue == issue
