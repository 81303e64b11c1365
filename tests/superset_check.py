"""`make test-bi`: the Superset recipe of docs/bi.md against a real Apache Superset 6.1.

Opt-in, not part of `make test` (it installs Superset, ~1 GB, in var/bi/superset-venv and takes
minutes). It builds a small warehouse (the seed, its 2023 re-dating, a second unit), starts Superset
under gunicorn on 127.0.0.1 with the shipped configuration (bi/superset/superset_config.py) and its
own metadata database under var/bi, runs `jixiao superset-register`'s library function, then checks
through the REST API that every mart is a dataset with Chinese labels and metrics in 万元/亿元, that
every chart of the starter dashboard returns rows, that the results cache serves a repeat query and
misses after a load, and that SQL Lab on the registered database cannot read or write a file,
SET access back on or load an extension. Last, headless Chromium logs in and checks the dashboard
renders every chart with data and no error (tests/superset_browser.py), keeping a screenshot in
var/bi/dashboard.png. `--superset-config FILE` runs it all against another configuration (the
closing note of issue 23 ran it against one without LANGUAGES: the browser check fails). Prints what
it saw; exit 1 on any failure.
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
from flows.commands.bi import Superset, SupersetError, register_warehouse, sqlalchemy_uri
from flows.commands.bi_dashboard import CHARTS, DASHBOARD_SLUG, FILTERS
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


SHIPPED_CONFIG = ROOT / "bi" / "superset" / "superset_config.py"


def secret_key(home: Path) -> str:
    """Return this check's SUPERSET_SECRET_KEY, made once and kept (it encrypts the metadata db)."""
    path = home / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(42), encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()


def superset_env(venv: Path, config: Path, warehouse: Path) -> dict[str, str]:
    """Return the environment docs/bi.md gives every Superset command, with its home under var/bi."""
    home = WORK / "home"
    home.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.update(
        SUPERSET_CONFIG_PATH=str(config),
        SUPERSET_SECRET_KEY=secret_key(home),
        SUPERSET_HOME=str(home),
        JIXIAO_WAREHOUSE=str(warehouse.resolve()),
        FLASK_APP="superset",
        PATH=f"{venv / 'bin'}:{env.get('PATH', '')}",
    )
    return env


def superset(env: dict[str, str], venv: Path, *args: str) -> None:
    started = time.perf_counter()
    done = subprocess.run(
        [str(venv / "bin" / "superset"), *args],
        env=env,
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


def _freshness(api: Superset, chart_id: int) -> tuple[bool, list[dict[str, object]]]:
    result = api.call("GET", f"/api/v1/chart/{chart_id}/data/")["result"][0]
    return bool(result.get("is_cached")), result["data"]


def check_cache(api: Superset, freshness_chart: int, wh: Path) -> list[str]:
    """The results cache serves a repeat query and misses after a load (keyed on the published file)."""
    problems = []
    _freshness(api, freshness_chart)
    cached, rows = _freshness(api, freshness_chart)
    print(f"数据截至 asked again: from the cache {cached}, {json.dumps(rows, ensure_ascii=False)}")
    if not cached:
        problems.append("the results cache did not serve a repeated query")
    next_load(wh)
    cached, fresh = _freshness(api, freshness_chart)
    print(f"数据截至 after load BI3: from the cache {cached}, {json.dumps(fresh, ensure_ascii=False)}")
    if cached or not fresh or fresh[0].get("last_load_id") != "BI3":
        problems.append("Superset did not show the next load (a cache entry outlived the load)")
    return problems


# What DuckDB says when the reader configuration refuses (1.4 and 2.0 alike).
LOCKDOWN_WORDS = (
    "disabled by configuration",
    "disabled through configuration",
    "the configuration has been locked",
)


def _sql_lab(api: Superset, database_id: int, sql: str) -> str:
    """Return what SQL Lab answered to `sql`: 'ok: <rows>' or 'refused: <message>'."""
    body = {
        "database_id": database_id,
        "sql": sql,
        "schema": "main",
        "runAsync": False,
        "client_id": secrets.token_hex(5),
    }
    try:
        result = api.call("POST", "/api/v1/sqllab/execute/", body)
    except SupersetError as exc:
        return f"refused: {exc}"
    return f"ok: {json.dumps(result.get('data'), ensure_ascii=False)[:200]}"


def check_lockdown(api: Superset, database_id: int, wh: Path) -> list[str]:
    """SQL Lab on the registered database reads the marts and nothing else.

    Asked twice: on the registered database (allow_dml off) and on a probe database with the same
    URL and DML allowed; on both it must be DuckDB's own lock-down that refuses, whatever an admin
    ticks.
    """
    problems = []
    outside = WORK / "home" / "superset_config_copy.txt"
    outside.write_text("SECRET_KEY = 'readers must not see this'\n", encoding="utf-8")
    written = WORK / "written-by-a-reader.csv"
    written.unlink(missing_ok=True)
    attempts = {
        "read a file outside": f"SELECT * FROM read_text('{outside}')",
        "write a file": f"COPY (SELECT 1 AS x) TO '{written}'",
        "set access back on": "SET enable_external_access = true",
        "load an extension": "LOAD httpfs",
        "install an extension": "INSTALL httpfs",
    }
    answer = _sql_lab(api, database_id, "SELECT count(*) AS units FROM mart_unit_budget")
    print(f"SQL Lab, a mart: {answer}")
    if not answer.startswith("ok"):
        problems.append(f"SQL Lab could not read a mart: {answer}")
    probe = api.call(
        "POST",
        "/api/v1/database/",
        {
            "database_name": "jixiao lock-down probe",
            "sqlalchemy_uri": sqlalchemy_uri(str(wh.resolve())),  # what register_warehouse gave
            "expose_in_sqllab": True,
            "allow_dml": True,
        },
    )["id"]
    try:
        for where, db in (("registered", database_id), ("probe with DML allowed", probe)):
            for name, sql in attempts.items():
                answer = _sql_lab(api, db, sql)
                print(f"SQL Lab ({where}), {name}: {answer[:260]}")
                if not answer.startswith("refused") or "readers must not see this" in answer:
                    problems.append(f"SQL Lab ({where}) did not refuse: {name}")
                # Refused by DuckDB's lock-down itself: Superset 6.1 passes SET, LOAD, COPY to
                # the database even with DML off.
                if not any(w in answer for w in LOCKDOWN_WORDS):
                    problems.append(f"DuckDB's lock-down did not refuse {name}: {answer[:200]}")
    finally:
        api.call("DELETE", f"/api/v1/database/{probe}")
    if written.exists():
        problems.append(f"a reader wrote {written}")
    return problems


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
    metrics = {m["metric_name"]: m for m in unit_budget["metrics"]}
    print(f"mart_unit_budget metrics: {', '.join(sorted(metrics))}")
    wan = metrics.get("sum_wan__budget_total_yuan") or {}
    print(f"sum_wan__budget_total_yuan: {wan.get('verbose_name')} {wan.get('d3format')}")
    if wan.get("verbose_name") != "预算数合计（万元）（合计）" or wan.get("d3format") != ",.2f":
        problems.append(f"no 万元 metric with a Chinese number format: {wan}")
    for chart_id in first["charts"]:
        chart = api.call("GET", f"/api/v1/chart/{chart_id}")["result"]
        data = api.call("GET", f"/api/v1/chart/{chart_id}/data/")
        rows = data["result"][0]["data"]
        print(
            f"chart {chart['slice_name']}: {len(rows)} rows, {json.dumps(rows[:4], ensure_ascii=False)}"
        )
        if not rows:
            problems.append(f"chart {chart['slice_name']} returned no rows")
    problems += check_cache(api, first["charts"][0], wh)
    problems += check_lockdown(api, first["database"], wh)
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


def browser_check(venv: Path, url: str, charts: int) -> list[str]:
    """Log in with headless Chromium and check every dashboard chart rendered with data, no error."""
    screenshot = WORK / "dashboard.png"
    screenshot.unlink(missing_ok=True)
    started = time.perf_counter()
    done = subprocess.run(
        [
            str(venv / "bin" / "python"),
            str(ROOT / "tests" / "superset_browser.py"),
            "--url", url,
            "--username", "admin",
            "--dashboard", DASHBOARD_SLUG,
            "--charts", str(charts),
            "--screenshot", str(screenshot),
            *[arg for _, name, _ in FILTERS for arg in ("--filter", name)],
        ],
        env={**os.environ, "SUPERSET_PASSWORD": PASSWORD},
        capture_output=True,
        text=True,
        timeout=600,
    )
    print(f"browser check: {time.perf_counter() - started:.0f} s")
    if done.returncode != 0 or not done.stdout.strip():
        return [f"the browser check did not run: {done.stderr[-2000:]}"]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    problems = []
    print(f"browser: logged in {seen['login']}, title {seen.get('title')!r}, screenshot {seen['screenshot']}")
    for error in seen["console_errors"]:
        print(f"browser console: {error}")
    if not seen["login"]:
        problems.append("the login page never rendered a form (a blank web UI?)")
    for c in seen["charts"]:
        print(
            f"browser chart {c['name']} ({c['viz']}): rendered {c['rendered']}, "
            f"error {c['error']!r}, text {c['text'][:160]!r}"
        )
        if not c["rendered"] or c["error"] or c["loading"]:
            problems.append(f"chart {c['name']} did not render with data: {c['error'] or 'empty'}")
    shown = seen.get("filters", [])
    print(f"browser filters shown: {shown}")
    if seen["login"] and shown != [name for _, name, _ in FILTERS]:
        problems.append(f"the dashboard's native filters are not all shown: {shown}")
    if seen["login"] and len(seen["charts"]) != charts:
        problems.append(f"the dashboard showed {len(seen['charts'])} charts, not {charts}")
    if any("TypeError" in e for e in seen["console_errors"]):
        problems.append("the browser console shows a TypeError")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--superset-venv", type=Path, default=WORK / "superset-venv")
    parser.add_argument("--port", type=int, default=8089)
    parser.add_argument(
        "--superset-config", type=Path, default=SHIPPED_CONFIG,
        help="Superset configuration to run (default: the shipped bi/superset/superset_config.py)",
    )
    args = parser.parse_args()
    venv = args.superset_venv.resolve()
    url = f"http://127.0.0.1:{args.port}"
    started_all = time.perf_counter()
    wh = build_warehouse()
    print(f"warehouse: {wh}; Superset configuration: {args.superset_config}")
    env = superset_env(venv, args.superset_config.resolve(), wh)
    superset(env, venv, "db", "upgrade")
    superset(
        env,
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
    superset(env, venv, "init")
    log = (WORK / "superset-server.log").open("wb")
    # As docs/bi.md serves it: gunicorn, one worker with threads (two cores here).
    server = subprocess.Popen(
        [
            str(venv / "bin" / "gunicorn"),
            "--workers", "1",
            "--worker-class", "gthread",
            "--threads", "8",
            "--timeout", "300",
            "--bind", f"127.0.0.1:{args.port}",
            "--limit-request-line", "0",
            "--limit-request-field_size", "0",
            "superset.app:create_app()",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        started = time.perf_counter()
        wait_healthy(url, server)
        print(f"Superset up at {url} after {time.perf_counter() - started:.0f} s")
        problems = check(url, wh)
        problems += browser_check(venv, url, len(CHARTS))
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    for p in problems:
        print(f"PROBLEM: {p}", file=sys.stderr)
    print(f"superset check: {time.perf_counter() - started_all:.0f} s")
    print("superset check: " + ("FAILED" if problems else "passed"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
