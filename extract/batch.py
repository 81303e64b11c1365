"""One extraction outcome per file of a batch: the record, or why the file was rejected."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from extract.api import extract_bytes
from extract.errors import RejectedFile
from extract.records import Submission

if TYPE_CHECKING:
    from extract.guard import FileLimits

# What a folder walk picks up: Word files of any age, and what units save under those names.
SUBMISSION_SUFFIXES = (".docx", ".doc", ".docm", ".wps", ".rtf")


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

    @property
    def ok(self) -> bool:
        return self.submission is not None


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


def extract_one(path: Path) -> FileOutcome:
    """Return the outcome of extracting one file; never raises for a bad file."""
    start = time.perf_counter()
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return FileOutcome(str(path), path.name, "", 0, None, "io_error",
                           f"无法读取该文件（{exc.strerror or exc}），请检查文件是否存在、是否有读取权限。",
                           time.perf_counter() - start)
    sha256 = hashlib.sha256(data).hexdigest()
    submission: Submission | None = None
    kind = reason = None
    try:
        submission = extract_bytes(data, path.name)
    except RejectedFile as exc:
        kind, reason = exc.kind, exc.reason
    except MemoryError:
        # Under the guard's memory limit (extract/guard.py) this is the file's doing.
        submission = None
        kind = "too_large"
        reason = ("读取该文件所需内存超过上限，已停止读取（表格或内容异常庞大）；"
                  "请删除无关内容或按单位拆分为多个 .docx 再提交。 (out of memory reading this file)")
    except Exception as exc:  # noqa: BLE001 - one bad file must never stop a run
        kind = "internal"
        reason = (f"读取该文件时出现未预料的问题（{type(exc).__name__}: {exc}），"
                  "请用 Word 重新另存为 .docx 后再提交；若仍失败请联系财政局。")
    return FileOutcome(str(path), path.name, sha256, len(data), submission, kind, reason,
                       time.perf_counter() - start)


def extract_batch(paths: list[Path], limits: FileLimits | None = None) -> list[FileOutcome]:
    """Return one FileOutcome per path, in order; bad files become rejections, not errors.

    With `limits`, each file is read in a worker process under a time and memory limit
    (extract/guard.py); without, in this process.
    """
    if limits is not None:
        from extract.guard import guarded_batch

        return guarded_batch(paths, limits)
    return [extract_one(p) for p in paths]
