"""Scale-out: a simulated province staged into the lake on a Dask LocalCluster with 1 and 2 workers.

Generates (once, cached under --cache) a province of --counties counties × --units units, one
folder per county with its own division code and seed (re-submissions, copies and junk files
included, as write_county makes them). Starts a real `prefect server start` on a free loopback
port, then for each measurement starts a fresh LocalCluster (processes, 1 thread each), warms
its workers (imports), and runs the province_ingest flow's staging stage into a fresh lake:

  speed-up   all counties with 1 worker, then with 2: files/s and the ratio
  memory     2 workers over the first 5, 10, ... counties: peak RSS of each worker process
             (getrusage high-water mark, reported by the tasks themselves) and of the extraction
             process each worker reads files in (VmHWM), to show both stay flat
  build      the warehouse built from each lake alone, in a fresh process: time and peak RSS,
             as one load and in loads of about --chunk-files files of whole counties

The 1- and 2-worker runs alternate for --rounds rounds (the machine is shared: medians).

    .venv/bin/python benchmarks/scale.py [--counties 20] [--units 100] [--batch-size 25] [--rounds 2]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.flow_fixtures import CI_ENV, prefect_server  # noqa: E402

MiB = 2**20


def divisions(n: int) -> list[str]:
    """Return n distinct 6-digit county codes (a made-up prefecture 1310xx, then 1311xx ...)."""
    return [f"13{10 + k // 100:02d}{k % 100:02d}" for k in range(1, n + 1)]


def generate(cache: Path, counties: int, units: int) -> Path:
    """Return the province inbox under `cache`, writing it only when it is not there yet."""
    inbox = cache / f"province-{counties}x{units}"
    done = inbox / ".complete"
    if done.exists():
        return inbox
    from tests.docgen.county import write_county

    shutil.rmtree(inbox, ignore_errors=True)
    started = time.perf_counter()
    for seed, division in enumerate(divisions(counties), 1):
        write_county(inbox / division, units=units, division=division, seed=seed)
    done.write_text(f"{time.perf_counter() - started:.1f} s\n")
    return inbox


def subset(inbox: Path, root: Path, counties: int) -> Path:
    """Return an inbox of the first `counties` county folders (hard links: same bytes, no copy)."""
    out = root / f"first-{counties}"
    if out.exists():
        return out
    for folder in sorted(p for p in inbox.iterdir() if p.is_dir())[:counties]:
        (out / folder.name).mkdir(parents=True)
        for f in folder.iterdir():
            os.link(f, out / folder.name / f.name)
    return out


def stage(inbox: Path, lake: Path, workers: int, batch_size: int) -> dict[str, Any]:
    """Return the numbers of one staging run on a fresh LocalCluster of `workers` processes."""
    from distributed import Client, LocalCluster
    from prefect_dask import DaskTaskRunner

    from flows.province import province_ingest

    shutil.rmtree(lake, ignore_errors=True)
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as cluster, Client(cluster) as client:
        # Import the pipeline on every worker first: the measurement is the work, not the imports.
        client.run(lambda: __import__("flows.province"))
        idle = client.run(lambda: __import__("flows.province").province.peak_rss())
        runner = DaskTaskRunner(address=cluster.scheduler_address)
        summary = province_ingest.with_options(task_runner=runner)(
            inbox=inbox.resolve(), lake=str(lake), warehouse=lake.parent / "unused.duckdb",
            batch_size=batch_size, build=False,
        )
    return {
        "workers": workers,
        "counties": len([p for p in inbox.iterdir() if p.is_dir()]),
        "files": summary.files,
        "seconds": round(summary.stage_seconds, 2),
        "files_per_s": round(summary.files_per_second, 1),
        "idle_rss_mib": sorted(round(v / MiB) for v in idle.values()),
        "peak_rss_mib": sorted(round(v / MiB) for v in summary.worker_peak_rss.values()),
        # Each worker reads files in its own extraction process (per-file limits, extract/guard.py).
        "extractor_rss_mib": sorted(round(v / MiB) for v in summary.extractor_peak_rss.values()),
        "lake_mib": round(sum(f.stat().st_size for f in lake.rglob("*.parquet")) / MiB, 1),
    }


BUILD = """
import json, resource, sys, time
from pathlib import Path
from flows.province import build_from_lake
t = time.perf_counter()
chunk = int(sys.argv[3]) or None
rows, frames, report = build_from_lake(sys.argv[1], Path(sys.argv[2]), chunk_files=chunk)
print(json.dumps({"lake_rows": rows, "seconds": round(time.perf_counter() - t, 1),
                  "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                  "loaded": report.loaded, "projects": report.projects,
                  "indicators": report.indicators,
                  "warehouse_mib": round(Path(sys.argv[2]).stat().st_size / 2**20, 1)}))
"""


def build(lake: Path, warehouse: Path, chunk_files: int | None) -> dict[str, Any]:
    """Return time and peak memory of building a fresh warehouse from the lake (own process)."""
    repo = Path(__file__).resolve().parent.parent
    warehouse.unlink(missing_ok=True)
    out = subprocess.run([sys.executable, "-c", BUILD, str(lake), str(warehouse), str(chunk_files or 0)],
                         cwd=repo, capture_output=True, text=True, check=True)
    return {"chunk_files": chunk_files, **json.loads(out.stdout.strip().splitlines()[-1])}


def median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the run of median time (the faster middle one for an even count)."""
    return sorted(runs, key=lambda r: r["seconds"])[(len(runs) - 1) // 2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counties", type=int, default=20)
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--batch-size", type=int, default=25)
    parser.add_argument("--steps", default="5,10", help="county counts for the memory curve (plus all)")
    parser.add_argument("--rounds", type=int, default=2, help="alternating 1-/2-worker rounds (median)")
    parser.add_argument("--chunk-files", type=int, default=500, help="files per load for the chunked build")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "jixiao-scale")
    args = parser.parse_args()

    started = time.perf_counter()
    inbox = generate(args.cache, args.counties, args.units)
    print(f"province: {args.counties} counties x {args.units} units -> "
          f"{sum(1 for _ in inbox.rglob('*.doc*'))} files ({time.perf_counter() - started:.1f} s)",
          flush=True)
    with tempfile.TemporaryDirectory(prefix="jixiao-scale-") as tmp:
        root = Path(tmp)
        with prefect_server(root / "server-home") as api:
            os.environ.update({**CI_ENV, "PREFECT_API_URL": api, "PREFECT_HOME": str(root / "home")})
            import logging

            logging.getLogger("distributed").setLevel(logging.ERROR)
            runs: dict[int, list[dict[str, Any]]] = {1: [], 2: []}
            for _ in range(args.rounds):
                for workers in (1, 2):
                    r = stage(inbox, root / "lake", workers, args.batch_size)
                    runs[workers].append(r)
                    print("stage", json.dumps(r), flush=True)
            one, two = (median_run(runs[w]) for w in (1, 2))
            which = f"median of {args.rounds}" if args.rounds % 2 else f"lower median of {args.rounds}"
            print(f"speed-up 2 workers / 1 worker ({which} by time): "
                  f"{one['seconds'] / two['seconds']:.2f}x "
                  f"({one['files_per_s']} -> {two['files_per_s']} files/s)", flush=True)
            lakes = {}
            curve = []
            for n in [int(s) for s in args.steps.split(",") if s and int(s) < args.counties]:
                lakes[n] = root / f"lake-{n}"
                r = stage(subset(inbox, root, n), lakes[n], 2, args.batch_size)
                curve.append(r)
                print("memory", json.dumps(r), flush=True)
            lakes[args.counties] = root / "lake"  # the last full run's lake
            curve.append(runs[2][-1])
            print("peak RSS per worker (MiB) as counties are added, 2 workers:", flush=True)
            for r in curve:
                print(f"  {r['counties']:>3} counties {r['files']:>5} files: worker {r['peak_rss_mib']}, "
                      f"its extraction process {r['extractor_rss_mib']}", flush=True)
            print("warehouse built from the lake alone (fresh process each):", flush=True)
            for n, lake in lakes.items():
                for chunk in (None, args.chunk_files):
                    b = build(lake, root / "built.duckdb", chunk)
                    print(f"  {n:>3} counties", "build", json.dumps(b), flush=True)
            from prefect.events.worker import EventsWorker
            from prefect.logging.handlers import APILogWorker

            APILogWorker.drain_all()
            EventsWorker.drain_all()
    print(f"total {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
