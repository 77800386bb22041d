"""Emotions (placeholder)."""
from __future__ import annotations

from poise.reading.pipeline import Parse, component
from poise.reading.reading import EMOTION_LABELS


@component("emotions", assigns=("emotions",))
def component(parses: list[Parse]) -> None:
    for p in parses:
        p.values["emotions"] = {k: (1.0 if k == "neutral" else 0.0) for k in EMOTION_LABELS}
