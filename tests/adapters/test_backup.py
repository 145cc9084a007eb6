"""Backups made while another process keeps writing, restored into fresh databases (SQLite and
a real PostgreSQL server), and the checks that keep a restore from going wrong silently."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from trusthabits.adapters import backup
from trusthabits.db.engine import build_engine
from trusthabits.db.migrate import upgrade_to_head

CLI = str(Path(sys.executable).parent / "trusthabits")

# A second, real process: commits one login_attempt row at a time, numbered 1, 2, 3, ..., and
# prints each number only after its commit returned.
WRITER = r"""
import sys
from datetime import UTC, datetime
from sqlalchemy import text
from trusthabits.db.engine import build_engine
engine = build_engine(sys.argv[1])
i = 0
while True:
    i += 1
    with engine.begin() as c:
        c.execute(text("INSERT INTO login_attempt (email, client_ip, attempted_at, succeeded) "
                       "VALUES (:e, '', :t, :s)"), {"e": f"w{i}@example.com", "t": datetime.now(UTC), "s": False})
    print(i, flush=True)
"""


class Writer:
    def __init__(self, url: str) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", WRITER, url], stdout=subprocess.PIPE, text=True)
        self.last = 0

    def committed_at_least(self, n: int) -> int:
        """Read its output until it reported `n` commits; returns the last number it reported."""
        assert self.process.stdout is not None
        while self.last < n:
            line = self.process.stdout.readline()
            assert line, "the writer died"
            self.last = int(line)
        return self.last

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)


def _written(url: str) -> list[int]:
    engine = build_engine(url)
    try:
        with engine.connect() as c:
            emails = c.execute(text("SELECT email FROM login_attempt WHERE email LIKE 'w%@example.com'")).scalars()
            return sorted(int(e[1:].split("@")[0]) for e in emails)
    finally:
        engine.dispose()


def _assert_consistent_prefix(numbers: list[int], committed_before: int) -> None:
    # Every row committed before the backup started is there, and nothing is torn: the backup
    # holds exactly rows 1..m for one m (a snapshot), never a gap.
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(numbers) >= committed_before


def test_sqlite_backup_while_another_process_writes_restores_every_committed_row(tmp_path):
    source = tmp_path / "live.db"
    url = f"sqlite:///{source}"
    upgrade_to_head(url)
    writer = Writer(url)
    try:
        writer.committed_at_least(200)
        before = writer.last  # every row up to here was committed before the backup began
        manifest = backup.backup(url, tmp_path / "b.zip")
        after = writer.committed_at_least(before + 50)  # it kept writing during and after the backup
    finally:
        writer.stop()
    assert after > before

    restored_url = f"sqlite:///{tmp_path / 'fresh' / 'restored.db'}"
    restored = backup.restore(tmp_path / "b.zip", restored_url)
    numbers = _written(restored_url)
    _assert_consistent_prefix(numbers, before)
    assert manifest.row_counts["login_attempt"] == len(numbers) == restored.row_counts["login_attempt"]
    assert manifest.migration_head == backup.code_head()
    assert oct((tmp_path / "b.zip").stat().st_mode & 0o777) == "0o600"  # private notes inside


def test_postgres_backup_while_another_process_writes_restores_every_committed_row(postgres_url, tmp_path):
    base = postgres_url.rsplit("/", 1)[0]
    admin = build_engine(postgres_url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        for name in ("bk_live", "bk_restored"):
            c.execute(text(f"DROP DATABASE IF EXISTS {name}"))
            c.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    live, fresh = f"{base}/bk_live", f"{base}/bk_restored"
    upgrade_to_head(live)
    writer = Writer(live)
    try:
        before = writer.committed_at_least(200)
        manifest = backup.backup(live, tmp_path / "pg.zip")
        after = writer.committed_at_least(before + 50)
    finally:
        writer.stop()
    restored = backup.restore(tmp_path / "pg.zip", fresh)
    numbers = _written(fresh)
    _assert_consistent_prefix(numbers, before)
    assert after > before
    assert manifest.row_counts == restored.row_counts
    assert manifest.row_counts["login_attempt"] == len(numbers)
    assert manifest.kind == "postgresql"
    with pytest.raises(backup.BackupError, match="already has tables"):
        backup.restore(tmp_path / "pg.zip", fresh)


def test_restore_refuses_a_database_that_has_data_and_leaves_it_alone(tmp_path):
    url = f"sqlite:///{tmp_path / 'a.db'}"
    upgrade_to_head(url)
    backup.backup(url, tmp_path / "a.zip")
    with pytest.raises(backup.BackupError, match="already holds a database"):
        backup.restore(tmp_path / "a.zip", url)
    with pytest.raises(backup.BackupError, match="this is a sqlite backup"):
        backup.restore(tmp_path / "a.zip", "postgresql+psycopg://nobody@127.0.0.1:1/none")


def _rewrite_manifest(source: Path, target: Path, **changes) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == backup.MANIFEST:
                data = json.dumps({**json.loads(data), **changes}).encode()
            new.writestr(item, data)


def test_restore_checks_the_manifest_and_leaves_nothing_behind_when_a_check_fails(tmp_path):
    url = f"sqlite:///{tmp_path / 'a.db'}"
    upgrade_to_head(url)
    good = tmp_path / "good.zip"
    manifest = backup.backup(url, good)

    lying = tmp_path / "lying.zip"
    _rewrite_manifest(good, lying, row_counts={**manifest.row_counts, "manager": 5})
    target = tmp_path / "new" / "t.db"
    with pytest.raises(backup.BackupError, match="manager 0 != 5"):
        backup.restore(lying, f"sqlite:///{target}")
    assert not target.exists() and not list(target.parent.glob("*"))

    newer = tmp_path / "newer.zip"
    _rewrite_manifest(good, newer, migration_head="9999")
    with pytest.raises(backup.BackupError, match="newer TrustHabits"):
        backup.restore(newer, f"sqlite:///{target}")

    (tmp_path / "junk.zip").write_bytes(b"not a zip")
    with pytest.raises(backup.BackupError, match="not a zip"):
        backup.restore(tmp_path / "junk.zip", f"sqlite:///{target}")
    with pytest.raises(backup.BackupError, match="no backup file"):
        backup.restore(tmp_path / "missing.zip", f"sqlite:///{target}")
    assert not target.exists()


def _cli(*args: str, db: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([CLI, *args], env={**os.environ, "DATABASE_URL": f"sqlite:///{db}",
                                             "TRUSTHABITS_DATA_DIR": str(db.parent), **env},
                          capture_output=True, text=True, timeout=120)


def test_cli_backup_restore_and_migrate_backs_up_first(tmp_path):
    from alembic import command

    from trusthabits.db.migrate import alembic_config

    db = tmp_path / "app.db"
    command.upgrade(alembic_config(f"sqlite:///{db}"), "0006")  # an older version's database
    migrated = _cli("migrate", db=db)
    assert migrated.returncode == 0, migrated.stderr
    assert "Backed up the database before migrating" in migrated.stdout
    before = list((tmp_path / "backups").glob("before-migrate-*.zip"))
    assert len(before) == 1
    with zipfile.ZipFile(before[0]) as archive:
        assert json.loads(archive.read(backup.MANIFEST))["migration_head"] == "0006"
    again = _cli("migrate", db=db)  # nothing to migrate: no new backup
    assert "Backed up" not in again.stdout and len(list((tmp_path / "backups").glob("*.zip"))) == 1

    made = _cli("backup", str(tmp_path / "out.zip"), db=db)
    assert made.returncode == 0, made.stderr
    assert "to " + str(tmp_path / "out.zip") in made.stdout
    assert _cli("backup", str(tmp_path / "out.zip"), db=db).returncode == 1  # never overwrites

    restored = _cli("restore", str(tmp_path / "out.zip"), db=tmp_path / "other" / "r.db")
    assert restored.returncode == 0, restored.stderr
    assert "row counts checked" in restored.stdout
    refused = _cli("restore", str(tmp_path / "out.zip"), db=db)
    assert refused.returncode == 1 and "already holds a database" in refused.stderr


def test_daily_upkeep_backs_up_once_a_day_and_keeps_the_newest(db_path, tmp_path, monkeypatch, session):
    from trusthabits.config import get_settings
    from trusthabits.services import maintenance

    monkeypatch.setenv("TRUSTHABITS_BACKUP_DIR", str(tmp_path / "daily"))
    monkeypatch.setenv("TRUSTHABITS_BACKUP_KEEP", "2")
    settings = get_settings()
    days = [datetime(2026, 3, d, 0, 5, tzinfo=UTC) for d in (1, 2, 3)]
    for day in days:
        assert maintenance.run_daily(session, settings, day).ran
        assert not maintenance.run_daily(session, settings, day.replace(hour=9)).ran  # once a day
    kept = sorted(p.name for p in (tmp_path / "daily").glob("*.zip"))
    assert kept == ["trusthabits-daily-20260302T000500Z.zip", "trusthabits-daily-20260303T000500Z.zip"]

    monkeypatch.setenv("TRUSTHABITS_BACKUP_KEEP", "0")  # off: no backup, nothing pruned
    assert maintenance.run_daily(session, get_settings(), datetime(2026, 3, 4, tzinfo=UTC)).ran
    assert len(list((tmp_path / "daily").glob("*.zip"))) == 2


def test_the_readme_flow_backup_the_demo_delete_it_restore_it_and_sign_in(tmp_path):
    """README, "Operating TrustHabits": the same commands, as real processes."""
    from sqlmodel import Session, select

    from trusthabits.db.models import Manager
    from trusthabits.services import accounts

    data, restored = tmp_path / "data", tmp_path / "restored"
    data.mkdir()

    def cli(*args: str, folder: Path) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        return subprocess.run([CLI, *args], env={**env, "TRUSTHABITS_DATA_DIR": str(folder)},
                              capture_output=True, text=True, timeout=300)

    assert cli("migrate", folder=data).returncode == 0
    created = cli("demo", folder=data)
    assert created.returncode == 0, created.stderr
    password = created.stdout.rsplit("with password ", 1)[1].strip()
    made = cli("backup", str(tmp_path / "th-demo.zip"), folder=data)
    assert made.returncode == 0, made.stderr

    refused = cli("delete-manager", "demo@trusthabits.example", folder=data)  # without --yes: nothing
    assert refused.returncode == 1 and "--yes" in refused.stderr
    deleted = cli("delete-manager", "demo@trusthabits.example", "--yes", folder=data)
    assert deleted.returncode == 0, deleted.stderr
    assert cli("delete-manager", "demo@trusthabits.example", "--yes", folder=data).returncode == 1

    back = cli("restore", str(tmp_path / "th-demo.zip"), folder=restored)
    assert back.returncode == 0, back.stderr
    for folder, present in ((data, False), (restored, True)):
        engine = build_engine(f"sqlite:///{folder / 'trusthabits.db'}")
        with Session(engine) as session:
            found = session.exec(select(Manager).where(Manager.email == "demo@trusthabits.example")).first()
            assert (found is not None) == present
            if present:
                profile, _ = accounts.sign_in(session, email="demo@trusthabits.example", password=password)
                assert profile.name
        engine.dispose()
