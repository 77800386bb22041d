"""Keep drafts plain and short: word limits, the reading-grade limit, and tidy whitespace.

Seed 000: "Maybe they have a learning disability, so your 2-paragraph email would take too long to digest
for them." A draft stays within 120 words and Flesch-Kincaid grade 8 by default, and within 60 words when
the customer wrote fewer than 20: a short question gets a short answer. The measures themselves live in
poise.reading.plain (shared with the tone guard), so the drafter and the guard count the same way.
"""
from __future__ import annotations

import re

from poise.reading.plain import count_words, flesch_kincaid_grade

DEFAULT_MAX_WORDS = 120
BRIEF_MAX_WORDS = 60
BRIEF_CUSTOMER_WORDS = 20
"""A customer message under this many words gets a draft of at most BRIEF_MAX_WORDS."""
MAX_GRADE = 8.0
RELATIVE_FACTOR = 4
RELATIVE_FLOOR = 90

_NUMBERED_STEP_RE = re.compile(r"^\s*\d{1,2}\.\s+\S", re.MULTILINE)


def word_limit(customer_message: str, *, max_words: int = DEFAULT_MAX_WORDS) -> int:
    """The most words a draft may have, given what the customer wrote (shorter for a short message).

    Under BRIEF_CUSTOMER_WORDS words: BRIEF_MAX_WORDS. Otherwise at most RELATIVE_FACTOR times the
    customer's words and never under RELATIVE_FLOOR, capped by `max_words`: the same rule the tone guard
    uses for a wall of text, so a draft never trips it.
    """
    words = count_words(customer_message)
    if words < BRIEF_CUSTOMER_WORDS:
        return min(max_words, BRIEF_MAX_WORDS)
    return min(max_words, max(RELATIVE_FLOOR, RELATIVE_FACTOR * words))


def tidy(text: str) -> str:
    """Lay out a rendered template: each non-empty line is a paragraph; numbered steps stay together.

    Single spaces inside a line; one blank line between paragraphs, so a template line whose `{% if %}` was
    false leaves no gap.
    """
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines()]
    out: list[str] = []
    previous_step = False
    for line in lines:
        if not line:
            continue
        step = bool(_NUMBERED_STEP_RE.match(line))
        if out:
            out.append("\n" if step and previous_step else "\n\n")
        out.append(line)
        previous_step = step
    return "".join(out)


def fits(text: str, limit: int, *, max_grade: float = MAX_GRADE) -> bool:
    """Whether `text` is within `limit` words and `max_grade` reading grade."""
    return count_words(text) <= limit and flesch_kincaid_grade(text) <= max_grade


def numbered_steps(text: str) -> int:
    """How many numbered steps ("1. Open the app.") `text` has: EXPLAIN_CLEARLY drafts need them."""
    return len(_NUMBERED_STEP_RE.findall(text))


__all__ = ["BRIEF_CUSTOMER_WORDS", "BRIEF_MAX_WORDS", "DEFAULT_MAX_WORDS", "MAX_GRADE", "RELATIVE_FACTOR",
           "RELATIVE_FLOOR", "count_words",
           "fits", "flesch_kincaid_grade", "numbered_steps", "tidy", "word_limit"]
