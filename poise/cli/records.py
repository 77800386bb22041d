"""`poise import`, `poise export` and `poise db ...`: the business's record in and out, and its schema."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from poise.cli.output import print_json
from poise.settings import load_settings

db_app = typer.Typer(name="db", no_args_is_help=True, help="Create, migrate and inspect the record's database.")


def _url() -> str:
    return load_settings().database_url


def _auto_upgrade(url: str) -> None:
    """A one-file SQLite record is created and migrated on first use; a shared PostgreSQL one never silently."""
    if url.startswith("sqlite"):
        from poise.store.commands import db_upgrade
        db_upgrade(url)


def import_cli(file: Annotated[Path, typer.Argument(help="Record file, JSON or YAML (format: docs/records.md).")]) -> None:
    """Import the business's record (policy, products, customers, orders, communications, tickets).

    Idempotent (a second import changes nothing) and atomic (a bad file changes nothing).
    Example: poise import shop.yaml
    """
    from poise.store.commands import import_file
    url = _url()
    _auto_upgrade(url)
    print_json(import_file(file, url).to_dict())


def export_cli(as_yaml: Annotated[bool, typer.Option("--yaml", help="YAML instead of JSON.")] = False) -> None:
    """Export the whole record in the import format (export -> import gives the same record).

    Example: poise export --yaml > shop.yaml
    """
    from poise.store.commands import export_all
    data = export_all(_url())
    if as_yaml:
        import yaml
        sys.stdout.write(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    else:
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


@db_app.command("upgrade")
def db_upgrade_cli(revision: Annotated[str, typer.Argument(help="Target revision.")] = "head") -> None:
    """Migrate the database up to the newest schema (or REVISION).

    Example: POISE_DATABASE_URL=postgresql+psycopg://poise@db/poise poise db upgrade
    """
    from poise.store.commands import db_upgrade
    print_json(db_upgrade(_url(), revision))


@db_app.command("downgrade")
def db_downgrade_cli(revision: Annotated[str, typer.Argument(help='Target revision; "base" drops every poise table.')]) -> None:
    """Migrate the database down to REVISION.

    Example: poise db downgrade base
    """
    from poise.store.commands import db_downgrade
    print_json(db_downgrade(_url(), revision))


@db_app.command("status")
def db_status_cli() -> None:
    """Show which database poise uses and whether its schema is up to date.

    Example: poise db status
    """
    from poise.store.commands import db_status
    print_json(db_status(_url()))
