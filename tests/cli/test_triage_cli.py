"""`poise triage` as a user runs it: a record imported, then a text file, an .eml and a JSONL stream."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from poise.store.demo import demo_record

POISE = [sys.executable, "-m", "poise.cli.app"]


def run(args: list[str], data_dir: Path, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "POISE_DATA_DIR": str(data_dir)}
    env.pop("POISE_DATABASE_URL", None)
    return subprocess.run(POISE + args, input=stdin, capture_output=True, timeout=180, env=env)


@pytest.fixture()
def shop(tmp_path: Path) -> Path:
    """A data folder whose SQLite record holds the demo shop (dates moved to now)."""
    record = tmp_path / "shop.yaml"
    record.write_text(yaml.safe_dump(demo_record(), sort_keys=False))
    assert run(["import", str(record)], tmp_path).returncode == 0
    return tmp_path


def test_triage_text_file_states_the_signed_delivery(shop: Path) -> None:
    message = shop / "msg.txt"
    message.write_text("My shirt never arrived. I've waited long enough. Refund me now.")
    proc = run(["triage", "--customer", "derek.walsh@example.com", str(message), "--json"], shop)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["posture"] == "STATE_FACTS"
    assert "delivered_with_proof" in {f["kind"] for f in out["facts"]}
    assert out["tone"]["flags"] == []


def test_triage_eml_takes_the_customer_from_the_sender(shop: Path) -> None:
    eml = shop / "msg.eml"
    eml.write_bytes(b"From: Priya Nair <priya.nair@example.com>\r\nTo: help@juniper.example\r\n"
                    b"Subject: Charged twice for O-5003\r\nMessage-ID: <abc@example.com>\r\n"
                    b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
                    b"You charged me twice for order O-5003. Please fix it.\r\n")
    proc = run(["triage", str(eml), "--json"], shop)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["customer"]["email"] == "priya.nair@example.com"
    assert out["posture"] == "OWN_AND_FIX"


def test_triage_jsonl_answers_every_line(shop: Path) -> None:
    lines = (json.dumps({"id": "t1", "customer": "nobody@example.com", "text": "My order never arrived."}) + "\n"
             + "not json\n").encode()
    proc = run(["triage", "--jsonl"], shop, lines)
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert [o.get("id", o.get("line")) for o in out] == ["t1", 2]
    assert out[0]["facts"][0]["kind"] == "unknown_customer" and "error" in out[1]


def test_triage_without_a_message_is_a_usage_error(shop: Path) -> None:
    assert run(["triage"], shop).returncode == 2
