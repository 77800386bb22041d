"""Structure checks for the second blind informal set (informal_blind2.yaml).

This file deliberately does not import or run poise: the set was written blind and is checked here only for
shape (it loads, 150 rows, unique ids, every label in the sets its header declares). Scoring poise on it is
left to a separate scorer, so that nothing here invites tuning on it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

DATA = Path(__file__).parent / "data" / "informal_blind2.yaml"
EXPECTED_ROWS = 150

# Allowed values, copied from the header conventions of informal_blind2.yaml (not from poise code).
FIELDS = ("id", "channel", "business", "text", "complaint", "sentiment", "intent", "anger", "abuse", "claims",
          "stakes")
CHANNELS = frozenset({"sms", "chat", "email", "review", "social"})
SENTIMENTS = frozenset({"positive", "neutral", "negative"})
INTENTS = frozenset({"refund", "return_exchange", "cancel", "where_is_my_order", "billing_charge", "how_to",
                     "defect_report", "complaint_about_staff", "account_access", "feedback_praise", "other"})
ABUSE = frozenset({"none", "profanity", "insult", "threat", "hate"})
CLAIMS = frozenset({"not_received", "not_informed", "defective", "wrong_charge", "already_returned",
                    "promised_by_staff", "repeated_contact"})
STAKES = frozenset({"churn", "public", "legal", "chargeback"})


def _rows() -> list[dict[str, Any]]:
    """Load the set once per call; it is small, and a fresh load keeps tests independent."""
    with DATA.open(encoding="utf-8") as handle:
        loaded = yaml.safe_load(handle)
    assert isinstance(loaded, list)
    return loaded


def _header() -> str:
    """The leading comment block, where the labelling conventions are written down."""
    lines = DATA.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if line.startswith("#"))


def test_row_count_and_unique_ids() -> None:
    rows = _rows()
    assert len(rows) == EXPECTED_ROWS
    ids = [row["id"] for row in rows]
    assert len(set(ids)) == len(ids)
    assert ids == [f"ib2_{n:03d}" for n in range(1, EXPECTED_ROWS + 1)]


def test_every_row_has_exactly_the_fields() -> None:
    for row in _rows():
        assert tuple(row) == FIELDS, row.get("id")


@pytest.mark.parametrize("values", [CHANNELS, SENTIMENTS, INTENTS, ABUSE, CLAIMS, STAKES])
def test_allowed_values_are_the_ones_the_header_declares(values: frozenset[str]) -> None:
    """Guards against the constants above drifting from the conventions written in the file."""
    header = _header()
    for value in values:
        assert value in header, value


def test_labels_are_in_the_allowed_sets() -> None:
    for row in _rows():
        rid = row["id"]
        assert isinstance(row["text"], str) and row["text"].strip(), rid
        assert isinstance(row["business"], str) and row["business"], rid
        assert row["channel"] in CHANNELS, rid
        assert isinstance(row["complaint"], bool), rid
        assert isinstance(row["anger"], bool), rid
        assert row["sentiment"] in SENTIMENTS, rid
        assert row["intent"] in INTENTS, rid
        assert row["abuse"] in ABUSE, rid
        assert set(row["claims"]) <= CLAIMS and len(set(row["claims"])) == len(row["claims"]), rid
        assert set(row["stakes"]) <= STAKES and len(set(row["stakes"])) == len(row["stakes"]), rid


def test_texts_are_unique() -> None:
    texts = [row["text"] for row in _rows()]
    assert len(set(texts)) == len(texts)
