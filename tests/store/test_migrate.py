"""Migrations: the shipped Alembic scripts build the models' schema and take it down again, on both engines."""
from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from poise.errors import DatabaseError
from poise.store.db import make_engine
from poise.store.migrate import current, downgrade, head, is_current, upgrade
from poise.store.models import Base

ALL_TABLES = {"agents", "api_keys", "audit_entries", "blocks", "communications", "customers", "decisions",
              "deliveries", "drafts", "identities", "messages", "order_items", "orders", "outcomes", "payments",
              "policies", "prevention_actions", "products", "readings", "returns", "root_causes", "tickets",
              "warnings"}


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_migrate_upgrade_then_downgrade_an_empty_database(db_url: str) -> None:
    assert current(db_url) is None
    upgrade(db_url)
    assert (current(db_url), is_current(db_url)) == (head(), True)
    assert _tables(db_url) == ALL_TABLES | {"alembic_version"}
    downgrade(db_url, "base")
    assert current(db_url) is None
    assert _tables(db_url) == {"alembic_version"}


def test_migrate_schema_matches_the_models(db_url: str) -> None:
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_migrate_upgrade_twice_is_harmless(sqlite_url: str) -> None:
    upgrade(sqlite_url)
    upgrade(sqlite_url)
    assert current(sqlite_url) == head()


def test_migrate_unreachable_database_names_the_url() -> None:
    url = "postgresql+psycopg://nobody:secret@127.0.0.1:1/nowhere"
    pytest.importorskip("psycopg")
    with pytest.raises(DatabaseError) as caught:
        current(url)
    assert "postgresql+psycopg://nobody:***@127.0.0.1:1/nowhere" in str(caught.value)
    assert "secret" not in str(caught.value)
