"""Fact-test fixtures: `record` builds a session on a fresh database holding the base record plus the rows a
test names, on a real SQLite file (and on PostgreSQL where a test asks for it), so each test states exactly
the rows it is about.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from factkit import RecordFactory, stub_read, with_base
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from poise.store.db import make_engine
from poise.store.models import Base, Customer
from poise.store.queries import find_customer
from poise.store.records import import_records


@pytest.fixture(params=["sqlite"])
def record(request: pytest.FixtureRequest) -> Iterator[RecordFactory]:
    """record(**sections) -> (session, customer C-1) on a fresh database holding BASE plus the sections."""
    sessions: list[Session] = []
    engines: list[Engine] = []

    def build(**sections: Any) -> tuple[Session, Customer]:
        if request.param == "postgresql":
            url = request.getfixturevalue("postgres_database_factory")()  # its own: store tests expect theirs empty
        else:
            url = request.getfixturevalue("sqlite_url")
        engine = make_engine(url)
        Base.metadata.drop_all(engine)
        Base.metadata.create_all(engine)
        engines.append(engine)
        import_records(engine, with_base(**sections))
        session = Session(engine, expire_on_commit=False)
        sessions.append(session)
        customer = find_customer(session, "ann@example.com")
        assert customer is not None
        return session, customer

    yield build
    for s in sessions:
        s.close()
    for e in engines:
        e.dispose()


@pytest.fixture(autouse=True)
def _no_models_for_earlier_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Earlier messages are read by a stub here: the fact tests test facts, not the reading models."""
    monkeypatch.setattr("poise.facts.history.read_earlier", stub_read)
