"""The `poise` command: thin wrappers over library functions; PoiseError -> `Error: ...`, exit 1."""
from __future__ import annotations

import sys

import typer

from poise.cli.check_reply import check_reply_cli
from poise.cli.demo import demo_cli
from poise.cli.models import eval_cli, train_cli
from poise.cli.output import error_console
from poise.cli.read import read_cli
from poise.cli.records import db_app, export_cli, import_cli
from poise.cli.triage import triage_cli
from poise.errors import PoiseError

app = typer.Typer(name="poise", no_args_is_help=True, add_completion=False,
                  context_settings={"help_option_names": ["-h", "--help"]},
                  help="poise: a complaint desk. Read upset customers, check claims, choose a posture, "
                       "draft a calm reply, guard its tone.")
app.command("read")(read_cli)
app.command("demo")(demo_cli)
app.command("check-reply")(check_reply_cli)
app.command("triage")(triage_cli)
app.command("train")(train_cli)
app.command("eval")(eval_cli)
app.command("import")(import_cli)
app.command("export")(export_cli)
app.add_typer(db_app)


@app.callback()
def _root() -> None:
    """poise: a complaint desk."""


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `poise` console script: usage errors exit 2, poise errors print `Error: ...` and exit 1."""
    try:
        app(args=argv)
    except PoiseError as exc:
        error_console().print(f"Error: {exc}", markup=False, soft_wrap=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
