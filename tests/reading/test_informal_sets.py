"""Structure checks for the informal sets written in one format: informal_blind2.yaml, informal_blind3.yaml,
informal_blind4.yaml, informal_blind5.yaml (blind) and informal_dev2.yaml, informal_dev3.yaml, informal_dev4.yaml
(development).

This file deliberately does not import or run poise: the blind sets were written blind and are checked here only
for shape (they load, the stated row count, ids in order, every label in the sets the header declares). Scoring
poise on them is left to separate scorers, so that nothing here invites tuning on them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

DATA_DIR = Path(__file__).parent / "data"
# file -> (rows, id prefix)
SETS: dict[str, tuple[int, str]] = {"informal_blind2.yaml": (150, "ib2_"), "informal_blind3.yaml": (160, "ib3_"),
                                    "informal_blind4.yaml": (200, "ib4_"), "informal_dev2.yaml": (250, "id2_"),
                                    "informal_dev3.yaml": (320, "id3_"), "informal_dev4.yaml": (400, "id4_"),
                                    "informal_blind5.yaml": (200, "ib5_")}

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


@pytest.fixture(params=sorted(SETS))
def name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _rows(name: str) -> list[dict[str, Any]]:
    """Load a set once per call; it is small, and a fresh load keeps tests independent."""
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        loaded = yaml.safe_load(handle)
    assert isinstance(loaded, list)
    return loaded


def _header(name: str) -> str:
    """The leading comment block, where the labelling conventions are written down."""
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if line.startswith("#"))


def test_row_count_and_unique_ids(name: str) -> None:
    rows = _rows(name)
    expected, prefix = SETS[name]
    assert len(rows) == expected
    ids = [row["id"] for row in rows]
    assert len(set(ids)) == len(ids)
    assert ids == [f"{prefix}{n:03d}" for n in range(1, expected + 1)]


def test_every_row_has_exactly_the_fields(name: str) -> None:
    for row in _rows(name):
        assert tuple(row) == FIELDS, row.get("id")


@pytest.mark.parametrize("values", [CHANNELS, SENTIMENTS, INTENTS, ABUSE, CLAIMS, STAKES])
def test_allowed_values_are_the_ones_the_header_declares(name: str, values: frozenset[str]) -> None:
    """Guards against the constants above drifting from the conventions written in the file."""
    header = _header(name)
    for value in values:
        assert value in header, value


def test_labels_are_in_the_allowed_sets(name: str) -> None:
    for row in _rows(name):
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


def test_texts_are_unique(name: str) -> None:
    texts = [row["text"] for row in _rows(name)]
    assert len(set(texts)) == len(texts)
