"""What Prefect orchestration costs: the nightly flow against the same pipeline called directly.

Generates a county inbox (500 files by default), starts a real `prefect server start` on a free
loopback port (the deployment setting), then times, alternately and each into a fresh warehouse:
  direct  flows.steps.run_direct (discover, hash, extract in batches, frames, rules, load)
  flow    flows.nightly.nightly_ingest (the same steps as tasks, extraction on the thread runner)
and prints both medians and their ratio (goal: flow / direct <= 1.25).

    .venv/bin/python benchmarks/flow_overhead.py [--files 500] [--rounds 2]
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.flow_fixtures import CI_ENV, prefect_server  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=500, help="units (one file each) to generate")
    parser.add_argument("--rounds", type=int, default=2, help="timed runs of each (median shown)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as tmp:
        root = Path(tmp)
        inbox = root / "inbox"
        from tests.docgen.county import write_county

        started = time.perf_counter()
        write_county(inbox, units=args.files, hostile=False, resubmissions=0, duplicates=0)
        files = sum(1 for p in inbox.rglob("*") if p.is_file())
        print(f"generated {files} files in {time.perf_counter() - started:.1f} s", flush=True)

        print("starting prefect server ...", flush=True)
        with prefect_server(root / "server-home") as api:
            os.environ.update({**CI_ENV, "PREFECT_API_URL": api, "PREFECT_HOME": str(root / "client-home")})
            # Quiet the per-task log lines: both sides print nothing while timed.
            os.environ["PREFECT_LOGGING_LEVEL"] = "WARNING"
            from flows import steps
            from flows.nightly import configured_flow
            from flows.settings import load_settings

            settings = load_settings(env={}, inbox=inbox)
            flow = configured_flow(settings)
            logging.getLogger("prefect").setLevel(logging.WARNING)

            def direct(warehouse: Path) -> steps.RunSummary:
                return steps.run_direct(inbox, warehouse, settings, progress=lambda _: None)

            def orchestrated(warehouse: Path) -> steps.RunSummary:
                return flow(inbox, warehouse, settings)

            # Warm-up (imports, first API client): one small untimed run of each.
            small = root / "small"
            small.mkdir()
            for path in sorted(inbox.iterdir())[:3]:
                (small / path.name).write_bytes(path.read_bytes())
            steps.run_direct(small, root / "warm-d.duckdb", settings, progress=lambda _: None)
            flow(small, root / "warm-f.duckdb", settings)

            times: dict[str, list[float]] = {"direct": [], "flow": []}
            bodies: list[float] = []  # time inside the flow function, from its own clock
            for n in range(args.rounds):
                for name, run in (("direct", direct), ("flow", orchestrated)):
                    warehouse = root / f"{name}-{n}.duckdb"
                    t0 = time.perf_counter()
                    summary = run(warehouse)
                    times[name].append(time.perf_counter() - t0)
                    if name == "flow":
                        bodies.append(summary.seconds)
                    print(f"  round {n + 1} {name:6s} {times[name][-1]:6.2f} s  "
                          f"loaded {summary.loaded} rejected {summary.rejected} "
                          f"projects {summary.projects}", flush=True)

    d, f = statistics.median(times["direct"]), statistics.median(times["flow"])
    print(f"\n{files} files, runner threads x{settings.concurrency}, batch {settings.batch_size}, "
          f"Prefect server on loopback")
    print(f"direct (no Prefect): {d:6.2f} s  ({1000 * d / files:.1f} ms/file)")
    print(f"nightly flow:        {f:6.2f} s  ({1000 * f / files:.1f} ms/file; "
          f"{statistics.median(bodies):.2f} s inside the flow body, the rest is run set-up and tear-down)")
    print(f"ratio flow/direct:   {f / d:6.2f}  (goal <= 1.25; medians of {args.rounds} alternating rounds)")
    print(f"best of each:        direct {min(times['direct']):.2f} s, flow {min(times['flow']):.2f} s, "
          f"ratio {min(times['flow']) / min(times['direct']):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
