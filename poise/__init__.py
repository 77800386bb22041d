"""poise: a complaint desk that reads upset customers, checks their claims against the business's own
records, chooses a posture, drafts a calm reply and guards its tone."""
from __future__ import annotations

from poise.reading import Reading, read, read_many
from poise.tone import ToneReport, check_reply

__version__ = "0.1.0"
__all__ = ["Reading", "ToneReport", "__version__", "check_reply", "read", "read_many"]
