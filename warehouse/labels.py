"""Chinese column labels for the analyst marts (sql/column_labels.csv), applied after the schema.

BI tools show a column's comment as its description; analysts read Chinese. Every mart column's
comment therefore starts with its Chinese label, then LABEL_SEPARATOR, then the English description
written in the mart's sql file. The labels live in one CSV (object, column, label) rather than in
each mart file: object `*` gives the label of a column name wherever it appears, a row naming the
object overrides it there (预算数（元） for one project, 预算数合计（元） for a sum).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb

from warehouse.paths import SQL_DIR

LABELS_FILE = "column_labels.csv"
LABEL_SEPARATOR = " — "
# Objects whose every column must carry a label (tests/test_labels.py).
LABELLED_PREFIXES = ("mart_", "dim_department")


def read_labels(sql_dir: Path = SQL_DIR) -> dict[tuple[str, str], str]:
    """Return {(object or '*', column): label} from sql/column_labels.csv."""
    path = sql_dir / LABELS_FILE
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    labels: dict[tuple[str, str], str] = {}
    for n, row in enumerate(rows, 2):
        obj, column, label = (row.get(k, "").strip() for k in ("object", "column", "label"))
        if not (obj and column and label) or LABEL_SEPARATOR.strip() in label:
            raise ValueError(f"{path}:{n}: need object, column and a label without '—'")
        labels[(obj, column)] = label
    return labels


def label_for(labels: dict[tuple[str, str], str], obj: str, column: str) -> str | None:
    """Return the label of `obj.column`: the object's own row, else the `*` row, else None."""
    return labels.get((obj, column)) or labels.get(("*", column))


def split_comment(comment: str | None) -> tuple[str | None, str]:
    """Return (Chinese label or None, English description) of a labelled column comment."""
    text = comment or ""
    if LABEL_SEPARATOR in text:
        label, english = text.split(LABEL_SEPARATOR, 1)
        return label, english
    return None, text


def labelled_columns(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str | None]]:
    """Return (object, column, comment) for every column of the labelled objects."""
    rows = con.execute(
        "SELECT table_name, column_name, comment FROM duckdb_columns() "
        "WHERE NOT internal AND database_name = current_database() ORDER BY table_name, column_index"
    ).fetchall()
    return [(t, c, m) for t, c, m in rows if t.startswith(LABELLED_PREFIXES)]


_COMMENT_ON_COLUMN = re.compile(
    r"(COMMENT\s+ON\s+COLUMN\s+([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)\s+IS\s+)'((?:[^']|'')*)'",
    re.IGNORECASE,
)


def labelled_text(text: str, labels: dict[tuple[str, str], str]) -> str:
    """Return an object's sql text with its labelled columns' comments already labelled.

    What apply_labels would write afterwards, written by the file's own COMMENT ON COLUMN
    statements instead: each column's comment is then set once, not twice (a cold load applies
    about 500 of them). Columns the text does not comment are left to apply_labels.
    """

    def labelled(match: re.Match[str]) -> str:
        obj, column, quoted = match.group(2), match.group(3), match.group(4)
        label = label_for(labels, obj, column) if obj.startswith(LABELLED_PREFIXES) else None
        comment = quoted.replace("''", "'")
        if label is None or split_comment(comment)[0] is not None:
            return match.group(0)
        text = f"{label}{LABEL_SEPARATOR}{comment}".rstrip(" —")
        return f"{match.group(1)}'{text.replace(chr(39), chr(39) * 2)}'"

    return _COMMENT_ON_COLUMN.sub(labelled, text)


def apply_labels(con: duckdb.DuckDBPyConnection, sql_dir: Path = SQL_DIR) -> None:
    """Prefix the comment of every labelled column with its Chinese label (once)."""
    labels = read_labels(sql_dir)
    for obj, column, comment in labelled_columns(con):
        label = label_for(labels, obj, column)
        if label is None or split_comment(comment)[0] is not None:
            continue
        text = f"{label}{LABEL_SEPARATOR}{comment or ''}".rstrip(" —")
        # COMMENT ON takes no parameters: the names come from the catalog, the text is quoted.
        quoted = text.replace("'", "''")
        con.execute(f'COMMENT ON COLUMN "{obj}"."{column}" IS \'{quoted}\'')


def missing_labels(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Return 'object.column' for every labelled object's column whose comment has no label."""
    return [f"{o}.{c}" for o, c, m in labelled_columns(con) if split_comment(m)[0] is None]
