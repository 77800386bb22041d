"""Pure text helpers the fact checkers share: which order a message names, and which topic it is about.

Kept apart from the database code so they can be tested on plain strings and reused by any checker.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

# "order 1042", "order #A-1042", "#1042", "order no. 1042", "ord-77" -- a token with at least one digit.
_ORDER_REF = re.compile(
    r"(?:\border\s*(?:no\.?|number|num|nr\.?|#|id)?\s*[:#]?\s*|#)([A-Za-z]{0,6}-?\d[\w-]{0,20})", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")

# Words that say nothing about a topic ("you never sent me the ..."): dropped before comparing.
STOPWORDS: frozenset[str] = frozenset({
    "a", "about", "after", "again", "all", "also", "an", "and", "any", "anyone", "anything", "are", "as",
    "at", "back", "be", "been", "before", "bought", "but", "buy", "by", "can", "could", "day", "days",
    "dear", "did", "didnt", "do", "does", "dont", "email", "emailed", "even", "ever", "first", "for",
    "from", "get", "got", "had", "has", "have", "hello", "hi", "how", "i", "im", "in", "info", "inform",
    "information", "informed", "into", "is", "it", "item", "items", "its", "ive", "just", "knew", "know",
    "last", "let", "like", "made", "mail", "mailed", "make", "me", "message", "much", "my", "need", "needs",
    "never", "no", "nobody", "not", "nothing", "now", "of", "ok", "okay", "on", "one", "or", "order",
    "orders", "our", "people", "please", "product", "products", "purchase", "purchased", "really",
    "regards", "send", "sending", "sent", "should", "so", "some", "still", "tell", "than", "thank",
    "thanks", "that", "the", "their", "them", "then", "there", "these", "they", "this", "time", "to",
    "today", "told", "too", "up", "us", "use", "used", "using", "very", "want", "was", "we", "week",
    "weeks", "were", "what", "when", "where", "which", "who", "why", "will", "with", "would", "yesterday",
    "you", "your", "yours",
})

# A few spelling variants and synonyms so "instalation" meets "install" and "manual" meets "instructions".
_STEMS: tuple[tuple[str, str], ...] = (
    ("instal", "install"), ("setup", "setup"), ("set", "setup"), ("manual", "instructions"),
    ("instruction", "instructions"), ("guide", "instructions"), ("howto", "instructions"),
    ("warrant", "warranty"), ("garant", "warranty"), ("refund", "refund"), ("return", "return"),
    ("deliver", "delivery"), ("shipp", "delivery"), ("dispatch", "delivery"), ("track", "tracking"),
    ("password", "password"), ("login", "login"), ("log", "login"), ("sign", "login"),
    ("subscri", "subscription"), ("renew", "renewal"), ("cancel", "cancel"), ("price", "price"),
    ("pric", "price"), ("fee", "fee"), ("charg", "charge"), ("invoic", "invoice"), ("bill", "invoice"),
    ("recall", "recall"), ("safety", "safety"), ("clean", "cleaning"), ("descal", "descaling"),
    ("updat", "update"), ("upgrad", "update"), ("firmware", "update"), ("batter", "battery"),
    ("appoint", "appointment"), ("book", "booking"), ("reschedul", "reschedule"),
    ("clos", "closure"), ("holiday", "closure"), ("maint", "maintenance"), ("outage", "maintenance"),
    ("downtime", "maintenance"), ("polic", "policy"), ("term", "terms"), ("size", "size"),
    ("sizing", "size"), ("fit", "size"), ("wash", "care"), ("care", "care"),
)


def order_refs(text: str) -> list[str]:
    """Order numbers named in a message, in order of appearance, without duplicates.

    >>> order_refs("Order #A-1042 never came, and order 1043 neither")
    ['A-1042', '1043']
    """
    seen: list[str] = []
    for match in _ORDER_REF.finditer(text):
        ref = match.group(1).strip("-")
        if ref and ref.upper() not in {s.upper() for s in seen}:
            seen.append(ref)
    return seen


def same_ref(a: str, b: str) -> bool:
    """Whether two order references name the same order ("#A-1042", "a1042" and "1042" match "A-1042")."""
    def norm(s: str) -> str:
        return re.sub(r"[^a-z0-9]", "", s.lower())
    na, nb = norm(a), norm(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    digits_a, digits_b = re.sub(r"\D", "", na), re.sub(r"\D", "", nb)
    return bool(digits_a) and digits_a == digits_b and (na.isdigit() or nb.isdigit())


def keywords(text: str) -> set[str]:
    """Content words of a text, lowered, stopwords dropped, spelling variants folded to one stem."""
    out: set[str] = set()
    for word in _WORD.findall(text.lower()):
        if word in STOPWORDS or len(word) < 3:
            continue
        out.add(_fold(word))
    return out


def _fold(word: str) -> str:
    for prefix, stem in _STEMS:
        if word.startswith(prefix):
            return stem
    for suffix in ("ing", "ed", "es", "e", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def topic_overlap(claim_text: str, topic_texts: Iterable[str]) -> set[str]:
    """Keywords a claim shares with a communication's topics and subject (empty: not the same topic)."""
    claim = keywords(claim_text)
    other: set[str] = set()
    for t in topic_texts:
        other |= keywords(t)
    return claim & other
