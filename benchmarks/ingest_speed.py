"""A county's ingest against the floor: `jixiao ingest` of a generated 300-unit county through the
nightly flow, against a running Prefect server, in CPU time of every process it takes.

In one run, --repeat rounds (5), each round in this order:
  lxml walk   unzip, parse and read every table cell of the same files, in this process (the
              floor: reading the XML at all);
  cold        `jixiao ingest INBOX --warehouse NEW`: a new warehouse, every file read and loaded;
  re-run      the same command again: nothing new in the inbox.
A command's CPU is its own and its workers' (getrusage of reaped children) plus the Prefect
server's over the same interval (utime + stime of the server's process tree, from /proc).
Printed: the median of each and its ratio to the floor's median. CPU rather than wall time: the
other engineers' load on a shared machine disturbs it less (it still inflates every figure alike).

Then where the time goes, once: the same steps called in this process without Prefect (extract,
build frames, review rules, load and publish), each step's CPU (extraction: the guard's worker
processes), against a cold ingest's whole CPU; the rest is start-up and Prefect (client and server).
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


def command_cpu(argv: list[str], env: dict[str, str], server: int) -> tuple[float, float]:
    """Return (CPU of the command and its workers, CPU of the server meanwhile)."""
    before, server_before = children_cpu(), tree_cpu(server)
    result = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{result.stderr.decode()[-2000:]}")
    time.sleep(1.0)  # the server finishes what the run sent it (events, logs)
    return children_cpu() - before, tree_cpu(server) - server_before


def in_process_cpu(fn: Callable[[], object]) -> float:
    """Return the CPU seconds of fn() in this process and in the children it reaped."""
    before = time.process_time() + children_cpu()
    fn()
    return time.process_time() + children_cpu() - before


def where_the_time_goes(inbox: Path, warehouse: Path) -> dict[str, float]:
    """Return the CPU of each step of a cold ingest, called directly (no Prefect)."""
    from extract.guard import GuardPool
    from flows import steps
    from flows.settings import Settings
    from transform.frames import build_frames
    from warehouse.ledger import known_hashes, known_pairs
    from warehouse.load import load

    settings = Settings(inbox=inbox, warehouse=warehouse)
    load_id = steps.new_load_id()
    got: dict[str, object] = {}

    def extract() -> None:
        plan = steps.plan(steps.discover(inbox), known_hashes(warehouse), settings.max_file_bytes,
                          known_pairs=known_pairs(warehouse))
        pool = GuardPool(steps.file_limits(settings))
        try:
            got["outcomes"] = steps.extract_all(plan, settings.batch_size, pool.extract_batch,
                                                lambda _: None, settings.concurrency)
        finally:
            pool.close()  # its workers are reaped: their CPU is counted

    cpu = {"extract (plan, guard workers)": in_process_cpu(extract)}
    cpu["transform (frames)"] = in_process_cpu(
        lambda: got.__setitem__("frames", build_frames(got["outcomes"], load_id)))
    cpu["rules (per submission)"] = in_process_cpu(
        lambda: got.__setitem__("findings", steps.review(got["frames"], warehouse)))
    cpu["load and publish (cross-unit rules included)"] = in_process_cpu(
        lambda: load(warehouse, got["frames"], got["findings"], inbox=inbox))
    return cpu


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
            for n in range(args.repeat):
                runs["lxml walk (floor)"].append(in_process_cpu(lambda: [lxml_walk(d, name) for d, name in files]))
                argv = [jixiao, "ingest", str(inbox), "--warehouse", str(work / f"wh{n}" / "jixiao.duckdb")]
                for kind in ("cold", "re-run"):
                    own, served = command_cpu(argv, client, server.pid)
                    runs[kind].append(own + served)
                    servers[kind].append(served)
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
        cold = statistics.median(runs["cold"])
        print(f"Where a cold ingest's {cold:.2f} s go (steps called without Prefect, once):")
        for step, seconds in steps_cpu.items():
            print(f"  {step:<46} {seconds:6.2f} s  {100 * seconds / cold:4.0f}%")
        rest = cold - sum(steps_cpu.values())
        print(f"  {'start-up and Prefect (client and server)':<46} {rest:6.2f} s  {100 * rest / cold:4.0f}%")


if __name__ == "__main__":
    main()
