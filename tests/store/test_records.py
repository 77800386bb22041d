"""Import and export of the whole record: idempotent, atomic, precise about problems, and round-tripping."""
from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import Engine, func, select

from poise.errors import ImportProblem
from poise.store.db import session_scope
from poise.store.demo import DEMO_NOW, demo_record
from poise.store.migrate import upgrade
from poise.store.models import Base, Customer, PolicyRecord
from poise.store.queries import find_customer, merge_customers
from poise.store.records import export_records, import_records
from poise.store.recordspec import json_schema

HINT = " (fix the file and import it again; nothing was changed)"
SMALL: dict[str, Any] = {
    "format": "poise-records/1",
    "products": [{"sku": "BEANS", "name": "Beans", "price_cents": 2800}],
    "customers": [{"id": "C-1", "name": "Ann", "emails": ["ann@example.com"]}],
    "orders": [{"id": "O-1", "customer": "C-1", "ordered_at": "2026-03-06T10:00:00Z", "items": [{"sku": "BEANS"}],
                "payments": [{"id": "P-1", "kind": "charge", "amount_cents": 2800,
                              "paid_at": "2026-03-06T10:00:05Z"}]}],
    "tickets": [{"id": "T-1", "customer": "C-1", "opened_at": "2026-03-07T09:00:00Z",
                 "messages": [{"message_id": "<m1@example.com>", "direction": "in", "text": "Hi",
                               "sent_at": "2026-03-07T09:00:00Z"}]}],
}


def _counts(engine: Engine) -> dict[str, int]:
    with session_scope(engine) as session:
        return {t.name: session.scalar(select(func.count()).select_from(t)) or 0
                for t in Base.metadata.sorted_tables}


def _export(engine: Engine) -> dict[str, Any]:
    with session_scope(engine) as session:
        return export_records(session)


def _write(tmp_path: Path, data: Any, name: str = "record.yaml") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data) if name.endswith(".json") else yaml.safe_dump(data, sort_keys=False),
                    encoding="utf-8")
    return path


def test_records_import_twice_changes_nothing(engine: Engine, tmp_path: Path) -> None:
    path = _write(tmp_path, demo_record(DEMO_NOW))
    first = import_records(engine, path)
    counts, exported = _counts(engine), _export(engine)
    second = import_records(engine, path)
    assert (second.changed, second.created, second.updated) == (False, {}, {})
    assert second.unchanged == {k: v for k, v in first.created.items()}
    assert (_counts(engine), _export(engine)) == (counts, exported)


def test_records_import_updates_a_changed_field(engine: Engine) -> None:
    import_records(engine, SMALL)
    changed = copy.deepcopy(SMALL)
    changed["customers"][0]["name"] = "Ann Lee"
    summary = import_records(engine, changed)
    assert (summary.created, summary.updated) == ({}, {"customer": 1})
    with session_scope(engine) as session:
        assert session.scalars(select(Customer.name)).one() == "Ann Lee"


def _bad(path: list[Any], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(SMALL)
    data["customers"].append({"id": "C-2", "name": "Ben", "emails": ["ben@example.com"]})  # must not be stored
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return data


MALFORMED = [
    pytest.param(_bad(["orders", 0, "ordered_at"], "2026-03-06 10:00"),
                 "order O-1, field 'ordered_at': 2026-03-06 10:00 has no time zone: add Z for UTC or an offset "
                 "such as +01:00", id="naive-time"),
    pytest.param(_bad(["orders", 0, "ordered_at"], "6 March"),
                 "order O-1, field 'ordered_at': '6 March' is not an ISO 8601 date-time (e.g. 2026-03-06T10:00:00Z)",
                 id="not-a-time"),
    pytest.param(_bad(["products", 0, "prce_cents"], 100),
                 "product BEANS, field 'prce_cents': unknown field; the fields of a product are sku, name, "
                 "category, price_cents, currency, refundable, return_window_days, policy_text", id="typo"),
    pytest.param(_bad(["orders", 0, "payments", 0, "kind"], "credit"),
                 "order O-1 payments[0], field 'kind': 'credit' is not one of charge, refund, chargeback",
                 id="bad-choice"),
    pytest.param(_bad(["orders", 0, "payments", 0, "amount_cents"], "28.00"),
                 "order O-1 payments[0], field 'amount_cents': '28.00' is not a whole number (amounts are in cents)",
                 id="money-as-text"),
    pytest.param(_bad(["customers", 1, "id"], None), "customer #2, field 'id': is required", id="missing-id"),
    pytest.param(_bad(["customers", 1, "id"], "C-1"),
                 "customer C-1, field 'id': 'C-1' is used twice (also by customer C-1)", id="duplicate-id"),
    pytest.param(_bad(["orders", 0, "customer"], "C-404"),
                 "order O-1, field 'customer': no customer 'C-404' in the file or the store", id="unknown-ref"),
    pytest.param(_bad(["orders", 0, "items", 0, "sku"], "TEA"),
                 "order O-1 items[0], field 'sku': no product 'TEA' in the file or the store", id="unknown-sku"),
    pytest.param(_bad(["customers", 1, "emails"], ["ann@example.com"]),
                 "customer C-2, field 'emails': 'emails:ann@example.com' is used twice (also by customer C-1)",
                 id="shared-email"),
    pytest.param(_bad(["tickets", 0, "status"], "solved"),
                 "ticket T-1, field 'status': 'solved' is not one of open, pending, closed", id="ticket-status"),
    pytest.param(_bad(["orders"], {"id": "O-1"}), "orders: is dict, not a list of order records", id="not-a-list"),
    pytest.param(_bad(["format"], "poise-records/9"), "the file, field 'format': 'poise-records/9' is not "
                 "'poise-records/1'", id="format"),
]


@pytest.mark.parametrize(("data", "problem"), MALFORMED)
def test_records_malformed_file_changes_nothing_and_names_the_problem(engine: Engine, tmp_path: Path,
                                                                      data: dict[str, Any], problem: str) -> None:
    import_records(engine, SMALL)
    before, exported = _counts(engine), _export(engine)
    path = _write(tmp_path, data)
    with pytest.raises(ImportProblem) as caught:
        import_records(engine, path)
    assert str(caught.value) == f"{path}: {problem}{HINT}"
    assert (_counts(engine), _export(engine)) == (before, exported)


def test_records_conflict_with_the_store_rolls_back_the_whole_file(engine: Engine, tmp_path: Path) -> None:
    import_records(engine, SMALL)
    before = _counts(engine)
    other = {"customers": [{"id": "C-2", "name": "Ben", "emails": ["ben@example.com"]}],
             "tickets": [{"id": "T-2", "customer": "C-2", "opened_at": "2026-03-08T09:00:00Z",
                          "messages": [{"message_id": "<m1@example.com>", "direction": "in", "text": "Hello",
                                        "sent_at": "2026-03-08T09:00:00Z"}]}]}
    path = _write(tmp_path, other, "other.json")
    with pytest.raises(ImportProblem) as caught:
        import_records(engine, path)
    assert str(caught.value) == (f"{path}: ticket T-2 messages[0], field 'message_id': '<m1@example.com>' is "
                                 f"already a message of ticket T-1{HINT}")
    assert _counts(engine) == before


def test_records_email_of_another_stored_customer_is_refused(engine: Engine) -> None:
    import_records(engine, SMALL)
    with pytest.raises(ImportProblem) as caught:
        import_records(engine, {"customers": [{"id": "C-9", "emails": ["ANN@example.com"]}]})
    assert str(caught.value) == ("<data>: customer C-9, field 'emails': 'ann@example.com' already belongs to "
                                 "customer C-1; merge the two customers or remove the address from one of them"
                                 + HINT)


@pytest.mark.parametrize(("text", "problem"), [
    ("customers:\n  - id: C-1\n    name: [unclosed\n", "line 4, column 1: not valid YAML"),
    ("- just\n- a list\n", "the file: holds list, not a mapping of sections"),
])
def test_records_unreadable_yaml_names_the_line(engine: Engine, tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportProblem) as caught:
        import_records(engine, path)
    assert str(caught.value).startswith(f"{path}: {problem}")


def test_records_export_import_export_round_trips(demo_engine: Engine, tmp_path: Path) -> None:
    first = _export(demo_engine)
    url = f"sqlite:///{tmp_path / 'copy.db'}"
    upgrade(url)
    from poise.store.db import make_engine

    copy_engine = make_engine(url)
    import_records(copy_engine, _write(tmp_path, first, "export.json"))
    second = _export(copy_engine)
    copy_engine.dispose()
    assert second == first
    assert yaml.safe_load(yaml.safe_dump(first)) == first


def test_records_merge_survives_reimport(demo_engine: Engine) -> None:
    with session_scope(demo_engine) as session:
        keep, merge = find_customer(session, "C-1001"), find_customer(session, "C-1010")
        assert keep is not None and merge is not None
        merge_customers(session, keep, merge)
    exported = _export(demo_engine)
    summary = import_records(demo_engine, demo_record(DEMO_NOW))
    assert (summary.changed, _export(demo_engine)) == (False, exported)
    assert [c["id"] for c in exported["customers"]].count("C-1010") == 0


def test_records_policy_changes_append_a_version(engine: Engine) -> None:
    import_records(engine, {"business": {"name": "Shop"}, "policy": {"return_window_days": 30}})
    import_records(engine, {"policy": {"return_window_days": 14}})
    same = import_records(engine, {"policy": {"return_window_days": 14}})
    with session_scope(engine) as session:
        versions = [(p.version, p.business_name, p.return_window_days)
                    for p in session.scalars(select(PolicyRecord).order_by(PolicyRecord.version))]
    assert (versions, same.unchanged) == ([(1, "Shop", 30), (2, "Shop", 14)], {"policy": 1})
    with pytest.raises(ImportProblem) as caught:
        import_records(engine, {"policy": {"version": 1, "return_window_days": 7}})
    assert str(caught.value) == ("<data>: policy, field 'version': version 1 is already stored with other values; "
                                 "leave `version` out to store these values as a new version" + HINT)


def test_records_import_into_an_open_session_uses_a_savepoint(engine: Engine) -> None:
    with session_scope(engine) as session:
        session.add(Customer(external_id="C-0"))
        session.flush()
        with pytest.raises(ImportProblem):
            import_records(session, {"customers": [{"id": "C-5"}], "orders": [
                {"id": "O-5", "customer": "C-404", "ordered_at": "2026-03-06T10:00:00Z"}]})
    with session_scope(engine) as session:
        assert list(session.scalars(select(Customer.external_id))) == ["C-0"]


def test_records_shipped_schema_is_generated_from_the_spec() -> None:
    shipped = Path(__file__).resolve().parents[2] / "poise" / "store" / "records.schema.json"
    assert json.loads(shipped.read_text(encoding="utf-8")) == json_schema()


def test_records_schema_accepts_the_export_and_rejects_what_import_rejects(demo_engine: Engine) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(json_schema())
    assert list(validator.iter_errors(_export(demo_engine))) == []
    # Field-level problems (not references to other records, which need the store) fail the schema too.
    field_level = [p.values[0] for p in MALFORMED if p.id not in {"unknown-ref", "unknown-sku", "duplicate-id",
                                                                  "shared-email"}]
    rejected = [bool(list(validator.iter_errors(data))) for data in field_level]
    assert rejected == [True] * len(field_level)


def test_records_amounts_without_currency_are_in_the_business_currency(engine: Engine) -> None:
    data = copy.deepcopy(SMALL)
    data["business"] = {"name": "Thistle Tea", "currency": "GBP"}
    import_records(engine, data)
    exported = _export(engine)
    order = exported["orders"][0]
    assert (exported["products"][0]["currency"], order["currency"], order["payments"][0]["currency"]) == (
        "GBP", "GBP", "GBP")


DOC = Path(__file__).resolve().parents[2] / "docs" / "records.md"


def test_records_doc_example_imports(engine: Engine) -> None:
    text = DOC.read_text(encoding="utf-8")
    example = text.split("## Example", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    summary = import_records(engine, yaml.safe_load(example))
    assert summary.created == {"policy": 1, "product": 2, "customer": 1, "identity": 1, "order": 1,
                               "order_item": 1, "payment": 1, "delivery": 1, "communication": 1, "ticket": 1,
                               "message": 1}


def test_records_doc_lists_every_field() -> None:
    from poise.store.recordspec import LIST_SECTIONS, SINGLE_SECTIONS, Section

    text = DOC.read_text(encoding="utf-8")

    def missing(section: Section, title: str) -> list[str]:
        table = text.split(f"### `{title}`\n", 1)[1].split("\n### ", 1)[0] if f"### `{title}`\n" in text else ""
        gaps = [f"{title}.{f.name}" for f in section.fields if f"| `{f.name}` |" not in table]
        for name, child in section.children:
            gaps += missing(child, f"{title}[].{name}")
        return gaps

    assert [gap for name, section in (*SINGLE_SECTIONS, *LIST_SECTIONS) for gap in missing(section, name)] == []
