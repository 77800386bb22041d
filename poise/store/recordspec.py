"""The record file format, declared once: its sections, fields, types and nesting (docs/records.md).

Import validates a whole file against this spec before it writes anything, and the JSON Schema shipped as
poise/store/records.schema.json is generated from it (`json_schema()`), so the two cannot drift apart.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

FORMAT = "poise-records/1"

_CURRENCY = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Field:
    """One field of a record: its name, type, whether it is required, and the values it may take."""

    name: str
    type: str                     # string | text | integer | count | cents | percent | boolean | datetime | currency
    #                               | strings | object | list (nested records, see Section.children)
    required: bool = False
    choices: tuple[str, ...] = ()
    help: str = ""


@dataclass(frozen=True)
class Section:
    """A kind of record: its key field (the business's id), its fields, and nested lists of records."""

    kind: str
    key: str | None
    fields: tuple[Field, ...]
    children: tuple[tuple[str, Section], ...] = ()

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields) + tuple(name for name, _ in self.children)


def _f(name: str, type_: str = "string", required: bool = False, *choices: str, help: str = "") -> Field:
    return Field(name, type_, required, tuple(choices), help)


BUSINESS = Section("business", None, (
    _f("name", help="the business's name, used in replies"),
    _f("currency", "currency", help="ISO 4217 code of every amount, e.g. USD"),
    _f("timezone", help="IANA zone of the business hours, e.g. Europe/London"),
    _f("business_hours", "object", help='e.g. {"mon": ["09:00", "17:00"]}'),
    _f("holidays", "strings", help="dates the desk is closed, YYYY-MM-DD"),
))
POLICY = Section("policy", None, (
    _f("version", "count", help="policy version; a changed policy is stored as the next version"),
    _f("return_window_days", "count"), _f("restocking_fee_percent", "percent"),
    _f("refund_authority_cents", "cents", help="an agent may refund up to this without a manager"),
    _f("part_ways_refund_limit_cents", "cents", help="refund the order on parting ways when within this"),
    _f("repeat_window_days", "count"), _f("repeat_threshold", "count"), _f("first_response_minutes", "count"),
    _f("return_policy_text", "text"),
))
PRODUCT = Section("product", "sku", (
    _f("sku", required=True), _f("name", required=True), _f("category"), _f("price_cents", "cents"),
    _f("currency", "currency"), _f("refundable", "boolean"), _f("return_window_days", "count"),
    _f("policy_text", "text"),
))
WARNING = Section("warning", None, (
    _f("at", "datetime", True), _f("kind"), _f("reason", "text"), _f("by"),
))
CUSTOMER = Section("customer", "id", (
    _f("id", required=True), _f("name"), _f("status", "string", False, "active", "blocked"), _f("notes", "text"),
    _f("created_at", "datetime"), _f("emails", "strings", help="the first is the primary address"),
    _f("phones", "strings"), _f("handles", "strings"),
), children=(("warnings", WARNING),))
ITEM = Section("item", None, (
    _f("sku", required=True), _f("quantity", "count"), _f("unit_price_cents", "cents"),
))
PAYMENT = Section("payment", "id", (
    _f("id", required=True), _f("kind", "string", True, "charge", "refund", "chargeback"),
    _f("amount_cents", "cents", True), _f("paid_at", "datetime", True), _f("currency", "currency"),
    _f("reference"),
))
DELIVERY = Section("delivery", "id", (
    _f("id", required=True), _f("carrier"), _f("tracking"),
    _f("status", "string", False, "pending", "in_transit", "delivered", "lost", "returned"),
    _f("shipped_at", "datetime"), _f("delivered_at", "datetime"),
    _f("proof", "string", False, "signature", "photo", "none"), _f("signed_by"),
))
RETURN = Section("return", "id", (
    _f("id", required=True), _f("sku", help="the returned item (or `line`)"),
    _f("line", "count", help="1-based item line, when the sku appears twice"), _f("quantity", "count"),
    _f("requested_at", "datetime", True), _f("received_at", "datetime"), _f("reason_stated", "text"),
    _f("condition_found", "text"), _f("status"),
))
ORDER = Section("order", "id", (
    _f("id", required=True), _f("customer", required=True, help="the customer's id"),
    _f("ordered_at", "datetime", True), _f("promised_by", "datetime"), _f("status"), _f("currency", "currency"),
    _f("notes", "text"),
), children=(("items", ITEM), ("payments", PAYMENT), ("deliveries", DELIVERY), ("returns", RETURN)))
COMMUNICATION = Section("communication", "id", (
    _f("id", required=True), _f("customer", help="the customer's id; or give `segment`"),
    _f("segment", help='"all": sent to every customer'), _f("order", help="the order's id"),
    _f("channel"), _f("to_address"), _f("subject"), _f("body", "text"),
    _f("topics", "strings", help='e.g. ["setup instructions"]'), _f("sent_at", "datetime", True),
    _f("opened_at", "datetime"),
))
ROOT_CAUSE = Section("root_cause", "code", (
    _f("code", required=True), _f("name", required=True), _f("description", "text"),
))
MESSAGE = Section("message", "message_id", (
    _f("message_id", help="the email Message-ID; unique"), _f("direction", "string", True, "in", "out", "note"),
    _f("channel"), _f("author"), _f("subject"), _f("text", "text"), _f("html", "text"),
    _f("sent_at", "datetime", True), _f("in_reply_to"), _f("references", "strings"),
    _f("attachments", "strings"),
))
TICKET = Section("ticket", "id", (
    _f("id", required=True), _f("customer"), _f("channel"), _f("subject"),
    _f("status", "string", False, "open", "pending", "closed"), _f("priority", "count"),
    _f("opened_at", "datetime", True), _f("first_response_due_at", "datetime"),
    _f("first_responded_at", "datetime"), _f("closed_at", "datetime"), _f("root_cause", help="a root cause code"),
), children=(("messages", MESSAGE),))

SINGLE_SECTIONS: tuple[tuple[str, Section], ...] = (("business", BUSINESS), ("policy", POLICY))
LIST_SECTIONS: tuple[tuple[str, Section], ...] = (
    ("products", PRODUCT), ("customers", CUSTOMER), ("orders", ORDER), ("communications", COMMUNICATION),
    ("root_causes", ROOT_CAUSE), ("tickets", TICKET),
)
TOP_LEVEL: tuple[str, ...] = ("format",) + tuple(n for n, _ in SINGLE_SECTIONS) + tuple(n for n, _ in LIST_SECTIONS)


class SpecProblem(ValueError):
    """A value that does not fit its field; `where` names the record, `field` the field."""

    def __init__(self, where: str, field: str | None, message: str) -> None:
        super().__init__(message)
        self.where = where
        self.field = field
        self.message = message


def parse_datetime(value: Any) -> datetime:
    """An aware UTC datetime from a YAML datetime or an ISO 8601 string with a zone (else ValueError/TypeError)."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        raise TypeError(f"{value.isoformat()} is a date without a time: write e.g. {value.isoformat()}T00:00:00Z")
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            raise ValueError(f"{value!r} is not an ISO 8601 date-time (e.g. 2026-03-06T10:00:00Z)") from None
    else:
        raise TypeError(f"{value!r} is not a date-time (e.g. 2026-03-06T10:00:00Z)")
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise ValueError(f"{value!s} has no time zone: add Z for UTC or an offset such as +01:00")
    return parsed.astimezone(UTC)


def format_datetime(value: datetime) -> str:
    """The export form of a datetime: ISO 8601 in UTC with a Z."""
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def check_value(field: Field, value: Any) -> Any:
    """The value converted to its stored form, or ValueError saying what is wrong with it."""
    t = field.type
    if t in ("string", "text"):
        if not isinstance(value, str) or (field.required and not value.strip()):
            raise ValueError(f"{value!r} is not a non-empty text" if field.required else f"{value!r} is not text")
        if field.choices and value not in field.choices:
            raise ValueError(f"{value!r} is not one of {', '.join(field.choices)}")
        return value.strip() if t == "string" else value
    if t in ("integer", "count", "cents", "percent"):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{value!r} is not a whole number" + (" (amounts are in cents)" if t == "cents" else ""))
        if t in ("count", "cents", "percent") and value < 0:
            raise ValueError(f"{value} is negative")
        if t == "percent" and value > 100:
            raise ValueError(f"{value} is more than 100 percent")
        return value
    if t == "boolean":
        if not isinstance(value, bool):
            raise ValueError(f"{value!r} is not true or false")
        return value
    if t == "datetime":
        return parse_datetime(value)
    if t == "currency":
        if not isinstance(value, str) or not _CURRENCY.match(value):
            raise ValueError(f"{value!r} is not a three-letter currency code such as USD")
        return value
    if t == "strings":
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ValueError(f"{value!r} is not a list of texts")
        return [v.strip() for v in value]
    if t == "object":
        if not isinstance(value, dict):
            raise ValueError(f"{value!r} is not a mapping")
        return value
    raise AssertionError(f"unknown field type {t}")


def check_record(section: Section, raw: Any, where: str) -> dict[str, Any]:
    """One record checked against its section (nested lists included), with values converted.

    Raises SpecProblem naming the record (`where`) and the field.
    """
    if not isinstance(raw, dict):
        raise SpecProblem(where, None, f"is {type(raw).__name__}, not a mapping of fields")
    unknown = sorted(str(k) for k in raw if k not in section.names)
    if unknown:
        raise SpecProblem(where, unknown[0], f"unknown field; the fields of a {section.kind} are "
                                             f"{', '.join(section.names)}")
    out: dict[str, Any] = {}
    for field in section.fields:
        if field.name not in raw or raw[field.name] is None:
            if field.required:
                raise SpecProblem(where, field.name, "is required")
            continue
        try:
            out[field.name] = check_value(field, raw[field.name])
        except (ValueError, TypeError) as exc:
            raise SpecProblem(where, field.name, str(exc)) from None
    for name, child in section.children:
        items = raw.get(name)
        if items is None:
            continue
        if not isinstance(items, list):
            raise SpecProblem(where, name, f"is {type(items).__name__}, not a list of {child.kind} records")
        out[name] = [check_record(child, item, f"{where} {name}[{i}]") for i, item in enumerate(items)]
    return out


_JSON_TYPES: dict[str, dict[str, Any]] = {
    "string": {"type": "string"}, "text": {"type": "string"}, "integer": {"type": "integer"},
    "count": {"type": "integer", "minimum": 0}, "cents": {"type": "integer", "minimum": 0},
    "percent": {"type": "integer", "minimum": 0, "maximum": 100}, "boolean": {"type": "boolean"},
    "datetime": {"type": "string", "format": "date-time",
                 "pattern": r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|z|[+-]\d{2}:\d{2})$"},
    "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
    "strings": {"type": "array", "items": {"type": "string", "minLength": 1}}, "object": {"type": "object"},
}


def _section_schema(section: Section) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for field in section.fields:
        prop = dict(_JSON_TYPES[field.type])
        if field.choices:
            prop["enum"] = list(field.choices)
        if field.required and field.type in ("string", "text"):
            prop["minLength"] = 1
        if field.help:
            prop["description"] = field.help
        properties[field.name] = prop
    for name, child in section.children:
        properties[name] = {"type": "array", "items": _section_schema(child)}
    schema: dict[str, Any] = {"type": "object", "additionalProperties": False, "properties": properties}
    required = [f.name for f in section.fields if f.required]
    if required:
        schema["required"] = required
    return schema


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a record file; shipped as poise/store/records.schema.json."""
    properties: dict[str, Any] = {"format": {"const": FORMAT}}
    for name, section in SINGLE_SECTIONS:
        properties[name] = _section_schema(section)
    for name, section in LIST_SECTIONS:
        properties[name] = {"type": "array", "items": _section_schema(section)}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "poise record file",
            "description": "The whole record of a business, as read by `poise import` and written by `poise export`"
                           " (see docs/records.md).",
            "type": "object", "additionalProperties": False, "properties": properties}
