"""A minimal progress bar on stderr: redrawn in place on a terminal, silent otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Counts steps of a known total; messages print on their own line above the bar."""

    def __init__(self, total: int, label: str, stream: TextIO | None = None) -> None:
        self.total, self.label, self.count = total, label, 0
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty()
        self.start = time.perf_counter()

    def _draw(self) -> None:
        if self.live and self.total:
            width = 30
            filled = width * self.count // self.total
            self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] "
                              f"{self.count}/{self.total}")
            self.stream.flush()

    def step(self, n: int = 1) -> None:
        self.count += n
        self._draw()

    def message(self, text: str) -> None:
        if self.live:
            self.stream.write("\r\033[K")
        print(text, file=self.stream)
        self._draw()

    def done(self, summary: str) -> None:
        if self.live:
            self.stream.write("\r\033[K")
        print(f"{self.label}: {summary} in {time.perf_counter() - self.start:.1f} s", file=self.stream)
