"""Plain-language measures: words, syllables, sentences and the Flesch-Kincaid grade.

Shared by the reply drafter (keep drafts short and plain) and the tone guard (flag a wall of text or a
grade too high). Pure Python and regex only, so measuring a reply costs microseconds, not milliseconds.
The syllable count is a heuristic (vowel groups with the common English corrections); it is off by one
on some words, which moves a grade by a few tenths, not more.
"""
from __future__ import annotations

import re
from functools import lru_cache

_WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*", re.UNICODE)
_VOWEL_GROUP_RE = re.compile(r"[aeiouy]+")
# A sentence ends at ., ! or ? (plus closing quotes/brackets) followed by space or the end, or at a line break.
_END_RE = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|$)|\n")
_ABBREVIATIONS = frozenset({
    "e.g", "i.e", "etc", "mr", "mrs", "ms", "dr", "no", "vs", "approx", "st", "jr", "sr", "inc", "ltd", "co",
})
_LAST_TOKEN_RE = re.compile(r"([A-Za-z.]+)[.]+$")
_LIST_MARKER_RE = re.compile(r"^(?:\d{1,2}|[a-z])[.)]$")


def words(text: str) -> list[str]:
    """The words of `text` (letters and digits; inner apostrophes and hyphens kept: "don't", "follow-up")."""
    return _WORD_RE.findall(text)


def count_words(text: str) -> int:
    """How many words `text` has (see `words`)."""
    return len(_WORD_RE.findall(text))


@lru_cache(maxsize=65_536)
def count_syllables(word: str) -> int:
    """Estimate the syllables of one English word (at least 1 for any word with a letter or digit).

    Vowel groups, minus a silent final "e" and a silent "-ed"/"-es", plus one for a consonant + "le" ending.
    Digits count as one syllable per number, which is what a reader's eye does with "14".
    """
    w = word.lower().strip("'’-")
    if not w:
        return 0
    if not any(c.isalpha() for c in w):
        return 1
    w = "".join(c for c in w if c.isalpha())
    if len(w) <= 3:
        return 1
    count = len(_VOWEL_GROUP_RE.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1  # silent e: "make", "assure"
    elif w.endswith("le") and len(w) > 2 and w[-3] not in "aeiouy" and count > 1:
        pass  # "table", "handle": the "le" is its own syllable, already counted as the final "e" group
    elif (w.endswith(("ed", "es")) and len(w) > 3 and w[-3] not in "aeiouytd" and count > 1
          and not (w.endswith("es") and w[-3] in "sxzhgc")):
        count -= 1  # "refunded" and "boxes" keep it, "shipped" and "makes" do not
    return max(1, count)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """`[start, end)` character spans of the sentences in `text` (stripped of surrounding space).

    Splits after ., ! or ? followed by space (not after "e.g." or "Mr.") and at every line break, so a
    numbered list counts one sentence per step.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END_RE.finditer(text):
        if m.group() != "\n":
            head = text[max(start, m.start() - 12):m.end()]  # the last word is enough; keeps this linear
            last = _LAST_TOKEN_RE.search(head.rstrip("\"'”’)]"))
            if last and last.group(1).lower().rstrip(".") in _ABBREVIATIONS:
                continue
            if _LIST_MARKER_RE.match(text[start:m.end()].strip()):
                continue  # "1." opening a numbered step is not a sentence of its own
        _add_span(text, start, m.end(), spans)
        start = m.end()
    _add_span(text, start, len(text), spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped or not _WORD_RE.search(stripped):
        return
    lead = len(chunk) - len(chunk.lstrip())
    spans.append((start + lead, start + lead + len(stripped)))


def sentences(text: str) -> list[str]:
    """The sentences of `text`, as strings (see `sentence_spans` for how they are split)."""
    return [text[s:e] for s, e in sentence_spans(text)]


def flesch_kincaid_grade(text: str) -> float:
    """The Flesch-Kincaid grade level of `text` (US school grade; 0.0 for text without words).

    0.39 * words per sentence + 11.8 * syllables per word - 15.59 (Kincaid et al. 1975). Plain replies
    sit at 5-8; legal boilerplate at 12+.
    """
    ws = words(text)
    if not ws:
        return 0.0
    n_sentences = max(1, len(sentence_spans(text)))
    syllables = sum(count_syllables(w) for w in ws)
    return round(0.39 * len(ws) / n_sentences + 11.8 * syllables / len(ws) - 15.59, 2)
