"""The record commands the CLI wraps: import, export, db upgrade/downgrade/status, demo seeding."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from poise.errors import DatabaseError
from poise.store.commands import (
    db_downgrade,
    db_status,
    db_upgrade,
    export_all,
    import_file,
    safe_url,
    seed_demo_database,
)
from poise.store.migrate import head

SMALL = {"customers": [{"id": "C-1", "name": "Ann", "emails": ["ann@example.com"]}]}


def test_commands_import_needs_a_migrated_database(sqlite_url: str, tmp_path: Path) -> None:
    path = tmp_path / "small.yaml"
    path.write_text(yaml.safe_dump(SMALL), encoding="utf-8")
    with pytest.raises(DatabaseError) as caught:
        import_file(path, sqlite_url)
    assert str(caught.value) == f"the database at {sqlite_url} has no poise tables (run `poise db upgrade` first)"


def test_commands_db_upgrade_import_export_downgrade(sqlite_url: str, tmp_path: Path) -> None:
    assert db_status(sqlite_url) == {"url": sqlite_url, "revision": None, "head": head(), "up_to_date": False}
    assert db_upgrade(sqlite_url)["up_to_date"] is True
    path = tmp_path / "small.yaml"
    path.write_text(yaml.safe_dump(SMALL), encoding="utf-8")
    assert import_file(path, sqlite_url).created == {"customer": 1, "identity": 1}
    exported = export_all(sqlite_url)
    assert exported["customers"][0]["emails"] == ["ann@example.com"]
    assert db_downgrade(sqlite_url, "base")["revision"] is None


def test_commands_seed_demo_database_twice(sqlite_url: str) -> None:
    first, second = seed_demo_database(sqlite_url), seed_demo_database(sqlite_url)
    assert (first.created["customer"], second.changed) == (11, False)


def test_commands_safe_url_hides_the_password() -> None:
    assert safe_url("postgresql+psycopg://ann:s3cret@db.example.com/poise") == (
        "postgresql+psycopg://ann:***@db.example.com/poise")
