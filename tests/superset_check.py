"""`make test-bi`: the Superset recipe of docs/bi.md against a real Apache Superset 6.1.

Opt-in, not part of `make test` (it installs Superset, ~1 GB, in var/bi/superset-venv and takes
minutes). It builds a small warehouse (the seed, its 2023 re-dating, a second unit), starts Superset
on 127.0.0.1 with its own metadata database under var/bi, runs `jixiao superset-register`'s library
function, then checks through the REST API that every mart is a dataset with Chinese labels and that
every chart of the starter dashboard returns rows. Prints what it saw; exit 1 on any failure.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from extract.batch import extract_one
from flows.commands.bi import Superset, register_warehouse
from tests.paths import ROOT, SEED_DOCX
from tests.test_marts_yoy import redated_2023
from tests.warehouse_records import other_unit, outcome
from transform.frames import build_frames
from transform.rules import run_rules
from warehouse.load import load
from warehouse.schema import sql_objects

WORK = ROOT / "var" / "bi"
PASSWORD = "jixiao-bi-check"


def build_warehouse() -> Path:
    """Return a fresh warehouse with two years of the seed unit and a second unit."""
    wh = WORK / "warehouse" / "jixiao.duckdb"
    wh.parent.mkdir(parents=True, exist_ok=True)
    for old in wh.parent.glob("*jixiao.duckdb*"):
        old.unlink()
    first = build_frames([extract_one(SEED_DOCX)], "BI1")
    load(wh, first, run_rules(first))
    second = redated_2023(SEED_DOCX, WORK / "seed_306001_2023.docx")
    frames = build_frames([extract_one(second), outcome(other_unit(), "/inbox/307002.docx")], "BI2")
    load(wh, frames, run_rules(frames))
    return wh


def next_load(wh: Path) -> None:
    """Publish one more load (a third unit) while Superset is running."""
    record = other_unit()
    record["unit"] = {"code": "308002", "name": "文安县实验小学"}
    load(wh, build_frames([outcome(record, "/inbox/308002.docx")], "BI3"))


def superset_env(venv: Path) -> dict[str, str]:
    """Return the environment for Superset commands: its own config and metadata db under var/bi."""
    home = WORK / "home"
    home.mkdir(parents=True, exist_ok=True)
    config = home / "superset_config.py"
    if not config.exists():
        config.write_text(
            f"SECRET_KEY = {secrets.token_urlsafe(42)!r}\n"
            f"SQLALCHEMY_DATABASE_URI = 'sqlite:///{home / 'superset.db'}'\n"
            "TALISMAN_ENABLED = False\n"
            "BABEL_DEFAULT_LOCALE = 'zh'\n",
            encoding="utf-8",
        )
    env = dict(os.environ)
    env.update(
        SUPERSET_CONFIG_PATH=str(config),
        SUPERSET_HOME=str(home),
        FLASK_APP="superset",
        PATH=f"{venv / 'bin'}:{env.get('PATH', '')}",
    )
    return env


def superset(venv: Path, *args: str) -> None:
    started = time.perf_counter()
    done = subprocess.run(
        [str(venv / "bin" / "superset"), *args],
        env=superset_env(venv),
        capture_output=True,
        text=True,
        timeout=900,
    )
    if done.returncode != 0:
        raise SystemExit(
            f"superset {' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
        )
    print(
        f"superset {args[0]} {args[1] if len(args) > 1 else ''}: {time.perf_counter() - started:.0f} s"
    )


def wait_healthy(url: str, server: subprocess.Popen[bytes], seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"Superset exited with status {server.returncode} while starting")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=5) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(2)
    raise SystemExit(f"Superset did not answer {url}/health within {seconds:.0f} s")


def check(url: str, wh: Path) -> list[str]:
    """Register, then return the problems found through the API (empty: all good)."""
    problems: list[str] = []
    first = register_warehouse(url, "admin", PASSWORD, wh, None, "jixiao 绩效")
    again = register_warehouse(url, "admin", PASSWORD, wh, None, "jixiao 绩效")  # idempotent
    if again["datasets"] != first["datasets"] or again["dashboard"] != first["dashboard"]:
        problems.append("registering twice created new objects")
    api = Superset(url, "admin", PASSWORD)
    marts = sorted(o.name for o in sql_objects() if o.name.startswith("mart_"))
    registered = sorted(first["datasets"])
    print(f"datasets: {len(registered)} of {len(marts)} marts")
    if registered != marts:
        problems.append(f"datasets {registered} != marts {marts}")
    unit_budget = api.call("GET", f"/api/v1/dataset/{first['datasets']['mart_unit_budget']}")[
        "result"
    ]
    labels = {c["column_name"]: c["verbose_name"] for c in unit_budget["columns"]}
    print(f"mart_unit_budget.budget_total_yuan verbose_name: {labels.get('budget_total_yuan')}")
    if labels.get("budget_total_yuan") != "预算数合计（元）":
        problems.append(f"budget_total_yuan labelled {labels.get('budget_total_yuan')!r}")
    if unit_budget.get("main_dttm_col") != "fiscal_year_start":
        problems.append(f"time column {unit_budget.get('main_dttm_col')!r}")
    metrics = sorted(m["metric_name"] for m in unit_budget["metrics"])
    print(f"mart_unit_budget metrics: {', '.join(metrics)}")
    for chart_id in first["charts"]:
        chart = api.call("GET", f"/api/v1/chart/{chart_id}")["result"]
        data = api.call("GET", f"/api/v1/chart/{chart_id}/data/")
        rows = data["result"][0]["data"]
        print(
            f"chart {chart['slice_name']}: {len(rows)} rows, first {json.dumps(rows[:1], ensure_ascii=False)}"
        )
        if not rows:
            problems.append(f"chart {chart['slice_name']} returned no rows")
    # The freshness chart after another load, without forcing: Superset's one connection per query
    # (NullPool) must show the new load on the next refresh (docs/bi.md).
    next_load(wh)
    fresh = api.call("GET", f"/api/v1/chart/{first['charts'][0]}/data/")["result"][0]["data"]
    print(f"数据截至 after load BI3: {json.dumps(fresh, ensure_ascii=False)}")
    if not fresh or fresh[0].get("last_load_id") != "BI3":
        problems.append("Superset did not show the next load")
    # An ad-hoc query the way Explore sends it: budget change per unit from mart_unit_yoy.
    yoy = api.call(
        "POST",
        "/api/v1/chart/data",
        {
            "datasource": {"id": first["datasets"]["mart_unit_yoy"], "type": "table"},
            "queries": [
                {
                    "columns": ["unit_name", "fiscal_year"],
                    "metrics": ["sum__budget_change_yuan"],
                    "row_limit": 10,
                }
            ],
            "result_format": "json",
            "result_type": "full",
        },
    )["result"][0]["data"]
    print(f"mart_unit_yoy through /api/v1/chart/data: {json.dumps(yoy, ensure_ascii=False)}")
    if not any(r.get("sum__budget_change_yuan") == 100000.0 for r in yoy):
        problems.append("mart_unit_yoy did not show the seed unit's +100000 元")
    dashboard = api.call("GET", f"/api/v1/dashboard/{first['dashboard']}")["result"]
    print(
        f"dashboard: {dashboard['dashboard_title']} ({url}/superset/dashboard/{dashboard['slug']}/)"
    )
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--superset-venv", type=Path, default=WORK / "superset-venv")
    parser.add_argument("--port", type=int, default=8089)
    args = parser.parse_args()
    venv = args.superset_venv.resolve()
    url = f"http://127.0.0.1:{args.port}"
    wh = build_warehouse()
    print(f"warehouse: {wh}")
    superset(venv, "db", "upgrade")
    superset(
        venv,
        "fab",
        "create-admin",
        "--username",
        "admin",
        "--firstname",
        "jixiao",
        "--lastname",
        "bi",
        "--email",
        "admin@jixiao.local",
        "--password",
        PASSWORD,
    )
    superset(venv, "init")
    log = (WORK / "superset-server.log").open("wb")
    server = subprocess.Popen(
        [
            str(venv / "bin" / "superset"),
            "run",
            "-h",
            "127.0.0.1",
            "-p",
            str(args.port),
            "--with-threads",
        ],
        env=superset_env(venv),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        started = time.perf_counter()
        wait_healthy(url, server)
        print(f"Superset up at {url} after {time.perf_counter() - started:.0f} s")
        problems = check(url, wh)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    for p in problems:
        print(f"PROBLEM: {p}", file=sys.stderr)
    print("superset check: " + ("FAILED" if problems else "passed"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
