"""choose_posture: a Reading and its Facts -> a Decision (posture, secondary elements, reasons, remedy).

Deterministic and explainable: the same inputs always give the same Decision, and every Decision says which
rule decided it and why, in words an agent can check against the message and the record.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from poise.errors import ConfigError
from poise.facts.facts import REPEATED_CONTACT, UNKNOWN_CUSTOMER, CustomerView, Fact, Policy
from poise.posture.postures import Posture
from poise.posture.remedy import Remedy, choose_remedy, format_money
from poise.posture.rules import RULES, Rule, RuleResult
from poise.reading.reading import Reading

SECONDARY_ELEMENTS: tuple[str, ...] = (
    "acknowledge_feelings", "thank_for_telling", "own_it", "name_the_line", "state_facts", "explain_policy",
    "say_what_to_do_differently", "explain", "resend_info", "offer_remedy", "ask_order_number", "reply_fast",
    "ask_make_right",
)
"""Every secondary element, in the order a reply uses them (acknowledge first, ask how to make it right last)."""

OWED_KINDS = frozenset({"fix_charge", "refund_owed", "keep_promise"})
"""Remedies that pay what the record says we owe: no authority limit applies to naming them."""
_PART_WAYS_ELEMENTS = frozenset({"thank_for_telling", "offer_remedy"})


@dataclass(frozen=True)
class Decision:
    """How to answer this message: the posture, what else the reply needs, why, and what to offer.

    `to_dict()` is the JSON contract: {"posture", "rule", "secondary", "reasons", "remedy", "policy_version",
    "authority_cents"}.
    """

    posture: Posture
    secondary: tuple[str, ...]
    reasons: tuple[str, ...]
    remedy: Remedy | None
    policy_version: int
    rule: str = ""
    authority_cents: int = 0  # the most money this reply may name (pass it to check_reply)

    def to_dict(self) -> dict[str, Any]:
        return {"posture": self.posture.value, "rule": self.rule, "secondary": list(self.secondary),
                "reasons": list(self.reasons), "remedy": self.remedy.to_dict() if self.remedy else None,
                "policy_version": self.policy_version, "authority_cents": self.authority_cents}


def matching_rules(reading: Reading, facts: Sequence[Fact], customer: CustomerView, policy: Policy,
                   rules: Sequence[Rule] = RULES) -> list[tuple[Rule, RuleResult]]:
    """Every rule that matches, in priority order, with its result (the first one decides)."""
    found: list[tuple[Rule, RuleResult]] = []
    for rule in rules:
        result = rule.check(reading, facts, customer, policy)
        if result is not None:
            found.append((rule, result))
    return found


def choose_posture(reading: Reading, facts: Sequence[Fact], *, customer: CustomerView, policy: Policy,
                   order_total_cents: int | None = None, rules: Sequence[Rule] = RULES) -> Decision:
    """Choose the posture for a reply: the first matching rule wins; later matches add secondary elements.

    reading: the Reading of the customer's message (poise.reading.reading.Reading).
    facts: what the record shows about the customer's claims (poise.facts.check.check_facts).
    order_total_cents: the total of the order in question, to check refunds against the agent's authority
        and the part-ways refund limit; None when unknown.
    rules: the ordered rules (default RULES); a business may pass its own order.

    Example:
        >>> decision = choose_posture(reading, facts, customer=CustomerView("c1", "Ann Lee"), policy=Policy())
        >>> decision.posture, decision.remedy.text
        (<Posture.OWN_AND_FIX: 'OWN_AND_FIX'>, 'a refund of the extra charge of $24.00, today')
    """
    if order_total_cents is None:
        order_total_cents = order_total_from(facts)
    matches = matching_rules(reading, facts, customer, policy, rules)
    if not matches:
        names = ", ".join(r.name for r in rules) or "none"
        raise ConfigError(f"no posture rule matched this message (rules: {names})",
                          hint="end the rule list with a fallback rule, such as poise.posture.rules.RULES[-1]")
    primary_rule, primary = matches[0]
    posture = primary.posture
    reasons: list[str] = list(primary.reasons)
    elements: list[str] = list(primary.elements)
    for rule, result in matches[1:]:
        if rule.fallback or result.posture in {Posture.PART_WAYS, Posture.SET_BOUNDARY} or result.posture is posture:
            continue
        elements.extend(result.elements)
        reasons.extend(f"also {r}" for r in result.reasons)

    remedy_posture = posture
    if posture is Posture.SET_BOUNDARY:
        # "name the line, keep helping": the remedy is the one the problem underneath calls for.
        remedy_posture = next((r.posture for _rule, r in matches[1:]
                               if r.posture not in {Posture.PART_WAYS, Posture.SET_BOUNDARY, Posture.THANK}),
                              Posture.ACKNOWLEDGE_AND_RESOLVE)
    remedy = choose_remedy(remedy_posture, reading, facts, policy=policy, order_total_cents=order_total_cents)
    reasons.extend(_remedy_reasons(posture, remedy, policy, order_total_cents))

    if posture is not Posture.THANK:
        elements.append("thank_for_telling")  # seed 001: "Thank them - even if you're furious."
    if remedy is not None and remedy.kind != "none":
        elements.append("offer_remedy")
    if any(f.kind == UNKNOWN_CUSTOMER for f in facts) or not customer.known:
        elements.append("ask_order_number")
        reasons.append("no record of this customer: ask for the order number")
    urgent = _urgency(reading, facts)
    if urgent:
        elements.append("reply_fast")
        reasons.append(urgent)
    # seed 001: 'Ask "how do we make this right?"' - where the posture (for a boundary: the problem) calls for it
    if posture.asks_how_to_make_right and remedy_posture.asks_how_to_make_right:
        elements.append("ask_make_right")
    if posture is Posture.PART_WAYS:
        elements = [e for e in elements if e in _PART_WAYS_ELEMENTS]
    secondary = tuple(e for e in SECONDARY_ELEMENTS if e in set(elements))
    return Decision(posture=posture, secondary=secondary, reasons=tuple(reasons), remedy=remedy,
                    policy_version=policy.version, rule=primary_rule.name,
                    authority_cents=authority_for(posture, remedy, policy))


def authority_for(posture: Posture, remedy: Remedy | None, policy: Policy) -> int:
    """The most money a reply for this decision may name without a manager.

    The agent's refund authority; the part-ways refund limit when parting ways; and any amount the record
    itself obliges (a duplicate charge to return, a refund an agent promised), which is owed, not granted.
    """
    limit = policy.refund_authority_cents
    if posture is Posture.PART_WAYS:
        limit = max(limit, policy.part_ways_refund_limit_cents)
    if remedy is not None and remedy.amount_cents is not None and remedy.kind in OWED_KINDS:
        limit = max(limit, remedy.amount_cents)
    return limit


def order_total_from(facts: Sequence[Fact]) -> int | None:
    """The order total the facts carry (`data["order_total_cents"]`), when the caller did not pass one."""
    for fact in facts:
        value = fact.data.get("order_total_cents")
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
    return None


def _remedy_reasons(posture: Posture, remedy: Remedy | None, policy: Policy, total: int | None) -> list[str]:
    """Say why the remedy is what it is where money and limits decided it."""
    if remedy is None:
        return []
    out: list[str] = []
    if posture is Posture.PART_WAYS:
        limit = format_money(policy.part_ways_refund_limit_cents, policy.currency)
        if remedy.kind == "refund_on_parting" and remedy.amount_cents is not None:
            out.append(f"refund on parting: order total {format_money(remedy.amount_cents, policy.currency)} "
                       f"is within the part-ways refund limit of {limit}")
        elif total is not None:
            out.append(f"no refund on parting: order total {format_money(total, policy.currency)} is above the "
                       f"part-ways refund limit of {limit}")
        else:
            out.append("no refund on parting: the order total is unknown")
    elif remedy.amount_cents is not None:
        authority = format_money(policy.refund_authority_cents, policy.currency)
        amount = format_money(remedy.amount_cents, policy.currency)
        if remedy.kind in {"fix_charge", "refund_owed"}:
            out.append(f"remedy: {remedy.kind} {amount} (the customer's own money: no authority limit)")
        elif remedy.within_authority:
            out.append(f"remedy: {remedy.kind} {amount}, within the agent's authority of {authority}")
        else:
            out.append(f"remedy: {remedy.kind} {amount} is above the agent's authority of {authority}: "
                       "confirmed within 1 working day")
    elif remedy.kind != "none":
        out.append(f"remedy: {remedy.kind}")
    return out


def _urgency(reading: Reading, facts: Sequence[Fact]) -> str:
    """A reason to answer fast: something at stake, or the customer has written about this before."""
    stakes = sorted({s.kind for s in reading.stakes})
    contacts = [f for f in facts if f.kind == REPEATED_CONTACT]
    parts: list[str] = []
    if stakes:
        parts.append(f"at stake: {', '.join(stakes)}")
    if contacts:
        count = contacts[0].data.get("count")
        parts.append(f"repeated contact ({count} times)" if count else "repeated contact")
    return "reply fast: " + "; ".join(parts) if parts else ""
