"""Empathy of a reply on EPITOME's three mechanisms, from hand-written rules (no model, no EPITOME training).

EPITOME (Sharma et al., EMNLP 2020) rates a response on three dimensions, each at level 0 (none), 1 (weak)
or 2 (strong):
- emotional_reactions: the writer expresses warmth, compassion or concern ("I'm so sorry", "my heart goes
  out to you"); weak when only alluded to ("hang in there", "that sucks").
- interpretations: the writer shows they understood the feelings or experience ("that must be so
  frustrating", "I've been through the same"); weak when generic ("I understand").
- explorations: the writer asks about the other person's feelings or situation ("What happened when you
  called us?"); weak when the question is generic ("Are you okay?").
Why rules: EPITOME's licence allows evaluation only (see ../shared/data/README.md), and no permissively
licensed empathy data exists here; the lexicons below were written from the paper's definitions, and
`poise.tone.empathy_eval` scores them on EPITOME beside the published models.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from poise.tone.flags import Lexicon, lowercase

DIMENSIONS: tuple[str, ...] = ("emotional_reactions", "interpretations", "explorations")

_INTENSE = r"(?:so|really|very|truly|deeply|incredibly|terribly|genuinely|awfully)"

_ER_STRONG = Lexicon(
    rf"\bi(?:'m| am) {_INTENSE} (?:sorry|sad|saddened|upset|worried|glad|happy|proud|moved|touched)\b|"
    rf"\bi feel (?:{_INTENSE} )?(?:sad|sorry|bad|terrible|awful|for you|your pain|so much for)\b|"
    r"\bmy heart (?:goes out|breaks|aches|hurts)\b|\b(?:breaks|broke) my heart\b|\bheart ?breaking\b|"
    r"\bsending (?:you )?(?:so much |lots of |all my )?(?:love|hugs|strength|virtual hugs)\b|"
    r"\bi (?:really |truly )?care about you\b|\bi(?:'m| am) (?:here|always here) for you\b|"
    rf"\bi(?:'m| am) {_INTENSE} sorry (?:to hear|that|you|for)\b")
_ER_WEAK = Lexicon(
    r"\b(?:sorry|apologi[sz]e|apologies)\b|\b(?:that|this|it) (?:sucks|stinks|is awful|is terrible|is horrible|"
    r"is rough|is tough|is hard|'s awful|'s terrible|'s rough|'s tough|'s hard|'s horrible)\b|"
    r"\b(?:hugs?|<3|hang in there|stay strong|take care|be kind to yourself|"
    r"you(?:'ll| will) be (?:ok|okay|fine|alright)|"
    r"it(?:'ll| will) (?:be|get) (?:ok|okay|fine|better|alright)|things will get better|hope (?:you|things|it) "
    r"(?:feel|get|gets|are|is|will)|wish(?:ing)? you (?:the best|well|luck)|good luck|glad (?:to hear|you)|"
    r"happy (?:to hear|for you)|congrat\w*|what a (?:pain|nightmare|shame)|awful|terrible|horrible|"
    r"unacceptable|not (?:okay|ok|good enough|fair)|you deserve|i(?:'m| am) glad|hope|hopefully|i feel you|"
    r"(?:will|gonna|going to) (?:get|be) better|you(?:'ll| will| can) (?:get through|make it|find|do (?:it|this))|"
    r"don'?t give up|you(?:'re| are) not alone|proud of you|love you|feel better|you(?:'re| are) (?:strong|worth))\b",)
_IP_STRONG = Lexicon(
    r"\b(?:that|this|it) must (?:be|have been|feel)\b|\bmust (?:be|have been|feel) (?:so |really |very )?"
    r"(?:frustrating|annoying|stressful|upsetting|worrying|hard|difficult|painful|scary|exhausting|awful|lonely|"
    r"confusing|disappointing|overwhelming)\b|"
    r"\b(?:it |that )?(?:sounds|seems|looks) like you(?:'re| are|'ve| have| feel| were| had)?\b|"
    r"\byou (?:must|might|probably) (?:feel|be feeling|have felt|be)\b|"
    r"\bi(?:'ve| have) (?:been (?:there|through)|gone through|felt|had (?:the same|a similar|that)|struggled|"
    r"dealt with|experienced|suffered)\b|\bi went through\b|\bi (?:also|too) (?:have|had|feel|felt|struggle|"
    r"suffer|deal|get|was|am)\b|\bme too\b|\bsame (?:here|boat|thing happened|with me)\b|"
    r"\bi know (?:exactly )?(?:how|what) (?:it|that|you)(?:'s| is| feel| are| mean| must)?\b|\bi know the feeling\b|"
    r"\bi can (?:relate|see why|see how|imagine how|understand why|understand how)\b|\bhappened to me\b|"
    r"\bwhen i was (?:your age|younger|in|a)\b|\bi used to (?:feel|be|have|think|struggle)\b|"
    r"\bi was (?:in )?(?:the same|a similar|your) (?:situation|position|place|boat)\b|"
    r"\bi feel the same\b|\bi(?:'m| am) (?:going|dealing) (?:through|with) (?:the same|something similar)\b|"
    r"\bi (?:can )?see why you(?:'re| are| feel| felt| would)\b|\byou(?:'re| are) (?:right|not wrong) to\b|"
    r"\bno wonder you\b|\bof course you(?:'re| are| feel)\b|\bunderstandabl[ey]\b")
_SELF_DISCLOSURE = Lexicon(
    r"\b(?:i|i've|i'm|i'd|i was|my) (?:(?:also|too|still|always|once|used to|often|sometimes|never|really|"
    r"just) )?(?:was|had|have|felt|feel|went|got|get|struggled?|suffer(?:ed)?|lost|dealt|did|do|been|am|know|"
    r"found|tried|started|remember|had to|cried|hated?|experience[ds]?|life|own|depression|anxiety|"
    r"friends?|family|mom|dad|parents|wife|husband|girlfriend|boyfriend|therapist)\b")
_IP_WEAK = Lexicon(
    r"\bi (?:completely |totally |fully |really )?understand\b|\bi get (?:it|that|you|why)\b|\bi hear you\b|"
    r"\bi see\b|\bmakes (?:total |complete )?sense\b|\b(?:that|it)(?:'s| is) (?:normal|valid|natural)\b|"
    r"\byou(?:'re| are) not alone\b|\bmany people (?:feel|go|struggle)\b")
_QUESTION_END_RE = re.compile(r"\?+")
_SENTENCE_BREAK_RE = re.compile(r"[.!?\n]")
_GENERIC_Q = re.compile(r"^\W*(?:what(?:'s| is) (?:wrong|up|going on|happening)|what happened"
                        r"|are you (?:ok|okay|alright|fine|there)|how are you(?: (?:doing|feeling|holding up))?"
                        r"|(?:do you )?want to talk"
                        r"(?: about it)?|anything (?:else|i can do)|can i help|how can i help|is everything (?:ok|okay"
                        r"|alright))\W*\?$")
_SUGGESTION_Q = re.compile(r"\b(?:have you (?:tried|considered|thought about|looked into|talked to|seen)|"
                           r"why don'?t you|did you try|could you try|can you try|have you ever tried)\b")
_YOU_RE = re.compile(r"\b(?:you|your|you're|you've|yourself)\b")


@dataclass(frozen=True)
class EmpathyScore:
    """One dimension's result: level 0-2, a score in [0, 1], and the spans that decided it."""

    level: int
    score: float
    spans: tuple[tuple[int, int], ...]

    def to_dict(self) -> dict[str, object]:
        """JSON shape: {"level", "score", "spans": [[start, end], ...]}."""
        return {"level": self.level, "score": self.score, "spans": [list(s) for s in self.spans]}


def _lexical(text: str, strong: Lexicon, weak: Lexicon) -> EmpathyScore:
    strong_hits = [m.span() for m in strong.finditer(text)]
    weak_hits = [m.span() for m in weak.finditer(text)
                 if not any(s <= m.start() < e for s, e in strong_hits)]
    score = min(1.0, 0.7 * len(strong_hits) + 0.35 * len(weak_hits))
    level = 2 if strong_hits else 1 if weak_hits else 0
    return EmpathyScore(level, round(score, 3), tuple(sorted(strong_hits + weak_hits)))


def _interpretations(text: str) -> EmpathyScore:
    base = _lexical(text, _IP_STRONG, _IP_WEAK)
    disclosed = [m.span() for m in _SELF_DISCLOSURE.finditer(text)]
    if base.level == 2 or len(disclosed) < 1:
        return base
    # Sharing a similar experience ("I went through the same when my dad...") is how peers show they
    # understood; EPITOME counts it as a strong interpretation.
    return EmpathyScore(2, round(min(1.0, base.score + 0.7), 3), tuple(sorted(base.spans + tuple(disclosed[:3]))))


def _explorations(text: str) -> EmpathyScore:
    strong: list[tuple[int, int]] = []
    weak: list[tuple[int, int]] = []
    for m in _QUESTION_END_RE.finditer(text):
        breaks = [b.end() for b in _SENTENCE_BREAK_RE.finditer(text, max(0, m.start() - 300), m.start())]
        raw = text[breaks[-1] if breaks else max(0, m.start() - 300):m.end()]
        question = raw.strip()
        if len(question) <= len(m.group()):
            continue
        start = m.end() - len(raw.lstrip())
        span = (start, m.end())
        if _GENERIC_Q.match(question):
            weak.append(span)
        elif _SUGGESTION_Q.search(question) or not _YOU_RE.search(question):
            continue
        elif len(question.split()) >= 5:
            strong.append(span)
        else:
            weak.append(span)
    score = min(1.0, 0.7 * len(strong) + 0.35 * len(weak))
    level = 2 if strong else 1 if weak else 0
    return EmpathyScore(level, round(score, 3), tuple(sorted(strong + weak)))


def score_empathy(text: str) -> dict[str, EmpathyScore]:
    """Score `text` on the three EPITOME dimensions (see the module docstring for what each means).

    Example:
        >>> score_empathy("I'm so sorry. That must be so frustrating. What happened when you called?")[
        ...     "explorations"].level
        2
    """
    clean = lowercase(text.replace("’", "'"))
    return {
        "emotional_reactions": _lexical(clean, _ER_STRONG, _ER_WEAK),
        "interpretations": _interpretations(clean),
        "explorations": _explorations(clean),
    }


def empathy_levels(text: str) -> tuple[int, int, int]:
    """Just the three levels (emotional_reactions, interpretations, explorations), for evaluation."""
    scores = score_empathy(text)
    return (scores["emotional_reactions"].level, scores["interpretations"].level, scores["explorations"].level)
