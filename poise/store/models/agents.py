"""The people who work the desk, their API keys, and the audit trail of who did what to which record."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from poise.store.models.base import Base, IdMixin, utcnow

AGENT_ROLES = ("agent", "manager", "admin")


class Agent(IdMixin, Base):
    """A desk user: an email (unique), a role, and a password hash (argon2, set by the desk)."""

    __tablename__ = "agents"

    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20), default="agent")
    password_hash: Mapped[str | None] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ApiKey(IdMixin, Base):
    """A hashed API key belonging to an agent (the key itself is shown once and never stored)."""

    __tablename__ = "api_keys"

    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    key_hash: Mapped[str] = mapped_column(String(300), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]


class AuditEntry(IdMixin, Base):
    """Who did what, when, to which record (e.g. a block, a refund above authority, a merge)."""

    __tablename__ = "audit_entries"
    __table_args__ = (Index(None, "record_kind", "record_id"), Index(None, "created_at"))

    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(200))
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    action: Mapped[str] = mapped_column(String(100))
    record_kind: Mapped[str] = mapped_column(String(50))
    record_id: Mapped[str] = mapped_column(String(200))
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
