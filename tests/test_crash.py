"""Crash safety: SIGKILL an ingestion at seeded points of extract, load and publish; the published
warehouse is always the state before or after that load, passes its checks, and the next run
completes with every inbox file accounted for.

Each trial runs flows.steps.run_direct (the pipeline without Prefect) in its own process group,
with the JIXIAO_TEST_STAGES hook (warehouse/stages.py) announcing stage boundaries. Long stages
(extract, frames, load) are hit at a random moment inside them, measured on a calibration run;
the publish steps take microseconds, so for those the hook pauses the run right at the boundary
and the kill lands exactly there. Two scenarios alternate: the very first load (no warehouse
yet) and a load into a warehouse holding part of the inbox (so it supersedes earlier files).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from flows.settings import load_settings
from flows.steps import discover, run_direct, sha256_of
from tests.docgen.county import CountyManifest, write_county
from warehouse.checks import run_checks
from warehouse.connect import open_readonly
from warehouse.publish import stale_builds
from warehouse.stages import ENV as STAGES_ENV
from warehouse.stages import STAGES
from warehouse.verify import InboxFile, verify

REPO = Path(__file__).resolve().parents[1]
SEED = 20261127
# (stage, how): "random" kills at a random moment before the next stage (or, for "load", before
# the commit); "pause" makes the run sleep right after announcing the stage and kills it there.
KILL_POINTS = [
    ("plan", "pause"),
    ("extract", "random"),
    ("frames", "random"),
    ("load", "random"),
    ("load:committed", "pause"),
    ("publish:fsync", "pause"),
    ("publish:rename", "pause"),
    ("publish:renamed", "pause"),
    ("done", "pause"),
    ("load", "random"),
]
TABLES = [
    "dim_unit", "dim_project", "dim_submission", "dim_indicator_category", "fct_project_budget",
    "fct_indicator_target", "fct_spending_plan", "fct_department_goal", "fct_review_finding",
    "ingest_ledger",
]


def fingerprint(warehouse: Path) -> Any:
    """Return what a load changes, free of load ids and times: rows per table, ledger, submissions."""
    if not warehouse.exists():
        return None
    con = open_readonly(warehouse)
    try:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in TABLES}
        ledger = sorted(con.execute("SELECT path, sha256, status FROM ingest_ledger").fetchall())
        subs = sorted(
            con.execute("SELECT sha256, is_current, version FROM dim_submission").fetchall()
        )
    finally:
        con.close()
    return counts, ledger, subs


def _env(stage_log: Path, pause: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIXIAO_")}
    env[STAGES_ENV] = f"{stage_log};pause={pause}:60" if pause else str(stage_log)
    return env


def _stages(log: Path) -> list[tuple[str, float]]:
    if not log.exists():
        return []
    return [(name, float(t)) for name, t in (line.split() for line in log.read_text().splitlines())]


def _start(inbox: Path, warehouse: Path, log: Path, pause: str | None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.ingest_child", "ingest", str(inbox), str(warehouse), "5"],
        cwd=REPO, env=_env(log, pause), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        start_new_session=True,
    )


def _kill_at(proc: subprocess.Popen[bytes], log: Path, stage: str, delay: float) -> str | None:
    """Return the last stage the run announced when killed at `stage` + `delay`; None if it finished."""
    deadline = time.monotonic() + 60
    while not any(name == stage for name, _ in _stages(log)):
        if proc.poll() is not None:
            raise AssertionError(f"run ended before {stage}: {proc.stderr.read() if proc.stderr else ''}")
        assert time.monotonic() < deadline, f"stage {stage} never reached"
        time.sleep(0.002)
    time.sleep(delay)
    if proc.poll() is not None:
        return None
    # The whole process group, as a power cut would: no cleanup code runs anywhere.
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    return _stages(log)[-1][0]


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, CountyManifest, Path]:
    """Return the inbox (8 units), its manifest, and a warehouse holding its first 6 files."""
    root = tmp_path_factory.mktemp("crash")
    manifest = write_county(root / "inbox", units=8, seed=SEED % 97)
    inbox = (root / "inbox").resolve()
    held = root / "held"
    held.mkdir()
    later = [e.file for e in manifest.entries[6:]]
    for name in later:
        (inbox / name).rename(held / name)
    base = root / "base" / "jixiao.duckdb"
    run_direct(inbox, base, load_settings(env={}, concurrency=1), progress=lambda _: None)
    for name in later:
        (held / name).rename(inbox / name)
    return inbox, manifest, base


def _calibrate(inbox: Path, start: Path | None, work: Path) -> tuple[Any, dict[str, float]]:
    """Return the state after an uninterrupted load from `start`, and each stage's duration."""
    warehouse = work / "jixiao.duckdb"
    if start is not None:
        shutil.copyfile(start, warehouse)
    log = work / "stages"
    proc = _start(inbox, warehouse, log, None)
    assert proc.wait(60) == 0, proc.stderr.read() if proc.stderr else ""
    return fingerprint(warehouse), _durations(log)


def _durations(log: Path) -> dict[str, float]:
    """Return each stage's duration in the stage log of a run that completed."""
    times = dict(_stages(log))
    names = [s for s in STAGES if s in times]
    durations = {a: times[b] - times[a] for a, b in zip(names, names[1:], strict=False)}
    durations["load"] = times["load:committed"] - times["load"]
    return durations


def test_sigkill_anywhere_leaves_old_or_new_state(
    county: tuple[Path, CountyManifest, Path], tmp_path: Path
) -> None:
    inbox, manifest, base = county
    rng = random.Random(SEED)
    scenarios: dict[str, tuple[Path | None, Any, Any, dict[str, float]]] = {}
    for name, start in (("first", None), ("incremental", base)):
        work = tmp_path / f"calibrate-{name}"
        work.mkdir()
        after, durations = _calibrate(inbox, start, work)
        scenarios[name] = (start, fingerprint(start) if start else None, after, durations)
    assert scenarios["incremental"][1] != scenarios["incremental"][2]

    # No waiting: the dead run must not have left the warehouse locked (WarehouseBusy otherwise).
    settings = load_settings(env={}, concurrency=1, lock_wait_seconds=0)
    files = [InboxFile(str(p), *sha256_of(p)) for p in discover(inbox)]
    assert len(files) == manifest.counts()["files"]
    hits: list[tuple[str, str, str]] = []
    points = KILL_POINTS * 2
    for trial, (stage, how) in enumerate(points):
        scenario = "first" if trial % 2 == 0 else "incremental"
        start, before, after, durations = scenarios[scenario]
        longest = durations[stage] if how == "random" else 0.0
        for attempt in range(5):
            work = tmp_path / f"trial-{trial:02d}-{attempt}"
            work.mkdir()
            warehouse = work / "jixiao.duckdb"
            if start is not None:
                shutil.copyfile(start, warehouse)
            log = work / "stages"
            delay = rng.uniform(0, longest) if how == "random" else 0.0
            proc = _start(inbox, warehouse, log, stage if how == "pause" else None)
            hit = _kill_at(proc, log, stage, delay)
            if hit is not None:
                break
            # The run was quicker than the calibration run (another load on the machine
            # eased): it completed, as an uninterrupted run must; aim inside its own stage.
            assert how == "random" and proc.returncode == 0, f"trial {trial}: exit {proc.returncode}"
            assert fingerprint(warehouse) == after, f"trial {trial}: completed run"
            longest = _durations(log)[stage]
        assert hit is not None, f"trial {trial}: every run finished before the kill at {stage}"
        label = f"trial {trial} ({scenario}, kill at {stage}+{delay * 1000:.0f} ms, hit {hit})"

        state = fingerprint(warehouse)
        order = STAGES.index(hit)
        if order < STAGES.index("publish:rename") or (hit == "publish:rename" and how == "pause"):
            assert state == before, label  # the rename had not happened: the old warehouse
        elif order > STAGES.index("publish:rename"):
            assert state == after, label
        else:  # a random kill between announcing the rename and its end: either is right
            assert state in (before, after), label
        if state is not None:
            assert run_checks(warehouse) == [], label
        hits.append((scenario, stage, hit))

        # The next run: completes without waiting for the dead run's lock, ends at the same
        # state as an uninterrupted load, removes the dead run's build copy, accounts for all.
        run_direct(inbox, warehouse, settings, progress=lambda _: None)
        assert fingerprint(warehouse) == after, label
        assert stale_builds(warehouse) == [], label
        report = verify(warehouse, files)
        assert report.ok, label + "\n" + report.render()

    print("\n".join(f"{s:12} kill at {k:16} hit {h}" for s, k, h in hits))  # shown with -s
    published = [h for _, _, h in hits if h.startswith("publish")]
    loading = [h for _, _, h in hits if h.startswith("load")]
    extracting = [h for _, _, h in hits if h in ("extract", "frames")]
    assert len(hits) >= 20 and len(published) >= 6 and len(loading) >= 4 and len(extracting) >= 3, hits
