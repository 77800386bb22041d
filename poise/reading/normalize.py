"""Raw input -> the plain text that is read: HTML to text, control characters out, size capped.

Offsets matter: every span in a Reading points into the text this module returns, so plain input is
returned unchanged except for the cap on size.
"""
from __future__ import annotations

import html
import re

from poise.errors import EmptyMessage, InputError

MAX_CHARS = 20_000  # longer messages are cut (with a warning): a complaint is never 20,000 characters of signal

_HTML_HINT = re.compile(r"<(?:html|body|div|p|br|span|table|td|b|i|a|font|strong|em)\b[^>]*>", re.I)
_DROP_BLOCKS = re.compile(r"<(script|style|head)\b.*?</\1\s*>", re.I | re.S)
_BREAKS = re.compile(r"<\s*(?:br|/p|/div|/li|/tr|/h\d)\s*/?>", re.I)
_TAGS = re.compile(r"<[^>]+>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def looks_like_html(text: str) -> bool:
    """True when the text carries HTML markup (an email body pasted or sent as HTML)."""
    return bool(_HTML_HINT.search(text))


def html_to_text(markup: str) -> str:
    """Visible text of an HTML body: scripts and styles dropped, line breaks kept, entities decoded."""
    text = _DROP_BLOCKS.sub(" ", markup)
    text = _BREAKS.sub("\n", text)
    text = _TAGS.sub("", text)
    text = html.unescape(text)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()


def decode_bytes(data: bytes) -> tuple[str, list[str]]:
    """Bytes -> text. Invalid UTF-8 is replaced (U+FFFD), never fatal, and reported as a warning."""
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace"), ["invalid_utf8_replaced"]


def normalize(raw: str) -> tuple[str, list[str]]:
    """Return (plain text to read, warnings). Raises EmptyMessage when nothing readable is left."""
    if not isinstance(raw, str):
        raise InputError(f"expected text, got {type(raw).__name__}", hint="pass the message as a str")
    warnings: list[str] = []
    text = raw
    if looks_like_html(text):
        text = html_to_text(text)
        warnings.append("html_converted")
    if _CONTROL.search(text):
        text = _CONTROL.sub(" ", text)
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
        warnings.append(f"truncated_to_{MAX_CHARS}_chars")
    if not text.strip():
        raise EmptyMessage("the message is empty", hint="there is nothing to read; send the customer's text")
    return text, warnings
