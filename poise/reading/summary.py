"""Summary: three plain sentences — what went wrong, why they are upset, what they ask for.

"Separate the jerk from the content": the agent (and the tone check after them) needs the content of an
angry message without its insults. So the summary is written from what the Reading found — claims, stakes,
emotions, intent — in fixed third-person sentences ("The order has not arrived (order #123)."), never by
copying the customer's words, except order numbers and amounts, and, when nothing else was understood, a
short excerpt with abuse spans and swear words taken out. The fixed wording is checked by the tests; the
only outside words (the excerpt, a business's own intent label) go through `has_profanity`, so no
sentence can hold a swear word or an insult.

Runs last. It requires claims and stakes; emotions, intent, abuse and complaint are read when an earlier
component assigned them (a custom Reader may leave them out).
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from operator import itemgetter

from poise.reading import pipeline
from poise.reading.claims import about_money
from poise.reading.gates import trie_pattern
from poise.reading.pipeline import Parse
from poise.reading.reading import Abuse, Claim, Intent, Stake, Summary
from poise.reading.upset import UPSET_NEGATIVE

MAX_WORDS = 25
MIN_INTENT_CONFIDENCE = 0.35
STRONG_EMOTION = 0.5
SOME_EMOTION = 0.3

# Words no summary sentence may hold: swearing and the usual insults aimed at staff. One regex shaped as a
# trie over lowercased text, far faster than a case-insensitive alternation of patterns.
_SWEAR_PREFIXES = ("fuck", "fuk", "fck", "f*ck", "f**k", "shit", "sh1t", "sh*t", "bullsh", "crap", "damn",
                   "goddam", "bitch", "bastard", "asshole", "a**hole", "a$$hole", "arse", "dick", "piss",
                   "bollock", "cunt", "twat", "wank", "prick", "idiot", "moron", "stupid", "dumbass",
                   "retard", "incompetent", "scum",
                   "suck", "screw")
_SWEAR_WORDS = frozenset((
    "ass asses bloody wtf stfu useless pathetic clown clowns loser losers jerk jerks hell bs dumb"
).split())
_SWEAR = re.compile(rf"\b(?:{trie_pattern(list(_SWEAR_PREFIXES))})[\w*#@$]*"
                    rf"|\b(?:{trie_pattern(sorted(_SWEAR_WORDS))})\b")


# Words already checked (each new word is searched once): most texts are made of clean words seen before only,
# which one C-level `issuperset` shows (`_WordTest`).
_MAX_CACHED_WORDS = 100_000


class _WordTest:
    """Whether any word of a message matches a regex, each word tested once: hits and misses are remembered
    (words repeat), up to _MAX_CACHED_WORDS of them, so memory stays flat."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.hits: set[str] = set()
        self.misses: set[str] = set()

    def any(self, words: Sequence[str]) -> bool:
        """True when a word matches (`pattern.search` finds something in it)."""
        misses = self.misses
        if misses.issuperset(words):
            return False
        room = len(misses) + len(self.hits) < _MAX_CACHED_WORDS
        for word in words:
            if word in misses:
                continue
            if word in self.hits:
                return True
            if self.pattern.search(word) is not None:
                if room:
                    self.hits.add(word)
                return True
            if room:
                misses.add(word)
        return False


_SWEARING = _WordTest(_SWEAR)


def has_profanity(text: str) -> bool:
    """True when `text` holds a swear word or an insult."""
    return _SWEARING.any(text.lower().split())


# Only emotions a desk acts on are named (a 28-label model's "curiosity" or "excitement" on a complaint
# reads as noise); negative and positive ones are never mixed in one sentence.
_EMOTION_WORDS = {
    "anger": "angry", "annoyance": "annoyed", "disappointment": "disappointed", "confusion": "confused",
    "sadness": "sad", "fear": "worried", "disapproval": "unhappy", "nervousness": "nervous",
    "disgust": "disgusted", "embarrassment": "embarrassed", "grief": "grieving",
    "gratitude": "grateful", "joy": "happy", "admiration": "impressed", "relief": "relieved",
}
_POSITIVE_EMOTIONS = frozenset({"gratitude", "joy", "admiration", "relief"})
# Words that already say the customer is put out. An upset customer (Reading.upset >= FRUSTRATED_UPSET) whose
# emotions give none of them ("WHERE IS MY ORDER" reads to the emotion model as curious or confused, sarcasm as
# grateful) is called frustrated instead of what the Reddit-trained emotions say.
_DISPLEASED_WORDS = frozenset({"angry", "annoyed", "disappointed", "sad", "unhappy", "disgusted", "worried",
                               "nervous", "embarrassed", "grieving"})
FRUSTRATED_UPSET = UPSET_NEGATIVE  # as sure as the sentiment's revision before saying so
_POSITIVE_WORDS = frozenset(_EMOTION_WORDS[k] for k in _POSITIVE_EMOTIONS)
_COUNT_WORDS = {2: "twice", 3: "three times", 4: "four times", 5: "five times", 6: "six times",
                7: "seven times", 8: "eight times", 9: "nine times", 10: "ten times"}

_CLAIM_REASONS = {
    "promised_by_staff": "feel let down by a promise that was not kept",
    "not_informed": "feel left in the dark",
    "wrong_charge": "feel wrongly charged",
    "already_returned": "are still waiting after sending the item back",
    "not_received": "are still waiting for their order",
    "defective": "are let down by a faulty product",
    "wrong_item": "did not get what they ordered",
}
_STAKE_REASONS = {
    "legal": "are ready to take legal steps",
    "chargeback": "may ask their bank to reverse the payment",
    "public": "may complain in public",
    "churn": "are thinking of leaving",
}
_INTENT_ISSUES = {
    "where_is_my_order": "They are asking where their order is.",
    "billing_charge": "They have a problem with a charge.",
    "defect_report": "Something they bought does not work.",
    "complaint_about_staff": "They are unhappy with how staff treated them.",
    "account_access": "They cannot get into their account.",
    "how_to": "They need help using the product or service.",
    "refund": "They are asking for their money back.",
    "return_exchange": "They want to return or exchange an item.",
    "cancel": "They want to cancel.",
    "feedback_praise": "They are sharing positive feedback.",
}
_INTENT_WANTS = {
    "refund": "a refund", "return_exchange": "to return or exchange the item", "cancel": "to cancel",
    "where_is_my_order": "to know where their order is", "billing_charge": "the charge checked and put right",
    "how_to": "help using the product", "defect_report": "the faulty product fixed or replaced",
    "complaint_about_staff": "their complaint about staff taken seriously",
    "account_access": "to get back into their account",
}
_CLAIM_WANTS = {
    "wrong_charge": "the charge put right", "not_received": "their order, or to know where it is",
    "defective": "the faulty product fixed or replaced", "already_returned": "their return processed",
    "promised_by_staff": "the promise kept", "not_informed": "a clear explanation",
    "repeated_contact": "an answer", "wrong_item": "the item they ordered",
}

# An explicit ask ("i want", "please", "can you") followed, in the same clause, by what is asked for.
_ASK = re.compile(  # factored by first letter, so most positions fail on one test
    r"\b(?:i(?:\s+(?:want|need|demand|expect|would\s+like|'?d\s+like|am\s+asking\s+for)|'d\s+like|d\s+like)"
    r"|p(?:lease|ls|lz)|c(?:an|ould)\s+(?:you|u|i\s+(?:get|have))|g(?:ive\s+me)|s(?:end\s+me)|w(?:ant|anna)"
    r"|a(?:sking\s+for)|r(?:equesting)|j(?:ust)|n(?:eed)|h(?:ow\s+(?:do|can)\s+i)|waiting\s+(?:for|on)"
    r"|where\s+(?:is|are))\b"
    # an imperative opening a sentence: "Fix it." "Refund me now!"
    r"|(?:^|(?<=[.!?\n] )|(?<=[.!?\n]))(?=(?:fix|refund|replace|cancel|send|call|reply|answer"
    r"|sort|resolve|repair|give)\b)")
_ASK_TOKENS = frozenset((
    "want", "wanna", "need", "demand", "demanding", "expect", "like", "asking", "please", "pls", "plz", "can",
    "could", "give", "send", "requesting", "just", "how", "i'd", "id", "fix", "refund", "replace", "cancel",
    "call", "reply", "answer", "sort", "resolve", "repair", "waiting", "where",
))
_WANT_PHRASES = {
    "refund": "a refund", "replacement": "a replacement", "exchange": "an exchange", "cancel": "to cancel",
    "return": "to return the item", "compensation": "compensation", "manager": "to speak to a manager",
    "callback": "a call back", "deliver": "their order delivered", "answer": "an answer",
    "fix": "the problem fixed", "apology": "an apology",
}
_WANT_OBJECT = re.compile(  # anchored at a word start: other positions fail on the first test
    r"\b(?=[a-z])(?:(?P<refund>refund|money\s+back|reimburs|my\s+money\b)|(?P<replacement>replace|new\s+one"
    r"|another\s+one)|(?P<exchange>exchange|swap|switch)|(?P<cancel>cancel|close\s+my\s+account|unsubscribe)"
    r"|(?P<return>return\s+(?:it|this|them|the|my))|(?P<compensation>compensat|discount|voucher|credit\b)"
    r"|(?P<manager>manager|supervisor|speak\s+to\s+(?:a|someone|somebody))"
    r"|(?P<callback>call\s+(?:me\s+)?back|callback|phone\s+me|call\s+me)"
    r"|(?P<deliver>deliver|send\s+(?:it|my|the)|ship\s+(?:it|my|the))"
    r"|(?P<answer>answer|reply|respon|explanation|explain|update|know\s+(?:why|when|where|what)|tell\s+me)"
    r"|(?P<fix>fix|repair|sort\s+(?:it|this)|resolve)|(?P<apology>apolog))")
# Where an _ASK match can start: a word start (no word character before) opening with one of these, the first
# two or three characters of every _ASK alternative (fix|refund|... for the imperative). A regex of literal-led
# alternatives lets sre skip every other character fast, where _ASK itself is tried at every position; _ASK is
# then tried only at these places (see _asks). No opening runs into a following word, so one candidate never hides
# the next. Keep in step with _ASK: the tests compare both ways.
_ASK_STARTS = ("i[\\s'd]", "pl[esz]", "ca[nl]", "cou", "giv", "sen", "sor", "wan", "wai", "whe", "ask", "re[qfps]",
               "jus", "nee", "how", "fix", "ans")
_CHAR_CLASS = re.compile(r"\[[^]]*\]")
_ASK_CANDIDATE = re.compile("|".join(  # each start, then "no word character before it" as a lookbehind
    start + r"(?<!\w" + "." * len(_CHAR_CLASS.sub(".", start)) + ")" for start in _ASK_STARTS))
_MAX_ASKS = 6
_ASK_REACH = 60
_CLAUSE_SPLIT = re.compile(r"[.!?\n;]+")
# "charged twice", "took £9.99 off me 3 times", "double charged" (not "drove past me twice then charged me")
_CHARGED_TWICE = re.compile(
    r"(?:charg\w*|bill\w*|paid|pay\w*|taken|took|debit\w*|transactions?)\W+(?:\S+\W+){0,5}?(?:twice|double"
    r"|duplicate|2x|x2|two times|three times|\d times|more than once)"
    r"|(?:double|duplicate|twice)[\s-]+(?:charg|bill|pa[iy]|debit|transaction)")
# Part of an order missing rather than all of it: "no eggs, no milk", "only 1 of the 3", "half my order missing"
_PART_MISSING = re.compile(
    r"\b(?:items?|bits?|pieces?|parts?|half|some|one|two|three|\d+)\s+(?:\w+\s+){0,2}?(?:(?:are|is|was|were)\s+)?"
    r"missing|missing\s+from|\bno\s+\w+,?\s+(?:no|and|or)\s|\bonly\s+(?:\d+|one|two|three|half)\s+(?:of|out\s+of"
    r"|\w+\s+(?:of|came|arrived))|\bhalf\s+(?:my|the|of)\b|\bforgot\s+(?:the|my|to\s+put)|\bleft\s+out\b"
    r"|\b(?:not|wasn'?t|weren'?t)\s+in\s+the\s+(?:box|bag|parcel|order|delivery)|\bbut\s+no\s+\w+")
_OVERCHARGED = re.compile(r"over\s?-?\s?charg|over\s?-?\s?bill|instead of|rather than|too much"
                          r"|wrong amount|\bprice")
_FEE = re.compile(r"(?:\b([a-z]+)['\s]+)?fees?\b")
_NOT_FEE_NAMES = frozenset({"a", "an", "the", "this", "that", "my", "me", "of", "for", "any", "extra", "some", "and"})
_AFTER_CANCEL = re.compile(r"cancel|unsubscrib|closed|still being|keep|keeps|kept")
_NOT_ORDERED = re.compile(r"never|didn'?t|did not|don'?t|haven'?t")
_DISCOUNT = re.compile(r"discount|coupon|promo|voucher")
_PROMISED_WHAT = re.compile(r"\b(refund|replacement|discount|call\s*back|credit|repair|exchange|free\s+\w+"
                            r"|delivery|waive\w*)")
_AMOUNT = re.compile(r"[$£€]\s?\d[\d,]{0,12}(?:\.\d{1,2})?|\d[\d,]{0,12}(?:\.\d{1,2})?\s?(?:dollars|usd"
                     r"|euros?|eur|pounds|gbp)\b")
_EXCERPT_WORD = re.compile(r"[^\s\w]*\w\S*")  # a word with at least one letter or digit
_EXCERPT_WORDS = 15
_EXCERPT_CHARS = 200
_ASK_SCAN_CHARS = 600  # asks sit at the start or the end of a long message: only those parts are scanned


def _sentence(text: str) -> str:
    """Capitalise the first letter and end with a full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _clip(sentence: str, max_words: int = MAX_WORDS) -> str:
    """Cut a sentence to at most `max_words` words, keeping it a sentence."""
    words = sentence.split()
    if len(words) <= max_words:
        return sentence
    return _sentence(" ".join(words[:max_words]).rstrip(",;:"))


def clean(sentence: str) -> str:
    """The sentence, or "" when it holds a swear word or an insult (the last guard before a summary ships)."""
    return "" if has_profanity(sentence) else sentence


def _charge_clause(claim: Claim) -> str:
    lower = claim.text.lower()
    amounts = _AMOUNT.findall(claim.text)
    if _CHARGED_TWICE.search(lower):
        return "they were charged more than once"
    if _DISCOUNT.search(lower):
        return "a discount they expected was not applied"
    if _OVERCHARGED.search(lower):
        if len(amounts) >= 2:
            return f"they were charged {amounts[0]} instead of {amounts[1]}"
        return "they were overcharged"
    fee = _FEE.search(lower)
    if fee:  # "charged me a cancellation fee": the fee is what they dispute
        named = fee[1] if fee[1] and fee[1] not in _NOT_FEE_NAMES else ""
        return f"they dispute a {named + ' ' if named else ''}fee they were charged"
    if _AFTER_CANCEL.search(lower):
        return "they were still charged after cancelling"
    if _NOT_ORDERED.search(lower):
        return "they were charged for something they did not order"
    return "they were charged incorrectly"


def _promise_clause(claim: Claim) -> str:
    what = _PROMISED_WHAT.search(claim.text.lower())
    if what:
        thing = " ".join(what[1].split())
        article = "" if thing.startswith(("free", "delivery", "waive")) else "a "
        return f"staff promised them {article}{thing}, which has not happened"
    return "staff made a promise that was not kept"


def _claim_clause(claim: Claim, order_refs: Sequence[str], text: str | None = None) -> str:
    kind = claim.kind
    if kind == "not_received":
        if text is not None and about_money(text, claim):
            return "their refund has not reached them" + (f" (order #{order_refs[0]})" if order_refs else "")
        if _PART_MISSING.search(claim.text.lower()):
            return "part of the order is missing" + (f" (order #{order_refs[0]})" if order_refs else "")
        return "the order has not arrived" + (f" (order #{order_refs[0]})" if order_refs else "")
    if kind == "wrong_charge":
        return _charge_clause(claim)
    if kind == "defective":
        return "the product is faulty or damaged"
    if kind == "wrong_item":
        return "they received the wrong item" + (f" (order #{order_refs[0]})" if order_refs else "")
    if kind == "not_informed":
        return "they were not told what they needed to know"
    if kind == "already_returned":
        return "they already sent the item back"
    if kind == "promised_by_staff":
        return _promise_clause(claim)
    if kind == "repeated_contact":
        return "they have contacted support before without a resolution"
    return kind.replace("_", " ")


def _excerpt(p: Parse, abuse: Abuse) -> str:
    """The message's first sentence without abuse spans and swear words, or "" if little is left."""
    text = p.text[:400]
    for start, end in abuse.spans:  # blank out insults and threats, keeping offsets
        if start < len(text):
            text = text[:start] + " " * (min(end, len(text)) - start) + text[end:]
    first = _CLAUSE_SPLIT.split(text.strip(), maxsplit=1)[0][:_EXCERPT_CHARS]
    words = _EXCERPT_WORD.findall(first)
    if has_profanity(first):
        words = [w for w in words if not has_profanity(w)]
    if len(words) < 3:
        return ""
    return " ".join(words[:_EXCERPT_WORDS]).strip(" ,;:-") + ("..." if len(words) > _EXCERPT_WORDS else "")


def write_issue(p: Parse, claims: Sequence[Claim], intent: Intent, abuse: Abuse) -> str:
    """What went wrong, in the third person, from the claims (or the intent, or a cleaned excerpt)."""
    if claims:  # (most messages have none: nothing to look up for them)
        order_refs = p.values.get("extra", {}).get("order_refs", ())
        clauses: list[str] = []
        kinds = {c.kind for c in claims}
        for claim in claims:
            if claim.kind == "repeated_contact" and len(kinds) > 1:
                continue  # said in the feeling sentence instead
            clause = _claim_clause(claim, order_refs, p.text)
            if clause not in clauses:
                clauses.append(clause)
        if clauses:
            return _clip(_sentence("; ".join(clauses[:3])))
    if intent.confidence >= MIN_INTENT_CONFIDENCE and intent.label in _INTENT_ISSUES:
        return _INTENT_ISSUES[intent.label]
    if p.language != "en":
        return f"The message is in another language ({p.language}) and could not be read in full."
    excerpt = _excerpt(p, abuse)  # already free of swear words, word by word
    return f'They write: "{excerpt}"' if excerpt else "They do not say clearly what went wrong."


def _claim_reason(claim: Claim, text: str) -> str:
    if claim.kind == "not_received" and about_money(text, claim):
        return "are still waiting for their refund"
    if claim.kind == "not_received" and _PART_MISSING.search(claim.text.lower()):
        return "did not get all of their order"
    return _CLAIM_REASONS[claim.kind]


_EMOTION_LABELS = tuple(_EMOTION_WORDS)
_emotion_scores = itemgetter(*_EMOTION_LABELS)


def _emotion_words(emotions: dict[str, float]) -> list[str]:
    # Only the emotions that have a word (15 of 28) are looked at; sorting on (score, label) makes the order
    # of this walk irrelevant.
    try:
        scores = _emotion_scores(emotions)  # one C call for the 15 (the emotion model gives every label)
    except KeyError:  # a custom Reader's emotions without some labels: a missing one counts as -1.0
        scores = tuple(emotions.get(k, -1.0) for k in _EMOTION_LABELS)
    if max(scores) < SOME_EMOTION:  # none is strong enough: the common case, settled without a sort
        return []
    ranked = sorted([(v, k) for v, k in zip(scores, _EMOTION_LABELS) if v >= SOME_EMOTION], reverse=True)
    if len(ranked) > 1:  # keep the polarity of the strongest one (one alone keeps its own)
        positive = ranked[0][1] in _POSITIVE_EMOTIONS
        ranked = [(v, k) for v, k in ranked if (k in _POSITIVE_EMOTIONS) == positive]
    strong = [_EMOTION_WORDS[k] for v, k in ranked if v >= STRONG_EMOTION]
    if not strong and ranked and ranked[0][0] >= SOME_EMOTION:
        strong = [_EMOTION_WORDS[ranked[0][1]]]
    return strong[:2]


def write_feeling(p: Parse, claims: Sequence[Claim], stakes: Sequence[Stake], emotions: dict[str, float],
                  abuse: Abuse) -> str:
    """Why they are upset: the strongest emotions, then the reason the claims and stakes give."""
    words = _emotion_words(emotions) or _emoji_words(p.text)
    reasons: list[str] = []
    if claims or stakes:  # (without either there is no reason to give)
        kinds = [c.kind for c in claims]
        if "repeated_contact" in kinds:
            count = p.values.get("extra", {}).get("contact_count")
            counted = isinstance(count, int) and count > 1
            times = _COUNT_WORDS.get(count, f"{count} times") if counted else "more than once"
            reasons.append(f"feel ignored after writing {times}")
        else:
            reasons += [_claim_reason(c, p.text) for c in claims if c.kind in _CLAIM_REASONS][:1]
        stake_kinds = [s.kind for s in stakes]
        reasons += [r for k, r in _STAKE_REASONS.items() if k in stake_kinds][:1]
    if "upset" in p.values:  # the desk's upset score (poise/reading/upset.py), when the Reader worked it out
        upset = float(p.values["upset"]) >= 0.5
        if float(p.values["upset"]) >= FRUSTRATED_UPSET and _DISPLEASED_WORDS.isdisjoint(words):
            words = ["frustrated", *(w for w in words if w not in _POSITIVE_WORDS)][:2]
    else:
        upset = bool(claims or stakes) or abuse.level != "none" or float(p.values.get("complaint", 0.0)) >= 0.5
    return _feeling_sentence(tuple(words), tuple(reasons), upset)


@lru_cache(maxsize=1024)
def _feeling_sentence(words: tuple[str, ...], reasons: tuple[str, ...], upset: bool) -> str:
    """The feeling sentence from its parts (few distinct ones: each is worded once, then looked up)."""
    if not words:
        if not reasons:
            return "They seem upset." if upset else "They seem calm."
        words = ("upset",) if upset else ()
    head = "They are " + " and ".join(words) if words else "They"
    if reasons:
        first = reasons[0].removeprefix("are ") if words else reasons[0]
        joiner = ", and " if len(words) > 1 else " and "  # "frustrated and confused, and still waiting"
        sentence = f"{head}{joiner}{first}" if words else f"{head} {first}"
        if len(reasons) > 1:
            sentence += f"; they {reasons[1]}"
    else:
        sentence = head
    return _clip(_sentence(sentence))


_EMOJI_FEELINGS = (
    ("angry", "\U0001F621\U0001F620\U0001F92C\U0001F4A2"),
    ("sad", "\U0001F622\U0001F62D\U0001F614\U0001F61E"),
    ("annoyed", "\U0001F612\U0001F644\U0001F624"),
    ("grateful", "\U0001F64F\u2764\U0001F60A\U0001F44D"),
)


def _emoji_words(text: str) -> list[str]:
    """A feeling from the emoji when the emotion model found none (emoji-only messages)."""
    if text.isascii():
        return []
    return [word for word, emoji in _EMOJI_FEELINGS if any(e in text for e in emoji)][:2]


_OBJECT_STEMS = ("refund", "money", "reimburs", "replace", "new", "another", "exchange", "swap", "switch",
                 "cancel", "close", "unsubscribe", "return", "compensat", "discount", "voucher", "credit",
                 "manager", "supervisor", "speak", "call", "phone", "deliver", "send", "ship", "answer",
                 "repl", "respon", "explan", "explain", "update", "know", "tell", "fix", "repair", "sort",
                 "resolve", "apolog")
_OBJECT_STEM = re.compile("|".join(map(re.escape, _OBJECT_STEMS)))  # finds a stem wherever `stem in tok` would
_OBJECT_WORDS = _WordTest(_OBJECT_STEM)


def _mentions_object(tokens: list[str]) -> bool:
    """True when a token could name something asked for (each new token is checked once)."""
    return _OBJECT_WORDS.any(tokens)


def _asks(lower: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """`_ASK.finditer(lower, start, end)`, trying _ASK only where _ASK_CANDIDATE says a match can start.

    finditer tries _ASK at each position from where the last match ended (one past an empty match) and yields
    the first that matches; every position where _ASK can match is a candidate, so trying the candidates in
    order from the same place yields the same matches.
    """
    match = _ASK.match
    pos = start
    for cand in _ASK_CANDIDATE.finditer(lower, start, end):
        at = cand.start()
        if at < pos:
            continue
        m = match(lower, at, end)
        if m is not None:
            yield m
            pos = m.end() if m.end() > at else at + 1


def _asked_for(lower: str, tokens: list[str]) -> list[str]:
    """What the customer explicitly asks for: objects after an ask marker, in the same clause."""
    if _ASK_TOKENS.isdisjoint(tokens) or not _mentions_object(tokens):
        return []
    wanted: list[str] = []
    size = len(lower)
    parts = ([(0, size)] if size <= 2 * _ASK_SCAN_CHARS
             else [(0, _ASK_SCAN_CHARS), (size - _ASK_SCAN_CHARS, size)])
    asks = (m for start, end in parts for m in _asks(lower, start, end))
    for n, ask in enumerate(asks):
        if n == _MAX_ASKS:
            break
        end = min(len(lower), ask.end() + _ASK_REACH)
        stop = _CLAUSE_SPLIT.search(lower, ask.end(), end)
        for m in _WANT_OBJECT.finditer(lower, ask.start(), stop.start() if stop else end):
            phrase = _WANT_PHRASES[m.lastgroup or ""]
            if phrase not in wanted:
                wanted.append(phrase)
    return wanted


def write_want(p: Parse, claims: Sequence[Claim], intent: Intent) -> str:
    """What they ask for: explicit asks first, then the intent, then what the claims imply."""
    wanted = _asked_for(p.lower, p.tokens)[:2]
    if wanted:
        return _sentence("They want " + " and ".join(wanted))
    if intent.confidence >= MIN_INTENT_CONFIDENCE:
        if intent.label == "feedback_praise":
            return "They are not asking for anything."
        if intent.label in _INTENT_WANTS:
            return _sentence("They want " + _INTENT_WANTS[intent.label])
        if intent.label != "other":  # a business's own label: its words are checked like the customer's
            return clean(_sentence("They want help with " + intent.label.replace("_", " ")))
    for claim in claims:
        if claim.kind == "promised_by_staff" and (what := _PROMISED_WHAT.search(claim.text.lower())):
            return _sentence(f"They want the {' '.join(what[1].split())} they were promised")
        if claim.kind in _CLAIM_WANTS:
            return _sentence("They want " + _CLAIM_WANTS[claim.kind])
    return "They do not say what they want; ask what would make it right."


# The values read when a component left one out (frozen, so shared; built once, not on every call).
_NO_INTENT = Intent("other", 0.0)
_NO_ABUSE = Abuse()


def summarize(p: Parse) -> Summary:
    """The Summary of one parsed message, from the values earlier components assigned."""
    v = p.values
    claims: list[Claim] = v.get("claims", [])
    stakes: list[Stake] = v.get("stakes", [])
    intent: Intent = v.get("intent", _NO_INTENT)
    abuse: Abuse = v.get("abuse", _NO_ABUSE)
    emotions: dict[str, float] = v.get("emotions", {})
    # Sentences are built from fixed wording (checked by the tests) plus order numbers and amounts; the only
    # words taken from outside — the excerpt and a business's own intent labels — go through `clean`.
    issue = write_issue(p, claims, intent, abuse) or "They do not say clearly what went wrong."
    feeling = write_feeling(p, claims, stakes, emotions, abuse)
    want = write_want(p, claims, intent) or "They do not say what they want; ask what would make it right."
    return Summary(issue, feeling, want)


@pipeline.component("summary", requires=("claims", "stakes"), assigns=("summary",))
def component(parses: list[Parse]) -> None:
    """Assign each message's Summary (issue, feeling, want), free of insults and swearing."""
    for p in parses:
        p.values["summary"] = summarize(p)
