"""What a tone check returns (Flag), what it is told (Context), and phrase rules shared by the checks.

A check is a plain function `(text, ctx) -> list[Flag]`. `text` is the reply with curly apostrophes made
straight (same length, so spans index the original reply too). Phrase rules are compiled once at import.
"""
from __future__ import annotations

import re
import re._constants as _sre
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from poise.posture.postures import Posture
from poise.reading.reading import Reading

try:
    from re._parser import parse as _sre_parse
except ImportError:  # pragma: no cover - Python < 3.11 named it sre_parse
    from sre_parse import parse as _sre_parse

Span = tuple[int, int]

FLAG_KINDS: tuple[str, ...] = (
    "defensive", "blame", "excuse", "dismissive", "robotic", "sarcasm",
    "all_caps", "exclamation", "wall_of_text", "grade_too_high",
    "no_acknowledgement", "no_next_step", "no_thanks",
    "hedging", "over_apologising", "beyond_authority", "manager_handoff",
)
"""Every flag kind, stable names (they are part of the JSON contract)."""

FIRM_ONLY_KINDS = frozenset({"hedging", "over_apologising"})
"""Kinds checked only for firm postures (Posture.is_firm); see firmness.py for beyond_authority."""


@dataclass(frozen=True)
class Flag:
    """One problem in a reply: what kind, where (`[start, end)` in the reply), why, and a better way."""

    kind: str
    span: Span
    reason: str
    suggestion: str

    def to_dict(self) -> dict[str, Any]:
        """JSON shape: {"kind", "span": [start, end], "reason", "suggestion"}."""
        return {"kind": self.kind, "span": [self.span[0], self.span[1]], "reason": self.reason,
                "suggestion": self.suggestion}


@dataclass(frozen=True)
class Context:
    """What the checks know besides the reply text: posture, the customer's message, limits, measures."""

    posture: Posture | None
    reading: Reading | None
    authority_cents: int | None
    words: int
    grade: float
    customer_words: int | None
    max_words: int = 150
    max_grade: float = 8.0

    @property
    def firm(self) -> bool:
        """Whether the posture is firm (hedging and over-apologising are flaws then)."""
        return self.posture is not None and self.posture.is_firm

    @property
    def customer_upset(self) -> bool:
        """Whether the customer is upset: said by the posture, or read from their message."""
        if self.posture is Posture.THANK:
            return False
        if self.posture in (Posture.ACKNOWLEDGE_AND_RESOLVE, Posture.OWN_AND_FIX):
            return True
        return self.reading is not None and reading_upset(self.reading)

    @property
    def customer_complained(self) -> bool:
        """Whether the customer complained (or praised): a reply to it should thank them for telling us."""
        if self.posture in (Posture.ACKNOWLEDGE_AND_RESOLVE, Posture.OWN_AND_FIX, Posture.THANK):
            return True
        if self.posture in (Posture.SET_BOUNDARY, Posture.PART_WAYS):
            return False  # thanking abuse reads as sarcasm; the boundary and the help come first
        return self.reading is not None and (self.reading.complaint >= 0.5 or reading_upset(self.reading))


NEGATIVE_EMOTIONS = ("anger", "annoyance", "disappointment", "sadness", "fear")


def reading_upset(reading: Reading) -> bool:
    """Whether a Reading shows an upset customer: abuse, a strong negative emotion, or a negative complaint."""
    if reading.abuse.level != "none":
        return True
    if max((reading.emotions.get(k, 0.0) for k in NEGATIVE_EMOTIONS), default=0.0) >= 0.5:
        return True
    return reading.sentiment.score <= -0.5 or (reading.complaint >= 0.5 and reading.sentiment.score <= -0.2)


_CLAUSE_BREAK_RE = re.compile(r"[.!?;,]|\bbut\b|\bthough\b|\bhowever\b")
_NEGATION_BEFORE_RE = re.compile(r"\b(?:not|never|no|cannot|unable|won't|can't|couldn't|isn't|don't)\b[^.!?]*$")


@dataclass(frozen=True)
class PhraseRule:
    """A phrase that is a flaw of one kind, with its reason and suggested rewrite.

    `unless_negated`: skip a match when a negation comes earlier in the same clause (so "we can't make
    an exception" is not hedging, but "we can't refund it, but we could make an exception" is).
    `case_sensitive`: match the letters' case as written ("thanks SO much").
    """

    kind: str
    pattern: str
    reason: str
    suggestion: str
    unless_negated: bool = False
    case_sensitive: bool = False


Check = Callable[[str, Context], list[Flag]]


class RuleSet:
    """A family's phrase rules, compiled once, each with a literal it cannot match without.

    Why: a rule runs only when its required literal (e.g. "per " for "per my last email") is in the
    reply, a C-speed substring test; most rules are skipped on most replies, which keeps the whole guard
    around a millisecond of CPU for a 200-word reply (bench/tone.py). Matching is on lowercased text (same
    length) instead of re.IGNORECASE, which is slower.
    """

    def __init__(self, rules: Sequence[PhraseRule]) -> None:
        self.rules = list(rules)
        self._compiled = [(r, re.compile(part), required_literals(part))
                          for r in self.rules for part in split_alternatives(r.pattern)]

    def scan(self, text: str) -> list[Flag]:
        """Every match in `text`, as Flags (overlaps between families are left to the guard)."""
        found: list[Flag] = []
        lower = lowercase(text)
        for rule, pattern, literals in self._compiled:
            haystack = text if rule.case_sensitive else lower
            if literals is not None and not any(lit in haystack for lit in literals):
                continue
            for m in pattern.finditer(haystack):
                if rule.unless_negated and _negated_before(lower, m.start()):
                    continue
                found.append(Flag(rule.kind, (m.start(), m.end()), rule.reason, rule.suggestion))
        return found


def split_alternatives(pattern: str) -> list[str]:
    """Split a pattern at its top-level "|" (outside groups and character classes)."""
    parts: list[str] = []
    depth, start, i, in_class = 0, 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


class Lexicon:
    """Many patterns, each run only when one of its required literals is in the text (see RuleSet)."""

    def __init__(self, *patterns: str) -> None:
        self._compiled = [(re.compile(part), required_literals(part))
                          for pattern in patterns for part in split_alternatives(pattern)]

    def finditer(self, text: str) -> list[re.Match[str]]:
        """Matches of the patterns in `text` (already lowercased), left to right, overlaps dropped (the
        leftmost, then longest, wins), as one alternation would give."""
        found = sorted((m for pattern, literals in self._compiled
                        if literals is None or any(lit in text for lit in literals)
                        for m in pattern.finditer(text)), key=lambda m: (m.start(), -m.end()))
        kept: list[re.Match[str]] = []
        for m in found:
            if not kept or m.start() >= kept[-1].end():
                kept.append(m)
        return kept

    def search(self, text: str) -> bool:
        """Whether any pattern matches `text` (already lowercased)."""
        return any((literals is None or any(lit in text for lit in literals)) and pattern.search(text)
                   for pattern, literals in self._compiled)


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Literals of which every match of `pattern` contains at least one (None: no useful prefilter).

    A run of plain characters at the pattern's top level is in every match; so is one of the
    alternatives of a mandatory group ("(?:perhaps|maybe)"). Prefer a long single run, then a set of
    alternatives that all have a run of 3+ characters.
    """
    return _seq_literals(_sre_parse(pattern))


def _seq_literals(items: Any) -> tuple[str, ...] | None:
    best = ""
    run: list[str] = []
    any_of: list[tuple[str, ...]] = []

    def flush() -> None:
        nonlocal best
        if len(run) > len(best):
            best = "".join(run)
        run.clear()

    def walk(seq: Any) -> None:
        for op, arg in seq:
            if op is _sre.LITERAL:
                run.append(chr(arg))
            elif op is _sre.AT:
                continue  # zero-width (\b, ^): the characters on either side are still adjacent
            elif op is _sre.SUBPATTERN and not any(o is _sre.BRANCH or o is _sre.IN for o, _ in arg[-1]):
                walk(arg[-1])
            else:
                flush()
                choice = _branch_literals(arg[-1] if op is _sre.SUBPATTERN else None) if op in (
                    _sre.SUBPATTERN, _sre.BRANCH) else None
                if op is _sre.BRANCH:
                    choice = _alternatives_literals(arg[1])
                if choice:
                    any_of.append(choice)

    walk(items)
    flush()
    if len(best) >= 4 or (len(best) >= 3 and not any_of):
        return (best,)
    if any_of:
        return min(any_of, key=len)
    return None


def _branch_literals(seq: Any) -> tuple[str, ...] | None:
    """For a group whose body is one BRANCH: one literal per alternative (None if any has none)."""
    if seq is None or len(seq) != 1 or seq[0][0] is not _sre.BRANCH:
        return _seq_literals(seq) if seq is not None else None
    return _alternatives_literals(seq[0][1][1])


def _alternatives_literals(alternatives: Any) -> tuple[str, ...] | None:
    out: list[str] = []
    for alt in alternatives:
        lits = _seq_literals(alt)
        if lits is None or any(len(x) < 3 for x in lits):
            return None
        out.extend(lits)
    return tuple(out)


def lowercase(text: str) -> str:
    """`text` lowercased with the same length, so spans found in it index the original text."""
    lower = text.lower()
    if len(lower) != len(text):  # a few characters (e.g. "İ") grow when lowered
        lower = "".join(c.lower()[0] for c in text)
    return lower


def compile_rules(rules: Sequence[PhraseRule]) -> RuleSet:
    """Compile a family's phrase rules once (call at import time)."""
    return RuleSet(rules)


def scan(text: str, rules: RuleSet) -> list[Flag]:
    """Every match of a family's rules in `text`, as Flags."""
    return rules.scan(text)


def _negated_before(lower: str, start: int) -> bool:
    """Whether a negation comes earlier in the same clause ("we can't make an exception", not "we can't
    refund it, but we could make an exception")."""
    head = _CLAUSE_BREAK_RE.split(lower[max(0, start - 40):start])[-1]
    return bool(_NEGATION_BEFORE_RE.search(head))
