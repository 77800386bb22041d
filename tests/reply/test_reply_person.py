"""Re-phrasing the customer's words into the second person for the reply."""
from __future__ import annotations

import pytest

from poise.reply.person import as_clause, to_second_person


@pytest.mark.parametrize(("text", "expected"), [
    ("My order has not arrived.", "Your order has not arrived."),
    ("I was charged twice by you", "You were charged twice by us"),
    ("I was charged. Then I called.", "You were charged. Then you called."),
    ("You charged me twice and I am angry", "We charged you twice and you are angry"),
    ("You never sent me the instructions", "We never sent you the instructions"),
    ("I'm confused about the setup", "You're confused about the setup"),
    ("We never got your email", "You never got our email"),
    ("The customer's parcel is late", "Your parcel is late"),
    ("Refund the customer now", "Refund you now"),
    ("The customer was charged twice.", "You were charged twice."),
    ("The blender stopped working.", "The blender stopped working."),
])
def test_person_to_second_person(text: str, expected: str) -> None:
    assert to_second_person(text) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("My order has not arrived.", "your order has not arrived"),
    ("The blender stopped working after two days!", "the blender stopped working after two days"),
    ("DHL lost my parcel.", "DHL lost your parcel"),
    ("  ", ""),
])
def test_person_as_clause(sentence: str, expected: str) -> None:
    assert as_clause(sentence) == expected
