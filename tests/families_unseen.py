"""Read the template families of tests/docgen/families.py and score each against its exact truth.

    .venv/bin/python -m tests.families_unseen [OUT_DIR]

Prints one line per family: fields % (tests/score.py's field accuracy), indicator-row F1, and the
warnings the reading raised. Run before a family is taught to the reader, it is the unseen figure
written in the family's docstring; run after, it shows what the reader has learnt since.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.docgen.families import FAMILIES, write_families
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


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else Path(tempfile.mkdtemp(prefix="families_"))
    write_families(folder)
    print(f"{'family':24} {'fields %':>9} {'ind F1':>7}  warnings")
    for name in FAMILIES:
        truth, pred, rejected = read_family(folder, name)
        sm = score_family(truth, pred)
        kinds = "rejected: " + (rejected or "")[:40] if pred is None else ", ".join(
            sorted({w["kind"] for w in pred["warnings"]})) or "none"
        print(f"{name:24} {sm['field_acc']:9.1f} {sm['ind_F1']:7.1f}  {kinds}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
