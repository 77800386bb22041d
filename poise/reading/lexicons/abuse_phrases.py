"""Phrases of abuse, as regexes built from the abuse lexicon: threats, insults aimed at someone, hate.

Single words are judged in their clause by poise.reading.abuse; these are the shapes a word alone does not
show ("I will find where you live", "fuck off", "go back to your own country"). Each PhraseRule says the
level and target of its matches and which words every match contains, so the regex is tried only on the
few messages that have one.
"""
from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from poise.reading.lexicons import LEXICONS_DIR, load_lexicon

LEXICON = load_lexicon(LEXICONS_DIR / "abuse.txt")
STAFF = frozenset(LEXICON["staff"])
THING = frozenset(LEXICON["thing"])
_WORDS = "|".join
_ALL_ADJ = frozenset(LEXICON["insult_adj"])

_YOU = r"(?:you|u|ya|y'?all|you guys|you people|you lot)"
_STAFF_NOUN = _WORDS(sorted((w for w in STAFF if len(w) > 3 and " " not in w), key=len, reverse=True))
_OBJ = (r"(?:you|u|ya|him|her|them|someone|somebody|everyone|every one of you|"
        r"(?:the|that|this|your|ur) (?:\w+ )?(?:" + _STAFF_NOUN + r"))")
_VIOLENT = (r"(?:kill|murder|stab|shoot|strangle|punch|slap|beat|batter|hurt|choke|deck|smack|knock out|"
            r"bash)")
_GROUP = _WORDS(sorted(LEXICON["group"], key=len, reverse=True))
_DEHUMAN = _WORDS(sorted(set(LEXICON["dehuman"]) | set(LEXICON["insult"]) | set(LEXICON["insult_weak"]),
                         key=len, reverse=True))
_HATE_ADJ = _WORDS(sorted(_ALL_ADJ | {"dirty", "filthy", "bloody", "fucking", "fuckin", "damn"}, key=len,
                          reverse=True))
_THREAT = re.compile(
    r"\b(?:find|know|found out|find out|track down) where " + r"(?:you|u|your \w+|he|she|they)"
    r" (?:live|lives|work|works|sleep|is|are)\b"
    r"|\bi know where (?:you|u|your)\b"
    r"|\b(?:you|u)(?:'ll|ll| will|'re going to|re going to| are going to|'re gonna| are gonna| gonna)"
    r"(?: \w+)? (?:regret (?:this|it|that|the day)|pay for (?:this|it|that))\b"
    r"|\bwatch (?:your|ur|yer) back\b|\bbetter watch out\b"
    r"|\b(?:hunt|track) (?:you|u|him|her|them) down\b"
    r"|\bmake (?:you|u|him|her|them) (?:pay|suffer|bleed)\b"
    r"|\bburn (?:it|the (?:place|store|shop|building|office)|(?:your|ur) \w+) down\b"
    r"|\b(?:you're|you are|youre|ur|u r) (?:dead|a dead man|going to die)\b"
    r"|\bi(?:'ll|ll| will|'m going to|m going to| am going to|'m gonna|m gonna| gonna| wanna| want to| could)"
    r"\b[^.!?\n]{0,40}?\b" + _VIOLENT + r" " + _OBJ + r"\b"
    r"|\b(?:smash|break|kick|punch) (?:your|ur) (?:face|head|teeth|neck|legs|nose|jaw|ass|arse)\b"
    r"|\b(?:smash|wreck|trash|torch) (?:up )?(?:your|ur) (?:shop|store|office|place|building|warehouse|van|car|"
    r"windows?)\b|\band (?:you|u) with it\b"
    r"|\bgo (?:kill|hang) (?:yourself|yourselves)\b|\bkys\b"
    r"|\bbeat the (?:crap|shit|hell|living daylights|life) out of\b"
    r"|\bhope (?:you|u|he|she|they) (?:die|dies|get run over|gets run over)\b")
_DIRECTED = re.compile(
    r"\b(?:fuck|screw|sod|bugger|piss) (?:you|u|ya|yourself|yourselves|off|the lot of you)\b"
    r"|\b(?:fuck|screw) (?:your|ur) "
    r"(?:company|business|shop|store|staff|team|people|support|agents?|managers?)\b"
    r"|\biq of (?:a|an) \w+|\b(?:two|2|one|no) brain cells?\b|\bgtfo\b"
    r"|\bgo (?:fuck|screw) (?:yourself|yourselves|off)\b|\bgo to hell\b|\bget fucked\b"
    r"|\b(?:kiss|lick) my (?:ass|arse)\b|\b(?:up|in|out of) (?:your|ur) (?:ass|arse)\b"
    r"|\bshove (?:it|that|your \w+|them)\b|\bstfu\b|\bshut the fuck up\b"
    r"|\bshut (?:your|ur) (?:mouth|face|trap|gob)\b"
    r"|\beat shit\b|\bbite me\b|\bdrop dead\b|\bget stuffed\b"
    r"|\b" + _YOU + r"(?:'re|re| are| r)? (?:so |just |really )?(?:full of|talking) "
    r"(?:shit|crap|bullshit|bs)\b")
_HATE = re.compile(
    r"\b(?:" + _HATE_ADJ + r") (?:" + _GROUP + r")\b(?! (?:" + _WORDS(sorted(THING)) + r")\b)"
    r"|\b(?:" + _GROUP + r")\b[^.!?\n]{0,30}?\b(?:are|r|is) (?:all |just |nothing but )?(?:a |an )?"
    r"(?:" + _DEHUMAN + r")\b"
    r"|\bgo back to (?:your|ur) (?:own )?(?:country|village|jungle|cave)\b"
    r"|\bi hate (?:all )?(?:" + _GROUP + r")\b")




@dataclass(frozen=True)
class PhraseRule:
    """A phrase regex, the level and target of its matches, and the words one of which every match contains.

    `anchors` are looked up in the message's tokens; `pairs` (for words too common to be worth the regex
    alone, like "where" or "make") are looked for as substrings once one of their first words is a token.
    Together they skip the regex for nearly every message.
    """

    pattern: re.Pattern[str]
    level: str
    target: str
    anchors: frozenset[str]
    pairs: tuple[str, ...] = ()
    heads: frozenset[str] = field(init=False)
    # The pairs grouped by their first word, which each begins with: a pair is looked for only where its first
    # word is in the text at all (a test on ten words, not thirty pairs; the same answer).
    by_head: tuple[tuple[str, tuple[str, ...]], ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "heads", frozenset(pair.split()[0] for pair in self.pairs))
        groups: dict[str, list[str]] = {}
        for pair in self.pairs:
            groups.setdefault(pair.split()[0], []).append(pair)
        object.__setattr__(self, "by_head", tuple((head, tuple(group)) for head, group in groups.items()))

    def may_match(self, norm: str, tokens: Collection[str]) -> bool:
        """Whether to try the pattern: False when none of its anchor words or pairs is in the message."""
        if not self.anchors.isdisjoint(tokens):
            return True
        return not self.heads.isdisjoint(tokens) and self.has_pair(norm)

    def has_pair(self, norm: str) -> bool:
        """Whether one of the pairs is in the text."""
        for head, group in self.by_head:
            if head in norm:
                for pair in group:
                    if pair in norm:
                        return True
        return False


PHRASE_RULES = (
    PhraseRule(_THREAT, "threat", "staff", frozenset({
        "regret", "hunt", "burn", "dead", "die", "kill", "murder", "stab", "shoot", "strangle", "punch",
        "slap", "beat", "batter", "hurt", "choke", "smack", "bash", "smash", "kick", "kys", "deck", "knock",
        "wreck", "trash", "torch"}),
        ("where you", "where u ", "where your", "where ur", "where he", "where she", "where they", "pay for",
         "make you", "make u ", "make him", "make her", "make them", "watch your", "watch ur", "watch yer",
         "watch out", "hope you", "hope u ", "hope he", "hope she", "hope they", "track you", "track u ",
         "track him", "track her", "track them", "hang yourself", "break your", "break ur", "you with it",
         "u with it")),
    PhraseRule(_DIRECTED, "insult", "staff", frozenset({
        "fuck", "fucked", "screw", "sod", "bugger", "piss", "hell", "kiss", "lick", "ass", "arse", "shove",
        "stfu", "shut", "shit", "bite", "dead", "stuffed", "crap", "bullshit", "bs", "iq", "gtfo"}),
        ("brain cell",)),
    PhraseRule(_HATE, "hate", "group", frozenset(LEXICON["group"]) | frozenset({"hate"}),
               ("back to your", "back to ur")),
)
