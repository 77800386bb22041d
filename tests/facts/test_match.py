"""Order references and topic words (poise.facts.match)."""
from __future__ import annotations

import pytest

from poise.facts.match import keywords, order_refs, same_ref, topic_overlap


@pytest.mark.parametrize(("text", "refs"), [
    ("Order #A-1042 never came, and order 1043 neither", ["A-1042", "1043"]),
    ("re: order no. 77812", ["77812"]),
    ("my order F-3302 and again F-3302", ["F-3302"]),
    ("I paid $89 twice", []),
    ("it arrived on the 3rd", []),
])
def test_order_refs_finds_numbered_orders(text: str, refs: list[str]) -> None:
    assert order_refs(text) == refs


@pytest.mark.parametrize(("a", "b", "same"), [
    ("A-1042", "A-1042", True), ("a1042", "A-1042", True), ("1042", "A-1042", True),
    ("F-1042", "A-1042", False), ("1043", "A-1042", False), ("", "A-1042", False),
])
def test_same_ref_ignores_case_dashes_and_prefix_when_digits_only(a: str, b: str, same: bool) -> None:
    assert same_ref(a, b) is same


def test_keywords_fold_spelling_variants_and_drop_stopwords() -> None:
    assert keywords("You never sent me the instalation manual!") == {"install", "instructions"}


@pytest.mark.parametrize(("claim", "topics", "shared"), [
    ("nobody told me about waterproofing the boots", ["care instructions", "waterproofing"], {"waterproof"}),
    ("you never sent the setup instructions", ["setup instructions"], {"setup", "instructions"}),
    ("nobody told me the price was going up", ["newsletter", "return policy"], set()),
])
def test_topic_overlap_is_the_shared_content_words(claim: str, topics: list[str], shared: set[str]) -> None:
    assert topic_overlap(claim, topics) == shared
