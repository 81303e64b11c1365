"""Ctrl-C and SIGTERM during `jixiao ingest` on a temporary Prefect API (issue 10).

A real ingest of a generated county runs as a subprocess from a bare shell environment; once it
holds the warehouse's writer lock it gets the signal. It must end within 10 s with status 130
(143 for TERM) and the one line "jixiao: interrupted"; the lock is free, no build copy is
left, and the warehouse is the one published before, which `jixiao verify` alone accepts.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extract.guard import worker_argv
from flows.settings import Settings
from flows.steps import run_direct
from tests.docgen.county import write_county
from warehouse.lock import is_locked, lock_path, read_holder
from warehouse.publish import stale_builds

JIXIAO = str(Path(sys.executable).with_name("jixiao"))


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """Return (first inbox, warehouse loaded from it, a larger second inbox not yet loaded)."""
    root = tmp_path_factory.mktemp("interrupt")
    first, second = root / "first", root / "second"
    warehouse = root / "wh" / "jixiao.duckdb"
    write_county(first, units=4, seed=3)
    run_direct(first, warehouse, Settings(inbox=first, warehouse=warehouse, concurrency=2),
               progress=lambda _: None)
    # Enough files that extraction is still running a few seconds after the lock is taken.
    write_county(second, units=200, seed=4)
    return first, warehouse, second


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return one HOME for the module: the first run creates its Prefect database (~15 s of
    migrations), the next one finds it there, as an operator's second run after a Ctrl-C would."""
    return tmp_path_factory.mktemp("home")


def _bare_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "JIXIAO_"))}
    home.mkdir(parents=True, exist_ok=True)
    return {**env, "HOME": str(home)}


@pytest.mark.parametrize(("signum", "status", "whole_group"), [
    (signal.SIGINT, 130, True),   # a terminal's Ctrl-C reaches the temporary API too
    (signal.SIGTERM, 143, False),
])
def test_interrupted_ingest_ends_at_once_and_leaves_the_warehouse_whole(
    loaded: tuple[Path, Path, Path], home: Path, tmp_path: Path, signum: int, status: int,
    whole_group: bool,
) -> None:
    first, warehouse, second = loaded
    before = warehouse.read_bytes()
    env = _bare_env(home)
    proc = subprocess.Popen(
        [JIXIAO, "ingest", str(second), "--warehouse", str(warehouse), "--batch-size", "5"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 300  # the temporary API starts first (~20 s, more when busy)
        while not (is_locked(warehouse) and read_holder(warehouse).get("pid") == proc.pid):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the ingest never took the writer lock"
            time.sleep(0.2)
        time.sleep(1.0)  # mid-run: extracting
        assert proc.poll() is None, "the run ended before it could be interrupted"
        sent = time.monotonic()
        if whole_group:
            os.killpg(proc.pid, signum)
        else:
            proc.send_signal(signum)
        out, err = proc.communicate(timeout=30)
        took = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == status, err.decode()[-2000:]
    assert took < 10, f"took {took:.1f} s to end"
    assert err.decode() == "jixiao: interrupted\n"
    assert out == b""
    assert not is_locked(warehouse)
    assert stale_builds(warehouse) == []
    assert lock_path(warehouse).exists()
    assert warehouse.read_bytes() == before  # the old warehouse, untouched
    verify = subprocess.run(
        [JIXIAO, "verify", "--warehouse", str(warehouse)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert f"inbox {first.resolve()}" in verify.stdout


def test_a_worker_stopped_while_starting_exits_quietly(tmp_path: Path) -> None:
    """The parent closes its ends (Ctrl-C, pool closed) before the worker says "ready": the
    worker leaves with status 0 and writes nothing, rather than a BrokenPipeError traceback."""
    to_child_r, to_child_w = os.pipe()
    from_child_r, from_child_w = os.pipe()
    os.close(from_child_r)  # nobody will read "ready"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    proc = subprocess.Popen(
        worker_argv(to_child_r, from_child_w, 1024 * 1024 * 1024),
        pass_fds=(to_child_r, from_child_w), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, env=env,
    )
    os.close(to_child_r)
    os.close(from_child_w)
    try:
        out, err = proc.communicate(timeout=60)
    finally:
        os.close(to_child_w)
    assert (proc.returncode, out, err) == (0, b"", b"")


WRAPPED = """
import argparse, os, signal, sys
import flows.cli as cli

def command(args):
    try:
        os.kill(os.getpid(), signal.SIGTERM)  # arrives while a library runs, e.g. pydantic inside `import prefect`
        signal.pause()
    except KeyboardInterrupt as caught:
        raise RuntimeError("Error calling function `_ser_model`: Interrupted") from caught  # the library wraps it

def parser(only=None):
    p = argparse.ArgumentParser(prog="jixiao")
    p.add_argument("command")
    p.set_defaults(func=command)
    return p

cli.build_parser = parser
sys.exit(cli.main(["wrapped"]))
"""


def test_an_interrupt_a_library_wraps_in_its_own_error_still_ends_quietly(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-c", WRAPPED], cwd=Path(__file__).resolve().parents[1],
                          capture_output=True, timeout=60)
    assert proc.returncode == 143, proc.stderr.decode()[-2000:]
    assert proc.stderr.decode() == "jixiao: interrupted\n"
