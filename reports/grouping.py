"""What a person reads about a unit's findings: the same problem said once, listing where.

The warehouse keeps one finding per defect instance (fct_review_finding: rule, file, project,
row). A clerk reads "指标值「按时完成」为定性表述" once with the projects and rows it is in, not
twelve times. `finding_lines` builds those lines from the facts (mart_unit_feedback rows) for
the workbook and the letter; nothing here is stored. A line never lists more than
`MAX_PLACES` projects, so that a printed row always fits a page: a longer list continues on the
next line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl

# Projects one line lists at most (a row of the workbook or letter stays well inside a page).
MAX_PLACES = 8
SEVERITY_RANK = {"error": 1, "warning": 2, "info": 3}


@dataclass
class Place:
    """One project (or the unit as a whole) a line is about, with its indicator rows."""

    project_seq: int | None
    project_name: str | None
    project_code: str | None
    rows: list[tuple[int, str | None]] = field(default_factory=list)

    def text(self) -> str:
        """Return the place as printed: the name, its code, its rows (第3、5行), one per line."""
        if self.project_seq is None:
            return "单位整体"
        name = self.project_name or f"第{self.project_seq}个项目"
        code = self.project_code or "（未填编码）"
        if not self.rows:
            return f"{name}\n{code}"
        if len(self.rows) == 1:
            seq, indicator = self.rows[0]
            shown = f"「{_clip(indicator)}」" if indicator else ""
            return f"{name}\n{code}\n第{seq}行{shown}"
        return f"{name}\n{code}\n第" + "、".join(str(s) for s, _ in self.rows) + "行"


@dataclass
class Line:
    """One line of the letter or workbook: a problem, where it is, and what to change."""

    severity: str
    rule_id: str
    problem: str
    suggestion: str
    places: list[Place]
    findings: int
    continued: bool = False

    def where(self) -> str:
        """Return the places, each on its own lines of the cell (name, then code and rows)."""
        return "\n".join(p.text() for p in self.places)

    def problem_text(self) -> str:
        """Return the problem, marked as continued when a long list was split."""
        return ("（续上）" if self.continued else "") + self.problem


def _clip(text: str, limit: int = 16) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def finding_lines(findings: pl.DataFrame) -> list[Line]:
    """Return the lines a person reads: findings with the same problem and advice said once.

    `findings` are one unit's rows of mart_unit_feedback (severity, rule_id, problem, suggestion,
    project_seq, project_name, project_code, indicator_seq, indicator_name). Lines come most
    serious first, then in the document order of their first place.
    """
    if findings.height == 0:
        return []
    ordered = findings.with_columns(
        _rank=pl.col("severity").replace_strict(SEVERITY_RANK, default=9)
    ).sort(["_rank", "project_seq", "indicator_seq", "rule_id"], nulls_last=False)
    lines: dict[tuple[Any, ...], Line] = {}
    for r in ordered.iter_rows(named=True):
        key = (r["severity"], r["rule_id"], r["problem"] or "", r["suggestion"] or "")
        line = lines.get(key)
        if line is None:
            line = Line(r["severity"], r["rule_id"], r["problem"] or "", r["suggestion"] or "", [], 0)
            lines[key] = line
        line.findings += 1
        place = next((p for p in line.places if p.project_seq == r["project_seq"]), None)
        if place is None:
            place = Place(r["project_seq"], r.get("project_name"), r.get("project_code"))
            line.places.append(place)
        if r.get("indicator_seq") is not None:
            place.rows.append((r["indicator_seq"], r.get("indicator_name")))
    out: list[Line] = []
    for line in lines.values():
        for k in range(0, len(line.places), MAX_PLACES):
            part = line.places[k : k + MAX_PLACES]
            count = sum(max(1, len(p.rows)) for p in part)
            out.append(
                Line(line.severity, line.rule_id, line.problem, line.suggestion, part, count, k > 0)
            )
    return out
