"""Per-file limits on extraction: a time limit and a memory limit for reading one file.

The zip and XML caps in extract/package.py refuse what a file declares; these limits catch
what gets past them (a legal but enormous table, a pathological layout, a converter that
hangs). Files are read by a small pool of long-lived worker processes, not a process per file:

- each worker caps its own address space (RLIMIT_AS) when it starts, so a file that needs
  more memory fails inside that worker (MemoryError -> rejected 'too_large') and the worker
  is replaced; the run's own process never grows;
- the parent waits for each file at most `seconds`; a worker still busy after that is
  killed (SIGKILL) and replaced, and the file is rejected 'too_slow';
- a worker that dies any other way (killed by the kernel, a crash in C code) costs only
  its own file, rejected with what happened.

Workers are fresh interpreters (`python -c`, not fork: the flow's process has threads and
open DuckDB handles a fork would copy), talking over two pipes with multiprocessing's
Connection. Starting one costs ~0.3 s once per pool; a worker exits when its pipe closes or
when the process that started it dies (it checks its parent every second), so a killed
run leaves no worker behind. Thread-safe: the flow's extraction threads share one pool.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import queue
import resource
import signal
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path

from extract.labels import LABELS_ENV, apply_label_overrides
from extract.outcome import FileLimits, FileOutcome, extract_one, too_large_reason, too_slow_reason

MIB = 1024 * 1024
_REPO = Path(__file__).resolve().parents[1]
_START_SECONDS = 60


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(1)  # orphaned: the run that wanted this file is gone


def serve(read_fd: int, write_fd: int, memory_bytes: int, parent: int) -> None:
    """Worker loop: read a path, send back its FileOutcome; exit on EOF or after running out of memory."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    import extract.api  # noqa: F401 - the reader is loaded before "ready", outside any file's time limit
    apply_label_overrides(os.environ.get(LABELS_ENV, ""))
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = memory_bytes if hard == resource.RLIM_INFINITY else min(memory_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    inbox, outbox = Connection(read_fd, writable=False), Connection(write_fd, readable=False)
    outbox.send("ready")  # the time limit starts counting per file, not during our start-up
    while True:
        try:
            path = inbox.recv()
        except (EOFError, OSError):
            return
        outcome = extract_one(Path(path))
        outbox.send(outcome)
        if outcome.rejection_kind == "too_large":
            return  # after a MemoryError the heap may be fragmented: start afresh


class _Worker:
    """One worker process and the parent's ends of its two pipes."""

    def __init__(self, memory_bytes: int, labels: str = "") -> None:
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        # Ctrl-C is ignored from the first line: a terminal's Ctrl-C reaches the whole process
        # group, and a worker still importing would print a traceback (the parent handles it).
        code = (
            "import signal; signal.signal(signal.SIGINT, signal.SIG_IGN); "
            "import sys; from extract.guard import serve; "
            "serve(*(int(a) for a in sys.argv[1:]))"
        )
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_REPO), env.get("PYTHONPATH")]))
        if labels:
            env[LABELS_ENV] = labels
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", code, str(to_child_r), str(from_child_w),
                 str(memory_bytes), str(os.getpid())],
                pass_fds=(to_child_r, from_child_w), stdin=subprocess.DEVNULL, env=env,
            )
        finally:
            os.close(to_child_r)
            os.close(from_child_w)
        self.send_conn = Connection(to_child_w, readable=False)
        self.recv_conn = Connection(from_child_r, writable=False)
        # A start-up that fails (no memory for the interpreter itself) is a setup error, not a file's.
        if not self.recv_conn.poll(_START_SECONDS) or self.recv_conn.recv() != "ready":
            self.stop(kill=True)
            raise RuntimeError(
                f"extraction worker did not start within {_START_SECONDS} s "
                f"(exit {self.proc.returncode}); is file_memory_limit_mb too small?"
            )

    def stop(self, kill: bool = False) -> None:
        if kill and self.proc.poll() is None:
            self.proc.kill()
        self.send_conn.close()  # EOF: an idle worker exits by itself
        self.recv_conn.close()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class GuardPool:
    """Worker processes that read files under FileLimits; `extract_one` is safe from many threads."""

    def __init__(self, limits: FileLimits) -> None:
        self.limits = limits
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._started = 0
        self._closed = False

    def _take(self) -> _Worker:
        with self._lock:
            if self._closed:
                raise RuntimeError("GuardPool is closed")
            try:
                return self._idle.get_nowait()
            except queue.Empty:
                if self._started < self.limits.workers:
                    self._started += 1
                    return _Worker(self.limits.memory_mb * MIB, self.limits.labels)
        return self._idle.get()

    def _give_back(self, worker: _Worker | None) -> None:
        self._idle.put(worker if worker is not None else _Worker(self.limits.memory_mb * MIB, self.limits.labels))

    def extract_one(self, path: Path) -> FileOutcome:
        """Return the outcome of reading `path` in a worker, within the time and memory limits."""
        path = Path(path)
        worker = self._take()
        healthy = False
        try:
            outcome = self._ask(worker, path)
            healthy = outcome.rejection_kind not in ("too_slow", "too_large")
            healthy = healthy and worker.proc.poll() is None
            return outcome
        finally:
            if not healthy:
                worker.stop(kill=True)  # a hung, exhausted or dead worker is replaced
            self._give_back(worker if healthy else None)

    def _ask(self, worker: _Worker, path: Path) -> FileOutcome:
        started = time.perf_counter()
        try:
            worker.send_conn.send(str(path))
            if not worker.recv_conn.poll(self.limits.seconds):
                return _rejected(path, "too_slow", too_slow_reason(self.limits.seconds), started)
            outcome: FileOutcome = worker.recv_conn.recv()
        except (EOFError, OSError):
            worker.stop()
            kind, reason = _death(worker.proc.returncode, self.limits.memory_mb)
            return _rejected(path, kind, reason, started)
        if outcome.rejection_kind == "too_large":
            return _rejected(path, "too_large", too_large_reason(self.limits.memory_mb), started)
        return outcome

    def extract_batch(self, paths: list[Path]) -> list[FileOutcome]:
        """Return one outcome per path, in order."""
        return [self.extract_one(p) for p in paths]

    def close(self) -> None:
        """Stop every idle worker (workers busy in other threads stop when given back)."""
        with self._lock:
            self._closed = True
        while True:
            try:
                self._idle.get_nowait().stop()
            except queue.Empty:
                return


def _death(exitcode: int | None, memory_mb: int) -> tuple[str, str]:
    """Return (kind, reason) for a worker that died while reading a file."""
    if exitcode == -signal.SIGKILL:
        # Nobody here killed it: the kernel's out-of-memory killer is the usual culprit.
        return "too_large", too_large_reason(memory_mb)
    return "internal", (
        f"读取该文件时提取进程异常退出（exit {exitcode}），请用 Word 重新另存为 .docx 后再提交；"
        "若仍失败请联系财政局。 (the extraction worker died on this file)"
    )


def _rejected(path: Path, kind: str, reason: str, started: float) -> FileOutcome:
    try:
        data = path.read_bytes()
    except OSError:
        data = b""
    return FileOutcome(str(path), path.name, hashlib.sha256(data).hexdigest(), len(data), None,
                       kind, reason, time.perf_counter() - started)


_POOLS: dict[FileLimits, GuardPool] = {}
_POOLS_LOCK = threading.Lock()


def shared_pool(limits: FileLimits) -> GuardPool:
    """Return this process's pool for `limits` (started on first use, stopped at exit)."""
    with _POOLS_LOCK:
        pool = _POOLS.get(limits)
        if pool is None:
            pool = _POOLS[limits] = GuardPool(limits)
        return pool


def guarded_batch(paths: list[Path], limits: FileLimits) -> list[FileOutcome]:
    """Return one outcome per path, each file read in a worker under `limits`."""
    return shared_pool(limits).extract_batch(paths)


@atexit.register
def _close_pools() -> None:
    for pool in list(_POOLS.values()):
        pool.close()
