"""Settings: every environment variable validated, defaults defined once, one clear line per
bad value."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from trusthabits.config import (
    ENVIRONMENT_VARIABLES,
    Settings,
    describe_invalid,
    get_settings,
)


@pytest.fixture
def clean_env(monkeypatch):
    for name in ENVIRONMENT_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def _problem(env, **values: str) -> str:
    for name, value in values.items():
        env.setenv(name, value)
    with pytest.raises(ValidationError) as invalid:
        Settings()
    return describe_invalid(invalid.value)


def test_defaults_follow_from_the_port_and_the_data_directory(clean_env, tmp_path):
    clean_env.setenv("PORT", "3107")
    clean_env.setenv("TRUSTHABITS_DATA_DIR", str(tmp_path))
    settings = get_settings()
    assert settings.base_url == "http://localhost:3107"
    assert settings.database_url == f"sqlite:///{tmp_path / 'trusthabits.db'}"
    assert settings.scheduler_enabled and settings.mail_sender_enabled
    assert settings.smtp_url is None and settings.mail_from == "TrustHabits <no-reply@localhost>"
    assert settings.data_dir == Path(tmp_path)


def test_switches_and_levels_read_as_people_write_them(clean_env):
    clean_env.setenv("TRUSTHABITS_SCHEDULER", " OFF ")
    clean_env.setenv("TRUSTHABITS_MAIL_SENDER", "0")
    clean_env.setenv("TRUSTHABITS_LOG_LEVEL", "debug")
    clean_env.setenv("TRUSTHABITS_BASE_URL", "https://habits.example.org/")
    settings = Settings()
    assert (settings.scheduler_enabled, settings.mail_sender_enabled) == (False, False)
    assert settings.log_level == "DEBUG"
    assert settings.base_url == "https://habits.example.org"


@pytest.mark.parametrize(("name", "value", "says"), [
    ("PORT", "0", "greater than or equal to 1"),
    ("PORT", "3000.5", "valid integer"),
    ("TRUSTHABITS_SCHEDULER", "sometimes", "must be on or off"),
    ("TRUSTHABITS_LOG_LEVEL", "LOUD", "must be one of DEBUG"),
    ("TRUSTHABITS_BASE_URL", "habits.example.org", "must start with http:// or https://"),
    ("TRUSTHABITS_LEADER_RETRY_S", "-1", "greater than 0"),
    ("SMTP_URL", "mail.example.org:587", "must look like smtp://"),
])
def test_a_bad_value_is_one_line_naming_the_variable(clean_env, name, value, says):
    line = _problem(clean_env, **{name: value})
    assert "\n" not in line
    assert line.startswith(f"Invalid setting {name}=") and says in line


def test_a_bad_url_is_reported_without_its_password(clean_env):
    line = _problem(clean_env, SMTP_URL="ftp://lead:s3cret@mail.example.org")
    assert "s3cret" not in line and "SMTP_URL" in line


def test_settings_follow_the_environment_when_it_changes(clean_env):
    clean_env.setenv("PORT", "3201")
    assert get_settings().port == 3201
    clean_env.setenv("PORT", "3202")
    assert get_settings().port == 3202
