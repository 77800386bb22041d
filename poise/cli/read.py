"""`poise read`: read one message (table or JSON), or a JSONL stream."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from poise.cli.output import print_json, reading_table
from poise.errors import InputError
from poise.reading.normalize import decode_bytes


def read_cli(
    text: Annotated[str | None, typer.Argument(help="The customer's message.")] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f", help="Read the message from a file (any bytes).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the Reading as JSON.")] = False,
    jsonl: Annotated[bool, typer.Option("--jsonl", help='Read {"id", "text"} lines on stdin, write {"id", "reading"} lines.')] = False,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Processes for --jsonl.")] = 1,
) -> None:
    """Read a customer message: emotions, abuse, intent, stakes, claims and a plain summary.

    Example: poise read "my parcel never arrived and nobody answers"
    Example: poise read --jsonl < messages.jsonl > readings.jsonl
    """
    from poise.reading.pipeline import read
    if jsonl:
        _read_jsonl(workers)
        return
    warnings: list[str] = []
    if file is not None:
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read {file}: {exc.strerror}", hint="check the path") from None
        text, warnings = decode_bytes(data)
    if text is None:
        raise typer.BadParameter("give the message as an argument, --file PATH, or use --jsonl")
    reading = read(text)
    if warnings:
        reading = type(reading)(**{**reading.__dict__, "warnings": tuple(warnings) + reading.warnings})
    if as_json:
        print_json(reading.to_dict())
    else:
        Console().print(reading_table(reading))


def _read_jsonl(workers: int) -> None:
    from poise.reading.stream import read_jsonl
    out = sys.stdout
    if sys.stderr.isatty():
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
        with Progress(SpinnerColumn(), TextColumn("{task.completed} messages read"), TimeElapsedColumn(),
                      console=Console(stderr=True), transient=True) as progress:
            task = progress.add_task("read", total=None)
            for line in read_jsonl(sys.stdin.buffer, workers=workers,
                                   on_chunk=lambda n: progress.advance(task, n)):
                out.write(line + "\n")
    else:
        for line in read_jsonl(sys.stdin.buffer, workers=workers):
            out.write(line + "\n")
    out.flush()
