"""not_informed against what we sent (poise.facts.communications)."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from factkit import NOW, RecordFactory, make_reading

from poise.facts.communications import check_communications
from poise.facts.facts import Evidence, Fact, Policy

CARE: dict[str, Any] = {
    "id": "COM-1", "customer": "C-1", "to_address": "ann@example.com", "subject": "Caring for your boots",
    "body": "1. Spray the boots with the waterproofing spray.\n2. Let them dry overnight.",
    "topics": ["care instructions", "waterproofing"], "sent_at": "2026-02-23T12:00:00Z",
    "opened_at": "2026-02-23T18:00:00Z",
}


@pytest.mark.parametrize("record", ["sqlite", "postgresql"], indirect=True)
def test_informed_before_names_what_we_sent_and_when(record: RecordFactory) -> None:
    session, ann = record(communications=[CARE])
    reading = make_reading("Nobody told me the boots need waterproofing!", "not_informed")
    assert check_communications(session, ann, reading, Policy(), NOW) == [Fact(
        "informed_before", "not_informed", "contradicts",
        'We emailed "Caring for your boots" to ann@example.com on 23 February.',
        (Evidence("communication", "COM-1", datetime(2026, 2, 23, 12, 0, tzinfo=UTC), "Caring for your boots"),),
        {"topic": "waterproofing", "subject": "Caring for your boots", "channel": "email",
         "sent_at": "2026-02-23T12:00:00+00:00",
         "body": "1. Spray the boots with the waterproofing spray. 2. Let them dry overnight.",
         "steps": ["Spray the boots with the waterproofing spray", "Let them dry overnight"], "opened": True,
         "matched_words": ["boot", "waterproof"]})]


def test_nothing_on_that_topic_is_never_informed(record: RecordFactory) -> None:
    session, ann = record(communications=[CARE])
    reading = make_reading("nobody told me the price was going up", "not_informed")
    facts = check_communications(session, ann, reading, Policy(), NOW)
    assert [(f.kind, f.bearing, f.statement) for f in facts] == [
        ("never_informed", "supports", "We have no record of telling you about this before.")]
    assert facts[0].data == {"topic": "price was going up", "searched": 1}


def test_an_email_sent_after_the_moment_judged_does_not_count(record: RecordFactory) -> None:
    session, ann = record(communications=[{**CARE, "sent_at": "2026-03-20T12:00:00Z"}])
    reading = make_reading("Nobody told me the boots need waterproofing!", "not_informed")
    assert [f.kind for f in check_communications(session, ann, reading, Policy(), NOW)] == ["never_informed"]


def test_a_segment_email_counts_for_every_customer(record: RecordFactory) -> None:
    session, ann = record(communications=[{**CARE, "customer": None, "segment": "all", "to_address": None}])
    reading = make_reading("Nobody told me the boots need waterproofing!", "not_informed")
    facts = check_communications(session, ann, reading, Policy(), NOW)
    assert [(f.kind, f.statement) for f in facts] == [
        ("informed_before", 'We emailed "Caring for your boots" on 23 February.')]


def test_a_broken_product_we_sent_instructions_about_is_context(record: RecordFactory) -> None:
    lid = {**CARE, "subject": "Getting started with your blender", "topics": ["setup instructions", "lid lock"],
           "body": "1. Twist the lid until it clicks."}
    session, ann = record(communications=[lid])
    reading = make_reading("the blender won't start, the lid just spins. broken?", "defective")
    facts = check_communications(session, ann, reading, Policy(), NOW)
    assert [(f.kind, f.claim, f.bearing, f.data["topic"]) for f in facts] == [
        ("informed_before", "defective", "context", "lid lock")]


def test_no_claim_no_facts(record: RecordFactory) -> None:
    session, ann = record(communications=[CARE])
    assert check_communications(session, ann, make_reading("thanks, all good"), Policy(), NOW) == []
