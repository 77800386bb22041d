"""The public API is exactly what __all__ says."""
from __future__ import annotations

import poise


def test_all_names_are_exported_and_public() -> None:
    public = {name for name in dir(poise) if not name.startswith("_") and name not in {"annotations"}}
    modules = {"reading", "errors", "settings", "message", "facts", "posture", "reply", "tone", "store", "triage",
               "channels", "cli", "fixtwice"}
    assert set(poise.__all__) - {"__version__"} == public - modules
