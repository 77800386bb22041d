"""Settings come from an injected environment mapping, fail clearly, and every one is documented."""
from __future__ import annotations

from pathlib import Path

import pytest

from poise.errors import ConfigError
from poise.settings import SETTINGS, load_settings

README = Path(__file__).resolve().parents[1] / "README.md"


def test_defaults_put_sqlite_in_the_data_dir(tmp_path: Path) -> None:
    settings = load_settings({"POISE_DATA_DIR": str(tmp_path)})
    assert settings.database_url == f"sqlite:///{tmp_path / 'poise.db'}"
    assert (settings.host, settings.port) == ("127.0.0.1", 8000)


def test_database_url_overrides_the_default(tmp_path: Path) -> None:
    url = "postgresql+psycopg://poise@db/poise"
    assert load_settings({"POISE_DATA_DIR": str(tmp_path), "POISE_DATABASE_URL": url}).database_url == url


def test_bad_port_names_the_variable_and_value() -> None:
    with pytest.raises(ConfigError, match="POISE_PORT has value 'eighty'"):
        load_settings({"POISE_PORT": "eighty"})


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_documented_in_the_readme(setting: object) -> None:
    assert setting.name in README.read_text()
