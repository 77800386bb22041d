"""Claims: every kind read in informal text, negations and conditions respected, exact spans, details."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from checksets import load, score

from poise import read
from poise.reading import claims
from poise.reading.affect import CLAIM_MODEL, shipped_scorer
from poise.reading.claims import CLAIM_RULES, extract_details, find_claims
from poise.reading.components import default_components
from poise.reading.features import word_tokens
from poise.reading.gates import rule_matches
from poise.reading.pipeline import Parse, Reader
from poise.reading.reading import CLAIM_KINDS, Claim


def kinds(text: str) -> list[str]:
    return [c.kind for c in find_claims(text, text.lower(), word_tokens(text.lower()))]


@pytest.mark.parametrize(("text", "expected"), [
    ("it never arrived", ["not_received"]),
    ("still havent got my order", ["not_received"]),
    ("package never came", ["not_received"]),
    ("i nevr recieved my package", ["not_received"]),
    ("you never sent me the instructions", ["not_informed"]),
    ("nobody told me", ["not_informed"]),
    ("i was never informed", ["not_informed"]),
    ("it broke after 2 days", ["defective"]),
    ("doesnt work", ["defective"]),
    ("stopped charging", ["defective"]),
    ("charged twice", ["wrong_charge"]),
    ("double charged", ["wrong_charge"]),
    ("you overcharged me", ["wrong_charge"]),
    ("charged me $50 instead of $30", ["wrong_charge"]),
    ("i already sent it back", ["already_returned"]),
    ("returned it 2 weeks ago", ["already_returned"]),
    ("your agent promised me a refund", ["promised_by_staff"]),
    ("i was told i'd get a discount", ["promised_by_staff"]),
    ("third time i'm writing", ["repeated_contact"]),
    ("i've emailed 4 times", ["repeated_contact"]),
    ("still no answer", ["repeated_contact"]),
    ("My order #5512 never arrived and nobody answers", ["not_received", "repeated_contact"]),
    ("You charged me twice AND it arrived broken", ["wrong_charge", "defective"]),
    ("It doesn\u2019t work and I haven\u2019t received a reply", ["defective", "repeated_contact"]),
    ("you sent me the wrong size", ["wrong_item"]),
    ("wrong item delivered AGAIN", ["wrong_item"]),
    ("this is not what I ordered", ["wrong_item"]),
    ("I got a large instead of a medium", ["wrong_item"]),
    ("ordered a blue hoodie size M, got a red one in XL. can i swap it please", ["wrong_item"]),
    ("Got the wrong order, I wanted the veggie burger not chicken", ["wrong_item"]),
])
def test_find_claims_reads_each_kind_in_informal_text(text: str, expected: list[str]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize("text", [
    "it arrived fine",
    "I received my order today, thanks",
    "if it doesnt arrive by friday i will cancel",
    "what happens if the parcel never arrives?",
    "it is not broken",
    "i wasnt charged twice, just checking",
    "i havent returned it yet",
    "should i send it back?",
    "nobody promised anything",
    "will i be charged for shipping?",
    "you told me about it, thanks",
    "thanks for the quick answer",
    "i'm broke until payday, can i pay later?",
    "that doesn't work for me, i need it sooner",
    "what do I do if you send the wrong item?",
    "I think I ordered the wrong size, can I exchange it",
    "I ordered a sofa and got an email saying when it comes",
    "they didn't send the wrong colour, it was my mistake",
])
def test_find_claims_respects_negation_conditions_and_questions(text: str) -> None:
    assert kinds(text) == []


def test_find_claims_gives_span_into_text_and_the_clause_as_text() -> None:
    text = "Hi. My order #12345 NEVER arrived! Please help"
    found = find_claims(text, text.lower())
    assert found == [Claim("not_received", (20, 33), "My order #12345 NEVER arrived!")]
    assert text[20:33] == "NEVER arrived"


def test_find_claims_keeps_offsets_with_curly_apostrophes() -> None:
    text = "It hasn\u2019t arrived"
    (claim,) = find_claims(text, text.lower())
    assert text[claim.span[0]:claim.span[1]] == "hasn\u2019t arrived"


@pytest.mark.parametrize(("text", "expected"), [
    ("order #12345 never came", {"order_refs": ["12345"]}),
    ("Order no. AB-7781 and order 99812 both missing", {"order_refs": ["AB-7781", "99812"]}),
    ("charged me $50 instead of $30.50", {"amounts_cents": [5000, 3050]}),
    ("you took 1,200 dollars and \u00a345 more", {"amounts_cents": [4500, 120000]}),
    ("this is the third time i'm writing", {"contact_count": 3}),
    ("i've emailed you 4 times and called twice", {"contact_count": 4}),
    ("no details here", {}),
])
def test_extract_details_finds_orders_amounts_and_contact_count(text: str,
                                                                  expected: dict[str, object]) -> None:
    lower = text.lower()
    assert extract_details(text, lower, find_claims(text, lower)) == expected


def test_component_writes_claims_and_extra_into_the_parse() -> None:
    parse = Parse.of("Order #777 never arrived, third time writing")
    claims.component.func([parse])
    assert [c.kind for c in parse.values["claims"]] == ["not_received", "repeated_contact"]
    assert parse.values["extra"] == {"order_refs": ["777"], "contact_count": 3}


def test_reader_with_claims_component_returns_them_in_the_reading() -> None:
    reading = Reader([claims.component]).read("i was double charged")
    expected = [{"kind": "wrong_charge", "span": [6, 20], "text": "i was double charged"}]
    assert reading.to_dict()["claims"] == expected


@pytest.mark.parametrize("name", ["claims_dev", "claims_test"])
def test_gates_never_hide_a_match_on_the_check_sets(name: str) -> None:
    """Every rule run ungated finds nothing the gated reading missed (the gates are only a speed-up)."""
    for row in load(name):
        text = str(row["text"])
        lower = text.lower()
        ungated = {r.kind for r in CLAIM_RULES
                   for m in rule_matches(r.pattern, lower, [(0, len(lower))])
                   if not claims.blocked(lower, *m.span(), negatable=r.negatable)}
        assert set(kinds(text)) == ungated, text


@pytest.mark.parametrize(("name", "min_precision", "min_recall"), [
    ("claims_dev", 0.95, 0.95),   # written and fixed against: a regression guard
    ("claims_test", 0.90, 0.80),  # never tuned on: a floor under the figures in docs/eval
])
def test_check_set_scores_stay_above_their_floor(name: str, min_precision: float, min_recall: float) -> None:
    _, total, _ = score(name)
    assert (total.precision >= min_precision, total.recall >= min_recall) == (True, True), total


def test_every_claim_kind_is_in_the_contract() -> None:
    assert {r.kind for r in CLAIM_RULES} == set(CLAIM_KINDS)


@pytest.mark.parametrize("text", ["a" * 20_000, "never " * 3_000, "charged " * 2_500, "!" * 20_000,
                                  ("i never got it. " * 1_250)])
def test_find_claims_is_fast_on_hostile_text(text: str) -> None:
    start = time.perf_counter()
    find_claims(text, text.lower(), word_tokens(text.lower()))
    assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize(("text", "expected"), [
    ("my parcel still not here", ["not_received"]),
    ("its not here yet and its been a week", ["not_received"]),
    ("where tf is my package", ["not_received"]),
    ("order 5521 where is it??", ["not_received"]),
    ("tracking says in transit since monday", ["not_received"]),
    ("been waiting on my order for 2 weeks", ["not_received"]),
    ("charger missing from the box", ["not_received"]),
    ("the lid is crakced", ["defective"]),
    ("screen came borken", ["defective"]),
    ("theres a crack in the screen", ["defective"]),
    ("no hot water in room 12", ["defective"]),
    ("app keeps logging me out", ["defective"]),
    ("the submit button does nothing", ["defective"]),
    ("none of the codes work", ["defective"]),
    ("wtf is this charge", ["wrong_charge"]),
    ("why is there a £5 fee on my bill", ["wrong_charge"]),
    ("charged me again this month", ["wrong_charge"]),
    ("you charged my card but never sent anything", ["wrong_charge"]),
    ("u said it wud be here friday", ["promised_by_staff"]),
    ("i'm told someone will call me back", ["promised_by_staff"]),
    ("just following up again on my refund", ["repeated_contact"]),
    ("does anyone actually read these emails", ["repeated_contact"]),
    ("4 emails and no reply", ["repeated_contact"]),
])
def test_find_claims_reads_informal_text_speak_and_misspellings(text: str, expected: list[str]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize("text", [
    "my parcel is here, thanks!",
    "the manager is not here today, can someone else help",
    "where are you located",
    "no damage to the box at all",
    "what is the fee for express shipping?",
    "is there a fee for returns?",
    "my day was ruined by the rain lol",
    "i got soaked walking to the store",
    "no wifi password on the receipt, what is it?",
    "the showers are great, never cold",
    "you can log me out of all devices please",
    "can anyone check my order status?",
    "it took me two tries to like it but now i love it",
    "the refund is not short, thanks",
])
def test_find_claims_leaves_informal_near_misses_alone(text: str) -> None:
    assert kinds(text) == []


@pytest.mark.parametrize(("text", "kind"), [
    ("parcel says delivered. it wasnt.", "not_received"),
    ("order 4471. ordered at 7.10. its now 9. still nothing", "not_received"),
    ("3rd email. no reply. where is parcel 88301", "not_received"),
    ("you forgot the drinks, 2 cokes. can you refund them pls", "not_received"),
    ("parcel came ripped open and half the contents are missing", "not_received"),
    ("my parcel was returned to sender and nobody told me", "not_received"),
    ("internet down AGAIN. 3rd time this week", "defective"),
    ("internets been off since 7", "defective"),
    ("smart meter display has gone blank since last week", "defective"),
    ("your website just says Error 500 every time", "defective"),
    ("the dog food has mould in it", "defective"),
    ("I keep getting logged out every time I go to checkout", "defective"),
    ("paid. twice. still says i owe.", "wrong_charge"),
    ("got charged £5 overdraft fee but i was never overdrawn??", "wrong_charge"),
    ("I was charged for the annual plan but I only selected monthly", "wrong_charge"),
    ("I have been charged £180 for data I did not use", "wrong_charge"),
    ("billed £49 a month for a 'Business' tier that I never signed up for", "wrong_charge"),
    ("3 hours on the tarmac and not one announcement", "not_informed"),
    ("you said monday. its thursday. no call no text nothing", "not_informed"),
    ("fella you said monday. its thursday", "promised_by_staff"),
    ("are you actually thick? 3rd time ive rung about this", "repeated_contact"),
    ("I have now spoken to four different people at your call centre", "repeated_contact"),
    ("you still havent fixed the lock. 2 weeks and 3 texts now", "repeated_contact"),
])
def test_informal_phrasings_from_the_second_development_set(text: str, kind: str) -> None:
    assert kind in [c.kind for c in find_claims(text, text.lower())]


@pytest.mark.parametrize("text", [
    "the site is down for maintenance tonight? ok thanks",
    "I turned the power off at the mains",
    "the app is out now, download it",
    "switch the light off please",
    "my order is out for delivery",
    "can I update the email address on my account? my second email address is fine",
])
def test_informal_phrasings_do_not_fire_on_plain_statements(text: str) -> None:
    assert not [c for c in find_claims(text, text.lower()) if c.kind in ("defective", "repeated_contact")]


# --- the claim-kinds model behind the rules (poise/reading/training/claims.py)

@pytest.mark.parametrize(("text", "kind"), [
    ("the shower pump you fitted screams every time its on", "defective"),
    ("day 5 of out for delivery. where is it", "not_received"),
])
def test_model_adds_a_kind_the_rules_miss_with_a_sentence_as_its_span(text: str, kind: str) -> None:
    assert kind not in {c.kind for c in claims.find_claims(text, text.lower())}  # the rules alone miss it
    found = [c for c in read(text).claims if c.kind == kind]
    assert len(found) == 1
    start, end = found[0].span
    assert text[start:end] == found[0].text and found[0].text.strip() == found[0].text and found[0].text


@pytest.mark.parametrize("text", [
    "I love the new app update",
    "hi what time do you open on sunday?",
    "can i change my delivery address to 14 elm road?",
    "thanks so much, the new kettle works perfectly",
])
def test_model_adds_nothing_to_plain_requests_and_praise(text: str) -> None:
    assert read(text).claims == ()


def test_model_is_not_read_on_other_languages() -> None:
    text = "the shower pump you fitted screams every time its on"  # the model reads defective here (above)
    reader = Reader([c for c in default_components() if c.name in ("sentiment", "complaint", "claims")])
    english, marked_french = Parse.of(text), Parse.of(text)
    marked_french.language = "fr"  # as the language component would mark a French message
    reader._run([english, marked_french])
    assert [c.kind for c in english.values["claims"]] == ["defective"]
    assert marked_french.values["claims"] == []


def test_model_was_trained_on_development_sets_only() -> None:
    meta = shipped_scorer().models[CLAIM_MODEL].meta
    assert meta["task"] == CLAIM_MODEL and meta["threshold"] == pytest.approx(0.6)
    assert not [name for name in meta["trained_on"] if "blind" in name or "test" in name], meta["trained_on"]


def test_rules_and_model_together_stay_above_their_floor_on_the_test_set() -> None:
    # claims_test.jsonl is never trained on; rules + model measured 0.891 micro-F1 there (rules alone 0.917)
    from poise.reading.training.claims import evaluate

    both, rules = evaluate(Path("."))
    assert both.headline["micro_f1"] >= 0.85 and both.headline["micro_recall"] >= rules.headline["micro_recall"]


def test_a_decimal_point_ends_no_clause() -> None:
    text = "I was charged twice for my £12.50 order. Please refund it."
    found = [c for c in find_claims(text, text.lower()) if c.kind == "wrong_charge"]
    assert [c.text for c in found] == ["I was charged twice for my £12.50 order."]


def test_the_models_span_is_a_sentence_with_words_not_a_reference() -> None:
    text = "Got my shopping but no eggs, no milk and no bread. Kind of the main things lol. Order GC-88341"
    claim = next(c for c in read(text).claims if c.kind == "not_received")
    assert claim.text == "Got my shopping but no eggs, no milk and no bread."


@pytest.mark.parametrize("text", [
    "Small thing - the checkout asked for my address three times, thought you'd want to know.",
    "the app asked me 3 times to log in again",
])
def test_a_thing_asking_again_is_no_repeated_contact(text: str) -> None:
    assert "repeated_contact" not in {c.kind for c in find_claims(text, text.lower())}
