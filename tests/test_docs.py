"""Documentation stays true: every command and every analyst view is in the README."""

from __future__ import annotations

import re
from pathlib import Path

from flows.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    return sorted(sub.choices)


def test_every_cli_command_is_documented_in_the_readme() -> None:
    missing = [c for c in _commands() if f"jixiao {c}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_every_mart_is_named_in_the_readme() -> None:
    marts = sorted(p.stem for p in (ROOT / "sql").glob("mart_*.sql"))
    assert len(marts) >= 7
    missing = [m for m in marts if m not in README]
    assert not missing, f"marts missing from README.md: {missing}"


def test_make_targets_the_readme_names_exist() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, flags=re.M))
    named = set(re.findall(r"\bmake ([a-z][\w-]*)", README))
    assert {"demo", "test"} <= named
    assert named <= targets, f"README names make targets the Makefile lacks: {named - targets}"
