"""Per-file limits: a legal but enormous submission is rejected as too slow or too large instead
of hanging or exhausting the run; the files around it are read normally by the same pool."""

from __future__ import annotations

import random
import time
from dataclasses import replace
from pathlib import Path

import pytest

from extract.batch import extract_batch
from extract.guard import FileLimits, GuardPool, guarded_batch
from flows.settings import load_settings
from flows.steps import run_direct
from tests.docgen.county import unit_spec
from tests.docgen.render import document
from tests.docgen.variants import VARIANTS
from warehouse.verify import InboxFile, verify

# 12,000 indicators in one table: under every zip and XML cap (about 700,000 elements), yet
# ~1 s and ~320 MB to read; a real unit's file is ~100 indicators, ~50 ms and ~120 MB.
HUGE_INDICATORS = 12_000


def _submission(indicators: int | None, code: str, seed: int) -> bytes:
    spec = unit_spec(random.Random(seed), code, f"文安县测试单位{code}", "文安县测试局", "131026",
                     2022, VARIANTS["seed_like"]().options)
    if indicators is not None:
        project = spec.projects[0]
        pool = project.indicators
        many = [replace(pool[i % len(pool)], name=f"{pool[i % len(pool)].name}{i}")
                for i in range(indicators)]
        spec = replace(spec, projects=[replace(project, indicators=many)])
    return document(spec)


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("limits") / "inbox"
    folder.mkdir()
    (folder / "301001_a.docx").write_bytes(_submission(None, "301001", 1))
    (folder / "301002_huge.docx").write_bytes(_submission(HUGE_INDICATORS, "301002", 2))
    (folder / "301003_b.docx").write_bytes(_submission(None, "301003", 3))
    return folder


def test_a_file_over_the_time_limit_is_rejected_too_slow(inbox: Path) -> None:
    paths = sorted(inbox.iterdir())
    started = time.perf_counter()
    outcomes = guarded_batch(paths, FileLimits(seconds=0.4, memory_mb=2048, workers=1))
    assert time.perf_counter() - started < 10
    kinds = {o.file: o.rejection_kind for o in outcomes}
    assert kinds == {"301001_a.docx": None, "301002_huge.docx": "too_slow", "301003_b.docx": None}
    slow = outcomes[1]
    assert "超过 0.4 秒" in (slow.rejection_reason or "") and slow.size > 0 and len(slow.sha256) == 64
    # The same outcomes as reading in this process, for the files within the limits.
    plain = extract_batch([paths[0], paths[2]])
    assert [o.submission for o in (outcomes[0], outcomes[2])] == [o.submission for o in plain]


def test_a_file_over_the_memory_limit_is_rejected_too_large(inbox: Path) -> None:
    pool = GuardPool(FileLimits(seconds=60, memory_mb=256, workers=1))
    try:
        outcomes = pool.extract_batch(sorted(inbox.iterdir()))
        kinds = [o.rejection_kind for o in outcomes]
        assert kinds == [None, "too_large", None]
        assert "超过上限 256 MB" in (outcomes[1].rejection_reason or "")
        # With room to spare the same file reads (it is legal, only big).
        roomy = GuardPool(FileLimits(seconds=60, memory_mb=2048, workers=1))
        try:
            big = roomy.extract_one(inbox / "301002_huge.docx")
        finally:
            roomy.close()
        assert big.ok and big.submission is not None
        assert sum(len(p["indicators"]) for p in big.submission["projects"]) >= HUGE_INDICATORS
    finally:
        pool.close()


def test_the_pipeline_records_limit_rejections_in_the_ledger(inbox: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "jixiao.duckdb"
    settings = load_settings(env={}, concurrency=2, batch_size=1, file_time_limit_seconds=60,
                             file_memory_limit_mb=256)
    summary = run_direct(inbox, warehouse, settings, progress=lambda _: None)
    assert (summary.loaded, summary.rejected) == (2, 1)
    assert [r["kind"] for r in summary.rejected_files] == ["too_large"]
    files = [InboxFile(str(p.resolve()), *_sha(p)) for p in sorted(inbox.iterdir())]
    assert verify(warehouse, files).ok


def _sha(path: Path) -> tuple[str, int]:
    from flows.steps import sha256_of

    return sha256_of(path)


def test_jixiao_extract_applies_the_limits(
    inbox: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from flows.cli import main

    out = tmp_path / "json"
    assert main(["extract", str(inbox), "--out", str(out), "--time-limit", "0.4"]) == 1
    err = capsys.readouterr().err
    assert f"{inbox / '301002_huge.docx'}: 读取该文件超过 0.4 秒" in err
    assert sorted(p.name for p in out.iterdir()) == ["301001_a.json", "301003_b.json"]


def test_workers_do_not_outlive_a_killed_run(inbox: Path) -> None:
    """SIGKILL to the run alone (not its process group): its worker, busy on a file, exits too."""
    import os
    import signal
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from extract.guard import FileLimits, GuardPool\n"
        "pool = GuardPool(FileLimits(seconds=60, memory_mb=2048, workers=1))\n"
        "w = pool._take(); print(w.proc.pid, flush=True); pool._give_back(w)\n"
        "while True: pool.extract_one(Path(sys.argv[1]))\n"
    )
    run = subprocess.Popen([sys.executable, "-c", code, str(inbox / "301002_huge.docx")],
                           stdout=subprocess.PIPE, text=True)
    assert run.stdout is not None
    worker = int(run.stdout.readline())
    time.sleep(0.5)  # the worker is reading the huge file now
    run.kill()
    run.wait()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{worker}/stat").read_text().split(") ")[1][0]
        except (FileNotFoundError, ProcessLookupError):
            return
        if state == "Z":  # exited; waiting for whoever adopted it to reap it
            return
        time.sleep(0.1)
    os.kill(worker, signal.SIGKILL)
    raise AssertionError(f"worker {worker} outlived the run that started it")


_FORK_PROBE = """
import json, os, sys, threading, time
from pathlib import Path
from extract.guard import FileLimits, GuardPool, _can_fork
pool = GuardPool(FileLimits(seconds=60, memory_mb=2048, workers=1), fork=True)
pool.start()
worker = pool._take()
pid = worker.proc.pid
status = open(f'/proc/{pid}/status').read()
ignored = int(next(line for line in status.splitlines() if line.startswith('SigIgn')).split()[1], 16)
info = {'kind': type(worker.proc).__name__, 'fds': sorted(int(f) for f in os.listdir(f'/proc/{pid}/fd')),
        'own_session': os.getsid(pid) == pid, 'sigint_ignored': bool(ignored & (1 << 1))}
pool._give_back(worker)
info['json'] = next(pool.extract_contracts([Path(sys.argv[1])])).json.decode()
pool.close()
info['reaped'] = not os.path.exists(f'/proc/{pid}')
info['lean'] = _can_fork()
threading.Thread(target=time.sleep, args=(0.5,)).start()
info['threaded'] = _can_fork()
"""


def test_a_forked_worker_is_a_fresh_one_in_all_but_its_start(tmp_path: Path) -> None:
    """`jixiao extract` forks its worker (GuardPool fork=True): same JSON as a fresh interpreter's,
    its own session, Ctrl-C ignored, no descriptor of its parent's but its two pipes, reaped."""
    import json
    import subprocess
    import sys

    from tests.paths import ROOT, SEED_DOCX

    probe = _FORK_PROBE + "print(json.dumps(info))"
    result = subprocess.run([sys.executable, "-c", probe, str(SEED_DOCX)], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout.splitlines()[-1])
    assert info["kind"] == "_Forked" and info["own_session"] and info["sigint_ignored"] and info["reaped"]
    assert info["fds"][:3] == [0, 1, 2] and len(info["fds"]) == 5, info["fds"]  # stdio and its two pipes
    assert (info["lean"], info["threaded"]) == (True, False)  # another thread: a fresh interpreter instead
    fresh = GuardPool(FileLimits(seconds=60, memory_mb=2048, workers=1))
    try:
        assert info["json"] == next(fresh.extract_contracts([SEED_DOCX])).json.decode()  # type: ignore[union-attr]
    finally:
        fresh.close()


@pytest.mark.parametrize(("option", "said"), [("--time-limit=0.4", "超过 0.4 秒"), ("--memory-limit=256", "超过上限 256 MB")])
def test_the_command_replaces_its_forked_worker_and_keeps_the_limits(
    inbox: Path, tmp_path: Path, option: str, said: str
) -> None:
    import subprocess
    import sys

    out = tmp_path / "json"
    script = Path(sys.executable).with_name("jixiao")
    result = subprocess.run([str(script), "extract", str(inbox), "--out", str(out), option],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert f"{inbox / '301002_huge.docx'}: 读取该文件" in result.stderr and said in result.stderr
    # The file after the rejected one is read by the worker that replaced the lost one.
    assert sorted(p.name for p in out.iterdir()) == ["301001_a.json", "301003_b.json"]
