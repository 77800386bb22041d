"""Imports go one way, in the order of the flow: message -> reading -> facts -> posture -> reply -> tone.

reading never touches the record; the core never imports a front (cli, channels); tone imports only reading
and the Posture enum. A test rather than a linter plugin: one dependency fewer.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "poise"

# layer -> poise packages/modules it must never import
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "reading": ("poise.store", "poise.facts", "poise.posture", "poise.reply", "poise.tone", "poise.triaging",
                "poise.cli", "poise.channels"),
    "facts": ("poise.posture", "poise.reply", "poise.tone", "poise.triaging", "poise.cli", "poise.channels"),
    "posture": ("poise.reply", "poise.tone", "poise.triaging", "poise.cli", "poise.channels", "poise.store"),
    "reply": ("poise.tone", "poise.triaging", "poise.cli", "poise.channels", "poise.store"),
    "tone": ("poise.store", "poise.facts", "poise.reply", "poise.triaging", "poise.cli", "poise.channels",
             "poise.posture.decide", "poise.posture.rules", "poise.posture.remedy"),
    "store": ("poise.posture", "poise.reply", "poise.tone", "poise.triaging", "poise.cli", "poise.channels"),
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_go_one_way(layer: str) -> None:
    problems = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for module in imported_modules(path):
            for banned in FORBIDDEN[layer]:
                if module == banned or module.startswith(banned + "."):
                    problems.append(f"{path.relative_to(PACKAGE.parent)} imports {module}")
    assert problems == []
