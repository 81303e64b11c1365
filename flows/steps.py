"""The ingestion pipeline as plain functions (no Prefect): find files, plan, batch, summarise.

The nightly flow wires these together as tasks; `run_direct` runs the same pipeline without
Prefect (for the overhead benchmark and for debugging). Decisions recorded here:

- Every file under the inbox counts, recursively, except hidden files and folders (".*") and
  Word's lock files ("~$*.docx"), which are the editor's own scratch files, not submissions.
- A file that is not .docx/.doc is not ignored silently: it is recorded in the ledger as
  rejected ("not_word") so the unit can be told to send Word. A file over the size cap is
  rejected ("too_large") before anything parses it.
- A file whose bytes (sha256) are already in the ledger is skipped before parsing.
- A second copy of the same bytes in one run is not parsed again: it gets the first copy's
  outcome under its own path, and the warehouse records it as a duplicate.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from extract.batch import FileOutcome

WORD_SUFFIXES = frozenset({".docx", ".doc"})
_HASH_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Plan:
    """What one run will do with each file found in the inbox."""

    seen: int
    to_extract: list[Path]
    known: list[Path]  # bytes already in the ledger: skipped before parsing
    pre_rejected: list[FileOutcome]  # not Word, or over the size cap: rejected without parsing
    copies: dict[Path, Path] = field(default_factory=dict)  # second copy -> first copy, same bytes


@dataclass
class RunSummary:
    """What a run did, in numbers a reviewer reads first (also the markdown artifact)."""

    load_id: str
    inbox: str
    warehouse: str
    seen: int = 0
    known: int = 0
    new: int = 0
    loaded: int = 0
    rejected: int = 0
    duplicate: int = 0
    superseded: int = 0
    projects: int = 0
    indicators: int = 0
    findings: dict[str, int] = field(default_factory=dict)
    rejected_files: list[dict[str, str]] = field(default_factory=list)
    seconds: float = 0.0


def new_load_id() -> str:
    """Return a fresh load id: UTC time then a random suffix, sortable and unique."""
    return f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}"


def is_candidate(relative: Path) -> bool:
    """Return whether a path under the inbox is a possible submission (not hidden, not a lock file)."""
    if any(part.startswith(".") for part in relative.parts):
        return False
    return not relative.name.startswith("~$")


def discover(inbox: Path) -> list[Path]:
    """Return every candidate file under `inbox`, recursively, in a stable (sorted) order."""
    if not inbox.is_dir():
        raise FileNotFoundError(f"收件夹不存在 inbox folder not found: {inbox}")
    found: list[Path] = []
    # Symlinked folders are not followed: the inbox is what was dropped into it, nothing more.
    for folder, dirs, files in os.walk(inbox):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            path = Path(folder) / name
            if is_candidate(path.relative_to(inbox)) and path.is_file():
                found.append(path)
    return sorted(found)


def sha256_of(path: Path) -> tuple[str, int]:
    """Return the sha256 (hex) and size in bytes of one file, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_HASH_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _rejected(path: Path, sha: str, size: int, kind: str, reason: str) -> FileOutcome:
    """Return the outcome of a file rejected without being parsed."""
    return FileOutcome(
        path=str(path), file=path.name, sha256=sha, size=size, submission=None,
        rejection_kind=kind, rejection_reason=reason, seconds=0.0,
    )


def plan(paths: Sequence[Path], known_hashes: set[str], max_file_bytes: int) -> Plan:
    """Return what to do with each file: extract, skip as known, reject up front, or copy an outcome."""
    to_extract: list[Path] = []
    known: list[Path] = []
    pre_rejected: list[FileOutcome] = []
    copies: dict[Path, Path] = {}
    first_seen: dict[str, Path] = {}
    for path in paths:
        sha, size = sha256_of(path)
        if sha in known_hashes:
            known.append(path)
            continue
        if sha in first_seen:
            copies[path] = first_seen[sha]
            continue
        first_seen[sha] = path
        if path.suffix.lower() not in WORD_SUFFIXES:
            pre_rejected.append(_rejected(
                path, sha, size, "not_word",
                f"{path.name}: 不是 Word 文件（.docx 或 .doc），未读取；请用 Word 另存为 .docx 后重新报送。",
            ))
        elif size > max_file_bytes:
            pre_rejected.append(_rejected(
                path, sha, size, "too_large",
                f"{path.name}: 文件 {size / 1048576:.1f} MB，超过上限 {max_file_bytes / 1048576:.0f} MB，"
                "未读取；请删除文档中的大图片后重新报送。",
            ))
        else:
            to_extract.append(path)
    return Plan(len(paths), to_extract, known, pre_rejected, copies)


def batches(items: Sequence[Path], size: int) -> list[list[Path]]:
    """Return `items` cut into consecutive batches of at most `size`."""
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def with_copies(outcomes: Iterable[FileOutcome], copies: dict[Path, Path]) -> list[FileOutcome]:
    """Return the outcomes plus one per second copy, carrying the first copy's result under its own path."""
    result = list(outcomes)
    by_path = {outcome.path: outcome for outcome in result}
    for copy, first in sorted(copies.items()):
        original = by_path.get(str(first))
        if original is not None:
            result.append(dataclasses.replace(original, path=str(copy), file=copy.name, seconds=0.0))
    return result


def summarize(
    load_id: str, inbox: Path, warehouse: Path, plan_: Plan, outcomes: Sequence[FileOutcome],
    frames: dict[str, Any] | None, findings: Any, report: Any,
) -> RunSummary:
    """Return the run's summary from the plan, the outcomes, the frames, findings and load report."""
    summary = RunSummary(load_id=load_id, inbox=str(inbox), warehouse=str(warehouse))
    summary.seen = plan_.seen
    summary.known = len(plan_.known)
    summary.new = plan_.seen - len(plan_.known)
    rejected = [o for o in outcomes if o.submission is None]
    summary.rejected = len(rejected)
    summary.rejected_files = [
        {"file": o.path, "kind": o.rejection_kind or "", "reason": o.rejection_reason or ""}
        for o in sorted(rejected, key=lambda o: o.path)
    ]
    summary.duplicate = len(plan_.copies) + int(_report_count(report, "duplicate", 0))
    summary.superseded = int(_report_count(report, "superseded", 0))
    summary.loaded = int(_report_count(report, "loaded", len(outcomes) - len(rejected) - len(plan_.copies)))
    if frames is not None:
        summary.projects = _height(frames.get("projects"))
        summary.indicators = _height(frames.get("indicators"))
    if findings is not None and _height(findings):
        summary.findings = dict(sorted(Counter(findings["severity"].to_list()).items()))
    return summary


def _report_count(report: Any, name: str, default: int) -> int:
    """Return a count from the warehouse's LoadReport, whichever spelling it uses."""
    for attr in (name, f"files_{name}", f"{name}_files", f"n_{name}"):
        value = getattr(report, attr, None)
        if isinstance(value, int):
            return value
    return default


def _height(frame: Any) -> int:
    """Return a frame's row count (0 for None)."""
    return 0 if frame is None else int(frame.height)


def format_summary(summary: RunSummary) -> str:
    """Return the summary as markdown (readable as plain text in a terminal too)."""
    rows = [
        ("收到文件 files seen", summary.seen),
        ("已入库跳过 already in ledger (skipped)", summary.known),
        ("新文件 new", summary.new),
        ("入库 loaded", summary.loaded),
        ("退回 rejected", summary.rejected),
        ("重复 duplicate", summary.duplicate),
        ("被替代 superseded", summary.superseded),
        ("项目 projects", summary.projects),
        ("绩效指标 indicators", summary.indicators),
    ]
    rows += [(f"审核问题 findings ({severity})", n) for severity, n in summary.findings.items()]
    lines = [
        f"## 绩效目标入库 nightly ingest `{summary.load_id}`",
        "",
        f"- inbox: `{summary.inbox}`",
        f"- warehouse: `{summary.warehouse}`",
        f"- took {summary.seconds:.1f} s",
        "",
        "| | |",
        "|---|---:|",
        *(f"| {label} | {n} |" for label, n in rows),
    ]
    if summary.rejected_files:
        lines += ["", "### 退回文件 rejected files", ""]
        lines += [f"- `{r['file']}` ({r['kind']}): {r['reason']}" for r in summary.rejected_files]
    return "\n".join(lines) + "\n"


def extract_all(
    plan_: Plan, batch_size: int, extract_batch: Callable[[list[Path]], list[FileOutcome]],
    progress: Callable[[str], None] = print,
) -> list[FileOutcome]:
    """Return the outcome of every planned file, extracting batch by batch (the no-Prefect path)."""
    outcomes = list(plan_.pre_rejected)
    todo = batches(plan_.to_extract, batch_size)
    for number, batch in enumerate(todo, 1):
        outcomes.extend(extract_batch(batch))
        progress(progress_line(number, len(todo), len(outcomes) - len(plan_.pre_rejected), len(plan_.to_extract)))
    return with_copies(outcomes, plan_.copies)


def progress_line(done_batches: int, total_batches: int, done_files: int, total_files: int) -> str:
    """Return one progress line for the console and the run log."""
    return f"extracted batch {done_batches}/{total_batches} ({done_files}/{total_files} files)"


def run_direct(inbox: Path, warehouse: Path, settings: Any, progress: Callable[[str], None] = print) -> RunSummary:
    """Return the summary of the whole pipeline run without Prefect (same steps as the flow)."""
    from extract.batch import extract_batch
    from transform.frames import build_frames
    from warehouse.ledger import known_hashes
    from warehouse.load import load

    started = time.perf_counter()
    load_id = new_load_id()
    plan_ = plan(discover(inbox), known_hashes(warehouse), settings.max_file_bytes)
    outcomes = extract_all(plan_, settings.batch_size, extract_batch, progress)
    frames = build_frames(outcomes, load_id) if outcomes else None
    findings = review(frames)
    report = load(warehouse, frames, findings) if frames is not None else None
    summary = summarize(load_id, inbox, warehouse, plan_, outcomes, frames, findings, report)
    summary.seconds = time.perf_counter() - started
    return summary


def review(frames: dict[str, Any] | None) -> Any:
    """Return the review findings for the frames, or None until transform.rules exists."""
    if frames is None:
        return None
    try:
        from transform.rules import run_rules
    except ModuleNotFoundError as exc:
        if exc.name in ("transform.rules", "transform"):
            return None  # the review rules are not built yet: load without findings
        raise
    return run_rules(frames, None)
