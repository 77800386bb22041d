"""The public API is exactly what __all__ says, and every name in it resolves."""
from __future__ import annotations

import subprocess
import sys

import poise


def test_every_exported_name_resolves() -> None:
    for name in poise.__all__:
        assert getattr(poise, name) is not None, name


def test_exported_names_are_the_public_api() -> None:
    public = {name for name in vars(poise) if not name.startswith("_")}
    modules = {"reading", "errors", "settings", "message", "facts", "posture", "reply", "tone", "store", "triaging",
               "channels", "cli", "fixtwice", "jsonl", "annotations", "TYPE_CHECKING", "Any"}
    assert public - modules <= set(poise.__all__)
    assert {"read", "read_many", "triage", "check_reply"} <= set(poise.__all__)


def test_poise_triage_is_the_function_even_after_the_cli_is_imported() -> None:
    import poise.cli.app
    assert callable(poise.triage) and poise.triage.__module__ == "poise.triaging"


def test_import_poise_does_not_load_the_database_layer() -> None:
    code = "import sys, poise; print('sqlalchemy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
