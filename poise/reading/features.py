"""Text to n-grams, computed once per message and shared by every model.

Training (scikit-learn's TfidfVectorizer with `analyzer=` one of these functions) and inference (numpy in
`linear.py`) call the very same functions, so features match exactly.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

# Words (with inner apostrophes), runs of ! or ?, and single emoji/symbols; digits are kept as words.
_TOKEN_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[!?]+|[^\w\s]", re.UNICODE)


def word_tokens(lower: str) -> list[str]:
    """Lowercased text -> tokens: words, '!!'/'?' runs, single symbols and emoji."""
    return _TOKEN_RE.findall(lower)


def word_grams(tokens: list[str], max_n: int = 2) -> list[str]:
    """Unigrams and, up to `max_n`, word n-grams joined by a space."""
    grams = list(tokens)
    if max_n >= 2:
        grams.extend(map(" ".join, pairwise(tokens)))  # bigrams joined in C: the common case, on the hot path
    for n in range(3, max_n + 1):
        grams.extend(" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1))
    return grams


@lru_cache(maxsize=200_000)
def token_char_grams(tok: str, min_n: int, max_n: int) -> tuple[str, ...]:
    """Character n-grams of one padded token; cached because words repeat (Zipf), which makes reading fast."""
    padded = f" {tok} "
    length = len(padded)
    # One list comprehension (no generator per n): a new word is worked out on the Reader's hot path.
    return tuple(["#" + padded[i:i + n] for n in range(min_n, min(max_n, length) + 1)
                  for i in range(length - n + 1)])


def char_grams(tokens: list[str], min_n: int = 3, max_n: int = 5) -> list[str]:
    """Character n-grams inside word boundaries (like char_wb), so misspellings still share features."""
    grams: list[str] = []
    for tok in tokens:
        grams.extend(token_char_grams(tok, min_n, max_n))
    return grams


def analyzer(spec: dict[str, int]) -> Analyzer:
    """An analyzer (text -> grams) for a feature spec such as {"word_max_n": 2, "char_min_n": 3, "char_max_n": 5}."""
    return Analyzer(spec)


class Analyzer:
    """Callable text -> grams for one feature spec; picklable, so training can use it as an sklearn analyzer."""

    def __init__(self, spec: dict[str, int]) -> None:
        self.spec = dict(spec)

    def grams_from_tokens(self, tokens: list[str]) -> list[str]:
        """Grams of already-tokenised lowercased text (the fast path used by the Reader)."""
        spec = self.spec
        grams = word_grams(tokens, spec.get("word_max_n", 2))
        if spec.get("char_max_n", 0):
            grams.extend(char_grams(tokens, spec.get("char_min_n", 3), spec["char_max_n"]))
        return grams

    def __call__(self, text: str) -> list[str]:
        return self.grams_from_tokens(word_tokens(text.lower()))
