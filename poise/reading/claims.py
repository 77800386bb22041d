"""Claims (placeholder)."""
from __future__ import annotations

from poise.reading.pipeline import Parse, component


@component("claims", assigns=("claims",))
def component(parses: list[Parse]) -> None:
    for p in parses:
        p.values["claims"] = []
