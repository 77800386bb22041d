"""Complaint probability (placeholder)."""
from __future__ import annotations

from poise.reading.pipeline import Parse, component


@component("complaint", assigns=("complaint",))
def component(parses: list[Parse]) -> None:
    for p in parses:
        p.values["complaint"] = 0.0
