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
Connection. Starting one costs ~0.15 s of CPU once per pool. `jixiao extract`, whose process
is small and single-threaded when it starts its worker, forks it instead (GuardPool fork=True):
the reader is imported once, in the parent, and the fork is in every other way a fresh worker
(its own session, no inherited descriptor, os._exit). A worker exits when its pipe closes or
when the process that started it dies (it checks its parent every second), so a killed
run leaves no worker behind. Each worker runs in a session of its own, out of reach of a
terminal's Ctrl-C: the parent handles the interrupt and stops its workers; a worker whose pipe
closes, even while it starts, leaves quietly. Thread-safe: the flow's extraction threads share
one pool.
"""

from __future__ import annotations

import atexit
import gc
import hashlib
import os
import queue
import resource
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from typing import cast

from extract.labels import LABELS_ENV, apply_label_overrides
from extract.outcome import (
    ContractFile,
    FileLimits,
    FileOutcome,
    contract_file,
    extract_one,
    too_large_reason,
    too_slow_reason,
)

MIB = 1024 * 1024
# What a worker answers per file: the FileOutcome (the flow's) or its contract JSON (jixiao extract's).
OUTCOME, CONTRACT = "outcome", "contract"
_REPO = Path(__file__).resolve().parents[1]
_START_SECONDS = 60
_FORK_MAX_BYTES = 128 * 1024 * 1024


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(1)  # orphaned: the run that wanted this file is gone


def serve(read_fd: int, write_fd: int, memory_bytes: int, parent: int) -> None:
    """Worker loop: read a path, send back its FileOutcome; exit on EOF or after running out of memory."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _serve(read_fd, write_fd, memory_bytes, parent, os.environ.get(LABELS_ENV, ""))


def _serve(read_fd: int, write_fd: int, memory_bytes: int, parent: int, labels: str) -> None:
    import extract.api  # noqa: F401 - the reader is loaded before "ready", outside any file's time limit
    apply_label_overrides(labels)
    # What is loaded now lives as long as the worker: out of the collector's sight, its full
    # collections walk only what the files make (~1% of a worker's instructions).
    gc.freeze()
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = memory_bytes if hard == resource.RLIM_INFINITY else min(memory_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    inbox, outbox = Connection(read_fd, writable=False), Connection(write_fd, readable=False)
    # A parent that stops us (Ctrl-C, pool closed) may close its ends at any moment, even while
    # we start: a closed pipe is the signal to leave, quietly (no BrokenPipeError on the terminal).
    try:
        outbox.send("ready")  # the time limit starts counting per file, not during our start-up
        while True:
            try:
                mode, paths = inbox.recv()  # a whole batch per request; one answer per file
            except EOFError:
                return
            for path in paths:
                outcome = extract_one(Path(path))
                outbox.send(contract_file(outcome) if mode == CONTRACT else outcome)
                if outcome.rejection_kind == "too_large":
                    return  # after a MemoryError the heap may be fragmented: start afresh
    except OSError:  # BrokenPipeError, ConnectionResetError: the parent is gone
        return


def worker_argv(read_fd: int, write_fd: int, memory_bytes: int) -> list[str]:
    """Return the command line of a worker reading paths from `read_fd`, answering on `write_fd`."""
    # Ctrl-C is ignored from the first line, for a worker started in the terminal's process
    # group by other code (the pool starts its workers in a session of their own).
    code = (
        "import signal; signal.signal(signal.SIGINT, signal.SIG_IGN); "
        "import sys; from extract.guard import serve; "
        "serve(*(int(a) for a in sys.argv[1:]))"
    )
    return [sys.executable, "-c", code, str(read_fd), str(write_fd), str(memory_bytes), str(os.getpid())]


def _can_fork() -> bool:
    """Whether a worker may be forked from this process: a single thread (no lock held by
    another), and an address space no bigger than a fresh worker's (~40-110 MiB with its
    parent-watching thread), which a fork inherits and the memory limit (RLIMIT_AS) counts."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            size = int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return False
    return threading.active_count() == 1 and size <= _FORK_MAX_BYTES


def _fork_worker(read_fd: int, write_fd: int, memory_bytes: int, labels: str) -> int:
    """Fork a worker from this process (single-threaded: see GuardPool's `fork`); return its pid.

    The reader is imported here first, so this process pays for it once and every fork starts
    with it loaded. The child gets what a fresh worker gets: a session of its own, SIGINT
    ignored and SIGTERM's default action (not this process's handlers), no file descriptor but
    standard input (/dev/null), output, error and its two pipe ends; it leaves by os._exit,
    never running this process's atexit handlers or unwinding into its code.
    """
    import extract.api  # noqa: F401

    parent = os.getpid()
    for stream in (sys.stdout, sys.stderr):  # nothing buffered here may be written twice
        stream.flush()
    # Ctrl-C between fork and setsid must not run this process's handler in the child.
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    pid = os.fork()
    if pid:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        return pid
    status = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        os.setsid()
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        keep = sorted({0, 1, 2, read_fd, write_fd})
        for low, high in zip(keep, [*keep[1:], resource.getrlimit(resource.RLIMIT_NOFILE)[0]], strict=True):
            if high > low + 1:
                os.closerange(low + 1, high)
        _serve(read_fd, write_fd, memory_bytes, parent, labels)
        status = 0
    except BaseException:  # noqa: BLE001 - the parent reports the worker's death with its file
        import traceback

        traceback.print_exc()  # what a fresh interpreter would print before dying
    finally:
        os._exit(status)


class _Forked:
    """A forked worker's process, with the part of subprocess.Popen the pool uses."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:  # reaped by someone else (SIGCHLD ignored): gone, status unknown
                pid, status = self.pid, 0
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)  # -N when killed by signal N
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while (code := self.poll()) is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0.0)
            time.sleep(0.005)
        return code

    def kill(self) -> None:
        if self.poll() is None:
            os.kill(self.pid, signal.SIGKILL)


class _Worker:
    """One worker process and the parent's ends of its two pipes."""

    def __init__(self, memory_bytes: int, labels: str = "", fork: bool = False) -> None:
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        self.proc: subprocess.Popen[bytes] | _Forked
        try:
            if fork and _can_fork():
                self.proc = _Forked(_fork_worker(to_child_r, from_child_w, memory_bytes, labels))
            else:
                env = dict(os.environ)
                env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_REPO), env.get("PYTHONPATH")]))
                if labels:
                    env[LABELS_ENV] = labels
                self.proc = subprocess.Popen(
                    worker_argv(to_child_r, from_child_w, memory_bytes),
                    pass_fds=(to_child_r, from_child_w), stdin=subprocess.DEVNULL, env=env,
                    # A session of its own: a terminal's Ctrl-C reaches the whole foreground process
                    # group, and a worker still starting (before it can ignore SIGINT) would die of it,
                    # failing its file while the parent has not yet handled the signal. The parent
                    # stops its workers itself (EOF, or flows/interrupts.hard_exit's SIGTERM).
                    start_new_session=True,
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

    def __init__(self, limits: FileLimits, fork: bool = False) -> None:
        self.limits = limits
        # fork: start workers by forking this process, which then imports the reader once for
        # all of them, instead of a fresh interpreter each (~0.05 s of CPU less per worker; for
        # `jixiao extract`, whose process holds no database and no thread of its own). Only
        # while this process has a single thread: a worker replaced later, under a progress
        # bar's drawing thread, is a fresh interpreter as without `fork`.
        self.fork = fork
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._started = 0
        self._closed = False

    def start(self) -> None:
        """Start every worker now rather than on first use (with `fork`: before this process
        starts a thread, a progress bar's)."""
        with self._lock:
            while self._started < self.limits.workers:
                self._started += 1
                self._idle.put(_Worker(self.limits.memory_mb * MIB, self.limits.labels, self.fork))

    def _take(self) -> _Worker:
        with self._lock:
            if self._closed:
                raise RuntimeError("GuardPool is closed")
            try:
                return self._idle.get_nowait()
            except queue.Empty:
                if self._started < self.limits.workers:
                    self._started += 1
                    return _Worker(self.limits.memory_mb * MIB, self.limits.labels, self.fork)
        return self._idle.get()

    def _give_back(self, worker: _Worker | None) -> None:
        """Return a worker to the idle ones; None: one was lost, start its replacement (threads
        may be waiting for a worker), unless the pool is closed."""
        if self._closed:
            if worker is not None:
                worker.stop()
            return
        self._idle.put(worker if worker is not None else _Worker(self.limits.memory_mb * MIB, self.limits.labels, self.fork))

    def extract_one(self, path: Path) -> FileOutcome:
        """Return the outcome of reading `path` in a worker, within the time and memory limits."""
        return self.extract_batch([path])[0]

    def extract_batch(self, paths: list[Path]) -> list[FileOutcome]:
        """Return one outcome per path, in order."""
        return [cast(FileOutcome, a) for a in self._answers(paths, OUTCOME)]

    def extract_contracts(self, paths: Iterable[Path]) -> Iterator[ContractFile]:
        """Yield, per path in order as it is read, its contract JSON or why it was rejected."""
        for answer in self._answers(list(paths), CONTRACT):
            yield cast(ContractFile, answer)

    def _answers(self, paths: list[Path], mode: str) -> Iterator[FileOutcome | ContractFile]:
        """Yield one answer per path: a worker gets the whole batch in one request and answers
        file by file; each answer must come within the time limit of the one before. A worker
        that fails a file (too slow, out of memory, dead) is replaced and the rest of the batch
        goes to the new one."""
        todo = [Path(p) for p in paths]
        while todo:
            worker = self._take()
            done, healthy = 0, False
            try:
                started = time.perf_counter()
                try:
                    worker.send_conn.send((mode, [str(p) for p in todo]))
                except OSError:  # an idle worker that died: its first file tells
                    pass
                for path in todo:
                    answer, healthy = self._answer(worker, path, started, mode)
                    done += 1
                    started = time.perf_counter()
                    yield answer
                    if not healthy:
                        break
            finally:
                # A worker still holding files of a batch nobody waits for any more is no use.
                keep = healthy and done == len(todo)
                if not keep:
                    worker.stop(kill=True)  # a hung, exhausted or dead worker is replaced
                self._give_back(worker if keep else None)
            todo = todo[done:]

    def _answer(self, worker: _Worker, path: Path, started: float, mode: str) -> tuple[FileOutcome | ContractFile, bool]:
        """Return the worker's answer for `path` and whether the worker can go on."""
        def rejected(kind: str, reason: str) -> FileOutcome | ContractFile:
            outcome = _rejected(path, kind, reason, started)
            return contract_file(outcome) if mode == CONTRACT else outcome

        try:
            if not worker.recv_conn.poll(self.limits.seconds):
                return rejected("too_slow", too_slow_reason(self.limits.seconds)), False
            answer: FileOutcome | ContractFile = worker.recv_conn.recv()
        except (EOFError, OSError):
            worker.stop()
            return rejected(*_death(worker.proc.returncode, self.limits.memory_mb)), False
        if answer.rejection_kind == "too_large":
            return rejected("too_large", too_large_reason(self.limits.memory_mb)), False
        return answer, worker.proc.poll() is None

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
