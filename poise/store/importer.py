"""Writing a validated record file into one session: upsert by external id, resolve references, count.

Rows the file names are fetched in batches up front (one query per kind per 500 ids, not one per record), and
related rows are linked through relationships, so the whole file is flushed once at the end.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from poise.errors import ImportProblem
from poise.store.models import (
    Communication,
    Customer,
    Delivery,
    Identity,
    Message,
    Order,
    OrderItem,
    Payment,
    PolicyRecord,
    Product,
    Return,
    RootCause,
    Ticket,
    Warning,
    normalize_identity,
)
from poise.store.queries import current_policy_record

POLICY_FIELDS = ("return_window_days", "restocking_fee_percent", "refund_authority_cents",
                 "part_ways_refund_limit_cents", "repeat_window_days", "repeat_threshold", "first_response_minutes",
                 "return_policy_text")
BUSINESS_FIELDS = {"name": "business_name", "currency": "currency", "timezone": "timezone",
                   "business_hours": "business_hours", "holidays": "holidays"}
_BATCH = 500
# Collections the import walks for every stored row of a kind: loaded with the row, not one query each.
_EAGER: dict[type, tuple[Any, ...]] = {
    Customer: (selectinload(Customer.warnings),),
    Order: (selectinload(Order.items).selectinload(OrderItem.product), selectinload(Order.payments),
            selectinload(Order.deliveries), selectinload(Order.customer)),
    Return: (selectinload(Return.item),),
    Message: (selectinload(Message.ticket),),
    Identity: (selectinload(Identity.customer),),
}


def synthetic_message_id(ticket_external_id: str, index: int) -> str:
    """The Message-ID given to an imported message that has none: stable, so re-imports match it."""
    safe = "-".join(ticket_external_id.split())
    return f"<import.{safe}.{index + 1}@poise.invalid>"


class Importer:
    """Writes validated records (recordspec.check_record output) into `session`; never commits.

    `problem(where, field, message)` builds the ImportProblem raised on a reference that cannot be resolved
    or a record that conflicts with the store; `count(kind, outcome)` tallies created/updated/unchanged.
    """

    def __init__(self, session: Session, author: str, problem: Callable[[str, str | None, str], ImportProblem],
                 count: Callable[[str, str], None]) -> None:
        self.session = session
        self.author = author
        self.problem = problem
        self.count = count
        self.money: dict[str, str] = {}
        self._cache: dict[tuple[type, str], dict[str, Any]] = {}

    def run(self, parsed: dict[str, Any]) -> None:
        with self.session.no_autoflush:
            self._policy(parsed.get("business", {}), parsed.get("policy", {}))
            self.session.flush()
            stored = current_policy_record(self.session)
            # Amounts the file gives without a currency are in the business's currency.
            self.money = {"currency": stored.currency if stored is not None else "USD"}
            self._prefetch_all(parsed)
            for product in parsed.get("products", []):
                self._upsert(Product, product["sku"], "product",
                             {k: v for k, v in product.items() if k != "sku"}, self.money)
            for cause in parsed.get("root_causes", []):
                self._upsert(RootCause, cause["code"], "root_cause", {k: v for k, v in cause.items() if k != "code"})
            for customer in parsed.get("customers", []):
                self._customer(customer)
            for order in parsed.get("orders", []):
                self._order(order)
            for communication in parsed.get("communications", []):
                self._communication(communication)
            for ticket in parsed.get("tickets", []):
                self._ticket(ticket)
        self.session.flush()

    # -- lookups ---------------------------------------------------------------------------------------------
    def _prefetch(self, model: Any, keys: Iterable[str], column: str = "external_id") -> None:
        """Load the rows with these keys into the cache (None for keys not stored), 500 per query.

        Identities are keyed "kind:value" (column "kind_value"): their unique key is the pair.
        """
        cache = self._cache.setdefault((model, column), {})
        wanted = sorted({k for k in keys if k not in cache})
        for start in range(0, len(wanted), _BATCH):
            chunk = wanted[start:start + _BATCH]
            cache.update(dict.fromkeys(chunk))
            if column == "kind_value":
                values = {k.split(":", 1)[1] for k in chunk}
                stmt = select(Identity).where(Identity.value.in_(values)).options(*_EAGER[Identity])
                for identity in self.session.scalars(stmt):
                    key = f"{identity.kind}:{identity.value}"
                    if key in cache:
                        cache[key] = identity
                continue
            stmt = select(model).where(getattr(model, column).in_(chunk)).options(*_EAGER.get(model, ()))
            for row in self.session.scalars(stmt):
                cache[getattr(row, column)] = row

    def _prefetch_all(self, parsed: dict[str, Any]) -> None:
        orders, tickets = parsed.get("orders", []), parsed.get("tickets", [])
        self._prefetch(Product, [p["sku"] for p in parsed.get("products", [])]
                       + [i["sku"] for o in orders for i in o.get("items", [])])
        self._prefetch(RootCause, [c["code"] for c in parsed.get("root_causes", [])])
        self._prefetch(Customer, [c["id"] for c in parsed.get("customers", [])] + [o["customer"] for o in orders])
        self._prefetch(Identity, [f"{plural[:-1]}:{normalize_identity(plural[:-1], v)}"
                                  for c in parsed.get("customers", [])
                                  for plural in ("emails", "phones", "handles") for v in c.get(plural, [])],
                       column="kind_value")
        self._prefetch(Order, [o["id"] for o in orders])
        for model, child in ((Payment, "payments"), (Delivery, "deliveries"), (Return, "returns")):
            self._prefetch(model, [r["id"] for o in orders for r in o.get(child, [])])
        self._prefetch(Communication, [c["id"] for c in parsed.get("communications", [])])
        self._prefetch(Ticket, [t["id"] for t in tickets])
        self._prefetch(Message, [m.get("message_id") or synthetic_message_id(t["id"], i)
                                 for t in tickets for i, m in enumerate(t.get("messages", []))], column="message_id")

    def _get(self, model: Any, key: str, column: str = "external_id") -> Any:
        cache = self._cache.setdefault((model, column), {})
        if key not in cache:
            self._prefetch(model, [key], column)
        return cache[key]

    def _remember(self, model: Any, key: str, row: Any, column: str = "external_id") -> None:
        self._cache.setdefault((model, column), {})[key] = row

    def _find(self, model: Any, key: str, where: str, field_name: str, kind: str) -> Any:
        row = self._get(model, key)
        if row is None:
            raise self.problem(where, field_name, f"no {kind} {key!r} in the file or the store")
        return row

    def _customer_ref(self, external_id: str, where: str, field_name: str = "customer") -> Customer:
        customer: Customer = self._find(Customer, external_id, where, field_name, "customer")
        while customer.merged_into_id is not None:  # a merged customer's records belong to the survivor
            customer = self.session.get_one(Customer, customer.merged_into_id)
        return customer

    # -- writing ---------------------------------------------------------------------------------------------
    def _set(self, row: Any, values: Mapping[str, Any]) -> bool:
        changed = False
        for key, value in values.items():
            if getattr(row, key) is not value and getattr(row, key) != value:
                setattr(row, key, value)
                changed = True
        return changed

    def _upsert(self, model: Any, external_id: str, kind: str, values: Mapping[str, Any],
                defaults: Mapping[str, Any] | None = None) -> Any:
        """Create the record (with `defaults` for fields the file leaves out) or update it to `values`."""
        row = self._get(model, external_id)
        if row is None:
            row = model(external_id=external_id, **{**(defaults or {}), **values})
            self.session.add(row)
            self._remember(model, external_id, row)
            self.count(kind, "created")
        else:
            self.count(kind, "updated" if self._set(row, values) else "unchanged")
        return row

    # -- sections --------------------------------------------------------------------------------------------
    def _policy(self, business: dict[str, Any], policy: dict[str, Any]) -> None:
        if not business and not policy:
            return
        given = {BUSINESS_FIELDS[k]: v for k, v in business.items()}
        given.update({k: v for k, v in policy.items() if k != "version"})
        current = current_policy_record(self.session)
        version = policy.get("version")
        if version is not None:
            stored = self.session.scalars(select(PolicyRecord).where(PolicyRecord.version == version)).first()
            if stored is not None:
                if any(getattr(stored, k) != v for k, v in given.items()):
                    raise self.problem("policy", "version", f"version {version} is already stored with other "
                                       "values; leave `version` out to store these values as a new version")
                self.count("policy", "unchanged")
                return
            if current is not None and version < current.version:
                raise self.problem("policy", "version", f"version {version} is older than the stored version "
                                   f"{current.version}; leave `version` out to store a new version")
        elif current is not None and all(getattr(current, k) == v for k, v in given.items()):
            self.count("policy", "unchanged")
            return
        base = {k: getattr(current, k) for k in (*POLICY_FIELDS, *BUSINESS_FIELDS.values())} if current else {}
        new_version = version if version is not None else (current.version + 1 if current else 1)
        self.session.add(PolicyRecord(**{**base, **given, "version": new_version, "author": self.author}))
        self.count("policy", "created")

    def _customer(self, record: dict[str, Any]) -> None:
        where = f"customer {record['id']}"
        values = {k: v for k, v in record.items() if k in ("name", "status", "notes", "created_at")}
        customer: Customer = self._upsert(Customer, record["id"], "customer", values)
        owner = self._customer_ref(record["id"], where)
        for plural in ("emails", "phones", "handles"):
            kind = plural[:-1]
            for position, raw in enumerate(record.get(plural, [])):
                value = normalize_identity(kind, raw)
                identity: Identity | None = self._get(Identity, f"{kind}:{value}", "kind_value")
                primary = kind == "email" and position == 0
                if identity is None:
                    identity = Identity(customer=customer, kind=kind, value=value, is_primary=primary)
                    self.session.add(identity)
                    self._remember(Identity, f"{kind}:{value}", identity, "kind_value")
                    self.count("identity", "created")
                elif identity.customer is not customer and identity.customer is not owner:
                    raise self.problem(where, plural, f"{value!r} already belongs to customer "
                                       f"{identity.customer.external_id}; merge the two customers or remove the "
                                       "address from one of them")
                elif identity.customer is customer and self._set(identity, {"is_primary": primary}):
                    self.count("identity", "updated")
                else:
                    self.count("identity", "unchanged")
        for warning in record.get("warnings", []):
            self._warning(owner, warning)

    def _warning(self, customer: Customer, record: dict[str, Any]) -> None:
        kind = record.get("kind", "abuse")
        existing = next((w for w in customer.warnings if w.kind == kind and w.created_at == record["at"]), None)
        values = {"reason": record.get("reason", ""), "author": record.get("by", self.author)}
        if existing is None:
            self.session.add(Warning(customer=customer, kind=kind, created_at=record["at"], **values))
            self.count("warning", "created")
        else:
            self.count("warning", "updated" if self._set(existing, values) else "unchanged")

    def _order(self, record: dict[str, Any]) -> None:
        where = f"order {record['id']}"
        values = {k: v for k, v in record.items()
                  if k in ("ordered_at", "promised_by", "status", "currency", "notes")}
        values["customer"] = self._customer_ref(record["customer"], where)
        order: Order = self._upsert(Order, record["id"], "order", values, self.money)
        by_line = {item.line: item for item in order.items}
        for line, item in enumerate(record.get("items", []), start=1):
            product: Product = self._find(Product, item["sku"], f"{where} items[{line - 1}]", "sku", "product")
            item_values = {"product": product, "quantity": item.get("quantity", 1),
                           "unit_price_cents": item.get("unit_price_cents", product.price_cents)}
            row = by_line.get(line)
            if row is None:
                row = OrderItem(line=line, **item_values)
                order.items.append(row)
                by_line[line] = row
                self.count("order_item", "created")
            else:
                self.count("order_item", "updated" if self._set(row, item_values) else "unchanged")
        for payment in record.get("payments", []):
            self._upsert(Payment, payment["id"], "payment",
                         {"order": order, **{k: v for k, v in payment.items() if k != "id"}},
                         {"currency": order.currency})
        for delivery in record.get("deliveries", []):
            self._upsert(Delivery, delivery["id"], "delivery",
                         {"order": order, **{k: v for k, v in delivery.items() if k != "id"}})
        for i, ret in enumerate(record.get("returns", [])):
            item = self._returned_item(order, by_line, ret, f"{where} returns[{i}]")
            values = {k: v for k, v in ret.items() if k not in ("id", "sku", "line")}
            self._upsert(Return, ret["id"], "return", {"item": item, **values})

    def _returned_item(self, order: Order, by_line: dict[int, OrderItem], ret: dict[str, Any],
                       where: str) -> OrderItem:
        if "line" in ret:
            found = by_line.get(ret["line"])
            if found is None:
                raise self.problem(where, "line", f"order {order.external_id} has no item line {ret['line']}")
            if "sku" in ret and found.product.external_id != ret["sku"]:
                raise self.problem(where, "sku", f"item line {ret['line']} is not {ret['sku']!r}")
            return found
        if "sku" not in ret:
            raise self.problem(where, "sku", "give the returned item's sku (or its line)")
        match = [row for _, row in sorted(by_line.items()) if row.product.external_id == ret["sku"]]
        if len(match) != 1:
            problem = "is not an item of" if not match else "appears on several lines of"
            raise self.problem(where, "sku", f"{ret['sku']!r} {problem} order {order.external_id}"
                               + ("; give `line`" if match else ""))
        return match[0]

    def _communication(self, record: dict[str, Any]) -> None:
        where = f"communication {record['id']}"
        if "customer" not in record and "segment" not in record:
            raise self.problem(where, "customer", "give the customer's id, or a segment such as \"all\"")
        values = {k: v for k, v in record.items() if k not in ("id", "customer", "order")}
        if "customer" in record:
            values["customer"] = self._customer_ref(record["customer"], where)
        if "order" in record:
            values["order"] = self._find(Order, record["order"], where, "order", "order")
        self._upsert(Communication, record["id"], "communication", values)

    def _ticket(self, record: dict[str, Any]) -> None:
        where = f"ticket {record['id']}"
        values = {k: v for k, v in record.items() if k not in ("id", "customer", "root_cause", "messages")}
        if "customer" in record:
            values["customer"] = self._customer_ref(record["customer"], where)
        if "root_cause" in record:
            values["root_cause"] = self._find(RootCause, record["root_cause"], where, "root_cause", "root cause")
        ticket: Ticket = self._upsert(Ticket, record["id"], "ticket", values)
        for i, message in enumerate(record.get("messages", [])):
            message_id = message.get("message_id") or synthetic_message_id(record["id"], i)
            row: Message | None = self._get(Message, message_id, "message_id")
            values = {k: v for k, v in message.items() if k != "message_id"}
            if row is None:
                row = Message(ticket=ticket, message_id=message_id, **values)
                self.session.add(row)
                self._remember(Message, message_id, row, "message_id")
                self.count("message", "created")
            elif row.ticket is not ticket:
                raise self.problem(f"{where} messages[{i}]", "message_id",
                                   f"{message_id!r} is already a message of ticket {row.ticket.external_id}")
            else:
                self.count("message", "updated" if self._set(row, values) else "unchanged")
