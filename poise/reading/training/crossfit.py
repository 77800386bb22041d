"""Cross-fitting for the models fitted on the Reading's own outputs (upset, desk sentiment).

Why: the complaint model also learns from the informal development sets. Read with the shipped model, those
sets' complaint scores are in-sample (far better than on a new message), and a model fitted on top of them
would trust the complaint score more than a new message deserves. So, while `upset` and `desk_sentiment` are
fitted, each development set is read with a complaint model trained without it (the blind set they also use is
never in the complaint model's training, so the shipped one reads it).

The intent and claim-kinds models learn from the same sets and are not cross-fitted: the desk sentiment reads
only the claim rules' claims and uses the intent as a gate; `upset` reads the claims (repeated contact). Their
figures are a little optimistic for that.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from poise.reading import affect
from poise.reading.affect import build_scorer
from poise.reading.linear import LinearModel
from poise.reading.training.informal import INFORMAL_SETS


@cache
def complaint_without(name: str) -> LinearModel:
    """A complaint model trained exactly as the shipped one, less the informal set `name`."""
    from poise.reading.training.complaint import fit_model
    from poise.reading.training.emotions import default_data_dir

    return fit_model(default_data_dir(), informal_sets=tuple(s for s in INFORMAL_SETS if s != name))


@contextmanager
def reading_without(name: str) -> Iterator[None]:
    """Within it, the Reader's complaint scores come from a model that never saw the informal set `name` (when
    the shipped complaint model learnt from it; otherwise nothing changes)."""
    if name not in INFORMAL_SETS:
        yield
        return
    scorer = build_scorer({"complaint": complaint_without(name)})
    original = affect.shipped_scorer
    affect.shipped_scorer = lambda: scorer  # type: ignore[assignment]  # read by affect_scores at call time
    try:
        yield
    finally:
        affect.shipped_scorer = original
