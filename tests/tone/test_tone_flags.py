"""Phrase-rule machinery in poise.tone.flags: literal prefilters, alternation splitting, lowercasing."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from poise.tone.checks import blame, defensive, dismissive, excuses, firmness, robotic, sarcasm
from poise.tone.flags import Lexicon, RuleSet, lowercase, required_literals, split_alternatives

RULESETS = [defensive.RULES, blame.RULES, excuses.RULES, dismissive.RULES, robotic.RULES, sarcasm.RULES,
            firmness.HEDGING, firmness.GUARANTEES, firmness.MANAGER]
REPLIES = [i["reply"] for i in yaml.safe_load(
    (Path(__file__).parent / "data" / "replies.yaml").read_text(encoding="utf-8"))]


@pytest.mark.parametrize(("pattern", "literals"), [
    (r"\bper (?:my|our) last email\b", (" last email",)),
    (r"\b(?:perhaps|maybe)\b", ("perhaps", "maybe")),
    (r"\bas (?:i|we) (?:said|told you)\b", ("said", "told you")),
    (r"\b(?:ok|no)\b", None),
    (r"\bapologi[sz]e for any\b", ("e for any",)),  # the [sz] class breaks the run
])
def test_required_literals(pattern: str, literals: tuple[str, ...] | None) -> None:
    assert required_literals(pattern) == literals


def test_split_alternatives_only_at_top_level() -> None:
    assert split_alternatives(r"a(?:b|c)|[|x]|d\|e") == ["a(?:b|c)", "[|x]", r"d\|e"]


def test_lowercase_keeps_length() -> None:
    assert lowercase("İstanbul SO") == "istanbul so"
    assert len(lowercase("İİ")) == 2


def test_lexicon_drops_overlapping_matches() -> None:
    lexicon = Lexicon(r"\bso sorry\b|\bsorry\b")
    assert [m.span() for m in lexicon.finditer("i'm so sorry. sorry.")] == [(4, 12), (14, 19)]


@pytest.mark.parametrize("ruleset", RULESETS, ids=lambda r: r.rules[0].kind)
def test_prefilter_never_changes_what_a_rule_set_finds(ruleset: RuleSet) -> None:
    for text in REPLIES:
        lower = lowercase(text.replace("’", "'"))
        brute = sorted(
            (m.start(), m.end(), rule.kind)
            for rule in ruleset.rules for part in split_alternatives(rule.pattern)
            for m in re.finditer(part, text if rule.case_sensitive else lower)
        )
        fast = sorted((f.span[0], f.span[1], f.kind) for f in ruleset.scan(text.replace("’", "'")))
        negatable = any(rule.unless_negated for rule in ruleset.rules)
        assert set(fast) <= set(brute) if negatable else fast == brute
