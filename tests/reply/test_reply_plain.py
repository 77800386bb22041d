"""Plain and short: word limits, tidy layout, numbered steps (seed 000: a 2-paragraph email may be too long)."""
from __future__ import annotations

import pytest

from poise.reply.plain import fits, numbered_steps, tidy, word_limit


@pytest.mark.parametrize(("message", "limit"), [
    ("Where is my order?", 60),
    (" ".join(["word"] * 19), 60),
    (" ".join(["word"] * 20), 90),
    (" ".join(["word"] * 25), 100),
    (" ".join(["word"] * 30), 120),
    (" ".join(["word"] * 300), 120),
])
def test_plain_word_limit_is_shorter_for_a_short_message(message: str, limit: int) -> None:
    assert word_limit(message) == limit


def test_plain_word_limit_never_exceeds_the_business_maximum() -> None:
    assert (word_limit("Hi?", max_words=40), word_limit(" ".join(["w"] * 30), max_words=100)) == (40, 100)


def test_plain_tidy_makes_each_line_a_paragraph_and_keeps_steps_together() -> None:
    rendered = "Hi Ann,\n\n\nThank  you.   Here:\n\n1. One.\n2. Two.\n\n\n   \nBye.  "
    assert tidy(rendered) == "Hi Ann,\n\nThank you. Here:\n\n1. One.\n2. Two.\n\nBye."


@pytest.mark.parametrize(("text", "steps"), [("1. Open it.\n2. Tap Add.\n3. Wait.", 3), ("No steps here.", 0),
                                            ("Call 1.800 now", 0)])
def test_plain_numbered_steps(text: str, steps: int) -> None:
    assert numbered_steps(text) == steps


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ("Thank you. I will send it today.", 10, True),
    ("Thank you. I will send it today.", 5, False),
    (("Notwithstanding contractual indemnification responsibilities, organisational considerations "
     "necessitate comprehensive reconsideration."), 100, False),
])
def test_plain_fits(text: str, limit: int, expected: bool) -> None:
    assert fits(text, limit) is expected
