"""Queue and deliver 10,000 pulse invitations (2,000 teams of 5) to an SMTP server on loopback
and report messages per second and peak memory (run on demand, not a test).

Usage: .venv/bin/python bench/mail_throughput.py [--teams 2000] [--members 5] [--database-url URL]

The invitations are queued the way production queues them: one scheduler tick at the teams'
Friday 13:00 opens every round (without sending). Delivery is then timed on its own: the
outbox drain of the same tick (`mail.deliver_due`, one SMTP connection per batch), against an
aiosmtpd server in this process that accepts every message.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import socket
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiosmtpd.controller import Controller  # noqa: E402
from sqlmodel import Session  # noqa: E402

from trusthabits.db.engine import build_engine  # noqa: E402
from trusthabits.db.migrate import upgrade_to_head  # noqa: E402
from trusthabits.db.models import Manager, Member, Team  # noqa: E402
from trusthabits.services import mail, scheduler  # noqa: E402

OPENS = datetime(2026, 11, 27, 13, 0, tzinfo=ZoneInfo("Europe/Amsterdam")).astimezone(UTC)
LONG_AGO = datetime(2026, 1, 1, tzinfo=UTC)
TEAMS_PER_MANAGER = 10


class Counter:
    def __init__(self, received):
        self.received = received  # a multiprocessing.Value shared with the bench

    async def handle_DATA(self, server, session, envelope):
        with self.received.get_lock():
            self.received.value += 1
        return "250 OK"


def serve_smtp(port: int, received, ready) -> None:
    """The SMTP server runs in its own process, as a real one would: it must not compete with
    the sender for this process's interpreter lock."""
    controller = Controller(Counter(received), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    threading.Event().wait()


def seed(engine, teams: int, members: int) -> None:
    with Session(engine) as session:
        # Confirmed addresses: mail on behalf of an unconfirmed manager waits in the queue.
        managers = [Manager(email=f"m{n}@bench.test", name=f"Manager {n}", password_hash="-", created_at=OPENS,
                            email_verified_at=OPENS)
                    for n in range(-(-teams // TEAMS_PER_MANAGER))]
        session.add_all(managers)
        session.flush()
        rows = [Team(manager_id=managers[n // TEAMS_PER_MANAGER].id, name=f"Team {n}", created_at=LONG_AGO)
                for n in range(teams)]
        session.add_all(rows)
        session.flush()
        session.add_all(Member(team_id=team.id,
            email=f"t{team.id}m{i}@bench.test") for team in rows for i in range(members))
        session.commit()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=2000)
    parser.add_argument("--members", type=int, default=5)
    parser.add_argument("--database-url", help="an empty database (default: a fresh SQLite file)")
    args = parser.parse_args()
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp(prefix='th-bench-')}/bench.db"
    upgrade_to_head(url)
    engine = build_engine(url)
    seed(engine, args.teams, args.members)
    expected = args.teams * args.members

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    received, ready = multiprocessing.Value("i", 0), multiprocessing.Event()
    server = multiprocessing.Process(target=serve_smtp, args=(port, received, ready), daemon=True)
    server.start()
    ready.wait(30)
    new_session = lambda: Session(engine, expire_on_commit=False)  # noqa: E731
    ctx = scheduler.Context(now=OPENS, base_url="http://bench.test", worker="bench")
    try:
        started = time.perf_counter()
        report = scheduler.tick(new_session, ctx, send_mail=False)
        queued_s = time.perf_counter() - started
        started = time.perf_counter()
        sent = 0
        with new_session() as session:
            while (batch := mail.deliver_due(session, f"smtp+plain://127.0.0.1:{port}", OPENS)) > 0:
                sent += batch
        deliver_s = time.perf_counter() - started
    finally:
        server.terminate()
        server.join()
    # Peak resident memory of this process (the queuing and sending side), not the SMTP server's.
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"database            {url.split('://')[0]}")
    print(f"scheduled sends     {report.done} done, {report.skipped} skipped")
    print(f"queued              {expected} invitations in {queued_s:.1f} s ({expected / queued_s:.0f}/s)")
    print(f"delivered           {sent} (server received {received.value}) in {deliver_s:.1f} s")
    print(f"delivery rate       {sent / deliver_s:.0f} messages/s (target >= 200)")
    print(f"peak memory (RSS)   {peak_mib:.0f} MiB")
    return 0 if sent == received.value == expected else 1


if __name__ == "__main__":
    sys.exit(main())
