"""Defensive phrases: reminding the customer they were already told ("as I said", "per my last email").

Why: the seeds' first lesson. A customer who missed information we sent gets it again, kindly; pointing at
the earlier message makes them feel stupid and turns a question into a fight.
"""
from __future__ import annotations

from poise.tone.flags import Context, Flag, PhraseRule, compile_rules, scan

_REASON = "Reminding the customer they were already told sounds defensive and makes them feel foolish."
_FIX = "Drop it and give the information again, kindly: \"Here are the steps again:\""

RULES = compile_rules([
    PhraseRule("defensive", r"\bas (?:i|we) (?:have |'ve )?(?:already |previously |clearly )?"
               r"(?:said|told you|explained|mentioned|stated|pointed out|advised)\b", _REASON, _FIX),
    PhraseRule("defensive", r"\b(?:as )?per (?:my|our) (?:last|previous|earlier) (?:e-?mail|message|reply|note|letter)\b",
               _REASON, "Drop the reference to the earlier email and restate the point in one short sentence."),
    PhraseRule("defensive", r"\b(?:you should have|if you had|had you|if you'd) (?:read|checked|looked at|followed|opened)\b",
               "Telling the customer what they should have read blames them for missing it.",
               "Say it again plainly: \"The setup steps are below.\""),
    PhraseRule("defensive", r"\bas (?:previously |already |clearly )?stated\b", _REASON,
               "Just say it: \"Our return window is 30 days.\""),
    PhraseRule("defensive", r"\blike i (?:said|mentioned|told you|explained)\b", _REASON, _FIX),
    PhraseRule("defensive", r"\bas (?:mentioned|explained|noted|advised) (?:before|previously|earlier|already)\b",
               _REASON, _FIX),
    PhraseRule("defensive", r"\bas previously (?:mentioned|explained|advised|noted)\b", _REASON, _FIX),
    PhraseRule("defensive", r"\b(?:i|we) (?:have |'ve )?already (?:told you|explained|said|answered)\b", _REASON, _FIX),
    PhraseRule("defensive", r"\bas you (?:were|have been) (?:told|advised|informed)\b", _REASON, _FIX),
    PhraseRule("defensive", r"\bfor the (?:last|second|third|fourth|final) time\b",
               "Counting how often you have explained something sounds exasperated.",
               "Explain once more, in numbered steps, without counting."),
    PhraseRule("defensive", r"\bit (?:was|is) (?:clearly |all )?(?:stated|explained|written|spelled out) in\b",
               _REASON, "Quote the part that matters: \"The guide says: ...\""),
])


def check(text: str, ctx: Context) -> list[Flag]:
    """Flag defensive reminders that the customer was already told."""
    return scan(text, RULES)
