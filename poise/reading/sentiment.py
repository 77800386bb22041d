"""Sentiment (placeholder)."""
from __future__ import annotations

from poise.reading.pipeline import Parse, component
from poise.reading.reading import Sentiment


@component("sentiment", assigns=("sentiment",))
def component(parses: list[Parse]) -> None:
    for p in parses:
        p.values["sentiment"] = Sentiment("neutral", 0.0)
