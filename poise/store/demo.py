"""The demo business, Juniper & Pine: a small online shop, its record, and twelve complaints to try poise on.

The record (demo_business.yaml) is written as of Monday 2026-03-16. `seed_demo` moves every date forward by
whole weeks to "now", so the demo never goes stale (a return is still inside its window) and weekdays stay
true (the dress bought on a Friday and returned on a Monday still is).
"""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from importlib import resources
from typing import Any

import yaml
from sqlalchemy import Engine

from poise.store.records import ImportSummary, import_records
from poise.store.recordspec import format_datetime, parse_datetime

DEMO_NOW = datetime(2026, 3, 16, 12, 0, tzinfo=UTC)  # the Monday the demo files are written as of

# Fields holding times in the demo files (everything ending in _at, plus these).
_TIME_FIELDS = frozenset({"at", "promised_by"})


def demo_shift(now: datetime | None = None) -> timedelta:
    """How far to move the demo's dates: whole weeks from DEMO_NOW to `now` (never backwards)."""
    now = now or datetime.now(UTC)
    weeks = max(0, (now - DEMO_NOW) // timedelta(weeks=1))
    return timedelta(weeks=weeks)


def _shift(value: Any, by: timedelta, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _shift(v, by, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_shift(v, by, key) for v in value]
    if (key.endswith("_at") or key in _TIME_FIELDS) and isinstance(value, (str, datetime)):
        return format_datetime(parse_datetime(value) + by)
    return value


def _load(name: str) -> Any:
    return yaml.safe_load(resources.files("poise.store").joinpath(name).read_text(encoding="utf-8"))


def demo_record(now: datetime | None = None) -> dict[str, Any]:
    """The demo business's record (import format), with dates moved to `now` (see demo_shift)."""
    data: dict[str, Any] = _shift(_load("demo_business.yaml"), demo_shift(now))
    return data


def demo_messages(now: datetime | None = None) -> list[dict[str, Any]]:
    """The demo complaints: id, customer (email), subject, received_at, text, posture and situation."""
    messages: list[dict[str, Any]] = _shift(_load("demo_messages.yaml"), demo_shift(now))["messages"]
    return messages


def seed_demo(engine: Engine, now: datetime | None = None) -> ImportSummary:
    """Load Juniper & Pine into the store at `engine` (migrated already); safe to run again.

    Example: `seed_demo(make_engine(url))`, then triage any of `demo_messages()`.
    """
    return import_records(engine, demo_record(now))
