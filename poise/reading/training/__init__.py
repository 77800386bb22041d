"""Training and evaluation of the shipped reading models (needs the `train` extra: scikit-learn).

Each task module (emotions, sentiment, complaint, abuse, intent, claims) offers
`train(data_dir, models_dir, seed) -> None` and `evaluate(data_dir) -> list[TaskReport]`.
"""
from __future__ import annotations

TASKS: tuple[str, ...] = ("emotions", "sentiment", "complaint", "abuse", "intent", "claims")
