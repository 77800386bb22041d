"""The input to everything: one message a customer (or agent) wrote, with its channel and thread headers."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Message:
    """A message as it arrived: plain text and/or HTML, who sent it, by which channel, in which thread.

    `message_id`, `in_reply_to` and `references` are email headers (RFC 5322) kept so replies thread
    correctly and the same email never becomes two messages.
    """

    text: str
    html: str | None = None
    sender: str | None = None
    subject: str | None = None
    channel: str = "email"
    received_at: datetime | None = None
    message_id: str | None = None
    in_reply_to: str | None = None
    references: tuple[str, ...] = field(default_factory=tuple)
