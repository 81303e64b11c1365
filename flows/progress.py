"""What a person at a terminal sees while a command works: progress bars on stderr, redrawn in
place (rich), only when stderr is a terminal; nothing extra otherwise (logs, pipes, artifacts).

- `Progress`: one bar of a known total (`jixiao extract`): files done of total, rate, time left;
  messages print on their own lines above the bar.
- `RunProgress`: the bars of an ingestion run (`jixiao ingest`): extraction (files done of total,
  rate, time left) and load (its steps: frames, rules, load and publish). The flow reports to it
  through `extracted()` and `loading()`, which do nothing unless the command showing the run in
  a terminal installed one (`showing_run`); the flow itself never draws.

rich is imported only when a bar is drawn, so commands in pipes and cron start without it.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

# The load's steps, in order, as the bar names them.
LOAD_STEPS = ("frames", "rules", "load and publish")
# Every display being drawn, for stop_all (an interrupt's message then gets a line of its own).
_LIVE: list[Any] = []


def _bar(stream: TextIO, transient: bool) -> Any:
    """Return a started rich progress display on `stream`: label, bar, done/total, rate, time left."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        ProgressColumn,
        Task,
        TextColumn,
        TimeRemainingColumn,
    )
    from rich.progress import (
        Progress as RichProgress,
    )
    from rich.text import Text

    class Rate(ProgressColumn):
        """Items per second, as rich measures it over the last seconds."""

        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            unit = task.fields.get("unit", "files")
            shown = "" if speed is None or not unit else f"{speed:,.1f} {unit}/s"
            return Text(shown, style="progress.data.speed")

    bar = RichProgress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        Rate(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=Console(file=stream),
        transient=transient,
        redirect_stdout=False,
        redirect_stderr=False,
    )
    bar.start()
    bar.console.show_cursor(True)  # an interrupted run (os._exit) must not leave the cursor hidden
    _LIVE.append(bar)
    return bar


def _stop(bar: Any) -> None:
    if bar in _LIVE:
        _LIVE.remove(bar)
    bar.stop()


def stop_all() -> None:
    """Stop drawing every bar, leaving the cursor on a fresh line (flows/interrupts.py calls this
    before it says "interrupted"); never raises."""
    for bar in list(_LIVE):
        try:
            _stop(bar)
        except Exception:  # noqa: BLE001 - called from a signal handler: say the message anyway
            pass


class Progress:
    """Counts steps of a known total; messages print on their own line above the bar."""

    def __init__(self, total: int, label: str, stream: TextIO | None = None) -> None:
        self.total, self.label, self.count = total, label, 0
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty() and total > 0
        self.start = time.perf_counter()
        self._bar = _bar(self.stream, transient=True) if self.live else None
        self._task = self._bar.add_task(label, total=total) if self._bar else None

    def step(self, n: int = 1) -> None:
        """Count `n` more steps done."""
        self.count += n
        if self._bar is not None:
            self._bar.update(self._task, completed=self.count)

    def message(self, text: str) -> None:
        """Print one line above the bar (or alone, without a terminal)."""
        if self._bar is not None:
            self._bar.console.print(text, markup=False, highlight=False, soft_wrap=True)
        else:
            print(text, file=self.stream)

    def done(self, summary: str) -> None:
        """Remove the bar and print the closing line."""
        if self._bar is not None:
            _stop(self._bar)
            self._bar = None
        print(f"{self.label}: {summary} in {time.perf_counter() - self.start:.1f} s", file=self.stream)


class RunProgress:
    """The bars of one ingestion run: extraction, then the load's steps."""

    def __init__(self, stream: TextIO) -> None:
        self._bar = _bar(stream, transient=False)
        self._extract: Any = None
        self._load: Any = None
        self._read = 0
        self._lock = threading.Lock()  # extraction tasks report from the task runner's threads

    def extracted(self, done: int, total: int) -> None:
        """Show at least `done` of `total` files read (files_read may have counted more already)."""
        with self._lock:
            if self._extract is None:
                self._extract = self._bar.add_task("读取 extract", total=total)
            self._read = max(self._read, done)
            self._bar.update(self._extract, completed=self._read, total=total)

    def files_read(self, n: int) -> None:
        """Count `n` more files read (once extracted() has given the total)."""
        with self._lock:
            if self._extract is None:
                return
            self._read += n
            self._bar.update(self._extract, completed=self._read)

    def loading(self, step: str) -> None:
        """Show that the load reached `step` (one of LOAD_STEPS, or 'done'); nothing when no file
        was read (nothing new to load)."""
        if self._extract is None:
            return
        if self._load is None:
            self._load = self._bar.add_task("入库 load", total=len(LOAD_STEPS), unit="")
        done = LOAD_STEPS.index(step) if step in LOAD_STEPS else len(LOAD_STEPS)
        label = f"入库 load: {step}" if step in LOAD_STEPS else "入库 load"
        self._bar.update(self._load, completed=done, description=label)

    def stop(self) -> None:
        """Leave the bars as they are and stop redrawing them."""
        _stop(self._bar)


_RUN: RunProgress | None = None


@contextmanager
def showing_run(stream: TextIO | None = None) -> Iterator[None]:
    """Show this process's ingestion run as bars on `stream` (stderr) while inside, if it is a terminal."""
    global _RUN
    stream = stream or sys.stderr
    if not stream.isatty():
        yield
        return
    _RUN = RunProgress(stream)
    try:
        yield
    finally:
        run, _RUN = _RUN, None
        run.stop()


def extracted(done: int, total: int) -> None:
    """Report `done` of `total` files read to the terminal's bars, if any are shown."""
    if _RUN is not None:
        _RUN.extracted(done, total)


def files_read(n: int) -> None:
    """Count `n` more files read on the terminal's bars, if any are shown (safe from any thread)."""
    if _RUN is not None:
        _RUN.files_read(n)


def loading(step: str) -> None:
    """Report the load's step to the terminal's bars, if any are shown."""
    if _RUN is not None:
        _RUN.loading(step)
