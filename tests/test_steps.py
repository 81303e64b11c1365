"""The pipeline's plain steps (no Prefect): discovery, planning, batching, summaries."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from extract.batch import FileOutcome
from flows import steps


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_discover_walks_subfolders_and_skips_hidden_and_lock_files(tmp_path: Path) -> None:
    a = _write(tmp_path / "乡镇" / "a.docx", b"a")
    b = _write(tmp_path / "b.DOC", b"b")
    c = _write(tmp_path / "notes.pdf", b"c")
    _write(tmp_path / "~$a.docx", b"lock")
    _write(tmp_path / ".DS_Store", b"x")
    _write(tmp_path / ".git" / "x.docx", b"x")
    assert steps.discover(tmp_path) == sorted([a, b, c])


def test_discover_names_a_missing_inbox(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    try:
        steps.discover(missing)
    except FileNotFoundError as exc:
        assert str(missing) in str(exc)
    else:
        raise AssertionError("a missing inbox must raise")


def test_plan_skips_known_rejects_oversize_and_passes_copies_unread(tmp_path: Path) -> None:
    known = _write(tmp_path / "old.docx", b"already loaded")
    renamed = _write(tmp_path / "old - 副本.docx", b"already loaded")
    new = _write(tmp_path / "new.docx", b"fresh")
    copy = _write(tmp_path / "sub" / "new-copy.docx", b"fresh")
    big = _write(tmp_path / "big.docx", b"x" * 2048)
    sheet = _write(tmp_path / "budget.xlsx", b"PK")
    paths = steps.discover(tmp_path)
    known_sha = hashlib.sha256(b"already loaded").hexdigest()

    plan = steps.plan(paths, {known_sha}, max_file_bytes=1024, known_paths={str(known)})

    assert plan.seen == 6
    assert plan.known == [known]
    # Whatever its name, a file goes to extraction, which decides by content (and rejects
    # the workbook with its own reason).
    assert plan.to_extract == [sheet, new]
    # Bytes seen before (in the ledger under another name, or earlier in this run) are not
    # parsed again: they go to the load unread, for the ledger to record as duplicates.
    assert [(Path(o.path), o.submission, o.rejection_kind) for o in plan.unread] == [
        (renamed, None, None), (copy, None, None)]
    assert [(Path(o.path), o.rejection_kind) for o in plan.pre_rejected] == [(big, "too_large")]
    big_outcome = plan.pre_rejected[0]
    assert big_outcome.sha256 == hashlib.sha256(b"x" * 2048).hexdigest()
    assert big_outcome.size == 2048
    assert "big.docx" in (big_outcome.rejection_reason or "")


def test_batches_cover_every_item_in_order() -> None:
    items = [Path(f"{i}.docx") for i in range(53)]
    cut = steps.batches(items, 25)
    assert [len(b) for b in cut] == [18, 18, 17]  # as few as 25 allows, even (not 25, 25, 3)
    assert [p for b in cut for p in b] == items
    assert steps.batches([], 25) == []


def test_batches_give_every_worker_as_much() -> None:
    county = [Path(f"{i}.docx") for i in range(303)]
    cut = steps.batches(county, 100, workers=2)
    assert [len(b) for b in cut] == [76, 76, 76, 75]  # 4 task runs, 2 per worker
    assert [p for b in cut for p in b] == county
    assert [len(b) for b in steps.batches(county[:60], 100, workers=2)] == [30, 30]  # both workers read
    assert [len(b) for b in steps.batches(county[:3], 100, workers=4)] == [1, 1, 1]
    assert [len(b) for b in steps.batches(county[:7], 1, workers=2)] == [1] * 7


def _outcome(path: str, sha: str, ok: bool) -> FileOutcome:
    return FileOutcome(
        path=path, file=Path(path).name, sha256=sha, size=1,
        submission={"file": Path(path).name} if ok else None,  # type: ignore[typeddict-item]
        rejection_kind=None if ok else "corrupt", rejection_reason=None if ok else "坏文件",
        seconds=0.5,
    )


def test_load_order_is_oldest_first_then_unread_ones() -> None:
    unread = _outcome("/in/a - 副本.docx", "s1", ok=False)
    plan = steps.Plan(
        seen=4, to_extract=[], known=[], pre_rejected=[_outcome("/in/c.docx", "s3", ok=False)],
        unread=[unread],
        # b_修改稿 was dropped after b: it must come later, so it becomes the current one.
        mtimes={"/in/a.docx": 10.0, "/in/b_修改稿.docx": 30.0, "/in/b.docx": 20.0, "/in/c.docx": 20.0},
    )
    extracted = [_outcome(p, p, ok=True) for p in ("/in/b_修改稿.docx", "/in/b.docx", "/in/a.docx")]
    order = steps.in_load_order(plan, extracted)
    assert [o.path for o in order] == [
        "/in/a.docx", "/in/b.docx", "/in/c.docx", "/in/b_修改稿.docx", "/in/a - 副本.docx"]


def test_summary_counts_and_markdown_list_rejections(tmp_path: Path) -> None:
    copy = dataclasses.replace(_outcome("c.docx", "s1", ok=False), rejection_kind=None, rejection_reason=None)
    plan = steps.Plan(seen=5, to_extract=[], known=[Path("k.docx")], pre_rejected=[], unread=[copy])
    outcomes = [_outcome("a.docx", "s1", ok=True), _outcome("b.docx", "s2", ok=False), copy]
    summary = steps.summarize("L1", tmp_path, tmp_path / "w.duckdb", plan, outcomes, None, None, None)
    assert (summary.seen, summary.known, summary.new) == (5, 1, 4)
    assert (summary.loaded, summary.rejected, summary.duplicate) == (1, 1, 1)
    assert summary.rejected_files == [{"file": "b.docx", "kind": "corrupt", "reason": "坏文件"}]
    text = steps.format_summary(summary)
    assert "| 退回 rejected | 1 |" in text
    assert "`b.docx` (corrupt): 坏文件" in text


def test_summary_takes_the_warehouses_decisions_from_the_load_report(tmp_path: Path) -> None:
    from warehouse.load import LoadReport

    report = LoadReport(load_id="L", loaded=7, rejected=1, duplicate=2, superseded=3)
    plan = steps.Plan(seen=13, to_extract=[], known=[], pre_rejected=[])
    summary = steps.summarize("L", tmp_path, tmp_path, plan, [], None, None, report)
    assert (summary.loaded, summary.rejected, summary.duplicate, summary.superseded) == (7, 1, 2, 3)
