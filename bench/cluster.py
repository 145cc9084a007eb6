"""Load and fault benchmark: the cluster (`make cluster`) against the single process (run on
demand, not a test).

Usage: make cluster && .venv/bin/python bench/cluster.py [--clients 200] [--rate 20]
       [--levels 20,50,100,200] [--level-seconds 30] [--saturate-seconds 20] [--fault-seconds 180]
       [--skip-single] [--skip-levels] [--skip-fault] [--single-state-manager memory|disk]
       Saturation only, cluster: --skip-single --skip-fault --levels ''; fault run only: --skip-levels

Simulated tabs speak Reflex's websocket protocol (bench/reflex_client.py), each signed in with
its own manager's session token, and tap behaviours on Today. For the single process
(`reflex run --env prod`, SQLite, like `make run`, on a free port) and then for the cluster
(through Caddy on http://localhost:8080), it reports tap → confirming delta latency
(p50/p95/p99) at 20, 50, 100 and 200 clients tapping `--rate` taps/s together, and the
saturation throughput with every client tapping as fast as its confirmations return.

Then the fault run on the cluster: 200 clients for 3 minutes while one backend worker is
SIGKILLed (a quarter in) and another SIGTERMed (halfway), each restarted 3 s later, and the
scheduler leader is SIGKILLed with two extra scheduler processes waiting (three quarters in).
Checks: every dropped tab reconnects within 10 s and is still signed in; every confirmed tap is
in PostgreSQL exactly once; never more than one scheduler leader; how long the leader was away.
Targets: p95 <= 150 ms at 200 clients on the cluster; cluster saturation >= 1.5x the single
process's; 0 lost, 0 duplicated; single process p95 at 200 clients below 66 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import production_server  # noqa: E402
from bench.load import (  # noqa: E402
    LeaderWatch,
    close_clients,
    drive,
    entries_per_manager,
    exactly_once,
    open_clients,
    reset_counts,
    seed_managers,
    summary,
)
from bench.reflex_client import Names  # noqa: E402
from deploy.local_cluster import LocalCluster  # noqa: E402
from deploy.processes import healthy  # noqa: E402
from trusthabits.db.engine import build_engine  # noqa: E402
from trusthabits.db.migrate import upgrade_to_head  # noqa: E402

TARGETS = {"cluster_p95_ms_at_200": 150, "saturation_ratio": 1.5, "single_p95_ms_at_200": 66}


def machine_load() -> str:
    return Path("/proc/loadavg").read_text().split(" ", 3)[:3].__str__()


def client_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


TICK = os.sysconf("SC_CLK_TCK")


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def tree_cpu_s(roots: dict[str, list[int]]) -> dict[str, float]:
    """CPU seconds so far of each group of process trees (user + system, with reaped children)."""
    tree, out = _children(), {}
    for group, pids in roots.items():
        total, todo = 0.0, list(pids)
        while todo:
            pid = todo.pop()
            todo += tree.get(pid, [])
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += sum(int(fields[n]) for n in (11, 12, 13, 14)) / TICK
        out[group] = total
    return out


def busy_cores_s() -> float:
    """CPU seconds the whole machine has been busy (every process, every core)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return (sum(values) - values[3] - values[4]) / TICK


async def measure_levels(base_url: str, sessions, names: Names, levels: list[int], rate: float, seconds: float,
                         saturate_seconds: float, label: str, server_pids) -> dict:
    results: dict = {"levels": {}}
    clients = []
    for level in levels:
        clients += await open_clients(base_url, sessions[len(clients):level], names)
        reset_counts(clients)
        cpu = client_cpu_s()
        elapsed = await drive(clients, seconds, rate)
        results["levels"][level] = summary(clients, elapsed) | {"client_cpu_s": round(client_cpu_s() - cpu, 1),
                                                               "load": machine_load()}
        print(f"{label} {level:>3} clients at {rate:g}/s: {json.dumps(results['levels'][level])}", flush=True)
    if len(clients) < len(sessions):  # no levels ran (or fewer clients than sessions)
        clients += await open_clients(base_url, sessions[len(clients):], names)
        await drive(clients, 3, None)  # warm-up: each worker's caches and pools, not counted
    reset_counts(clients)
    cpu, servers, machine = client_cpu_s(), tree_cpu_s(server_pids()), busy_cores_s()
    elapsed = await drive(clients, saturate_seconds, None)
    servers_after, machine_after = tree_cpu_s(server_pids()), busy_cores_s()
    results["saturation"] = summary(clients, elapsed) | {"client_cpu_s": round(client_cpu_s() - cpu, 1),
                                                         "load": machine_load()}
    # What bounds it: the cores each server used, and its CPU per confirmed tap.
    taps = max(1, results["saturation"]["confirmed"])
    results["saturation"]["server_cores"] = {
        group: round((servers_after[group] - servers[group]) / elapsed, 2) for group in servers}
    results["saturation"]["server_cpu_ms_per_tap"] = {
        group: round((servers_after[group] - servers[group]) * 1000 / taps, 2) for group in servers}
    results["saturation"]["machine_busy_cores"] = round((machine_after - machine) / elapsed, 2)
    print(f"{label} saturation with {len(clients)} clients: {json.dumps(results['saturation'])}", flush=True)
    await close_clients(clients)
    return results


def single_process(args, names: Names) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-single-") as tmp:
        url = f"sqlite:///{tmp}/single.db"
        upgrade_to_head(url)
        engine = build_engine(url)
        sessions = seed_managers(engine, args.clients)
        os.environ["TRUSTHABITS_STATE_MANAGER"] = args.single_state_manager
        started: list = []
        try:
            with production_server(url, Path(tmp) / "server.log", started) as base_url:
                return asyncio.run(measure_levels(base_url, sessions, names, args.levels, args.rate,
                                                  args.level_seconds, args.saturate_seconds,
                                                  f"single({args.single_state_manager})",
                                                  lambda: {"single process": [started[0].pid]}))
        finally:
            os.environ.pop("TRUSTHABITS_STATE_MANAGER", None)
            engine.dispose()


def cluster_pids(cluster: LocalCluster) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = {}
    for name, process in cluster.processes.items():
        group = "workers" if name.startswith("worker") else "scheduler" if name.startswith("scheduler") else name
        groups.setdefault(group, []).append(process.pid)
    return groups


def leader_scheduler(cluster: LocalCluster) -> str | None:
    """The scheduler process that last said it leads and is still alive."""
    best, at = None, ""
    for name, process in cluster.processes.items():
        if not name.startswith("scheduler") or not process.alive():
            continue
        log = (cluster.root / "logs" / f"{name}.log").read_text(errors="replace")
        for line in log.splitlines():
            if "is the leader" in line and f":{process.pid}:" in line and line[:23] > at:
                best, at = name, line[:23]
    return best


async def fault_run(cluster: LocalCluster, engine, sessions, names: Names, args) -> dict:
    clients = await open_clients(cluster.base_url, sessions, names)
    reset_counts(clients)
    before = entries_per_manager(engine, [c.manager_id for c in clients])
    for number in (2, 3):
        cluster.start_scheduler(number)  # followers, so there is someone to take over
    events: list[dict] = []

    async def restart(number: int, signum: int, started: float) -> None:
        await asyncio.to_thread(cluster.kill_worker, number, signum)
        events.append({"what": f"worker{number} {signal.Signals(signum).name}",
                       "stopped_after_s": round(time.monotonic() - started, 2)})
        await asyncio.sleep(3)
        cluster.start_worker(number)
        await asyncio.to_thread(cluster.wait_for_worker, number)
        events.append({"what": f"worker{number} healthy again", "after_s": round(time.monotonic() - started, 1)})

    async def faults(watch: LeaderWatch) -> None:
        begin, restarts = time.monotonic(), []
        for quarter, (number, signum) in enumerate(((1, signal.SIGKILL), (2, signal.SIGTERM)), start=1):
            await asyncio.sleep(max(0.0, begin + quarter * args.fault_seconds / 4 - time.monotonic()))
            restarts.append(asyncio.create_task(restart(number, signum, time.monotonic())))
        await asyncio.sleep(max(0.0, begin + 3 * args.fault_seconds / 4 - time.monotonic()))
        leader = leader_scheduler(cluster)
        if leader:
            moment = time.monotonic()
            cluster.processes[leader].signal_group(signal.SIGKILL)
            while watch.gaps_after(moment) is None and time.monotonic() < moment + 30:
                await asyncio.sleep(0.1)
            gap = watch.gaps_after(moment)
            events.append({"what": f"{leader} (the leader) SIGKILL",
                           "new_leader_after_s": round(gap, 2) if gap is not None else None})
        await asyncio.gather(*restarts)

    with LeaderWatch(engine) as watch:
        cpu = client_cpu_s()
        elapsed, _ = await asyncio.gather(drive(clients, args.fault_seconds, args.rate), faults(watch))
    await close_clients(clients)
    # Leave the cluster as `make cluster` made it: one scheduler.
    if not cluster.processes["scheduler1"].alive():
        cluster.start_scheduler(1)
    for number in (2, 3):
        cluster.processes[f"scheduler{number}"].stop()
        del cluster.processes[f"scheduler{number}"]
    cluster.save()
    result = summary(clients, elapsed) | {"client_cpu_s": round(client_cpu_s() - cpu, 1), "load": machine_load()}
    result |= {"faults": events, "exactly_once": exactly_once(engine, clients, before),
               "most_leaders_at_once": watch.most_at_once()}
    return result


def verdict(results: dict) -> dict:
    cluster, single = results.get("cluster", {}), results.get("single", {})
    out = {}
    if cluster:
        out["cluster_p95_ms_at_200"] = cluster["levels"].get(200, {}).get("p95_ms")
    if cluster and single:
        out["saturation_ratio"] = round(cluster["saturation"]["taps_per_s"] / single["saturation"]["taps_per_s"], 2)
    if single:
        out["single_p95_ms_at_200"] = single["levels"].get(200, {}).get("p95_ms")
    fault = results.get("fault")
    if fault:
        once = fault["exactly_once"]
        out["lost"], out["duplicated"] = once["lost"], once["duplicated"]
        out["reconnect_max_s"] = fault["reconnect_max_s"]
        out["signed_out_after_reconnect"] = fault["signed_out_after_reconnect"]
        out["state_lost_on_reconnect"] = fault["state_lost_on_reconnect"]
        out["dropped_in_flight"] = fault["errors"].get("dropped in flight", 0)
        out["most_leaders_at_once"] = fault["most_leaders_at_once"]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--rate", type=float, default=20.0, help="taps per second, all clients together")
    parser.add_argument("--levels", default="20,50,100,200")
    parser.add_argument("--level-seconds", type=float, default=30)
    parser.add_argument("--saturate-seconds", type=float, default=20)
    parser.add_argument("--fault-seconds", type=float, default=180)
    parser.add_argument("--cluster-root", type=Path, default=ROOT / ".cluster")
    parser.add_argument("--skip-single", action="store_true")
    parser.add_argument("--skip-levels", action="store_true", help="only the fault run on the cluster")
    parser.add_argument("--skip-fault", action="store_true", help="no fault run (with --levels '': saturation only)")
    parser.add_argument("--single-state-manager", default="memory", choices=["memory", "disk"])
    args = parser.parse_args()
    args.levels = [int(n) for n in args.levels.split(",") if n and int(n) <= args.clients]
    if not (args.cluster_root / "processes.json").exists():
        print("No cluster is running: start one with `make cluster`.", file=sys.stderr)
        return 1
    cluster = LocalCluster.load(args.cluster_root)
    if not healthy(f"{cluster.base_url}/api/health"):
        print(f"The cluster does not answer on {cluster.base_url}: `make cluster` again.", file=sys.stderr)
        return 1
    names = Names.of_the_app()
    results: dict = {"load_at_start": machine_load(), "args": {k: str(v) for k, v in vars(args).items()}}
    if not args.skip_single and not args.skip_levels:
        results["single"] = single_process(args, names)
    engine = build_engine(cluster.database_url)
    sessions = seed_managers(engine, args.clients)
    if not args.skip_levels:
        results["cluster"] = asyncio.run(measure_levels(cluster.base_url, sessions, names, args.levels, args.rate,
                                                        args.level_seconds, args.saturate_seconds, "cluster",
                                                        lambda: cluster_pids(cluster)))
    if not args.skip_fault:
        results["fault"] = asyncio.run(fault_run(cluster, engine, sessions, names, args))
        print(f"fault run: {json.dumps(results['fault'])}", flush=True)
    engine.dispose()
    results["verdict"], results["targets"] = verdict(results), TARGETS
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"cluster-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(results, indent=2, default=str))
    print(json.dumps({"verdict": results["verdict"], "targets": TARGETS, "saved": str(path)}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
