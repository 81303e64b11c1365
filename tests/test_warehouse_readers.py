"""Readers are never blocked: a reader process queries in a loop while several loads publish."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tests.warehouse_records import other_unit, outcome, seed
from transform.frames import build_frames
from warehouse.checks import run_checks
from warehouse.load import load

READER = textwrap.dedent(
    """
    import json, sys, time, duckdb
    path, stop = sys.argv[1], sys.argv[2]
    ok, refused, counts = 0, [], []
    config = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    while True:
        try:
            con = duckdb.connect(path, read_only=True, config=config)
            counts.append(con.execute("SELECT count(*) FROM dim_submission").fetchall()[0][0])
            con.close()
            ok += 1
        except Exception as exc:
            refused.append(str(exc).splitlines()[0])
        try:
            open(stop).close()
            break
        except FileNotFoundError:
            pass
    print(json.dumps({"ok": ok, "refused": refused, "counts": counts}))
    """
)


def _unit(n: int) -> dict:
    record = other_unit()
    record["unit"]["code"] = f"4{n:05d}"
    record["unit"]["name"] = f"测试单位{n}"
    return record


def test_reader_never_refused_while_loads_run(tmp_path: Path) -> None:
    wh = tmp_path / "jixiao.duckdb"
    load(wh, build_frames([outcome(seed(), "/inbox/seed.docx")], "L0"))
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(wh), str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    try:
        time.sleep(1.0)  # let the reader get going before the first load
        loads = 5
        for n in range(1, loads + 1):
            load(wh, build_frames([outcome(_unit(n), f"/inbox/unit{n}.docx")], f"L{n}"))
        time.sleep(0.5)
    finally:
        stop.touch()
        out, err = reader.communicate(timeout=60)
    assert reader.returncode == 0, err
    result = json.loads(out)
    assert result["refused"] == []
    assert result["ok"] >= 20
    counts = result["counts"]
    # Each query saw a whole published state (1 + unknown member, then one more per load), in order.
    assert counts == sorted(counts)
    assert set(counts) <= {2 + n for n in range(loads + 1)}
    assert counts[-1] == 2 + loads
    assert run_checks(wh) == []
