"""Settings come from the environment, and refuse to start unsafe."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def settings_with(**env):
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    base.pop("NEWSROOM_DEMO", None)
    return subprocess.run(
        [sys.executable, "-c", "import newsroom.settings as s; print(s.DEBUG, s.TIME_ZONE)"],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
    )


@pytest.mark.slow
def test_secret_key_is_required_when_debug_is_off():
    result = settings_with()
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.slow
def test_demo_mode_and_debug_start_without_a_secret_key():
    assert settings_with(NEWSROOM_DEMO="1").returncode == 0
    assert settings_with(DEBUG="1").returncode == 0


@pytest.mark.slow
def test_production_settings_start_with_a_secret_key():
    result = settings_with(SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "Asia/Shanghai"]


@pytest.mark.slow
def test_a_sqlite_database_url_connects(tmp_path):
    """Options for PostgreSQL (its connect timeout) stay off an SQLite URL."""
    base = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    code = (
        "import django; django.setup(); from django.db import connection; "
        "connection.cursor().execute('select 1'); print(connection.vendor)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            **base,
            "DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["sqlite"]


def test_chinese_first(settings):
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.USE_TZ
