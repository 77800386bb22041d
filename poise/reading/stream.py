"""JSON Lines in, JSON Lines out: the bulk path of `poise read --jsonl` and archive analysis.

Every input line yields exactly one output line, in input order: `{"id", "reading"}` or, for a line that
cannot be read, `{"id", "error", "code"}` (`{"line": N, ...}` when there is no id). Lines are processed in
chunks, so memory stays flat however long the input is.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

from poise.errors import MalformedLine, PoiseError
from poise.jsonl import decode_line, head_of
from poise.reading.pipeline import Reader, default_reader

CHUNK_LINES = 512


def parse_line(raw: bytes | str, lineno: int, *, field: str = "text"
               ) -> tuple[dict[str, Any], str | None, dict[str, Any] | None]:
    """Decode one JSONL line -> (output head, text, error object). Exactly one of text / error is set.

    The head starts the output line: the input's id (or the line number when it has none) and warnings.
    """
    obj, error, warnings = decode_line(raw, lineno)
    if obj is None:
        return {}, None, error
    head = head_of(obj, lineno)
    text = obj.get(field)
    if not isinstance(text, str):
        err = MalformedLine(f"line {lineno} has no {field!r} string field",
                            hint=f'add "{field}": "the customer\'s message"')
        return head, None, {**head, **err.to_dict()}
    if warnings:
        head["warnings"] = warnings
    return head, text, None


def read_chunk(lines: list[tuple[int, bytes | str]], reader: Reader | None = None) -> list[str]:
    """Read one chunk of numbered JSONL lines and return the output lines (JSON strings), in order."""
    reader = reader or default_reader()
    slots: list[dict[str, Any]] = []
    texts: list[str] = []
    for lineno, raw in lines:
        head, text, error = parse_line(raw, lineno)
        if error is not None:
            slots.append(error)
            continue
        slots.append(head)
        texts.append(text or "")
    results = iter(reader.read_many(texts, errors="return"))
    out: list[str] = []
    for slot in slots:
        if "error" not in slot:
            result = next(results)
            slot = dict(slot)
            if isinstance(result, PoiseError):
                slot.update(result.to_dict())
            else:
                slot["reading"] = result.to_dict()
        out.append(json.dumps(slot, ensure_ascii=False))
    return out


def chunks(lines: Iterable[bytes | str], size: int = CHUNK_LINES) -> Iterator[list[tuple[int, bytes | str]]]:
    """Number lines from 1 and group them into chunks, skipping blank lines (they carry no record)."""
    numbered = ((n, raw) for n, raw in enumerate(lines, 1) if raw.strip())
    while chunk := list(islice(numbered, size)):
        yield chunk


def read_jsonl(lines: Iterable[bytes | str], *, workers: int = 1,
               on_chunk: Callable[[int], None] | None = None) -> Iterator[str]:
    """Stream output lines for input JSONL lines; `workers` > 1 reads chunks in that many processes."""
    if workers <= 1:
        for chunk in chunks(lines):
            yield from read_chunk(chunk)
            if on_chunk:
                on_chunk(len(chunk))
        return
    import multiprocessing as mp
    from collections import deque
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(workers) as pool:
        # A bounded window of chunks in flight: Pool.imap would drain the whole input into its queue,
        # so memory would grow with the input instead of staying flat.
        pending: deque[Any] = deque()
        for chunk in chunks(lines):
            pending.append(pool.apply_async(read_chunk, (chunk,)))
            if len(pending) >= 2 * workers:
                chunk_out = pending.popleft().get()
                yield from chunk_out
                if on_chunk:
                    on_chunk(len(chunk_out))
        while pending:
            chunk_out = pending.popleft().get()
            yield from chunk_out
            if on_chunk:
                on_chunk(len(chunk_out))
