"""Rename each label of each drawn fixture to a word nobody knows; a file then read differently must carry a warning.

    .venv/bin/python -m tests.label_mutations [templates|families|families2|selfevals|county-c|provinces-d ...]

For every fixture of the sets named (all six by default) and every short label text in it that the truth
does not hold as a value (项目名称, 实施单位, 其中：财政拨款, 评价结论 …), the label is replaced by 某某栏N in
document.xml and the file read again. Prints how many mutations read differently from the truth and which
of those carry no warning at all (the file looks perfect but is not): the reader's silent failures on
forms that differ from the known ones by one label. A content word (万元 in a 度量单位 cell) can show up
too; read its line before counting it.
"""

from __future__ import annotations

import io
import json
import re
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.docgen.compare import differences

_LABEL = re.compile(r"<w:t(?: [^>]*)?>([^<]{2,12})</w:t>")
IGNORED = frozenset({"extra", "sha256", "warnings", "file"})


def _strings(x: Any, out: list[str]) -> list[str]:
    if isinstance(x, dict):
        for k, v in x.items():
            if k not in IGNORED:
                _strings(v, out)
    elif isinstance(x, list):
        for v in x:
            _strings(v, out)
    elif isinstance(x, str):
        out.append(x)
    return out


def _scored(truth: dict[str, Any], pred: dict[str, Any]) -> tuple[float, ...]:
    """tests/score.py's figures of a reading (fields, indicator-row F1, raw and normalised targets)."""
    from tests.score import score_doc, summary

    sm = summary(score_doc(truth, pred))
    return tuple(round(float(sm.get(k) or 0.0), 3) for k in ("field_acc", "ind_F1", "raw_exact", "target_norm"))


def mutate(docx: Path, truth: dict[str, Any], scored: bool = False) -> list[tuple[str, list[str], bool]]:
    """Return (label renamed, differences from the truth, warned?) for each label of one fixture. With `scored`
    (the real-template sets, whose truth is contract v3 with keys of its own), a difference is a drop in
    tests/score.py's figures from those of the file as it is."""
    from extract.api import RejectedFile, extract_file, to_contract
    from extract.labels import reset_label_overrides

    base = _scored(truth, dict(to_contract(extract_file(docx)))) if scored else ()
    values = "\n".join(_strings(truth, []))
    with zipfile.ZipFile(docx) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    labels = sorted({t for t in _LABEL.findall(xml) if not re.search(r"[0-9０-９%％≥≤]", t)
                     and t.strip() and t.strip() not in values and t.strip().rstrip("。；;") not in values})
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mutated.docx"
        for i, label in enumerate(labels):
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
                for name, blob in parts.items():
                    z.writestr(name, xml.replace(f">{label}</w:t>", f">某某栏{i}</w:t>") if name == "word/document.xml"
                               else blob)
            path.write_bytes(buf.getvalue())
            reset_label_overrides()
            try:
                pred = dict(to_contract(extract_file(path)))
            except RejectedFile:
                out.append((label, ["rejected"], True))  # a rejection is said
                continue
            if scored:
                figures = _scored(truth, pred)
                out.append((label, [f"{base} -> {figures}"] if figures != base else [], bool(pred["warnings"])))
            else:
                out.append((label, differences(truth, pred, ignore=IGNORED), bool(pred["warnings"])))
    return out


def sets() -> dict[str, Callable[[Path], list[Path]]]:
    from tests.docgen.families import write_families
    from tests.docgen.families2 import write_families2
    from tests.docgen.selfeval import write_self_evaluations
    from tests.docgen.templates import write_templates

    return {"templates": write_templates, "families": write_families, "families2": write_families2,
            "selfevals": write_self_evaluations}


REAL_SETS = ("county-c", "provinces-d")


def real_fixtures(name: str) -> list[tuple[Path, dict[str, Any]]]:
    """The .docx of a real-template set (tests/data/real-templates) with their truth."""
    from tests.paths import REAL_TEMPLATES

    root = REAL_TEMPLATES / name
    return [(docx, json.loads((root / "truth" / f"{docx.stem}.json").read_text(encoding="utf-8")))
            for docx in sorted((root / "docs").glob("*.docx"))]


def main(argv: list[str]) -> int:
    chosen = argv[1:] or [*sets(), *REAL_SETS]
    for name in chosen:
        with tempfile.TemporaryDirectory() as tmp:
            real = name in REAL_SETS
            fixtures = real_fixtures(name) if real else [
                (d, json.loads(d.with_suffix(".json").read_text(encoding="utf-8"))) for d in sets()[name](Path(tmp))]
            total = changed = 0
            silent: list[str] = []
            for docx, truth in fixtures:
                for label, diffs, warned in mutate(docx, truth, scored=real):
                    total += 1
                    changed += bool(diffs)
                    if diffs and not warned:
                        silent.append(f"  {docx.stem}: “{label}” → {diffs[0][:110]}")
            print(f"{name}: {total} labels renamed, {changed} read differently, {len(silent)} of them without a warning")
            print("\n".join(silent))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
