"""Abuse: swearing about things told apart from insults at staff, threats of harm and hate (issue 2).

A complaint desk must not treat "this damn app" like "you are an idiot": the first is a customer venting
about a thing (level "profanity", target "thing"), the second is aimed at the person answering (level
"insult", target "staff"). Threats of harm ("I will find where you live") and slurs against a group are the
two worse levels. Stakes such as "I'll sue you" or "I'll leave a review" are not abuse: the stakes component
reads them.

How it works:
1. Look-alike characters are mapped back to letters (sh1t, a$$hole, b!tch) and starred words are filled in
   from the lexicon (f**k, sh*t), keeping the text's length so spans stay exact offsets into `Parse.text`.
2. One regex built from the lexicon (lexicons/abuse.txt) finds candidate words; the phrase rules
   (lexicons/abuse_phrases.py) find threats, insults aimed at someone ("fuck off") and hate patterns.
3. Each candidate word gets its target from the words around it in its clause: who is the adjective said
   of, whom does the noun name ("your useless support team" vs "this useless app").
4. A tf-idf linear model trained on Davidson et al. 2017 plus clean customer text (training/abuse.py)
   gives the score. Where the rules find nothing and the score reaches the model's flag threshold, the level
   is "profanity" with target "none" (offensive, aimed at no one the rules can name), spanning the word
   that weighed most. A level the rules find lifts the score to at least RULE_SCORE[level]; an insult the
   rules cleared as the writer speaking of themself ("I feel like an idiot") holds it below the threshold.
All regexes are compiled once, at import. Most messages skip the phrase regexes, the lexicon regex and the
deobfuscation: one set lookup on their tokens shows that none of them can match (_QUIET, _PLAIN), and the outputs
are the same as when every regex runs (the tests compare both ways).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from poise.reading import pipeline
from poise.reading.features import word_tokens
from poise.reading.lexicons import collapse, trie_pattern
from poise.reading.lexicons.abuse_phrases import LEXICON, PHRASE_RULES, STAFF, THING, PhraseRule
from poise.reading.linear import LinearModel, shipped_model
from poise.reading.pipeline import Parse
from poise.reading.reading import ABUSE_LEVELS, Abuse

SCANNED = ("profanity", "insult", "insult_adj", "insult_weak", "sarcasm", "slur")
SEVERITY = {level: rank for rank, level in enumerate(ABUSE_LEVELS)}
# Lowest score reported for a level found by the rules (the model's probability is used when higher).
RULE_SCORE = {"profanity": 0.6, "insult": 0.8, "threat": 0.9, "hate": 0.9}
# Languages read as English: anything else is not judged (the lexicon and the model are English only).
ENGLISH = frozenset({"en", "und", ""})


FORMS: dict[str, str] = {}  # form -> section, first section wins
for _section in SCANNED:
    for _form in LEXICON[_section]:
        FORMS.setdefault(_form, _section)
COLLAPSED = {collapse(f): s for f, s in reversed(list(FORMS.items()))}
_ALL_ADJ = frozenset(LEXICON["insult_adj"])

# Look-alike characters inside words: sh1t, a$$, b!tch, @ss, n1gger ('*' is handled by _fill_stars).
_LEET = str.maketrans("013457@$!|+", "oieastasiit")
_LEET_HINT = re.compile(r"[0-9@$!|+][a-z]")  # (plus "$$"): cheap, and true for under 1% of messages
# A word for _unleet: a run of these characters holding a letter. Only runs that also hold a look-alike can
# change, so the text is walked from look-alike to look-alike (_LEET_CHAR) instead of word by word.
_RUN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789@$!|+")
_RUN_REST = re.compile(r"[a-z0-9@$!|+]*")
_LEET_CHAR = re.compile(r"[013457@$!|+]")
_LETTER = re.compile(r"[a-z]")
_STARRED = re.compile(r"(?<![a-z*])[a-z][a-z*]*\*[a-z*]*")
# One scan finds lexicon words and spelt-out words ("s h i t"); swear roots inside other words
# ("clusterfuck") are looked for only when the root is there at all.
_LEX_RE = re.compile(r"(?<![a-z0-9])(?:" + trie_pattern(sorted(FORMS, key=len, reverse=True)) +
                     r"|(?:[a-z][ .]){2,}[a-z])(?![a-z0-9])")
_ROOTS = ("fuck", "shit")  # looked for as `"fuck" in norm or "shit" in norm` (no generator on the hot path)
_ROOT_RE = re.compile(r"(?<![a-z0-9])[a-z]*(?:fuck|shit(?!ake))[a-z]*")
_STAR_FORMS = [f for f in FORMS if " " not in f and FORMS[f] != "insult_adj"]  # lexicon order: swearing first
_STAR_FORMS_BY_LEN: dict[int, list[str]] = {}  # the same, by length (each list in lexicon order)
for _form in _STAR_FORMS:
    _STAR_FORMS_BY_LEN.setdefault(len(_form), []).append(_form)
_AZ = frozenset("abcdefghijklmnopqrstuvwxyz")
# Skipping _LEX_RE (a regex walk over every character, the costliest step here) when it cannot match. Each part
# of a lexicon form between spaces, "'" and "-" is, in a match, a whole run of [a-z0-9] in the text, that part
# with letters drawn out; such a run lies inside one of the message's tokens. So a match needs a token holding
# a run that is one part of the form (its longest; `_KEY_PARTS`), or that part drawn out (a run with a letter
# three times over, collapsing to it; `_KEY_COLLAPSED`). Forms that open with one letter joined by "'" or "-"
# ("f'ing", "f-in": their other part, "in", is too common a word) need that letter and joint in the text
# (`_JOINED`), and a spelt-out word ("s h i t") needs `_SPELT_HINTS`: both are checked on the text.
_JOINS = frozenset(f[:2] for f in FORMS if re.match(r"[a-z]['-]", f))
_KEY_PARTS = frozenset(max(re.findall(r"[a-z]+", f), key=lambda s: (s in FORMS, len(s))) for f in FORMS
                       if f[:2] not in _JOINS)
_KEY_COLLAPSED = frozenset(collapse(k) for k in _KEY_PARTS)
_KEY_ENDS = frozenset((k[0], k[-1]) for k in _KEY_PARTS)  # a key part drawn out keeps its first and last letter
_RUN = re.compile(r"[a-z0-9]+")
_TRIPLE = re.compile(r"(.)\1\1")
_JOINED = re.compile("|".join(sorted(map(re.escape, _JOINS))))  # "f'|f\-": a literal prefix, a fast search
# "s1 L2 s2 L3" of a spelt-out match (L2 and L3 single letters, L3 followed by no letter or digit), as two
# regexes with a one-character literal prefix each: sre finds those far faster than a "[ .]" at every position.
_SPELT_HINTS = (re.compile(r" [a-z][ .][a-z](?![a-z0-9])").search, re.compile(r"\.[a-z][ .][a-z](?![a-z0-9])").search)
# Every word a phrase rule's `may_match` looks up: a message with none of them needs no phrase regex.
_PHRASE_WORDS = frozenset().union(*(rule.anchors | rule.heads for rule in PHRASE_RULES))
# Tokens seen before that hold no lexicon key part and no swear root (_ROOTS) and are no phrase word: most
# messages are made of these only, which one C-level `issuperset` shows. (A root in the text lies inside a token:
# its letters are word characters, which the tokenizer never splits.) Bounded, like the other per-word caches.
_QUIET: set[str] = set()
_MAX_QUIET = 200_000
# The quiet tokens that also hold nothing deobfuscate changes or looks for (a curly apostrophe, a look-alike, a
# star): the text of a message made of these only is its own deobfuscated form. (Each such character is in a
# token: digits are word characters, the others tokens of their own.)
_PLAIN: set[str] = set()
_NOT_PLAIN = frozenset("0123456789@$!|+*\u2019")
_LOUD: set[str] = set()  # tokens seen that are not quiet (so read_abuse does not sort them again)
_TOKEN = re.compile(r"[a-z0-9*]+(?:'[a-z]+)*")
_CLAUSE_END = re.compile(r"[.!?;\n]")

@dataclass(frozen=True, slots=True)
class Hit:
    """One abusive word or phrase: where it is, how bad it is and whom it is aimed at."""

    start: int
    end: int
    level: str
    target: str


# Words that end the noun phrase after an adjective: the adjective is said of the subject ("you are stupid").
_FUNC = frozenset({
    "and", "or", "but", "as", "to", "than", "enough", "af", "of", "for", "with", "at", "in", "on", "is",
    "are", "was", "were", "be", "been", "can", "could", "do", "does", "did", "will", "would", "should",
    "if", "when", "because", "cause", "so", "too", "then", "now", "again", "anymore", "here", "there",
    "lol", "tho", "though", "you", "u", "ya", "i", "me", "it", "this", "that", "they", "he", "she", "we",
    "right", "really", "honestly", "ever", "already", "something",
    "i've", "i'm", "i'd", "ive", "im",  # a relative clause: "the dumbest I've ever dealt with"
})
_SELF = frozenset({"i", "i'm", "im", "me", "myself", "i've", "i'd", "i'll", "ive"})
_REFS = {**{w: "thing" for w in THING}, **{w: "staff" for w in STAFF}, **{w: "self" for w in _SELF},
         "service": "service"}
_SKIP_ADJ = _ALL_ADJ | frozenset(f for f, s in FORMS.items() if s == "profanity") | frozenset({
    "little", "old", "fat", "ugly", "rude", "whole", "entire", "absolute", "total", "complete", "utter",
    "bunch",
})
# Nouns of swearing that insult when said of people ("your support is shit") and not of things.
_PREDICATE_SWEARS = frozenset({"shit", "shite", "crap", "bullshit", "bs", "shits"})
_SARCASM_CUES = frozenset({
    "you", "your", "ur", "thanks", "thank", "job", "one", "done", "nice", "great", "real", "well",
    "bravo", "congrats", "cheers", "ok", "okay", "sure", "brilliant", "right", "absolute", "mr", "what",
})
# Weak nouns that name people ("a bunch of clowns") rather than judge things ("a joke", "trash").
_PEOPLE_NOUNS = frozenset({
    "clowns", "fools", "liars", "thieves", "crooks", "scammers", "fraudsters", "cowboys", "monkeys",
    "amateurs", "losers", "jerks", "pricks", "pigs", "robots",
})
# Nouns that name a person: an insulting adjective said of one is an insult ("clueless amateur", "lazy losers").
_PERSON_NOUNS = (_PEOPLE_NOUNS - {"robots"}) | frozenset({
    "clown", "fool", "liar", "thief", "crook", "scammer", "fraudster", "cowboy", "monkey", "amateur", "loser",
    "jerk", "prick", "pig", "cow", "cows", "muppet", "muppets", "idiots", "individual", "individuals", "numpties",
})
# Nouns that pass the adjective on to the people after "of"/"for" ("pathetic excuse for a support team", "useless
# bunch of ..."); said alone ("what a useless bunch") they name people.
_GROUPING_NOUNS = frozenset({"excuse", "bunch", "shower", "pack", "lot", "gang", "band"})
# Verbs after "ur X": "ur checkout is shit" is a possessive (your checkout), not "you're".
_POSSESSED_VERBS = frozenset({
    "is", "was", "are", "were", "has", "have", "keeps", "just", "never", "always", "still", "isn't", "isnt",
    "wasn't", "wasnt", "doesn't", "doesnt", "won't", "wont", "didn't", "didnt", "can't", "cant", "sucks",
})
# Adjectives that are rude words in themselves: swearing when said of a thing ("this app is retarded").
_RUDE_ADJ = frozenset({"retarded"})


def deobfuscate(lower: str) -> str:
    """Map look-alikes back to letters and fill starred words, keeping the length (so offsets hold).

    Returns `lower` itself when nothing needed changing (the common case, checked cheaply).
    """
    text = lower.replace("\u2019", "'") if "\u2019" in lower else lower  # curly apostrophe: "you\u2019ll"
    if _LEET_HINT.search(text) or "$$" in text:
        text = _unleet_text(text)
    if "*" in text:
        text = _STARRED.sub(_fill_stars, text)
    return text


def _unleet_text(text: str) -> str:
    """Every run of letters, digits and look-alikes that holds a letter, with its look-alikes mapped back.

    Runs without a look-alike cannot change, so only the runs around look-alike characters are visited: a long
    message with a "2nd" in it costs one visit, not one Python call per word.
    """
    parts: list[str] = []
    done = 0  # text[:done] is settled
    for m in _LEET_CHAR.finditer(text):
        start = m.start()
        if start < done:  # inside a run already handled
            continue
        while start > done and text[start - 1] in _RUN_CHARS:
            start -= 1
        end = _RUN_REST.match(text, m.start()).end()  # type: ignore[union-attr]  # `*` always matches
        word = text[start:end]
        if _LETTER.search(word):
            parts += (text[done:start], _unleet(word))
            done = end
    if not parts:
        return text
    parts.append(text[done:])
    return "".join(parts)


def _unleet(word: str) -> str:
    core = word.rstrip("!")  # "shit!" keeps its exclamation mark
    return core.translate(_LEET) + word[len(core):]


def _fill_stars(m: re.Match[str]) -> str:
    """f**k -> fuck: the first lexicon form of the same length agreeing on every unstarred letter.

    A star stands for one letter a-z. Compared character by character: compiling a regex per starred word
    cost more than the rest of a message's reading the first time each was seen.
    """
    word = m.group()
    for form in _STAR_FORMS_BY_LEN.get(len(word), ()):
        if all(f in _AZ if c == "*" else c == f for c, f in zip(word, form)):
            return form
    return word


def _ref(tokens: list[str], k: int) -> str | None:
    """Whom token k names: "staff", "thing", "self" (the writer), or None for any other word."""
    kind = _REFS.get(tokens[k].removesuffix("'s"))
    if kind == "service":  # "customer service" is people; "delivery service" is a thing
        return "staff" if k > 0 and tokens[k - 1] == "customer" else "thing"
    return kind


def _scan(tokens: list[str], start: int, step: int, limit: int = 8) -> str | None:
    """The first person or thing named from `start` going left (step -1) or right (step 1)."""
    k = start
    for _ in range(limit):
        if not 0 <= k < len(tokens):
            return None
        if not (step < 0 and k == start and tokens[k] in ("this", "that", "so")):  # "this thick": an adverb
            found = _ref(tokens, k)
            if found == "thing" and step < 0 and _in_phrase(tokens, k):  # "the guy in your store is a jerk"
                found = None
            elif found == "staff" and step < 0 and _possessive_ur(tokens, k, start):  # "ur checkout is shit"
                found = "thing"
            if found:
                return found
        k += step
    return None


def _possessive_ur(tokens: list[str], k: int, start: int) -> bool:
    """True when "ur" at k is "your" before a noun that is the subject ("ur checkout is shit"), not "you're".

    Only a noun passed over on the way left (k + 1 <= start) followed by a verb counts; a staff noun there
    would have been found first.
    """
    return (tokens[k] == "ur" and k + 2 <= start + 1 and k + 2 < len(tokens) and tokens[k + 2] in _POSSESSED_VERBS
            and tokens[k + 1] not in _FUNC and tokens[k + 1] not in _SKIP_ADJ)


_PREPOSITIONS = frozenset({"in", "at", "on", "from", "of", "with", "for", "behind"})
_DETERMINERS = frozenset({"the", "your", "ur", "a", "an", "this", "that", "my", "our", "their", "his", "her"})


def _in_phrase(tokens: list[str], k: int) -> bool:
    """True when tokens[k] ends a prepositional phrase ("in your store", "on the phone")."""
    i = k - 1
    while i >= 0 and tokens[i] in _DETERMINERS:
        i -= 1
    return i >= 0 and tokens[i] in _PREPOSITIONS


# Insults that are swear words too: said by the writer of themself they are still swearing.
_PROFANE = re.compile(r"fuck|shit|bitch|ass|arse|cunt|twat|wank|dick|prick|piss|bastard|toss|bellend|knob|"
                      r"douche")
# Words that may stand between "I"/"me" and an insult the writer says of themself ("I feel such an idiot").
_SELF_PATH = frozenset({
    "a", "an", "such", "so", "total", "complete", "absolute", "utter", "real", "proper", "right", "like",
    "feel", "felt", "feeling", "look", "looked", "looking", "am", "was", "not", "being", "just", "bit",
    "of", "little", "bloody", "fucking", "must", "think", "thinks", "treat", "treating", "treated", "made",
    "make", "makes",
})


def _said_of_self(tokens: list[str], j: int) -> bool:
    """True when the word at tokens[j] describes the writer: "I'm an idiot", "treating me like a fool"."""
    k = j - 1
    while k >= 0 and tokens[k] in _SELF_PATH:
        k -= 1
    return k >= 0 and tokens[k] in _SELF


# Pronouns that say who a simile ("like an idiot") is about, scanning left from it.
_PERSON_PRONOUNS = frozenset({"you", "u", "ya", "he", "she", "they", "him", "her", "them", "we", "us"})


def _simile_of_self(tokens: list[str], j: int) -> bool:
    """True for "<I ...> like an idiot": the simile's nearest person to the left is the writer ("im sitting in my
    living room like an idiot"; not "you act like an idiot")."""
    k = j - 1
    while k >= 0 and tokens[k] in _SELF_PATH and tokens[k] not in ("like",):
        k -= 1
    if k < 0 or tokens[k] != "like" or k == j - 1:
        return False
    for i in range(k - 1, max(k - 13, -1), -1):
        if tokens[i] in _SELF:
            return True
        if tokens[i] in _PERSON_PRONOUNS:
            return False
    return False


def _judge(section: str, form: str, tokens: list[str], j: int, jend: int, prev_char: str) -> tuple[str, str]:
    """Level and target of a lexicon word at tokens[j..jend], from the words around it in its clause."""
    if section == "slur":
        return "hate", "group"
    if section == "profanity":
        if form in _PREDICATE_SWEARS and _scan(tokens, j - 1, -1) == "staff":
            return "insult", "staff"
        return "profanity", "thing"
    if section == "insult":
        if not _said_of_self(tokens, j) and not _simile_of_self(tokens, j):
            return "insult", "staff"
        return ("profanity", "thing") if _PROFANE.search(form) else ("none", "self")  # "I'm a bad bitch"
    if section == "insult_weak":
        if _scan(tokens, j - 1, -1) == "staff" and not (j > 0 and tokens[j - 1].startswith("talk")):
            return "insult", "staff"
        i = j - 1
        while i > 0 and tokens[i] in _SKIP_ADJ:  # "a bunch of lazy cowboys"
            i -= 1
        if form in _PEOPLE_NOUNS and i > 0 and tokens[i] == "of" and tokens[i - 1] in ("bunch", "pack"):
            return "insult", "staff"  # "what a bunch of cowboys"
        return ("profanity", "thing") if any(w in form for w in ("shit", "crap")) else ("none", "none")
    if section == "sarcasm":
        nxt = tokens[jend + 1] if jend + 1 < len(tokens) else ""
        cued = prev_char == "," or (j > 0 and tokens[j - 1] in _SARCASM_CUES) or nxt in ("who", "that")
        return ("insult", "staff") if cued and nxt not in ("bar", "squad", "hour") else ("none", "none")
    # insult_adj: find the noun it is said of
    k = jend + 1
    while k < len(tokens) and tokens[k] in _SKIP_ADJ:
        k += 1
    target: str | None
    if k >= len(tokens) or tokens[k] in _FUNC:  # predicative: "you are stupid", "how stupid can ... staff be"
        target = _scan(tokens, j - 1, -1) or _scan(tokens, jend + 1, 1)
    elif tokens[k] in _PERSON_NOUNS:  # "clueless amateur", "lazy losers"
        target = "staff"
    elif tokens[k] in _GROUPING_NOUNS and tokens[k] != "lot":  # "pathetic excuse for a team", "useless bunch"
        nxt = tokens[k + 1] if k + 1 < len(tokens) else ""
        if nxt in ("of", "for"):
            following = tokens[k + 3] if k + 3 < len(tokens) and tokens[k + 2] in ("a", "an", "the") else ""
            target = _scan(tokens, k + 2, 1, limit=4) or ("staff" if following in _PERSON_NOUNS else None)
        else:
            target = "staff" if tokens[k] != "excuse" else _scan(tokens, j - 1, -1)
    else:  # attributive: "your useless support team" vs "this useless app"
        target = _ref(tokens, k) or _scan(tokens, j - 1, -1)
    if target == "staff":
        return "insult", "staff"
    if target == "self" and _said_of_self(tokens, j):
        return "none", "self"
    return ("profanity", "thing") if form in _RUDE_ADJ else ("none", "none")


def find_hits(norm: str, tokens: list[str] | None = None) -> list[Hit]:
    """Every abusive word and phrase in deobfuscated lowercased text, with its level and target.

    tokens: `word_tokens(norm)` when the caller has them already (the Reader does).
    """
    return scan(norm, tokens)[0]


def scan(norm: str, tokens: list[str] | None = None) -> tuple[list[Hit], bool]:
    """find_hits, and whether the rules cleared an insult word as the writer speaking of themself.

    Where the rules cleared a word that way ("I feel like an idiot"), the model may not overrule them.
    """
    toks = word_tokens(norm) if tokens is None else tokens
    hits: list[Hit] = []
    quiet = _QUIET.issuperset(toks)  # then no phrase word, lexicon part or root: only a joined or spelt-out form
    rest: set[str] = set()
    if not quiet:
        rest = set(toks).difference(_QUIET)  # the few tokens not known to be quiet (phrase words among them)
        present = _PHRASE_WORDS.intersection(rest)  # may_match looks up only these words: same answers
        for rule, by_pairs in _rules_for(present) if present else ():  # the rules whose may_match is true
            if not by_pairs or rule.has_pair(norm):
                hits += [Hit(m.start(), m.end(), rule.level, rule.target) for m in rule.pattern.finditer(norm)]
    spelt, spelt_dot = _SPELT_HINTS
    words: list[tuple[int, int, str]]
    if (not quiet and _classify(rest)) or spelt(norm) or spelt_dot(norm) or _JOINED.search(norm):
        words = [(m.start(), m.end(), m.group()) for m in _LEX_RE.finditer(norm)]
    else:
        words = []
    if not quiet and ("fuck" in norm or "shit" in norm):  # _ROOTS
        seen = {start for start, _, _ in words}
        words += [(m.start(), m.end(), m.group()) for m in _ROOT_RE.finditer(norm) if m.start() not in seen]
    cleared = False
    if not words:
        return hits, cleared
    ends = [m.start() for m in _CLAUSE_END.finditer(norm)]
    clauses: dict[tuple[int, int], tuple[list[str], list[int]]] = {}
    for start, end, word in words:
        form = word if word in FORMS else re.sub(r"[\s_-]+", " ", word)
        if form not in FORMS and len(form) > 2 and form[1] in " .":  # spelt out: "s h i t t y"
            form = re.sub(r"[ .]", "", form)
            if form not in FORMS and collapse(form) not in COLLAPSED:
                continue
        section = FORMS.get(form) or COLLAPSED.get(collapse(form)) or "profanity"
        form = form if form in FORMS else collapse(form)
        before, after = bisect_left(ends, start), bisect_left(ends, end)
        key = (ends[before - 1] + 1 if before else 0, ends[after] if after < len(ends) else len(norm))
        if key not in clauses:  # the clause's tokens and where each ends, computed once per clause
            found = list(_TOKEN.finditer(norm, *key))
            clauses[key] = ([t.group() for t in found], [t.end() for t in found])
        tokens, tok_ends = clauses[key]
        j = min(bisect_right(tok_ends, start), max(len(tokens) - 1, 0))
        jend = max(j, min(bisect_left(tok_ends, end), len(tokens) - 1))
        level, target = _judge(section, form, tokens, j, jend, _char_before(norm, start))
        if level != "none":
            hits.append(Hit(start, end, level, target))
        cleared = cleared or target == "self"
    return hits, cleared


@lru_cache(maxsize=1024)
def _rules_for(present: frozenset[str]) -> tuple[tuple[PhraseRule, bool], ...]:
    """The phrase rules, in order, that name one of these phrase words: as an anchor (False: the rule's
    may_match is true) or only as the head of a pair (True: may_match is whether a pair is in the text)."""
    return tuple((rule, rule.anchors.isdisjoint(present)) for rule in PHRASE_RULES
                 if not rule.anchors.isdisjoint(present) or not rule.heads.isdisjoint(present))


def _classify(tokens: set[str]) -> bool:
    """True when one of these tokens (none of them in _QUIET) may hold a lexicon form's key part; the tokens
    found quiet are added to _QUIET."""
    quiet = _QUIET
    room = len(quiet) < _MAX_QUIET
    for tok in tokens:
        if tok in _PHRASE_ONLY:
            continue
        if tok in _KEY_PARTS or _holds_key(tok):
            return True
        if room and tok not in _PHRASE_WORDS and "fuck" not in tok and "shit" not in tok:
            quiet.add(tok)
            if _NOT_PLAIN.isdisjoint(tok):
                _PLAIN.add(tok)
    return False


def _learn(tokens: set[str]) -> None:
    """Sort tokens not seen before into _QUIET (and _PLAIN) or _LOUD, as _classify would."""
    if len(_QUIET) + len(_LOUD) >= _MAX_QUIET:
        return
    for tok in tokens:
        if (tok in _PHRASE_WORDS or tok in _KEY_PARTS or "fuck" in tok or "shit" in tok or _holds_key(tok)):
            _LOUD.add(tok)
        else:
            _QUIET.add(tok)
            if _NOT_PLAIN.isdisjoint(tok):
                _PLAIN.add(tok)


def _holds_key(tok: str) -> bool:
    """Whether a run of [a-z0-9] in the token is a key part, or one drawn out ("fuuuck")."""
    if tok.isascii() and tok.isalnum():  # the token is one run (and not a key part itself: checked first)
        return ((tok[0], tok[-1]) in _KEY_ENDS and _TRIPLE.search(tok) is not None
                and collapse(tok) in _KEY_COLLAPSED)
    for run in _RUN.findall(tok):
        if run in _KEY_PARTS or (_TRIPLE.search(run) is not None and collapse(run) in _KEY_COLLAPSED):
            return True
    return False


_PHRASE_ONLY = frozenset(w for w in _PHRASE_WORDS if w not in _KEY_PARTS and not _holds_key(w)
                         and "fuck" not in w and "shit" not in w)


def _char_before(text: str, i: int) -> str:
    """The last non-space character before position i ("" at the start)."""
    k = i - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    return text[k] if k >= 0 else ""


def merge(hits: list[Hit]) -> tuple[str, str, tuple[tuple[int, int], ...]]:
    """Worst level, its target, and the merged spans of every hit."""
    if not hits:
        return "none", "none", ()
    worst = max(hits, key=lambda h: (SEVERITY[h.level], -h.start))
    spans: list[list[int]] = []
    for h in sorted(hits, key=lambda h: h.start):
        if spans and h.start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], h.end)
        else:
            spans.append([h.start, h.end])
    return worst.level, worst.target, tuple((a, b) for a, b in spans)


def _model() -> LinearModel:
    return shipped_model("abuse")


def read_abuse(parses: list[Parse], model: LinearModel | None = None) -> list[Abuse]:
    """Abuse of each parsed message, as a batch (one model call for all)."""
    model = model or _model()
    plain = _PLAIN.issuperset
    plains = [plain(p.tokens) for p in parses]  # then the text needs no deobfuscating, and scan only the hints
    others = [p.tokens for p, is_plain in zip(parses, plains) if not is_plain]
    if others:  # tokens never seen are sorted once per batch (a cold start sees thousands), not message by message
        new = set().union(*others).difference(_QUIET).difference(_LOUD)
        if new:
            _learn(new)
            plains = [is_plain or plain(p.tokens) for p, is_plain in zip(parses, plains)]
    norms = [p.lower if is_plain else deobfuscate(p.lower) for p, is_plain in zip(parses, plains)]
    tokens = [p.tokens if n is p.lower else _norm_tokens(p, n) for p, n in zip(parses, norms)]
    spec = model.analyzer.spec
    if spec.get("word_max_n", 2) == 1 and not spec.get("char_max_n", 0):
        grams = tokens  # unigrams only: the grams are the tokens (what grams_from_tokens would copy)
    else:
        grams = [model.analyzer.grams_from_tokens(t) for t in tokens]
    probs: list[float] = model.probabilities_from_grams(grams)[:, 0].tolist()  # the same values, as Python floats
    flag_at = float(model.thresholds[0])
    out: list[Abuse] = []
    quiet = _QUIET.issuperset
    spelt, spelt_dot = _SPELT_HINTS
    joined = _JOINED.search
    spans: tuple[tuple[int, int], ...]
    for p, norm, toks, prob, is_plain in zip(parses, norms, tokens, probs, plains):
        if p.language not in ENGLISH:
            out.append(_NO_ABUSE)
            continue
        if (is_plain or quiet(toks)) and not (spelt(norm) or spelt_dot(norm) or joined(norm)):  # scan's quiet case
            level, target, spans, cleared = "none", "none", (), False
        else:
            hits, cleared = scan(norm, toks)
            level, target, spans = merge(hits)
        score = float(prob)
        if level != "none":
            score = max(score, RULE_SCORE[level])
        elif cleared:  # the rules cleared an insult word ("I'm not stupid"): keep the score below the flag
            score = min(score, flag_at - 0.01)
        elif score >= flag_at:  # offensive by the model's judgement though the lexicon knows no word here
            level, target, spans = "profanity", "none", _model_spans(model, norm)
        if level == "none":  # nearly every message (no hits: target "none", no spans): one Abuse per score
            score = round(score, 4)
            abuse = _CLEAN.get(score)
            if abuse is None:
                abuse = Abuse("none", score, (), "none")
                if len(_CLEAN) < _MAX_CLEAN:
                    _CLEAN[score] = abuse
            out.append(abuse)
        else:
            out.append(Abuse(level, round(score, 4), spans, target))
    return out


_NO_ABUSE = Abuse()
# Abuse("none", score, (), "none") by score, shared (frozen, so safe to share; building one costs more than the
# rest of a clean message's scoring). At most 10,001 of them: scores are probabilities (never -0.0) rounded.
_CLEAN: dict[float, Abuse] = {}
_MAX_CLEAN = 20_000


def _norm_tokens(p: Parse, norm: str) -> list[str]:
    """`word_tokens(norm)` for a message that deobfuscate changed.

    Where the only change was curly apostrophes made straight (most such messages: long complaints pasted
    from a word processor), the tokens are the Parse's with the same change: the tokenizer treats both
    apostrophes alike, and a token never holds a newline, so this is the same list at a fraction of the cost.
    """
    lower = p.lower
    if p.tokens and len(norm) == len(lower) and norm == lower.replace("\u2019", "'"):
        return "\n".join(p.tokens).replace("\u2019", "'").split("\n")
    return word_tokens(norm)


def _model_spans(model: LinearModel, norm: str) -> tuple[tuple[int, int], ...]:
    """The word that pushed the model most towards 'offensive', as a span (empty when none did)."""
    push, index = _word_push(model), model.index
    best: tuple[float, int, int] = (0.0, 0, 0)
    for m in _TOKEN.finditer(norm):
        j = index.get(m.group())
        if j is not None and push[j] > best[0]:  # only a positive push can beat the starting 0.0
            best = (push[j], m.start(), m.end())
    return ((best[1], best[2]),) if best[0] > 0 else ()


@lru_cache(maxsize=4)
def _word_push(model: LinearModel) -> list[float]:
    """weight x idf of each vocabulary entry towards 'offensive' (once per model; a list, not a word dict, so
    the first flagged message of a process does not pay for a dict of every vocabulary word)."""
    push: list[float] = (model.weights[:, 0] * model.idf).tolist()
    return push


@pipeline.component("abuse", requires=("language",), assigns=("abuse",))
def component(parses: list[Parse]) -> None:
    """Assign p.values["abuse"] for a batch of messages."""
    for p, abuse in zip(parses, read_abuse(parses)):
        p.values["abuse"] = abuse
