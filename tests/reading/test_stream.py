"""JSONL streaming: one output line per input line, in order, errors in place, workers keep order."""
from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import islice

import pytest

from poise.reading.stream import read_jsonl


def _out(lines: list[bytes | str], workers: int = 1) -> list[dict[str, object]]:
    return [json.loads(x) for x in read_jsonl(lines, workers=workers)]


def test_every_line_answered_in_order_with_errors_in_place() -> None:
    lines: list[bytes | str] = [
        json.dumps({"id": "a", "text": "my order never arrived"}),
        "{not json",
        json.dumps({"id": 7, "text": ""}),
        json.dumps({"id": 8}),
        json.dumps(["a list"]),
        json.dumps({"text": "no id here"}),
    ]
    out = _out(lines)
    assert [o.get("id", o.get("line")) for o in out] == ["a", 2, 7, 8, 5, 6]
    assert "reading" in out[0]
    assert out[1]["code"] == "malformed_line" and out[1]["line"] == 2
    assert out[2]["code"] == "empty_message"
    assert out[3]["code"] == "malformed_line" and "text" in str(out[3]["error"])
    assert out[4]["code"] == "malformed_line"
    assert "reading" in out[5] and out[5]["line"] == 6


def test_invalid_utf8_is_read_with_a_warning() -> None:
    raw = b'{"id": 1, "text": "caf\xe9 order late"}'
    out = _out([raw])
    assert out[0]["id"] == 1
    assert out[0]["warnings"] == ["invalid_utf8_replaced"]
    assert "reading" in out[0]


def test_blank_lines_are_skipped_but_numbering_stays_true() -> None:
    out = _out(["", json.dumps({"id": 1, "text": "hi"}), "  ", "{bad"])
    assert [o.get("id", o.get("line")) for o in out] == [1, 4]


def test_workers_keep_input_order() -> None:
    lines: list[bytes | str] = [json.dumps({"id": i, "text": f"order {i} is late"}) for i in range(1200)]
    out = _out(lines, workers=2)
    assert [o["id"] for o in out] == list(range(1200))


def _endless() -> Iterator[str]:
    n = 0
    while True:
        n += 1
        yield json.dumps({"id": n, "text": "where is my parcel"})


@pytest.mark.parametrize("workers", [1, 2])
def test_input_is_consumed_lazily_so_memory_stays_flat(workers: int) -> None:
    # An endless input: only a streaming reader with a bounded window can return the first lines.
    out = list(islice(read_jsonl(_endless(), workers=workers), 1500))
    assert [json.loads(x)["id"] for x in out] == list(range(1, 1501))


@pytest.mark.parametrize("workers", [1, 2])
def test_progress_callback_counts_every_line(workers: int) -> None:
    # the progress bar `poise read --jsonl` shows on a terminal advances by these counts
    counted: list[int] = []
    lines = [json.dumps({"id": i, "text": "late again"}) for i in range(1300)]
    list(read_jsonl(lines, workers=workers, on_chunk=counted.append))
    assert sum(counted) == 1300 and len(counted) == 3
