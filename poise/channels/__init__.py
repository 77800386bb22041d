"""Channels: how messages arrive and leave (email files now; IMAP and SMTP later)."""
from __future__ import annotations
