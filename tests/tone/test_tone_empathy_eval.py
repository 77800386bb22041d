"""The EPITOME evaluation of the rule-based empathy score, reproduced (figures in docs/eval/tone.md)."""
from __future__ import annotations

from pathlib import Path

import pytest

from poise.errors import InputError
from poise.tone.empathy_eval import evaluate, score, split_of

# Measured with `python -m poise.tone.empathy_eval ../shared/data`; the rules are deterministic, so a change
# in these figures means the rules changed: update docs/eval/tone.md with the new table.
EXPECTED_TEST = {
    "emotional_reactions": (0.718, 0.522, 0.591),
    "interpretations": (0.734, 0.516, 0.734),
    "explorations": (0.902, 0.612, 0.729),
}


def test_score_on_a_small_hand_made_example() -> None:
    acc, macro, binary = score([0, 1, 2, 0], [0, 1, 1, 1])
    # level F1s: 0 -> 2/3, 1 -> 1/2, 2 -> 0; binary: tp 2, fp 1, fn 0
    assert (acc, round(macro, 4), round(binary, 4)) == (0.5, 0.3889, 0.8)


def test_split_is_fixed_by_seeker_post_id() -> None:
    assert [split_of(x) for x in ("a", "b", "c", "d")] == [split_of(x) for x in ("a", "b", "c", "d")]
    assert {split_of(str(i)) for i in range(20)} == {"dev", "test"}


def test_missing_data_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="emotional-reactions-reddit.csv not found"):
        evaluate(tmp_path)


@pytest.mark.data
def test_epitome_figures_reproduce(shared_data: Path) -> None:
    results = {(r.dimension, r.split): r for r in evaluate(shared_data)}
    assert {(d, s) for d, s in results} == {(d, s) for d in EXPECTED_TEST for s in ("dev", "test", "all")}
    assert results[("emotional_reactions", "all")].n == 3023
    got = {d: (results[(d, "test")].accuracy, results[(d, "test")].macro_f1, results[(d, "test")].binary_f1)
           for d in EXPECTED_TEST}
    assert got == EXPECTED_TEST
