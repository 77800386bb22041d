"""`poise import / export / db` as a user runs them, on a real SQLite file in a temporary data folder."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

from poise.store.demo import DEMO_NOW, demo_record

POISE = [sys.executable, "-m", "poise.cli.app"]


def run(args: list[str], data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "POISE_DATA_DIR": str(data_dir)}
    env.pop("POISE_DATABASE_URL", None)
    return subprocess.run(POISE + args, capture_output=True, text=True, timeout=120, env=env)


def test_import_twice_changes_nothing_and_export_round_trips(tmp_path: Path) -> None:
    record = tmp_path / "shop.yaml"
    record.write_text(yaml.safe_dump(demo_record(DEMO_NOW), sort_keys=False))
    first = run(["import", str(record)], tmp_path)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["created"]["customer"] == 11
    second = json.loads(run(["import", str(record)], tmp_path).stdout)
    assert second["created"] == {} and second["updated"] == {}
    exported = json.loads(run(["export"], tmp_path).stdout)
    assert len(exported["customers"]) == 11
    assert json.loads(run(["db", "status"], tmp_path).stdout)["up_to_date"] is True


def test_import_of_a_malformed_file_names_the_problem_and_changes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: poise-records/1\ncustomers:\n  - id: C-1\n    name: [not, a, name]\n")
    proc = run(["import", str(bad)], tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.startswith("Error: ") and "bad.yaml" in proc.stderr and "C-1" in proc.stderr
    assert json.loads(run(["export"], tmp_path).stdout).get("customers", []) == []
