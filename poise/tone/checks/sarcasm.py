"""Sarcasm: "thanks SO much", "obviously", "good luck with that".

Why: sarcasm is contempt the writer can deny; the customer always hears it.
"""
from __future__ import annotations

from poise.tone.flags import Context, Flag, PhraseRule, compile_rules, scan

_REASON = "This reads as sarcastic: the customer will hear contempt, whatever was meant."
_PLAIN = "Say it plainly, without the edge."

RULES = compile_rules([
    PhraseRule("sarcasm", r"\b(?:[Tt]hanks?|[Tt]hank you) (?:SO+|VERY|REALLY|SOOO*) (?:much|MUCH)\b",
               "Shouting the thanks makes it sound sarcastic.", "Thanks for waiting.", case_sensitive=True),
    PhraseRule("sarcasm", r"\bobviously\b", "\"Obviously\" implies the customer should have known; it sounds "
               "condescending.", "Drop the word and state the fact."),
    PhraseRule("sarcasm", r"\b(?:clearly,? you|you clearly|as is clearly)\b",
               "\"Clearly you ...\" sounds condescending.", _PLAIN),
    PhraseRule("sarcasm", r"\bgood luck with that\b", _REASON, "Offer help: \"Here's how I can help with that.\""),
    PhraseRule("sarcasm", r"\bas (?:anyone|everyone|any(?:body| child)|even a child) (?:can|could|would) "
               r"(?:see|tell|understand)\b", "This implies the customer is slow.", "State the fact on its own."),
    PhraseRule("sarcasm", r"\b(?:nice try|sure you did|of course you did|what a surprise|funny how|newsflash|"
               r"heaven forbid|big surprise|who would have thought|if you (?:had )?bothered)\b", _REASON, _PLAIN),
    PhraseRule("sarcasm", r"\bi'?m sure you(?:'ll| will| can) (?:figure|work) it out\b", _REASON,
               "Offer the steps: \"Here's exactly how to do it: ...\""),
    PhraseRule("sarcasm", r"\b(?:it'?s|it is|this is|this isn'?t|it isn'?t) not rocket science\b",
               "This implies the customer is slow.", "Give the steps, one per line."),
    PhraseRule("sarcasm", r"\b(?:oh,? )?(?:wow|great|brilliant|wonderful|fantastic),? (?:another|so now|now you)\b",
               _REASON, _PLAIN),
    PhraseRule("sarcasm", r"\bbelieve it or not\b", _REASON, _PLAIN),
    PhraseRule("sarcasm", r"\b(?:reading|instructions) (?:is|are) (?:hard|difficult)\b", _REASON,
               "Give the steps, one per line."),
])


def check(text: str, ctx: Context) -> list[Flag]:
    """Flag sarcastic phrases."""
    return scan(text, RULES)
