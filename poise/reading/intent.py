"""Intent (placeholder)."""
from __future__ import annotations

from poise.reading.pipeline import Parse, component
from poise.reading.reading import Intent


@component("intent", assigns=("intent",))
def component(parses: list[Parse]) -> None:
    for p in parses:
        p.values["intent"] = Intent("other", 0.0)
