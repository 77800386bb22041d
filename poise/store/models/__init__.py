"""The record's tables. Import models from here: `from poise.store.models import Customer, Order`."""
from __future__ import annotations

from poise.store.models.agents import Agent, ApiKey, AuditEntry
from poise.store.models.base import Base, utcnow
from poise.store.models.catalog import Product
from poise.store.models.communications import Communication
from poise.store.models.customers import Customer, Identity, normalize_identity
from poise.store.models.orders import Delivery, Order, OrderItem, Payment, Return
from poise.store.models.settings import PolicyRecord
from poise.store.models.tickets import (
    Block,
    DecisionRecord,
    DraftRecord,
    Message,
    Outcome,
    PreventionAction,
    ReadingRecord,
    RootCause,
    Ticket,
    Warning,
)

__all__ = [
    "Agent", "ApiKey", "AuditEntry", "Base", "Block", "Communication", "Customer", "DecisionRecord", "Delivery",
    "DraftRecord", "Identity", "Message", "Order", "OrderItem", "Outcome", "Payment", "PolicyRecord",
    "PreventionAction", "Product", "ReadingRecord", "Return", "RootCause", "Ticket", "Warning",
    "normalize_identity", "utcnow",
]
