"""Backup and restore times (run on demand, not a test): the 9,000-entry benchmark manager
(bench/daily_log.py's seed) and the 10 teams × 3 years trends data set (bench/trends.py's seed),
on SQLite and on a throwaway PostgreSQL server (tests/pg_server.py).

Usage:
  .venv/bin/python bench/backup.py [--runs 3] [--no-postgres]

Prints one JSON line per (data set, database): rows, backup file size, and the median of `runs`
backups and of `runs` restores into a fresh, empty database (each restore includes its checks:
migration head, every table's row count; SQLite also PRAGMA integrity_check), and of the bench
manager's full personal export (services/personal_export.py).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from trusthabits.adapters import backup  # noqa: E402


def _seed(dataset: str, url: str) -> None:
    with contextlib.redirect_stdout(io.StringIO()):  # the seeds print tokens
        if dataset == "daily_log_9000":
            import daily_log

            daily_log.seed(url)
        else:
            import trends

            trends.seed(url)


def _measure(dataset: str, url: str, fresh_url, folder: Path, runs: int) -> dict:
    _seed(dataset, url)
    backups, restores, size, manifest = [], [], 0, None
    for run in range(runs):
        target = folder / f"{dataset}-{run}.zip"
        start = time.perf_counter()
        manifest = backup.backup(url, target)
        backups.append(time.perf_counter() - start)
        size = target.stat().st_size
        fresh = fresh_url(run)
        start = time.perf_counter()
        backup.restore(target, fresh)
        restores.append(time.perf_counter() - start)
    assert manifest is not None
    export_s = _export_seconds(url, runs)
    return {
        "dataset": dataset, "database": backup.kind_of(url), "rows": sum(manifest.row_counts.values()),
        "action_log": manifest.row_counts.get("action_log"),
        "pulse_response": manifest.row_counts.get("pulse_response"),
        "backup_kib": round(size / 1024), "backup_s": round(statistics.median(backups), 3),
        "restore_s": round(statistics.median(restores), 3), "personal_export_s": export_s, "runs": runs,
    }


def _export_seconds(url: str, runs: int) -> float:
    """The bench manager's full personal export (History → Everything), median of `runs`."""
    from sqlmodel import Session, select

    from trusthabits.core import clock
    from trusthabits.db.engine import build_engine
    from trusthabits.db.models import Manager
    from trusthabits.services import personal_export

    engine = build_engine(url)
    times = []
    try:
        with Session(engine) as session:
            manager = session.exec(select(Manager)).one()
            for _ in range(runs):
                start = time.perf_counter()
                personal_export.build(session, manager.id or 0, clock.now())
                times.append(time.perf_counter() - start)
    finally:
        engine.dispose()
    return round(statistics.median(times), 3)


def _sqlite(dataset: str, runs: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="th-bench-backup-") as tmp:
        folder = Path(tmp)
        return _measure(dataset, f"sqlite:///{folder / 'live.db'}",
                        lambda run: f"sqlite:///{folder / f'restored-{run}.db'}", folder, runs)


def _postgres(dataset: str, runs: int, base: str) -> dict:
    from sqlalchemy import create_engine, text

    admin = create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
    names = [f"bk_{dataset}_live", *(f"bk_{dataset}_r{run}" for run in range(runs))]
    with admin.connect() as connection:
        for name in names:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name}"))
            connection.execute(text(f"CREATE DATABASE {name}"))
    try:
        with tempfile.TemporaryDirectory(prefix="th-bench-backup-") as tmp:
            return _measure(dataset, f"{base}/{names[0]}", lambda run: f"{base}/{names[run + 1]}", Path(tmp), runs)
    finally:
        with admin.connect() as connection:
            for name in names:
                connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    for dataset in ("daily_log_9000", "trends_10x3y"):
        print(json.dumps(_sqlite(dataset, args.runs)), flush=True)
    if not args.no_postgres:
        from tests.pg_server import running_postgres

        with running_postgres() as url:
            base = url.rsplit("/", 1)[0]
            for dataset in ("daily_log_9000", "trends_10x3y"):
                print(json.dumps(_postgres(dataset, args.runs, base)), flush=True)


if __name__ == "__main__":
    main()
