"""The `trusthabits` console script, run as a real process on a temporary database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlmodel import Session, select

from trusthabits.db.engine import build_engine
from trusthabits.db.models import Manager

CLI = str(Path(sys.executable).parent / "trusthabits")


def run_cli(*args: str, db: Path, password: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}"}
    if password is not None:
        env["TRUSTHABITS_PASSWORD"] = password
    return subprocess.run([CLI, *args], env=env, capture_output=True, text=True, timeout=120)


def test_migrate_then_create_manager(tmp_path):
    db = tmp_path / "cli.db"
    migrated = run_cli("migrate", db=db)
    assert migrated.returncode == 0, migrated.stderr
    assert "up to date" in migrated.stdout
    assert run_cli("migrate", db=db).returncode == 0  # re-running changes nothing

    created = run_cli("create-manager", "--email", "Lead@Example.com", "--name", "Lead", "--language", "nl", db=db,
        password="long enough pw")
    assert created.returncode == 0, created.stderr
    engine = build_engine(f"sqlite:///{db}")
    with Session(engine) as session:
        manager = session.exec(select(Manager)).one()
    engine.dispose()
    assert (manager.email, manager.locale) == ("lead@example.com", "nl")
    # An account made by the operator needs no confirmation mail, even with a mail server set.
    assert manager.email_verified_at is not None


def test_create_manager_reports_invalid_input(tmp_path):
    db = tmp_path / "cli.db"
    run_cli("migrate", db=db)
    result = run_cli("create-manager", "--email", "nope", "--name", "X", db=db, password="short")
    assert result.returncode == 1
    assert "This does not look like an email address." in result.stderr
    assert "Use at least 10 characters." in result.stderr


def test_demo_creates_a_workspace_once_and_the_printed_password_signs_in(tmp_path):
    from trusthabits.db.models import PulseResponse
    from trusthabits.services import accounts

    db = tmp_path / "demo.db"
    assert run_cli("migrate", db=db).returncode == 0
    created = run_cli("demo", db=db)
    assert created.returncode == 0, created.stderr
    email, password = created.stdout.split("Sign in as ", 1)[1].split(" with password ")
    again = run_cli("demo", db=db)
    assert again.returncode == 1 and "already exists" in again.stderr
    engine = build_engine(f"sqlite:///{db}")
    with Session(engine) as session:
        profile, _ = accounts.sign_in(session, email=email, password=password.strip())
        assert profile.name == "Demo Manager"
        assert len(session.exec(select(PulseResponse)).all()) > 26 * 3
    engine.dispose()


def test_scheduler_once_runs_one_tick(tmp_path):
    db = tmp_path / "cli.db"
    assert run_cli("migrate", db=db).returncode == 0
    ticked = run_cli("scheduler", "--once", db=db)
    assert ticked.returncode == 0, ticked.stderr
    assert ticked.stdout.strip() == "done 0 skipped 0 sent 0"


def test_a_bad_setting_stops_the_command_with_one_line_naming_it(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}", "PORT": "eighty"}
    result = subprocess.run([CLI, "migrate"], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "TrustHabits cannot start. Invalid setting PORT='eighty': "
        "Input should be a valid integer, unable to parse string as an integer"]
    assert not (tmp_path / "cli.db").exists()
