"""Facts: the customer's claims checked against the business's record, each with its evidence."""
from __future__ import annotations

from poise.facts.facts import CustomerView, Evidence, Fact, Policy

__all__ = ["CustomerView", "Evidence", "Fact", "Policy"]
