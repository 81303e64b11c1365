"""Start-up of the CLI: CPU time of `jixiao --help`, of `jixiao extract` and `jixiao explain` before
they read a byte, against the interpreter's own start (the floor), in one run.

Each command runs as its own process, 5 times (--repeat); the figure is the median CPU time
(user + system, of the child process, from getrusage): CPU rather than wall, which other load on
the machine disturbs less. `extract` runs on an empty folder and `explain` on a file that does not
exist: the whole command path (imports, settings, argument checks) without any document work. The
commands run with their bytecode written, as a user's second run does (one uncounted run of each first;
PYTHONDONTWRITEBYTECODE, when the environment sets it, is left out for them).
Usage:
  python benchmarks/startup.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.extract_speed import command_env  # noqa: E402

# The installed console script when there is one (what a user runs), else the same entry point.
_SCRIPT = Path(sys.executable).with_name("jixiao")
JIXIAO = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "flows.cli"]


def cpu_seconds(argv: list[str], cwd: Path) -> float:
    """Return the CPU time (user + system) one run of `argv` took."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=command_env())
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "empty").mkdir()
        cases = {
            "python -c pass (floor)": [sys.executable, "-c", "pass"],
            "jixiao --help": [*JIXIAO, "--help"],
            "jixiao extract (no file)": [*JIXIAO, "extract", "empty", "--out", "out"],
            "jixiao explain (no file)": [*JIXIAO, "explain", "missing.docx"],
        }
        os.environ.setdefault("PYTHONPATH", str(ROOT))
        runs: dict[str, list[float]] = {name: [] for name in cases}
        for argv in cases.values():  # not counted: writes the bytecode a user's first run writes
            cpu_seconds(argv, work)
        for _ in range(args.repeat):  # interleaved, so a burst of load hits every case alike
            for name, argv in cases.items():
                runs[name].append(cpu_seconds(argv, work))
    floor = statistics.median(runs["python -c pass (floor)"])
    print(f"{'command':<26} {'median CPU s':>12} {'min':>6} {'max':>6}  over the floor (median of {args.repeat})")
    for name, seconds in runs.items():
        median = statistics.median(seconds)
        print(f"{name:<26} {median:>12.3f} {min(seconds):>6.3f} {max(seconds):>6.3f}  {median - floor:+.3f} s")


if __name__ == "__main__":
    main()
