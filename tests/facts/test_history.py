"""The customer's history: repeated mistake, abuse history, repeated contact (poise.facts.history)."""
from __future__ import annotations

from typing import Any

import pytest
from factkit import NOW, RecordFactory, make_reading

from poise.facts.facts import Policy
from poise.facts.history import check_history


def login_ticket(n: int, opened: str, *, status: str = "closed", answered: bool = True) -> dict[str, Any]:
    messages: list[dict[str, Any]] = [
        {"direction": "in", "author": "ann@example.com", "sent_at": opened,
         "text": "I can't log in to my account, it says account not found."}]
    if answered:
        messages.append({"direction": "out", "author": "sam@shop.example", "sent_at": opened.replace("T09", "T11"),
                         "text": "Hi Ann, log in with ann@example.com, not your work address."})
    return {"id": f"T-{n}", "customer": "C-1", "subject": "Can't log in", "status": status, "opened_at": opened,
            "messages": messages}


LOGIN = make_reading("it won't let me log in again, account not found")


@pytest.mark.parametrize("record", ["sqlite", "postgresql"], indirect=True)
def test_third_time_same_how_to_is_a_repeated_mistake(record: RecordFactory) -> None:
    session, ann = record(tickets=[login_ticket(1, "2026-01-12T09:00:00Z"), login_ticket(2, "2026-02-20T09:00:00Z")])
    facts = check_history(session, ann, LOGIN, Policy(), NOW)
    assert [(f.kind, f.data["count"], f.data["steps"], [e.record_id for e in f.evidence]) for f in facts] == [
        ("repeated_mistake", 3, ["Log in with ann@example.com, not your work address"], ["T-1", "T-2"])]


@pytest.mark.parametrize(("tickets", "threshold"), [
    ([login_ticket(1, "2026-02-20T09:00:00Z")], 3),                                   # second time only
    ([login_ticket(1, "2025-10-01T09:00:00Z"), login_ticket(2, "2026-02-20T09:00:00Z")], 3),  # first one too old
    ([login_ticket(1, "2026-01-12T09:00:00Z", answered=False),
      login_ticket(2, "2026-02-20T09:00:00Z", answered=False)], 3),                     # we never answered
    ([login_ticket(1, "2026-01-12T09:00:00Z"), login_ticket(2, "2026-02-20T09:00:00Z")], 4),  # higher threshold
])
def test_no_repeated_mistake_below_the_threshold_or_outside_the_window(
        record: RecordFactory, tickets: list[dict[str, Any]], threshold: int) -> None:
    session, ann = record(tickets=tickets)
    facts = check_history(session, ann, LOGIN, Policy(repeat_threshold=threshold), NOW)
    assert [f.kind for f in facts if f.kind == "repeated_mistake"] == []


def test_a_warning_is_abuse_history(record: RecordFactory) -> None:
    session, ann = record(customers=[{"id": "C-1", "warnings": [
        {"at": "2026-02-04T15:10:00Z", "kind": "abuse", "reason": "Called our agent an idiot."}]}])
    facts = check_history(session, ann, make_reading("where is my order"), Policy(), NOW)
    assert [(f.kind, f.data, f.statement) for f in facts] == [
        ("abuse_history", {"warnings": 1, "abusive_messages": 0},
         "Before this, we asked you to keep messages respectful on 4 February.")]


def test_open_ticket_messages_and_refused_offers_are_repeated_contact(record: RecordFactory) -> None:
    ticket = {"id": "T-9", "customer": "C-1", "subject": "Boots", "status": "open", "opened_at": "2026-03-02T09:00:00Z",
              "messages": [
                  {"direction": "in", "sent_at": "2026-03-02T09:00:00Z", "text": "My boots never came."},
                  {"direction": "out", "sent_at": "2026-03-02T12:00:00Z", "text": "We can send a replacement."},
                  {"direction": "in", "sent_at": "2026-03-05T09:00:00Z", "text": "No."},
                  {"direction": "out", "sent_at": "2026-03-06T12:00:00Z", "text": "We can offer a voucher."},
                  {"direction": "in", "sent_at": "2026-03-10T09:00:00Z", "text": "No!"}]}
    session, ann = record(tickets=[ticket])
    facts = check_history(session, ann, make_reading("fourth time: I never got the boots", "repeated_contact"),
                          Policy(), NOW)
    assert [(f.kind, f.claim, f.data) for f in facts] == [
        ("repeated_contact", "repeated_contact", {"count": 4, "remedies_refused": 2, "on_record": 4})]


def test_an_earlier_abusive_message_is_abuse_history(record: RecordFactory) -> None:
    ticket = {"id": "T-5", "customer": "C-1", "subject": "Order", "status": "closed", "opened_at": "2026-03-05T09:00:00Z",
              "messages": [{"direction": "in", "sent_at": "2026-03-05T09:00:00Z", "message_id": "<m1@example.com>",
                            "text": "Answer me you idiot."}]}
    session, ann = record(tickets=[ticket])
    facts = check_history(session, ann, make_reading("still waiting"), Policy(), NOW)
    assert [(f.kind, f.data, [e.record_id for e in f.evidence]) for f in facts] == [
        ("abuse_history", {"warnings": 0, "abusive_messages": 1}, ["<m1@example.com>"])]


@pytest.mark.parametrize(("text", "count"), [
    ("This is the third email I've sent about this", 3),
    ("I have told you FOUR times", 4),
    ("the checkout asked for my address three times", None),
])
def test_a_counted_contact_must_be_the_customer_writing(record: RecordFactory, text: str, count: int | None) -> None:
    session, ann = record()
    facts = check_history(session, ann, make_reading(text, "repeated_contact"), Policy(), NOW)
    assert [f.data["count"] for f in facts if f.kind == "repeated_contact"] == ([count] if count else [])
