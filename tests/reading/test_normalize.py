"""Normalising raw input: HTML email bodies, quoted replies, signatures, invisible characters, bytes, size."""
from __future__ import annotations

import contextlib
import time

import pytest

from poise.errors import EmptyMessage, InputError
from poise.reading.normalize import MAX_CHARS, decode_bytes, html_to_text, normalize, strip_email_quotes

HTML_EMAIL = """<html><head><meta charset="utf-8"><title>Re: order</title>
<style type="text/css">p { color: red; } .x { font-size: 12px }</style></head>
<body><!--[if mso]><p>Outlook only</p><![endif]-->
<div dir="ltr"><p>Hi,</p><p>My order&nbsp;#4411 never arrived &amp; nobody answers.</p><br>
<p>Thanks &mdash; Ann</p></div>
<div class="gmail_quote"><div class="gmail_attr">
On Mon, 3 Jun 2024 at 10:00, Shop &lt;help@shop.com&gt; wrote:<br></div>
<blockquote>We are sorry for the delay.</blockquote></div>
<script>alert(1)</script></body></html>"""


def test_plain_text_comes_back_unchanged() -> None:
    text = "my order never arrived!!  it's been 2 weeks\n\nplease help"
    assert normalize(text) == (text, [])


def test_html_email_body_becomes_its_visible_text_without_the_quoted_reply() -> None:
    text = "Hi,\n\nMy order #4411 never arrived & nobody answers.\n\nThanks \u2014 Ann"
    assert normalize(HTML_EMAIL) == (text, ["html_converted", "quoted_reply_removed"])


@pytest.mark.parametrize(("raw", "expected"), [
    ("Still broken!\n\nOn Tue, Jun 4, 2024 at 9:12 AM Support Team <support@shop.com>\nwrote:\n"
     "> Have you tried\n> restarting it?", "Still broken!"),
    ("Still broken!\n> old text\n> more old\nthanks", "Still broken!\nthanks"),
    ("Where is it?\n-- \nJohn Smith\nCEO, Smith Ltd", "Where is it?"),
    ("Answer please\n\n-----Original Message-----\nFrom: Support\nSent: Monday\nhello", "Answer please"),
    ("It broke again\n\nSent from my iPhone", "It broke again"),
    ("Toujours rien.\n\nLe lun. 3 juin 2024, Shop <a@b.fr> a écrit :\n> Bonjour", "Toujours rien."),
])
def test_email_quotes_and_signatures_are_dropped(raw: str, expected: str) -> None:
    assert normalize(raw) == (expected, ["quoted_reply_removed"])


def test_all_quoted_message_is_kept_without_its_markers() -> None:
    expected = ("my order never came\nplease help", True)
    assert strip_email_quotes("> my order never came\n> please help") == expected


def test_zero_width_and_bidi_characters_are_removed_and_nbsp_becomes_space() -> None:
    assert normalize("re\u200bfund\u00a0now\ufeff\u202e") == ("refund now", ["invisible_chars_removed"])


def test_control_characters_become_spaces_and_lone_surrogates_replacement_chars() -> None:
    assert normalize("bad\x00input\x07here \ud800") == ("bad input here \ufffd", [])


def test_entities_in_plain_text_are_decoded() -> None:
    expected = ("you charged me \u00a350 & never replied", [])
    assert normalize("you charged me &pound;50 &amp; never replied") == expected


def test_long_text_is_cut_with_a_warning() -> None:
    text, warnings = normalize("a" * (MAX_CHARS + 5))
    assert (len(text), warnings) == (MAX_CHARS, [f"truncated_to_{MAX_CHARS}_chars"])


@pytest.mark.parametrize(("raw", "message"), [
    ("", "the message is empty"),
    ("   \n\t ", "the message is empty"),
    ("<html><body><style>p {}</style></body></html>", "no readable text"),
    ("\u200b\u200b", "no readable text"),
])
def test_nothing_to_read_raises_empty_message(raw: str, message: str) -> None:
    with pytest.raises(EmptyMessage, match=message):
        normalize(raw)


def test_non_text_raises_input_error_with_a_hint() -> None:
    with pytest.raises(InputError, match="decode_bytes"):
        normalize(b"bytes")  # type: ignore[arg-type]


@pytest.mark.parametrize(("data", "expected"), [
    (b"caf\xc3\xa9 order", ("caf\u00e9 order", [])),
    (b"caf\xe9 order \xff", ("caf\ufffd order \ufffd", ["invalid_utf8_replaced"])),
    (b"\xef\xbb\xbfhello", ("hello", [])),
    ("hello".encode("utf-16"), ("hello", [])),
])
def test_decode_bytes(data: bytes, expected: tuple[str, list[str]]) -> None:
    assert decode_bytes(data) == expected


def test_html_to_text_keeps_line_breaks() -> None:
    assert html_to_text("<p>one</p><p>two<br>three</p>") == "one\n\ntwo\nthree"


@pytest.mark.parametrize("raw", [
    "<" * 200_000, "<!--" * 50_000, "<style>" * 30_000 + "x", "<p" * 100_000, "on " * 70_000 + "wrote:",
    ("On x\n" + "a" * 190 + "\n") * 1_000 + "wrote:", "&amp;" * 40_000, "\n>" * 100_000 + "x",
    "a" * 1_000_000,
])
def test_hostile_input_is_handled_fast(raw: str) -> None:
    start = time.perf_counter()
    with contextlib.suppress(EmptyMessage):
        normalize(raw)
    assert time.perf_counter() - start < 0.5
