"""Abuse (placeholder)."""
from __future__ import annotations

from poise.reading.pipeline import Parse, component
from poise.reading.reading import Abuse


@component("abuse", assigns=("abuse",))
def component(parses: list[Parse]) -> None:
    for p in parses:
        p.values["abuse"] = Abuse()
