"""How long transform + load take for a large county, without Word: 300 units' extraction records.

Synthesizes 300 units x 10 projects (3,000 projects, 30,000 indicator rows) in memory from the
seed's shapes, then times build_frames and warehouse.load into a fresh warehouse (copy, one
transaction, checkpoint, atomic publish). Target: <= 10 s on a 2-core machine.

    .venv/bin/python benchmarks/load_speed.py [--units 300] [--projects 10]
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extract.outcome import FileOutcome  # noqa: E402
from tests.warehouse_records import seed  # noqa: E402
from transform.frames import build_frames  # noqa: E402
from transform.keys import new_load_id  # noqa: E402
from warehouse.checks import run_checks  # noqa: E402
from warehouse.load import load  # noqa: E402


def synthesize(units: int, projects: int) -> list[FileOutcome]:
    """Return one outcome per unit: `projects` projects of 10 indicator rows each, seed-shaped."""
    base = seed()
    templates = base["projects"]
    outcomes = []
    for u in range(units):
        record = copy.deepcopy(base)
        code = f"{300 + u // 10:03d}{u % 10 + 1:03d}"
        record["unit"] = {"code": code, "name": f"文安县第{u + 1}预算单位"}
        record["file"] = f"{code}_2022.docx"
        record["projects"] = []
        for p in range(projects):
            project = copy.deepcopy(templates[p % len(templates)])
            project["seq"] = p + 1
            project["code"] = f"13102622P{u:05d}{p:06d}A"
            project["name"] = f"{project['name']}{p + 1}"
            project["budget_total"] = project["budget_fiscal"] = float(10000 * (u + p + 1))
            project["indicators"] = project["indicators"][:10]
            project["source_table"] = 2 * p + 1
            for row, ind in enumerate(project["indicators"], 2):
                ind["source_table"], ind["source_row"] = 2 * p + 2, row
            record["projects"].append(project)
        body = json.dumps(record, ensure_ascii=False, sort_keys=True).encode()
        sha = hashlib.sha256(body).hexdigest()
        record["sha256"] = sha
        outcomes.append(
            FileOutcome(
                f"/inbox/{record['file']}", record["file"], sha, len(body), record, None, None, 0.0
            )
        )
    return outcomes


def main() -> int:
    """Print the seconds spent in build_frames and load; return 1 if over the 10 s target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=300)
    parser.add_argument("--projects", type=int, default=10)
    args = parser.parse_args()
    outcomes = synthesize(args.units, args.projects)
    with tempfile.TemporaryDirectory() as tmp:
        wh = Path(tmp) / "jixiao.duckdb"
        t0 = time.perf_counter()
        frames = build_frames(outcomes, new_load_id())
        t1 = time.perf_counter()
        report = load(wh, frames)
        t2 = time.perf_counter()
        again = load(wh, build_frames(outcomes, new_load_id()))
        t3 = time.perf_counter()
        failures = run_checks(wh)
        size_mb = wh.stat().st_size / 1e6
    total = t2 - t0
    print(
        f"units={args.units} projects={report.projects} indicators={report.indicators} "
        f"warehouse={size_mb:.1f} MB checks_failed={len(failures)}"
    )
    print(f"build_frames {t1 - t0:.2f} s + load {t2 - t1:.2f} s = {total:.2f} s (target <= 10 s)")
    print(f"the same 300 files again (all duplicates, {again.duplicate}): {t3 - t2:.2f} s")
    return 0 if total <= 10 and not failures else 1


if __name__ == "__main__":
    sys.exit(main())
