"""The scenario suite (issue 3, must-show 1): every situation in the seeds, end to end on a real SQLite file.

Each scenario (tests/scenarios/*.yaml) is the base record (base.yaml) plus its own records, a customer, a
message, and what a wise senior agent would do: the primary posture, the facts that must be found, and
phrases the draft must and must not contain. Every scenario imports its record into a fresh SQLite file,
runs poise.triage, and checks all of that, plus that the draft passes poise's own tone guard with no flag.
"""
from __future__ import annotations

import os
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from poise.message import Message
from poise.posture.postures import Posture
from poise.store.db import make_engine, session_scope
from poise.store.models import Base
from poise.store.records import import_records
from poise.triaging import triage

HERE = Path(__file__).parent
SEEDS = HERE.parents[2] / "shared" / "seeds"
DEFAULT_NOW = datetime(2026, 3, 16, 12, 0, tzinfo=UTC)  # a Monday
LIST_SECTIONS = ("products", "customers", "orders", "communications", "root_causes", "tickets")

# Phrases no draft may ever hold, whatever the posture (seed 004: "there's nothing they can do for you",
# "having to ask to speak to a manager"; issue 3: never "as I told you").
NEVER_IN_A_DRAFT: tuple[str, ...] = (
    "as I said", "as I told you", "as previously stated", "per my last email", "calm down",
    "nothing we can do", "nothing I can do", "speak to a manager", "get my manager", "you should have read",
    "any inconvenience",
)


def load_scenarios() -> list[dict[str, Any]]:
    """Every scenario of every YAML file here except the base record, with the file it came from."""
    found: list[dict[str, Any]] = []
    for path in sorted(HERE.glob("*.yaml")):
        if path.name == "base.yaml":
            continue
        for scenario in yaml.safe_load(path.read_text(encoding="utf-8"))["scenarios"]:
            found.append({**scenario, "file": path.name})
    return found


def build_record(additions: dict[str, Any]) -> dict[str, Any]:
    """The base record with a scenario's records added (lists appended, business/policy fields overridden)."""
    record: dict[str, Any] = yaml.safe_load((HERE / "base.yaml").read_text(encoding="utf-8"))
    for key, value in (additions or {}).items():
        if key in LIST_SECTIONS:
            record[key] = list(record.get(key, [])) + list(value)
        else:
            record[key] = {**record.get(key, {}), **value}
    return record


def _flat(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').split())


SCENARIOS = load_scenarios()


def test_suite_covers_every_posture_three_times() -> None:
    counts = Counter(s["expect"]["posture"] for s in SCENARIOS)
    assert len(SCENARIOS) >= 45
    assert {p.value: max(counts[p.value], 3) for p in Posture} == {p.value: counts[p.value] for p in Posture}


def test_scenarios_are_well_formed() -> None:
    names = [s["name"] for s in SCENARIOS]
    assert [n for n, c in Counter(names).items() if c > 1] == []
    problems = [s["name"] for s in SCENARIOS
                if not s.get("seed") or not s.get("message") or not s.get("customer")
                or s["expect"]["posture"] not in Posture.__members__]
    assert problems == []


def test_every_seed_quote_is_in_the_seeds() -> None:
    if not SEEDS.is_dir():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"seed folder {SEEDS} not found (CI=true: this may not be skipped)")
        pytest.skip(f"seed folder {SEEDS} not found")
    corpus = _flat(" ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))))
    missing = []
    for s in SCENARIOS:
        parts = [p.strip() for p in _flat(s["seed"]).split("...")]
        if not all(p in corpus for p in parts if p):
            missing.append(s["name"])
    assert missing == []


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["name"] for s in SCENARIOS])
def test_scenario(scenario: dict[str, Any], tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'poise.db'}")
    Base.metadata.create_all(engine)
    import_records(engine, build_record(scenario.get("record") or {}))
    now = scenario.get("now") or DEFAULT_NOW
    if isinstance(now, str):
        now = datetime.fromisoformat(now)
    expect = scenario["expect"]
    with session_scope(engine) as session:
        result = triage(Message(text=scenario["message"], subject=scenario.get("subject")),
                        customer=scenario["customer"], session=session, now=now)
    engine.dispose()
    kinds = [f.kind for f in result.facts]
    draft = result.draft.text
    problems: list[str] = []
    if result.decision.posture.value != expect["posture"]:
        problems.append(f"posture {result.decision.posture.value}, expected {expect['posture']}")
    problems += [f"fact {k} not found" for k in expect.get("facts", []) if k not in kinds]
    problems += [f"fact {k} found but must not be" for k in expect.get("no_facts", []) if k in kinds]
    problems += [f"draft lacks {p!r}" for p in expect.get("draft_contains", []) if p.lower() not in draft.lower()]
    forbidden = list(expect.get("draft_not_contains", [])) + list(NEVER_IN_A_DRAFT)
    problems += [f"draft holds {p!r}" for p in forbidden if p.lower() in draft.lower()]
    problems += [f"tone flag {f.kind} on {draft[f.span[0]:f.span[1]]!r}: {f.reason}" for f in result.tone.flags]
    assert problems == [], (
        f"\nscenario {scenario['name']} ({scenario['file']})\nproblems: {problems}\nreasons: "
        f"{list(result.decision.reasons)}\nfacts: {kinds}\nclaims: {[c.kind for c in result.reading.claims]}"
        f"\nintent: {result.reading.intent}\nemotions: "
        f"{ {k: round(v, 2) for k, v in result.reading.emotions.items() if v >= 0.2} }"
        f"\nabuse: {result.reading.abuse.level}/{result.reading.abuse.target}\ndraft:\n{draft}")
