"""JSON Lines plumbing shared by every bulk command: one output line per input line, in input order.

A line that cannot be handled becomes `{"id", "error", "code"}` (or `{"line": N, ...}` when it has no
id) and the run goes on: nothing is dropped silently.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from poise.errors import MalformedLine, PoiseError


def decode_line(raw: bytes | str, lineno: int) -> tuple[dict[str, Any] | None, dict[str, Any] | None, list[str]]:
    """One raw line -> (object, error, warnings). Invalid UTF-8 is replaced and reported, never fatal."""
    warnings: list[str] = []
    if isinstance(raw, bytes):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            line = raw.decode("utf-8", errors="replace")
            warnings.append("invalid_utf8_replaced")
    else:
        line = raw
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        err = MalformedLine(f"line {lineno} is not JSON ({exc.msg} at column {exc.colno})",
                            hint="each line must be one JSON object")
        return None, {"line": lineno, **err.to_dict()}, warnings
    if not isinstance(obj, dict):
        err = MalformedLine(f"line {lineno} is JSON but not an object", hint="each line must be one JSON object")
        return None, {"line": lineno, **err.to_dict()}, warnings
    return obj, None, warnings


def head_of(obj: dict[str, Any], lineno: int) -> dict[str, Any]:
    """The start of an output line: the input's id, or its line number when it has none."""
    return {"id": obj["id"]} if "id" in obj else {"line": lineno}


def map_lines(lines: Iterable[bytes | str], handle: Callable[[dict[str, Any]], dict[str, Any]]) -> Iterator[str]:
    """Apply `handle` to each JSON object line; PoiseErrors become error lines in place."""
    for lineno, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        obj, error, warnings = decode_line(raw, lineno)
        if obj is None:
            out = error or {}
        else:
            try:
                out = handle(obj)
            except PoiseError as exc:
                out = {**head_of(obj, lineno), **exc.to_dict()}
            if warnings:
                out["warnings"] = warnings + list(out.get("warnings", []))
        yield json.dumps(out, ensure_ascii=False)
