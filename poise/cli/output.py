"""Shared output helpers: JSON for machines, rich tables for people, `Error: ...` for problems."""
from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console
from rich.table import Table

from poise.reading.reading import Reading


def print_json(obj: Any) -> None:
    """One JSON document on stdout."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def error_console() -> Console:
    return Console(stderr=True, highlight=False)


def reading_table(reading: Reading, *, title: str = "Reading") -> Table:
    """A Reading as a two-column table a person can scan."""
    table = Table(title=title, show_header=False, title_justify="left")
    table.add_column("signal", style="bold")
    table.add_column("value")
    top = sorted(reading.emotions.items(), key=lambda kv: -kv[1])[:4]
    table.add_row("sentiment", f"{reading.sentiment.label} ({reading.sentiment.score:+.2f})")
    table.add_row("complaint", f"{reading.complaint:.2f}")
    table.add_row("upset", f"{reading.upset:.2f}")
    table.add_row("emotions", ", ".join(f"{k} {v:.2f}" for k, v in top))
    abuse = reading.abuse
    spans = ", ".join(repr(reading.text[a:b]) for a, b in abuse.spans)
    table.add_row("abuse", f"{abuse.level} (at {abuse.target}; {abuse.score:.2f})" + (f": {spans}" if spans else ""))
    table.add_row("intent", f"{reading.intent.label} ({reading.intent.confidence:.2f})")
    table.add_row("stakes", ", ".join(f"{s.kind}: {reading.text[s.span[0]:s.span[1]]!r}" for s in reading.stakes)
                  or "-")
    table.add_row("claims", "\n".join(f"{c.kind}: {c.text!r}" for c in reading.claims) or "-")
    table.add_row("issue", reading.summary.issue or "-")
    table.add_row("feeling", reading.summary.feeling or "-")
    table.add_row("want", reading.summary.want or "-")
    table.add_row("language", reading.language + (f"  [{', '.join(reading.warnings)}]" if reading.warnings else ""))
    return table
