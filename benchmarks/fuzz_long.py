"""Long fuzz run: mutated real .docx files (tests/fuzzing.py) through extraction for minutes.

    .venv/bin/python benchmarks/fuzz_long.py [--minutes 10] [--seed 1] [--keep DIR]

Each file is read by extract.guard's worker (time limit 20 s, memory 2 GB), so a hang or a
crash of the extractor is counted, not fatal. Prints files tried, outcomes by kind, and the
failures: 'internal' rejections (an exception the extractor did not expect), hangs
(too_slow), worker deaths. Failing inputs are written to --keep (default /tmp/jixiao-fuzz)
with the base name and steps in the file name, to replay with tests.fuzzing.mutate.
The last run's figures are in benchmarks/RESULTS.md (section 'fuzz').
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from collections import Counter
from pathlib import Path

from extract.guard import FileLimits, GuardPool
from tests.fuzzing import OPS, base_documents, mutate, problem


def main() -> None:
    """Fuzz until the time is up; print the tally."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, default=Path(tempfile.gettempdir()) / "jixiao-fuzz")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    bases = base_documents()
    names = sorted(bases)
    pool = GuardPool(FileLimits(seconds=20, memory_mb=2048, workers=1))
    kinds: Counter[str] = Counter()
    failures: list[dict[str, object]] = []
    tried = 0
    slowest = 0.0
    slow = 0  # over 2 s: not a failure, but worth a look
    started = time.monotonic()
    deadline = started + args.minutes * 60
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.docx"
        while time.monotonic() < deadline:
            base = rng.choice(names)
            steps = [(rng.choice(OPS), rng.getrandbits(32)) for _ in range(rng.randint(1, 5))]
            data = mutate(bases[base], steps)
            path.write_bytes(data)
            outcome = pool.extract_one(path)
            tried += 1
            slowest = max(slowest, outcome.seconds)
            slow += outcome.seconds > 2
            kinds[outcome.rejection_kind or "extracted"] += 1
            wrong = problem(outcome) or ("hang" if outcome.rejection_kind == "too_slow" else None)
            if wrong:
                args.keep.mkdir(parents=True, exist_ok=True)
                (args.keep / f"{tried:06d}_{base}.docx").write_bytes(data)
                failures.append({"n": tried, "base": base, "steps": steps, "problem": wrong})
            if tried % 500 == 0:
                print(f"{time.monotonic() - started:6.0f} s  {tried} files  {len(failures)} failures",
                      flush=True)
    pool.close()
    took = time.monotonic() - started
    print(json.dumps({
        "seconds": round(took), "files_tried": tried, "files_per_second": round(tried / took, 1),
        "bases": len(names), "outcomes": dict(kinds.most_common()),
        "crashes": sum(1 for f in failures if f["problem"] != "hang"),
        "hangs": sum(1 for f in failures if f["problem"] == "hang"),
        "slower_than_2s": slow, "slowest_seconds": round(slowest, 2),
    }, ensure_ascii=False, indent=1))
    for failure in failures[:20]:
        print(json.dumps(failure, ensure_ascii=False))


if __name__ == "__main__":
    main()
