"""Firmness: in a firm posture, no hedging, one apology at most, no promise beyond the agent's authority;
in every posture, no "let me get my manager".

Why: HOLD_POLICY, STATE_FACTS, GUIDE_FIRMLY, SET_BOUNDARY and PART_WAYS replies must not invite the
exception they refuse ("maybe we could...", "I'll see what I can do"), and piling up apologies reads as
guilt. A refund above the agent's authority is a promise the business may not keep, in any posture, so
that check runs whenever `authority_cents` is known. The agent already holds the remedy its authority
allows (issue 3), so "let me get my manager" only tells the customer this agent can't help.
"""
from __future__ import annotations

import re

from poise.tone.flags import Context, Flag, PhraseRule, compile_rules, lowercase, scan

HEDGING = compile_rules([
    PhraseRule("hedging", r"\b(?:make|making|made) (?:an|one|a one-off|a special) exception\b",
               "Talking about an exception invites the customer to push for one.",
               "State the decision kindly and once: \"This item can't be refunded, but I can ...\"",
               unless_negated=True),
    PhraseRule("hedging", r"\bi(?:'ll| will) (?:see|check) what (?:i|we) can do\b",
               "This promises a possible exception and sets up a second disappointment.",
               "Say what you can do now: \"Here's what I can offer: ...\""),
    PhraseRule("hedging", r"\b(?:perhaps|maybe)\b", "Hedging in a firm reply suggests the answer could change.",
               "Say it plainly: \"We can't ...\" / \"Please ...\"", unless_negated=False),
    PhraseRule("hedging", r"\b(?:normally|usually|generally|technically) (?:we|i) (?:don'?t|do not|wouldn'?t|"
               r"would not|can'?t|cannot)\b[^.!?]{0,60}\bbut\b",
               "\"Normally we don't, but\" tells the customer the rule bends if they push.",
               "State the rule without the opening: \"Opened software can't be returned.\""),
    PhraseRule("hedging", r"\b(?:just this once|this one time|as a one-off)\b",
               "A one-off exception in a firm reply teaches the customer that pushing works.",
               "Hold the line kindly and offer what policy allows."),
    PhraseRule("hedging", r"\b(?:i|we) might be able to\b|\blet me see if (?:i|we) can\b|"
               r"\bi(?:'ll| will) (?:try|ask|see) (?:to see )?(?:if|whether) (?:we|i|they) can\b|"
               r"\bno promises,? but\b|\bwe (?:might|may) (?:be able to )?(?:consider|reconsider)\b",
               "This hints the answer might change, which invites the customer to push.",
               "Give the answer now: \"Here's what I can do: ...\""),
])
GUARANTEES = compile_rules([
    PhraseRule("beyond_authority", r"\b(?:i|we) (?:can )?(?:personally )?guarantee\b|\bi promise (?:you(?:'ll| will)|"
               r"that you(?:'ll| will)|to get you|you a)\b|\byou(?:'ll| will) definitely (?:get|receive)\b",
               "A guarantee in a firm reply promises what the agent can't control or the policy doesn't allow.",
               "Promise only what you have done or will do: \"I've sent ...; it arrives by Friday.\""),
])
MANAGER = compile_rules([
    PhraseRule("manager_handoff", r"\b(?:let me|i(?:'ll|'d| will| would| must| need to| have to)(?: (?:need|have) to)?|"
               r"you(?:'ll| will|'d| would)? (?:need|have) to|you can|you could)"
               r" (?:go and )?(?:get|fetch|grab|ask|check with|speak (?:to|with)|talk (?:to|with)|"
               r"escalate (?:this|it|your \w+) to|pass (?:this|you|it) (?:on )?to|transfer you to|put you through to|"
               r"run (?:this|it) by) (?:my|a|the|our) (?:manager|supervisor|boss|team lead(?:er)?|line manager)\b|"
               r"\babove my pay grade\b|\bi(?:'m| am) not (?:allowed|authori[sz]ed|able) to (?:decide|approve)\b",
               "Handing off to a manager tells the customer this agent can't help; the agent already holds the "
               "remedy its authority allows.",
               "Offer the remedy yourself: \"I can refund this for you now.\""),
])
_APOLOGY_RE = re.compile(r"\b(?:sorry|apologi[sz]e[sd]?|apologies|apology|(?:i|we) regret)\b")
_MONEY_RE = re.compile(
    r"[£$€]\s?(?P<a>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<c>\d{2}))?\b|"
    r"\b(?P<b>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<d>\d{2}))?\s?(?:pounds|dollars|euros|gbp|usd|eur)\b",
    re.IGNORECASE)
_REMEDY_RE = re.compile(r"\b(?:refund\w*|credit\w*|compensat\w*|reimburs\w*|money back|pay you|voucher|goodwill|"
                        r"gesture|give you|send you|(?:back )?to your (?:card|account))\b")
_SENTENCE_EDGE_RE = re.compile(r"[.!?\n]")
# A refund already paid, with its date, is a fact from the record ("We refunded $89.00 for order F-1 on 11 March"),
# not an offer: no authority is needed to state it. A refund made now ("I've refunded £120 today") or offered
# ("we will refund") still needs it.
_PAID_REMEDY_RE = re.compile(r"\b(?:we|i)\s+(?:already\s+)?(?:refunded|credited|reimbursed|paid\s+back)\b"
                             r"|\bwas\s+(?:refunded|credited|reimbursed)\b")
_PAST_DATE_RE = re.compile(r"\bon\s+\d{1,2}\s+(?:january|february|march|april|may|june|july|august|september"
                           r"|october|november|december)\b")
_NOW_OR_OFFER_RE = re.compile(r"\b(?:today|now|just|will|can|could|would|offer\w*|happy\s+to|let\s+me|i'll|we'll"
                              r"|i've|we've)\b")


def check_hedging(text: str, ctx: Context) -> list[Flag]:
    """Firm postures only: flag hedging that invites an exception."""
    return scan(text, HEDGING) if ctx.firm else []


def check_apologies(text: str, ctx: Context) -> list[Flag]:
    """Firm postures only: flag every apology after the first."""
    if not ctx.firm:
        return []
    extra = list(_APOLOGY_RE.finditer(lowercase(text)))[1:]
    return [Flag("over_apologising", (m.start(), m.end()),
                 "More than one apology in a firm reply reads as guilt and weakens the decision.",
                 "Keep one apology, at the start, and remove the others.") for m in extra]


def check_authority(text: str, ctx: Context) -> list[Flag]:
    """Flag refunds or credits above `authority_cents` (any posture), and guarantees (firm postures)."""
    flags = scan(text, GUARANTEES) if ctx.firm else []
    if ctx.authority_cents is None:
        return flags
    limit = ctx.authority_cents
    for m in _MONEY_RE.finditer(text):
        whole = (m.group("a") or m.group("b")).replace(",", "")
        cents = int(whole) * 100 + int(m.group("c") or m.group("d") or 0)
        sentence = _sentence_around(text, m.start(), m.end()).lower()
        if cents <= limit or not _REMEDY_RE.search(sentence):
            continue
        if _PAID_REMEDY_RE.search(sentence) and _PAST_DATE_RE.search(sentence) and not _NOW_OR_OFFER_RE.search(
                sentence):
            continue  # a refund made earlier, stated from the record
        flags.append(Flag("beyond_authority", (m.start(), m.end()),
                          f"{m.group().strip()} is above the {limit / 100:.2f} this agent may offer without a manager.",
                          f"Offer up to {limit / 100:.2f}, or what policy allows, and say when it will arrive."))
    return flags


def _sentence_around(text: str, start: int, end: int) -> str:
    before = [m.end() for m in _SENTENCE_EDGE_RE.finditer(text, 0, start)]
    after = _SENTENCE_EDGE_RE.search(text, end)
    return text[before[-1] if before else 0:after.start() if after else len(text)]


def check_manager(text: str, ctx: Context) -> list[Flag]:
    """All postures: flag handing the customer off to a manager."""
    return scan(text, MANAGER)


def check(text: str, ctx: Context) -> list[Flag]:
    """All firmness checks (each knows which postures it applies to)."""
    return check_hedging(text, ctx) + check_apologies(text, ctx) + check_authority(text, ctx) + check_manager(text, ctx)
