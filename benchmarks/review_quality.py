"""How well the review rules do on a generated county with known defects: recall, findings per unit.

Writes a county (tests/docgen, default 40 units) with content copied between departments
planted, ingests it through the real pipeline (flows.steps.run_direct: extraction, rules, load),
then compares the current findings (current_review_finding) with the defects the generator
made (tests/docgen/defects.py, never the rules). Prints recall per rule, findings per unit
(what `jixiao feedback` sends: errors and warnings), the findings that match no known defect,
and a random sample of sent findings for a reviewer to judge.

    .venv/bin/python benchmarks/review_quality.py [--units 40] [--copies 8] [--seed 0] [--sample 30]
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import duckdb  # noqa: E402

from flows.settings import Settings  # noqa: E402
from flows.steps import run_direct  # noqa: E402
from tests.docgen.county import write_county  # noqa: E402
from tests.docgen.defects import known_defects  # noqa: E402

CODE = re.compile(r"编码 (\d{6}\d{2}P\d{11}[A-Z])")

FINDINGS = """
SELECT f.unit_code, p.project_code, f.rule_id, f.severity, f.message
FROM current_review_finding AS f
LEFT JOIN fct_project_budget AS b ON b.submission_key = f.submission_key AND b.project_seq = f.project_seq
LEFT JOIN dim_project AS p ON p.project_key = b.project_key
ORDER BY ALL
"""


def measure(units: int, copies: int, seed: int, sample: int, work: Path) -> None:
    """Print recall, findings per unit and a sample of findings for one generated county."""
    man = write_county(work / "inbox", units=units, seed=seed, copies=copies)
    warehouse = work / "jixiao.duckdb"
    run_direct(work / "inbox", warehouse, Settings(concurrency=2), progress=lambda _: None)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(FINDINGS).fetchall()
        unit_codes = [u for (u,) in con.execute(
            "SELECT unit_code FROM dim_submission WHERE is_current ORDER BY 1").fetchall()]
    known = known_defects(man)
    # A finding about the same defect in several projects names each project's code.
    found = {(u, c, r) for u, c, r, _, _ in rows}
    found |= {(u, c, r) for u, _, r, _, m in rows for c in CODE.findall(m)}
    hit = known & found
    print(f"county: {units} units, {len(unit_codes)} current submissions, {copies} copies planted")
    print(f"known defects: {len(known)}, found: {len(hit)} = {100 * len(hit) / len(known):.1f}%")
    by_rule = Counter(r for _, _, r in known)
    hit_rule = Counter(r for _, _, r in hit)
    for rule in sorted(by_rule):
        print(f"  {rule:28s} {hit_rule[rule]:4d} / {by_rule[rule]:4d}")
    missed = sorted(known - found, key=str)
    for m in missed[:10]:
        print("  missed:", m)
    sent = [r for r in rows if r[3] != "info"]
    per_unit = Counter(u for u, *_ in sent)
    counts = [per_unit.get(u, 0) for u in unit_codes]
    print(
        f"findings sent (error+warning): {len(sent)}; per unit median {statistics.median(counts)}, "
        f"max {max(counts)}; by severity {dict(Counter(r[3] for r in rows))}"
    )
    print("sent by rule:", dict(Counter(r[2] for r in sent).most_common()))
    def is_known(r: tuple[str, str | None, str, str, str]) -> bool:
        codes = [r[1]] if r[1] else CODE.findall(r[4]) or [None]
        return any((r[0], c, r[2]) in known for c in codes)

    unmatched = [r for r in sent if not is_known(r)]
    print(f"sent findings matching no known defect: {len(unmatched)}")
    for r in unmatched[:15]:
        print("  ", r[2], r[0], r[4][:160])
    print(f"--- random sample of {sample} sent findings, to judge ---")
    for r in random.Random(seed).sample(sent, min(sample, len(sent))):
        known_mark = "known" if is_known(r) else "NOT-KNOWN"
        print(f"[{known_mark}] {r[2]} {r[3]} {r[0]}: {r[4]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=int, default=40)
    ap.add_argument("--copies", type=int, default=8)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--sample", type=int, default=30)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        measure(args.units, args.copies, args.seed, args.sample, Path(tmp))


if __name__ == "__main__":
    main()
