"""Extract one file: bytes on disk -> a Submission record, or RejectedFile with a reason."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from extract.dispatch import load_document
from extract.errors import RejectedFile
from extract.records import Submission
from extract.submission import parse_submission, read_body
from extract.trace import Reading, format_reading
from extract.wordml import w

__all__ = ["RejectedFile", "explain_file", "extract_bytes", "extract_file", "to_contract"]

# Lineage carried by the in-memory record for the warehouse, not part of the JSON contract.
LINEAGE_KEYS = ("source_table", "source_row")


def extract_bytes(data: bytes, name: str) -> Submission:
    """Return the Submission read from a file's bytes; raise RejectedFile when unreadable."""
    submission = parse_submission(load_document(data, name), name)
    submission["sha256"] = hashlib.sha256(data).hexdigest()
    return submission


def extract_file(path: Path) -> Submission:
    """Return the Submission read from `path`; raise RejectedFile when it cannot be read."""
    return extract_bytes(Path(path).read_bytes(), Path(path).name)


def explain_file(path: Path, cells: bool = False) -> tuple[Submission, Reading, str]:
    """Return a file's Submission, how each of its paragraphs and cells was read, and that reading as text.

    `cells=True` lists every cell with its fate; otherwise cells read as values are only counted.
    """
    from extract.grid import prepare_document

    data = Path(path).read_bytes()
    root = load_document(data, Path(path).name)
    prepare_document(root)
    body = root.find(w("body"))
    if body is None:
        raise RejectedFile("文件中没有正文内容，请确认提交的是绩效目标申报文件。", kind="no_content")
    submission, reading = read_body(body, Path(path).name, keep_cells=True)
    submission["sha256"] = hashlib.sha256(data).hexdigest()
    return submission, reading, format_reading(reading, cells)


def to_contract(submission: Submission) -> dict[str, Any]:
    """Return the record as the extraction contract's JSON object (lineage removed)."""
    out: dict[str, Any] = dict(submission)
    out["projects"] = [
        {
            **{k: v for k, v in project.items() if k not in LINEAGE_KEYS},
            "indicators": [
                {k: v for k, v in ind.items() if k not in LINEAGE_KEYS} for ind in project["indicators"]
            ],
        }
        for project in submission["projects"]
    ]
    if submission["department_goals"] is not None:
        dept = submission["department_goals"]
        out["department_goals"] = {
            **dept, "indicators": [{k: v for k, v in ind.items() if k not in LINEAGE_KEYS} for ind in dept["indicators"]]
        }
    return out
