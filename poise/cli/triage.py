"""`poise triage`: read a customer's message, check it against the record, choose a posture, draft a reply."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from poise.cli.output import print_json, reading_table
from poise.settings import Settings, load_settings


def templates_dir(settings: Settings) -> Path | None:
    """The business's own reply templates (<data dir>/templates), when it has any."""
    folder = settings.data_dir / "templates"
    return folder if folder.is_dir() else None


def triage_cli(
    message_file: Annotated[Path | None, typer.Argument(help="The customer's message: a text file or an .eml email.")] = None,
    customer: Annotated[str | None, typer.Option("--customer", "-c", help="The customer's email address or id (default: the email's sender).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    jsonl: Annotated[bool, typer.Option("--jsonl", help='Read {"id", "customer", "text"} lines on stdin; write one result line each.')] = False,
    record: Annotated[bool, typer.Option("--record", help="Also store the message, reading, decision and draft in the record.")] = False,
) -> None:
    """Triage a complaint: reading, facts from the record, posture with reasons, a draft reply, its tone check.

    Example: poise triage --customer ann@example.com complaint.eml
    Example: poise triage --jsonl < messages.jsonl > triaged.jsonl
    """
    from poise.channels.eml import message_from_path
    from poise.store.db import make_engine, session_scope
    from poise.store.migrate import upgrade
    from poise.triaging import triage, triage_jsonl

    settings = load_settings()
    if not jsonl and message_file is None:
        raise typer.BadParameter("give MESSAGE_FILE (text or .eml), or use --jsonl")
    if settings.database_url.startswith("sqlite"):
        upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    try:
        if jsonl:
            with session_scope(engine) as session:
                for line in triage_jsonl(sys.stdin.buffer, session=session, templates_dir=templates_dir(settings)):
                    sys.stdout.write(line + "\n")
            sys.stdout.flush()
            return
        assert message_file is not None
        message = message_from_path(message_file)
        who = customer or message.sender
        if not who:
            raise typer.BadParameter("give --customer EMAIL (the file has no sender)")
        with session_scope(engine) as session:
            result = triage(message, customer=who, session=session, templates_dir=templates_dir(settings),
                            record=record)
        if as_json:
            print_json(result.to_dict())
        else:
            print_triage(result, Console())
    finally:
        engine.dispose()


def print_triage(result: object, console: Console, *, show_reading: bool = True) -> None:
    """A triage result for people: the reading, the facts, the posture and why, the draft and its tone check."""
    from poise.triaging import Triage
    assert isinstance(result, Triage)
    if show_reading:
        console.print(reading_table(result.reading))
    if result.facts:
        facts = Table(title="What the record shows", title_justify="left")
        facts.add_column("fact")
        facts.add_column("bearing")
        facts.add_column("statement")
        for fact in result.facts:
            facts.add_row(fact.kind, fact.bearing, fact.statement)
        console.print(facts)
    reasons = "\n".join(f"- {r}" for r in result.decision.reasons)
    console.print(Panel(reasons, title=f"Posture: {result.decision.posture.value}", title_align="left"))
    console.print(Panel(result.draft.text, title=f"Draft ({result.draft.words} words, grade {result.draft.grade:.1f})",
                        title_align="left"))
    flags = "\n".join(f"- {f.kind}: {f.reason}" for f in result.tone.flags) or "no flags: ready for a human to send"
    console.print(Panel(flags, title="Tone check of the draft", title_align="left"))
