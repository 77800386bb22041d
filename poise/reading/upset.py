"""Desk cues: what a complaint desk must read that the data-set models miss, and how upset the customer is.

The emotion, sentiment and complaint models learnt from Reddit comments, reviews and bank queries. Customers
write differently: "great, another week without my parcel 🙃" is praise to those models, and "third email. no
reply. order 4432." has no angry word at all. Two things are added here, both chosen on the informal development
set (tests/reading/data/informal_dev.yaml, 200 labelled messages; never on the blind set beside it):

1. **Praise around a stated failure** (sarcasm, or "thanks, but you charged me twice"): a praise word together
   with a failure word, a claim found in the message, or a phrase in scare quotes ('fast delivery'). Either way
   the message is a complaint and not a happy one: `complaint` is raised to at least PRAISE_WITH_FAILURE_COMPLAINT
   and a positive or neutral sentiment turns negative. Idioms that praise with a negation ("no problems at all",
   "couldn't be happier") are taken out before failure words are looked for. The cue is named in
   `Reading.extra["cues"]`.
2. **`upset`**: the probability that the customer is annoyed or angry, shown or not. A small logistic model over
   the reading's own signals (complaint, anger, annoyance, disgust, shouting, repeated contact, the cue above,
   politeness, exasperation), fitted on the informal sets that may be tuned on by
   `poise/reading/training/upset.py`. The GoEmotions-trained `emotions` stay as they are (that is what they are
   measured on); `upset` is the desk's reading of the same message.
"""
from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from poise.errors import ModelError
from poise.reading import pipeline
from poise.reading.linear import MODELS_DIR
from poise.reading.pipeline import Parse
from poise.reading.reading import Intent, Sentiment

PRAISE_WITH_FAILURE_COMPLAINT = 0.8  # the complaint probability such a message gets at least
SARCASM_SENTIMENT = -0.5  # the sentiment score a praised failure gets at most
# Claims that state a failure by themselves (a repeated contact or a promise may come with real thanks).
FAILURE_CLAIMS = frozenset({"not_received", "defective", "wrong_charge", "not_informed", "wrong_item"})
# Claims that make a message a complaint (complaint at least EVIDENCE_COMPLAINT), with stakes and angry emoji.
STATED_FAILURE_CLAIMS = FAILURE_CLAIMS | {"promised_by_staff", "repeated_contact", "already_returned"}
EVIDENCE_COMPLAINT = 0.65
# Abuse aimed at people (an insult at staff, a threat, hate) is dissatisfaction however the words read: a complaint,
# and never a neutral or positive message. Swearing about a thing is not ("this is fucking brilliant").
ABUSE_AT_PEOPLE = frozenset({"insult", "threat", "hate"})
PRAISE_INTENT = "feedback_praise"
# An upset customer writing about the business is not neutral, however calm the words ("third email. order
# 4432."): the sentiment model, trained on Reddit comments and reviews, reads most such messages as neutral.
# Where upset >= UPSET_NEGATIVE and the message is about the business (one of these intents, a claim, a stake or a
# desk cue), the sentiment turns negative. Chosen on the informal development set and GoEmotions dev: negative-vs-
# rest F1 0.676 -> 0.865 on the first, 0.616 -> 0.600 on the second (Reddit comments, where upset alone would
# cost 0.08); without the "about the business" condition 0.885 / 0.530. A message the complaint model reads as no
# complaint (< 0.5: a calm cancel, a question) is not turned (2026-12-08: development set 0.874 -> 0.877, and
# a German "Abo kündigen, bitte" no longer reads negative).
UPSET_NEGATIVE = 0.6
BUSINESS_INTENTS = frozenset({"refund", "return_exchange", "cancel", "where_is_my_order", "billing_charge",
                              "defect_report", "complaint_about_staff", "account_access"})
GLAD_EMOTIONS = ("gratitude", "admiration", "joy", "love", "amusement", "excitement")
# 🤬 😡 😠 😤 👎 🖕 (each emoji is a token of its own)
_ANGRY_EMOJI_TOKENS = frozenset("\U0001F92C \U0001F621 \U0001F620 \U0001F624 \U0001F44E \U0001F595".split())

_PRAISE = re.compile(
    # thanks FOR something ("thanks @airline for losing my bag"), not a polite sign-off ("can you check? thanks")
    r"\b(?:great|brilliant|amazing(?:ly)?|lov(?:e|ing|ely)|(?:thanks|thank (?:you|u)|ty)"
    r"(?: @?\w+)?(?: (?:a lot|a bunch|so much|very much))? for|thanks a (?:lot|bunch|million)|wow|cool|well done|"
    r"congrat(?:s|ulations)|impressive|outstanding|perfect|fantastic|wonderful|awesome|superb|super|excellent|"
    r"exactly what i (?:needed|wanted)|just what i (?:needed|wanted)|[1-5] stars?|oh good|oh sure|"
    r"nothing says|gotta love|got to love|nice one|nice work|good job|genius|classy|stellar)\b|[🙃🙄👏😒😑]")
# A token every _PRAISE match holds ("well done" holds "done", "just what i needed" "needed"), so a message
# without any of them cannot match.
_PRAISE_TOKENS = frozenset(
    "great brilliant amazing amazingly love loving lovely thanks thank ty wow cool done congrats congratulations "
    "impressive outstanding perfect fantastic wonderful awesome superb super excellent appreciate exactly needed "
    "wanted star stars oh says gotta nice job genius classy stellar 🙃 🙄 👏 😒 😑".split())
_FAILURE = re.compile(
    r"\b(?:still (?:not|no|nothing|waiting|(?:have|has|is|does|do|ca|wo)n'?t|broken|missing|charged)|"
    r"(?:broke|broken|late|wrong|charged|failed|crashed|down|missing|cancell?ed) again|twice|only took|"
    r"took (?:a|an|\d+|two|three|four|five|six) (?:day|week|month)s?|crash\w*|broke|broken|lost|lose|losing|"
    r"ruin(?:ed|ing)|breaking|wrong|late|"
    r"cold|charged|overcharged|instead of|after i|shame|waiting|waited|dirty|rude|ignored)\b")
# (Bare negations are not failure words: "thanks, I didn't know that" is no complaint; on GoEmotions dev they made
# the cue fire 185 times instead of 73 and cost 0.02 negative-vs-rest F1.)
# Praise that says it with a failure word: not a failure.
_PRAISE_IDIOMS = re.compile(
    r"\b(?:no (?:problems?|issues?|complaints?|hassle|fuss|worries)(?: at all)?|not (?:a single|one) (?:problem|"
    r"issue|complaint)|never (?:disappoints?|fails?|lets? (?:me|us) down)|(?:can'?t|cannot|could ?n'?t) (?:thank|fault|"
    r"recommend|praise)\w*(?: \w+){0,4} enough|could ?n'?t be (?:happier|better|more pleased)|not bad(?: at all)?|"
    r"without (?:a|any) (?:problem|issue|hitch|fuss)s?|nothing but (?:praise|good|great)|no wonder|"
    r"(?:can|could) ?n'?t (?:fault|be happier))\b")
# A promise in scare quotes ('fast delivery', "priority support").
_SCARE_QUOTES = re.compile(r"['\"‘“][A-Za-z \-]{0,20}\b(?:fast|quick|express|priority|premium|luxury|next day|same day|"
                           r"on (?:the|its|it's) way|guarantee\w*|unbreakable|support|fix\w*|free|helpful|friendly|"
                           r"24/7|instant|easy|service)\b[A-Za-z \-]{0,20}['\"’”]", re.IGNORECASE)
# Runs of three or more capitals; a run is a shouted word when no letter, digit or "_" touches it (what
# r"\b[A-Z]{3,}\b" finds, 2-3x faster: a pattern that opens on a character class lets the scan skip ahead).
_CAPITALS_RUN = re.compile(r"[A-Z][A-Z][A-Z]+")
# Capitals that are not shouting (interjections such as WTF or OMG in capitals still are).
_ACRONYMS = frozenset({"ASAP", "FAQ", "USA", "UK", "EU", "ATM", "PIN", "SMS", "PDF", "URL", "GPS", "TV", "DVD",
                       "USB", "VAT", "ETA", "CEO", "BTW", "FYI", "IMO", "TBH", "OK", "ID", "API", "APP", "IOS",
                       "PC", "NHS", "UPS", "DHL", "DPD", "USPS", "FEDEX", "EE", "BT", "SKU", "LED"})

# Words of a calm, polite request and of an exasperated customer (upset inputs "polite" and "exasperated").
_POLITE = re.compile(r"\b(?:please|pls|plz|thanks|thank you|thank u|thx|ty|could you|could u|would you|would u"
                     r"|can you|can u|kind regards|regards|cheers|hi|hello|hiya|dear|sorry to|appreciate)\b")
_EXASPERATED = re.compile(
    r"\b(?:ridiculous|ridiculus|unacceptable|joke|disgrace\w*|pathetic|useless|seriously|again|still|yet another"
    r"|fed up|sick of|had enough|how hard|sort it out|shocking|appalling|terrible|awful|worst|rubbish|absolute"
    r"|never again|wtf|ffs|unbelievable|what a|nobody|no one|noone|ignored|ignoring|how many times|how long"
    r"|waste)\b")
_SURFACE_KEY = "_surface_cues"  # Parse value caching surface_cues
_CUE_CHARS = 1000  # politeness and exasperation are read in a message's opening, not through a whole narrative
_LENGTH_TOKENS = 60  # "length" is the share of this many tokens a message has (longer counts as this long)

# The upset model's inputs; its weights are in models/upset.json, fitted by poise/reading/training/upset.py on the
# informal sets that may be tuned on. The first five are probabilities (read as log-odds), the rest cues in [0, 1]
# (sentiment in [-1, 1]). "polite" and "exasperated" tell a calm factual report ("hi, could you check my bill?")
# from an annoyed one ("still waiting. ridiculous"), which the complaint probability alone cannot (2026-12-08: on
# the second development set, P 0.58 at R 0.96 before they and the fit on three sets).
UPSET_FEATURES: tuple[str, ...] = ("complaint", "anger", "annoyance", "disgust", "worry", "shouting", "marks",
                                   "repeated_contact", "praise_with_failure", "swearing", "stake", "polite",
                                   "exasperated", "sentiment", "length", "question", "exclamation")
UPSET_MODEL_FILE = MODELS_DIR / "upset.json"
_PROBABILITY_INPUTS = 5  # the first five inputs are probabilities, read by the model as log-odds
_SMALL_BATCH = 8  # below this many messages, plain floats beat numpy's per-call cost


@dataclass(frozen=True)
class UpsetModel:
    """Logistic weights over UPSET_FEATURES."""

    weights: tuple[float, ...]
    bias: float
    meta: dict[str, Any]

    @classmethod
    def load(cls, path: Path = UPSET_MODEL_FILE) -> UpsetModel:
        """Read the model file (a JSON object: features, weights, bias, meta)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if tuple(data["features"]) != UPSET_FEATURES:
                raise ValueError(f"features {data['features']} are not {list(UPSET_FEATURES)}")
            return cls(tuple(float(w) for w in data["weights"]), float(data["bias"]), dict(data.get("meta", {})))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelError(f"upset model {path} is missing or damaged ({exc})",
                             hint="reinstall poise, or refit it: python -m poise.reading.training.upset") from exc

    def save(self, path: Path = UPSET_MODEL_FILE) -> None:
        """Write the model file."""
        path.write_text(json.dumps({"features": list(UPSET_FEATURES), "weights": list(self.weights),
                                    "bias": self.bias, "meta": self.meta}, indent=1) + "\n", encoding="utf-8")

    def probability(self, inputs: list[float]) -> float:
        """P(upset) for one message's raw `upset_inputs` (what `probabilities` gives, without numpy)."""
        z = self.bias
        for i, (w, x) in enumerate(zip(self.weights, inputs)):
            if i < _PROBABILITY_INPUTS:
                q = min(max(x, 1e-4), 1 - 1e-4)
                x = math.log(q / (1 - q))
            z += w * x
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """P(upset) for a batch (messages x UPSET_FEATURES)."""
        z = np.clip(features @ np.asarray(self.weights) + self.bias, -30.0, 30.0)
        out: np.ndarray = 1.0 / (1.0 + np.exp(-z))
        return out


@cache
def shipped_upset_model() -> UpsetModel:
    """The shipped upset model, loaded once per process."""
    return UpsetModel.load()


def praise_with_failure(text: str, lower: str, claims: int = 0, tokens: list[str] | None = None) -> bool:
    """True when praise words sit beside a stated failure: sarcasm, or thanks with a complaint.

    tokens: the message's word tokens when known (Parse.tokens): most messages hold no praise word at all, which
    a set test tells faster than the praise regex.
    """
    if tokens is not None and _PRAISE_TOKENS.isdisjoint(tokens):
        return False
    if not _PRAISE.search(lower):
        return False
    if claims > 0:  # a stated failure: no need to look for failure words
        return True
    rest = _PRAISE_IDIOMS.sub(" ", lower) if "n" in lower else lower
    return bool(_FAILURE.search(rest)) or bool(_SCARE_QUOTES.search(text))


def shouted_words(text: str) -> list[str]:
    """Words of three or more capitals that are not common acronyms ("WHERE is it"), in order."""
    return list(_shouted(text))


def _shouted(text: str) -> Iterator[str]:
    last = len(text)
    for m in _CAPITALS_RUN.finditer(text):
        start, end = m.span()
        if (start and _word_char(text[start - 1])) or (end < last and _word_char(text[end])):
            continue  # part of a longer word ("iPHONE", "ABC123")
        word = m.group()
        if word not in _ACRONYMS:
            yield word


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def shouting(text: str) -> bool:
    """Whether the message shouts a word (see `shouted_words`); stops at the first (complaint narratives hold
    dozens of "XXXX" redactions)."""
    return next(_shouted(text), None) is not None


def surface_cues(p: Parse) -> tuple[float, float, float, float]:
    """Politeness and exasperation in the message's opening (0/1), its length as a share of _LENGTH_TOKENS, and
    whether it shouts (0/1); worked out once per message (upset and desk_sentiment both read them)."""
    cues: tuple[float, float, float, float] | None = p.values.get(_SURFACE_KEY)
    if cues is None:
        opening = p.lower[:_CUE_CHARS]
        cues = (float(_POLITE.search(opening) is not None), float(_EXASPERATED.search(opening) is not None),
                min(len(p.tokens), _LENGTH_TOKENS) / _LENGTH_TOKENS, float(shouting(p.text)))
        p.values[_SURFACE_KEY] = cues
    return cues


def upset_inputs(p: Parse, cue: bool) -> list[float]:
    """One message's raw inputs in UPSET_FEATURES order (probabilities first, then cues)."""
    v = p.values
    emotions = v.get("emotions", {})
    claims = v.get("claims", ())
    abuse = v.get("abuse")
    sentiment = v.get("sentiment")
    text = p.text
    polite, exasperated, length, shouts = surface_cues(p)
    return [v.get("complaint", 0.0), emotions.get("anger", 0.0), emotions.get("annoyance", 0.0),
            emotions.get("disgust", 0.0), min(emotions.get("fear", 0.0) + emotions.get("nervousness", 0.0), 1.0),
            shouts, float("??" in text or "!!" in text),
            float(any(c.kind == "repeated_contact" for c in claims)), float(cue),
            float(abuse is not None and abuse.level != "none"), float(bool(v.get("stakes"))),
            polite, exasperated, sentiment.score if sentiment is not None else 0.0, length,
            float("?" in text and "??" not in text), float("!" in text)]


def upset_features(inputs: list[list[float]]) -> np.ndarray:
    """The model's features for a batch of `upset_inputs`: the probabilities as clipped log-odds."""
    x = np.array(inputs, dtype=np.float64).reshape(len(inputs), len(UPSET_FEATURES))
    q = np.clip(x[:, :_PROBABILITY_INPUTS], 1e-4, 1 - 1e-4)
    x[:, :_PROBABILITY_INPUTS] = np.log(q / (1 - q))
    return x


@pipeline.component("upset", requires=("emotions", "sentiment", "complaint", "abuse", "intent", "stakes", "claims"),
                    assigns=("upset",))
def component(parses: list[Parse]) -> None:
    """Assign `upset`; where praise sits beside a failure, revise `complaint` and `sentiment` and name the cue."""
    if not parses:
        return
    inputs = [upset_inputs(p, revise(p)) for p in parses]
    model = shipped_upset_model()
    if len(parses) < _SMALL_BATCH:  # one read(): plain floats beat numpy's per-call cost
        upsets = [model.probability(x) for x in inputs]
    else:
        upsets = model.probabilities(upset_features(inputs)).tolist()
    for p, upset in zip(parses, upsets):
        p.values["upset"] = upset
        if upset >= UPSET_NEGATIVE:
            revise_sentiment_from_upset(p, upset)
    revise_praise_intent(parses)


def revise_sentiment_from_upset(p: Parse, upset: float) -> bool:
    """An upset customer writing about the business reads as negative (see UPSET_NEGATIVE); True if revised.

    The score becomes at most 1 - 2 x upset (0 at upset 0.5, -0.8 at 0.9): how negative follows how upset.
    """
    v = p.values
    sentiment = v.get("sentiment")
    if sentiment is None or sentiment.label == "negative":
        return False  # nothing to revise (and no need to ask whether it is about the business)
    intent = v.get("intent")
    extra = v.get("extra", {})
    about_business = ((intent is not None and intent.label in BUSINESS_INTENTS) or bool(v.get("claims"))
                      or bool(v.get("stakes")) or bool(extra.get("cues")))
    if not about_business or v.get("complaint", 0.0) < 0.5 or not turn_negative(p, 1.0 - 2.0 * upset):
        return False
    v.setdefault("extra", {}).setdefault("cues", []).append("upset_negative")
    return True


def turn_negative(p: Parse, ceiling: float) -> bool:
    """A neutral or positive sentiment becomes negative, its score at most `ceiling`; True if it changed."""
    sentiment = p.values.get("sentiment")
    if sentiment is None or sentiment.label == "negative":
        return False
    p.values["sentiment"] = Sentiment("negative", min(sentiment.score, ceiling))
    return True


def _reads_glad(p: Parse) -> bool:
    """Glad words or a glad emotion, and no stated failure or negative sentiment."""
    v = p.values
    if v["sentiment"].label == "negative" or {"praise_with_failure", "stated_failure"} & set(v.get("extra", {}).get(
            "cues", ())):
        return False
    emotions = v.get("emotions", {})
    glad = max((emotions.get(e, 0.0) for e in GLAD_EMOTIONS), default=0.0) >= 0.5
    return glad or (v["sentiment"].label == "positive" and v.get("complaint", 0.0) < 0.5)


def revise_praise_intent(parses: list[Parse]) -> None:
    """Praise is praise only when the message reads as glad and no complaint: otherwise the intent is the next
    most likely label. (The default intent model learnt praise from Reddit thanks and happy reviews, and so
    reads much informal writing, "not happy tbh", as praise.)"""
    chosen = [p for p in parses if (intent := p.values.get("intent")) is not None and intent.label == PRAISE_INTENT
              and not _reads_glad(p)]
    from poise.reading.intent import INTENT_PROBABILITIES

    for p in chosen:
        labels, row = p.values.get(INTENT_PROBABILITIES, ((), None))
        if row is None or PRAISE_INTENT not in labels:
            continue
        row = row.copy()
        row[labels.index(PRAISE_INTENT)] = -1.0
        best = int(row.argmax())
        p.values["intent"] = Intent(labels[best], float(row[best]))
        p.values.setdefault("extra", {}).setdefault("cues", []).append("not_praise")


def revise(p: Parse) -> bool:
    """Revise `complaint` and `sentiment` from the desk cues; True when praise sat beside a failure."""
    cue = revise_praise_with_failure(p)
    revise_from_evidence(p)
    return cue


def revise_from_evidence(p: Parse) -> list[str]:
    """A failure the message states (a claim), a stake it raises, abuse aimed at people or an angry emoji makes it a
    complaint, however calm or shouted its words ("WHERE IS MY ORDER" reads to the complaint model like a plain
    question). Returns the cues found; abuse at people or an angry emoji also makes a neutral or positive
    sentiment negative."""
    v = p.values
    cues = []
    if any(c.kind in STATED_FAILURE_CLAIMS for c in v.get("claims", ())):
        cues.append("stated_failure")
    if any(stake.kind != "churn" for stake in v.get("stakes", ())):  # leaving may be calm: "cancel my plan"
        cues.append("stake")
    abuse = v.get("abuse")
    if abuse is not None and abuse.level in ABUSE_AT_PEOPLE:
        # "u lot are a joke. cancel my account NOW" read as a calm, even positive, cancel request
        cues.append("abuse_at_people")
        turn_negative(p, SARCASM_SENTIMENT)
    elif not _ANGRY_EMOJI_TOKENS.isdisjoint(p.tokens):
        cues.append("angry_emoji")
        turn_negative(p, SARCASM_SENTIMENT)
    if cues:
        v["complaint"] = max(v.get("complaint", 0.0), EVIDENCE_COMPLAINT)
        v.setdefault("extra", {}).setdefault("cues", []).extend(cues)
    return cues


def revise_praise_with_failure(p: Parse) -> bool:
    """Where praise sits beside a failure: complaint up, sentiment negative, the cue named. True if it did."""
    v = p.values
    failures = sum(1 for c in v.get("claims", ()) if c.kind in FAILURE_CLAIMS)
    if not praise_with_failure(p.text, p.lower, failures, p.tokens):
        return False
    v["complaint"] = max(v.get("complaint", 0.0), PRAISE_WITH_FAILURE_COMPLAINT)
    turn_negative(p, SARCASM_SENTIMENT)
    v.setdefault("extra", {}).setdefault("cues", []).append("praise_with_failure")
    return True
