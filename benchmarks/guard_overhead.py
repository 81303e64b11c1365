"""What the per-file limits cost: extract_batch in this process vs. through extract.guard's workers.

    .venv/bin/python benchmarks/guard_overhead.py [--units 60] [--repeat 3]

Writes a generated county inbox (tests/docgen), then times, best of `repeat`:
  in-process   extract.batch.extract_batch(paths)
  guard x1     the same files through a GuardPool of 1 worker (same parallelism as in-process)
  guard x2     through 2 workers (what the pipeline uses with concurrency = 2)
The pool's start (fresh interpreters importing extract/) is timed separately: once per run.
"""

from __future__ import annotations

import argparse
import functools
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from extract.batch import extract_batch
from extract.guard import FileLimits, GuardPool
from tests.docgen.county import write_county


def _through(pool: GuardPool, paths: list[Path], workers: int) -> None:
    """Read every path through the pool from `workers` threads (as the pipeline's batches do)."""
    with ThreadPoolExecutor(workers) as ex:
        list(ex.map(pool.extract_one, paths))


def _best(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    """Print the timings of the three ways of extracting the same inbox."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        write_county(Path(tmp), units=args.units, seed=1, hostile=False, resubmissions=0, duplicates=0)
        paths = sorted(Path(tmp).iterdir())
        plain = _best(lambda: extract_batch(paths), args.repeat)
        print(f"{len(paths)} files, best of {args.repeat}")
        print(f"in-process  {plain:6.2f} s  ({plain / len(paths) * 1000:.0f} ms/file)")
        for workers in (1, 2):
            started = time.perf_counter()
            pool = GuardPool(FileLimits(seconds=120, memory_mb=2048, workers=workers))
            held = [pool._take() for _ in range(workers)]  # start every worker up front
            for worker in held:
                pool._give_back(worker)
            start = time.perf_counter() - started
            took = _best(functools.partial(_through, pool, paths, workers), args.repeat)
            pool.close()
            print(f"guard x{workers}    {took:6.2f} s  ({took / plain - 1:+.0%} vs in-process; "
                  f"pool start {start:.2f} s once per run)")


if __name__ == "__main__":
    main()
