"""What self-evaluations add to a load: N units' targets alone, then with their 绩效自评, in memory.

Each unit files tests/selfeval_records' targets and a self-evaluation of them with one target
missed at full marks and no reason (two 自评复核 findings). Times build_frames and warehouse.load
(which links every current self-evaluation and re-checks it) for the targets alone and for both
kinds, then the pure link() and rules over the batch.

    .venv/bin/python benchmarks/selfeval_speed.py [--units 300]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.selfeval_records import selfevaluation, targets  # noqa: E402
from tests.warehouse_records import outcome  # noqa: E402
from transform.frames import build_frames  # noqa: E402
from transform.selfeval.link import staging_inputs  # noqa: E402
from transform.selfeval.rules import run_selfeval_rules  # noqa: E402
from warehouse.load import load  # noqa: E402


def main() -> None:
    """Print the timings."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=300)
    units = parser.parse_args().units
    goals, evaluations = [], []
    for n in range(units):
        code = f"{307000 + n:06d}"
        target, selfeval = targets(), selfevaluation()
        target["unit"]["code"] = selfeval["unit"]["code"] = code
        target["projects"][0]["code"] = selfeval["projects"][0]["code"] = f"13102622P{n:011d}A"
        selfeval["projects"][0]["indicators"][5]["result"]["actual_value"] = 85.0
        goals.append(outcome(target, f"/in/131026/{code}_2022.docx"))
        evaluations.append(outcome(selfeval, f"/in/131026/{code}_2022_自评.docx"))
    for label, files in (("targets", goals), ("targets + self-evaluations", goals + evaluations)):
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            frames = build_frames(files, "bench")
            built = time.perf_counter()
            report = load(Path(tmp) / "w.duckdb", frames, None)
            done = time.perf_counter()
        print(f"{label}: {len(files)} files, build_frames {built - started:.2f} s, load {done - built:.2f} s, "
              f"自评复核 findings {sum(report.selfeval_findings_by_severity.values())}")
    frames = build_frames(goals + evaluations, "bench")
    started = time.perf_counter()
    inputs = staging_inputs(frames)
    linked = time.perf_counter()
    found = run_selfeval_rules(inputs)
    print(f"link {linked - started:.2f} s ({inputs['indicator_links'].height} row links), "
          f"rules {time.perf_counter() - linked:.2f} s ({found.height} findings)")


if __name__ == "__main__":
    main()
