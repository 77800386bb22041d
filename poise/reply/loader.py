"""Reply templates: the shipped defaults, overridden by a business's own copies, with errors that say where.

A business edits `<POSTURE>.j2` in its own templates folder (e.g. `$POISE_DATA_DIR/templates/`); any posture
it has not copied falls back to the default shipped in `poise/reply/templates/`. Templates are plain text
(no HTML escaping) and strict: a misspelt variable is an error naming the file and line, not a blank gap in
a reply a customer reads.
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2

from poise.errors import ConfigError
from poise.posture.postures import Posture

DEFAULT_TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


def template_name(posture: Posture) -> str:
    """The file name of a posture's template: "OWN_AND_FIX.j2"."""
    return f"{posture.value}.j2"


@lru_cache(maxsize=16)
def environment(templates_dir: Path | None = None) -> jinja2.Environment:
    """A Jinja2 environment that looks in `templates_dir` first, then in the shipped defaults.

    Each template line is a line of the reply (blank lines separate paragraphs; runs of blank lines left by
    an `{% if %}` that is false collapse into one), so a business can edit a template as plain text.
    Cached per folder; Jinja2 re-reads a template whose file changed, so edits show on the next draft.
    """
    loaders: list[jinja2.BaseLoader] = []
    if templates_dir is not None:
        loaders.append(jinja2.FileSystemLoader(str(templates_dir)))
    loaders.append(jinja2.FileSystemLoader(str(DEFAULT_TEMPLATES_DIR)))
    env = jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), undefined=jinja2.StrictUndefined,
                             autoescape=False, keep_trailing_newline=False)
    env.filters["numbered"] = numbered
    return env


def numbered(items: Sequence[str]) -> str:
    """The `numbered` template filter: steps as "1. ...", one per line, so a template line stays one line."""
    return "\n".join(f"{i}. {item}" for i, item in enumerate(items, start=1))


def load_template(posture: Posture, templates_dir: Path | None = None) -> jinja2.Template:
    """The template for `posture` (the business's copy if it has one), or ConfigError naming file and line."""
    env = environment(templates_dir)
    name = template_name(posture)
    try:
        return env.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or name
        raise ConfigError(f"reply template {where}, line {exc.lineno}: {exc.message}",
                          hint="fix the Jinja2 syntax there, or delete the file to use the default") from exc
    except jinja2.TemplateNotFound as exc:
        raise ConfigError(f"no reply template {name} in {templates_dir or DEFAULT_TEMPLATES_DIR}",
                          hint="reinstall poise, or add the file") from exc


def render(template: jinja2.Template, context: dict[str, Any]) -> str:
    """Fill `template` with `context`; a template error becomes ConfigError naming the file and line."""
    try:
        return template.render(**context)
    except jinja2.TemplateError as exc:
        where = template.filename or template.name or "template"
        line = _template_line(exc.__traceback__, where)
        at = f", line {line}" if line else ""
        raise ConfigError(f"reply template {where}{at}: {exc}",
                          hint=f"use only the variables listed in docs (available: {', '.join(sorted(context))})"
                          ) from exc


def _template_line(tb: TracebackType | None, filename: str) -> int | None:
    """The template line where rendering failed (Jinja2 rewrites tracebacks to point into the template)."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
