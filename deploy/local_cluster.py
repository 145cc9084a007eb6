"""The scale-out deployment on one machine, with real servers: PostgreSQL, Redis (Debian's
redis-server), backend workers (`reflex run --env prod --backend-only`, one process each, with
the scheduler off), `trusthabits scheduler` processes, the exported static frontend and Caddy in
front, everything on loopback.

`make cluster` (`python -m deploy.local_cluster start`) runs it under `.cluster/` with the proxy
on http://localhost:8080 and writes the settings it used to `.cluster/env`; `make cluster-stop`
stops exactly the processes recorded in `.cluster/processes.json`. The short cluster test and
bench/cluster.py drive the same class on free ports, and kill and restart single workers.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from deploy.processes import START_TIMEOUT_S, Started, free_port, healthy, reap, tail, wait_for_port

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CADDYFILE = Path(__file__).resolve().parent / "Caddyfile"
DEFAULT_PROXY_PORT = 8080
# What the exported frontend is built from: a change here means a new export.
FRONTEND_SOURCES = ("rxconfig.py", "trusthabits", "assets")


def _find_pg_bin(name: str) -> str:
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: int(p.parts[4]))
    found = str(candidates[-1]) if candidates else shutil.which(name)
    if not found:
        raise RuntimeError("PostgreSQL server binaries not found: install Debian's `postgresql` package")
    return found


def _as_postgres_user() -> list[str]:
    # PostgreSQL refuses to run as root; Debian's package creates a `postgres` user for it.
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def caddy_security_headers(static_dir: Path, https: bool) -> str:
    """The headers the app's own middleware (trusthabits/web/headers.py) puts on what it serves,
    as a Caddyfile snippet for the static files the proxy serves itself: the CSP carries the
    hashes of this build's inline scripts, so it is written again with every export."""
    from trusthabits.web.headers import HSTS, PERMISSIONS_POLICY, content_security_policy, script_hashes

    headers = {
        "Content-Security-Policy": content_security_policy(script_hashes(sorted(static_dir.rglob("*.html")))),
        "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff",
        "Permissions-Policy": PERMISSIONS_POLICY, "Cross-Origin-Opener-Policy": "same-origin",
        **({"Strict-Transport-Security": HSTS} if https else {}),
    }
    lines = "".join(f'\t{name} "{value}"\n' for name, value in headers.items())
    note = f"# Written by deploy/local_cluster.py from {static_dir}: regenerate after every export.\n"
    return f"{note}header {{\n{lines}}}\n"


@dataclass
class LocalCluster:
    """Where everything lives and which ports it uses; `start()` brings it up."""

    root: Path
    proxy_port: int = DEFAULT_PROXY_PORT
    workers: int = 3
    schedulers: int = 1
    # Faster but unsafe on power loss: for throwaway clusters (tests) only.
    fsync: bool = True
    # None: the proxy serves the exported frontend from root/www (exported when missing or stale).
    static_dir: Path | None = None
    ports: dict[str, int] = field(default_factory=dict)
    processes: dict[str, Started] = field(default_factory=dict)

    # --- layout -------------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://localhost:{self.proxy_port}"

    @property
    def database_url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.ports['postgres']}/trusthabits"

    @property
    def redis_url(self) -> str:
        return f"redis://127.0.0.1:{self.ports['redis']}/0"

    def worker_port(self, number: int) -> int:
        return self.ports[f"worker{number}"]

    def _log(self, name: str) -> Path:
        (self.root / "logs").mkdir(parents=True, exist_ok=True)
        return self.root / "logs" / f"{name}.log"

    def app_env(self, **extra: str) -> dict[str, str]:
        """The environment every TrustHabits process of the cluster runs with."""
        return {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "TRUSTHABITS_BASE_URL": self.base_url,
            "TRUSTHABITS_DATA_DIR": str(self.root / "data"),
            "REFLEX_USE_SYSTEM_BUN": "1",
            "PATH": f"{ROOT / '.tools/node_modules/.bin'}{os.pathsep}{BIN}{os.pathsep}{os.environ['PATH']}",
            **extra,
        }

    def _spawn(self, name: str, command: list[str], env: dict | None = None, cwd: Path = ROOT) -> Started:
        with self._log(name).open("ab") as log:
            process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT,
                                       stdin=subprocess.DEVNULL, start_new_session=True)
        started = Started(name, process.pid, command)
        self.processes[name] = started
        self._popen[name] = process
        self.save()
        return started

    def __post_init__(self) -> None:
        self._popen: dict[str, subprocess.Popen] = {}

    # --- the servers --------------------------------------------------------------------------

    def start_postgres(self) -> None:
        data = self.root / "pg"
        sockets = self.root / "run"
        owner = "postgres" if os.geteuid() == 0 else None
        for folder in (self.root, sockets):
            folder.mkdir(parents=True, exist_ok=True)
        if owner:
            shutil.chown(sockets, owner)
        if not (data / "PG_VERSION").exists():
            data.mkdir(parents=True, exist_ok=True)
            if owner:
                shutil.chown(data, owner)
            done = subprocess.run([*_as_postgres_user(), _find_pg_bin("initdb"), "-D", str(data), "-U", "postgres",
                                   "--auth=trust", "-E", "UTF8", *([] if self.fsync else ["--no-sync"])],
                                  capture_output=True, text=True)
            if done.returncode:
                raise RuntimeError(f"initdb failed:\n{done.stderr}")
        port = self.ports.setdefault("postgres", free_port())
        settings = ["-c", "max_connections=200", "-c", "shared_buffers=256MB"]
        if not self.fsync:
            settings += ["-c", "fsync=off", "-c", "full_page_writes=off", "-c", "synchronous_commit=off"]
        process = self._spawn("postgres", [*_as_postgres_user(), _find_pg_bin("postgres"), "-D", str(data),
                                           "-p", str(port), "-h", "127.0.0.1", "-k", str(sockets), *settings])
        wait_for_port(port, self._popen["postgres"], "PostgreSQL", self._log("postgres"))
        del process
        self._create_database()

    def _create_database(self) -> None:
        from sqlalchemy import create_engine, text

        admin = create_engine(self.database_url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                with admin.connect() as connection:
                    if not connection.execute(text("SELECT 1 FROM pg_database WHERE datname = 'trusthabits'")).first():
                        connection.execute(text("CREATE DATABASE trusthabits"))
                break
            except Exception:  # noqa: BLE001 - the server is still starting up
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        admin.dispose()

    def start_redis(self) -> None:
        port = self.ports.setdefault("redis", free_port())
        folder = self.root / "redis"
        folder.mkdir(parents=True, exist_ok=True)
        # Reflex keeps each tab's state for an hour (every key expires): no persistence needed,
        # and under memory pressure the least recently used tab's state goes first.
        self._spawn("redis", [shutil.which("redis-server") or "/usr/bin/redis-server", "--port", str(port),
                              "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(folder),
                              "--maxmemory", "512mb", "--maxmemory-policy", "volatile-lru"])
        wait_for_port(port, self._popen["redis"], "Redis", self._log("redis"))

    def migrate(self) -> None:
        subprocess.run([str(BIN / "trusthabits"), "migrate"], env=self.app_env(), check=True, capture_output=True)

    def start_worker(self, number: int) -> Started:
        """Backend worker `number`: one Reflex backend process (one Granian worker) on its own port."""
        port = self.ports.setdefault(f"worker{number}", free_port())
        env = self.app_env(PORT=str(port), TRUSTHABITS_SCHEDULER="off", GRANIAN_WORKERS="1")
        return self._spawn(f"worker{number}", [str(BIN / "reflex"), "run", "--env", "prod", "--backend-only",
                                               "--backend-host", "127.0.0.1"], env=env)

    def wait_for_worker(self, number: int) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        url = f"http://127.0.0.1:{self.worker_port(number)}/api/health/live"
        while not healthy(url):
            process = self._popen.get(f"worker{number}")
            if (process is not None and process.poll() is not None) or time.monotonic() > deadline:
                raise RuntimeError(f"worker {number} did not start:\n{tail(self._log(f'worker{number}'))}")
            time.sleep(0.2)

    def start_scheduler(self, number: int, **extra: str) -> Started:
        return self._spawn(f"scheduler{number}", [str(BIN / "trusthabits"), "scheduler"], env=self.app_env(**extra))

    def export_frontend(self) -> Path:
        """`reflex export` of the static frontend, pointed at the proxy, copied to root/www."""
        target = self.root / "www"
        stamp = target / ".built-from"
        newest = max(path.stat().st_mtime for source in FRONTEND_SOURCES
                     for path in ([ROOT / source] if (ROOT / source).is_file() else (ROOT / source).rglob("*"))
                     if "__pycache__" not in path.parts)
        if stamp.exists() and stamp.read_text() == self.base_url and stamp.stat().st_mtime >= newest:
            return target
        # Its own build folder: `make run` and `make test` in this checkout keep theirs.
        web = self.root / "web"
        env = self.app_env(PORT=str(self.proxy_port), REFLEX_WEB_WORKDIR=str(web))
        env.pop("REDIS_URL")  # the export needs no state manager
        subprocess.run([str(BIN / "reflex"), "export", "--frontend-only", "--no-zip", "--env", "prod"],
                       cwd=ROOT, env=env, check=True, stdout=self._log("export").open("ab"), stderr=subprocess.STDOUT)
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(web / "build" / "client", target)
        stamp.write_text(self.base_url)
        return target

    def start_proxy(self) -> None:
        static = self.static_dir or self.root / "www"
        headers = self.root / "security-headers.caddy"
        headers.write_text(caddy_security_headers(static, https=False))
        backends = " ".join(f"127.0.0.1:{self.worker_port(n)}" for n in range(1, self.workers + 1))
        env = {**os.environ, "TRUSTHABITS_SITE": f"http://localhost:{self.proxy_port}",
               "TRUSTHABITS_BIND": "127.0.0.1", "TRUSTHABITS_BACKENDS": backends,
               "TRUSTHABITS_STATIC": str(static), "TRUSTHABITS_HEADERS": str(headers),
               "XDG_DATA_HOME": str(self.root / "caddy"),
               "XDG_CONFIG_HOME": str(self.root / "caddy")}
        self._spawn("proxy", [shutil.which("caddy") or "/usr/bin/caddy", "run", "--config", str(CADDYFILE),
                              "--adapter", "caddyfile"], env=env)
        wait_for_port(self.proxy_port, self._popen["proxy"], "Caddy", self._log("proxy"))

    # --- the whole ----------------------------------------------------------------------------

    def start(self, export: bool = True) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        if self.proxy_port:
            self.ports["proxy"] = self.proxy_port
        try:
            self.start_postgres()
            self.start_redis()
            self.migrate()
            if export and self.static_dir is None:
                self.export_frontend()
            for number in range(1, self.workers + 1):
                self.start_worker(number)
            for number in range(1, self.schedulers + 1):
                self.start_scheduler(number)
            for number in range(1, self.workers + 1):
                self.wait_for_worker(number)
            self.start_proxy()
            deadline = time.monotonic() + START_TIMEOUT_S
            while not healthy(f"{self.base_url}/api/health"):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the proxy does not answer /api/health:\n{tail(self._log('proxy'))}")
                time.sleep(0.2)
        except BaseException:
            self.stop()
            raise
        self.write_env()

    def write_env(self) -> None:
        lines = {"DATABASE_URL": self.database_url, "REDIS_URL": self.redis_url,
                 "TRUSTHABITS_BASE_URL": self.base_url, "TRUSTHABITS_PROXY_PORT": str(self.proxy_port),
                 "TRUSTHABITS_POSTGRES_PORT": str(self.ports["postgres"]),
                 "TRUSTHABITS_REDIS_PORT": str(self.ports["redis"]),
                 "TRUSTHABITS_WORKER_PORTS": ",".join(str(self.worker_port(n)) for n in range(1, self.workers + 1))}
        (self.root / "env").write_text("".join(f"{name}={value}\n" for name, value in lines.items()))

    def kill_worker(self, number: int, signum: int = signal.SIGKILL) -> None:
        """SIGKILL (a crash: the whole process group at once) or SIGTERM (a clean stop)."""
        worker = self.processes[f"worker{number}"]
        if signum == signal.SIGKILL:
            worker.signal_group(signal.SIGKILL)
            reap(worker.pid)
        else:
            worker.stop()

    def stop(self) -> None:
        # The proxy first (no new connections), PostgreSQL last (the others need it to stop cleanly).
        order = sorted(self.processes, key=lambda name: (name != "proxy", name == "redis", name == "postgres"))
        for name in order:
            self.processes[name].stop()
        self.processes.clear()
        self.save()

    # --- what make cluster-stop reads ---------------------------------------------------------

    def save(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / "processes.json").write_text(json.dumps({
            "ports": self.ports, "workers": self.workers, "proxy_port": self.proxy_port,
            "processes": {name: {"pid": p.pid, "command": p.command, "started_at": p.started_at}
                          for name, p in self.processes.items()},
        }, indent=2))

    @classmethod
    def load(cls, root: Path) -> LocalCluster:
        saved = json.loads((root / "processes.json").read_text())
        cluster = cls(root=root, proxy_port=saved["proxy_port"], workers=saved["workers"], ports=saved["ports"])
        cluster.processes = {name: Started(name, p["pid"], p["command"], p["started_at"])
                             for name, p in saved["processes"].items()}
        return cluster


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="TrustHabits' scale-out deployment on this machine")
    parser.add_argument("command", choices=["start", "stop", "headers"])
    parser.add_argument("--static", type=Path, help="headers: the exported frontend folder")
    parser.add_argument("--https", action="store_true", help="headers: add Strict-Transport-Security")
    parser.add_argument("--root", type=Path, default=ROOT / ".cluster")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--proxy-port", type=int,
                        default=int(os.environ.get("TRUSTHABITS_PROXY_PORT", DEFAULT_PROXY_PORT)))
    args = parser.parse_args(argv)
    if args.command == "headers":
        # Production: python -m deploy.local_cluster headers --static DIR --https > /etc/caddy/trusthabits-headers.caddy
        print(caddy_security_headers(args.static or ROOT / ".web" / "build" / "client", args.https), end="")
        return 0
    if args.command == "stop":
        if not (args.root / "processes.json").exists():
            print("No cluster was started here.")
            return 0
        cluster = LocalCluster.load(args.root)
        running = [name for name, process in cluster.processes.items() if process.alive()]
        cluster.stop()
        print(f"Stopped {', '.join(running) or 'nothing (it had already stopped)'}.")
        return 0
    if (args.root / "processes.json").exists() and any(
            p.alive() for p in LocalCluster.load(args.root).processes.values()):
        print("The cluster is already running; `make cluster-stop` first.", file=sys.stderr)
        return 1
    cluster = LocalCluster(root=args.root, proxy_port=args.proxy_port, workers=args.workers)
    print("Starting PostgreSQL, Redis, the frontend export (first time: a few minutes), "
          f"{args.workers} workers, the scheduler and Caddy ...", flush=True)
    cluster.start()
    print(f"\n  TrustHabits cluster on {cluster.base_url}  (settings in {args.root / 'env'}, logs in "
          f"{args.root / 'logs'})\n  Stop it with `make cluster-stop`.\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
