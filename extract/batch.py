"""One extraction outcome per file of a batch: the record, or why the file was rejected."""

from __future__ import annotations

from dataclasses import dataclass

from extract.records import Submission


@dataclass(frozen=True)
class FileOutcome:
    """What happened to one file: its identity (path, bytes' sha256, size) and record or rejection."""

    path: str
    file: str
    sha256: str
    size: int
    submission: Submission | None
    rejection_kind: str | None
    rejection_reason: str | None
    seconds: float
