"""Deployment settings, read from POISE_* environment variables (never from globals)."""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from poise.errors import ConfigError


@dataclass(frozen=True)
class Setting:
    """One documented setting: its variable, default and help text."""

    name: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("POISE_DATA_DIR", "", "Folder for the SQLite record, reply templates and intent examples "
            "(default: the platform's user data folder for poise)."),
    Setting("POISE_DATABASE_URL", "", "SQLAlchemy URL of the record, e.g. postgresql+psycopg://user@host/db "
            "(default: sqlite:///<data dir>/poise.db)."),
    Setting("POISE_HOST", "127.0.0.1", "Address the web desk listens on."),
    Setting("POISE_PORT", "8000", "Port the web desk listens on."),
)


@dataclass(frozen=True)
class Settings:
    """Where poise keeps its record and how it is reached."""

    data_dir: Path
    database_url: str
    host: str = "127.0.0.1"
    port: int = 8000
    extra: Mapping[str, str] = field(default_factory=dict)


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Build Settings from an environment mapping (os.environ by default), so tests can pass a dict."""
    env = os.environ if environ is None else environ
    data_dir = Path(env.get("POISE_DATA_DIR") or platformdirs.user_data_dir("poise"))
    url = env.get("POISE_DATABASE_URL") or f"sqlite:///{data_dir / 'poise.db'}"
    port_text = env.get("POISE_PORT", "8000")
    try:
        port = int(port_text)
    except ValueError:
        raise ConfigError(f"POISE_PORT has value {port_text!r}, which is not a whole number",
                          hint="set it to a port such as 8000") from None
    return Settings(data_dir=data_dir, database_url=url, host=env.get("POISE_HOST", "127.0.0.1"), port=port)
