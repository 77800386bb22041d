"""An .eml file (one RFC 5322 / MIME email) -> a Message, with the quoted thread and signature cut off.

Why cut them: a reply quotes the whole earlier thread, often our own words; reading those as the
customer's would put our sentences into their complaint. The headers that thread an email
(Message-ID, In-Reply-To, References) are kept so a reply lands in the right ticket.
"""
from __future__ import annotations

import email
import email.policy
import re
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import parseaddr, parsedate_to_datetime
from pathlib import Path

from poise.errors import EmptyMessage, InputError
from poise.message import Message
from poise.reading.normalize import decode_bytes, html_to_text

# "On Tue, 3 Mar 2026, Shop <help@shop.example> wrote:" and the Outlook "-----Original Message-----" both
# start the quoted thread; everything from there on is the earlier conversation.
_QUOTE_HEADER = re.compile(
    r"^(?:On\b.{0,200}\bwrote:\s*$|-{2,}\s*Original Message\s*-{2,}|From:\s.+\nSent:\s)",
    re.MULTILINE | re.IGNORECASE)
_SIGNATURE = re.compile(r"^-- ?$", re.MULTILINE)  # the RFC 3676 signature separator
_MOBILE_FOOTER = re.compile(r"^Sent from my \w+.*$", re.MULTILINE | re.IGNORECASE)


def strip_quotes_and_signature(text: str) -> str:
    """The customer's own words: cut the quoted earlier thread, '>' lines, the signature and mobile footers."""
    match = _QUOTE_HEADER.search(text)
    if match:
        text = text[:match.start()]
    sig = _SIGNATURE.search(text)
    if sig:
        text = text[:sig.start()]
    text = _MOBILE_FOOTER.sub("", text)
    lines = [line for line in text.splitlines() if not line.lstrip().startswith(">")]
    return "\n".join(lines).strip()


def _body_parts(msg: EmailMessage) -> tuple[str | None, str | None]:
    """(plain text, html) of the message body; attachments are ignored."""
    plain_part = msg.get_body(preferencelist=("plain",))
    html_part = msg.get_body(preferencelist=("html",))
    plain = plain_part.get_content() if plain_part is not None else None
    markup = html_part.get_content() if html_part is not None else None
    return plain, markup


def _received_at(msg: EmailMessage) -> datetime | None:
    value = msg.get("Date")
    if not value:
        return None
    try:
        when = parsedate_to_datetime(str(value))
    except (TypeError, ValueError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def message_from_bytes(data: bytes, *, source: str = "<bytes>") -> Message:
    """Parse one email's bytes into a Message (text/plain preferred, else the HTML body as text).

    source: a name for error messages (the file path).
    Raises EmptyMessage when the email has no readable body.
    """
    parsed = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(parsed, EmailMessage):  # pragma: no cover - policy.default always gives EmailMessage
        raise InputError(f"{source} is not an email message", hint="pass an .eml file")
    try:
        plain, markup = _body_parts(parsed)
    except (LookupError, UnicodeError) as exc:  # unknown charset: decode as UTF-8 with replacement
        payload = parsed.get_payload(decode=True)
        plain, markup = decode_bytes(payload if isinstance(payload, bytes) else b"")[0], None
        if not plain:
            raise InputError(f"{source}: cannot decode the email body ({exc})",
                             hint="save the email again as UTF-8") from None
    raw = plain if plain and plain.strip() else (html_to_text(markup) if markup else "")
    text = strip_quotes_and_signature(raw) or raw.strip()
    if not text:
        raise EmptyMessage(f"{source} has no readable text body", hint="check the file is the customer's email")
    sender = parseaddr(str(parsed.get("From", "")))[1] or None
    refs = tuple(str(parsed.get("References", "")).split())
    return Message(
        text=text,
        html=markup,
        sender=sender.lower() if sender else None,
        subject=str(parsed["Subject"]) if parsed.get("Subject") is not None else None,
        channel="email",
        received_at=_received_at(parsed),
        message_id=str(parsed["Message-ID"]).strip() if parsed.get("Message-ID") else None,
        in_reply_to=str(parsed["In-Reply-To"]).strip() if parsed.get("In-Reply-To") else None,
        references=refs,
    )


def message_from_file(path: str | Path) -> Message:
    """Read an .eml file into a Message.

    Example:
        >>> msg = message_from_file("complaint.eml")
        >>> msg.sender, msg.subject
        ('ann@example.com', 'Where is my order?')
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {p}: {exc.strerror}", hint="check the path of the .eml file") from None
    return message_from_bytes(data, source=str(p))


_HEADER_LINE = re.compile(rb"^(?:From|To|Subject|Date|Message-ID|Received|Return-Path|MIME-Version):",
                          re.IGNORECASE | re.MULTILINE)


def message_from_path(path: str | Path) -> Message:
    """The message in a file: an email (.eml, or text that starts with mail headers) or plain text.

    What `poise triage --customer EMAIL MESSAGE_FILE` reads; invalid UTF-8 in a text file is replaced, never fatal.
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {p}: {exc.strerror}", hint="check the path of the message file") from None
    head = data[:2000]
    if p.suffix.lower() == ".eml" or (_HEADER_LINE.match(head) and b"\n\n" in data.replace(b"\r\n", b"\n")):
        return message_from_bytes(data, source=str(p))
    text, _ = decode_bytes(data)
    return Message(text=text)
