"""Reading: a customer message -> a Reading (signals a calm agent would notice)."""
from __future__ import annotations

from poise.reading.pipeline import Reader, read, read_many
from poise.reading.reading import Reading

__all__ = ["Reader", "Reading", "read", "read_many"]
