"""`poise read` as a user runs it: a real subprocess, exit codes, JSON and JSONL shapes."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

POISE = [sys.executable, "-m", "poise.cli.app"]


def run(args: list[str], stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(POISE + args, input=stdin, capture_output=True, timeout=120)


def test_read_json_prints_a_reading() -> None:
    proc = run(["read", "--json", "my parcel never arrived"])
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["language"] == "en"


def test_read_empty_message_is_a_clear_error() -> None:
    proc = run(["read", ""])
    assert proc.returncode == 1
    assert proc.stderr.decode().startswith("Error: the message is empty")


def test_read_without_text_is_a_usage_error() -> None:
    assert run(["read"]).returncode == 2


def test_read_file_with_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "msg.txt"
    path.write_bytes(b"the caf\xe9 grinder arrived broken")
    proc = run(["read", "--json", "--file", str(path)])
    assert proc.returncode == 0, proc.stderr
    assert "invalid_utf8_replaced" in json.loads(proc.stdout)["warnings"]


def test_read_jsonl_answers_every_line() -> None:
    lines = b'{"id": "a", "text": "where is my order"}\n{oops\n{"id": 3, "text": "thanks!"}\n'
    proc = run(["read", "--jsonl"], lines)
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert [o.get("id", o.get("line")) for o in out] == ["a", 2, 3]
    assert "error" in out[1] and "reading" in out[2]
