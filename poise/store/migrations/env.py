"""Alembic environment for poise: the URL comes from `poise.store.migrate`, the schema from the models."""
from __future__ import annotations

from typing import Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext

from poise.store.db import make_engine
from poise.store.models import Base
from poise.store.models.base import UTCDateTime

config = context.config
url: str = config.attributes.get("poise_url") or config.get_main_option("sqlalchemy.url") or ""
if not url:
    raise RuntimeError("no database URL: run migrations through poise.store.migrate (or `poise db upgrade`)")


def render_item(type_: str, obj: object, autogen_context: AutogenContext) -> str | Literal[False]:
    """Write poise's column types as plain SQLAlchemy types, so migrations never import the models."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_offline() -> None:
    """Write the SQL instead of running it (`alembic upgrade --sql`)."""
    context.configure(url=url, target_metadata=Base.metadata, literal_binds=True,
                      render_as_batch=url.startswith("sqlite"))
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Run the migrations on a live connection (batch mode on SQLite, whose ALTER TABLE is limited)."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            context.configure(connection=connection, target_metadata=Base.metadata,
                              render_as_batch=connection.dialect.name == "sqlite", compare_type=True,
                              render_item=render_item)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
