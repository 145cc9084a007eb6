"""Consistent backups of the whole database, and restoring one into an empty database.

A backup is one zip file (mode 0600: it holds every manager's private notes) with two members:

- `manifest.json`: format, database kind, when, the Alembic migration head and the row count of
  every table, all read from the same snapshot the data comes from;
- the data: `database.sqlite3` (SQLite's online backup API, one step, so one read transaction in
  WAL mode: writers keep going and the copy holds exactly what was committed when it began) or
  `database.pgdump` (`pg_dump -Fc` run with `--snapshot` of a REPEATABLE READ transaction in
  which the row counts are taken, so counts and dump describe the same instant).

Copying the SQLite file by hand while the app runs can lose the commits still in the WAL file;
this never does. The file appears under its final name only when complete (written to
`<name>.partial`, then renamed).

`restore` refuses a database that already has tables, refuses a backup made by a newer
TrustHabits (a migration head this code does not know), and checks the result against the
manifest (migration head, every table's row count; SQLite also `PRAGMA integrity_check`) before
it reports success; on SQLite the restored file is moved into place only once it checked out.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, make_url

from trusthabits.core import clock

FORMAT = "trusthabits-backup/1"
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
PG_MEMBER = "database.pgdump"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, in plain words."""


@dataclass(frozen=True)
class Manifest:
    kind: str  # "sqlite" or "postgresql"
    created_at: str
    migration_head: str | None
    row_counts: dict[str, int]

    def to_json(self) -> str:
        return json.dumps({"format": FORMAT, "kind": self.kind, "created_at": self.created_at,
                           "migration_head": self.migration_head, "row_counts": self.row_counts},
                          indent=2, sort_keys=True)

    @staticmethod
    def from_json(raw: bytes) -> Manifest:
        try:
            data = json.loads(raw)
        except ValueError:
            raise BackupError("the backup's manifest is not valid JSON") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise BackupError(f"not a TrustHabits backup (expected format {FORMAT})")
        counts = data.get("row_counts")
        if data.get("kind") not in ("sqlite", "postgresql") or not isinstance(counts, dict) or not all(
                isinstance(k, str) and isinstance(v, int) for k, v in counts.items()):
            raise BackupError("the backup's manifest is incomplete")
        head = data.get("migration_head")
        return Manifest(kind=data["kind"], created_at=str(data.get("created_at", "")),
                        migration_head=head if isinstance(head, str) else None, row_counts=counts)


def kind_of(database_url: str) -> str:
    name = make_url(database_url).get_backend_name()
    if name == "sqlite":
        return "sqlite"
    if name == "postgresql":
        return "postgresql"
    raise BackupError(f"backups support SQLite and PostgreSQL, not {name}")


def default_file_name(prefix: str = "trusthabits", now: datetime | None = None) -> str:
    return f"{prefix}-{(now or clock.now()).astimezone(UTC):%Y%m%dT%H%M%SZ}.zip"


# --- counting -------------------------------------------------------------------------------


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _counts_sqlite(connection: sqlite3.Connection) -> tuple[str | None, dict[str, int]]:
    tables = [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    counts = {t: int(connection.execute(f"SELECT COUNT(*) FROM {_quote(t)}").fetchone()[0]) for t in tables}
    head = None
    if "alembic_version" in tables:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        head = row[0] if row else None
    return head, counts


def _counts_sqlalchemy(connection: Connection) -> tuple[str | None, dict[str, int]]:
    tables = sorted(inspect(connection).get_table_names())
    counts = {t: int(connection.execute(text(f"SELECT COUNT(*) FROM {_quote(t)}")).scalar_one()) for t in tables}
    head = None
    if "alembic_version" in tables:
        head = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return head, counts


# --- backup ---------------------------------------------------------------------------------


def _sqlite_path(database_url: str) -> Path:
    database = make_url(database_url).database
    if not database or database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return Path(database)


def _write_zip(target: Path, manifest: Manifest, member: str, data_file: Path, compress: bool) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w") as archive:
            archive.writestr(MANIFEST, manifest.to_json())
            archive.write(data_file, member, compress_type=zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED,
                          compresslevel=1 if compress else None)
        os.chmod(partial, 0o600)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _backup_sqlite(database_url: str, target: Path, workdir: Path) -> Manifest:
    source_path = _sqlite_path(database_url)
    if not source_path.exists():
        raise BackupError(f"there is no database at {source_path}")
    copy_path = workdir / SQLITE_MEMBER
    source = sqlite3.connect(f"file:{quote(str(source_path))}?mode=ro", uri=True, timeout=30)
    try:
        source.execute("PRAGMA busy_timeout=30000")
        copy = sqlite3.connect(copy_path)
        try:
            # pages=-1: the whole database in one step, i.e. in one read transaction: a consistent
            # snapshot even while other processes keep writing (WAL readers never block writers).
            source.backup(copy, pages=-1)
            copy.execute("PRAGMA journal_mode=DELETE")
            head, counts = _counts_sqlite(copy)
        finally:
            copy.close()
    finally:
        source.close()
    manifest = Manifest("sqlite", clock.now().isoformat(), head, counts)
    _write_zip(target, manifest, SQLITE_MEMBER, copy_path, compress=True)
    return manifest


def find_pg_bin(name: str) -> str:
    """The newest PostgreSQL client program of that name (Debian keeps them per version)."""
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                        key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    found = candidates[-1] if candidates else shutil.which(name)
    if not found:
        raise BackupError(f"{name} not found: install the PostgreSQL client programs (Debian: postgresql-client)")
    return found


def _libpq(database_url: str) -> tuple[str, dict[str, str]]:
    """A libpq connection string for the programs, and the environment carrying the password
    (never on the command line, where `ps` would show it)."""
    url = make_url(database_url)
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _run(args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} failed: {done.stderr.strip()[-2000:]}")


def _backup_postgres(database_url: str, target: Path, workdir: Path) -> Manifest:
    from trusthabits.db.engine import build_engine

    dump = workdir / PG_MEMBER
    conninfo, env = _libpq(database_url)
    engine = build_engine(database_url, pool_size=1, max_overflow=0)
    try:
        with engine.connect() as plain:
            connection = plain.execution_options(isolation_level="REPEATABLE READ")
            with connection.begin():
                snapshot = connection.execute(text("SELECT pg_export_snapshot()")).scalar_one()
                head, counts = _counts_sqlalchemy(connection)
                # The snapshot stays valid while this transaction is open: pg_dump sees the same instant.
                _run([find_pg_bin("pg_dump"), "-Fc", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
                      "-f", str(dump), "-d", conninfo], env)
    finally:
        engine.dispose()
    manifest = Manifest("postgresql", clock.now().isoformat(), head, counts)
    _write_zip(target, manifest, PG_MEMBER, dump, compress=False)  # -Fc is compressed already
    return manifest


def backup(database_url: str, target: Path) -> Manifest:
    """Write a consistent backup of the database at `database_url` to `target` (a zip file)."""
    kind = kind_of(database_url)
    with tempfile.TemporaryDirectory(prefix="th-backup-", dir=target.parent if target.parent.exists() else None) as tmp:
        if kind == "sqlite":
            return _backup_sqlite(database_url, target, Path(tmp))
        return _backup_postgres(database_url, target, Path(tmp))


def prune(folder: Path, prefix: str, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups named `<prefix>-*.zip` in `folder`."""
    backups = sorted(folder.glob(f"{prefix}-*.zip"))
    doomed = backups[:-keep] if keep > 0 else backups
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed


# --- restore --------------------------------------------------------------------------------


@contextmanager
def _open_backup(source: Path) -> Iterator[tuple[zipfile.ZipFile, Manifest]]:
    if not source.is_file():
        raise BackupError(f"there is no backup file at {source}")
    try:
        archive = zipfile.ZipFile(source)
    except zipfile.BadZipFile:
        raise BackupError(f"{source} is not a TrustHabits backup (not a zip file)") from None
    with archive:
        try:
            manifest = Manifest.from_json(archive.read(MANIFEST))
        except KeyError:
            raise BackupError(f"{source} is not a TrustHabits backup (no manifest)") from None
        yield archive, manifest


def _known_revision(revision: str | None) -> bool:
    from alembic.script import ScriptDirectory

    from trusthabits.db.migrate import alembic_config

    if revision is None:
        return True
    scripts = ScriptDirectory.from_config(alembic_config())
    try:
        return scripts.get_revision(revision) is not None
    except Exception:  # noqa: BLE001 - alembic raises several kinds for an unknown id
        return False


def code_head() -> str | None:
    from alembic.script import ScriptDirectory

    from trusthabits.db.migrate import alembic_config

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def _check(manifest: Manifest, head: str | None, counts: dict[str, int]) -> None:
    if head != manifest.migration_head:
        raise BackupError(f"restored migration head {head} differs from the backup's {manifest.migration_head}")
    differing = sorted(t for t in set(counts) | set(manifest.row_counts)
                       if counts.get(t) != manifest.row_counts.get(t))
    if differing:
        raise BackupError("restored row counts differ from the backup's manifest: " + ", ".join(
            f"{t} {counts.get(t)} != {manifest.row_counts.get(t)}" for t in differing))


def _extract(archive: zipfile.ZipFile, member: str, target: Path) -> None:
    try:
        with archive.open(member) as src, target.open("wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
    except KeyError:
        raise BackupError(f"the backup has no {member}") from None


def _restore_sqlite(archive: zipfile.ZipFile, manifest: Manifest, database_url: str) -> None:
    target = _sqlite_path(database_url)
    if target.exists() and target.stat().st_size > 0:
        connection = sqlite3.connect(target)
        try:
            tables = connection.execute(
                "SELECT count(*) FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'").fetchone()[0]
        finally:
            connection.close()
        if tables:
            raise BackupError(f"{target} already holds a database; restore only into an empty one")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(target.name + ".restoring")
    try:
        fd = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.close(fd)
        _extract(archive, SQLITE_MEMBER, staging)
        connection = sqlite3.connect(staging)
        try:
            verdict = connection.execute("PRAGMA integrity_check").fetchone()[0]
            if verdict != "ok":
                raise BackupError(f"the backup's database is damaged: {verdict}")
            head, counts = _counts_sqlite(connection)
        finally:
            connection.close()
        _check(manifest, head, counts)
        for leftover in (Path(f"{target}-wal"), Path(f"{target}-shm")):
            leftover.unlink(missing_ok=True)
        os.replace(staging, target)
    finally:
        staging.unlink(missing_ok=True)


def _restore_postgres(archive: zipfile.ZipFile, manifest: Manifest, database_url: str) -> None:
    from trusthabits.db.engine import build_engine

    engine = build_engine(database_url, pool_size=1, max_overflow=0)
    try:
        with engine.connect() as connection:
            if inspect(connection).get_table_names():
                raise BackupError("the target database already has tables; restore only into an empty one")
        with tempfile.TemporaryDirectory(prefix="th-restore-") as tmp:
            dump = Path(tmp) / PG_MEMBER
            _extract(archive, PG_MEMBER, dump)
            conninfo, env = _libpq(database_url)
            _run([find_pg_bin("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error",
                  "--single-transaction", "-d", conninfo, str(dump)], env)
        with engine.connect() as connection:
            head, counts = _counts_sqlalchemy(connection)
        _check(manifest, head, counts)
    finally:
        engine.dispose()


def restore(source: Path, database_url: str) -> Manifest:
    """Restore the backup at `source` into the empty database at `database_url` and check it."""
    kind = kind_of(database_url)
    with _open_backup(source) as (archive, manifest):
        if manifest.kind != kind:
            raise BackupError(f"this is a {manifest.kind} backup; restore it into a {manifest.kind} database")
        if not _known_revision(manifest.migration_head):
            raise BackupError(f"the backup was made by a newer TrustHabits (migration {manifest.migration_head}); "
                              "restore it with that version or later")
        if kind == "sqlite":
            _restore_sqlite(archive, manifest, database_url)
        else:
            _restore_postgres(archive, manifest, database_url)
    return manifest


def describe(manifest: Manifest) -> dict[str, Any]:
    return {"kind": manifest.kind, "created_at": manifest.created_at, "migration_head": manifest.migration_head,
            "rows": sum(manifest.row_counts.values()), "tables": len(manifest.row_counts)}


def sqlite_has_data(database_url: str) -> bool:
    """Whether the SQLite file exists and holds any table (a migration would change it)."""
    path = _sqlite_path(database_url)
    if not path.exists() or path.stat().st_size == 0:
        return False
    connection = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
    try:
        return bool(connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'").fetchone()[0])
    finally:
        connection.close()
