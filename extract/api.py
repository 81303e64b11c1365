"""Extract one file: bytes on disk -> a Submission record, or RejectedFile with a reason."""

from __future__ import annotations

from pathlib import Path

from extract.errors import RejectedFile
from extract.records import Submission

__all__ = ["RejectedFile", "extract_file"]


def extract_file(path: Path) -> Submission:
    """Return the Submission read from `path`; raise RejectedFile when it cannot be read."""
    raise NotImplementedError  # being built (issue 2)
