"""`poise check-reply`: the tone guard on a reply before it is sent."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from poise.cli.output import print_json
from poise.errors import InputError


def _read_text(path: Path, what: str) -> str:
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except OSError as exc:
        raise InputError(f"cannot read the {what} file {path}: {exc.strerror}", hint="check the path") from None


def check_reply_cli(
    reply_file: Annotated[Path | None, typer.Argument(help="File with the reply text.")] = None,
    posture: Annotated[str | None, typer.Option("--posture", help="The reply's posture, e.g. HOLD_POLICY.")] = None,
    customer_message: Annotated[Path | None, typer.Option("--customer-message", help="File with the customer's message.")] = None,
    authority_cents: Annotated[int | None, typer.Option("--authority-cents", help="Refund the agent may give without a manager.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    jsonl: Annotated[bool, typer.Option("--jsonl", help='Check {"id", "reply", "posture"?, "customer_message"?} lines on stdin.')] = False,
) -> None:
    """Check a reply's tone: defensiveness, blame, excuses, boilerplate, sarcasm, walls of text, missing steps.

    Example: poise check-reply reply.txt --posture HOLD_POLICY --customer-message complaint.txt
    Example: poise check-reply --jsonl < replies.jsonl
    """
    from poise.tone import check_reply, check_reply_record
    if jsonl:
        from poise.jsonl import map_lines
        for line in map_lines(sys.stdin.buffer, check_reply_record):
            sys.stdout.write(line + "\n")
        return
    if reply_file is None:
        raise typer.BadParameter("give a REPLY_FILE, or use --jsonl")
    message = _read_text(customer_message, "customer message") if customer_message else None
    report = check_reply(_read_text(reply_file, "reply"), posture=posture, customer_message=message,
                         authority_cents=authority_cents)
    if as_json:
        print_json(report.to_dict())
        return
    reply = _read_text(reply_file, "reply")
    console = Console()
    console.print(f"{report.words} words, reading grade {report.grade:.1f}; "
                  f"empathy: " + ", ".join(f"{k} {v.get('level', v) if isinstance(v, dict) else v}"
                                          for k, v in report.empathy.items()))
    if not report.flags:
        console.print("No flags: the reply reads calm, plain and complete.")
        return
    for flag in report.flags:
        start, end = flag.span
        where = f" {reply[start:end][:60]!r}" if end > start else ""
        console.print(f"[bold]{flag.kind}[/bold]{where}: {flag.reason}", highlight=False)
        console.print(f"  try: {flag.suggestion}", highlight=False)
