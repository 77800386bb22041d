"""Helpers for the fact tests: hand-built Readings and the small base record every test adds rows to."""
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from poise.reading.reading import Abuse, Claim, Intent, Reading, Sentiment, Summary
from poise.store.models import Customer

NOW = datetime(2026, 3, 16, 12, 0, tzinfo=UTC)  # a Monday

BASE: dict[str, Any] = {
    "format": "poise-records/1",
    "business": {"name": "Test Shop", "currency": "USD"},
    "policy": {"return_window_days": 30, "refund_authority_cents": 5000, "repeat_window_days": 90,
               "repeat_threshold": 3, "return_policy_text": "Unworn items with tags within 30 days."},
    "products": [
        {"sku": "JKT", "name": "rain jacket", "category": "clothing", "price_cents": 8900},
        {"sku": "DRS", "name": "satin dress", "category": "clothing", "price_cents": 15900},
        {"sku": "GC", "name": "gift card", "category": "gift card", "price_cents": 2500, "refundable": False,
         "policy_text": "Gift cards can't be refunded."},
        {"sku": "BLN", "name": "blender", "category": "kitchen", "price_cents": 12000, "return_window_days": 60},
    ],
    "customers": [{"id": "C-1", "name": "Ann Lee", "emails": ["ann@example.com"], "created_at": "2025-01-01T00:00:00Z"}],
}


def make_reading(text: str, *claims: str, intent: str = "other", confidence: float = 0.0,
                 abuse: str = "none", target: str = "none") -> Reading:
    """A Reading built by hand: the given claim kinds (each spanning the whole text), intent and abuse."""
    return Reading(text=text, sentiment=Sentiment("neutral", 0.0), complaint=0.0, emotions={},
                   abuse=Abuse(level=abuse, score=1.0 if abuse != "none" else 0.0, target=target),
                   intent=Intent(intent, confidence), stakes=(),
                   claims=tuple(Claim(k, (0, len(text)), text) for k in claims),
                   summary=Summary("", "", ""), language="en")


def stub_read(text: str) -> Reading:
    """A stand-in for poise.read on earlier messages: an insult when the text calls someone an idiot."""
    insult = any(w in text.lower() for w in ("idiot", "moron"))
    return make_reading(text, abuse="insult" if insult else "none", target="staff" if insult else "none")


def with_base(**sections: Any) -> dict[str, Any]:
    """The base record plus these sections (lists appended to the base's)."""
    record = {k: (list(v) if isinstance(v, list) else v) for k, v in BASE.items()}
    for key, value in sections.items():
        if not isinstance(value, list):
            record[key] = value
            continue
        merged = {item.get("id", item.get("sku", i)): item for i, item in enumerate(record.get(key, []))}
        for i, item in enumerate(value):
            name = item.get("id", item.get("sku", f"new-{i}"))
            merged[name] = {**merged.get(name, {}), **item}
        record[key] = list(merged.values())
    return record


RecordFactory = Callable[..., tuple[Session, Customer]]
"""record(**sections) -> (session, customer C-1): see the `record` fixture."""
