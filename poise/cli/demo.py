"""`poise demo`: the main job on an embedded default — a demo business's complaints, read and triaged."""
from __future__ import annotations

from rich.console import Console

from poise.cli.output import reading_table

_DEMO_MESSAGES = (
    "my order #1042 STILL hasnt arrived. 3rd time im writing. if its not here by friday im disputing the charge",
    "hi, how do i set up the grinder? the manual makes no sense to me",
    "you charged me twice for the same jacket, please fix this",
    "honestly the best coffee beans ive had, thanks so much!!",
)


def demo_cli() -> None:
    """Read and triage the demo business's complaints on SQLite.

    Example: poise demo
    """
    from poise.reading.pipeline import read_many
    console = Console()
    for i, reading in enumerate(read_many(_DEMO_MESSAGES), 1):
        console.print(reading_table(reading, title=f"Message {i}: {_DEMO_MESSAGES[i - 1][:60]}"))  # type: ignore[union-attr]
