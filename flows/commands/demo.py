"""`jixiao demo`: generate a sample county, run the nightly flow on it, show a few marts."""

from __future__ import annotations

import argparse
import contextlib
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from flows.settings import SettingsError, load_settings

# Questions the marts answer, shown after the run: (title, SQL). Read-only, through warehouse/.
DEMO_QUERIES: tuple[tuple[str, str], ...] = (
    (
        "自评复核发现 what the self-evaluations' re-check found (mart_selfeval_audit)",
        "SELECT rule_id, unit_code, project_name, indicator_name, stated_value, expected_value "
        "FROM mart_selfeval_audit ORDER BY severity_rank, rule_id, unit_code LIMIT 10",
    ),
    (
        "预算最多的 5 个单位 top 5 units by budget (mart_unit_budget)",
        "SELECT unit_code, unit_name, projects, budget_total_yuan, budget_fiscal_yuan "
        "FROM mart_unit_budget ORDER BY budget_total_yuan DESC NULLS LAST LIMIT 5",
    ),
    (
        "定量指标占比最低的 5 个单位 units with the fewest quantified targets (mart_unit_quality)",
        "SELECT unit_code, unit_name, indicators, quantified_pct, vague_pct, duplicates "
        "FROM mart_unit_quality ORDER BY quantified_pct ASC NULLS FIRST, unit_code LIMIT 5",
    ),
    (
        "审核发现最多的规则 review rules with the most findings (mart_rule_summary)",
        "SELECT rule_id, severity, findings, units_affected "
        "FROM mart_rule_summary ORDER BY findings DESC, rule_id LIMIT 5",
    ),
)

def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `demo` sub-command."""
    parser = subparsers.add_parser(
        "demo",
        help="generate a sample county, ingest it with the nightly flow, show a few marts",
        description="Writes about 60 units' generated submissions (every layout variant and a few "
        "hostile files) and each unit's year-end self-evaluation into DIR/inbox, runs the nightly flow into DIR/warehouse, prints the run "
        "summary and a few mart results. DIR is wiped first, so the demo is repeatable.",
    )
    parser.add_argument("--dir", default="var/demo", help="demo folder (default: var/demo)")
    parser.add_argument("--units", type=int, default=60, help="units in the county (default: 60)")
    parser.add_argument("--seed", type=int, default=2022, help="generator seed (default: 2022)")
    parser.add_argument("--config", help="TOML settings file (runner, concurrency, batch size ...)")
    parser.set_defaults(func=run)


def query_table(warehouse: Path, sql: str) -> str:
    """Return a read-only query's result as an aligned text table (as `jixiao sql` prints it)."""
    from flows.commands.sql import format_table
    from warehouse.connect import open_readonly

    con = open_readonly(warehouse)
    try:
        rel = con.sql(sql)
        return format_table(list(rel.columns), rel.fetchall())
    finally:
        con.close()


def _describe(counts: dict[str, int]) -> str:
    """Return what the generated inbox holds: units, projects, and files by expected outcome."""
    # The run summary counts every file that entered the warehouse as loaded, including the
    # older versions a later file of the same run then supersedes; say it the same way.
    loaded, superseded = counts.get("loaded", 0), counts.get("superseded", 0)
    parts = [f"{loaded + superseded} loaded ({superseded} of them then superseded by a later version)"]
    parts += [f"{counts[s]} {s}" for s in ("duplicate", "rejected") if counts.get(s)]
    if counts.get("self_evaluation"):
        parts.append(f"{counts['self_evaluation']} self-evaluations (绩效自评表, one per unit, "
                     "linked to its targets, with a few planted problems for the 自评复核: mart_selfeval_audit)")
    return f"{counts.get('units', 0)} units, {counts.get('projects', 0)} projects; expect {', '.join(parts)}"


def jixiao_command() -> str:
    """Return how to run jixiao from this shell: the venv's script, relative when it is below here."""
    script = Path(sys.executable).with_name("jixiao")
    if not script.exists():
        return "jixiao"
    try:
        return str(script.relative_to(Path.cwd()))
    except ValueError:
        return str(script)


def mart_names(warehouse: Path) -> list[str]:
    """Return the warehouse's mart views, read from the warehouse itself."""
    from warehouse.connect import open_readonly

    con = open_readonly(warehouse)
    try:
        rows = con.execute(
            "SELECT view_name FROM duckdb_views() WHERE view_name LIKE 'mart\\_%' ESCAPE '\\' "
            "ORDER BY view_name"
        ).fetchall()
    finally:
        con.close()
    return [str(name) for (name,) in rows]


def _say(text: str) -> None:
    print(text, flush=True)


def run(args: argparse.Namespace) -> int:
    """Run the demo end to end; return 0 when the flow completed and the marts answered."""
    root = Path(args.dir)
    inbox, warehouse = root / "inbox", root / "warehouse" / "jixiao.duckdb"
    try:
        settings = load_settings(args.config, inbox=inbox, warehouse=warehouse, runner="threads")
    except SettingsError as exc:
        print(f"jixiao demo: {exc}", file=sys.stderr)
        return 2
    started = time.perf_counter()

    _say(f"[1/4] 生成示例县 generating a sample county ({args.units} units) into {inbox} ...")
    for old in (inbox, warehouse.parent):
        shutil.rmtree(old, ignore_errors=True)  # only the demo's own folders
    from tests.docgen.county import write_county

    # Beside the targets, each unit's year-end self-evaluation of the same projects, with a few
    # planted problems for the 自评复核 (manifest.planted_selfeval).
    manifest = write_county(inbox, units=args.units, seed=args.seed, self_evaluations=True)
    files = [p for p in inbox.rglob("*") if p.is_file()]
    _say(f"      {len(files)} files written ({time.perf_counter() - started:.0f} s): "
         f"{_describe(manifest.counts())}")

    _say("[2/4] 运行入库流程 running the nightly flow (Prefect) ...")
    from flows import local_api, progress, steps
    from flows.commands.ingest import prefect_api_url
    from flows.nightly import configured_flow

    api: Any = contextlib.nullcontext()
    if not prefect_api_url():
        from flows import interrupts

        interrupts.exit_hard_on_interrupt()  # as `jixiao ingest` (flows/commands/ingest.py)
        api = local_api.temporary_api()  # quiet, in a session of its own (flows/local_api.py)
        _say("      no PREFECT_API_URL: a temporary local Prefect API starts first "
             "(~20 s, longer the very first time)")
    with api, progress.showing_run(sys.stderr):
        state = configured_flow(settings)(inbox, warehouse, settings, return_state=True)
    if not state.is_completed():
        print(f"jixiao demo: the flow did not complete ({state.name}): {state.message}", file=sys.stderr)
        return 1
    _say(steps.format_summary(state.result()))

    _say("[3/4] 看看数据集市 a few mart results")
    jixiao = jixiao_command()
    for title, sql in DEMO_QUERIES:
        _say(f"\n{title}\n  {jixiao} sql \"{sql}\" --warehouse {warehouse}")
        _say(query_table(warehouse, sql))
    marts = mart_names(warehouse)
    from warehouse.connect import reader_cli_command, reader_url

    report = _write_report(warehouse, manifest.year, root / "report")
    _say(f"""
完成 done in {time.perf_counter() - started:.0f} s. The warehouse is {warehouse.resolve()}
Query it read-only, any time (even while a nightly load runs):
  {jixiao} sql "SELECT * FROM mart_unit_budget LIMIT 10" --warehouse {warehouse}
  {reader_cli_command(warehouse)}
      (the DuckDB CLI, if installed: read-only, nothing outside the warehouse)
  BI tools (Superset, Metabase ...): duckdb-engine URL {reader_url(str(warehouse.resolve()))}
  Notebooks: from warehouse.notebook import query; query("SELECT * FROM mart_unit_budget")
Marts ({len(marts)}, see docs/data-dictionary.md): {", ".join(marts)}
The county report (Word): {report}
  {jixiao} report --year {manifest.year} --out {report} --warehouse {warehouse}
Review letters: {jixiao} feedback --format docx --out {root / "feedback"} --warehouse {warehouse}
Check every file is accounted for: {jixiao} verify --warehouse {warehouse}
Ingest your own folder: {jixiao} ingest PATH/TO/INBOX --warehouse {warehouse}""")
    return 0


def _write_report(warehouse: Path, year: int, out_dir: Path) -> Path:
    """Write the demo county's 绩效目标审核情况报告 (what `jixiao report` writes) and return its path."""
    from reports.report_data import report_data
    from reports.report_docx import write_report

    _say(f"[4/4] 写出县级报告 writing the county report for {year} (Word, with charts) ...")
    path = write_report(report_data(warehouse, year), out_dir / f"{year}年度绩效目标审核情况报告.docx")
    _say(f"      {path}")
    return path
