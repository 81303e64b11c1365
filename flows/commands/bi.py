"""`jixiao superset-register`: register the warehouse in a running Apache Superset (REST API).

Creates (or updates) a database connection to the published warehouse, read-only, locked down
(no file, network or extension access outside it; settings locked) and without connection pooling
(docs/bi.md says why), one dataset per mart with Chinese column labels
(verbose_name), descriptions, the fiscal_year_start time column and default metrics, and a starter
county dashboard. Running it again updates what it created instead of duplicating it.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flows.commands import bi_dashboard
from warehouse.paths import DEFAULT_WAREHOUSE, WarehouseMissing

if TYPE_CHECKING:
    from warehouse.bi import Dataset

DASHBOARD_SLUG = bi_dashboard.DASHBOARD_SLUG
# Only marts are registered; DuckDB's default schema.
SCHEMA = "main"


class SupersetError(RuntimeError):
    """Superset refused a request; the message says which and why."""


def register(subparsers: Any) -> None:
    """Add the `superset-register` sub-command."""
    p = subparsers.add_parser(
        "superset-register",
        help="register the warehouse's marts in a running Superset (datasets, labels, dashboard)",
    )
    p.add_argument("--url", default="http://127.0.0.1:8088", help="Superset base URL")
    p.add_argument("--username", default="admin")
    p.add_argument(
        "--password-env",
        default="SUPERSET_PASSWORD",
        help="environment variable holding the password (default SUPERSET_PASSWORD)",
    )
    p.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE, help="warehouse file")
    p.add_argument(
        "--path-on-server",
        default=None,
        help="the warehouse's path as the Superset server sees it (default: its absolute path here)",
    )
    p.add_argument("--database-name", default="jixiao 绩效", help="Superset database name")
    p.set_defaults(func=run)


def sqlalchemy_uri(path: str) -> str:
    """Return duckdb-engine's URL for opening `path` read-only and locked down (READER_CONFIG)."""
    from warehouse.connect import reader_url

    return reader_url(path)


class Superset:
    """A logged-in session with Superset's REST API (JWT plus CSRF token and session cookie)."""

    def __init__(self, url: str, username: str, password: str) -> None:
        self.base = url.rstrip("/")
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.headers = {"Referer": self.base}
        login = self.call(
            "POST",
            "/api/v1/security/login",
            {"username": username, "password": password, "provider": "db", "refresh": True},
        )
        self.headers["Authorization"] = f"Bearer {login['access_token']}"
        self.headers["X-CSRFToken"] = self.call("GET", "/api/v1/security/csrf_token/")["result"]

    def call(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers = dict(self.headers)
        if data is not None:  # a JSON content type without a body makes Flask answer 400
            headers["Content-Type"] = "application/json"
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with self.opener.open(req, timeout=120) as resp:
                text = resp.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")[:500]
            raise SupersetError(f"{method} {path}: HTTP {exc.code}: {detail}") from exc
        except urllib.error.URLError as exc:
            raise SupersetError(f"cannot reach Superset at {self.base}: {exc.reason}") from exc
        return json.loads(text) if text else {}

    def list_all(self, resource: str) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        page = 0
        while True:
            q = urllib.parse.quote(f"(page:{page},page_size:100)")
            result = self.call("GET", f"/api/v1/{resource}/?q={q}")["result"]
            out += result
            if len(result) < 100:
                return out
            page += 1


def ensure_database(api: Superset, name: str, uri: str) -> int:
    """Return the id of the Superset database `name`, created or updated to `uri`."""
    body = {
        "database_name": name,
        "sqlalchemy_uri": uri,
        "expose_in_sqllab": True,
        "allow_dml": False,
        # Superset opens one connection per query by default (NullPool); keep it so: a pooled
        # connection would keep serving the warehouse as it was before the last load.
        "extra": json.dumps({"engine_params": {}, "schemas_allowed_for_file_upload": []}),
    }
    for db in api.list_all("database"):
        if db["database_name"] == name:
            api.call("PUT", f"/api/v1/database/{db['id']}", body)
            return int(db["id"])
    return int(api.call("POST", "/api/v1/database/", body)["id"])


def ensure_dataset(api: Superset, database_id: int, ds: Dataset, existing: dict[str, int]) -> int:
    """Return the id of the dataset for mart `ds`, with labels, descriptions and metrics set."""
    if ds.table in existing:
        dataset_id = existing[ds.table]
        api.call("PUT", f"/api/v1/dataset/{dataset_id}/refresh")
    else:
        created = api.call(
            "POST",
            "/api/v1/dataset/",
            {"database": database_id, "schema": SCHEMA, "table_name": ds.table},
        )
        dataset_id = int(created["id"])
    current = api.call("GET", f"/api/v1/dataset/{dataset_id}")["result"]
    by_name = {c.name: c for c in ds.columns}
    columns = []
    for col in current["columns"]:
        spec = by_name.get(col["column_name"])
        columns.append(
            {
                "id": col["id"],
                "column_name": col["column_name"],
                "type": col.get("type"),
                "verbose_name": spec.label if spec else col.get("verbose_name"),
                "description": spec.description if spec else col.get("description"),
                "is_dttm": bool(spec and spec.is_time),
                "groupby": True,
                "filterable": True,
            }
        )
    old_metrics = {m["metric_name"]: m["id"] for m in current.get("metrics", [])}
    metrics = []
    for m in ds.metrics:
        metric: dict[str, Any] = {
            "metric_name": m.name,
            "expression": m.expression,
            "verbose_name": m.label,
            "d3format": m.d3format,
        }
        if m.name in old_metrics:
            metric["id"] = old_metrics[m.name]
        metrics.append(metric)
    api.call(
        "PUT",
        f"/api/v1/dataset/{dataset_id}?override_columns=false",
        {
            "description": ds.description,
            "main_dttm_col": ds.time_column,
            "columns": columns,
            "metrics": metrics,
        },
    )
    return dataset_id


def _chart(
    api: Superset,
    name: str,
    dataset_id: int,
    viz: str,
    params: dict[str, Any],
    query: dict[str, Any],
) -> int:
    params = {"datasource": f"{dataset_id}__table", "viz_type": viz, **params}
    context = {
        "datasource": {"id": dataset_id, "type": "table"},
        "force": False,
        "queries": [query],
        "form_data": params,
        "result_format": "json",
        "result_type": "full",
    }
    body = {
        "slice_name": name,
        "viz_type": viz,
        "datasource_id": dataset_id,
        "datasource_type": "table",
        "params": json.dumps(params, ensure_ascii=False),
        "query_context": json.dumps(context, ensure_ascii=False),
    }
    for chart in api.list_all("chart"):
        if chart["slice_name"] == name:
            api.call("PUT", f"/api/v1/chart/{chart['id']}", body)
            return int(chart["id"])
    return int(api.call("POST", "/api/v1/chart/", body)["id"])


def starter_dashboard(api: Superset, ids: dict[str, int]) -> tuple[int, list[int]]:
    """Return (dashboard id, chart ids) of the starter county dashboard (县级预算绩效目标概览)."""
    charts = [
        _chart(api, c.name, ids[c.mart], c.viz, c.params, c.query) for c in bi_dashboard.CHARTS
    ]
    body = {
        "dashboard_title": bi_dashboard.DASHBOARD_TITLE,
        "slug": DASHBOARD_SLUG,
        "published": True,
        "position_json": json.dumps(bi_dashboard.layout(charts), ensure_ascii=False),
        "json_metadata": json.dumps(
            bi_dashboard.metadata(charts, ids["mart_unit_budget"]), ensure_ascii=False
        ),
    }
    existing = [d for d in api.list_all("dashboard") if d.get("slug") == DASHBOARD_SLUG]
    if existing:
        dashboard_id = int(existing[0]["id"])
        api.call("PUT", f"/api/v1/dashboard/{dashboard_id}", body)
    else:
        dashboard_id = int(api.call("POST", "/api/v1/dashboard/", body)["id"])
    for chart_id in charts:
        api.call("PUT", f"/api/v1/chart/{chart_id}", {"dashboards": [dashboard_id]})
    return dashboard_id, charts


def register_warehouse(
    url: str,
    username: str,
    password: str,
    warehouse: Path,
    path_on_server: str | None,
    database_name: str,
) -> dict[str, Any]:
    """Register the warehouse's marts in Superset; return the ids created or updated."""
    from warehouse.bi import datasets

    plan = datasets(warehouse)
    api = Superset(url, username, password)
    database_id = ensure_database(
        api, database_name, sqlalchemy_uri(path_on_server or str(Path(warehouse).resolve()))
    )
    existing = {
        d["table_name"]: int(d["id"])
        for d in api.list_all("dataset")
        if (d.get("database") or {}).get("id") == database_id
    }
    ids = {ds.table: ensure_dataset(api, database_id, ds, existing) for ds in plan}
    dashboard_id, charts = starter_dashboard(api, ids)
    return {"database": database_id, "datasets": ids, "dashboard": dashboard_id, "charts": charts}


def run(args: argparse.Namespace) -> int:
    """Register and print what was registered; 1 with the reason when Superset refuses."""
    password = os.environ.get(args.password_env)
    if not password:
        print(
            f"jixiao superset-register: set {args.password_env} to the Superset password",
            file=sys.stderr,
        )
        return 2
    try:
        result = register_warehouse(
            args.url,
            args.username,
            password,
            args.warehouse,
            args.path_on_server,
            args.database_name,
        )
    except (SupersetError, WarehouseMissing) as exc:
        print(f"jixiao superset-register: {exc}", file=sys.stderr)
        return 1
    print(
        f"database {result['database']}: {len(result['datasets'])} datasets, "
        f"dashboard {result['dashboard']} ({args.url.rstrip('/')}/superset/dashboard/{DASHBOARD_SLUG}/)"
    )
    return 0
