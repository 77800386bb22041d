"""Complaint: hand-written examples (incl. the check set of informal messages), range, batch == single."""
from __future__ import annotations

from pathlib import Path

import pytest

from poise.reading import complaint
from poise.reading.pipeline import Reader
from poise.reading.training.complaint import CHECK_SET, check_set, evaluate

# Figures of the shipped model, as reported in docs/eval/emotions-sentiment-complaint.md (2026-12-08, with the
# four informal development sets in its training: check set 0.857 -> 0.957, held-out split 0.929 -> 0.919).
REPORTED_CHECK_ACCURACY = 0.9571
REPORTED_HELD_OUT_ACCURACY = 0.9190


@pytest.fixture(scope="module")
def reader() -> Reader:
    return Reader([complaint.component])


@pytest.mark.parametrize("text", [
    "my order still hasn't arrived",
    "you charged me twice for the same order",
    "still waiting on my refund, you said 5 days, its been 3 weeks",
    "the blender stopped working after 3 days",
    "why was my card declined, there's money in the account",
])
def test_complaint_without_angry_words_is_a_complaint(reader: Reader, text: str) -> None:
    assert reader.read(text).complaint >= 0.5


@pytest.mark.parametrize("text", [
    "where can i see my order status?",
    "how do i reset my password",
    "thanks so much, the package came early!",
    "can i pay with paypal?",
    "i'd like to upgrade to the premium plan",
])
def test_question_request_or_praise_is_not_a_complaint(reader: Reader, text: str) -> None:
    assert reader.read(text).complaint < 0.5


@pytest.mark.parametrize("text", ["ok", "?", "🙂", "a" * 3000])
def test_complaint_is_a_probability(reader: Reader, text: str) -> None:
    assert 0.0 <= reader.read(text).complaint <= 1.0


def test_complaint_batch_equals_single(reader: Reader) -> None:
    texts, _ = check_set()
    batch = list(Reader([complaint.component], batch_size=16).read_many(texts))
    singles = [reader.read(t).complaint for t in texts]
    assert [r.complaint for r in batch if not isinstance(r, Exception)] == pytest.approx(singles, abs=1e-6)


def test_check_set_is_balanced_and_large_enough() -> None:
    texts, labels = check_set(CHECK_SET)
    assert (len(texts), int(labels.sum())) == (70, 35)


def test_check_set_accuracy_matches_report(reader: Reader) -> None:
    texts, labels = check_set()
    predicted = [r.complaint >= 0.5 for r in reader.read_many(texts) if not isinstance(r, Exception)]
    accuracy = sum(int(p) == y for p, y in zip(predicted, labels)) / len(labels)
    assert accuracy == pytest.approx(REPORTED_CHECK_ACCURACY, abs=0.001)


def test_held_out_split_accuracy_matches_report(shared_data: Path) -> None:
    held_out = evaluate(shared_data)[0]
    assert held_out.headline["accuracy"] == pytest.approx(REPORTED_HELD_OUT_ACCURACY, abs=0.002)
