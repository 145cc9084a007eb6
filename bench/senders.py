"""Mail senders and scheduler takeover on PostgreSQL, with real processes (run on demand, not a
test).

Usage: .venv/bin/python bench/senders.py [--messages 10000] [--senders 1,3] [--invitations 1000]
       [--database-url postgresql+psycopg://…]   (default: a throwaway PostgreSQL server)

1. Throughput: 10,000 invitations are queued (one scheduler tick, no mail server), then
   delivered by 1 and by 3 `trusthabits sender` processes, each to its own SMTP server on
   loopback (aiosmtpd in its own process: a relay per sending machine). Every message must
   arrive exactly once.
2. Takeover: three `trusthabits scheduler` processes on the real clock; 1,000 invitations go out
   (200 teams of 5, due now) through an SMTP server that takes 5 ms per message, and the leader
   is SIGKILLed twice while they do. Reports how long until another process led (PostgreSQL's
   lock table, sampled every 20 ms) and until mail flowed again, and checks each invitation
   arrived exactly once.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from aiosmtpd.controller import Controller  # noqa: E402
from sqlalchemy import create_engine, func, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlmodel import Session, select  # noqa: E402

from bench.load import LeaderWatch  # noqa: E402
from bench.mail_throughput import OPENS, seed  # noqa: E402
from trusthabits.core import clock  # noqa: E402
from trusthabits.db.engine import build_engine  # noqa: E402
from trusthabits.db.migrate import upgrade_to_head  # noqa: E402
from trusthabits.db.models import OutboxMessage, Team  # noqa: E402
from trusthabits.services import scheduler  # noqa: E402

CLI = str(Path(sys.executable).with_name("trusthabits"))


class Sink:
    """Accepts every message (after `delay_s`), counts it and notes its recipient and when."""

    def __init__(self, received, delay_s: float, log_path: str):
        self.received, self.delay_s = received, delay_s
        self.log = open(log_path, "a", buffering=1)  # noqa: SIM115 - open for the server's life

    async def handle_DATA(self, server, session, envelope):
        if self.delay_s:
            await asyncio.sleep(self.delay_s)
        with self.received.get_lock():
            self.received.value += 1
        self.log.write(f"{time.time():.4f} {','.join(envelope.rcpt_tos)}\n")
        return "250 OK"


def _serve(port: int, received, ready, delay_s: float, log_path: str) -> None:
    Controller(Sink(received, delay_s, log_path), hostname="127.0.0.1", port=port).start()
    ready.set()
    threading.Event().wait()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Servers:
    urls: list[str]
    received: object  # a multiprocessing.Value
    logs: list[Path]

    def arrivals(self) -> list[tuple[float, str]]:
        lines = [line.split(" ", 1) for log in self.logs if log.exists() for line in log.read_text().splitlines()]
        return sorted((float(at), to) for at, to in lines)


@contextmanager
def smtp_servers(count: int, folder: Path, delay_s: float = 0.0):
    """`count` SMTP servers on loopback, each in its own process (a relay per sending machine)."""
    received = multiprocessing.Value("i", 0)
    servers, urls, logs = [], [], []
    for number in range(count):
        port, ready = free_port(), multiprocessing.Event()
        log = folder / f"smtp{number}-{port}.log"
        process = multiprocessing.Process(target=_serve, args=(port, received, ready, delay_s, str(log)), daemon=True)
        process.start()
        ready.wait(30)
        servers.append(process)
        urls.append(f"smtp+plain://127.0.0.1:{port}")
        logs.append(log)
    try:
        yield Servers(urls, received, logs)
    finally:
        for process in servers:
            process.terminate()
            process.join()


def delivery(servers: Servers, expected: int) -> dict:
    """How many arrived, how many recipients got more than one, and the rate from the first
    arrival to the last (process start-up left out)."""
    arrivals = servers.arrivals()
    per_recipient = Counter(to for _, to in arrivals)
    span = arrivals[-1][0] - arrivals[0][0] if len(arrivals) > 1 else float("nan")
    return {"arrived": len(arrivals), "recipients": len(per_recipient), "expected": expected,
            "lost": expected - len(per_recipient),
            "duplicated": sum(n - 1 for n in per_recipient.values()),
            "per_s": round((len(arrivals) - 1) / span) if span == span and span > 0 else None}


def fresh_database(server_url: str, name: str) -> str:
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    upgrade_to_head(url)
    return url


def _env(url: str, tmp: str, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "SMTP_URL"}
    return {**env, "DATABASE_URL": url, "TRUSTHABITS_BASE_URL": "http://bench.test",
            "TRUSTHABITS_DATA_DIR": tmp, "TRUSTHABITS_SENDER_POLL_S": "0.2", **extra}


def _outbox(engine, status: str | None = None) -> int:
    with Session(engine) as session:
        query = select(func.count()).select_from(OutboxMessage)
        if status:
            query = query.where(OutboxMessage.status == status)
        return session.exec(query).one()


def throughput(server_url: str, messages: int, senders: int, tmp: Path) -> dict:
    url = fresh_database(server_url, f"bench_senders_{senders}")
    engine = build_engine(url)
    seed(engine, messages // 5, 5)
    ctx = scheduler.Context(now=OPENS, base_url="http://bench.test", worker="bench")
    scheduler.tick(lambda: Session(engine, expire_on_commit=False), ctx, send_mail=False)
    queued = _outbox(engine)
    folder = tmp / f"senders{senders}"
    folder.mkdir()
    with smtp_servers(senders, folder) as servers:
        started = time.perf_counter()
        processes = [subprocess.Popen([CLI, "sender"], env=_env(url, str(tmp), SMTP_URL=smtp_url),
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                     for smtp_url in servers.urls]
        try:
            while _outbox(engine, "sent") < queued and time.perf_counter() - started < 900:
                time.sleep(0.1)
            time.sleep(1)  # and nothing more arrives
        finally:
            for process in processes:
                process.send_signal(signal.SIGTERM)
            for process in processes:
                process.wait(timeout=120)
        result = delivery(servers, queued)
    engine.dispose()
    return {"senders": senders, "queued": queued, **result}


def _due_now(engine, teams: int) -> None:
    """`teams` teams of 5 whose weekly pulse opened a minute ago (Amsterdam time)."""
    from zoneinfo import ZoneInfo

    opens = (clock.now() - timedelta(minutes=1)).astimezone(ZoneInfo("Europe/Amsterdam"))
    seed(engine, teams, 5)
    with Session(engine) as session:
        for team in session.exec(select(Team)):
            team.pulse_weekday, team.pulse_time = opens.weekday(), opens.strftime("%H:%M")
            session.add(team)
        session.commit()


def takeover(server_url: str, invitations: int, tmp: Path) -> dict:
    url = fresh_database(server_url, "bench_takeover")
    engine = build_engine(url)
    _due_now(engine, invitations // 5)
    logs = [tmp / f"scheduler{n}.log" for n in range(3)]
    with smtp_servers(1, tmp, delay_s=0.005) as servers, LeaderWatch(engine, every_s=0.02) as watch:
        received = servers.received
        env = _env(url, str(tmp), SMTP_URL=servers.urls[0], TRUSTHABITS_TICK_S="1")
        processes = [subprocess.Popen([CLI, "scheduler"], env=env, stdout=subprocess.DEVNULL,
                                      stderr=log.open("w")) for log in logs]
        started, kills = time.perf_counter(), []
        try:
            for share in (0.1, 0.4):  # kill the leader once a tenth, then once four tenths went out
                while received.value < share * invitations and time.perf_counter() - started < 300:
                    time.sleep(0.01)
                leader = _leader(processes, logs)
                moment, sent_before = time.monotonic(), received.value
                leader.send_signal(signal.SIGKILL)
                leader.wait()
                while received.value <= sent_before + 1 and time.monotonic() - moment < 300:
                    time.sleep(0.01)
                kills.append({"mail_sent_before": sent_before,
                              "new_leader_after_s": round(watch.gaps_after(moment) or -1, 2),
                              "mail_flows_again_after_s": round(time.monotonic() - moment, 2)})
            while _outbox(engine, "sent") < _outbox(engine) and time.perf_counter() - started < 600:
                time.sleep(0.05)
            elapsed = time.perf_counter() - started
            time.sleep(2)  # and nothing more arrives
        finally:
            for process in processes:
                if process.poll() is None:
                    process.send_signal(signal.SIGTERM)
                    process.wait(timeout=60)
        with Session(engine) as session:
            stored = dict(session.exec(select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)).all())
        result = delivery(servers, sum(stored.values()))
    engine.dispose()
    # A kill while the mail server is accepting a message (before its row is marked sent) sends
    # that one message again: SMTP has no transaction. At most one per kill.
    return {"invitations": invitations, "seconds": round(elapsed, 1), "kills": kills, "outbox": stored,
            "most_leaders_at_once": watch.most_at_once(), **result}


def _leader(processes: list[subprocess.Popen], logs: list[Path]) -> subprocess.Popen:
    """The living process whose log last said it leads."""
    for _ in range(500):
        for process, log in zip(processes, logs, strict=True):
            lines = [line for line in log.read_text().splitlines() if "is the leader" in line]
            if process.poll() is None and lines and re.search(rf":{process.pid}:", lines[-1]):
                return process
        time.sleep(0.02)
    raise RuntimeError("no leader")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--senders", default="1,3")
    parser.add_argument("--invitations", type=int, default=1000)
    parser.add_argument("--database-url", help="a PostgreSQL server (its URL's database is only used to connect)")
    parser.add_argument("--skip-takeover", action="store_true")
    args = parser.parse_args()
    from tests.pg_server import running_postgres

    print(f"machine load {Path('/proc/loadavg').read_text().split()[:3]}", flush=True)
    with (nullcontext(args.database_url) if args.database_url else running_postgres()) as server_url:
        with tempfile.TemporaryDirectory(prefix="bench-senders-") as tmp:
            for count in (int(n) for n in args.senders.split(",")):
                print(f"throughput: {throughput(server_url, args.messages, count, Path(tmp))}", flush=True)
            if not args.skip_takeover:
                print(f"takeover: {takeover(server_url, args.invitations, Path(tmp))}", flush=True)
    print(f"machine load {Path('/proc/loadavg').read_text().split()[:3]}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
