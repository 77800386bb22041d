"""`poise check-reply` as a user runs it: file, JSON, JSONL with a bad line, unknown posture."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

POISE = [sys.executable, "-m", "poise.cli.app"]


def run(args: list[str], stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(POISE + args, input=stdin, capture_output=True, timeout=120)


def test_check_reply_json_flags_a_defensive_reply(tmp_path: Path) -> None:
    reply = tmp_path / "reply.txt"
    reply.write_text("As I already told you, per my last email, the steps are in the manual.")
    proc = run(["check-reply", str(reply), "--posture", "EXPLAIN_CLEARLY", "--json"])
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert {"defensive"} <= {f["kind"] for f in report["flags"]}
    assert isinstance(report["words"], int) and isinstance(report["grade"], float)


def test_check_reply_unknown_posture_is_a_clear_error(tmp_path: Path) -> None:
    reply = tmp_path / "reply.txt"
    reply.write_text("Thanks for telling us. I have refunded the $12 today.")
    proc = run(["check-reply", str(reply), "--posture", "GRUMPY"])
    assert proc.returncode == 1
    assert proc.stderr.decode().startswith("Error: unknown posture 'GRUMPY'")


def test_check_reply_jsonl_answers_every_line() -> None:
    lines = (json.dumps({"id": "r1", "reply": "Calm down, there is nothing we can do."}) + "\n"
             + "not json\n" + json.dumps({"id": "r3"}) + "\n").encode()
    proc = run(["check-reply", "--jsonl"], lines)
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert [o.get("id", o.get("line")) for o in out] == ["r1", 2, "r3"]
    assert "dismissive" in {f["kind"] for f in out[0]["flags"]}
    assert out[1]["code"] == "malformed_line" and out[2]["code"] == "malformed_line"
