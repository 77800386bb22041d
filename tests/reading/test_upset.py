"""Desk cues and the upset score: praise around a failure is a complaint; upset is fitted on the dev set."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from poise import read
from poise.errors import ModelError
from poise.reading.upset import UPSET_FEATURES, UPSET_MODEL_FILE, UpsetModel, praise_with_failure, shouting


@pytest.mark.parametrize("text", [
    "great, another week without my parcel, still not here",
    "wow thanks for the 'fast delivery', only took a month",
    "oh brilliant, charged twice. exactly what i needed",
    "The trainer was lovely, thank you. However I was charged for two sessions instead of one.",
    "love the food but waited 50 min for two sandwiches",
])
def test_praise_beside_a_failure_is_found(text: str) -> None:
    assert praise_with_failure(text, text.lower())


@pytest.mark.parametrize("text", [
    "thanks so much, arrived in two days and works perfectly",
    "no problems at all, great service, thank you!",
    "couldn't be happier with the sofa, thanks",
    "Thanks, I didn't know that",
    "where is my parcel? it is late",  # a failure without praise: the models' business, not this cue
    "thanks again for the quick reply",
])
def test_plain_praise_or_plain_complaint_is_not_the_cue(text: str) -> None:
    assert not praise_with_failure(text, text.lower())


def test_a_claim_found_in_the_message_counts_as_the_failure() -> None:
    assert praise_with_failure("amazing service as usual", "amazing service as usual", claims=1)


def test_sarcastic_message_reads_as_a_negative_complaint_with_the_cue_named() -> None:
    reading = read("oh brilliant, charged twice. exactly what i needed this month")
    assert reading.complaint >= 0.8
    assert reading.sentiment.label == "negative" and reading.sentiment.score <= -0.5
    assert "praise_with_failure" in reading.extra["cues"]
    assert "praise_with_failure" in reading.to_dict()["extra"]["cues"]


def test_upset_is_high_for_curt_stated_facts_and_low_for_a_calm_question() -> None:
    curt = read("third email. no reply. order 4432. where is it")
    calm = read("hi, what time do you open on saturday?")
    assert 0.0 <= calm.upset < 0.5 <= curt.upset <= 1.0
    assert calm.to_dict()["upset"] == round(calm.upset, 4)


def test_upset_customer_about_the_business_reads_negative_however_calm_the_words() -> None:
    curt = read("3rd time asking.")  # no negative word: the sentiment model alone says neutral
    assert curt.upset >= 0.6 and curt.sentiment.label == "negative"
    assert curt.sentiment.score <= 1 - 2 * curt.upset + 1e-9 and "upset_negative" in curt.extra["cues"]


def test_sentiment_revision_needs_upset_and_a_message_about_the_business() -> None:
    from poise.reading.pipeline import Parse
    from poise.reading.reading import Intent, Sentiment
    from poise.reading.upset import revise_sentiment_from_upset

    def parse(intent: str, complaint: float = 0.8) -> Parse:
        p = Parse.of("whatever")
        p.values.update(sentiment=Sentiment("neutral", 0.1), intent=Intent(intent, 0.9), complaint=complaint)
        return p

    about = parse("where_is_my_order")
    assert revise_sentiment_from_upset(about, 0.8)
    assert about.values["sentiment"] == Sentiment("negative", pytest.approx(-0.6))
    assert about.values["extra"]["cues"] == ["upset_negative"]
    elsewhere = parse("other")  # no business intent, claim, stake or cue: a remark, not a customer's complaint
    assert not revise_sentiment_from_upset(elsewhere, 0.8)
    assert elsewhere.values["sentiment"].label == "neutral"
    no_complaint = parse("cancel", complaint=0.3)  # "please cancel my subscription": about the business, calm
    assert not revise_sentiment_from_upset(no_complaint, 0.8)
    assert no_complaint.values["sentiment"].label == "neutral"


def test_shouting_ignores_common_acronyms() -> None:
    assert shouting("WHERE is my order")
    assert not shouting("the FAQ says ASAP via UPS")
    assert not shouting("my iPHONE and the ABC123 code") and shouting("NOPE. just NOPE")


def test_shipped_upset_model_names_its_features_and_data() -> None:
    model = UpsetModel.load()
    assert len(model.weights) == len(UPSET_FEATURES)
    assert "informal_dev.yaml" in model.meta["trained_on"] and "informal_dev2.yaml" in model.meta["trained_on"]
    assert "blind2" not in model.meta["trained_on"] and "blind3" not in model.meta["trained_on"]
    assert 0.5 <= model.meta["cv_f1"] <= 1.0


def test_damaged_or_mismatched_upset_model_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "upset.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="damaged"):
        UpsetModel.load(bad)
    data = json.loads(UPSET_MODEL_FILE.read_text(encoding="utf-8"))
    data["features"] = data["features"][:-1]
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ModelError, match="features"):
        UpsetModel.load(bad)


def test_fitting_again_reproduces_the_shipped_model() -> None:
    """Fails when a component upstream (claims, abuse, emotions, complaint) changed and upset.json was not
    refitted: `python -m poise.reading.training.upset`."""
    pytest.importorskip("sklearn", reason="fitting needs the train extra (scikit-learn)")
    from poise.reading.training.upset import fit, training_features

    model, _ = fit(*training_features())
    shipped = UpsetModel.load()
    assert model.weights == pytest.approx(shipped.weights, abs=0.02)
    assert model.bias == pytest.approx(shipped.bias, abs=0.02)


def test_a_stated_failure_or_a_public_stake_makes_a_calm_or_shouted_message_a_complaint() -> None:
    shouted = read("WHERE IS MY ORDER")
    assert shouted.complaint >= 0.65 and "stated_failure" in shouted.extra["cues"]
    review = read("Leaving a 1 star review on Google, people should know how you treat customers")
    assert review.complaint >= 0.65 and "stake" in review.extra["cues"]
    plain = read("please cancel my plan from next month")
    assert "cues" not in plain.extra or "stake" not in plain.extra["cues"]


def test_an_angry_emoji_makes_the_sentiment_negative() -> None:
    reading = read("🤬🤬 fix ur app")
    assert reading.sentiment.label == "negative" and "angry_emoji" in reading.extra["cues"]


def test_praise_intent_needs_a_glad_message() -> None:
    assert read("not happy tbh").intent.label != "feedback_praise"
    glad = read("Just wanted to say thank you, the cake was perfect and everyone loved it!")
    assert glad.intent.label == "feedback_praise"


def test_one_message_and_batch_probabilities_agree() -> None:
    import random

    from poise.reading.upset import upset_features

    rng = random.Random(3)
    model = UpsetModel.load()
    probabilities, cues = 5, len(UPSET_FEATURES) - 5
    inputs = [[rng.random() for _ in range(probabilities)] + [float(rng.random() < 0.5) for _ in range(cues)]
              for _ in range(50)]
    inputs.append([0.0, 1.0, 0.5, 0.0, 1.0] + [1.0, 0.0] * (cues // 2) + [0.5] * (cues % 2))
    batch = model.probabilities(upset_features(inputs)).tolist()
    assert [model.probability(x) for x in inputs] == pytest.approx(batch, abs=1e-9)


def test_abuse_at_people_is_a_negative_complaint_but_swearing_in_praise_is_not() -> None:
    insult = read("u lot are a joke. cancel my account NOW")
    assert insult.abuse.level == "insult" and insult.complaint >= 0.65 and insult.sentiment.label == "negative"
    assert "abuse_at_people" in insult.extra["cues"]
    praise = read("this is fucking brilliant thank you")
    assert praise.abuse.level == "profanity" and praise.complaint < 0.5 and praise.sentiment.label == "positive"


@pytest.mark.parametrize(("text", "upset"), [
    ("Hi, I think I was charged twice for my last order, could you check please? Thanks", False),
    ("Hi, our wifi drops most evenings around 7pm. Could someone check the line?", False),
    ("charged twice. again. sort it out", True),
    ("3rd time asking. when are you coming back to finish the bathroom", True),
])
def test_a_calm_factual_report_is_not_upset_but_a_curt_one_is(text: str, upset: bool) -> None:
    assert (read(text).upset >= 0.5) is upset


def test_a_polite_thanks_is_not_praise_beside_a_failure_but_thanks_for_a_failure_is() -> None:
    polite = read("Hi, I've been charged £29.99 on 1 Dec but I paused my plan in November. Please refund it. Thanks")
    assert "praise_with_failure" not in polite.extra.get("cues", [])
    sarcastic = read("Thanks @flyjetta for losing my bag AND charging me £60 to check it in. Class act")
    assert "praise_with_failure" in sarcastic.extra["cues"] and sarcastic.sentiment.label == "negative"
