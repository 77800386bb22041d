"""What a reply leaves out: acknowledgement of an upset customer, a concrete next step, thanks for a complaint.

Why: the seeds' practice. An upset customer needs to feel heard before they can hear anything; every reply
should end with what happens next (an action done, a date, or exactly what to do); and a complaint is a
gift, so we thank them for it. Missing-thing flags have an empty span where the sentence should go.
"""
from __future__ import annotations

import re

from poise.posture.postures import Posture
from poise.tone.flags import Context, Flag, lowercase

_ACK_RE = re.compile(
    r"\b(?:sorry|apologi[sz]e|apologies|regret|i (?:completely |totally |fully )?understand|understandabl[ey]|"
    r"i can (?:see|imagine|understand|tell)|i hear you|i get (?:why|it|how)|i know how|"
    r"(?:that|this|it) must|(?:that|this) sounds|(?:must|would) (?:have been|be) (?:so |really |very )?"
    r"(?:frustrating|annoying|stressful|upsetting|worrying|disappointing|hard|awful|difficult)|"
    r"frustrat\w*|disappoint\w*|upset\w*|annoy\w*|stressful|worr(?:y|ied|ying)|"
    r"not (?:good enough|okay|ok|acceptable|right|fair|what you (?:expected|paid for|deserve))|"
    r"you(?:'re| are) (?:right|not wrong)|fair point|let you down|(?:should ?n[o']t|should never) have happened|"
    r"what a (?:pain|nuisance)|no fun|feel(?:ing)? (?:let down|ignored|unheard))\b")
_THANKS_RE = re.compile(r"\b(?:thank|thanks|grateful|cheers|appreciate (?:you|your|it|that|this|the|hearing|"
                        r"being told|the heads|how))\w*")

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)"
_NUM = r"(?:\d+|one|two|three|four|five|six|seven|ten|a|an|a few|24|48|72)"
# A deadline is a next step on its own ("by Friday", "within 3 days"); a plain date ("on 3 May", "today")
# only when the sentence looks ahead ("it will arrive on 3 May"), since STATE_FACTS replies cite past dates.
_DEADLINE_RE = re.compile(
    rf"\b(?:by|before|until) (?:{_DAY}|tomorrow|tonight|noon|midday|lunch(?:time)?|"
    rf"(?:the )?end of (?:the )?(?:day|week|today|month)|\d{{1,2}}(?::\d{{2}})? ?(?:am|pm)|\d{{1,2}}:\d{{2}}|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?(?: of)? {_MONTH}|{_MONTH} \d{{1,2}}|(?:the )?\d{{1,2}}(?:st|nd|rd|th))\b|"
    rf"\b(?:with)?in (?:the next )?{_NUM}(?:\s?[-–]\s?{_NUM}|(?: or| to) {_NUM})? "
    rf"(?:working |business )?(?:minutes?|hours?|days?|weeks?)\b|"
    rf"\b(?:tomorrow|tonight|this (?:afternoon|evening)|next (?:week|{_DAY})|first thing|right away|straight away)\b",
)
_DATE_RE = re.compile(
    rf"\b(?:today|this (?:morning|week)|the same day|(?:on|at|from|around|after|for) (?:{_DAY}|\d{{1,2}}(?::\d{{2}})? ?(?:am|pm)|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?(?: of)? {_MONTH}|{_MONTH} \d{{1,2}}|(?:the )?\d{{1,2}}(?:st|nd|rd|th)))\b",
)
_AHEAD_RE = re.compile(r"\b(?:will|'ll|shall|should|going to|expect|arrives?|arriving|due|scheduled|booked|"
                       r"ready|works?|starts?|renews?|leaves?|ships?|lands?)\b")
_SENTENCE_RE = re.compile(r"[^.!?\n]+")
_DONE = (r"refunded|sent|re-?sent|issued|booked|re-?booked|arranged|cancell?ed|credited|added|applied|updated|reset|"
         r"ordered|re-?ordered|processed|scheduled|reversed|replaced|fixed|changed|corrected|attached|opened|raised|"
         r"logged|emailed|texted|called|put|set up|restored|unlocked|released|shipped|dispatched|posted|waived|"
         r"removed|closed|marked|created|started|paused|upgraded|extended|reactivated|resolved|returned|asked|"
         r"contacted|passed|flagged|filed|lodged|approved|moved|stopped|blocked|switched|included|enclosed|linked|"
         r"copied|listed|written|made|given|paid|topped up|recorded|noted|shared|forwarded|escalated|requested")
_FUTURE = (r"send|re-?send|re-?issue|refund|call|ring|e-?mail|text|ship|post|replace|credit|book|arrange|collect|cancel|process|"
           r"issue|pick up|fix|repair|pay|waive|reset|unlock|restore|add|remove|close|reactivate|extend|upgrade|courier|"
           r"dispatch|deliver|swap|exchange|reverse|transfer|top up")
_DO = (r"click|tap|press|select|choose|open|go to|head to|visit|log in|sign in|enter|type|scan|print|drop|pack|attach|"
       r"measure|pick|take (?:a|the|it|them|your|photos?)|swap|close|tick|sign|stick|put|place|leave|ask|contact|write|"
       r"move|change|transfer|cancel|collect|look (?:for|in|under|at)|find|wait (?:for|until)|read (?:the|step)|"
       r"send|reply|restart|unplug|plug|hold|turn|use|follow|call|ring|bring|return|post|check|try|update|reset|"
       r"install|download|track|book|pick|fill in|upload|e-?mail|text|share|keep|switch|charge|remove|add|pop|"
       r"let (?:me|us) know (?:which|what|when|your|the|if you'd like|if you would like|whether|how)|tell (?:me|us) "
       r"(?:which|what|when|your|the|whether)")
_ACTION_RE = re.compile(
    rf"\b(?:i|we)(?:'ve| have)(?: just| already| now| also| personally| gone ahead and)? (?:{_DONE})\b|"
    rf"\b(?:i|we)(?:'ll| will| am going to|'m going to| are going to|'re going to)(?: now| also| personally| then)?"
    rf" (?:{_FUTURE})\b|"
    rf"\b(?:i'm|i am|we're|we are) (?:now )?(?:sending|refunding|shipping|posting|replacing|arranging|booking|issuing|"
    rf"crediting|cancell?ing|calling|fixing|re-?sending|waiving)\b|"
    rf"\b(?:has|have) (?:now |already |just )?been (?:{_DONE})\b|\b(?:is|are) now (?:{_DONE})\b|"
    rf"\bon (?:its|their|the) way\b|"
    rf"\b(?:please|just|simply|you can|you'll need to|you need to|you will need to|then|first|next|now)\s+(?:{_DO})\b|"
    rf"(?:^|(?<=[.!?:;]\s)|(?<=\n))\s*(?:\d+[.)]\s*)?(?:{_DO})\b|"
    rf"\breply (?:with|to this|here)\b|"
    rf"\b(?:to|if|when|once|after|before)\b[^.!?,\n]{{1,60}},\s*(?:then\s+|just\s+|please\s+)?(?:{_DO})\b|"
    rf"\band (?:then )?(?:{_DO})\b|"
    rf"\b(?:here(?:'s| is| are) (?:the|your|a)|the link below|the (?:label|link|code|guide|steps?) (?:is|are) "
    rf"(?:below|attached|here))\b",
    re.MULTILINE)


def check_acknowledgement(text: str, ctx: Context) -> list[Flag]:
    """Flag a reply to an upset customer that never acknowledges how they feel."""
    if not ctx.customer_upset or _ACK_RE.search(lowercase(text)):
        return []
    return [Flag("no_acknowledgement", (0, 0),
                 "The customer is upset and the reply never acknowledges it; they will feel unheard.",
                 "Open with one line that names it: \"I'm sorry this has been so frustrating.\"")]


def check_next_step(text: str, ctx: Context) -> list[Flag]:
    """Flag a reply with no concrete next step: no action taken, no date, nothing for the customer to do."""
    if ctx.posture is Posture.THANK:
        return []
    if ctx.posture is None and ctx.reading is not None and not ctx.customer_complained:
        return []
    lower = lowercase(text)
    if _ACTION_RE.search(lower) or _DEADLINE_RE.search(lower) or _dated_plan(lower):
        return []
    return [Flag("no_next_step", (len(text), len(text)),
                 "The reply doesn't say what happens next, so the customer has to write again to find out.",
                 "End with a concrete step: \"I've sent a replacement; it will arrive by Friday.\"")]


def _dated_plan(text: str) -> bool:
    """Whether a sentence gives a date and looks ahead ("It will arrive on 14 June")."""
    return any(_DATE_RE.search(m.group()) and _AHEAD_RE.search(m.group()) for m in _SENTENCE_RE.finditer(text))


def check_thanks(text: str, ctx: Context) -> list[Flag]:
    """Flag a reply to a complaint (or to praise) that never thanks the customer for telling us."""
    if not ctx.customer_complained or _THANKS_RE.search(lowercase(text)):
        return []
    if ctx.posture is Posture.THANK:
        reason = "The customer took time to praise us or give feedback, and the reply doesn't thank them."
    else:
        reason = "A complaint is a gift: the customer told us what went wrong instead of leaving. Thank them."
    return [Flag("no_thanks", (0, 0), reason, "Add: \"Thank you for telling us about this.\"")]


def check(text: str, ctx: Context) -> list[Flag]:
    """All checks for what a reply leaves out."""
    return check_acknowledgement(text, ctx) + check_next_step(text, ctx) + check_thanks(text, ctx)
