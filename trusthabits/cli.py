"""`trusthabits` admin command: migrate the database, back it up and restore it, create a manager
account, run the scheduler or a mail sender, load the demo workspace."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from trusthabits.config import (
    configure_logging,
    get_settings,
    redact_url,
    settings_or_exit,
)
from trusthabits.core.calendar import DEFAULT_TIME_ZONE
from trusthabits.core.i18n import DEFAULT_LANGUAGE, LANGUAGES


def _migrate(_args: argparse.Namespace) -> int:
    from trusthabits.adapters import backup
    from trusthabits.db.migrate import current_revision, upgrade_to_head

    settings = get_settings()
    if backup.kind_of(settings.database_url) == "sqlite" and backup.sqlite_has_data(settings.database_url):
        behind = current_revision() != backup.code_head()
        if behind:  # a migration is about to change existing data: keep a copy of how it was
            target = settings.backup_dir / backup.default_file_name("before-migrate")
            backup.backup(settings.database_url, target)
            print(f"Backed up the database before migrating: {target}")
    upgrade_to_head()
    print(f"Database is up to date: {redact_url(settings.database_url)}")
    return 0


def _backup(args: argparse.Namespace) -> int:
    from pathlib import Path

    from trusthabits.adapters import backup

    settings = get_settings()
    target = Path(args.file) if args.file else settings.backup_dir / backup.default_file_name()
    if target.exists():
        print(f"{target} exists already; choose another file name.", file=sys.stderr)
        return 1
    try:
        manifest = backup.backup(settings.database_url, target)
    except backup.BackupError as failed:
        print(f"Backup failed: {failed}", file=sys.stderr)
        return 1
    summary = backup.describe(manifest)
    print(f"Backed up {summary['rows']} rows in {summary['tables']} tables "
          f"(migration {summary['migration_head']}) to {target}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from pathlib import Path

    from trusthabits.adapters import backup

    settings = get_settings()
    try:
        manifest = backup.restore(Path(args.file), settings.database_url)
    except backup.BackupError as failed:
        print(f"Restore failed: {failed}", file=sys.stderr)
        return 1
    summary = backup.describe(manifest)
    print(f"Restored {summary['rows']} rows in {summary['tables']} tables from the backup of "
          f"{summary['created_at']} into {redact_url(settings.database_url)}; migration head and row counts checked.")
    if manifest.migration_head != backup.code_head():
        print("The backup is from an older version: run `trusthabits migrate` before starting the app.")
    return 0


def _create_manager(args: argparse.Namespace) -> int:
    from trusthabits.core.errors import FieldErrors
    from trusthabits.core.i18n import translate
    from trusthabits.db.engine import new_session
    from trusthabits.services.accounts import register

    password = os.environ.get("TRUSTHABITS_PASSWORD") or getpass.getpass("Password (10+ characters): ")
    try:
        with new_session() as session:
            profile = register(
                session,
                name=args.name,
                email=args.email,
                password=password,
                locale=args.language,
                time_zone=args.time_zone,
            )
    except FieldErrors as invalid:
        for field, key in invalid.errors.items():
            print(f"{field}: {translate(key, 'en')}", file=sys.stderr)
        return 1
    print(f"Created manager {profile.email} (id {profile.id}).")
    return 0


def _scheduler(args: argparse.Namespace) -> int:
    from trusthabits.adapters import scheduler_runner
    from trusthabits.services import scheduler

    settings = get_settings()
    configure_logging(settings)
    if args.once:
        # One tick without leader election: the claim step keeps overlapping ticks exactly-once.
        locks = scheduler_runner.process_locks(settings)
        try:
            report = scheduler.run_tick(settings, locks)
        finally:
            locks.release()
        print(f"done {report.done} skipped {report.skipped} sent {report.sent}", flush=True)
        return 0
    scheduler_runner.run_forever(lambda locks: scheduler.run_tick(settings, locks), settings)
    return 0


def _sender(_args: argparse.Namespace) -> int:
    from trusthabits.adapters import scheduler_runner
    from trusthabits.services import mail

    settings = get_settings()
    configure_logging(settings)
    sent = scheduler_runner.run_sender(lambda locks: mail.deliver_round(settings, locks), settings)
    print(f"sent {sent}", flush=True)
    return 0


def _delete_manager(args: argparse.Namespace) -> int:
    from sqlmodel import select

    from trusthabits.db.engine import new_session
    from trusthabits.db.models import Manager
    from trusthabits.services import erasure

    email = args.email.strip().lower()
    with new_session() as session:
        manager = session.exec(select(Manager).where(Manager.email == email)).first()
        if manager is None or manager.id is None:
            print(f"No manager with the address {email}.", file=sys.stderr)
            return 1
        if not args.yes:
            print(f"This deletes {email} and everything they own, for good. Run again with --yes to do it.",
                  file=sys.stderr)
            return 1
        erasure.erase_manager(session, manager.id)
    print(f"Deleted {email} and everything they owned. Backups made before now still hold a copy.")
    return 0


def _demo(_args: argparse.Namespace) -> int:
    from trusthabits.core import clock
    from trusthabits.db.engine import new_session
    from trusthabits.services import demo

    try:
        with new_session() as session:
            workspace = demo.create_demo(session, clock.now())
    except demo.DemoExists as exists:
        print(f"The demo manager {exists} already exists; nothing was changed. "
              "Sign in with the password printed when it was created, or use a fresh database.", file=sys.stderr)
        return 1
    print(f"Demo workspace created: {demo.WEEKS} weeks of daily logs and pulse answers for a team of "
          f"{demo.TEAM_SIZE}.")
    print(f"Sign in as {workspace.email} with password {workspace.password}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="trusthabits", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="apply database migrations").set_defaults(run=_migrate)
    save = commands.add_parser("backup", help="write a consistent backup while the app runs (a zip file)")
    save.add_argument("file", nargs="?",
                      help="where to write it (default: TRUSTHABITS_BACKUP_DIR/trusthabits-<time>.zip)")
    save.set_defaults(run=_backup)
    load = commands.add_parser("restore", help="restore a backup into an empty database and check it")
    load.add_argument("file")
    load.set_defaults(run=_restore)
    create = commands.add_parser(
        "create-manager", help="create a manager account (password from TRUSTHABITS_PASSWORD or a prompt)"
    )
    create.add_argument("--email", required=True)
    create.add_argument("--name", required=True)
    create.add_argument("--language", choices=LANGUAGES, default=DEFAULT_LANGUAGE)
    create.add_argument("--time-zone", default=DEFAULT_TIME_ZONE)
    create.set_defaults(run=_create_manager)
    schedule = commands.add_parser("scheduler", help="run the weekly scheduler as its own process (leader only)")
    schedule.add_argument("--once", action="store_true", help="run one tick now and exit")
    schedule.set_defaults(run=_scheduler)
    commands.add_parser(
        "sender", help="deliver the outbox through SMTP_URL until stopped; run several to send faster"
    ).set_defaults(run=_sender)
    delete = commands.add_parser("delete-manager", help="delete a manager and everything they own (erasure request)")
    delete.add_argument("email")
    delete.add_argument("--yes", action="store_true", help="really delete (without it, nothing happens)")
    delete.set_defaults(run=_delete_manager)
    commands.add_parser(
        "demo", help="create a demo manager with 26 weeks of logs and a team's pulse answers"
    ).set_defaults(run=_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings_or_exit()  # a bad setting stops here with one line naming it
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
