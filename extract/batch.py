"""The batch runner: find the submission files, read each into a FileOutcome (extract/outcome.py),
in this process or through the guard's workers (extract/guard.py)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from extract.guard import guarded_batch
from extract.outcome import FileLimits, FileOutcome, extract_one

__all__ = ["SUBMISSION_SUFFIXES", "FileLimits", "FileOutcome", "discover", "extract_batch", "extract_one"]

# What a folder walk picks up: Word files of any age, and what units save under those names.
SUBMISSION_SUFFIXES = (".docx", ".doc", ".docm", ".wps", ".rtf")


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """Yield the submission files named by `paths`, walking folders in sorted order."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                name = found.name
                if (
                    found.is_file()
                    and found.suffix.lower() in SUBMISSION_SUFFIXES
                    and not name.startswith(("~$", "."))  # Word lock files, hidden files
                ):
                    yield found
        else:
            yield path


def extract_batch(paths: list[Path], limits: FileLimits | None = None) -> list[FileOutcome]:
    """Return one FileOutcome per path, in order; bad files become rejections, not errors.

    With `limits`, each file is read in a worker process under a time and memory limit
    (extract/guard.py); without, in this process.
    """
    if limits is not None:
        return guarded_batch(paths, limits)
    return [extract_one(p) for p in paths]
