"""Facts: a customer's claims checked against the business's own record, each with its evidence.

A Fact never carries a verdict about the person; it says what the record shows and how that bears on a
claim: "supports" (the record agrees: often our fault), "contradicts" (the record disagrees), or "context".
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

# Fact kinds (stable names; posture rules and templates key on them).
INFORMED_BEFORE = "informed_before"            # we sent information on that topic (contradicts not_informed)
NEVER_INFORMED = "never_informed"              # no record of sending it (supports not_informed: our gap)
DELIVERED_WITH_PROOF = "delivered_with_proof"  # signature or photo (contradicts not_received)
DELIVERED_WITHOUT_PROOF = "delivered_without_proof"  # carrier says delivered, no proof (context)
NOT_DELIVERED = "not_delivered"                # no delivery recorded (supports not_received)
LATE_DELIVERY = "late_delivery"                # later than we promised (our fault)
WITHIN_RETURN_WINDOW = "within_return_window"
OUTSIDE_RETURN_WINDOW = "outside_return_window"
RETURN_PATTERN = "return_pattern"              # a named pattern with evidence (bought before a weekend): no verdict
NON_REFUNDABLE = "non_refundable"              # refund asked on a product whose policy says no refund
REPEATED_MISTAKE = "repeated_mistake"          # same how-to / error N times within the window
ABUSE_HISTORY = "abuse_history"                # earlier warnings or abusive messages
DOUBLE_CHARGE = "double_charge"                # two charges for one order (our fault)
CHARGE_CORRECT = "charge_correct"              # the record shows one correct charge (contradicts wrong_charge)
PROMISE_NOT_KEPT = "promise_not_kept"          # an agent's earlier promise, not kept (our fault)
RETURN_RECEIVED = "return_received"            # we received the return (supports already_returned)
RETURN_NOT_RECEIVED = "return_not_received"    # no return received on record (contradicts already_returned)
REPEATED_CONTACT = "repeated_contact"          # the customer has written N times about this (context; urgency)
UNKNOWN_CUSTOMER = "unknown_customer"          # no record of this customer (context: ask for an order number)
IN_TRANSIT = "in_transit"                      # on its way and not yet due (context: not late, not lost)
REFUND_OVERDUE = "refund_overdue"              # we received the return but have not refunded it (our fault)
ORDERED_ITEMS = "ordered_items"                # what the order was for (context for wrong_item)
REFUND_PAID = "refund_paid"                    # we refunded it on record (contradicts "never got my refund")
NO_REFUND_ON_RECORD = "no_refund_on_record"    # no refund and no return on record (context)
RETURNED_TO_SENDER = "returned_to_sender"      # the carrier brought it back (e.g. address incomplete): context

FACT_KINDS: tuple[str, ...] = (
    INFORMED_BEFORE, NEVER_INFORMED, DELIVERED_WITH_PROOF, DELIVERED_WITHOUT_PROOF, NOT_DELIVERED,
    LATE_DELIVERY, WITHIN_RETURN_WINDOW, OUTSIDE_RETURN_WINDOW, RETURN_PATTERN, NON_REFUNDABLE,
    REPEATED_MISTAKE, ABUSE_HISTORY, DOUBLE_CHARGE, CHARGE_CORRECT, PROMISE_NOT_KEPT, RETURN_RECEIVED,
    RETURN_NOT_RECEIVED, REPEATED_CONTACT, UNKNOWN_CUSTOMER, IN_TRANSIT, REFUND_OVERDUE,
    RETURNED_TO_SENDER, ORDERED_ITEMS, REFUND_PAID, NO_REFUND_ON_RECORD,
)
OUR_FAULT_KINDS: frozenset[str] = frozenset({NEVER_INFORMED, NOT_DELIVERED, LATE_DELIVERY, DOUBLE_CHARGE,
                                             PROMISE_NOT_KEPT, REFUND_OVERDUE})
CONTRADICTING_KINDS: frozenset[str] = frozenset({INFORMED_BEFORE, DELIVERED_WITH_PROOF, CHARGE_CORRECT,
                                                 RETURN_NOT_RECEIVED, REFUND_PAID})


@dataclass(frozen=True)
class Evidence:
    """One record that backs a fact: what kind of record, its id, when, and a short quote from it."""

    # "communication", "delivery", "order", "payment", "return", "product", "ticket", "message", "warning"
    record: str
    record_id: str         # the business's own id (external_id) where it has one
    when: datetime | None = None
    quote: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"record": self.record, "id": self.record_id,
                "when": self.when.isoformat() if self.when else None, "quote": self.quote}


@dataclass(frozen=True)
class Fact:
    """What the record shows about one claim, in a plain sentence a reply can use, with its evidence."""

    kind: str
    claim: str | None           # the claim kind it bears on (see reading.CLAIM_KINDS), or None
    bearing: str                # "supports" | "contradicts" | "context"
    statement: str              # e.g. "We emailed the setup instructions on 3 March 2026 to ann@example.com."
    evidence: tuple[Evidence, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def our_fault(self) -> bool:
        return self.kind in OUR_FAULT_KINDS

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "claim": self.claim, "bearing": self.bearing, "statement": self.statement,
                "evidence": [e.to_dict() for e in self.evidence], "data": self.data}


@dataclass(frozen=True)
class Policy:
    """The business policy values judgement uses (stored in the record; these are the defaults)."""

    business_name: str = "our shop"
    return_window_days: int = 30
    restocking_fee_percent: int = 0
    refund_authority_cents: int = 5_000          # an agent may refund up to this without a manager
    part_ways_refund_limit_cents: int = 20_000   # refund on parting ways when the order is within this
    repeat_window_days: int = 90
    repeat_threshold: int = 3                    # the same mistake this many times -> guide firmly
    first_response_minutes: int = 240
    currency: str = "USD"
    version: int = 1


@dataclass(frozen=True)
class CustomerView:
    """Who wrote: what judgement needs to know about the customer (name, status, warnings so far)."""

    customer_id: str | None
    name: str | None = None
    email: str | None = None
    status: str = "active"        # "active" | "blocked"
    warnings: int = 0             # earlier boundary warnings for abuse
    known: bool = True
