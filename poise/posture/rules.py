"""The posture rules: ordered, named, each a small function that says why it matched.

A rule reads the Reading, the Facts, the customer and the policy, and returns a RuleResult (a posture, the
reasons, and the elements it adds to a reply it does not lead) or None. `choose_posture` takes the first
match as the primary posture; every later match adds its elements as secondary ones, so an angry customer
who is also right gets OWN_AND_FIX with "acknowledge_feelings" first.

Why this order (the seeds in ../shared/seeds, quoted):
1. Parting ways first: abuse after a warning, a threat or hate, or a demand nothing can meet. "If you need to
   fire a customer, fire a customer. However, there is a way to do this with grace and respect" (seed 000);
   "The customer is nuts ... set a boundary and walk away" (seed 003).
2. A first insult at staff: "if a customer is being abusive or derogatory towards your employees, it's time
   to put your foot down" (seed 002), while "Separate the 'jerk' from the content" (seed 001): keep helping.
3. Our fault beats everything below it: "Own up to the problem and work to resolve it as quickly as possible"
   (seed 002). If we were late AND the record contradicts part of the claim, we still own our part first.
4. The record contradicts a claim: "if a customer is being dishonest ... be a little more assertive to set
   things straight" (seed 002), with neutral facts and no accusation (people misremember; seed 000: "no one
   is 100% wrong").
5. Policy: "If a customer demands a refund for a non-refundable product, you need to stand your ground and
   explain the situation clearly"; "deliberately exploiting a company's policies ... be assertive" (seed 002).
6. A repeated mistake: "Don't be afraid to tell them what they need to do differently" (seed 002).
7. Confusion, a how-to question, or information we did send: "explain things clearly and concisely" (seed
   002). Information we sent that they missed ("They blame you for not sending you information (that you
   sent)", seed 000) is resent kindly, not met with a cold STATE_FACTS: missing an email is not a lie, and
   "Maybe they have a learning disability, so your 2-paragraph email would take too long to digest".
8. Anger or upset: "acknowledge their feelings" (seed 002).
9. Praise: thank them (seed 001: "thank them regardless of the outcome").
10. Anything else is a request to resolve.

Swearing about a thing (abuse level "profanity", target "thing") is not abuse at staff: it is a sign of upset.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from poise.facts.facts import (
    ABUSE_HISTORY,
    CONTRADICTING_KINDS,
    INFORMED_BEFORE,
    NON_REFUNDABLE,
    OUTSIDE_RETURN_WINDOW,
    REPEATED_CONTACT,
    REPEATED_MISTAKE,
    RETURN_PATTERN,
    CustomerView,
    Fact,
    Policy,
)
from poise.posture.postures import Posture
from poise.posture.remedy import wants_to_cancel
from poise.reading.reading import Reading
from poise.reading.upset import shouted_words

UPSET_EMOTIONS: tuple[str, ...] = ("anger", "annoyance", "disappointment", "sadness", "fear")
PRAISE_EMOTIONS: tuple[str, ...] = ("gratitude", "admiration", "joy", "love", "approval", "relief")
"""Emotions of praise: with positive sentiment and nothing asked for, the message is thanks or feedback."""
_ASK_CUE = re.compile(r"\?|\b(?:please|pls|can you|could you|would you|i want|i need|i'd like|i would like|"
                     r"cancel|refund|send me)\b", re.IGNORECASE)
_QUESTION_RE = re.compile(r"[^.!?\n]*\?")
_HOW_TO_CUE = re.compile(r"\b(?:how (?:do|can|should|would|does|to)|which (?:way|one|setting|button|size|option|"
                         r"dial)|where (?:do|can) (?:i|we)|what (?:do|should|does) (?:i|we)|do i|should i|can i|"
                         r"am i (?:meant|supposed)|is it (?:ok|okay|safe|normal))\b", re.IGNORECASE)
REFUND_OR_RETURN_INTENTS = frozenset({"refund", "return_exchange"})
REQUEST_INTENTS = frozenset({"refund", "return_exchange", "cancel", "where_is_my_order", "billing_charge", "how_to",
                             "defect_report", "complaint_about_staff", "account_access"})
SIGNAL_THRESHOLD = 0.5
"""An emotion, the complaint probability or an intent's confidence counts at or above this."""
NEGATIVE_SENTIMENT = -0.3
"""A sentiment score at or below this counts as upset even when no single emotion stands out."""
REMEDIES_REFUSED_TO_PART = 2
"""A contradicted claim pressed again after this many refused remedies is "a demand nothing can meet"."""


@dataclass(frozen=True)
class RuleResult:
    """A rule's verdict: the posture, the reasons (naming signals and facts), and its secondary elements."""

    posture: Posture
    reasons: tuple[str, ...]
    elements: tuple[str, ...] = ()


RuleFn = Callable[[Reading, Sequence[Fact], CustomerView, Policy], "RuleResult | None"]


@dataclass(frozen=True)
class Rule:
    """A named rule: `name` appears in the Decision so a person can see which rule decided."""

    name: str
    posture: Posture
    check: RuleFn
    fallback: bool = False  # matches everything: decides only when nothing else does, adds nothing otherwise


# ---------- signal helpers ----------

def questions(reading: Reading) -> list[str]:
    """The message's questions (sentences ending in "?"), stripped, shortest noise ("??") dropped."""
    found = [q.strip(" ?\t") for q in _QUESTION_RE.findall(reading.text)]
    return [q for q in found if len(q.split()) >= 3]


def how_to_question(reading: Reading) -> str:
    """The first question that asks how to do something ("Which way do I turn the dial"), or ''."""
    return next((q for q in questions(reading) if _HOW_TO_CUE.search(q)), "")


def abuse_quote(reading: Reading, limit: int = 40) -> str:
    """The first abusive span of the message, quoted and cut to `limit` characters ('' when none)."""
    for start, end in reading.abuse.spans:
        text = reading.text[start:end].strip()
        if text:
            return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    return ""


def abuse_at_staff(reading: Reading) -> bool:
    """An insult, threat or hate aimed at staff (or swearing aimed at them); swearing about a thing is not."""
    level, target = reading.abuse.level, reading.abuse.target
    if level in {"insult", "threat", "hate"}:
        return target != "thing"
    return level == "profanity" and target == "staff"


def describe_abuse(reading: Reading) -> str:
    """ "abuse at staff (insult: 'you idiots')": the level, the target and the words, for reasons."""
    quote = abuse_quote(reading)
    target = reading.abuse.target if reading.abuse.target != "none" else "staff"
    words = f": '{quote}'" if quote else ""
    return f"abuse at {target} ({reading.abuse.level}{words})"


def facts_of(facts: Sequence[Fact], *kinds: str) -> list[Fact]:
    """The facts of the given kinds, in the order found."""
    return [f for f in facts if f.kind in kinds]


def _count(fact: Fact, key: str) -> int:
    value = fact.data.get(key)
    return int(value) if isinstance(value, (int, float)) else 0


def fact_reason(prefix: str, fact: Fact) -> str:
    """ "our fault: late_delivery (Your order arrived 4 days after the date we promised.)" """
    statement = fact.statement.strip()
    return f"{prefix}: {fact.kind} ({statement})" if statement else f"{prefix}: {fact.kind}"


def frustration_cues(reading: Reading) -> list[str]:
    """Anger without an angry word: a shouted word ("BOTH"), "??" or "!!" — unless the message is glad."""
    if reading.sentiment.label == "positive":
        return []
    cues = [f"shouting ('{word}')" for word in shouted_words(reading.text)[:1]]
    cues += [f"'{mark}'" for mark in ("??", "!!") if mark in reading.text]
    return cues


def upset_signals(reading: Reading) -> list[str]:
    """The signals that show upset, each named with its value ("anger 0.82", "complaint 0.91")."""
    found = [f"{e} {reading.emotions.get(e, 0.0):.2f}" for e in UPSET_EMOTIONS
             if reading.emotions.get(e, 0.0) >= SIGNAL_THRESHOLD]
    if reading.complaint >= SIGNAL_THRESHOLD and reading.sentiment.label != "positive":
        found.append(f"complaint {reading.complaint:.2f}")
    if reading.sentiment.score <= NEGATIVE_SENTIMENT:
        found.append(f"sentiment {reading.sentiment.label} {reading.sentiment.score:.2f}")
    if reading.abuse.level == "profanity" and reading.abuse.target != "staff":
        found.append("swearing about a thing (not at staff)")
    if reading.upset >= SIGNAL_THRESHOLD and found:  # the desk's upset score backs the signals above
        found.append(f"upset {reading.upset:.2f}")
    return found + frustration_cues(reading)


# ---------- the rules, in priority order ----------

def threat_or_hate(reading: Reading, facts: Sequence[Fact], customer: CustomerView, policy: Policy
                   ) -> RuleResult | None:
    """A threat or hate at a person ends the relationship at once, warned or not."""
    if reading.abuse.level in {"threat", "hate"} and reading.abuse.target != "thing":
        return RuleResult(Posture.PART_WAYS, ((f"{describe_abuse(reading)}: a threat or hate ends the "
                                              "relationship without a first warning"),))
    return None


def abuse_after_warning(reading: Reading, facts: Sequence[Fact], customer: CustomerView, policy: Policy
                        ) -> RuleResult | None:
    """Abuse at staff from a customer already warned (a warning on the customer or in the record)."""
    if not abuse_at_staff(reading):
        return None
    history = facts_of(facts, ABUSE_HISTORY)
    warnings = max([customer.warnings] + [_count(f, "warnings") for f in history])
    if warnings >= 1:
        plural = "warning" if warnings == 1 else "warnings"
        return RuleResult(Posture.PART_WAYS, (f"{describe_abuse(reading)} after {warnings} earlier {plural}",))
    if history:
        return RuleResult(Posture.PART_WAYS, (f"{describe_abuse(reading)} after earlier abuse on record",
                                              fact_reason("abuse history", history[0])))
    return None


def already_parted(reading: Reading, facts: Sequence[Fact], customer: CustomerView, policy: Policy
                   ) -> RuleResult | None:
    """A customer the business has already parted with (status "blocked") gets the same calm answer."""
    if customer.status == "blocked":
        return RuleResult(Posture.PART_WAYS, (("customer status is blocked: the business has already parted "
                                              "ways with this customer"),))
    return None


def demand_nothing_can_meet(reading: Reading, facts: Sequence[Fact], customer: CustomerView, policy: Policy
                            ) -> RuleResult | None:
    """Seed 003, "the customer is nuts": a contradicted claim pressed again and again, every remedy refused."""
    contradicted = [f for f in facts if f.bearing == "contradicts" or f.kind in CONTRADICTING_KINDS]
    for contact in facts_of(facts, REPEATED_CONTACT):
        refused, count = _count(contact, "remedies_refused"), _count(contact, "count")
        if contradicted and refused >= REMEDIES_REFUSED_TO_PART and count >= policy.repeat_threshold:
            return RuleResult(Posture.PART_WAYS, (
                (f"a demand nothing can meet: {count} contacts about a claim the record contradicts "
                f"({contradicted[0].kind}) and {refused} remedies refused"),
                fact_reason("record", contradicted[0])))
    return None


def first_abuse_at_staff(reading: Reading, facts: Sequence[Fact], customer: CustomerView, policy: Policy
                         ) -> RuleResult | None:
    """A first insult at staff: name the line once, and keep helping with the problem underneath."""
    if abuse_at_staff(reading):
        return RuleResult(Posture.SET_BOUNDARY, (f"{describe_abuse(reading)}, first time: no earlier warning",),
                          ("name_the_line",))
    return None


def our_fault(reading: Reading, facts: Sequence[Fact], customer: CustomerView, policy: Policy
              ) -> RuleResult | None:
    """The record shows we got it wrong (late, double charge, promise not kept, never informed, not delivered)."""
    found = [f for f in facts if f.our_fault and f.bearing != "contradicts"]
    if found:
        return RuleResult(Posture.OWN_AND_FIX, tuple(fact_reason("our fault", f) for f in found),
                          ("own_it", "offer_remedy"))
    return None


def record_contradicts_claim(reading: Reading, facts: Sequence[Fact], customer: CustomerView, policy: Policy
                             ) -> RuleResult | None:
    """The record contradicts the claim (signed delivery, one correct charge, no return received)."""
    found = [f for f in facts if f.kind != INFORMED_BEFORE
             and (f.kind in CONTRADICTING_KINDS or f.bearing == "contradicts")]
    if found:
        reasons = tuple(fact_reason(f"the record contradicts the claim {f.claim or 'made'}", f) for f in found)
        return RuleResult(Posture.STATE_FACTS, reasons, ("state_facts",))
    return None


def policy_holds(reading: Reading, facts: Sequence[Fact], customer: CustomerView, policy: Policy
                 ) -> RuleResult | None:
    """A refund on a non-refundable product, a return outside the window, or a return pattern: no exception."""
    found = facts_of(facts, NON_REFUNDABLE, OUTSIDE_RETURN_WINDOW, RETURN_PATTERN)
    if _mistake_explains_it(reading, facts, policy):
        # "it keeps cutting out" after the same misuse N times: the fix is what to do differently, and the
        # return window is beside the point unless they ask for their money back
        found = [f for f in found if f.kind != OUTSIDE_RETURN_WINDOW]
    if found:
        reasons = []
        for f in found:
            if f.kind == RETURN_PATTERN:
                pattern = f.data.get("pattern") or f.statement
                reasons.append(f"policy: return_pattern ({pattern}; a pattern to check, not a verdict)")
            else:
                reasons.append(fact_reason("policy", f))
        return RuleResult(Posture.HOLD_POLICY, tuple(reasons), ("explain_policy",))
    return None


def _mistake_explains_it(reading: Reading, facts: Sequence[Fact], policy: Policy) -> bool:
    """A qualifying repeated mistake, and the customer does not ask for a refund or a return."""
    asks_money = (reading.intent.label in REFUND_OR_RETURN_INTENTS and reading.intent.confidence >= SIGNAL_THRESHOLD)
    return not asks_money and any(_count(f, "count") == 0 or _count(f, "count") >= policy.repeat_threshold
                                  for f in facts_of(facts, REPEATED_MISTAKE))


def repeated_mistake(reading: Reading, facts: Sequence[Fact], customer: CustomerView, policy: Policy
                     ) -> RuleResult | None:
    """The same how-to or error `policy.repeat_threshold` times in the window: say what to do differently."""
    for f in facts_of(facts, REPEATED_MISTAKE):
        count = _count(f, "count")
        if count == 0 or count >= policy.repeat_threshold:
            times = f"{count} times in {policy.repeat_window_days} days" if count else "again"
            return RuleResult(Posture.GUIDE_FIRMLY, (fact_reason(f"repeated mistake, {times}", f),),
                              ("say_what_to_do_differently",))
    return None


def confused(reading: Reading, facts: Sequence[Fact], customer: CustomerView, policy: Policy
             ) -> RuleResult | None:
    """Confusion, a how-to question, or information we sent that they missed: explain, resend kindly."""
    reasons: list[str] = []
    confusion = reading.emotions.get("confusion", 0.0)
    if confusion >= SIGNAL_THRESHOLD:
        reasons.append(f"confusion {confusion:.2f}")
    curiosity = reading.emotions.get("curiosity", 0.0)
    # An angry question ("how is that so hard??") reads as curiosity too: calm means no upset emotion and no
    # complaint either (a mildly negative sentiment alone does not make a question angry).
    complaining = reading.complaint >= SIGNAL_THRESHOLD and reading.sentiment.label != "positive"
    calm = reading.abuse.level == "none" and not complaining and not frustration_cues(reading) and all(
        reading.emotions.get(e, 0.0) < SIGNAL_THRESHOLD for e in UPSET_EMOTIONS)
    if curiosity >= SIGNAL_THRESHOLD and calm:
        reasons.append(f"a calm question (curiosity {curiosity:.2f})")
    if reading.intent.label == "how_to" and reading.intent.confidence >= SIGNAL_THRESHOLD:
        reasons.append(f"intent how_to {reading.intent.confidence:.2f}")
    question = how_to_question(reading)
    if question and calm and not reasons:
        reasons.append(f"a calm how-to question ('{question[:40].rstrip()}')")
    informed = facts_of(facts, INFORMED_BEFORE)
    for f in informed:
        reasons.append(fact_reason("we did send it (resend kindly, never 'as I told you')", f))
    if not reasons:
        return None
    return RuleResult(Posture.EXPLAIN_CLEARLY, tuple(reasons),
                      ("explain", "resend_info") if informed else ("explain",))


def upset(reading: Reading, facts: Sequence[Fact], customer: CustomerView, policy: Policy
          ) -> RuleResult | None:
    """Anger, annoyance, disappointment, a complaint or negative sentiment: acknowledge, then resolve."""
    signals = upset_signals(reading)
    if signals:
        return RuleResult(Posture.ACKNOWLEDGE_AND_RESOLVE, (f"upset: {', '.join(signals)}",),
                          ("acknowledge_feelings",))
    return None


def asks_for_something(reading: Reading) -> str:
    """What the message asks for, named ("intent cancel 0.91", "claim not_received", "want: ..."), or ''.

    A polite "Please cancel my box. Thanks" carries gratitude, but it is a request, not praise.
    """
    if reading.intent.label in REQUEST_INTENTS and reading.intent.confidence >= SIGNAL_THRESHOLD:
        return f"intent {reading.intent.label} {reading.intent.confidence:.2f}"
    claims = [c.kind for c in reading.claims if c.kind != "repeated_contact"]
    if claims:
        return f"claim {claims[0]}"
    if wants_to_cancel(reading):
        return "a cancellation"
    asked = questions(reading)
    if asked:
        # "Which way do I turn the dial? Thanks." is a question with a polite sign-off, not praise
        return f"a question ('{asked[0][:40].rstrip()}')"
    want = reading.summary.want.strip()
    # the summary's "They want ..." counts only where the message itself asks ("Just wanted to say ..." is not
    # an ask)
    if want.lower().startswith(("they want", "i want", "the customer wants")) and _ASK_CUE.search(reading.text):
        return f"want: {want}"
    return ""


def praise(reading: Reading, facts: Sequence[Fact], customer: CustomerView, policy: Policy
           ) -> RuleResult | None:
    """Gratitude, praise or feedback, asking for nothing: thank them."""
    if asks_for_something(reading):
        return None
    reasons: list[str] = []
    gratitude = reading.emotions.get("gratitude", 0.0)
    if gratitude >= SIGNAL_THRESHOLD:
        reasons.append(f"gratitude {gratitude:.2f}")
    if reading.intent.label == "feedback_praise" and reading.intent.confidence >= SIGNAL_THRESHOLD:
        reasons.append(f"intent feedback_praise {reading.intent.confidence:.2f}")
    if reading.sentiment.label == "positive":
        warm = [f"{e} {reading.emotions.get(e, 0.0):.2f}" for e in PRAISE_EMOTIONS
                if e != "gratitude" and reading.emotions.get(e, 0.0) >= SIGNAL_THRESHOLD]
        if reading.complaint < SIGNAL_THRESHOLD or warm:
            reasons.extend(warm)
            reasons.append(f"sentiment positive {reading.sentiment.score:.2f}"
                           + (", no complaint" if reading.complaint < SIGNAL_THRESHOLD else ""))
    if reasons:
        return RuleResult(Posture.THANK, (f"praise: {', '.join(reasons)}",), ("thank_for_telling",))
    return None


def resolve_request(reading: Reading, facts: Sequence[Fact], customer: CustomerView, policy: Policy
                    ) -> RuleResult | None:
    """Nothing stronger: a request to resolve (always matches, so every message gets a posture)."""
    return RuleResult(Posture.ACKNOWLEDGE_AND_RESOLVE,
                      (f"no strong signal: resolve the request (intent {reading.intent.label})",))


RULES: tuple[Rule, ...] = (
    Rule("threat_or_hate", Posture.PART_WAYS, threat_or_hate),
    Rule("abuse_after_warning", Posture.PART_WAYS, abuse_after_warning),
    Rule("already_parted", Posture.PART_WAYS, already_parted),
    Rule("demand_nothing_can_meet", Posture.PART_WAYS, demand_nothing_can_meet),
    Rule("first_abuse_at_staff", Posture.SET_BOUNDARY, first_abuse_at_staff),
    Rule("our_fault", Posture.OWN_AND_FIX, our_fault),
    Rule("record_contradicts_claim", Posture.STATE_FACTS, record_contradicts_claim),
    Rule("policy_holds", Posture.HOLD_POLICY, policy_holds),
    Rule("repeated_mistake", Posture.GUIDE_FIRMLY, repeated_mistake),
    Rule("confused", Posture.EXPLAIN_CLEARLY, confused),
    Rule("upset", Posture.ACKNOWLEDGE_AND_RESOLVE, upset),
    Rule("praise", Posture.THANK, praise),
    Rule("resolve_request", Posture.ACKNOWLEDGE_AND_RESOLVE, resolve_request, fallback=True),
)
"""The rules in priority order: the first match is the primary posture (see the module docstring)."""
