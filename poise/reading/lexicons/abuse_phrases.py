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
from functools import cached_property

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
# Threats, insults and hate in informal customer writing that hold no word the rules above know, split into small
# rules so that each regex runs only on the few messages holding its own anchor words (INFORMAL_RULES, below).
# Threats: damage to property ("ill put ur windows thru", "I'll smash that counter"), menace ("I'll be waiting
# outside", "I'll deal with him myself"), harm someone will "get" ("someone's gonna get hurt if I come back").
_FUTURE_I = (r"\bi(?:'ll|ll| will|'m going to|m going to| am going to|'m gonna|m gonna| gonna|'m gunna|m gunna|"
             r" gunna|'m gona|m gona| gona|'m goin to|m goin to| wanna| want to| could| should)")
_PROPERTY = (r"(?:shop|shops|store|stores|office|offices|place|building|warehouse|premises|branch|van|vans|car|cars|"
             r"windows?|counter|counters|door|doors|front door|till|tills|desk|shopfront|signs?|tyres|tires|depot)")
_PERSON = (r"(?:you|u|ya|he|she|they|him|her|them|someone|somebody|some1|(?:your|ur|the|that|this) (?:" + _STAFF_NOUN
           + r"))")
_AUX = r"(?:'s|s| is| are| r|'re|re| will|'ll|ll)?(?: going to| gonna| gunna| gona| goin to)?"  # "someone's gonna"
_DAMAGE = (  # the writer will damage the business's property (not "I'll throw this phone out of the window")
    _FUTURE_I + r"\b[^.!?\n]{0,40}?\b(?:smash|wreck|trash|torch|kick in|brick|burn|set fire to|petrol bomb)"
    r"(?: up| in| down)? (?:the|that|this|those|these|your|ur|yer|ya|every|all (?:the|your|ur)) (?:\w+ )?"
    + _PROPERTY + r"\b"
    + "|" + _FUTURE_I + r"\b[^.!?\n]{0,40}?\bbreak (?:your|ur|yer|ya|every|all (?:your|ur)) (?:\w+ )?"
    + _PROPERTY + r"\b|\bset fire to (?:your|ur|yer|the|that) " + _PROPERTY + r"\b")
_THROUGH = (  # someone or something through a window or wall ("ill put ur windows thru", "brick through your window")
    _FUTURE_I + r"\b[^.!?\n]{0,40}?\b(?:put|throw|chuck|lob|stick|send) (?:" + _PERSON
    + r"|(?:your|ur|yer|ya|that) \w+|a brick|a rock|a stone|bricks|something) (?:through|thru|thro) "
    r"(?:(?:the|a|your|ur|yer|ya|that|his|her|their) )?(?:\w+ )?(?:windows?|wall)\b"
    r"|\bput (?:your|ur|yer|ya|all (?:your|ur)|every) (?:\w+ )?windows? (?:in|through|thru|out)\b"
    r"|\b(?:brick|rock|stone|bottle) (?:through|thru|thro) (?:your|ur|yer|ya|the|that) (?:\w+ )?windows?\b")
_MYSELF = (_FUTURE_I + r"(?: personally)? (?:deal with|sort|sort out|handle|see to|take care of) "
           r"(?:you|u|ya|him|her|them|(?:the|that|this|your|ur) \w+)(?: out)? (?:myself|personally)\b")
_OUTSIDE = (r"\bi(?:'ll|ll| will)(?: be| b)? wait(?:ing|in|in')? (?:for (?:you|u|ya|him|her|them|(?:the|that|your|ur) "
            r"\w+) )?outside\b(?! (?:for|till|until|in case) (?:my|the|a|it|him|her|them)\b)"
            r"|\bsee (?:you|u|ya|him|her|them) outside\b|\b(?:step|come) outside and say\b")
_GET_HURT = (  # "get hurt" only with the writer's own act as the condition: "someone will get hurt" alone is safety
    r"\b(?:people|" + _PERSON + r")" + _AUX + r" (?:get|end up) (?:hurt|injured)\b[^.!?\n]{0,12}?"
    r"\b(?:if|when|next time|unless) i\b"
    r"|\b" + _PERSON + _AUX + r" (?:get|end up with) (?:a slap|a smack|slapped|smacked|a beating|a kicking|decked|"
    r"punched|(?:their|his|her|your|ur) head kicked in|glassed|stabbed|a smack in the (?:mouth|face|teeth))\b")
_WATCH = r"\b(?:better|best) watch (?:yourself|yourselves|urself|ur self|your step|ur step)\b"
_HOPE_HARM = (r"\bhope (?:" + _PERSON + r"|whoever\b[^.!?\n]{0,30}?) (?:gets?|get) "
              r"(?:hit by a (?:car|bus|truck|lorry|train)|run over|cancer|what'?s coming|beaten up|stabbed|hurt)\b")
# Insults at staff with no insult word: wishing them the sack, sneering at their ability to read or think ("can
# any of you even read": not "did you even read my email", a complaint about being ignored).
_SACKED = (r"\bhope (?:you|u|ya|he|she|they|whoever\b[^.!?\n]{0,30}?|(?:the|that|this|your|ur) \w+"
           r"(?: (?:who|that)\b[^.!?\n]{0,30}?| \w+)?) (?:gets?|get|is|are) (?:sacked|fired|the sack|canned|the boot)\b"
           r"|\bdeserves? to (?:be|get) (?:sacked|fired|the sack|canned)\b")
_EVEN_READ = (r"\b(?:can|could) (?:any of )?(?:you|u|ya|they|he|she|(?:your|ur) \w+)(?: people| lot| guys| all)?"
              r" even (?:read|spell|think|count|understand|do (?:your|ur|their|his|her) job)\b")
# Othering at staff without slurs: a group word said to someone ("you foreigners"), religious dress as a label for
# people ("headscarf women"), sneers at someone's English or origin ("get me someone from this country").
_GROUP_PLURALS = frozenset(w for w in LEXICON["group"] if w.endswith("s"))
_DRESS_WORDS = frozenset({"headscarf", "headscarfs", "headscarves", "hijab", "hijabs", "hijabi", "hijabis", "turban",
                          "turbans", "burka", "burkas", "burqa", "burqas", "niqab", "niqabs"})
_GROUP_PLURAL = _WORDS(sorted(_GROUP_PLURALS, key=len, reverse=True))
_DRESS = "(?:" + _WORDS(sorted(_DRESS_WORDS, key=len, reverse=True)) + ")"
_NATIONALITY = r"(?:english|british|american|irish|scottish|welsh|australian|canadian)"
_OTHERING = (r"\b(?:you|all you|you lot of|one of (?:those|them))(?: bloody| fucking| effing| damn| dirty| filthy)? (?:"
             + _GROUP_PLURAL + r")\b"
             r"|\bwhy (?:do|does|did) (?:you|u|ya|they|your \w+) (?:keep )?(?:hire|hiring|employ|employing|take on) "
             r"(?:so many |all these |these |only )?(?:" + _GROUP_PLURAL + r")\b"
             r"|\b" + _DRESS + r"(?:-| )?(?:wearing |wearers? |ed )?"
             r"(?:girls|women|ladies|guys|men|people|lot|types|ones)\b")
_ORIGIN = (r"\b(?:can|could) (?:barely|hardly|not even|n't even|nt even) speak (?:\w+ )?english\b"
           r"|\b(?:can't|cant|cannot|couldn't|couldnt) even speak (?:\w+ )?english\b"
           r"|\b(?:go|should|need to|needs to|must) learn (?:to speak |some |proper |basic )*english\b"
           r"|\b(?:someone|somebody|staff|agents?|a person|workers)(?: who is| who's| who are)? (?:from|born in) "
           r"(?:this|our) country\b"
           r"|\b(?:proper|real|actual) " + _NATIONALITY
           + r" (?:person|people|staff|agent|speaker|man|woman|lad|guy|bloke)\b")
_GO_BACK = (r"\bgo back (?:(?:to )?where (?:you|u|ya|they|he|she) (?:came|come|are|r) from|to (?:their|his|her) "
            r"(?:own )?(?:country|village|jungle|cave))\b")
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

    source: re.Pattern[str] | str  # a regex, compiled on first use when given as text
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

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The compiled regex (the informal rules compile on first use, not when poise is imported)."""
        return self.source if isinstance(self.source, re.Pattern) else re.compile(self.source)

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


PHRASE_RULES: tuple[PhraseRule, ...] = (
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
# (pattern, level, anchors, pairs) of the informal rules; pairs whose first word is common ("hit by", "this country")
# keep their regex off most messages that merely hold that word.
INFORMAL_RULES: tuple[tuple[str, str, Collection[str], tuple[str, ...]], ...] = (
    (_DAMAGE, "threat", {"smash", "wreck", "trash", "torch", "kick", "brick", "burn", "fire", "bomb", "break"}, ()),
    (_THROUGH, "threat", {"window", "windows", "wall"}, ()),
    (_MYSELF, "threat", {"myself", "personally"}, ()),
    (_OUTSIDE, "threat", {"outside"}, ()),
    (_GET_HURT, "threat", {"hurt", "injured", "slap", "smack", "slapped", "smacked", "beating", "kicking", "decked",
                           "punched", "kicked", "glassed", "stabbed"}, ()),
    (_WATCH, "threat", set(), ("watch yourself", "watch yourselves", "watch urself", "watch ur self",
                               "watch your step", "watch ur step")),
    (_HOPE_HARM, "threat", {"cancer", "beaten", "stabbed", "hurt"}, ("hit by", "run over", "what's coming",
                                                                     "whats coming")),
    (_SACKED, "insult", {"sacked", "fired", "sack", "canned", "boot"}, ()),
    (_EVEN_READ, "insult", set(), ("even read", "even spell", "even think", "even count", "even understand",
                                   "even do")),
    (_OTHERING, "hate", _GROUP_PLURALS | _DRESS_WORDS, ()),
    (_ORIGIN, "hate", {"english", "british", "american", "irish", "scottish", "welsh", "australian", "canadian"},
     ("this country", "our country")),
    (_GO_BACK, "hate", set(), ("back where", "back to where", "back to their", "back to his", "back to her")),
)
PHRASE_RULES += tuple(
    PhraseRule(pattern, level, "group" if level == "hate" else "staff", frozenset(anchors), pairs)
    for pattern, level, anchors, pairs in INFORMAL_RULES)
