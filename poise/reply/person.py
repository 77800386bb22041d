"""Re-phrase the customer's own words into the second person for the reply.

The Reading's summary says what went wrong in the customer's voice ("My order has not arrived") or about
them ("The customer was charged twice"). A reply speaks to them: "your order has not arrived", "you were
charged twice". The swap is by word, so it keeps the customer's facts and drops nothing.
"""
from __future__ import annotations

import re

_FIRST_TO_SECOND = {
    "i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself",
    "i'm": "you're", "i've": "you've", "i'll": "you'll", "i'd": "you'd", "im": "you're",
    "we": "you", "us": "you", "our": "your", "ours": "yours", "ourselves": "yourselves",
    "we're": "you're", "we've": "you've", "we'll": "you'll",
}
# The customer's "you" is the business: "you charged me twice" -> "we charged you twice".
_SECOND_TO_BUSINESS = {
    "your": "our", "yours": "ours", "yourself": "ourselves", "yourselves": "ourselves",
    "you're": "we're", "you've": "we've", "you'll": "we'll", "you'd": "we'd",
}
# The Reading's summary speaks of the customer in the third person ("They were charged twice"); with
# `third_person=True` those pronouns become "you" too.
_THIRD_TO_SECOND = {
    "they": "you", "them": "you", "their": "your", "theirs": "yours", "themselves": "yourself",
    "they're": "you're", "they've": "you've", "they'll": "you'll", "they'd": "you'd",
}
_THEIR_THING_RE = re.compile(r"^(?:the|an?) (order|parcel|package|delivery|product|item|refund|charge|payment|"
                             r"subscription|account|return|card)\b", re.IGNORECASE)
_BE_AFTER_I = {"am": "are", "was": "were"}
_CUSTOMER_RE = re.compile(r"\b(?:the|this) (?:customer|client|user)(?:'s)?\b", re.IGNORECASE)
_THIRD_BE = {"is": "are", "was": "were", "has": "have", "does": "do"}
_TOKEN_RE = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?|[^A-Za-z]+")
# Words after which the customer's "you" is an object ("they sent you" -> "sent us" is rare in complaints,
# but "you charged me" -> "we charged you" is common), so "you" becomes "us" only after these.
_OBJECT_BEFORE = frozenset({
    "to", "with", "from", "for", "at", "by", "of", "about", "contacted", "emailed", "called", "told", "asked",
    "paid", "sent", "gave", "trust", "trusted", "than", "like", "and",
})


def _match_case(word: str, template: str) -> str:
    return word[:1].upper() + word[1:] if template[:1].isupper() else word


def to_second_person(text: str, *, third_person: bool = False) -> str:
    """Swap the customer's "I/my/we" for "you/your" and their "you/your" (the business) for "we/our".

    "I was charged twice by you" -> "you were charged twice by us"; "The customer's parcel is late" ->
    "your parcel is late". Words that are not pronouns are left as they are.
    third_person: also read "they/them/their" as the customer (the summary's voice): "They were charged
    twice" -> "You were charged twice".
    """
    tokens = _TOKEN_RE.findall(text)
    out: list[str] = []
    previous_word = ""
    swapped_subject = False  # the last word was a pronoun now "you" (for "am/was/is" agreement)
    for token in tokens:
        if not token[:1].isalpha():
            out.append(token)
            continue
        low = token.lower().replace("’", "'")
        new = token
        if low == "you":
            new = "us" if previous_word in _OBJECT_BEFORE else "we"
        elif low in _SECOND_TO_BUSINESS:
            new = _SECOND_TO_BUSINESS[low]
        elif low in _FIRST_TO_SECOND:
            new = _FIRST_TO_SECOND[low]
        elif third_person and low in _THIRD_TO_SECOND:
            new = _THIRD_TO_SECOND[low]
        elif swapped_subject and low in _BE_AFTER_I:
            new = _BE_AFTER_I[low]
        swapped_subject = low in {"i", "we", "you"}
        if new is not token:
            at_start = not "".join(out).strip() or "".join(out).rstrip().endswith((".", "!", "?"))
            new = _match_case(new, token) if low != "i" else (new.capitalize() if at_start else new)
        out.append(new)
        previous_word = low
    result = _CUSTOMER_RE.sub(
        lambda m: _match_case("your" if m.group().lower().endswith("'s") else "you", m.group()), "".join(out))
    # "you" from "the customer" before a third-person verb: "you has" -> "you have".
    return re.sub(r"\b([Yy]ou) (is|was|has|does)\b", lambda m: f"{m.group(1)} {_THIRD_BE[m.group(2)]}", result)


def as_clause(sentence: str, *, third_person: bool = False) -> str:
    """A summary sentence as a clause to follow "that": lower-case start, no closing punctuation.

    "My order has not arrived." -> "your order has not arrived"; with `third_person`, "The order has not
    arrived." -> "your order has not arrived". Returns "" for empty input.
    """
    text = to_second_person(sentence.strip(), third_person=third_person).strip()
    if third_person:
        text = _THEIR_THING_RE.sub(lambda m: f"your {m.group(1)}", text)
    text = text.rstrip(" .!?;:")
    if not text:
        return ""
    first = text.split(" ", 1)[0]
    if first.isupper() and len(first) > 1:  # an acronym or an order code: keep it
        return text
    return text[:1].lower() + text[1:]
