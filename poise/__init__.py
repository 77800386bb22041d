"""poise: a complaint desk that reads upset customers, checks their claims against the business's own
records, chooses a posture, drafts a calm reply and guards its tone.

`triage` (which needs the record, hence SQLAlchemy) is imported on first use, so `import poise` for
reading alone stays fast.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from poise.reading import Reading, read, read_many
from poise.tone import ToneReport, check_reply

if TYPE_CHECKING:
    from poise.triaging import Triage, triage

__version__ = "0.1.0"
__all__ = ["Reading", "ToneReport", "Triage", "__version__", "check_reply", "read", "read_many", "triage"]


def __getattr__(name: str) -> Any:
    if name in {"triage", "Triage"}:
        from poise import triaging
        return getattr(triaging, name)
    raise AttributeError(f"module 'poise' has no attribute {name!r}")
