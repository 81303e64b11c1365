"""One writer at a time: a second ingestion waits for the lock or gives up naming the holder;
readers are never refused; a killed holder never leaves the warehouse locked."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows.cli import main
from flows.settings import load_settings
from flows.steps import run_direct
from tests.docgen.county import write_county
from tests.flow_fixtures import CI_ENV
from warehouse.lock import WarehouseBusy, is_locked, lock_path, writer_lock
from warehouse.stages import ENV as STAGES_ENV

REPO = Path(__file__).resolve().parents[1]
HOLD = (
    "import sys, time; from pathlib import Path; from warehouse.lock import writer_lock\n"
    "with writer_lock(Path(sys.argv[1]), 5, command='test holder'):\n"
    "    print('held', flush=True); time.sleep(60)\n"
)


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIXIAO_") and k != STAGES_ENV}
    return {**env, **extra}


def _child(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.ingest_child", *args], cwd=REPO, env=env or _env(),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )


def _wait_for_stage(log: Path, stage: str, proc: subprocess.Popen[str], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists() and any(line.split()[0] == stage for line in log.read_text().splitlines()):
            return
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.02)
    raise TimeoutError(f"stage {stage} not reached")


def _kill(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate()


def test_waits_then_gives_up_naming_the_holder_and_a_killed_holder_frees_it(tmp_path: Path) -> None:
    warehouse = tmp_path / "wh" / "jixiao.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(warehouse)], cwd=REPO, stdout=subprocess.PIPE, text=True,
        start_new_session=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert is_locked(warehouse)
        started = time.monotonic()
        told: list[str] = []
        with pytest.raises(WarehouseBusy) as caught:
            with writer_lock(warehouse, 0.6, on_wait=told.append):
                pytest.fail("two writers held the lock")
        waited = time.monotonic() - started
        assert len(told) == 1 and f"pid {holder.pid}" in told[0] and "最多等待 1 秒" in told[0]
        assert 0.6 <= waited < 3
        message = str(caught.value)
        assert f"数据仓库 {warehouse} 正在被另一个入库进程写入" in message
        assert f"pid {holder.pid}" in message and "(test holder)" in message
        assert caught.value.holder["pid"] == holder.pid
        # SIGKILL: no cleanup code runs, the kernel drops the lock with the process.
        os.killpg(holder.pid, signal.SIGKILL)
        holder.wait()
        started = time.monotonic()
        with writer_lock(warehouse, 5) as mine:
            assert time.monotonic() - started < 1
            assert mine["pid"] == os.getpid()
            assert is_locked(warehouse)
        assert not is_locked(warehouse) and lock_path(warehouse).exists()
    finally:
        if holder.poll() is None:
            os.killpg(holder.pid, signal.SIGKILL)
        holder.wait()


def test_second_ingest_waits_for_the_first_reader_never_refused(tmp_path: Path) -> None:
    manifest = write_county(tmp_path / "inbox", units=4, seed=3)
    inbox, warehouse, log = tmp_path / "inbox", tmp_path / "wh" / "jixiao.duckdb", tmp_path / "stages"
    # A published warehouse holding two of the files, for the reader to read while both runs go.
    later = sorted(inbox.iterdir())[2:]
    for path in later:
        path.rename(tmp_path / path.name)
    baseline = load_settings(env={}, inbox=inbox, warehouse=warehouse, concurrency=1)
    run_direct(inbox, warehouse, baseline, progress=lambda _: None)
    for path in later:
        (tmp_path / path.name).rename(path)
    # The reader reads until both runs have ended, however long a busy machine makes them.
    stop = tmp_path / "stop-reading"
    reader = _child("read", str(warehouse), str(stop))
    first = _child("ingest", str(inbox), str(warehouse),
                   env=_env(**{STAGES_ENV: f"{log};pause=load:copied:2.5"}))
    try:
        _wait_for_stage(log, "plan", first)
        second = _child("ingest", str(inbox), str(warehouse), "60")
        out1, err1 = first.communicate(timeout=60)
        out2, err2 = second.communicate(timeout=60)
        assert first.returncode == 0, err1
        assert second.returncode == 0, err2
        one, two = json.loads(out1), json.loads(out2)
        counts = manifest.counts()
        assert one["known"] == 2 and one["seen"] == counts["files"]
        # The second run waited for the first to publish, then found every file in the ledger.
        assert two["known"] == two["seen"] == counts["files"] and two["loaded"] == 0
        stop.touch()
        reads = json.loads(reader.communicate(timeout=30)[0])
        assert reads["refused"] == [] and reads["reads"] > 50
    finally:
        for proc in (first, reader):
            _kill(proc)
    assert main(["verify", "--warehouse", str(warehouse), "--inbox", str(inbox)]) == 0


def test_real_jixiao_ingest_gives_up_while_another_run_loads(tmp_path: Path) -> None:
    """One real `jixiao ingest` (Prefect flow, temporary server) against a run holding the lock."""
    write_county(tmp_path / "inbox", units=3, seed=4, hostile=False)
    inbox, warehouse, log = tmp_path / "inbox", tmp_path / "wh" / "jixiao.duckdb", tmp_path / "stages"
    # The first run stops before publishing: the warehouse must not exist when it is killed.
    first = _child("ingest", str(inbox), str(warehouse),
                   env=_env(**{STAGES_ENV: f"{log};pause=load:copied:300"}))
    try:
        _wait_for_stage(log, "load:copied", first)
        env = _env(**CI_ENV, PREFECT_HOME=str(tmp_path / "prefect"), JIXIAO_LOCK_WAIT_SECONDS="1")
        env.pop("PREFECT_API_URL", None)
        second = subprocess.run(
            [str(Path(sys.executable).with_name("jixiao")), "ingest", str(inbox),
             "--warehouse", str(warehouse)],
            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=240,
        )
        assert second.returncode == 3, second.stderr[-3000:]
        assert f"数据仓库 {warehouse}" in second.stderr and f"pid {first.pid}" in second.stderr
        assert "gave up after waiting 1 s" in second.stderr
    finally:
        _kill(first)
    assert not warehouse.exists()
