"""What every fact checker needs: which claims a message makes, which order it is about, dates and money
written the way a reply says them.

Claims come from the Reading; where the claim model missed one, a few plain phrases stand in, so a claim in
the customer's words ("my parcel never came") is still checked against the record.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from poise.facts.match import keywords, order_refs, same_ref
from poise.reading.reading import Claim, Reading
from poise.store.models import Customer, Order
from poise.store.queries import customer_orders

INTENT_MIN_CONFIDENCE = 0.5
"""An intent counts as a signal for choosing which facts to check at or above this confidence."""

# Plain phrases that make a claim when the claim model has not marked it (lower-case, matched as regex).
CLAIM_PHRASES: dict[str, tuple[str, ...]] = {
    "not_received": (
        r"never (?:arrived|came|got|received|recieved|showed|turned up)",
        (r"(?:hasn'?t|has not|havent|haven'?t|didn'?t|did not|not yet|still not|still hasn'?t|never) "
         r"(?:arrived|come|came|got it|received|recieved|get it|shown up|been delivered|turned up)"),
        r"not (?:been )?delivered",
        r"where(?:'s| is) my (?:order|parcel|package|stuff|delivery)",
        r"no sign of (?:it|my)",
        r"still no (?!reply|answer|response|refund)\w+",
        r"where is it\b",
        r"tracking (?:hasn'?t|has not|hasnt|isn'?t|not) (?:moved|updated|changed)",
        r"(?:parcel|package|order|delivery|it)(?: \w+)? (?:is|was|got|has been) lost",
    ),
    "not_informed": (
        (r"(?:never|nobody|no one|didn'?t|did not|wasn'?t|was not|not once) "
         r"(?:told|tell|informed|inform|sent|send|mentioned|said|warned|notified|explained)"),
        r"no one (?:told|said)",
        r"why wasn'?t i (?:told|informed)",
        r"nobody (?:said|mentioned)",
        r"how (?:was|am) i supposed to know",
        r"never (?:got|received|recieved) (?:any|the|an?) (?:email|instructions|manual|notice|info)",
    ),
    "defective": (
        r"\bbroken?\b", r"faulty", r"defect",
        (r"(?:doesn'?t|does not|dont|won'?t|wont|will not|stopped) (?:\w+ )?"
         r"(?:work|turn on|charge|start|switch on|power)"),
        r"\b(?:died|dead)\b", r"not working", r"falling apart", r"fell apart", r"ripped", r"\btorn\b",
        r"damaged", r"cracked", r"leak",
    ),
    "wrong_charge": (
        r"(?:charged|taken|took|billed|debited)(?: me)?(?: \S+)? (?:twice|two times|double|2x)",
        r"charged (?:me )?again", r"double[- ]?charged?", r"overcharged?", r"wrong (?:amount|charge|price)",
        r"charged (?:me )?(?:the )?wrong", r"two charges", r"charged (?:me )?\w* ?(?:more|extra)", r"taken twice",
    ),
    "already_returned": (
        r"(?:already|allready|alredy|i) (?:sent|returned|posted|shipped|mailed) (?:it|them|the \w+) back",
        r"already returned", r"sent (?:it|them) back",
        r"returned (?:it|them|the \w+) (?:\w+ )?(?:weeks?|days?|ago)",
        r"you (?:have|got|received) (?:it|them) back",
    ),
    "promised_by_staff": (
        (r"(?:you|your \w+|he|she|they|someone|agent|staff)(?: \w+)? "
         r"(?:promised|said (?:you|it|they|i) would|told me (?:it|you|i|they)'?d?|assured)"),
        r"was promised", r"were promised", r"promised (?:me|a|my|to)",
    ),
    "repeated_contact": (
        r"(?:second|2nd|third|3rd|fourth|4th|fifth|5th|\d+(?:st|nd|rd|th)?) (?:time|email|message|attempt)",
        (r"(?:emailed|written|wrote|called|messaged|contacted) (?:you )?(?:\w+ )?"
         r"(?:twice|three times|\d+ times|again|several times|multiple times)"),
        r"still (?:no|waiting|nothing)",
        r"no (?:one|body) (?:has )?(?:answered|replied|responded|got back)",
    ),
}
CLAIM_PATTERNS: dict[str, tuple[re.Pattern[str], ...]] = {
    kind: tuple(re.compile(p, re.IGNORECASE) for p in phrases) for kind, phrases in CLAIM_PHRASES.items()}


def claims_of(reading: Reading, *kinds: str) -> list[Claim]:
    """The message's claims of these kinds: the Reading's own, or one found by a plain phrase if it has none."""
    found = [c for c in reading.claims if c.kind in kinds]
    have = {c.kind for c in found}
    for kind in kinds:
        if kind in have:
            continue
        for pattern in CLAIM_PATTERNS.get(kind, ()):
            m = pattern.search(reading.text)
            if m:
                found.append(Claim(kind, (m.start(), m.end()), m.group(0)))
                break
    return found


def intent_is(reading: Reading, *labels: str) -> bool:
    """Whether the Reading's intent is one of `labels` with at least INTENT_MIN_CONFIDENCE."""
    return reading.intent.label in labels and reading.intent.confidence >= INTENT_MIN_CONFIDENCE


def mentions(text: str, *patterns: str) -> bool:
    """Whether the text matches any of these regular expressions (case-insensitive)."""
    return any(re.search(p, text, re.IGNORECASE) for p in patterns)


def sentence_around(text: str, span: tuple[int, int]) -> str:
    """The sentence (or line) that holds the span: the words a claim's topic is taken from."""
    start, end = span
    left = max(text.rfind(c, 0, start) for c in ".!?\n")
    rights = [i for i in (text.find(c, end) for c in ".!?\n") if i != -1]
    return text[left + 1: min(rights) if rights else len(text)].strip()


_TOPIC_LEAD = re.compile(r"^(?:\W*(?:me|us|you|i|about|that|the|a|an|any|of|on|how|why|when|what|this)\b)+",
                         re.IGNORECASE)


def topic_phrase(text: str, claim_end: int, max_words: int = 6) -> str:
    """The words after a claim ("nobody told me | the price was changing") as a short readable topic."""
    rest = re.split(r"[.!?\n]", text[claim_end:], maxsplit=1)[0]
    rest = _TOPIC_LEAD.sub("", rest.strip()).strip(" ,;:-")
    return " ".join(rest.split()[:max_words])


def order_refs_of(reading: Reading) -> list[str]:
    """Order numbers the message names: the Reading's `extra["order_refs"]` if set, else found in the text."""
    refs = reading.extra.get("order_refs") if reading.extra else None
    if isinstance(refs, list) and refs:
        return [str(r) for r in refs]
    return order_refs(reading.text)


CACHE_KEY = "poise.facts.cache"
"""Key of the per-run cache check_facts keeps in `session.info` (removed when the run ends)."""


def orders_until(session: Session, customer: Customer, now: datetime) -> list[Order]:
    """The customer's orders placed by `now`, oldest first; loaded once per check_facts run, not per checker."""
    cache = session.info.get(CACHE_KEY)
    key = ("orders", customer.id, now)
    if cache is not None and key in cache:
        return list(cache[key])
    found = [o for o in customer_orders(session, customer) if o.ordered_at <= now]
    if cache is not None:
        cache[key] = found
    return list(found)


def pick_order(orders: Sequence[Order], reading: Reading,
               relevant: Callable[[Order], bool] | None = None) -> Order | None:
    """Which order a claim refers to: the one the message names, else the one whose products it names,
    else the most recent relevant one (None when the customer has no such order).
    """
    for ref in order_refs_of(reading):
        for order in orders:
            if same_ref(ref, order.external_id):
                return order
    pool = [o for o in orders if relevant is None or relevant(o)]
    if not pool:
        return None
    words = keywords(reading.text)
    def score(order: Order) -> tuple[int, datetime]:
        names: set[str] = set()
        for item in order.items:
            names |= keywords(item.product.name) | keywords(item.product.category or "")
        return len(words & names), order.ordered_at
    return max(pool, key=score)


def fmt_date(when: datetime, now: datetime) -> str:
    """A date as a reply writes it: "3 March", with the year only when it is not this year."""
    text = f"{when.day} {when.strftime('%B')}"
    return text if when.year == now.year else f"{text} {when.year}"


_SYMBOLS = {"USD": "$", "CAD": "$", "AUD": "$", "NZD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}


def money(cents: int, currency: str = "USD") -> str:
    """Money as a customer reads it: 2400 USD -> "$24.00", 500 SEK -> "5.00 SEK"."""
    amount = f"{cents // 100:,}.{cents % 100:02d}"
    symbol = _SYMBOLS.get(currency.upper())
    return f"{symbol}{amount}" if symbol else f"{amount} {currency.upper()}"


def quote(text: str | None, limit: int = 120) -> str:
    """A short quote of a record's text, cut at a word boundary."""
    clean = " ".join((text or "").split())
    if len(clean) <= limit:
        return clean
    return clean[:limit].rsplit(" ", 1)[0] + "…"


def steps_from(text: str | None, limit: int = 6) -> list[str]:
    """Numbered or bulleted steps in a text we sent ("1. Hold the button"), or its sentences if none.

    A greeting ("Hi Ann,") and sign-off sentences are left out; each step starts with a capital letter.
    """
    body = re.sub(r"^\s*(?:hi|hello|hey|dear)\b[^,\n]{0,40}[,\n]\s*", "", text or "", flags=re.IGNORECASE)
    lines = [ln.strip() for ln in body.splitlines()]
    steps = [re.sub(r"^(?:\d+[.)]|[-*•])\s*", "", ln) for ln in lines if re.match(r"^(?:\d+[.)]|[-*•])\s+", ln)]
    if not steps:
        sentences = re.split(r"(?<=[.!?])\s+", " ".join(lines))
        steps = [s for s in sentences if len(s.split()) >= 3 and not re.match(
            r"^(?:thanks|thank you|best|regards|cheers|sorry|we'?re sorry|i'?m sorry)\b", s, re.IGNORECASE)]
    return [s[0].upper() + s[1:].rstrip(".") for s in steps[:limit] if s]


def order_data(order: Order) -> dict[str, object]:
    """The order fields every order fact carries in `data` (triage passes the total to the posture)."""
    return {"order": order.external_id, "order_total_cents": order.total_cents, "currency": order.currency}


def dedupe(items: Iterable[str]) -> list[str]:
    """Items in first-seen order without repeats."""
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)
