"""Ctrl-C (SIGINT) and SIGTERM end any `jixiao` command within seconds, with one line.

Prefect alone does not: on a temporary local API, a terminal's Ctrl-C also reaches the API's
process and kills it, and the client then retries sending its events for about 2.5 minutes
(stack notes, measured). So the first signal prints "jixiao: interrupted" and then:

- with a Prefect server, or no Prefect at all, raises KeyboardInterrupt in the main thread:
  the flow engine marks the run crashed, the load's `building` context removes its copy and
  the writer lock is released on the way out; the command exits 130 (143 for SIGTERM);
- on a temporary local API (the command calls `exit_hard_on_interrupt`), or when the graceful
  way has not finished within GRACE_SECONDS, or on a second signal, exits at once: it removes
  the build copy of any warehouse whose writer lock this process holds, terminates this
  process's children (the temporary API, extraction workers, Dask processes), and ends with
  os._exit. The kernel drops the flock with the process; the published warehouse is the old
  one or the new one, because a load publishes by one atomic rename (warehouse/publish.py).
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

# Imported now, not inside the handler: nothing to load while a signal is being handled.
from flows import progress
from warehouse.lock import held_warehouses
from warehouse.publish import stale_builds

MESSAGE = b"jixiao: interrupted\n"
# Long enough for Prefect to report a crashed run to a live server (~2 s), well inside 10 s.
GRACE_SECONDS = 6.0
STATUS = {signal.SIGINT: 130, signal.SIGTERM: 143}


class Interrupted(KeyboardInterrupt):
    """Raised in the main thread on SIGINT or SIGTERM; `status` is the exit status to use."""

    def __init__(self, status: int) -> None:
        super().__init__()
        self.status = status


_hard = False
_active = False
_fired: int | None = None


@contextmanager
def handled() -> Iterator[None]:
    """Handle SIGINT and SIGTERM while a command runs, then restore what was there before."""
    global _hard, _fired, _active
    if threading.current_thread() is not threading.main_thread():
        yield  # signals are delivered to the main thread only; leave them to it
        return
    before = {signum: signal.signal(signum, _on_signal) for signum in STATUS}
    _active = True
    try:
        yield
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)
        if _fired is not None:
            logging.disable(logging.NOTSET)
        _hard, _fired, _active = False, None, False


def reclaim() -> None:
    """Take SIGTERM back from Prefect's flow engine, which installs its own for each run.

    A no-op outside a `jixiao` command (a served or tested flow keeps Prefect's handling).
    """
    if _active and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _on_signal)


def exit_hard_on_interrupt() -> None:
    """Make an interrupt exit at once (a temporary Prefect API cannot be waited for)."""
    global _hard
    _hard = True


def interrupted_status() -> int | None:
    """Return the exit status of the interrupt that ended this command, None when none did."""
    return _fired


def _on_signal(signum: int, frame: FrameType | None) -> None:
    global _fired
    status = STATUS[signal.Signals(signum)]
    if _fired is not None:  # a second Ctrl-C: the user does not want to wait
        hard_exit(_fired)
    _fired = status
    progress.stop_all()  # a progress bar on the terminal would run into the message
    os.write(2, MESSAGE)
    # What Prefect would log about the crash is pages of tracebacks; the line above says it.
    logging.disable(logging.CRITICAL)
    if _hard:
        hard_exit(status)
    threading.Thread(target=_watchdog, args=(status,), name="jixiao-interrupt", daemon=True).start()
    raise Interrupted(status)


def _watchdog(status: int) -> None:
    time.sleep(GRACE_SECONDS)
    hard_exit(status)


def hard_exit(status: int) -> None:
    """Remove this process's build copies, stop its children and exit now with `status`."""
    try:
        # Only the lock holder builds: these copies are this run's, never another writer's.
        for warehouse in held_warehouses():
            for build in stale_builds(warehouse):
                build.unlink(missing_ok=True)
        for pid in descendants(os.getpid()):
            try:
                os.kill(pid, signal.SIGTERM)
            except OSError:
                pass
    finally:
        os._exit(status)


def descendants(root: int) -> list[int]:
    """Return the pids of every process below `root` (children first), read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # Fields after the command name, which is in parentheses and may hold spaces.
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found: list[int] = []
    todo = [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found
