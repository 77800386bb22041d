"""Alembic migrations of the record, shipped inside the package (run them with poise.store.migrate)."""
