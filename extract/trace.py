"""How a file was read, table by table: the one record `jixiao explain` prints and warnings come from.

Each decision is kept with its evidence (the label or the content that decided it), so that the
explanation an operator reads and the warnings a unit receives never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.labels import label_key, user_boilerplate

# Header cells of an indicator table that name the block rather than a column of data.
_BLOCK_LABELS = ("绩效指标", "项目绩效指标", "指标", "年度绩效指标", "长期绩效指标", "中期绩效指标", "中期指标",
                 "年度指标", "长期指标", "部门整体支出绩效指标", "整体绩效指标", "绩效目标")


@dataclass
class TableTrace:
    """What one table was taken for and how its parts were read."""

    index: int
    taken_for: list[str] = field(default_factory=list)
    fields: list[tuple[str, str]] = field(default_factory=list)  # header label -> field it filled
    columns: list[tuple[int, str, str | None, str]] = field(default_factory=list)  # col, header, role, why
    unplaced: list[tuple[int, int, str]] = field(default_factory=list)  # row, col, text read nowhere

    def warnings(self) -> list[tuple[str, str, str]]:
        """Return the (kind, where, message) this table's reading deserves; none when all was understood."""
        where = f"表{self.index + 1}"
        out: list[tuple[str, str, str]] = []
        unknown = {c for c, head, role, _ in self.columns if role is None and label_key(head) not in _BLOCK_LABELS}
        for c, head, _role, _why in self.columns:
            if c in unknown:
                out.append(("column_unknown", f"{where}第{c + 1}列",
                            f"指标表的列“{head}”未能识别，该列内容未读取；如是新模板，请在 jixiao.toml [labels] 中登记"))
        for row, col, text in self.unplaced:
            if any(col == c for c in unknown) or user_boilerplate(text):
                continue  # said once for its column; or registered as boilerplate in jixiao.toml
            out.append(("text_unplaced", f"{where}第{row + 1}行第{col + 1}列",
                        f"单元格内容“{text[:30]}”不属于任何已识别的列，未读取"))
        if not self.taken_for:
            out.append(("table_unknown", where, "此表格未能识别为项目表头、绩效指标表或部门整体目标，内容未读取"))
        return out


def format_traces(traces: list[TableTrace]) -> str:
    """Return the explanation of a file's tables as text, one block per table."""
    lines: list[str] = []
    for t in traces:
        lines.append(f"表{t.index + 1}: {'; '.join(t.taken_for) or '未识别 (ignored)'}")
        for label, role in t.fields:
            lines.append(f"  字段 {label.replace(chr(10), ' ')[:30]} -> {role}")
        for c, head, col_role, why in t.columns:
            shown = col_role or ("区块标题 (block label)" if label_key(head) in _BLOCK_LABELS else "未识别 (unknown)")
            lines.append(f"  列{c + 1} {head.replace(chr(10), ' ')[:20]} -> {shown}"
                         f"{'  [' + why + ']' if why else ''}")
        for row, col, text in t.unplaced:
            lines.append(f"  未读取 第{row + 1}行第{col + 1}列: {text.replace(chr(10), ' ')[:40]}")
    return "\n".join(lines)
