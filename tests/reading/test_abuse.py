"""Tests for poise.reading.abuse: levels, targets, spans, disguised swearing, and the measured figures."""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import yaml

from poise.errors import ConfigError
from poise.reading import abuse, language
from poise.reading.abuse import deobfuscate, read_abuse
from poise.reading.features import word_tokens
from poise.reading.lexicons import collapse, load_lexicon, trie_pattern
from poise.reading.pipeline import Parse, Reader, read
from poise.reading.reading import Abuse

TARGETS = Path(__file__).parent / "data" / "abuse_targets.yaml"


def abuse_of(text: str) -> Abuse:
    return read_abuse([Parse.of(text)])[0]


@pytest.mark.parametrize(("text", "level", "target"), [
    ("this damn app logged me out again", "profanity", "thing"),
    ("the f***ing parcel is late", "profanity", "thing"),
    ("the fcking website won't load", "profanity", "thing"),
    ("sh1t delivery, box was soaked", "profanity", "thing"),
    ("shiiiit, the order got cancelled", "profanity", "thing"),
    ("the s h i t t y app crashed", "profanity", "thing"),
    ("you are an idiot", "insult", "staff"),
    ("your useless support team", "insult", "staff"),
    ("are you people brain dead?", "insult", "staff"),
    ("the driver is a total a$$hole", "insult", "staff"),
    ("Nice one, genius.", "insult", "staff"),
    ("fuck you", "insult", "staff"),
    ("I will find where you live", "threat", "staff"),
    ("you'll regret this", "threat", "staff"),
    ("you\u2019ll regret this", "threat", "staff"),
    ("go back to your own country", "hate", "group"),
    ("some stupid spic answered the phone", "hate", "group"),
])
def test_abuse_levels_and_targets(text: str, level: str, target: str) -> None:
    found = abuse_of(text)
    assert (found.level, found.target) == (level, target)


@pytest.mark.parametrize("text", [
    "I'll sue you if this isn't fixed by Friday.",
    "I'll dispute the charge with my bank.",
    "I'll leave a review telling everyone.",
    "This app is useless and slow.",
    "I'm such an idiot, I ordered the wrong size.",
    "Please assess the damage; the class starts in Scunthorpe.",
    "The Genius Bar said the battery is faulty.",
    "My order still hasn't arrived.",
])
def test_abuse_clean_and_stakes_are_none(text: str) -> None:
    found = abuse_of(text)
    assert (found.level, found.spans, found.target) == ("none", (), "none")
    assert found.score < 0.5


@pytest.mark.parametrize(("text", "words"), [
    ("you are an idiot", ["idiot"]),
    ("Well, this DAMN app again", ["DAMN"]),
    ("the sh1t printer and the f**king box", ["sh1t", "f**king"]),
    ("I will find where you live.", ["find where you live"]),
    ("your useless support team", ["useless"]),
    ("Fuck off", ["Fuck off"]),
])
def test_abuse_spans_point_at_the_words(text: str, words: list[str]) -> None:
    found = abuse_of(text)
    assert [text[a:b] for a, b in found.spans] == words


@pytest.mark.parametrize(("lower", "expected"), [
    ("sh1t", "shit"),
    ("a$$hole", "asshole"),
    ("b!tch", "bitch"),
    ("f**k it", "fuck it"),
    ("f***ing box", "fucking box"),
    ("shit!", "shit!"),
    ("order 1234, 455 items", "order 1234, 455 items"),
    ("you\u2019re", "you're"),
])
def test_deobfuscate_keeps_length(lower: str, expected: str) -> None:
    assert deobfuscate(lower) == expected
    assert len(deobfuscate(lower)) == len(lower)


def test_abuse_non_english_is_none() -> None:
    parse = Parse.of("Mierda de servicio, el pedido no ha llegado")
    parse.language = "es"
    assert read_abuse([parse])[0] == Abuse()


def test_abuse_component_in_reader() -> None:
    reader = Reader([language.component, abuse.component])
    readings = list(reader.read_many(["thanks, all good", "you're a moron"]))
    assert [(r.abuse.level, r.abuse.target) for r in readings] == [("none", "none"), ("insult", "staff")]
    assert readings[1].to_dict()["abuse"]["spans"] == [[9, 14]]


def test_load_lexicon_reads_stems_and_suffixes(tmp_path: Path) -> None:
    path = tmp_path / "lex.txt"
    path.write_text("# comment\n[profanity]\ndamn: ed it\nbrain_dead\n", encoding="utf-8")
    assert load_lexicon(path) == {"profanity": {"damn": "damn", "damned": "damn", "damnit": "damn",
                                                "brain dead": "brain dead"}}


def test_load_lexicon_without_section_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "lex.txt"
    path.write_text("damn\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="comes before any"):
        load_lexicon(path)


@pytest.mark.parametrize(("text", "matches"), [
    ("fuck", True),
    ("fuuuuck", True),
    ("brain  dead", True),
    ("brain-dead", True),
    ("asses", True),
    ("assess", False),
    ("fudge", False),
])
def test_trie_pattern_matches_forms_drawn_out(text: str, matches: bool) -> None:
    pattern = re.compile(trie_pattern(["fuck", "asses", "brain dead"]))
    assert (pattern.fullmatch(text) is not None) == matches


def test_collapse_squeezes_repeats() -> None:
    assert collapse("shiiiit biitch") == "shit bitch"


def _accuracy(split: str) -> tuple[float, float]:
    items = yaml.safe_load(TARGETS.read_text(encoding="utf-8"))[split]
    found = read_abuse([Parse.of(x["text"]) for x in items])
    level = sum(a.level == x["level"] for a, x in zip(found, items)) / len(items)
    target = sum(a.target == x["target"] for a, x in zip(found, items)) / len(items)
    return level, target


def test_abuse_targets_set_is_large_enough() -> None:
    data = yaml.safe_load(TARGETS.read_text(encoding="utf-8"))
    assert len(data["test"]) >= 100
    assert not {x["text"] for x in data["test"]} & {x["text"] for x in data["dev"]}


@pytest.mark.parametrize("split", ["dev", "test"])
def test_abuse_targets_accuracy(split: str) -> None:
    level, target = _accuracy(split)
    assert level >= 0.90
    assert target >= 0.90


@pytest.mark.slow
@pytest.mark.data
def test_abuse_davidson_test_split_macro_f1(shared_data: Path) -> None:
    from poise.reading.training.abuse import evaluate
    binary, _ = evaluate(shared_data)
    assert binary.headline["macro_f1_reading"] >= 0.90
    assert binary.headline["macro_f1_reading"] == pytest.approx(0.919, abs=0.01)  # docs/eval/abuse.md
    assert binary.headline["clean_customer_text_flagged"] <= 0.01


@pytest.mark.slow
@pytest.mark.data
def test_abuse_training_reproduces_shipped_model(shared_data: Path, tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    from poise.reading.linear import LinearModel
    from poise.reading.training.abuse import train
    rebuilt = LinearModel.load(train(shared_data, tmp_path))
    shipped = LinearModel.load("abuse")
    assert rebuilt.meta == shipped.meta
    assert rebuilt.index == shipped.index
    assert rebuilt.weights.tolist() == shipped.weights.tolist()


@pytest.mark.slow
def test_abuse_speed_per_message() -> None:
    texts = [x["text"] for split in ("dev", "test")
             for x in yaml.safe_load(TARGETS.read_text(encoding="utf-8"))[split]] * 10
    parses = [Parse.of(t) for t in texts]
    read_abuse(parses[:10])
    start = time.process_time()
    for i in range(0, len(parses), 256):
        read_abuse(parses[i:i + 256])
    per_message_us = (time.process_time() - start) / len(parses) * 1e6
    assert per_message_us < 100  # about 20 measured on a busy 2-core box; the bar is ~30 (docs/eval/abuse.md)


@pytest.mark.parametrize(("text", "level"), [
    ("if my money isnt back by friday im coming down there and i will smash your shop up and you with it", "threat"),
    ("i will trash your store", "threat"),
    ("the courier managed to smash the box", "none"),
    ("great, the parcel got wrecked in transit", "none"),
])
def test_threats_against_the_shop_and_staff(text: str, level: str) -> None:
    # Regression: a threat to wreck the shop "and you with it" read as none (scenario threat-to-smash-the-shop).
    assert read(text).abuse.level == level


def _tricky_texts(n: int, seed: int) -> list[str]:
    """Lexicon forms and phrase words drawn out, spelt out, disguised and run together with odd separators."""
    import random
    rng = random.Random(seed)
    forms = list(abuse.FORMS)
    words = ("you your the app is a hole i am so u s h i t where live find make pay hope die piece of brain dead "
             "waste space f ing king don't it's café 2nd sh1t a$$ f**k sh*t s.h.i.t u.s.c e.g. fuuuck shiiiit "
             "assss f'ing a-hole god_damn staff support idiots kill jews are vermin back to your country regret "
             "watch o'hope nowhere").split()
    seps = [" ", " ", ", ", ". ", "! ", "'", "-", "_", ".", "\n", "é", "\u2019", "  ", "?"]
    texts = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 10)):
            w = rng.choice(forms) if rng.random() < 0.3 else rng.choice(words)
            if rng.random() < 0.1:
                w = "".join(c * rng.choice([1, 1, 2, 3, 4]) for c in w)
            if rng.random() < 0.05:
                w = rng.choice([" ", "."]).join(w)
            parts += [w, rng.choice(seps)]
        texts.append("".join(parts))
    return texts


def test_skipping_the_lexicon_regex_never_changes_the_hits(monkeypatch: pytest.MonkeyPatch) -> None:
    # scan skips _LEX_RE, the phrase rules and the root search where the message's tokens and a few text hints
    # show they cannot match; with the skip turned off (no token known quiet, every message classified as
    # possibly holding a lexicon word) it runs them all, as before the skip existed: the hits must agree.
    norms = [deobfuscate(Parse.of(t).lower) for t in _tricky_texts(1500, seed=7)]
    fast = [abuse.scan(n) for n in norms]
    monkeypatch.setattr(abuse, "_QUIET", set())
    monkeypatch.setattr(abuse, "_classify", lambda tokens: True)
    assert [abuse.scan(n) for n in norms] == fast


def test_quiet_tokens_leave_nothing_to_deobfuscate() -> None:
    # read_abuse takes a message made of plain tokens as already deobfuscated, and its tokens as the Parse's.
    parses = [Parse.of(t) for t in _tricky_texts(600, seed=8)]
    read_abuse(parses)  # fills the quiet and plain token sets
    for p in parses:
        norm = deobfuscate(p.lower)
        if abuse._PLAIN.issuperset(p.tokens):
            assert norm == p.lower
        if norm is not p.lower:  # (curly apostrophes made straight: the Parse's tokens, changed alike)
            assert abuse._norm_tokens(p, norm) == word_tokens(norm)


# Informal writing with no insult, threat or slur word (docs/eval/abuse.md, "Informal messages"). Sentences
# written for these tests, not taken from the informal dev set.
INFORMAL = [
    ("ill smash ur shop windows if my refund isnt here monday", "threat"),
    ("im gonna put a brick thru ur window", "threat"),
    ("keep it up and ill put ur windows in", "threat"),
    ("i will be waiting outside for your driver tomorrow", "threat"),
    ("ill b waitin outside when u close", "threat"),
    ("i'll deal with that courier myself next time", "threat"),
    ("someone's gonna get hurt if i have to ring again", "threat"),
    ("your driver is gonna get a slap if he does that again", "threat"),
    ("you better watch yourself", "threat"),
    ("I'm going to set fire to your warehouse", "threat"),
    ("hope your driver gets hit by a bus", "threat"),
    ("hope the agent who closed my ticket gets the sack", "insult"),
    ("can u even spell", "insult"),
    ("are you all this incompetent", "insult"),
    ("what a pathetic excuse for a manager", "insult"),
    ("lazy amateurs, the lot of them", "insult"),
    ("ur so shit at this", "insult"),
    ("you act like an idiot on the phone", "insult"),
    ("you immigrants are all the same", "hate"),
    ("go back to where you came from", "hate"),
    ("the girl on the phone could barely speak english", "hate"),
    ("put me through to someone from this country", "hate"),
    ("those hijab women at the till ignored me", "hate"),
    ("ur website is shit", "profanity"),
    ("I'm waiting outside the store but it's still closed", "none"),
    ("i'll be waiting outside for the delivery from 9", "none"),
    ("the courier put the card through the door", "none"),
    ("I'm going to throw this phone out of the window, it's so slow", "none"),
    ("this step is loose, someone is going to get hurt", "none"),
    ("I ordered another hijab and it arrived torn", "none"),
    ("the indian guy on the phone was really helpful", "none"),
    ("do you ship to foreigners? i live in spain", "none"),
    ("I'd like to learn english, do you have courses", "none"),
    ("I stood there like an idiot for an hour waiting", "none"),
    ("did you even read my email", "none"),
    ("what a pathetic excuse for an app", "none"),
    ("I will break the contract if this continues", "none"),
    ("the window fitter put the windows in upside down", "none"),
]


@pytest.mark.parametrize(("text", "level"), INFORMAL)
def test_informal_abuse_without_keywords(text: str, level: str) -> None:
    assert read(text).abuse.level == level


def test_phrase_rule_anchors_cover_every_match() -> None:
    # scan tries a phrase rule only when its anchors or pairs are in the message: every match must hold one.
    from poise.reading.lexicons.abuse_phrases import PHRASE_RULES
    texts = [t for t, _ in INFORMAL] + _tricky_texts(1500, seed=9) + [
        "i'll put him thru the wall", "brick through ur window", "hope u get run over", "hope he gets what's coming",
        "can any of you even read", "go back where you came from", "a real british person please",
        "better watch ur step", "you'll get a smack in the mouth", "i will set fire to the shop"]
    for text in texts:
        norm = deobfuscate(Parse.of(text).lower)
        tokens = word_tokens(norm)
        for rule in PHRASE_RULES:
            if rule.pattern.search(norm):
                assert rule.may_match(norm, tokens), (rule.pattern.pattern[:40], text)


def test_every_phrase_rule_compiles() -> None:
    """The informal phrase rules compile on first use, so a broken pattern must be caught here."""
    import re

    from poise.reading.lexicons.abuse_phrases import PHRASE_RULES

    for rule in PHRASE_RULES:
        assert isinstance(rule.pattern, re.Pattern), rule.level
