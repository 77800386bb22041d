"""Summary (placeholder)."""
from __future__ import annotations

from poise.reading.pipeline import Parse, component
from poise.reading.reading import Summary


@component("summary", requires=("claims",), assigns=("summary",))
def component(parses: list[Parse]) -> None:
    for p in parses:
        p.values["summary"] = Summary(p.text[:80], "", "")
