"""Robotic boilerplate: phrases every customer has read a hundred times and no person says.

Why: boilerplate tells the customer nobody read their message (seeds: detached, robotic service is what
drives people away). A plain sentence about their case does the same job.
"""
from __future__ import annotations

from poise.tone.flags import Context, Flag, PhraseRule, compile_rules, scan

_REASON = "Stock phrase: it sounds like a form letter, as if nobody read the customer's message."
_INCONVENIENCE = ("A stock apology for \"any inconvenience\" sounds like a form letter and doubts the problem "
                  "was real.")
_SORRY = "Say what went wrong, plainly: \"I'm sorry your order arrived late.\""
_CAUSED = r"(?: (?:this|that|it|which) (?:may|might|could) have caused(?: you)?| caused)?"

RULES = compile_rules([
    PhraseRule("robotic", r"\b(?:we|i) (?:sincerely |deeply |do )?(?:apologi[sz]e|are sorry|'re sorry|am sorry|'m sorry)"
               r" for any (?:inconvenience|trouble|disruption|frustration)" + _CAUSED, _INCONVENIENCE, _SORRY),
    PhraseRule("robotic", r"\b(?:(?:our )?(?:sincere )?apologies|sorry) for any (?:inconvenience|trouble|disruption)"
               + _CAUSED, _INCONVENIENCE, _SORRY),
    PhraseRule("robotic", r"\bapologi[sz]e for the inconvenience" + _CAUSED, _INCONVENIENCE, _SORRY),
    PhraseRule("robotic", r"\bthe inconvenience (?:this|that|it) (?:may|might|could) have caused\b",
               _INCONVENIENCE, _SORRY),
    PhraseRule("robotic", r"\byour (?:call|e-?mail|business|custom|satisfaction|query|enquiry|inquiry|feedback) "
               r"is (?:very |extremely |really )?important to us\b", _REASON,
               "Show it instead: answer their question in the first line."),
    PhraseRule("robotic", r"\bwe value your (?:feedback|business|custom|patience|input|loyalty)\b", _REASON,
               "Thank them for the specific thing: \"Thank you for telling us about the missing part.\""),
    PhraseRule("robotic", r"\b(?:please )?(?:do not|don't) hesitate to (?:contact|reach out|get in touch|call|ask)"
               r"(?: (?:to |with )?(?:us|me))?\b", _REASON, "Be specific: \"Just reply to this email.\""),
    PhraseRule("robotic", r"\bwe regret to inform you\b", _REASON, "Say it plainly: \"I'm sorry, but ...\""),
    PhraseRule("robotic", r"\b(?:please|kindly) (?:be advised|note) that\b", _REASON, "Drop it and say the fact."),
    PhraseRule("robotic", r"\bthank you for (?:contacting|reaching out to) (?:customer (?:service|support|care)|"
               r"(?:our|the) (?:customer )?(?:service|support|care) (?:team|department))\b", _REASON,
               "Thank them for the specific thing: \"Thanks for letting us know about the late delivery.\""),
    PhraseRule("robotic", r"\b(?:we|i) (?:appreciate|thank you for) your (?:patience and understanding|"
               r"understanding in this matter|continued patience)\b", _REASON,
               "Thank them for something real: \"Thanks for waiting while I checked.\""),
    PhraseRule("robotic", r"\bin accordance with (?:our|the) (?:policy|policies|terms(?: and conditions)?)\b",
               _REASON, "Say the rule in plain words: \"We refund within 30 days.\""),
    PhraseRule("robotic", r"\bwe (?:are committed to|strive to) (?:providing|provide|deliver|delivering|ensure|ensuring)"
               r"(?: (?:the|an?) )?(?:highest|best|excellent|exceptional|outstanding|great)?",
               _REASON, "Drop the slogan and say what you did for this customer."),
    PhraseRule("robotic", r"\bwe hope this (?:e-?mail|message) finds you well\b", _REASON,
               "Start with their problem."),
])


def check(text: str, ctx: Context) -> list[Flag]:
    """Flag stock customer-service phrases no person would say."""
    return scan(text, RULES)
