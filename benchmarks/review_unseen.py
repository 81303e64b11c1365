"""The review rules on files our county generator did not draw: every sent finding, and a sample to judge.

Builds one inbox of the real-template sets (tests/data/real-templates/*/docs), the seed, every
template family (tests/docgen families and families2) and the published templates (tests/docgen
templates), ingests it through the real pipeline (flows.steps.run_direct: extraction, rules,
load), then prints every error and warning of current_review_finding and current_selfeval_finding
(what `jixiao feedback` sends) with the row it is about, the rules that fire on more than a third
of the files, and a seeded random sample of the review findings for a reviewer to judge against
`jixiao explain FILE`. The judged table is in benchmarks/RESULTS.md.

    .venv/bin/python benchmarks/review_unseen.py [--seed 20261206] [--sample 30] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import duckdb  # noqa: E402

from flows.settings import Settings  # noqa: E402
from flows.steps import run_direct  # noqa: E402
from tests.docgen.families import write_families  # noqa: E402
from tests.docgen.families2 import write_families2  # noqa: E402
from tests.docgen.templates import write_templates  # noqa: E402
from tests.paths import DATA  # noqa: E402

SENT = """
SELECT f.rule_id, f.severity, s.file_name, f.project_seq, f.indicator_seq, f.message,
       t.level1, t.level2, t.indicator_name, t.target_raw
FROM current_review_finding AS f
JOIN dim_submission AS s USING (submission_key)
LEFT JOIN fct_indicator_target AS t
  ON t.submission_key = f.submission_key AND t.project_seq = f.project_seq
  AND t.indicator_seq = f.indicator_seq
WHERE f.severity IN ('error', 'warning')
ORDER BY f.rule_id, s.file_name, f.project_seq, f.indicator_seq
"""

SELFEVAL = """
SELECT f.rule_id, f.severity, s.file_name, f.message
FROM current_selfeval_finding AS f JOIN dim_submission AS s USING (submission_key)
WHERE f.severity IN ('error', 'warning') ORDER BY ALL
"""


def build_inbox(inbox: Path) -> int:
    """Write every file not drawn by the county generator into `inbox`; return how many."""
    inbox.mkdir(parents=True)
    for doc in sorted((DATA / "real-templates").glob("*/docs/*.docx")):
        shutil.copy(doc, inbox / doc.name)
    shutil.copy(DATA / "seed_306001_2022.docx", inbox / "seed_306001_2022.docx")
    for name, write in (
        ("families", write_families),
        ("families2", write_families2),
        ("templates", write_templates),
    ):
        out = inbox.parent / name
        write(out)
        for doc in sorted(out.glob("*.docx")):
            shutil.copy(doc, inbox / f"{name}__{doc.name}")
    return len(list(inbox.glob("*.docx")))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=20261206)
    ap.add_argument("--sample", type=int, default=30)
    ap.add_argument("--keep", type=Path, help="build in this (new) folder and keep it")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        files = build_inbox(work / "inbox")
        warehouse = work / "jixiao.duckdb"
        run_direct(work / "inbox", warehouse, Settings(concurrency=2), progress=lambda _: None)
        with duckdb.connect(str(warehouse), read_only=True) as con:
            rows = con.execute(SENT).fetchall()
            selfeval = con.execute(SELFEVAL).fetchall()
    print(f"{files} files; {len(rows)} review findings sent (errors and warnings)")
    for i, r in enumerate(rows):
        print(i, " | ".join("" if v is None else str(v) for v in r))
    per_rule: dict[str, set[str]] = {}
    for r in rows:
        per_rule.setdefault(r[0], set()).add(r[2])
    eager = sorted(rule for rule, fs in per_rule.items() if len(fs) > files / 3)
    print(f"rules on more than a third of the files: {eager or 'none'}")
    print(f"{len(selfeval)} self-evaluation findings sent")
    for r in selfeval:
        print(" | ".join(str(v) for v in r))
    pick = sorted(random.Random(args.seed).sample(range(len(rows)), min(args.sample, len(rows))))
    print(f"sample (seed {args.seed}): {pick}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
