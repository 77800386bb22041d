"""Schema migrations, run from Python: `upgrade(url)`, `downgrade(url, "base")`, `current(url)`.

The Alembic scripts ship inside the package (poise/store/migrations), so users need no alembic.ini; the CLI's
`poise db upgrade|downgrade|status` calls these functions.
"""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.exc import OperationalError

from poise.errors import DatabaseError
from poise.store.db import make_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str) -> Config:
    """An Alembic Config pointing at the shipped migrations and at the database `url`."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # Passed as an attribute, not an option: ConfigParser would choke on a '%' in a password.
    config.attributes["poise_url"] = url
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database at `url` up to `revision` (the newest by default), creating tables as needed.

    Example: `upgrade(load_settings().database_url)`.
    """
    _run(command.upgrade, url, revision)


def downgrade(url: str, revision: str) -> None:
    """Take the database at `url` back to `revision` ("base" removes every poise table; data is lost)."""
    _run(command.downgrade, url, revision)


def current(url: str) -> str | None:
    """The revision the database at `url` is at, or None when it has never been migrated."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    except OperationalError as exc:
        raise DatabaseError(f"cannot reach the database at {_safe(url)}: {exc.orig}",
                            hint="check POISE_DATABASE_URL and that the server is running") from None
    finally:
        engine.dispose()


def head() -> str:
    """The newest revision shipped with this version of poise."""
    revision = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert revision is not None, "the shipped migrations have no head"
    return revision


def is_current(url: str) -> bool:
    """Whether the database at `url` is at the newest shipped revision (else run `poise db upgrade`)."""
    return current(url) == head()


def _run(action: object, url: str, revision: str) -> None:
    try:
        action(alembic_config(url), revision)  # type: ignore[operator]
    except OperationalError as exc:
        raise DatabaseError(f"cannot migrate the database at {_safe(url)}: {exc.orig}",
                            hint="check POISE_DATABASE_URL and that the server is running") from None


def _safe(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
