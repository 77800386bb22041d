"""Engines and transactions: SQLite by default (WAL, foreign keys on), PostgreSQL by URL.

`make_engine(url)` is the one place an engine is built, so every engine gets the SQLite pragmas.
`session_scope(engine)` commits on success and rolls back on any error; `atomic(session)` wraps a block in a
transaction, or a savepoint when one is already open, so a failed block changes nothing.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from poise.errors import DatabaseError


def _on_sqlite_connect(dbapi_connection: Any, connection_record: Any) -> None:
    # Let SQLAlchemy emit BEGIN itself (pysqlite's own transaction handling breaks SAVEPOINTs), then turn on
    # WAL (readers do not block the writer) and foreign keys (off by default in SQLite).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _on_sqlite_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Build an engine for `url` (creating the SQLite file's folder), with poise's connection settings.

    Example: `make_engine(load_settings().database_url)`.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(f"database URL {url!r} cannot be parsed",
                            hint="use sqlite:///path/to/poise.db or postgresql+psycopg://user@host/db") from None
    is_sqlite = parsed.get_backend_name() == "sqlite"
    if is_sqlite and parsed.database and parsed.database != ":memory:":
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(parsed, **kwargs)
    except NoSuchModuleError:
        raise DatabaseError(f"no database driver for {parsed.drivername!r}",
                            hint="for PostgreSQL install poise[postgres] and use postgresql+psycopg://") from None
    except ModuleNotFoundError as exc:
        raise DatabaseError(f"the driver for {parsed.drivername!r} is not installed ({exc.name})",
                            hint="for PostgreSQL: pip install 'poise[postgres]'") from None
    if is_sqlite:
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
    return engine


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session whose work is committed when the block ends, or rolled back if it raises.

    Example: `with session_scope(engine) as session: session.add(customer)`.
    """
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


@contextmanager
def atomic(session: Session) -> Iterator[Session]:
    """Run a block all-or-nothing inside `session`: a transaction, or a savepoint if one is already open.

    On error the block's changes are undone and the error is raised again; on success a savepoint is
    released (the outer transaction still decides), a transaction committed.
    """
    if session.in_transaction():
        with session.begin_nested():
            yield session
    else:
        with session.begin():
            yield session
