"""A county's ingest against the floor: `jixiao ingest` of a generated 300-unit county through the
nightly flow, against a running Prefect server, in CPU time of every process it takes.

In one run, --repeat rounds (5), each round in this order:
  lxml walk   unzip, parse and read every table cell of the same files, in this process (the
              floor: reading the XML at all);
  cold        `jixiao ingest INBOX --warehouse NEW`: a new warehouse, every file read and loaded;
  re-run      the same command again: nothing new in the inbox.
A command's CPU is its own and its workers' (getrusage of reaped children) plus the Prefect
server's over the same interval (utime + stime of the server's process tree, from /proc). The
command's own CPU (the `jixiao` process: client) is told from its extraction workers' by
reading its /proc stat while it runs. Printed: the median of each and its ratio to the floor's
median. CPU rather than wall time: the other engineers' load on a shared machine disturbs it
less (it still inflates every figure alike).

Then where a cold ingest's time goes, once: the same steps called in this process without
Prefect (plan, extract, build frames, review rules, load and publish split into its parts, the
run summary), each step's CPU (extraction: this process's part and the guard's worker
processes'), the start-up of the command (a Python process importing what `jixiao ingest`
imports before its flow runs, median of --repeat; `import prefect` alone beside it) and the
server's median from the rounds above; what is left of the client's median is the Prefect
client's own work (flow and task runs, their states, events, logs, artifacts).
Usage:
  python benchmarks/ingest_speed.py [--units 300] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.extract_speed import lxml_walk  # noqa: E402
from tests.docgen.county import write_county  # noqa: E402
from tests.flow_fixtures import CI_ENV, free_port, prefect_bin, wait_http  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def tree_cpu(root: int) -> float:
    """Return the CPU seconds of process `root` and its live descendants (and what they reaped)."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        parents[pid] = int(fields[1])
        times[pid] = sum(int(f) for f in fields[11:15]) / TICK  # utime stime cutime cstime
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        total += times.get(pid, 0.0)
        todo += [child for child, parent in parents.items() if parent == pid]
    return total


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def own_cpu(pid: int) -> float | None:
    """Return the CPU seconds process `pid` used itself (utime + stime), None once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICK


def command_cpu(argv: list[str], env: dict[str, str], server: int) -> tuple[float, float, float]:
    """Return (CPU of the command and its workers, of the command's own process, of the server meanwhile)."""
    before, server_before = children_cpu(), tree_cpu(server)
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=err)
        own = 0.0
        while proc.poll() is None:  # the last reading before it exits: its own CPU, workers apart
            own = own_cpu(proc.pid) or own
            time.sleep(0.02)
        if proc.returncode != 0:
            err.seek(0)
            raise SystemExit(f"{' '.join(argv)} failed:\n{err.read().decode()[-2000:]}")
    time.sleep(1.0)  # the server finishes what the run sent it (events, logs)
    return children_cpu() - before, own, tree_cpu(server) - server_before


def in_process_cpu(fn: Callable[[], object]) -> float:
    """Return the CPU seconds of fn() in this process and in the children it reaped."""
    before = time.process_time() + children_cpu()
    fn()
    return time.process_time() + children_cpu() - before


def where_the_time_goes(inbox: Path, warehouse: Path) -> dict[str, tuple[float, float]]:
    """Return each step of a cold ingest called directly (no Prefect): (its CPU in this process,
    its worker processes' CPU)."""
    import warehouse.load as load_module
    from extract.guard import GuardPool
    from flows import steps
    from flows.settings import Settings
    from transform.frames import build_frames
    from warehouse.ledger import known_hashes, known_pairs

    settings = Settings(inbox=inbox, warehouse=warehouse)
    load_id = steps.new_load_id()
    got: dict[str, Any] = {}
    cpu: dict[str, tuple[float, float]] = {}

    def step(name: str, fn: Callable[[], object]) -> None:
        own, workers = time.process_time(), children_cpu()
        fn()
        cpu[name] = (time.process_time() - own, children_cpu() - workers)

    def plan() -> None:
        got["plan"] = steps.plan(steps.discover(inbox), known_hashes(warehouse), settings.max_file_bytes,
                                 known_pairs=known_pairs(warehouse))

    def extract() -> None:
        pool = GuardPool(steps.file_limits(settings))
        try:
            got["outcomes"] = steps.extract_all(got["plan"], settings.batch_size, pool.extract_batch,
                                                lambda _: None, settings.concurrency)
        finally:
            pool.close()  # its workers are reaped: their CPU is counted

    # The load's parts: its schema, its rows (with the cross-unit rules and self-evaluation links
    # run inside it), and the rest (copy, commit, checkpoint, fsync, rename).
    parts: dict[str, float] = {"schema": 0.0, "rows": 0.0}

    def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                parts[name] += time.process_time() - started
        return run

    step("plan: hash every file, read the ledger", plan)
    step("extract: read every file", extract)
    step("transform: staging frames", lambda: got.__setitem__("frames", build_frames(got["outcomes"], load_id)))
    step("rules: per-submission review rules",
         lambda: got.__setitem__("findings", steps.review(got["frames"], warehouse)))
    apply_schema, load_batch = load_module.apply_schema, load_module._load_batch
    load_module.apply_schema = timed("schema", apply_schema)  # type: ignore[assignment]
    load_module._load_batch = timed("rows", load_batch)  # type: ignore[assignment]
    try:
        step("load", lambda: load_module.load(warehouse, got["frames"], got["findings"], inbox=inbox))
    finally:
        load_module.apply_schema, load_module._load_batch = apply_schema, load_batch  # type: ignore[assignment]
    own, workers = cpu.pop("load")
    cpu["load: schema (tables, views, comments)"] = (parts["schema"], 0.0)
    cpu["load: rows, cross-unit rules, self-evaluation links"] = (parts["rows"], 0.0)
    cpu["load: copy, commit, checkpoint, fsync, rename"] = (own - parts["schema"] - parts["rows"], workers)
    step("summary: counts read from the published warehouse", lambda: steps.summarize(
        load_id, inbox, warehouse, got["plan"], got["outcomes"], got["frames"], got["findings"], None))
    return cpu


def start_up_cpu(code: str, repeat: int) -> float:
    """Return the median CPU of a Python process running `code` (the command's imports)."""
    python = str(Path(sys.executable))
    seconds = []
    for _ in range(repeat):
        before = children_cpu()
        subprocess.run([python, "-c", code], check=True, cwd=ROOT)
        seconds.append(children_cpu() - before)
    return statistics.median(seconds)


# What `jixiao ingest` imports before its flow runs (flows/commands/ingest.py, flows/nightly.py).
COMMAND_IMPORTS = "import flows.cli, flows.commands.ingest, flows.nightly, prefect.settings"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    jixiao = str(Path(sys.executable).with_name("jixiao"))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        inbox = work / "inbox"
        manifest = write_county(inbox, units=args.units, hostile=False)
        files = [(p.read_bytes(), p.name) for p in sorted(inbox.rglob("*")) if p.is_file()]
        counts = manifest.counts()
        print(f"{len(files)} files, {counts['projects']} current projects, {counts['indicators']} indicators")
        port = free_port()
        server_home = work / "server"
        server_home.mkdir()
        env = {**os.environ, **CI_ENV, "PREFECT_HOME": str(server_home)}
        env.pop("PREFECT_API_URL", None)
        with (server_home / "server.log").open("wb") as log:
            server = subprocess.Popen(
                [prefect_bin(), "server", "start", "--host", "127.0.0.1", "--port", str(port),
                 "--no-ui", "--analytics-off"],
                env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        try:
            api = f"http://127.0.0.1:{port}/api"
            wait_http(f"{api}/health", 180, server)
            client = {**os.environ, "PREFECT_API_URL": api, "PREFECT_HOME": str(work / "client")}
            runs: dict[str, list[float]] = {"lxml walk (floor)": [], "cold": [], "re-run": []}
            servers: dict[str, list[float]] = {"cold": [], "re-run": []}
            clients: list[float] = []
            for n in range(args.repeat):
                runs["lxml walk (floor)"].append(in_process_cpu(lambda: [lxml_walk(d, name) for d, name in files]))
                argv = [jixiao, "ingest", str(inbox), "--warehouse", str(work / f"wh{n}" / "jixiao.duckdb")]
                for kind in ("cold", "re-run"):
                    command, own, served = command_cpu(argv, client, server.pid)
                    runs[kind].append(command + served)
                    servers[kind].append(served)
                    if kind == "cold":
                        clients.append(own)
        finally:
            os.killpg(server.pid, 15)
            server.wait(timeout=30)
        floor = statistics.median(runs["lxml walk (floor)"])
        print(f"CPU seconds, median of {args.repeat} (min-max); ratio = CPU / the floor's")
        for kind, seconds in runs.items():
            median = statistics.median(seconds)
            server_part = f"  (server {statistics.median(servers[kind]):.2f} s)" if kind in servers else ""
            print(f"  {kind:<18} {median:6.2f} s ({min(seconds):.2f}-{max(seconds):.2f})  "
                  f"{median / floor:5.2f}x the floor{server_part}")
        steps_cpu = where_the_time_goes(inbox, work / "direct" / "jixiao.duckdb")
        start_up = start_up_cpu(COMMAND_IMPORTS, args.repeat)
        prefect_alone = start_up_cpu("import prefect", args.repeat)
        cold, client_cpu = statistics.median(runs["cold"]), statistics.median(clients)
        server_cpu = statistics.median(servers["cold"])
        print(f"Where a cold ingest's {cold:.2f} s go (the jixiao process {client_cpu:.2f} s, its extraction "
              f"workers {cold - client_cpu - server_cpu:.2f} s, the server {server_cpu:.2f} s; medians):")
        rows = [(f"{name} ({own:.2f} s here, {workers:.2f} s in workers)" if workers else name, own + workers)
                for name, (own, workers) in steps_cpu.items()]
        rows.append((f"start-up: Python and the command's imports (import prefect alone {prefect_alone:.2f} s)",
                     start_up))
        engine = client_cpu - start_up - sum(own for own, _ in steps_cpu.values())
        rows.append(("Prefect client: flow and task runs, states, events, logs, artifacts", engine))
        rows.append(("Prefect server", server_cpu))
        for name, seconds in rows:
            print(f"  {name:<78} {seconds:6.2f} s  {100 * seconds / cold:4.0f}%")
        rest = cold - sum(seconds for _, seconds in rows)
        print(f"  {'unaccounted (the steps called directly differ from the run by this much)':<78} "
              f"{rest:6.2f} s  {100 * rest / cold:4.0f}%")

if __name__ == "__main__":
    main()
