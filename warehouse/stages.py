"""Test hook for the crash tests: announce the ingestion's stage boundaries, optionally pause at one.

Off unless JIXIAO_TEST_STAGES is set (nothing is read or written otherwise). Its value is

    <log file>[;pause=<stage>:<seconds>]

Each boundary appends one line '<stage> <time.monotonic()>' to the log file; with `pause`,
the run sleeps that long right after announcing <stage>, so a test can SIGKILL it exactly
there (the publish steps take microseconds and a random kill would almost never hit them).
Stages in order: lock, plan, extract, frames, load, load:copied, load:committed,
publish:fsync, publish:rename, publish:renamed, done. tests/test_crash.py uses this.
An upgrade (warehouse/upgrade.py) announces upgrade:<version> after each migration and
upgrade:committed, then the same publish stages; tests/test_upgrade.py kills it there.
"""

from __future__ import annotations

import os
import time

ENV = "JIXIAO_TEST_STAGES"
STAGES = (
    "lock",
    "plan",
    "extract",
    "frames",
    "load",
    "load:copied",
    "load:committed",
    "publish:fsync",
    "publish:rename",
    "publish:renamed",
    "done",
)


def stage(name: str) -> None:
    """Announce that the ingestion reached stage `name` (no-op unless the test hook is on)."""
    spec = os.environ.get(ENV)
    if not spec:
        return
    log, _, option = spec.partition(";pause=")
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        # One write(2) per line with O_APPEND: a reader never sees half a line.
        os.write(fd, f"{name} {time.monotonic():.6f}\n".encode())
    finally:
        os.close(fd)
    pause_stage, _, seconds = option.rpartition(":")
    if option and pause_stage == name:
        time.sleep(float(seconds))
