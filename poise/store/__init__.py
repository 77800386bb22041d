"""The record: what the business knows (policy, products, customers, orders, what it told whom, tickets).

SQLAlchemy 2 models with Alembic migrations shipped in the package; a SQLite file by default (WAL mode), or
PostgreSQL by URL (`POISE_DATABASE_URL`). Typical use:

    engine = make_engine(url); upgrade(url); import_records(engine, "shop.yaml")
    with session_scope(engine) as session: customer = find_customer(session, "ann@example.com")
"""
from __future__ import annotations

from poise.store.db import atomic, make_engine, session_scope
from poise.store.migrate import current, downgrade, head, is_current, upgrade
from poise.store.queries import current_policy, customer_view, find_customer
from poise.store.records import ImportSummary, export_records, import_records

__all__ = [
    "ImportSummary", "atomic", "current", "current_policy", "customer_view", "downgrade", "export_records",
    "find_customer", "head", "import_records", "is_current", "make_engine", "session_scope", "upgrade",
]
