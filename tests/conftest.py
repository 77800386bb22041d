"""Shared fixtures: the real data folder, a real SQLite file, and the PostgreSQL server where reachable.

Outside CI a missing data folder or server skips with a message; under CI (CI=true) it fails, because CI
must run everything.
"""
from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

SHARED_DATA = Path(os.environ.get("POISE_SHARED_DATA", Path(__file__).resolve().parents[1].parent / "shared" / "data"))
POSTGRES_URL = os.environ.get("POISE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def skip_or_fail(reason: str) -> None:
    """Skip with a reason on a laptop; fail under CI, where nothing may be skipped for a missing part."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: this may not be skipped)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real labelled data in ../shared/data (read only)."""
    if not SHARED_DATA.is_dir():
        skip_or_fail(f"data folder {SHARED_DATA} not found; set POISE_SHARED_DATA to run data tests")
    return SHARED_DATA


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """URL of the PostgreSQL server on 127.0.0.1:5432 (trust auth, database `test`)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        skip_or_fail("psycopg is not installed (pip install 'poise[postgres]')")
    if not _reachable("127.0.0.1", 5432):
        skip_or_fail("no PostgreSQL server on 127.0.0.1:5432")
    return POSTGRES_URL


@pytest.fixture()
def sqlite_url(tmp_path: Path) -> str:
    """A real SQLite file in a temporary folder."""
    return f"sqlite:///{tmp_path / 'poise.db'}"


def _admin_conninfo(url: str) -> str:
    return make_url(url).set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)


def create_database(postgres_url: str, prefix: str = "poise_test") -> str:
    """Create a new, uniquely named database on the server and return its URL."""
    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_admin_conninfo(postgres_url), autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return make_url(postgres_url).set(database=name).render_as_string(hide_password=False)


def drop_database(postgres_url: str, url: str) -> None:
    """Drop a database made by create_database (its connections are closed first)."""
    import psycopg

    name = make_url(url).database
    with psycopg.connect(_admin_conninfo(postgres_url), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def postgres_database_factory(postgres_url: str) -> Iterator[Callable[[], str]]:
    """make() -> URL of a new, empty PostgreSQL database; all are dropped when the session ends."""
    made: list[str] = []

    def make() -> str:
        made.append(create_database(postgres_url))
        return made[-1]

    yield make
    for url in made:
        drop_database(postgres_url, url)


@pytest.fixture(scope="session")
def fresh_postgres_url(postgres_database_factory: Callable[[], str]) -> str:
    """URL of a new, empty PostgreSQL database for this test session, so runs never see each other's rows."""
    return postgres_database_factory()
