"""The repository stands alone: no tracked file points at the reference shelf or a machine path.

A clone in any folder must pass `make test` and `make demo` with nothing beside it (issue 10);
.ci/run proves it by running the tests from a copy in a fresh temporary folder, and this test
catches the paths that would break that before CI does. Markdown may name the shelf (the
README says where the copies in docs/contract and tests/data come from).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.paths import ROOT

# Built from parts so that this file does not match itself.
FORBIDDEN = ("../" + "shared", "/" + "work/")
# Outside a git checkout (the copy .ci/run tests in), what .gitignore leaves out.
SKIPPED_DIRS = {".git", ".venv", "var", "build", "__pycache__", ".mypy_cache", ".ruff_cache",
                ".pytest_cache", ".hypothesis"}


def tracked_files() -> list[Path]:
    """Return the files git tracks (or, outside a git checkout, every file of the tree)."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
        ).stdout
        return [ROOT / name for name in out.decode().split("\0") if name]
    except (OSError, subprocess.CalledProcessError):
        return [
            p for p in ROOT.rglob("*")
            if p.is_file() and not any(
                part in SKIPPED_DIRS or part.endswith(".egg-info") for part in p.relative_to(ROOT).parts
            )
        ]


def test_no_tracked_file_reads_outside_the_repository() -> None:
    files = [p for p in tracked_files() if p.suffix != ".md" and p.is_file()]
    assert len(files) > 50, "expected the repository's files"
    offenders = [
        f"{p.relative_to(ROOT)}: {needle}"
        for p in files
        for needle in FORBIDDEN
        if needle.encode() in p.read_bytes()
    ]
    assert offenders == [], "files pointing outside the repository:\n" + "\n".join(offenders)

