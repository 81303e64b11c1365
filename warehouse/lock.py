"""One writer at a time: an advisory lock (flock) on a file next to the published warehouse.

Every ingestion (the Prefect flow and flows.steps.run_direct) holds the lock from planning to
publishing. Two loads building copies at once would each publish a warehouse missing the
other's files; the lock makes the second one wait, then give up with a message naming the
holder. Readers never take it: they open the published file read-only, which the copy-and-
rename publish never blocks.

The kernel drops an flock when its process dies, however it dies (SIGKILL, power cut), so a
crashed run never leaves the warehouse locked; the lock file itself stays (deleting it would
let two processes lock two different files) and only records who held it last.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

# How often a waiting ingestion retries: short next to a load, cheap for the kernel.
POLL_SECONDS = 0.2

# Warehouses whose writer lock this process holds now: an interrupted command removes their
# build copies before it exits (flows/interrupts.py), and no other writer's.
_HELD: set[Path] = set()


def held_warehouses() -> list[Path]:
    """Return the warehouses whose writer lock this process holds right now."""
    return sorted(_HELD)


class WarehouseBusy(RuntimeError):
    """Another ingestion held the warehouse's writer lock for longer than we were willing to wait."""

    def __init__(self, message: str, holder: dict[str, Any]) -> None:
        super().__init__(message)
        self.holder = holder


def lock_path(warehouse_path: Path) -> Path:
    """Return the lock file of a warehouse: `<name>.lock` in the same folder."""
    warehouse_path = Path(warehouse_path)
    return warehouse_path.with_name(warehouse_path.name + ".lock")


def read_holder(warehouse_path: Path) -> dict[str, Any]:
    """Return what the last (or current) holder wrote into the lock file; {} when unknown."""
    try:
        text = lock_path(warehouse_path).read_text(encoding="utf-8")
        data = json.loads(text) if text.strip() else {}
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def is_locked(warehouse_path: Path) -> bool:
    """Return whether an ingestion holds the writer lock right now (never waits, never blocks one)."""
    path = lock_path(warehouse_path)
    if not path.exists():
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        # A shared probe conflicts with the writer's exclusive lock only; released at once.
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing drops the probe's lock
    return False


def describe_holder(holder: dict[str, Any]) -> str:
    """Return the holder as 'pid N on HOST since TIME (COMMAND)' for messages."""
    if not holder:
        return "pid unknown"
    text = f"pid {holder.get('pid', '?')} on {holder.get('host', '?')} since {holder.get('started_at', '?')}"
    if holder.get("command"):
        text += f" ({holder['command']})"
    return text


def busy_message(warehouse_path: Path, holder: dict[str, Any], waited: float) -> str:
    """Return the message for a run that gave up waiting for the lock (Chinese, then English)."""
    who = describe_holder(holder)
    return (
        f"数据仓库 {warehouse_path} 正在被另一个入库进程写入（{who}），已等待 {waited:.0f} 秒仍未结束；"
        "本次未做任何改动。请等该进程结束后再运行 jixiao ingest，或调大 lock_wait_seconds。\n"
        f"warehouse {warehouse_path} is being loaded by another ingestion ({who}); gave up after "
        f"waiting {waited:.0f} s, nothing was changed. Lock file: {lock_path(warehouse_path)}"
    )


def _holder_record(command: str | None) -> dict[str, Any]:
    return {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": command or "",
    }


@contextmanager
def writer_lock(
    warehouse_path: Path,
    wait_seconds: float,
    *,
    command: str | None = None,
    on_wait: Callable[[str], object] | None = None,
) -> Iterator[dict[str, Any]]:
    """Yield this process's holder record once it holds the warehouse's writer lock.

    Polls until `wait_seconds` have passed, then raises WarehouseBusy naming the holder.
    `on_wait` (a logger, say) is told once when the lock is busy and the run starts waiting.
    """
    warehouse_path = Path(warehouse_path)
    path = lock_path(warehouse_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        started = time.monotonic()
        deadline = started + max(0.0, wait_seconds)
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if on_wait is not None and not told:
                    told = True
                    on_wait(
                        f"数据仓库正在被另一个入库进程写入（{describe_holder(read_holder(warehouse_path))}），"
                        f"最多等待 {wait_seconds:.0f} 秒 waiting for the writer lock of {warehouse_path}"
                    )
                if time.monotonic() >= deadline:
                    holder = read_holder(warehouse_path)
                    raise WarehouseBusy(
                        busy_message(warehouse_path, holder, time.monotonic() - started), holder
                    ) from None
                time.sleep(min(POLL_SECONDS, max(0.0, deadline - time.monotonic())) or 0.01)
        record = _holder_record(command)
        # Written in place through the locked descriptor: waiting processes read it for messages.
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(record).encode("utf-8"), 0)
        _HELD.add(warehouse_path)
        try:
            yield record
        finally:
            _HELD.discard(warehouse_path)
    finally:
        os.close(fd)  # releases the lock (a crash releases it the same way)
