"""Apply the warehouse schema (sql/*.sql) idempotently and record its version.

How sql/ is organised (rules engineer and everyone adding an object, read this):

- One object per file, the file named after the object: `sql/<name>.sql` defines `<name>`.
  The file starts with comment lines giving what the object is, its grain and its keys.
- A table file holds `CREATE TABLE IF NOT EXISTS <name> (...)`; it may then seed rows
  idempotently (the dimension's unknown member: `INSERT ... WHERE NOT EXISTS`).
- A view file holds `CREATE OR REPLACE VIEW <name> AS ...`.
- After the CREATE, the file describes the object and every column with `COMMENT ON TABLE|VIEW`
  and `COMMENT ON COLUMN`. The data dictionary (docs/data-dictionary.md) is generated from
  those comments and a test fails when any object or column has none. A view that is a filter
  of a table (SELECT f.* ...) may instead say `-- columns-from: <table>` in its header: its
  columns then take the descriptions of that table's same-named columns.
- Order needs no list: all tables first (by name), then views in dependency order (a view
  that names another object of sql/ is created after it). Add a file and it is applied.
- Files named `check_*.sql` are not objects: each is a query that must return zero rows
  (warehouse/checks.py runs them; `jixiao verify` reuses them).
- Files starting with `_` are ignored.
- `sql/queries/` holds no objects: each file is a named read-only SELECT over the marts, the
  only way reports/ reads the warehouse (warehouse/queries.py).
- sql/column_labels.csv gives every mart column its Chinese label (warehouse/labels.py): after
  the objects are applied, each mart column's comment becomes `<label> — <English>`. A new mart
  column needs a row there (or a `*` row for its name); a test fails otherwise.

Loading review findings: when the schema has a table `fct_review_finding`, warehouse.load
inserts the findings frame of transform.rules.run_rules into it BY NAME, filling only the
columns the table has, out of: finding_key, rule_id, severity, submission_key, division_code, unit_key,
project_key, indicator_key, fiscal_year, unit_code, project_seq, indicator_seq, message,
suggestion, load_id, source_sha256, source_table, source_row. When it has `dim_review_rule`,
each load replaces its rows with transform.rules.RULES (rule_id, severity, description).

Every load applies the schema inside its transaction: tables are created if missing, views
replaced, comments re-applied, and a row (SCHEMA_VERSION, digest of the sql files) recorded in
schema_version when new. A change to an existing table's columns needs SCHEMA_VERSION raised,
what changed listed in CHANGES and a migration in warehouse/migrations/ (warehouse/upgrade.py
runs them: `jixiao upgrade`, and `jixiao ingest` before it loads). A load refuses a warehouse of
an older version (naming `jixiao upgrade --warehouse PATH`) and one of a newer version than this
code (never silently downgraded).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from warehouse.labels import apply_labels, labelled_text, read_labels
from warehouse.paths import SQL_DIR

SCHEMA_VERSION = 3
# version -> what it changed in existing tables; warehouse/migrations/ holds the migration that
# brings older warehouses up (sql/ stays declarative: it describes the newest schema only).
CHANGES: dict[int, list[str]] = {
    2: [
        # Counties kept apart (issue 11): a unit is (division_code, unit_code).
        "new table dim_county (sql/dim_county.sql) with its unknown member",
        "dim_unit, fct_project_budget, fct_indicator_target, fct_spending_plan, fct_department_goal, "
        "fct_review_finding: new column division_code VARCHAR NOT NULL",
        "dim_submission: new columns division_code VARCHAR NOT NULL, division_source, county_name",
        "dim_project: new column division_code; ingest_ledger: new column division_code",
        "unit_key = md5('unit', division_code, unit_code) and project_key = md5('project', "
        "division_code, unit_code, fiscal_year, ...) (transform/keys.py): keys of version 1 change",
    ],
    3: [
        # Year-end self-evaluations (issue 20): a submission is (division, unit, year, kind).
        "dim_submission: new column kind VARCHAR NOT NULL ('targets' for every earlier submission)",
        "new tables fct_selfeval_project, fct_selfeval_budget_line, fct_indicator_result, "
        "fct_selfeval_project_link, fct_selfeval_indicator_link, fct_selfeval_finding, dim_selfeval_rule",
    ],
}

_CREATE = re.compile(
    r"CREATE\s+(?:OR\s+REPLACE\s+)?(TABLE|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?([A-Za-z_][A-Za-z0-9_]*)",
    re.IGNORECASE,
)
_COLUMNS_FROM = re.compile(r"^--\s*columns-from:\s*([A-Za-z_][A-Za-z0-9_]*)", re.MULTILINE)


class SchemaError(RuntimeError):
    """The sql/ directory or the warehouse's recorded schema is not usable."""


@dataclass(frozen=True)
class SqlObject:
    """One sql/ file defining one table or view."""

    name: str
    kind: str  # "table" | "view"
    path: Path
    text: str
    columns_from: str | None


def sql_objects(sql_dir: Path = SQL_DIR) -> list[SqlObject]:
    """Return the tables and views of sql/ in the order they must be applied."""
    objects: dict[str, SqlObject] = {}
    for path in sorted(sql_dir.glob("*.sql")):
        if path.name.startswith(("check_", "_")):
            continue
        text = path.read_text(encoding="utf-8")
        match = _CREATE.search(text)
        if match is None or match.group(2).lower() != path.stem:
            raise SchemaError(f"{path}: must create exactly the object named {path.stem}")
        inherit = _COLUMNS_FROM.search(text)
        objects[path.stem] = SqlObject(
            path.stem, match.group(1).lower(), path, text, inherit.group(1) if inherit else None
        )
    tables = [o for o in objects.values() if o.kind == "table"]
    views = {o.name: o for o in objects.values() if o.kind == "view"}
    return tables + _dependency_order(views)


def _dependency_order(views: dict[str, SqlObject]) -> list[SqlObject]:
    # A view depends on the other views its code (comments and literals aside) names.
    words = {name: set(re.findall(r"\w+", _code(v.text))) for name, v in views.items()}
    deps = {name: {other for other in views if other != name and other in words[name]} for name in views}
    ordered: list[SqlObject] = []
    done: set[str] = set()
    while len(done) < len(views):
        ready = sorted(n for n in views if n not in done and deps[n] <= done)
        if not ready:
            raise SchemaError(f"views depend on each other in a cycle: {sorted(set(views) - done)}")
        for name in ready:
            ordered.append(views[name])
            done.add(name)
    return ordered


def _code(text: str) -> str:
    """Return SQL text without -- comments and string literals (names there are not dependencies)."""
    text = re.sub(r"'(?:[^']|'')*'", "''", text)
    return re.sub(r"--[^\n]*", "", text)


def schema_digest(objects: list[SqlObject]) -> str:
    """Return the sha256 over the object files' names and texts, in apply order."""
    h = hashlib.sha256()
    for o in objects:
        h.update(o.name.encode() + b"\0" + o.text.encode("utf-8") + b"\0")
    return h.hexdigest()


def apply_schema(
    con: duckdb.DuckDBPyConnection, sql_dir: Path = SQL_DIR, *, upgrading: bool = False
) -> int:
    """Create missing tables, replace views, re-apply comments, record the version; return it.

    A warehouse recorded with an older version is refused unless `upgrading` (warehouse.upgrade,
    after its migrations ran); one with a newer version always is.
    """
    objects = sql_objects(sql_dir)
    recorded = recorded_version(con)
    if recorded is not None:
        refuse_newer(recorded)
    if recorded is not None and recorded < SCHEMA_VERSION and not upgrading:
        changes = [c for v in range(recorded + 1, SCHEMA_VERSION + 1) for c in CHANGES.get(v, [])]
        raise SchemaError(
            f"数据仓库 {_published_name(con)} 由较早版本的 jixiao 建立（schema {recorded} < {SCHEMA_VERSION}），"
            f"表结构已变更（{'; '.join(changes)}）：请先运行 jixiao upgrade --warehouse "
            f"{_published_name(con)} 升级（保留全部历史），再入库。"
        )
    labels = read_labels(sql_dir)
    for o in objects:
        try:
            con.execute(labelled_text(o.text, labels))
        except duckdb.Error as exc:
            raise SchemaError(f"{o.path.name}: {exc}") from exc
        if o.columns_from:
            _inherit_comments(con, o.name, o.columns_from)
    apply_labels(con, sql_dir)
    con.execute(
        "INSERT INTO schema_version SELECT $1, $2, $3 WHERE NOT EXISTS "
        "(SELECT 1 FROM schema_version WHERE version = $1 AND sql_digest = $2)",
        [SCHEMA_VERSION, schema_digest(objects), datetime.now(UTC)],
    )
    return SCHEMA_VERSION


def refuse_newer(recorded: int) -> None:
    """Raise SchemaError when the warehouse was written by a newer jixiao than this one."""
    if recorded > SCHEMA_VERSION:
        raise SchemaError(
            f"数据仓库由更新版本的 jixiao 建立（schema {recorded} > {SCHEMA_VERSION}）：请升级 jixiao 后再使用；"
            "本程序不会降级该仓库，未做任何改动。"
        )


def _published_name(con: duckdb.DuckDBPyConnection) -> str:
    """Return the warehouse file this connection works on: a load's build copy names its original."""
    rows = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchall()
    path = Path(rows[0][0]) if rows and rows[0][0] else None
    if path is None:
        return "PATH"
    match = re.match(r"^\.(.+)\.building-.*$", path.name)  # warehouse.publish.build_path
    return str(path.with_name(match.group(1))) if match else str(path)


def recorded_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """Return the newest schema version recorded in the warehouse (None for a new one)."""
    exists = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_version'"
    ).fetchall()[0][0]
    if not exists:
        return None
    version = con.execute("SELECT max(version) FROM schema_version").fetchall()[0][0]
    return None if version is None else int(version)


def _inherit_comments(con: duckdb.DuckDBPyConnection, view: str, table: str) -> None:
    rows = con.execute(
        "SELECT v.column_name, t.comment FROM duckdb_columns() v "
        "JOIN duckdb_columns() t ON t.table_name = $2 AND t.column_name = v.column_name "
        "WHERE v.table_name = $1 AND v.comment IS NULL AND t.comment IS NOT NULL",
        [view, table],
    ).fetchall()
    for column, comment in rows:
        # COMMENT ON takes no parameters; the names come from the catalog and the text is quoted.
        quoted = comment.replace("'", "''")
        con.execute(f'COMMENT ON COLUMN "{view}"."{column}" IS \'{quoted}\'')
