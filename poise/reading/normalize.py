"""Raw input -> the plain text that is read: HTML to text, email quotes and signatures out, invisible and
control characters out, size capped.

Offsets matter: every span in a Reading points into the text this module returns (`Reading.text`), so
plain input without any of the problems below is returned unchanged. When something is cleaned (HTML,
quoted reply, signature, zero-width characters), the cleaned text is what is read, and a warning says so.

Hostile input must stay fast: every pattern here is bounded (no nested or unbounded repeats that can
backtrack across the whole text), tag-block removal is a linear scan, and the raw input is cut to a
multiple of the cap before any of it runs.
"""
from __future__ import annotations

import html
import re

from poise.errors import EmptyMessage, InputError

MAX_CHARS = 20_000  # longer messages are cut (with a warning): no complaint holds 20,000 characters of signal
MAX_RAW_CHARS = 10 * MAX_CHARS  # raw input (HTML, quoted threads) is cut here before any cleaning runs
_HTML_LOOK_CHARS = 20_000

_HTML_HINT = re.compile(r"<(?:html|body|div|p|br|span|table|td|tr|b|i|u|a|font|strong|em|ul|ol|li|h[1-6]"
                        r"|img|meta"
                        r"|style|blockquote|head|title|center)(?:\s[^<>]{0,2000})?/?>", re.IGNORECASE)
_DROP_OPEN = re.compile(r"<(script|style|head|title)\b", re.IGNORECASE)
_BREAKS = re.compile(r"<\s*(?:br|/p|/div|/li|/tr|/h\d|/blockquote|/table|hr)\b[^<>]{0,200}>|<\s*(?:p|div"
                     r"|li|tr|h\d)\b[^<>]{0,2000}>",
                     re.IGNORECASE)
_TAGS = re.compile(r"<[^<>]{1,2000}>")
_ENTITY = re.compile(r"&(?:[a-z]{2,8}|#\d{1,6}|#x[0-9a-f]{1,5});", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")

# Email reply furniture. The quote header ("On Mon, 3 Jun 2024, Ann <a@b.c> wrote:") may wrap onto a second
# line, so it is found from its last word back to a line opening with "On" (Le/Am/El in French, German,
# Spanish); Outlook puts "-----Original Message-----" or a "From: ... Sent: ..." block before the old mail.
_HEADER_ENDS = ("wrote:", "a écrit", "schrieb", "escribió")
_HEADER_OPENS = ("on ", "le ", "am ", "el ")
_OUTLOOK_HEADER = re.compile(r"^[ \t>]{0,10}(?:-{2,10} ?original message ?-{2,10}"
                             r"|from:[^\n]{0,200}\n[ \t>]{0,10}sent:)",
                             re.IGNORECASE | re.MULTILINE)
_MAX_HEADER_CHECKS = 20
# Cheap signs that a text may hold reply furniture at all (most messages have none and skip the work).
_EMAIL_MARKS = ("wrote", ">", "-- ", "--\n", "riginal", "rom:", "ent from", "crit", "schrieb", "escribi")
_QUOTED_LINE = re.compile(r"^[ \t]{0,4}>[^\n]{0,100000}\n?", re.MULTILINE)
_SIGNATURE = re.compile(r"^-- ?$", re.MULTILINE)
_SENT_FROM = re.compile(r"^[ \t]{0,4}sent from my [^\n]{1,60}$", re.IGNORECASE | re.MULTILINE)


def looks_like_html(text: str) -> bool:
    """True when the text carries HTML markup (an email body pasted or sent as HTML)."""
    # Markup shows at the top of a body (<html>, <head>, <style>, <div>); looking further only costs time.
    return "<" in text and bool(_HTML_HINT.search(text, 0, _HTML_LOOK_CHARS))


def _drop_blocks(markup: str) -> str:
    """Remove <script>, <style>, <head> and <title> blocks in one linear scan (an unclosed one runs to "
      "the end)."""
    out: list[str] = []
    pos = 0
    lower = markup.lower()
    while (m := _DROP_OPEN.search(markup, pos)) is not None:
        out.append(markup[pos:m.start()])
        close = lower.find(f"</{m[1].lower()}", m.end())
        if close == -1:
            pos = len(markup)
            break
        end = lower.find(">", close)
        pos = len(markup) if end == -1 else end + 1
    out.append(markup[pos:])
    return " ".join(out)


def _drop_comments(markup: str) -> str:
    """Remove <!-- ... --> comments (Outlook's conditional blocks) in one linear scan."""
    out: list[str] = []
    pos = 0
    while (start := markup.find("<!--", pos)) != -1:
        out.append(markup[pos:start])
        end = markup.find("-->", start + 4)
        pos = len(markup) if end == -1 else end + 3
    out.append(markup[pos:])
    return " ".join(out)


def html_to_text(markup: str) -> str:
    """Visible text of an HTML body: scripts, styles and comments dropped, line breaks kept, entities "
      "decoded."""
    text = _drop_blocks(_drop_comments(markup) if "<!--" in markup else markup)
    text = _BREAKS.sub("\n", text)
    text = _TAGS.sub("", text)
    text = html.unescape(text)
    text = _SPACES.sub(" ", text)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" ?\n ?", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _quote_header_start(text: str) -> int | None:
    """Where a reply's quote header begins ("On Mon, ... wrote:" or Outlook's block), or None."""
    lower = text.lower()
    best: int | None = None
    for marker in _HEADER_ENDS:
        pos, checks = 0, 0
        while checks < _MAX_HEADER_CHECKS and (hit := lower.find(marker, pos)) != -1:
            checks += 1
            pos = hit + len(marker)
            line_start = lower.rfind("\n", 0, hit) + 1
            previous_start = lower.rfind("\n", 0, max(0, line_start - 1)) + 1 if line_start else line_start
            for start in (line_start, previous_start):
                if lower[start:start + 12].lstrip(" \t>").startswith(_HEADER_OPENS) and hit - start <= 400:
                    best = start if best is None else min(best, start)
                    break
            if best is not None:
                break
    outlook = _OUTLOOK_HEADER.search(text)
    if outlook:
        best = outlook.start() if best is None else min(best, outlook.start())
    return best


def strip_email_quotes(text: str) -> tuple[str, bool]:
    """Drop quoted replies ("On ... wrote:" and everything after, ">" lines), signatures and "Sent from my".

    Returns (text, changed). When dropping would leave nothing (a message that is all quote), the text is
    kept with its ">" markers removed, so a forwarded complaint is still read.
    """
    if not any(mark in text for mark in _EMAIL_MARKS):
        return text, False
    cleaned = text
    cut = _quote_header_start(cleaned)
    if cut is not None:
        cleaned = cleaned[:cut]
    sig = _SIGNATURE.search(cleaned)
    if sig:
        cleaned = cleaned[:sig.start()]
    if ">" in cleaned:
        cleaned = _QUOTED_LINE.sub("", cleaned)
    cleaned = _SENT_FROM.sub("", cleaned).strip()
    if cleaned == text.strip():
        return text, False
    if not cleaned:
        unquoted = re.sub(r"(?m)^[ \t]{0,4}>+ ?", "", text).strip()
        return unquoted, unquoted != text
    return cleaned, True


def decode_bytes(data: bytes) -> tuple[str, list[str]]:
    """Bytes -> text. Invalid UTF-8 is replaced (U+FFFD), never fatal, and reported as a warning.

    A UTF-16 byte-order mark is honoured (Windows tools write it); a UTF-8 one is dropped.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            return data.decode("utf-16", errors="replace"), ["invalid_utf16_replaced"]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace"), ["invalid_utf8_replaced"]


def normalize(raw: str) -> tuple[str, list[str]]:
    """Return (plain text to read, warnings). Raises EmptyMessage when nothing readable is left.

    Warnings: "html_converted", "quoted_reply_removed", "invisible_chars_removed", "truncated_to_20000_chars".
    """
    if not isinstance(raw, str):
        raise InputError(f"expected text, got {type(raw).__name__}", hint="pass the message as a str "
                         "(for bytes, use poise.reading.normalize.decode_bytes first)")
    warnings: list[str] = []
    text = raw
    cut = len(text) > MAX_RAW_CHARS
    if cut:
        text = text[:MAX_RAW_CHARS]
    if looks_like_html(text):
        text = html_to_text(text)
        warnings.append("html_converted")
    elif "&" in text and ";" in text and _ENTITY.search(text):
        text = html.unescape(text)
    text, quoted = strip_email_quotes(text)
    if quoted:
        warnings.append("quoted_reply_removed")
    if not text.isascii():
        if _SURROGATE.search(text):  # lone surrogates (from bad JSON escapes) cannot be written out again
            text = _SURROGATE.sub("\ufffd", text)
        if _INVISIBLE.search(text):
            text = _INVISIBLE.sub("", text)
            warnings.append("invisible_chars_removed")
        if _SPACES.search(text):
            text = _SPACES.sub(" ", text)  # same length: offsets hold
    if _CONTROL.search(text):
        text = _CONTROL.sub(" ", text)
    if len(text) > MAX_CHARS or cut:
        text = text[:MAX_CHARS]
        warnings.append(f"truncated_to_{MAX_CHARS}_chars")
    if not text.strip():
        if raw.strip():
            raise EmptyMessage("the message has no readable text once markup, quoted replies and invisible "
                               "characters are removed", hint="send the customer's own words as plain text")
        raise EmptyMessage("the message is empty", hint="there is nothing to read; send the customer's text")
    return text, warnings
