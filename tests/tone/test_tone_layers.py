"""Layering: the tone guard imports only poise.reading, the Posture enum and poise.errors (issue 3)."""
from __future__ import annotations

import ast
from pathlib import Path

import poise.tone

ALLOWED = ("poise.reading", "poise.posture.postures", "poise.errors", "poise.tone")


def test_tone_imports_only_reading_posture_enum_and_errors() -> None:
    root = Path(poise.tone.__file__).parent
    bad = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            bad += [f"{path.name}: {n}" for n in names
                    if n.startswith("poise") and not n.startswith(ALLOWED)]
    assert bad == []
