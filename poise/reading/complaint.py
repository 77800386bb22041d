"""Complaint: the probability that a message voices dissatisfaction, as opposed to a plain question, an
order or account request, or praise. "my order still hasn't arrived" is a complaint without an angry word.

A logistic model trained on problem reports vs plain requests and praise from banking77, Bitext, CFPB
narratives and review sentences (poise/reading/training/complaint.py documents exactly which rows).
"""
from __future__ import annotations

from poise.reading import pipeline
from poise.reading.affect import affect_scores
from poise.reading.pipeline import Parse


@pipeline.component("complaint", assigns=("complaint",))
def component(parses: list[Parse]) -> None:
    """Assign `complaint`: a float in [0, 1]; 0.5 and above reads as a complaint."""
    for p, scores in zip(parses, affect_scores(parses)):
        p.values["complaint"] = scores["complaint"][0]
