"""Read the template families of tests/docgen/families.py and families2.py and score each against its exact truth.

    .venv/bin/python -m tests.families_unseen [OUT_DIR] [--suggest]

Prints one line per family: fields % (tests/score.py's field accuracy), indicator-row F1, the number of
differences from the truth (every field, evaluation included; extra not compared), the silent gaps (parts
read wrong that tests/test_families*.py lists with no warning naming them), and the warnings raised. Run before a family is taught to the reader, it is the unseen figure
written in the family's docstring; run after, it shows what the reader has learnt since. With
--suggest, each family is read again with what `jixiao explain --suggest` registers for it.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.docgen.compare import differences
from tests.docgen.families import FAMILIES, write_families
from tests.docgen.families2 import FAMILIES2, write_families2
from tests.score import score_doc, summary


def read_family(folder: Path, name: str) -> tuple[dict[str, Any], dict[str, Any] | None, str | None]:
    """Return (truth, extracted JSON or None, rejection reason or None) for one written family."""
    import json

    from extract.api import RejectedFile, extract_file, to_contract

    truth = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    try:
        return truth, dict(to_contract(extract_file(folder / f"{name}.docx"))), None
    except RejectedFile as exc:
        return truth, None, str(exc)


def score_family(truth: dict[str, Any], pred: dict[str, Any] | None) -> dict[str, Any]:
    """Return tests/score.py's summary (field_acc, ind_F1 …) of one extraction against its truth."""
    return summary(score_doc(truth, pred))


def suggested_labels(path: Path) -> dict[str, dict[str, list[str]]]:
    """Return the [labels] table `jixiao explain --suggest` prints for one file."""
    import tomllib

    from extract.api import explain_file
    from extract.suggest import document_tables, format_snippet, suggest

    submission, reading, _ = explain_file(path)
    snippet = format_snippet(path.name, suggest(submission, reading.tables, document_tables(path)))
    labels: dict[str, dict[str, list[str]]] = tomllib.loads(snippet).get("labels", {})
    return labels


def silent_counts(truth: dict[str, Any], pred: dict[str, Any] | None, name: str) -> tuple[int, int]:
    """Return (differences, silent gaps) of one reading: gaps listed with no warning that still differ."""
    from tests.test_families import GAPS, NOT_COMPARED
    from tests.test_families2 import GAPS2

    if pred is None:
        return 1, 0
    diffs = differences(truth, pred, ignore=NOT_COMPARED)
    silent = [g for g in {**GAPS, **GAPS2}.get(name, []) if g.warning is None]
    return len(diffs), sum(1 for g in silent if any(d.startswith(g.paths) for d in diffs))


def main(argv: list[str]) -> int:
    from extract.labels import extend_labels, reset_label_overrides

    args = [a for a in argv[1:] if not a.startswith("--")]
    folder = Path(args[0]) if args else Path(tempfile.mkdtemp(prefix="families_"))
    write_families(folder)
    write_families2(folder)
    print(f"{'family':27} {'fields %':>9} {'ind F1':>7} {'diffs':>6} {'silent':>6}  warnings")
    for name in [*FAMILIES, *FAMILIES2]:
        reset_label_overrides()
        rounds = ["", "+ suggest"] if "--suggest" in argv else [""]
        for label in rounds:
            if label:
                found = suggested_labels(folder / f"{name}.docx")
                extend_labels(found.get("header", {}), found.get("indicator", {}),
                              found.get("boilerplate", {}).get("lines", []))
            truth, pred, rejected = read_family(folder, name)
            sm = score_family(truth, pred)
            kinds = "rejected: " + (rejected or "")[:40] if pred is None else ", ".join(
                sorted({w["kind"] for w in pred["warnings"]})) or "none"
            shown = "  " + label if label else name
            n, quiet = silent_counts(truth, pred, name)
            print(f"{shown:27} {sm['field_acc']:9.1f} {sm['ind_F1']:7.1f} {n:6d} {quiet:6d}  {kinds}")
    reset_label_overrides()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
