"""Dismissive phrases: telling the customer to calm down, or that nothing can be done.

Why: every posture comes with a remedy inside the agent's authority, so "there is nothing we can do" is
never true, and "calm down" never calmed anyone.
"""
from __future__ import annotations

from poise.tone.flags import Context, Flag, PhraseRule, compile_rules, scan

_REASON = "This brushes the customer off; it tells them their problem is not worth our effort."
_OFFER = "Say what you can do: \"Here's what I can do today: ...\""

RULES = compile_rules([
    PhraseRule("dismissive", r"\b(?:calm|settle) down\b", "Telling an upset customer to calm down belittles "
               "their feelings and usually makes them angrier.",
               "Acknowledge the feeling instead: \"I can see why this is so frustrating.\""),
    PhraseRule("dismissive", r"\b(?:there(?:'s| is) )?(?:nothing|not much|not a lot) (?:more |else )?(?:that )?"
               r"(?:we|i) can do\b", _REASON, _OFFER),
    PhraseRule("dismissive", r"\bthere(?:'s| is) nothing (?:more |else )?to be done\b", _REASON, _OFFER),
    PhraseRule("dismissive", r"\b(?:we|i) can(?:'t|not) do anything\b", _REASON, _OFFER),
    PhraseRule("dismissive", r"\bthat(?:'s| is) (?:just )?(?:the|our) (?:policy|rules?)(?:,? (?:i'?m afraid|sorry))?[.!]",
               "Quoting policy as the whole answer shuts the customer down.",
               "Explain the policy in a sentence and offer what you can: \"We can't refund opened software, "
               "but I can ...\""),
    PhraseRule("dismissive", r"\bthat(?:'s| is) just (?:the |our )?polic(?:y|ies)\b",
               "Quoting policy as the whole answer shuts the customer down.",
               "Explain why the policy exists and offer what you can."),
    PhraseRule("dismissive", r"\b(?:rules are rules|policy is policy|it is what it is)\b", _REASON, _OFFER),
    PhraseRule("dismissive", r"\bi (?:don'?t|do not) know what (?:else )?(?:you want|to tell you|you expect)\b",
               _REASON, "Ask instead: \"How can we make this right for you?\""),
    PhraseRule("dismissive", r"\bnot my (?:problem|department|job|responsibility)\b", _REASON,
               "Take it on: \"I'll make sure this gets sorted.\""),
    PhraseRule("dismissive", r"\byou(?:'ll| will) (?:just )?have to (?:deal|live) with it\b", _REASON, _OFFER),
    PhraseRule("dismissive", r"\bdeal with it\b", _REASON, _OFFER),
    PhraseRule("dismissive", r"\btake it or leave it\b", _REASON, _OFFER),
    PhraseRule("dismissive", r"\bno need to (?:get )?(?:so )?(?:upset|angry|worked up|emotional|dramatic)\b",
               "This tells the customer their feelings are wrong.",
               "Acknowledge them: \"I understand why you're upset.\""),
    PhraseRule("dismissive", r"\byou(?:'re| are) (?:over-?reacting|being (?:dramatic|unreasonable))\b",
               "This tells the customer their feelings are wrong.",
               "Acknowledge them: \"I understand why you're upset.\""),
    PhraseRule("dismissive", r"\b(?:we|i) can(?:'t|not) help you\b", _REASON, _OFFER),
    PhraseRule("dismissive", r"\bwhat (?:else )?do you expect\b", _REASON, "Ask: \"What would make this right?\""),
    PhraseRule("dismissive", r"\b(?:it'?s|this is) not (?:a|that) big (?:of a )?deal\b", _REASON,
               "Take it seriously: \"I understand this matters.\""),
    PhraseRule("dismissive", r"\byou(?:'ll| will) just have to wait\b", _REASON,
               "Give a date: \"It will arrive by Friday; I'll check on Thursday.\""),
])


def check(text: str, ctx: Context) -> list[Flag]:
    """Flag dismissive phrases ("calm down", "nothing we can do", "that's just policy")."""
    return scan(text, RULES)
