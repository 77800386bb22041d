"""poise: a complaint desk that reads upset customers, checks their claims against the business's own
records, chooses a posture, drafts a calm reply and guards its tone."""
from __future__ import annotations

from poise.reading import Reading, read, read_many

__version__ = "0.1.0"
__all__ = ["Reading", "__version__", "read", "read_many"]
