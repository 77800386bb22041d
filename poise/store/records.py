"""`poise import`: load a whole record file (JSON or YAML) into the store, idempotently and atomically.

Idempotent: every record is matched by the business's own id (`external_id`), so importing the same file
twice changes nothing. Atomic: the file is checked first and written in one transaction, so a bad file
changes nothing. Every problem is an ImportProblem naming the file, the record and the field.
The format is declared in recordspec.py and documented in docs/records.md; `export_records` writes it back.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from poise.errors import ImportProblem
from poise.store.db import atomic, session_scope
from poise.store.export import export_records
from poise.store.importer import Importer, synthetic_message_id
from poise.store.models import normalize_identity
from poise.store.recordspec import (
    FORMAT,
    LIST_SECTIONS,
    SINGLE_SECTIONS,
    TOP_LEVEL,
    SpecProblem,
    check_record,
)

__all__ = ["ImportSummary", "export_records", "import_records", "load_record_file", "synthetic_message_id",
           "validate_records"]

@dataclass
class ImportSummary:
    """How many records of each kind an import created, updated, or found already as the file says."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, outcome: str) -> None:
        bucket = getattr(self, outcome)
        bucket[kind] = bucket.get(kind, 0) + 1

    @property
    def changed(self) -> bool:
        """Whether the import changed anything at all."""
        return bool(self.created or self.updated)

    def to_dict(self) -> dict[str, dict[str, int]]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


def _problem(source: str, where: str, field_name: str | None, message: str) -> ImportProblem:
    place = f"{where}, field {field_name!r}" if field_name else where
    return ImportProblem(f"{source}: {place}: {message}",
                         hint="fix the file and import it again; nothing was changed")


def load_record_file(path: str | Path) -> Any:
    """The parsed content of a record file: JSON by a .json suffix, YAML otherwise (YAML also reads JSON)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ImportProblem(f"{path}: cannot be read ({exc.strerror})", hint="check the path") from None
    except UnicodeDecodeError:
        raise ImportProblem(f"{path}: is not UTF-8 text", hint="save the file as UTF-8") from None
    try:
        return json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise ImportProblem(f"{path}: line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})",
                            hint="fix the file and import it again; nothing was changed") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise ImportProblem(f"{path}: {where}not valid YAML ({getattr(exc, 'problem', exc)})",
                            hint="fix the file and import it again; nothing was changed") from None


def _label(kind: str, section_key: str | None, raw: Any, index: int) -> str:
    key = raw.get(section_key) if section_key and isinstance(raw, dict) else None
    return f"{kind} {key!s}" if isinstance(key, (str, int)) and key != "" else f"{kind} #{index + 1}"


def validate_records(data: Any, source: str = "<data>") -> dict[str, Any]:
    """The record checked field by field and for duplicate ids, with values converted (nothing is written).

    Raises ImportProblem naming `source`, the record (kind and id, or position) and the field.
    """
    if not isinstance(data, dict):
        raise _problem(source, "the file", None, f"holds {type(data).__name__}, not a mapping of sections "
                                                 f"({', '.join(TOP_LEVEL)})")
    unknown = sorted(str(k) for k in data if k not in TOP_LEVEL)
    if unknown:
        raise _problem(source, "the file", unknown[0], f"unknown section; the sections are {', '.join(TOP_LEVEL)}")
    if data.get("format", FORMAT) != FORMAT:
        raise _problem(source, "the file", "format", f"{data['format']!r} is not {FORMAT!r}")
    parsed: dict[str, Any] = {}
    try:
        for name, section in SINGLE_SECTIONS:
            if data.get(name) is not None:
                parsed[name] = check_record(section, data[name], name)
        for name, section in LIST_SECTIONS:
            items = data.get(name)
            if items is None:
                continue
            if not isinstance(items, list):
                raise SpecProblem(name, None, f"is {type(items).__name__}, not a list of {section.kind} records")
            parsed[name] = [check_record(section, raw, _label(section.kind, section.key, raw, i))
                            for i, raw in enumerate(items)]
    except SpecProblem as exc:
        raise _problem(source, exc.where, exc.field, exc.message) from None
    _check_unique(parsed, source)
    return parsed


def _check_unique(parsed: dict[str, Any], source: str) -> None:
    def once(seen: dict[str, str], key: str, where: str, field_name: str) -> None:
        if key in seen:
            raise _problem(source, where, field_name, f"{key!r} is used twice (also by {seen[key]})")
        seen[key] = where

    for name, section in LIST_SECTIONS:
        seen: dict[str, str] = {}
        for record in parsed.get(name, []):
            assert section.key is not None
            once(seen, record[section.key], f"{section.kind} {record[section.key]}", section.key)
    for child in ("payments", "deliveries", "returns"):
        seen = {}
        for order in parsed.get("orders", []):
            for record in order.get(child, []):
                once(seen, record["id"], f"order {order['id']} {child} {record['id']}", "id")
    seen = {}
    for customer in parsed.get("customers", []):
        for kind in ("emails", "phones", "handles"):
            for value in customer.get(kind, []):
                once(seen, f"{kind}:{normalize_identity(kind[:-1], value)}", f"customer {customer['id']}", kind)
    seen = {}
    for ticket in parsed.get("tickets", []):
        for i, message in enumerate(ticket.get("messages", [])):
            if "message_id" in message:
                once(seen, message["message_id"], f"ticket {ticket['id']} messages[{i}]", "message_id")


def import_records(target: Session | Engine, source: str | Path | Mapping[str, Any], *,
                   author: str = "import") -> ImportSummary:
    """Import a whole record (a JSON/YAML file path, or already-parsed data) into the store.

    Records are matched by their ids and updated to what the file says; fields a record leaves out keep
    their stored values, and nothing is ever deleted. All or nothing: on any problem the store is unchanged
    and ImportProblem names the file, the record and the field.
    Example: `import_records(engine, "shop.yaml")`.
    """
    if isinstance(source, Mapping):
        data, name = dict(source), "<data>"
    else:
        data, name = load_record_file(source), str(source)
    parsed = validate_records(data, name)
    summary = ImportSummary()

    def problem(where: str, field_name: str | None, message: str) -> ImportProblem:
        return _problem(name, where, field_name, message)

    if isinstance(target, Engine):
        with session_scope(target) as session:
            Importer(session, author, problem, summary.count).run(parsed)
    else:
        with atomic(target):
            Importer(target, author, problem, summary.count).run(parsed)
    return summary
