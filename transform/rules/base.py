"""Shared pieces of the review rules: the context a rule reads, the findings schema, labels."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

import polars as pl

from transform.categories import TAXONOMY, canonical_level1
from transform.rules.config import RuleConfig

FINDING_SCHEMA: dict[str, Any] = {
    "rule_id": pl.String,
    "severity": pl.String,
    "submission_id": pl.String,
    "unit_code": pl.String,
    "project_seq": pl.Int32,
    "indicator_seq": pl.Int32,
    "message": pl.String,
    "suggestion": pl.String,
}

ERROR = "error"
WARNING = "warning"
# Advice the bureau may pass on, not a defect to fix: kept in the warehouse, not sent by default.
INFO = "info"
# Most to least serious; `jixiao feedback --severity` sends its level and every level before it.
SEVERITIES = (ERROR, WARNING, INFO)


def norm_text(expr: pl.Expr) -> pl.Expr:
    """Return `expr` with full-width forms folded (NFKC) and all whitespace removed."""
    return expr.str.normalize("NFKC").str.replace_all(r"\s+", "")


def clip(text: str | None, limit: int = 30) -> str:
    """Return `text` cut to `limit` characters with an ellipsis, for readable messages."""
    if not text:
        return "（空）"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def project_label(name: str | None, code: str | None) -> str:
    """Return how a message names a project: 项目「名称」（编码 …）."""
    return f"项目「{clip(name, 40) if name else '（未填名称）'}」（编码 {code or '未填'}）"


def indicator_label(seq: int | None, name: str | None) -> str:
    """Return how a message names an indicator row: 第N行 三级指标「…」."""
    return f"第{seq}行 三级指标「{clip(name)}」"


def rows_label(seqs: Iterable[int]) -> str:
    """Return how a message names several indicator rows: 第3、5、7行."""
    return "第" + "、".join(str(s) for s in seqs) + "行"


def group_rows(rows: Iterable[dict[str, Any]], *by: str) -> list[list[dict[str, Any]]]:
    """Return `rows` (each an indicator row of a project) grouped by project and `by`, in order."""
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for row in rows:
        key = (row["submission_id"], row["project_seq"], *(row[b] for b in by))
        groups.setdefault(key, []).append(row)
    return list(groups.values())


def where_rows(rows: list[dict[str, Any]]) -> str:
    """Return a group's location: the project and 第N行 三级指标「…」 (or 第3、5、7行 三级指标「a」「b」)."""
    first = rows[0]
    if len(rows) == 1:
        return f"{first['label']}{indicator_label(first['indicator_seq'], first['name'])}"
    names = []
    for r in rows:
        shown = f"「{clip(r['name'], 16)}」"
        if shown not in names:
            names.append(shown)
    listed = "".join(names[:4]) + ("等" if len(names) > 4 else "")
    return f"{first['label']}{rows_label(r['indicator_seq'] for r in rows)} 三级指标{listed}"


# A rule's advice: the same for every finding, or written from the finding's rows.
Suggestion = str | Callable[[list[dict[str, Any]]], str]


def advice(suggestion: Suggestion, rows: list[dict[str, Any]]) -> str:
    """Return the suggestion for a finding about `rows`."""
    return suggestion if isinstance(suggestion, str) else suggestion(rows)


def per_row(
    rows: Iterable[dict[str, Any]],
    severity: str,
    problem: Callable[[list[dict[str, Any]]], str],
    suggestion: Suggestion,
) -> list[dict[str, Any]]:
    """Return one finding per indicator row: the defect at its grain (rule, file, project, row).

    The message is `<project>第N行 三级指标「…」：<problem>`; `problem` and `suggestion` are
    called with the one row. Rows with the same problem text are the same defect: what people
    read (workbooks, letters, the report) says them once, listing where (reports/), built from
    these facts; the facts are never merged.
    """
    return [
        finding(r, severity, f"{where_rows([r])}：{problem([r])}", advice(suggestion, [r]))
        for r in rows
    ]


def across_projects(
    groups: list[list[dict[str, Any]]],
    signature: Callable[[list[dict[str, Any]]], Any],
    severity: str,
    problem: Callable[[list[dict[str, Any]]], str],
    suggestion: Suggestion,
    *,
    pooled: bool = False,
) -> list[dict[str, Any]]:
    """Return one finding per row of `groups` (per_row); `signature` and `pooled` are unused.

    Kept for rules written when the same defect in several projects was merged into one finding:
    that grouping is now done for readers in reports/, from the facts.
    """
    return per_row([r for g in groups for r in g], severity, problem, suggestion)


def repeated_rows(
    rows: list[dict[str, Any]],
    signature: Callable[[dict[str, Any]], Any],
    severity: str,
    problem: Callable[[list[dict[str, Any]]], str],
    suggestion: Suggestion,
) -> list[dict[str, Any]]:
    """Return one finding per indicator row (per_row); `signature` is unused (see across_projects)."""
    return per_row(rows, severity, problem, suggestion)


def quoted(values: Iterable[str | None], limit: int = 4) -> str:
    """Return distinct values quoted 「a」「b」, at most `limit` of them then 等."""
    seen: list[str] = []
    for v in values:
        shown = f"「{clip(v, 20)}」"
        if shown not in seen:
            seen.append(shown)
    return "".join(seen[:limit]) + ("等" if len(seen) > limit else "")


def yuan(amount: float | None) -> str:
    """Return an amount in 元 as a clerk writes it (no trailing .0)."""
    if amount is None:
        return "（空）"
    return f"{amount:.2f}".rstrip("0").rstrip(".") + "元"


def wan(amount: float | None) -> str:
    """Return an amount in 元 as 万元, the unit clerks budget in (to the yuan: 4 decimals)."""
    if amount is None:
        return "（空）"
    return f"{amount / 10000:.4f}".rstrip("0").rstrip(".") + "万元"


# A row whose 三级 is a seal or signature line, not an indicator.
SEAL = r"公章|盖章|签章|签字|（章）"


def _implied_level1() -> dict[str, str]:
    """Return 二级 -> 一级 where the 二级 belongs to one 一级 in every taxonomy version."""
    parents: dict[str, set[str]] = {}
    for tree in TAXONOMY.values():
        for l1, l2s in tree.items():
            for l2 in l2s:
                parents.setdefault(l2, set()).add(l1)
    return {l2: next(iter(l1s)) for l2, l1s in parents.items() if len(l1s) == 1}


IMPLIED_LEVEL1 = _implied_level1()


@dataclass(frozen=True)
class Context:
    """The frames one rule run reads: the batch, the other current submissions, the config."""

    frames: Mapping[str, pl.DataFrame]
    config: RuleConfig
    history: Mapping[str, pl.DataFrame] | None = None
    # Places (submission_id, project_seq, indicator_seq) other rules already flag: the copy-check
    # leaves them to those rules.
    flagged: pl.DataFrame | None = None

    def frame(self, name: str) -> pl.DataFrame:
        """Return the batch frame `name`, limited to loaded (not rejected) submissions."""
        df = self.frames.get(name)
        if df is None:
            return pl.DataFrame()
        if name == "submissions":
            # The same bytes twice in a batch (a copy) are one submission: review it once.
            loaded = df.filter(pl.col("status") == "loaded")
            return loaded.unique("submission_id", keep="first", maintain_order=True)
        loaded = self.frame("submissions").select("submission_id")
        return df.join(loaded, on="submission_id", how="semi")

    def history_frame(self, name: str) -> pl.DataFrame | None:
        """Return the history frame `name` without the batch's own submissions, or None."""
        if not self.history or self.history.get(name) is None:
            return None
        df = self.history[name]
        batch_ids = self.frames["submissions"].select("submission_id")
        return df.join(batch_ids, on="submission_id", how="anti")

    @cached_property
    def projects(self) -> pl.DataFrame:
        """Return the batch's projects with the unit name and a ready-made message label."""
        subs = self.frame("submissions").select("submission_id", "unit_name")
        proj = self.frame("projects").join(subs, on="submission_id", how="left")
        labels = [
            project_label(n, c)
            for n, c in zip(
                proj["project_name"].to_list(), proj["project_code"].to_list(), strict=True
            )
        ]
        return proj.with_columns(pl.Series("label", labels, dtype=pl.String))

    @cached_property
    def indicators(self) -> pl.DataFrame:
        """Return the batch's indicators with their project's label, code, budget and taxonomy."""
        proj = self.projects.select(
            "submission_id",
            "project_seq",
            "label",
            "project_code",
            "project_name",
            "budget_total_yuan",
        )
        ind = self.frame("indicators").join(proj, on=["submission_id", "project_seq"], how="left")
        # A seal or signature line read as a row (（单位公章） 年 月 日) is no indicator to review.
        seal = pl.col("name").str.contains(SEAL).fill_null(False)
        blank = pl.col("target_raw").fill_null("").str.strip_chars() == ""
        # l1/l2: the conformed 一级/二级 (transform.categories), the names every rule compares.
        # Templates with no 一级 column (二级 only) have it implied by the 二级: 数量指标 is 产出.
        # A 一级 name in the 二级 column of such a template (效益指标 beside 数量指标) is that 一级.
        written = [v for v in ind["level2"].unique().to_list() if v] if "level2" in ind.columns else []
        named_l1 = {v: l1 for v in written if (l1 := canonical_level1(v)) is not None}
        return ind.filter(~(seal & blank)).with_columns(
            l1=pl.when(pl.col("level1").fill_null("").str.strip_chars() == "")
            .then(
                pl.coalesce(
                    pl.col("level2_canonical").replace_strict(
                        IMPLIED_LEVEL1, default=None, return_dtype=pl.String
                    ),
                    pl.col("level2").replace_strict(named_l1, default=None, return_dtype=pl.String),
                )
            )
            .otherwise(pl.col("level1_canonical")),
            l2=pl.col("level2_canonical"),
        )


class Check(NamedTuple):
    """One registered rule: its id, severity, description and the function that finds it."""

    rule_id: str
    severity: str
    description: str
    fn: Callable[[Context], pl.DataFrame]


def findings(rule_id: str, rows: Iterable[dict[str, Any]]) -> pl.DataFrame:
    """Return a findings frame of `rule_id` from dicts holding the other finding columns."""
    records = [{**row, "rule_id": rule_id} for row in rows]
    if not records:
        return pl.DataFrame(schema=FINDING_SCHEMA)
    return pl.DataFrame(
        [{k: r.get(k) for k in FINDING_SCHEMA} for r in records], schema=FINDING_SCHEMA
    )


def finding(
    row: Mapping[str, Any],
    severity: str,
    message: str,
    suggestion: str,
    *,
    project: bool = True,
    indicator: bool = True,
) -> dict[str, Any]:
    """Return one finding dict located by `row` (at submission, project or indicator grain)."""
    return {
        "severity": severity,
        "submission_id": row["submission_id"],
        "unit_code": row.get("unit_code"),
        "project_seq": row.get("project_seq") if project else None,
        "indicator_seq": row.get("indicator_seq") if project and indicator else None,
        "message": message,
        "suggestion": suggestion,
    }
