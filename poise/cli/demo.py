"""`poise demo`: the main job on an embedded default — a demo business's complaints, read and triaged."""
from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.rule import Rule

from poise.cli.triage import print_triage
from poise.settings import load_settings


def demo_cli(
    readings: Annotated[bool, typer.Option("--readings", help="Also show each message's full reading.")] = False,
) -> None:
    """Load the demo shop (Juniper & Pine) into a fresh SQLite record and triage its customers' messages.

    Each message is read, its claims are checked against the shop's record, a posture is chosen with its
    reasons, and a reply is drafted and tone-checked, ready for a human to edit and send.
    Example: poise demo
    """
    from poise.message import Message
    from poise.store.commands import seed_demo_database
    from poise.store.db import make_engine, session_scope
    from poise.store.demo import demo_messages
    from poise.triaging import triage

    settings = load_settings()
    path = settings.data_dir / "demo.db"
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    url = f"sqlite:///{path}"
    seed_demo_database(url)
    console = Console()
    console.print(f"Demo record: Juniper & Pine, a small online shop, in {path}\n")
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            for item in demo_messages():
                console.print(Rule(f"{item['id']}  from {item['customer']}: {item.get('subject', '')}"))
                console.print(item["text"], markup=False, highlight=False)
                message = Message(text=item["text"], sender=item["customer"], subject=item.get("subject"))
                result = triage(message, customer=item["customer"], session=session, record=True)
                print_triage(result, console, show_reading=readings)
    finally:
        engine.dispose()
    console.print(f"\nEvery message, reading and decision is now in {path}. "
                  "Try: poise read \"your own message\", or poise triage --help.")
