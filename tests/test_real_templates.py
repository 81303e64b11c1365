"""The real-template sets (tests/data/real-templates) read exactly: fields and indicator rows, scored by tests/score.py.

Each set is one or more published templates filled in for real-sounding units, with exact truth
beside each file. They are read out of the box (no [labels]), and, read exactly, carry no warning.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import score
from tests.paths import REAL_TEMPLATES

SETS = sorted(p.name for p in REAL_TEMPLATES.iterdir() if (p / "truth").is_dir())


@pytest.mark.parametrize("name", SETS)
def test_real_template_set_reads_exactly(tmp_path: Path, name: str) -> None:
    from extract.api import extract_file, to_contract

    warned = {}
    for doc in sorted((REAL_TEMPLATES / name / "docs").glob("*.docx")):
        out = to_contract(extract_file(doc))
        warned[doc.name] = [f"[{w['kind']}] {w['where']}：{w['message']}" for w in out["warnings"]]
        (tmp_path / f"{doc.stem}.json").write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    per, overall = score.score_dirs(str(REAL_TEMPLATES / name / "truth"), str(tmp_path))
    summary = score.summary(overall)
    wrong = {f: v["acc"] for f, v in summary["fields"].items() if v["acc"] < 100}
    assert summary["missing"] == 0 and summary["docs"] >= 4
    assert summary["field_acc"] >= 99, f"{name}: fields {summary['field_acc']:.1f}%; below 100%: {wrong}"
    assert summary["ind_F1"] >= 99, f"{name}: indicator-row F1 {summary['ind_F1']:.1f} (P {summary['ind_P']:.1f}, R {summary['ind_R']:.1f})"
    assert summary["raw_exact"] >= 99 and summary["target_norm"] >= 99, summary
    assert not any(warned.values()), f"{name}: files read exactly carry warnings: {warned}"
