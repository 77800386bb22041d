"""Print the scenario suite's results per posture and the time triage takes (for docs/eval/scenarios.md).

Run: .venv/bin/python tests/scenarios/summary.py
Each scenario is judged exactly as test_scenarios.py judges it; the time is triage() alone (read, facts,
posture, draft, tone), not the record import.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from test_scenarios import DEFAULT_NOW, NEVER_IN_A_DRAFT, SCENARIOS, build_record

from poise.message import Message
from poise.store.db import make_engine, session_scope
from poise.store.models import Base
from poise.store.records import import_records
from poise.triaging import triage


def main() -> None:
    total: Counter[str] = Counter()
    passed: Counter[str] = Counter()
    facts_ok = tone_ok = 0
    failures: list[str] = []
    timings: list[float] = []
    from poise import read
    read("warm up the models")
    for scenario in SCENARIOS:
        folder = tempfile.mkdtemp()
        engine = make_engine(f"sqlite:///{folder}/poise.db")
        Base.metadata.create_all(engine)
        import_records(engine, build_record(scenario.get("record") or {}))
        now = scenario.get("now") or DEFAULT_NOW
        now = datetime.fromisoformat(now) if isinstance(now, str) else now
        with session_scope(engine) as session:
            start = time.perf_counter()
            result = triage(Message(text=scenario["message"], subject=scenario.get("subject")),
                            customer=scenario["customer"], session=session, now=now)
            timings.append((time.perf_counter() - start) * 1000)
        engine.dispose()
        expect = scenario["expect"]
        kinds = {f.kind for f in result.facts}
        draft = result.draft.text.lower()
        total[expect["posture"]] += 1
        posture_ok = result.decision.posture.value == expect["posture"]
        found = set(expect.get("facts", [])) <= kinds and not (set(expect.get("no_facts", [])) & kinds)
        phrases = all(p.lower() in draft for p in expect.get("draft_contains", [])) and not any(
            p.lower() in draft for p in list(expect.get("draft_not_contains", [])) + list(NEVER_IN_A_DRAFT))
        facts_ok += found
        tone_ok += result.tone.ok
        if posture_ok and found and phrases and result.tone.ok:
            passed[expect["posture"]] += 1
        else:
            failures.append(f"{scenario['name']}: got {result.decision.posture.value}, expected {expect['posture']}")
    print("| posture | scenarios | pass |\n|---|---|---|")
    for posture in sorted(total):
        print(f"| {posture} | {total[posture]} | {passed[posture]} |")
    n = len(SCENARIOS)
    print(f"| **all** | **{n}** | **{sum(passed.values())}** |\n")
    print(f"facts found as expected: {facts_ok}/{n}; drafts with no tone flag: {tone_ok}/{n}")
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(0.95 * len(timings)))]
    print(f"triage() per message: median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms")
    for line in failures:
        print("FAIL", line)


if __name__ == "__main__":
    main()
