"""Blame and finger-pointing: at the customer ("you failed to") or at someone else ("the courier messed up").

Why: the customer does not want to hear whose fault it is; they want it fixed. Blaming a colleague, the
courier or "the system" is still us to the customer (seeds: own it, no finger-pointing).
"""
from __future__ import annotations

from poise.tone.flags import Context, Flag, PhraseRule, compile_rules, scan

_AT_CUSTOMER = "This points the finger at the customer; it starts an argument instead of fixing the problem."
_AT_OTHERS = ("Blaming a colleague, the courier or a system is still us to the customer; it sounds like "
              "dodging responsibility.")
_OWN = "Own it: \"We got this wrong, and here is how I'm fixing it.\""
_PARTIES = (r"(?:courier|driver|delivery company|postal service|post office|warehouse|supplier|manufacturer|"
            r"(?:our |the )?system|colleague|other department|(?:other|billing|sales) team|agent)")

RULES = compile_rules([
    PhraseRule("blame", r"\byou failed to\b", _AT_CUSTOMER, "Say what happens next: \"The order number was "
               "missing, so here is how to add it.\""),
    PhraseRule("blame", r"\b(?:it(?:'s| is| was) )?(?:all )?your (?:own )?(?:mistake|fault|error|doing)\b(?! (?:message|code|log|screen|page))",
               _AT_CUSTOMER, "Leave fault out and say what to do: \"Here's how we put it right.\""),
    PhraseRule("blame", r"\b(?:that|this)(?:'s| is| was) on you\b", _AT_CUSTOMER,
               "Say what you can do together: \"Let's get this sorted.\""),
    PhraseRule("blame", r"\byou should have (?:known|checked|followed|looked|ordered|chosen|measured|asked|told us|"
               r"contacted|entered|paid|noticed|kept|called|been more careful)\b", _AT_CUSTOMER,
               "Say what to do now: \"Next time, choose the size from the chart below.\""),
    PhraseRule("blame", r"\byou (?:did not|didn't|never) (?:bother|read|follow|pay attention|listen)\w*\b",
               _AT_CUSTOMER, "Say what to do differently: \"Please follow steps 1 to 3 below.\""),
    PhraseRule("blame", r"\byou were supposed to\b", _AT_CUSTOMER, "Say what to do now: \"Please send ...\""),
    PhraseRule("blame", r"\byou (?:must have |obviously |clearly )?(?:broke|misused|mishandled)\b", _AT_CUSTOMER,
               "Describe the fault without a culprit: \"The screen is cracked; here are your options.\""),
    PhraseRule("blame", r"\buser error\b", _AT_CUSTOMER, "Explain the step that went wrong, kindly."),
    PhraseRule("blame", r"\byou (?:only )?have (?:only )?yourself to blame\b", _AT_CUSTOMER, _OWN),
    PhraseRule("blame", r"\b(?:because of|caused by) you\b", _AT_CUSTOMER, "Say what happened, without a culprit."),
    PhraseRule("blame", rf"\b(?:the |our |my |a )?{_PARTIES}(?:'s)? (?:messed up|screwed up|made (?:a|the|an) "
               r"(?:mistake|error)|got it wrong|is to blame|dropped the ball|lost it|did it)\b", _AT_OTHERS, _OWN),
    PhraseRule("blame", rf"\b(?:it|this|that)(?:'s| is| was) (?:the |our )?{_PARTIES}(?:'s|s')? "
               r"(?:fault|mistake|error|problem)\b", _AT_OTHERS, _OWN),
    PhraseRule("blame", rf"\bblame (?:the |our )?{_PARTIES}\b", _AT_OTHERS, _OWN),
    PhraseRule("blame", r"\bnot (?:us|me|our (?:team|doing))\b", _AT_OTHERS, _OWN),
])


def check(text: str, ctx: Context) -> list[Flag]:
    """Flag finger-pointing at the customer or at a colleague, courier, warehouse or system."""
    return scan(text, RULES)
