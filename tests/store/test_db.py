"""Engines and transactions: SQLite pragmas, commit/rollback, savepoints, and UTC-only times."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import StatementError

from poise.errors import DatabaseError
from poise.store.db import atomic, make_engine, session_scope
from poise.store.migrate import upgrade
from poise.store.models import Customer, Order


def test_db_sqlite_runs_in_wal_mode_with_foreign_keys(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    with engine.connect() as connection:
        modes = (connection.exec_driver_sql("PRAGMA journal_mode").scalar(),
                 connection.exec_driver_sql("PRAGMA foreign_keys").scalar())
    engine.dispose()
    assert modes == ("wal", 1)


def test_db_sqlite_file_folder_is_created(tmp_path: object) -> None:
    url = f"sqlite:///{tmp_path}/deeper/still/poise.db"
    upgrade(url)
    engine = make_engine(url)
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(Customer)) == 0
    engine.dispose()


@pytest.mark.parametrize("url", ["not a url", "nosuchdb://x/y"])
def test_db_bad_url_says_what_to_use(url: str) -> None:
    with pytest.raises(DatabaseError) as caught:
        make_engine(url)
    assert url in str(caught.value) or "nosuchdb" in str(caught.value)
    assert caught.value.hint is not None and "postgresql+psycopg://" in caught.value.hint


def _count(engine: Engine) -> int:
    with session_scope(engine) as session:
        return session.scalar(select(func.count()).select_from(Customer)) or 0


def test_db_session_scope_commits_or_rolls_back(engine: Engine) -> None:
    with session_scope(engine) as session:
        session.add(Customer(external_id="C-1"))
    with pytest.raises(RuntimeError), session_scope(engine) as session:
        session.add(Customer(external_id="C-2"))
        session.flush()
        raise RuntimeError("stop")
    assert _count(engine) == 1


def test_db_atomic_undoes_only_the_failed_block(engine: Engine) -> None:
    with session_scope(engine) as session:
        session.add(Customer(external_id="C-1"))
        session.flush()
        with pytest.raises(RuntimeError), atomic(session):
            session.add(Customer(external_id="C-2"))
            session.flush()
            raise RuntimeError("stop")
        with atomic(session):
            session.add(Customer(external_id="C-3"))
    with session_scope(engine) as session:
        assert sorted(session.scalars(select(Customer.external_id))) == ["C-1", "C-3"]


def test_db_foreign_keys_are_enforced(engine: Engine) -> None:
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), session_scope(engine) as session:
        session.add(Order(external_id="O-1", customer_id=999, ordered_at=datetime(2026, 1, 1, tzinfo=UTC)))
        session.flush()


def test_db_times_come_back_aware_in_utc(engine: Engine) -> None:
    paris = timezone(timedelta(hours=1))
    with session_scope(engine) as session:
        customer = Customer(external_id="C-1", created_at=datetime(2026, 3, 6, 10, 30, tzinfo=paris))
        session.add(customer)
    with session_scope(engine) as session:
        stored = session.scalars(select(Customer.created_at)).one()
    assert (stored, stored.tzinfo) == (datetime(2026, 3, 6, 9, 30, tzinfo=UTC), UTC)


def test_db_naive_times_are_refused(engine: Engine) -> None:
    with pytest.raises(StatementError) as caught, session_scope(engine) as session:
        session.add(Customer(external_id="C-1", created_at=datetime(2026, 3, 6, 10, 30)))
        session.flush()
    assert "naive datetime 2026-03-06T10:30:00" in str(caught.value)
