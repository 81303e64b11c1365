"""What reading one file gives, and the limits it is read under.

`FileOutcome` (the record, or why the file was rejected), `extract_one` (one file, in this
process) and `FileLimits` (the time and memory one file may take) live here, below both the
batch runner (extract/batch.py) and the guard's workers (extract/guard.py), so neither imports
the other's module for its types; transform/ and warehouse/ take FileOutcome from here.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from extract.errors import RejectedFile
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

    @property
    def ok(self) -> bool:
        return self.submission is not None


@dataclass(frozen=True)
class FileLimits:
    """Limits for reading one file: seconds, memory (MiB of address space), and worker processes."""

    seconds: float = 120.0
    memory_mb: int = 2048
    workers: int = 1
    # Label synonyms from jixiao.toml [labels], as JSON: workers are fresh interpreters and read it at start.
    labels: str = ""


def too_slow_reason(seconds: float) -> str:
    """Return the rejection reason for a file that took longer than the time limit."""
    return (
        f"读取该文件超过 {seconds:g} 秒仍未完成，已停止读取（疑似异常文件）；"
        "请用 Word/WPS 打开检查后另存为 .docx 再提交。 (extraction exceeded the per-file time limit)"
    )


def too_large_reason(memory_mb: int) -> str:
    """Return the rejection reason for a file that needed more memory than the limit."""
    return (
        f"读取该文件需要的内存超过上限 {memory_mb} MB，已停止读取（表格或内容异常庞大）；"
        "请删除无关内容或按单位拆分为多个 .docx 再提交。 (extraction exceeded the per-file memory limit)"
    )


def extract_one(path: Path) -> FileOutcome:
    """Return the outcome of extracting one file; never raises for a bad file."""
    from extract.api import extract_bytes  # the reader itself: only when a file is read

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


@dataclass(frozen=True)
class ContractFile:
    """One file read for `jixiao extract`: its contract JSON (UTF-8 bytes, written as is) when it
    was readable, else why not; and the lines to tell the user about it (warnings, gaps)."""

    path: str
    json: bytes | None
    rejection_kind: str | None
    rejection_reason: str | None
    notes: tuple[str, ...] = ()


def contract_file(outcome: FileOutcome) -> ContractFile:
    """Return `outcome` as `jixiao extract` writes it: the contract encoded once, here.

    The record is used up (its lineage is taken out in place, see contract_json): a guard
    worker calls this on a record it throws away; anyone else passes a copy.
    """
    submission = outcome.submission
    if submission is None:
        return ContractFile(outcome.path, None, outcome.rejection_kind, outcome.rejection_reason)
    notes = [f"提醒 [{w['kind']}] {w['where']}：{w['message']}" for w in submission.get("warnings", [])]
    notes += [f"项目“{p['name']}”（{p['code']}）缺少绩效指标表" for p in submission["projects"] if not p["indicators"]]
    return ContractFile(outcome.path, contract_json(submission), None, None, tuple(notes))


def contract_json(submission: Submission) -> bytes:
    """Return the record as the contract's JSON: one line of compact UTF-8, what
    `json.dumps(extract.api.to_contract(submission), ensure_ascii=False, separators=(",", ":"))`
    gives, in a fifth of the time.

    The lineage (extract.api.LINEAGE_KEYS) is popped from the record's own dicts instead of
    copying every project and indicator without it (to_contract's copies cost as much as the
    encoding), so `submission` is used up: pass a copy to keep it. orjson encodes ~5x faster
    than the json module; a value it refuses (an integer past 64 bits) falls back to json.
    """
    from extract.api import LINEAGE_KEYS

    def strip(row: dict[str, object]) -> None:
        for key in LINEAGE_KEYS:
            row.pop(key, None)

    for project in submission["projects"]:
        strip(cast(dict[str, object], project))
        for indicator in project["indicators"]:
            strip(cast(dict[str, object], indicator))
    if submission["department_goals"] is not None:
        for indicator in submission["department_goals"]["indicators"]:
            strip(cast(dict[str, object], indicator))
    try:
        import orjson

        return orjson.dumps(submission, option=orjson.OPT_APPEND_NEWLINE)
    except (ImportError, TypeError):
        import json

        return (json.dumps(submission, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
