"""Store fixtures: a fresh, uniquely named PostgreSQL database per test session, and `db_url` for both engines.

The root `postgres_url` fixture skips (or fails under CI) when no server is reachable; databases come from the
root `postgres_database_factory` and are dropped when the session ends, so runs never see each other's rows.
"""
from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from poise.store.db import make_engine
from poise.store.demo import DEMO_NOW, seed_demo
from poise.store.migrate import upgrade
from poise.store.models import Base


@pytest.fixture(scope="session")
def migrated_sqlite_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated once per session; `engine` copies it (faster than migrating every test)."""
    path = tmp_path_factory.mktemp("template") / "poise.db"
    upgrade(f"sqlite:///{path}")  # disposes its engine, which checkpoints the WAL into the file
    return path


@pytest.fixture(scope="session")
def migrated_postgres_url(postgres_database_factory: Callable[[], str]) -> str:
    """URL of a second new PostgreSQL database, migrated once for the session (emptied after each test)."""
    url = postgres_database_factory()
    upgrade(url)
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """An empty, unmigrated database: once a real SQLite file, once PostgreSQL (emptied after each test)."""
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_url")
        return
    url: str = request.getfixturevalue("fresh_postgres_url")
    yield url
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def _empty_tables(engine: Engine) -> None:
    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """An engine on a migrated, empty database: a new SQLite file, or the session's PostgreSQL database."""
    if request.param == "sqlite":
        url: str = request.getfixturevalue("sqlite_url")
        template: Path = request.getfixturevalue("migrated_sqlite_file")
        shutil.copyfile(template, make_url(url).database or "")
    else:
        url = request.getfixturevalue("migrated_postgres_url")
    engine = make_engine(url)
    yield engine
    if request.param == "postgresql":
        _empty_tables(engine)
    engine.dispose()


@pytest.fixture()
def demo_engine(engine: Engine) -> Engine:
    """An engine on a database holding the Juniper & Pine demo record, dated as of DEMO_NOW (may be changed)."""
    seed_demo(engine, DEMO_NOW)
    return engine


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def demo_readonly(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """The demo record shared by a module's tests, which must only read it."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'poise.db'}"
    else:
        # Its own database: the function-scoped `engine` empties the shared one after every test.
        url = request.getfixturevalue("postgres_database_factory")()
    upgrade(url)
    engine = make_engine(url)
    seed_demo(engine, DEMO_NOW)
    yield engine
    engine.dispose()
