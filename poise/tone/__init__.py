"""The tone guard: any reply text -> a ToneReport (flags with spans and rewrites, empathy, grade, words)."""
from __future__ import annotations

from poise.tone.flags import FLAG_KINDS, Flag
from poise.tone.guard import ToneReport, check_reply, check_reply_record

__all__ = ["FLAG_KINDS", "Flag", "ToneReport", "check_reply", "check_reply_record"]
