"""Gated rules: gates parsed into groups, a rule selected only when all its groups are in the tokens."""
from __future__ import annotations

import re

import pytest

from poise.reading.features import word_tokens
from poise.reading.gates import NEGATION_ATOMS, GateIndex, rule, trie_pattern


@pytest.mark.parametrize("words", [["charg", "charged", "overcharg", "bill"], ["a", "ab", "abc", "b"], ["x"]])
def test_trie_pattern_matches_exactly_the_words(words: list[str]) -> None:
    pattern = re.compile(f"(?:{trie_pattern(words)})")
    assert [w for w in [*words, "zz", "c"] if pattern.fullmatch(w)] == words


def test_rule_parses_gate_groups_and_negation() -> None:
    r = rule("x", "charg bill & =2 NEG", ["charged twice"])
    assert r.gates == (("charg", "bill"), ("=2", *NEGATION_ATOMS))


RULES = [
    rule("a", "arriv & NEG", [r"never\s+arrived"]),
    rule("b", "charg & twice", [r"charged\s+twice"]),
    rule("c", "=no", [r"no"]),
]


@pytest.mark.parametrize(("text", "selected"), [
    ("it never arrived", [0]),
    ("it arrived", []),
    ("it didn't arrive", [0]),
    ("overcharged me twice", [1]),
    ("no way", [2]),
    ("nothing", []),
    ("", []),
])
def test_gate_index_selects_rules_whose_groups_are_all_present(text: str, selected: list[int]) -> None:
    index = GateIndex(RULES)
    assert sorted(index.select(text, word_tokens(text))) == selected


def test_long_text_runs_rules_only_on_sentences_with_their_words() -> None:
    text = "hello there. " * 60 + "it never arrived. " + "all good. " * 30
    windows = GateIndex(RULES).select(text, word_tokens(text))
    assert list(windows) == [0]
    ((start, end),) = windows[0]
    assert text[start:end] == " it never arrived"


def test_every_claim_and_stake_rule_compiles() -> None:
    """Rules compile lazily (on first use), so a broken pattern must be caught here, not in production."""
    from poise.reading.claims import CLAIM_RULES
    from poise.reading.stakes import STAKE_RULES

    for r in (*CLAIM_RULES, *STAKE_RULES):
        assert r.pattern.pattern == r.source, r.kind
