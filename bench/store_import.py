"""Time `import_records` (first import, re-import) and `export_records` on a synthetic record.

Not a test (pytest collects only test_*.py). Run:
    .venv/bin/python bench/store_import.py sqlite:////tmp/bench.db 500
N customers, 20 products, 2N orders (each with an item, a charge and a delivery), N tickets of 2 messages.
Use an empty database: the numbers are for a first import into it.
"""
from __future__ import annotations

import sys
import time
from typing import Any

from poise.store.db import make_engine, session_scope
from poise.store.migrate import upgrade
from poise.store.records import export_records, import_records


def synthetic_record(n: int) -> dict[str, Any]:
    """A record with n customers and everything around them (see the module docstring)."""
    at = "2026-03-06T10:00:00Z"
    return {
        "products": [{"sku": f"SKU-{i}", "name": f"Product {i}", "price_cents": 1000 + i} for i in range(20)],
        "customers": [{"id": f"C-{i}", "name": f"Customer {i}", "emails": [f"c{i}@example.com"]} for i in range(n)],
        "orders": [{"id": f"O-{i}", "customer": f"C-{i % n}", "ordered_at": at, "items": [{"sku": f"SKU-{i % 20}"}],
                    "payments": [{"id": f"P-{i}", "kind": "charge", "amount_cents": 1000, "paid_at": at}],
                    "deliveries": [{"id": f"D-{i}", "status": "delivered", "delivered_at": at, "proof": "photo"}]}
                   for i in range(2 * n)],
        "tickets": [{"id": f"T-{i}", "customer": f"C-{i}", "opened_at": at,
                     "messages": [{"message_id": f"<{i}.{j}@example.com>", "direction": "in", "text": "Hello",
                                   "sent_at": at} for j in range(2)]} for i in range(n)],
    }


def main(url: str, n: int) -> str:
    """Run the three timings and return one line of results."""
    upgrade(url)
    engine = make_engine(url)
    data = synthetic_record(n)
    # products, customers+identities, orders+items+payments+deliveries, tickets+messages
    rows = 20 + 2 * n + 2 * n * 4 + 3 * n
    start = time.perf_counter()
    import_records(engine, data)
    first = time.perf_counter() - start
    start = time.perf_counter()
    again = import_records(engine, data)
    second = time.perf_counter() - start
    start = time.perf_counter()
    with session_scope(engine) as session:
        export_records(session)
    exported = time.perf_counter() - start
    engine.dispose()
    return (f"{engine.dialect.name} n={n} rows={rows} first_import={first:.1f}s ({rows / first:.0f} rows/s) "
            f"reimport={second:.1f}s changed={again.changed} export={exported:.1f}s")


if __name__ == "__main__":
    print(main(sys.argv[1], int(sys.argv[2])))
