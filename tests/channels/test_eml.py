"""An .eml file -> Message (poise.channels.eml)."""
from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest

from poise.channels.eml import (
    message_from_bytes,
    message_from_file,
    message_from_path,
    strip_quotes_and_signature,
)
from poise.errors import EmptyMessage, InputError
from poise.message import Message


def eml(body: str | None = None, html: str | None = None, **headers: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = headers.pop("From", "Ann Lee <Ann@Example.com>")
    msg["To"] = "help@shop.example"
    msg["Subject"] = headers.pop("Subject", "Order F-1 never arrived")
    msg["Date"] = "Mon, 16 Mar 2026 09:15:00 +0000"
    msg["Message-ID"] = "<abc123@mail.example.com>"
    for name, value in headers.items():
        msg[name.replace("_", "-")] = value
    if body is not None:
        msg.set_content(body)
        if html is not None:
            msg.add_alternative(html, subtype="html")
    elif html is not None:
        msg.set_content(html, subtype="html")
    return msg.as_bytes()


def test_plain_email_gives_text_and_thread_headers() -> None:
    data = eml("My parcel never came.\n", In_Reply_To="<x1@shop.example>",
               References="<x0@shop.example> <x1@shop.example>")
    assert message_from_bytes(data) == Message(
        text="My parcel never came.", html=None, sender="ann@example.com", subject="Order F-1 never arrived",
        channel="email", received_at=datetime(2026, 3, 16, 9, 15, tzinfo=UTC), message_id="<abc123@mail.example.com>",
        in_reply_to="<x1@shop.example>", references=("<x0@shop.example>", "<x1@shop.example>"))


def test_plain_part_is_preferred_over_html() -> None:
    msg = message_from_bytes(eml("Plain words.\n", "<p>HTML <b>words</b>.</p>"))
    assert (msg.text, msg.html) == ("Plain words.", "<p>HTML <b>words</b>.</p>\n")


def test_html_only_email_is_read_as_text() -> None:
    assert message_from_bytes(eml(html="<p>Where is <b>my</b> order?</p><p>Ann</p>")).text == "Where is my order?\n\nAnn"


@pytest.mark.parametrize(("body", "text"), [
    ("Still nothing.\n\nOn Fri, 13 Mar 2026, Shop <help@shop.example> wrote:\n> It ships today.\n", "Still nothing."),
    ("Still nothing.\n> earlier words\nThanks", "Still nothing.\nThanks"),
    ("Still nothing.\n-- \nAnn Lee\nAcme Ltd", "Still nothing."),
    ("Still nothing.\n\nSent from my iPhone", "Still nothing."),
    ("Still nothing.\n-----Original Message-----\nFrom: Shop\nIt ships today.", "Still nothing."),
])
def test_quoted_thread_and_signature_are_cut(body: str, text: str) -> None:
    assert strip_quotes_and_signature(body) == text


def test_an_email_with_no_text_is_an_empty_message() -> None:
    with pytest.raises(EmptyMessage, match="no readable text"):
        message_from_bytes(eml("   \n"), source="blank.eml")


def test_a_missing_file_says_which(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read .*missing.eml"):
        message_from_file(tmp_path / "missing.eml")


def test_message_from_file_reads_the_file(tmp_path: Path) -> None:
    path = tmp_path / "complaint.eml"
    path.write_bytes(eml("Charged twice for F-1!\n"))
    assert (message_from_file(path).text, message_from_file(path).sender) == ("Charged twice for F-1!",
                                                                             "ann@example.com")


def test_latin1_email_is_decoded() -> None:
    raw = (b"From: ann@example.com\r\nSubject: caf\xe9\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
           b"Content-Transfer-Encoding: 8bit\r\n\r\nMon caf\xe9 est froid.\r\n")
    assert message_from_bytes(raw).text == "Mon café est froid."


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("msg.txt", b"my parcel never came", Message(text="my parcel never came")),
    ("msg.txt", b"caf\xe9 cold", Message(text="caf\ufffd cold")),
    ("msg.eml", b"From: ann@example.com\nSubject: F-1\n\nIt never came.\n",
     Message(text="It never came.", sender="ann@example.com", subject="F-1")),
    ("saved-mail", b"From: ann@example.com\r\nSubject: F-1\r\n\r\nIt never came.\r\n",
     Message(text="It never came.", sender="ann@example.com", subject="F-1")),
])
def test_message_from_path_reads_text_or_email(tmp_path: Path, name: str, data: bytes, expected: Message) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert message_from_path(path) == expected
