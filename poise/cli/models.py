"""`poise train` and `poise eval`: rebuild the shipped models from ../shared/data, and score them."""
from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from poise.errors import ConfigError
from poise.reading.linear import MODELS_DIR
from poise.reading.training import TASKS
from poise.reading.training.report import TaskReport

DEFAULT_DATA = Path("../shared/data")

DataOption = Annotated[Path, typer.Option("--data", help="Folder with the labelled data sets (../shared/data).")]
TaskOption = Annotated[list[str] | None, typer.Option("--task", help=f"Only these tasks: {', '.join(TASKS)}.")]


def _tasks(selected: list[str] | None) -> list[str]:
    unknown = sorted(set(selected or ()) - set(TASKS))
    if unknown:
        raise ConfigError(f"unknown task(s) {unknown}", hint=f"choose from {', '.join(TASKS)}")
    return list(selected) if selected else list(TASKS)


def _check_data(data: Path) -> None:
    if not data.is_dir():
        raise ConfigError(f"data folder {data} not found", hint="pass --data PATH to the shared/data folder")


def _training_module(task: str) -> object:
    try:
        return importlib.import_module(f"poise.reading.training.{task}")
    except ImportError as exc:
        if exc.name and exc.name.startswith("sklearn"):
            raise ConfigError("training needs scikit-learn", hint="pip install 'poise[train]'") from None
        raise


def train_cli(data: DataOption = DEFAULT_DATA, task: TaskOption = None,
              out: Annotated[Path, typer.Option("--out", help="Where model files go.")] = MODELS_DIR,
              seed: Annotated[int, typer.Option("--seed")] = 13) -> None:
    """Train the reading models from the real data (fixed seed), writing the files poise ships.

    Example: poise train --data ../shared/data --task emotions
    """
    _check_data(data)
    for name in _tasks(task):
        Console(stderr=True).print(f"training {name} ...")
        _training_module(name).train(data, out, seed)  # type: ignore[attr-defined]


def eval_cli(data: DataOption = DEFAULT_DATA, task: TaskOption = None,
             as_json: Annotated[bool, typer.Option("--json", help="Print reports as JSON.")] = False) -> None:
    """Score every reading task on held-out real data: per-label P/R/F1, macro-F1, published anchor beside.

    Example: poise eval --data ../shared/data --task emotions
    """
    _check_data(data)
    reports: list[TaskReport] = []
    for name in _tasks(task):
        reports.extend(_training_module(name).evaluate(data))  # type: ignore[attr-defined]
    if as_json:
        print(json.dumps([r.to_dict() for r in reports], indent=2))
        return
    console = Console()
    for report in reports:
        console.print(report_table(report))


def report_table(report: TaskReport) -> Table:
    """One evaluation report as a table: a row per label, then headline figures and anchors."""
    table = Table(title=f"{report.task}: {report.dataset} ({report.split})", title_justify="left")
    for col in ("label", "precision", "recall", "F1", "support", "published F1"):
        table.add_column(col, justify="left" if col == "label" else "right")
    for s in report.labels:
        table.add_row(s.label, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.support),
                      "-" if s.anchor_f1 is None else f"{s.anchor_f1:.2f}")
    if report.labels:
        table.add_row("macro", "", "", f"{report.macro_f1:.3f}", "", "", style="bold")
    for key, value in report.headline.items():
        table.add_row(key, "", "", f"{value:.3f}", "", report.anchors.get(key, ""), style="bold")
    for note in report.notes:
        table.caption = (table.caption + "\n" if table.caption else "") + note
    return table
