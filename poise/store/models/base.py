"""The shared declarative Base, the column types every model uses, and the small mixins they share.

Why custom types: SQLite keeps no time zone, so `UTCDateTime` stores UTC and hands back aware datetimes on
both SQLite and PostgreSQL (a naive datetime is refused: it is almost always a bug). `JSONData` is plain JSON
on SQLite and JSONB on PostgreSQL.
"""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, DateTime, Integer, MetaData, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

# Stable constraint names, so Alembic migrations can drop and alter them on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

JSONData = JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> datetime:
    """The current time, aware, in UTC (the default for every `*_at` column)."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime stored in UTC; naive datetimes are refused."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()} given to the record: "
                             "pass an aware datetime (e.g. datetime(..., tzinfo=UTC))")
        value = value.astimezone(UTC)
        # SQLite has no zone type: store naive UTC text; PostgreSQL keeps the zone itself.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    """Base of every poise table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(), dict[str, Any]: JSONData, list[Any]: JSONData,
    }


class IdMixin:
    """A surrogate integer primary key (`id`); the business's own id lives in `external_id`."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)


class ExternalIdMixin:
    """The id a record has in the business's own systems: unique per kind, the key of `poise import`."""

    external_id: Mapped[str] = mapped_column(String(200), unique=True)


class AuthoredMixin:
    """When a history row was written and by whom: an agent's email, `poise <version>`, or `import`."""

    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    author: Mapped[str] = mapped_column(String(200), default="poise")
