"""What the CLI's record commands do, as plain functions: `poise import`, `poise export`, `poise db ...`.

Each takes the database URL (the CLI passes `load_settings().database_url`) and returns data for the CLI to
print, so the CLI stays a thin wrapper and tests call these directly.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from poise.errors import DatabaseError
from poise.store.db import make_engine, session_scope
from poise.store.demo import seed_demo
from poise.store.migrate import current, downgrade, head, upgrade
from poise.store.records import ImportSummary, export_records, import_records


def require_migrated(url: str) -> None:
    """Raise DatabaseError unless the database at `url` is at the newest shipped revision."""
    revision, newest = current(url), head()
    if revision != newest:
        state = "has no poise tables" if revision is None else f"is at revision {revision}, not {newest}"
        raise DatabaseError(f"the database at {safe_url(url)} {state}", hint="run `poise db upgrade` first")


def import_file(path: str | Path, url: str) -> ImportSummary:
    """`poise import FILE`: import a JSON/YAML record file into the (migrated) database at `url`."""
    require_migrated(url)
    engine = make_engine(url)
    try:
        return import_records(engine, path)
    finally:
        engine.dispose()


def export_all(url: str) -> dict[str, Any]:
    """`poise export`: the whole record at `url` in the import format (dump it as JSON or YAML)."""
    require_migrated(url)
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            return export_records(session)
    finally:
        engine.dispose()


def db_upgrade(url: str, revision: str = "head") -> dict[str, Any]:
    """`poise db upgrade`: migrate the database at `url` up; returns db_status afterwards."""
    upgrade(url, revision)
    return db_status(url)


def db_downgrade(url: str, revision: str) -> dict[str, Any]:
    """`poise db downgrade REVISION`: migrate down ("base" drops every poise table); returns db_status after."""
    downgrade(url, revision)
    return db_status(url)


def db_status(url: str) -> dict[str, Any]:
    """`poise db status`: where the database is, its revision, the newest revision, and whether they match."""
    revision, newest = current(url), head()
    return {"url": safe_url(url), "revision": revision, "head": newest, "up_to_date": revision == newest}


def seed_demo_database(url: str) -> ImportSummary:
    """`poise demo` (record part): migrate the database at `url` and load the Juniper & Pine demo into it."""
    upgrade(url)
    engine = make_engine(url)
    try:
        return seed_demo(engine)
    finally:
        engine.dispose()


def safe_url(url: str) -> str:
    """The URL with any password hidden, for messages and status output."""
    return make_url(url).render_as_string(hide_password=True)
