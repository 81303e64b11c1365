"""Commands start at once: each verb imports only what it uses.

Checked on `sys.modules` of a fresh interpreter, not on the clock (benchmarks/startup.py prints
the times): `jixiao extract` reads Word files without polars, DuckDB or Prefect, and the parser
of every command (what `jixiao --help` builds) imports none of the heavy libraries.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from flows.commands import feedback as feedback_command
from reports import feedback
from tests.paths import ROOT, SEED_DOCX

HEAVY = ("polars", "duckdb", "prefect", "pyarrow", "docx", "xlsxwriter", "matplotlib", "rich")


def _loaded_after(code: str) -> list[str]:
    """Return which of HEAVY a fresh interpreter has imported after running `code`."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return list(json.loads(result.stdout.strip().splitlines()[-1]))


def test_jixiao_extract_imports_no_polars_duckdb_or_prefect(tmp_path: Path) -> None:
    out = tmp_path / "out"
    loaded = _loaded_after(
        "from flows.cli import main\n"
        f"assert main(['extract', {str(SEED_DOCX)!r}, '--out', {str(out)!r}]) == 0"
    )
    assert (out / f"{SEED_DOCX.stem}.json").is_file()  # it did read the file
    assert not {"polars", "duckdb", "prefect", "pyarrow"} & set(loaded), loaded


def test_a_command_named_first_loads_only_its_own_module(tmp_path: Path) -> None:
    probe = (
        "import json, sys\nfrom flows.cli import main\n"
        f"assert main(['extract', {str(SEED_DOCX)!r}, '--out', {str(tmp_path)!r}]) == 0\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('flows.commands.'))))"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == ["flows.commands.extract"]
    # A command another module registers (lake's `province`) still parses: the whole parser.
    from flows.cli import build_parser

    assert build_parser("province").parse_args(["province", "inbox", "--lake", "lake"]).inbox == "inbox"


def test_the_parser_of_every_command_imports_no_heavy_library() -> None:
    loaded = _loaded_after("from flows.cli import build_parser\nbuild_parser()")
    assert loaded == []


def test_the_cli_spells_the_feedback_constants_as_reports_does() -> None:
    assert feedback_command.SEVERITY_ORDER == feedback.SEVERITY_ORDER
    assert feedback_command.REJECTED_FILE == feedback.REJECTED_FILE


def test_a_rerun_with_nothing_new_starts_no_prefect(tmp_path: Path) -> None:
    from flows.settings import Settings
    from flows.steps import run_direct
    from tests.docgen.county import write_county

    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh" / "jixiao.duckdb"
    write_county(inbox, units=3, seed=7)
    run_direct(inbox, warehouse, Settings(inbox=inbox, warehouse=warehouse), progress=lambda _: None)
    files = sum(1 for p in inbox.rglob("*") if p.is_file())
    probe = (
        "import contextlib, io, sys\n"
        "from flows.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        f"    status = main(['ingest', {str(inbox)!r}, '--warehouse', {str(warehouse)!r}])\n"
        "assert status == 0, status\n"
        f"assert '| 已入库跳过 already in ledger (skipped) | {files} |' in out.getvalue(), out.getvalue()\n"
    )
    assert "prefect" not in _loaded_after(probe)
