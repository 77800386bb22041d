"""Excuses: our busyness, volumes, or "not our fault" offered instead of a fix.

Why: the customer does not care how busy we are; an excuse reads as "your problem matters less than ours".
"""
from __future__ import annotations

from poise.tone.flags import Context, Flag, PhraseRule, compile_rules, scan

_REASON = "An excuse tells the customer our problems matter more than theirs."
_FIX = "Skip the reason and say what you are doing and when: \"I've sent it today; it arrives Friday.\""

RULES = compile_rules([
    PhraseRule("excuse", r"\bwe(?:'re| are|'ve been| have been) (?:very |extremely |really |so |incredibly )?"
               r"(?:busy|swamped|short[- ]staffed|understaffed|overwhelmed)\b", _REASON, _FIX),
    PhraseRule("excuse", r"\bwe(?:'re| are) (?:only|just) a (?:small|tiny) (?:team|business|company|shop)\b", _REASON,
               _FIX),
    PhraseRule("excuse", r"\bdue to (?:(?:an? )?(?:unusually |extremely |very )?(?:high|unprecedented|increased|heavy|"
               r"large) (?:number of |volumes? of )?(?:calls?|e-?mails?|orders?|contacts?|requests?|tickets?|volumes?|demand))",
               _REASON, _FIX),
    PhraseRule("excuse", r"\b(?:(?:it|this|that)(?:'s| is| was) )?not our fault\b", _REASON,
               "Own the fix even if the cause was elsewhere: \"I'm sorry this happened. Here's what I've done.\""),
    PhraseRule("excuse", r"\b(?:beyond|outside (?:of )?) our control\b", _REASON, _FIX),
    PhraseRule("excuse", r"\bout of our hands\b", _REASON, _FIX),
    PhraseRule("excuse", r"\b(?:these things|mistakes|delays|accidents|errors) happen\b|\b(?:it|stuff|that) happens(?=[.!])", _REASON,
               "Acknowledge it instead: \"This shouldn't have happened.\""),
    PhraseRule("excuse", r"\bwe(?:'re| are) (?:all )?only human\b", _REASON, "Own it: \"We made a mistake.\""),
    PhraseRule("excuse", r"\bstaff(?:ing)? shortages?\b", _REASON, _FIX),
    PhraseRule("excuse", r"\bwe(?:'ve| have) (?:had|been getting) (?:so many|a lot of|lots of|many) "
               r"(?:orders|e-?mails|calls|tickets|requests)\b", _REASON, _FIX),
])


def check(text: str, ctx: Context) -> list[Flag]:
    """Flag excuses: busyness, volumes, "not our fault", "these things happen"."""
    return scan(text, RULES)
