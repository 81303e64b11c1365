"""What a BI tool should show of the warehouse: one dataset per mart, with Chinese labels and metrics.

Read from the published warehouse itself (read-only), so a BI registration always matches the
file it points at: the marts, their comments (`<中文标签> — <English>`, warehouse/labels.py), and
default metrics chosen by column name and type (sums of money and counts, averages of shares).
flows/commands/bi.py sends this plan to Superset; other tools can use it the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from warehouse.bi_formats import COUNT_FORMAT, MONEY_FORMAT, MONEY_SCALES, SHARE_FORMAT
from warehouse.connect import open_readonly
from warehouse.labels import split_comment

# Integer columns that identify rather than count: never summed.
_NOT_COUNTS = ("_seq", "fiscal_year", "month", "latest_fiscal_year")
_INTEGER_TYPES = ("INTEGER", "BIGINT", "HUGEINT", "SMALLINT", "TINYINT")


@dataclass(frozen=True)
class Column:
    """One mart column: name, DuckDB type, Chinese label and English description."""

    name: str
    dtype: str
    label: str
    description: str

    @property
    def is_time(self) -> bool:
        return self.dtype in ("DATE", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE")


@dataclass(frozen=True)
class Metric:
    """A default metric: SQL expression over the dataset, its Chinese name and number format."""

    name: str
    expression: str
    label: str
    d3format: str | None = None




def _in_unit(label: str, unit: str) -> str:
    """Return a （元） label restated in `unit`: 预算数合计（元） -> 预算数合计（万元）."""
    return label.replace("（元）", f"（{unit}）") if "（元）" in label else f"{label}（{unit}）"


@dataclass
class Dataset:
    """One mart as a BI dataset."""

    table: str
    description: str
    columns: list[Column] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)

    @property
    def time_column(self) -> str | None:
        for preferred in ("fiscal_year_start", "data_as_of_date"):
            if any(c.name == preferred for c in self.columns):
                return preferred
        return next((c.name for c in self.columns if c.is_time), None)


def default_metrics(columns: list[Column]) -> list[Metric]:
    """Return COUNT(*), SUM of money (元, 万元, 亿元) and count columns, AVG of percentages and scores."""
    metrics = [Metric("count", "COUNT(*)", "行数", COUNT_FORMAT)]
    for c in columns:
        quoted = '"' + c.name.replace('"', '""') + '"'
        if c.name.endswith("_yuan"):
            metrics.append(Metric(f"sum__{c.name}", f"SUM({quoted})", f"{c.label}（合计）", MONEY_FORMAT))
            for scale, divisor, unit in MONEY_SCALES:
                metrics.append(
                    Metric(
                        f"sum_{scale}__{c.name}",
                        f"SUM({quoted}) / {divisor}.0",
                        f"{_in_unit(c.label, unit)}（合计）",
                        MONEY_FORMAT,
                    )
                )
        elif c.dtype in _INTEGER_TYPES and not c.name.endswith(_NOT_COUNTS):
            metrics.append(Metric(f"sum__{c.name}", f"SUM({quoted})", f"{c.label}（合计）", COUNT_FORMAT))
        elif c.name.endswith("_pct") or c.name == "quality_score":
            metrics.append(Metric(f"avg__{c.name}", f"AVG({quoted})", f"{c.label}（平均）", SHARE_FORMAT))
    return metrics


def datasets(warehouse: Path) -> list[Dataset]:
    """Return one Dataset per mart_ view of the published warehouse, in name order."""
    con = open_readonly(warehouse)
    try:
        views = con.execute(
            "SELECT view_name, comment FROM duckdb_views() "
            "WHERE NOT internal AND view_name LIKE 'mart\\_%' ESCAPE '\\' ORDER BY view_name"
        ).fetchall()
        out = []
        for name, comment in views:
            rows = con.execute(
                "SELECT column_name, data_type, comment FROM duckdb_columns() "
                "WHERE table_name = $1 ORDER BY column_index",
                [name],
            ).fetchall()
            columns = []
            for column, dtype, text in rows:
                label, english = split_comment(text)
                columns.append(Column(column, dtype, label or column, english))
            out.append(Dataset(name, comment or "", columns, default_metrics(columns)))
        return out
    finally:
        con.close()
