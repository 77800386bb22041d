"""The business's policy, versioned: a decision records which version of the values it used."""
from __future__ import annotations

from typing import Any

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from poise.store.models.base import AuthoredMixin, Base, IdMixin


class PolicyRecord(IdMixin, AuthoredMixin, Base):
    """One version of the business policy; the current policy is the highest `version`.

    Changing a value means adding a row with the next version, never editing one, so every past decision
    can still say which values it used.
    """

    __tablename__ = "policies"

    version: Mapped[int] = mapped_column(unique=True)
    business_name: Mapped[str] = mapped_column(String(200), default="our shop")
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    return_window_days: Mapped[int] = mapped_column(default=30)
    restocking_fee_percent: Mapped[int] = mapped_column(default=0)
    refund_authority_cents: Mapped[int] = mapped_column(default=5_000)
    part_ways_refund_limit_cents: Mapped[int] = mapped_column(default=20_000)
    repeat_window_days: Mapped[int] = mapped_column(default=90)
    repeat_threshold: Mapped[int] = mapped_column(default=3)
    first_response_minutes: Mapped[int] = mapped_column(default=240)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    business_hours: Mapped[dict[str, Any]] = mapped_column(default=dict)
    holidays: Mapped[list[Any]] = mapped_column(default=list)
    return_policy_text: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
