"""Form: shouting (ALL CAPS, "!!!"), a wall of text, and a reading grade too high.

Why: an upset customer skims. Capitals and "!!!" read as shouting; long or hard replies get half-read and
the customer writes again (the reply drafter aims at <= 120 words and grade <= 8).
"""
from __future__ import annotations

import re

from poise.reading.plain import flesch_kincaid_grade, sentence_spans
from poise.tone.flags import Context, Flag

# Capitalised terms that are names, not shouting (shipping firms, tech, money, sizes, time zones).
ACRONYMS = frozenset(["USB", "UPS", "DHL", "DPD", "TNT", "GLS", "USPS", "FEDEX", "EMS", "FAQ", "PDF", "ID", "UK", "US", "USA", "EU", "OK", "PIN", "SMS", "URL", "VAT", "GPS", "TV", "PC", "HDMI", "IMEI", "ASAP", "NHS", "BBC", "API", "CEO", "CSV", "APR", "ATM", "HMRC", "IBAN", "BIC", "SKU", "RMA", "ETA", "AM", "PM", "GMT", "BST", "UTC", "CET", "EST", "PST", "FYI", "IT", "HR", "QR", "LCD", "LED", "OLED", "SSD", "HDD", "RAM", "CPU", "GPU", "SIM", "ISBN", "VIN", "MOT", "NFC", "CVV", "CVC", "POS", "PAYE", "PAYG", "TBC", "TBD", "PO", "HTML", "JPG", "JPEG", "PNG", "MP3", "MP4", "XS", "XL", "XXL", "XXXL", "II", "III", "IV", "VI", "AC", "DC", "UV", "AI", "IP", "VPN", "DNS", "SSL", "WIFI", "LTE", "NB", "PS", "PPS", "RSVP", "COD", "EV", "LLC", "LTD", "PLC", "GDPR", "ISO", "CE", "UKCA", "IOS", "SEPA", "BACS", "CHAPS", "SWIFT", "EFT", "ACH", "FCA", "DSR", "PAYPAL", "APP", "NASA"])
# Short words that are only ever capitalised to shout.
_EMPHASIS_SHORT = frozenset(["NOT", "NO", "YOU", "ALL", "ANY", "DID", "WAS", "ARE", "THE", "AND", "NOW", "CAN", "HAS", "HAD", "OUR", "TOO", "OFF", "GET", "PAY", "PUT", "WHY", "HOW", "ONE", "TWO", "SO", "DO", "OR", "AT", "ON", "BY", "TO", "OF", "IF", "BE", "WE", "ME", "MY", "YES", "WHO", "BUT", "YET", "FOR", "ITS", "YOUR"])
_CAPS_WORD_RE = re.compile(r"(?<![\w#\-/])[A-Z][A-Z']*[A-Z](?![\w\-/])")
_GAP_RE = re.compile(r"[^A-Za-z0-9]*")
_EXCLAIM_RE = re.compile(r"[!?]*![!?]+|[!?]+![!?]*")


def _shouted(word: str) -> bool:
    bare = word.replace("'", "")
    if bare in ACRONYMS:
        return False
    return len(bare) >= 4 or bare in _EMPHASIS_SHORT


def check_caps(text: str, ctx: Context) -> list[Flag]:
    """Flag words or runs of words in capitals (acronyms such as USB or UPS are fine)."""
    runs: list[list[int]] = []
    for m in _CAPS_WORD_RE.finditer(text):
        if not _shouted(m.group()):
            continue
        if runs and _GAP_RE.fullmatch(text[runs[-1][1]:m.start()]) and "\n" not in text[runs[-1][1]:m.start()]:
            runs[-1][1] = m.end()
        else:
            runs.append([m.start(), m.end()])
    return [Flag("all_caps", (s, e), "Capitals read as shouting.",
                 f"Write it in normal case: \"{text[s:e].lower()}\"; add one plain sentence if it matters.")
            for s, e in runs]


def check_exclamation(text: str, ctx: Context) -> list[Flag]:
    """Flag runs of exclamation marks ("!!", "!!!", "?!")."""
    return [Flag("exclamation", (m.start(), m.end()), "Several exclamation marks read as shouting or exasperation.",
                 "Use a full stop.") for m in _EXCLAIM_RE.finditer(text)]


def check_length(text: str, ctx: Context) -> list[Flag]:
    """Flag a wall of text: over the word limit, or far longer than the customer's own message."""
    limit = ctx.max_words
    why = f"{ctx.words} words; an upset customer skims anything over {limit}."
    if ctx.customer_words is not None:
        relative = max(90, 4 * ctx.customer_words)
        if relative < limit:
            limit = relative
            why = (f"{ctx.words} words in reply to a message of {ctx.customer_words}; a short question deserves "
                   "a short answer.")
    if ctx.words <= limit:
        return []
    return [Flag("wall_of_text", (0, len(text)), why,
                 "Cut to three parts: what happened, what you've done, what happens next (under 120 words).")]


def check_grade(text: str, ctx: Context) -> list[Flag]:
    """Flag a reply whose Flesch-Kincaid grade is above the limit, pointing at its hardest sentence."""
    if ctx.words < 25 or ctx.grade <= ctx.max_grade:
        return []
    spans = sentence_spans(text)
    worst = max(spans, key=lambda sp: flesch_kincaid_grade(text[sp[0]:sp[1]])) if spans else (0, len(text))
    return [Flag("grade_too_high", worst,
                 f"Reading grade {ctx.grade:.1f} (aim for {ctx.max_grade:.0f} or lower): long sentences and long "
                 "words make the customer work to understand.",
                 "Split long sentences and use everyday words (\"use\" not \"utilise\", \"help\" not \"assistance\").")]


def check(text: str, ctx: Context) -> list[Flag]:
    """All form checks: capitals, exclamation runs, length, reading grade."""
    return check_caps(text, ctx) + check_exclamation(text, ctx) + check_length(text, ctx) + check_grade(text, ctx)
