"""The Reader: component order is checked, batches equal single reads, errors are returned or raised."""
from __future__ import annotations

import pytest

from poise.errors import ConfigError, EmptyMessage, PoiseError
from poise.reading.pipeline import Parse, Reader, component
from poise.reading.reading import Reading


@component("shout", assigns=("shout",))
def _shout(parses: list[Parse]) -> None:
    for p in parses:
        p.values["extra"] = {"shout": p.text.upper()}


@component("needs_missing", requires=("nothing_assigns_this",))
def _needs_missing(parses: list[Parse]) -> None:
    raise AssertionError("never runs")


def test_reader_rejects_component_whose_requirement_is_never_assigned() -> None:
    with pytest.raises(ConfigError, match="needs_missing"):
        Reader([_shout, _needs_missing])


def test_reader_runs_custom_components_in_order() -> None:
    reading = Reader([_shout]).read("where is it")
    assert reading.extra == {"shout": "WHERE IS IT"}


def test_read_many_keeps_order_and_returns_errors_in_place() -> None:
    reader = Reader([_shout], batch_size=2)
    results = list(reader.read_many(["a", "", "b", "   ", "c"], errors="return"))
    assert [type(r).__name__ for r in results] == ["Reading", "EmptyMessage", "Reading", "EmptyMessage", "Reading"]
    assert [r.extra["shout"] for r in results if isinstance(r, Reading)] == ["A", "B", "C"]


def test_read_many_raises_by_default() -> None:
    with pytest.raises(EmptyMessage):
        list(Reader([_shout]).read_many(["ok", ""]))


def test_default_reader_batch_equals_single_reads() -> None:
    texts = ["my parcel never arrived!!", "thanks so much, all sorted", "how do I reset my password?",
             "you charged me twice, fix it or I call my bank"]
    reader = Reader(batch_size=3)
    batch = list(reader.read_many(texts))
    single = [reader.read(t) for t in texts]
    assert [b.to_dict() for b in batch if isinstance(b, Reading)] == [s.to_dict() for s in single]


def test_reading_to_dict_has_every_contract_field() -> None:
    d = Reader().read("where is my order").to_dict()
    assert set(d) >= {"sentiment", "complaint", "emotions", "abuse", "intent", "stakes", "claims", "summary",
                      "language"}
    assert set(d["abuse"]) >= {"level", "score", "spans"}
    assert set(d["summary"]) == {"issue", "feeling", "want"}


def test_poise_error_carries_code_and_hint() -> None:
    err: PoiseError = EmptyMessage("the message is empty", hint="send text")
    assert err.to_dict() == {"error": "the message is empty (send text)", "code": "empty_message"}


def test_reader_builds_readings_with_every_field_equal_to_the_dataclass_constructor() -> None:
    """The Reader fills each Reading's fields directly (Reading.trusted): none may be missing or extra."""
    import dataclasses

    from poise.reading.reading import Reading

    reading = Reader().read("You charged me twice, I want my money back!")
    assert set(vars(reading)) == {f.name for f in dataclasses.fields(Reading)}
    rebuilt = Reading(**{f.name: getattr(reading, f.name) for f in dataclasses.fields(Reading)})
    assert rebuilt == reading
    assert hash(rebuilt.summary) == hash(reading.summary)
    with pytest.raises(dataclasses.FrozenInstanceError):
        reading.complaint = 0.0  # type: ignore[misc]
