"""Drawing of one project's header block: 项目编码, 项目名称, 预算数 …, 资金支出计划, 绩效目标."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tests.docgen import ooxml as ox
from tests.docgen.runs import Ctx, para, runs
from tests.docgen.spec import ProjectSpec, fullwidth_digits

HEADER_WIDTHS = [1300, 1250, 1300, 1350, 1300, 1250, 1650]


@dataclass
class Cell:
    """A header-block cell before drawing: a field name decides its run style."""

    text: str | None
    span: int = 1
    vmerge: str | None = None
    fld: str = "label"
    paras: list[str] | None = None  # pre-drawn paragraphs (goal lists)
    jc: str = "center"


Row = list[Cell]


def _label(ctx: Ctx, plain: str, noisy: str | None = None) -> Cell:
    text = noisy if (ctx.opts.noisy_labels and noisy is not None) else plain
    return Cell(text)


def money(ctx: Ctx, yuan: float | None) -> str | None:
    """Return `yuan` written as the options say: in 元 or 万元, plain, 1,234.00 or full-width."""
    if yuan is None:
        return None
    d = Decimal(str(yuan))
    if ctx.opts.money_unit == "万元":
        d = d / 10000
        # as many decimals as needed (25.5 -> 25.50, 25.9371 -> 25.9371)
        places = max(2, -d.normalize().as_tuple().exponent)  # type: ignore[operator]
        text = f"{d:.{places}f}"
    else:
        text = f"{d:.2f}"
    style = ctx.opts.money_style
    if style == "thousands":
        whole, _, frac = text.partition(".")
        text = f"{int(whole):,}" + (f".{frac}" if frac else "")
    elif style == "fullwidth":
        if text.endswith(".00"):
            text = text[:-3]
        text = fullwidth_digits(text)
    return text


def _other_text(ctx: Ctx, yuan: float | None) -> str | None:
    # The real sample leaves a single space in a blank 其他资金 cell.
    if yuan is None:
        return None if "other" in ctx.opts.placeholder_fields else " "
    return money(ctx, yuan)


def _pct(ctx: Ctx, pct: float | None) -> str | None:
    if pct is None:
        return None
    n = format(Decimal(str(pct)).normalize(), "f")
    return f"{n}％" if ctx.opts.noisy_labels else f"{n}%"


def goal_paras(ctx: Ctx, goals: list[str]) -> list[str]:
    """Return the paragraphs of a 绩效目标 list: typed numbers, w:numPr, or one soft-broken paragraph."""
    opts = ctx.opts
    style = opts.goal_number_style

    def typed(i: int, g: str) -> str:
        return {"1.": f"{i}.{g}", "1、": f"{i}、{g}", "（1）": f"（{i}）{g}"}[style]

    if not goals:
        return [ox.p("", ox.jc_ppr("left"), ctx.p_attrs())]
    if opts.goals_mode == "soft_breaks":
        text = "\n".join(typed(i, g) for i, g in enumerate(goals, 1))
        return [ox.p(runs(ctx, "goal", text), ox.jc_ppr("left"), ctx.p_attrs())]
    if opts.numbering == "auto":
        num = ctx.new_list(1 if style == "1." else 3)
        return [ox.p(runs(ctx, "goal", g), ox.num_ppr(num), ctx.p_attrs()) for g in goals]
    return [
        ox.p(runs(ctx, "goal", typed(i, g)), ox.jc_ppr("left"), ctx.p_attrs())
        for i, g in enumerate(goals, 1)
    ]


def _plan_spans(n: int) -> list[int]:
    return {1: [6], 2: [3, 3], 3: [2, 2, 2], 4: [2, 1, 1, 2], 5: [2, 1, 1, 1, 1]}.get(n, [1] * n)


def _pairs_rows(pairs: list[tuple[str, str | None, str]]) -> list[Row]:
    """Lay label/value pairs out two per row: [label][value×2][label][value×3]."""
    rows: list[Row] = []
    for i in range(0, len(pairs), 2):
        (l1, v1, f1), *rest = pairs[i : i + 2]
        if rest:
            l2, v2, f2 = rest[0]
            rows.append([Cell(l1), Cell(v1, 2, fld=f1), Cell(l2), Cell(v2, 3, fld=f2)])
        else:
            rows.append([Cell(l1), Cell(v1, 6, fld=f1)])
    return rows


def header_rows(ctx: Ctx, pr: ProjectSpec, unit_text: str | None) -> list[Row]:
    """Return the header block of `pr` as rows over 7 logical columns."""
    opts = ctx.opts
    rows: list[Row] = []
    money_cell = f"单位：{opts.money_unit}"
    if opts.unit_placement == "row":
        rows.append([Cell(unit_text, 6, fld="unit", jc="left"), Cell(money_cell, jc="right")])
    elif opts.unit_placement == "paragraph_labelled":
        rows.append([Cell(None, 6), Cell(money_cell, jc="right")])
    rows.append(
        [
            _label(ctx, "项目编码", "项 目 编 码"),
            Cell(pr.code, 2, fld="code"),
            _label(ctx, "项目名称", "项目名称\u00a0"),
            Cell(pr.name, 3, fld="name"),
        ]
    )
    if opts.header == "extended":
        rows += _pairs_rows([(k, v, "extra") for k, v in pr.extra.items()])
        parts = [("财政拨款", pr.budget_fiscal)] + list(pr.other_parts or [])
        rows.append(
            [
                Cell("项目资金", vmerge="restart"),
                Cell("资金总额"),
                Cell(money(ctx, pr.budget_total), 5, fld="budget"),
            ]
        )
        for i in range(0, len(parts), 3):
            row: Row = [Cell(None, vmerge="continue")]
            for label, yuan in parts[i : i + 3]:
                row += [Cell(label), Cell(money(ctx, yuan), fld="budget")]
            row[-1].span += 6 - (len(row) - 1)
            rows.append(row)
        rows.append(
            [_label(ctx, "资金用途", "资金用途："), Cell(pr.purpose, 6, fld="purpose", jc="left")]
        )
    else:
        fiscal_label = "其中：财政\u3000资金" if opts.noisy_labels else "其中：财政    资金"
        rows.append(
            [
                Cell("预算规模及资金用途", vmerge="restart"),
                _label(ctx, "预算数", "预算数\u3000"),
                Cell(money(ctx, pr.budget_total), fld="budget"),
                Cell(fiscal_label),
                Cell(money(ctx, pr.budget_fiscal), fld="budget"),
                Cell("其他资金"),
                Cell(_other_text(ctx, pr.budget_other), fld="other"),
            ]
        )
        rows.append([Cell(None, vmerge="continue"), Cell(pr.purpose, 6, fld="purpose", jc="left")])
    if pr.spending_plan:
        spans = _plan_spans(len(pr.spending_plan))
        plan_label = "资金支出计划（％）" if opts.noisy_labels else "资金支出计划（%）"
        rows.append(
            [Cell(plan_label, vmerge="restart")]
            + [Cell(c, s) for (c, _, _), s in zip(pr.spending_plan, spans, strict=True)]
        )
        rows.append(
            [Cell(None, vmerge="continue")]
            + [
                Cell(_pct(ctx, v), s, fld="plan")
                for (_, _, v), s in zip(pr.spending_plan, spans, strict=True)
            ]
        )
    if pr.long_term_goals:
        rows.append(
            [Cell(opts_long_label(ctx)), Cell(None, 6, paras=goal_paras(ctx, pr.long_term_goals))]
        )
        rows.append([Cell("年度目标"), Cell(None, 6, paras=goal_paras(ctx, pr.goals))])
    else:
        rows.append([Cell("绩效目标"), Cell(None, 6, paras=goal_paras(ctx, pr.goals))])
    return rows


def opts_long_label(ctx: Ctx) -> str:
    """Return the label of the long-term goals row (长期目标, or 中长期目标 in extended templates)."""
    return "中长期目标" if ctx.opts.header == "extended" else "长期目标"


def draw_rows(ctx: Ctx, rows: list[Row], widths: list[int], lead: int = 0) -> list[str]:
    """Return w:tr strings for header `rows` over `widths`; `lead` prepends continue cells."""
    ncols = len(widths)
    out = []
    for row in rows:
        used = sum(c.span for c in row) + lead
        spans = [c.span for c in row]
        spans[-1] += ncols - used  # stretch the last cell over a wider grid
        cells = [ox.tc([ox.p("", "", ctx.p_attrs())], widths[0], vmerge="continue")] * lead
        col = lead
        for c, span in zip(row, spans, strict=True):
            w = sum(widths[col : col + span])
            col += span
            paras = c.paras if c.paras is not None else [para(ctx, c.fld, c.text, c.jc)]
            cells.append(ox.tc(paras, w, span, c.vmerge))
        out.append(ox.tr(cells, attrs=ctx.tr_attrs()))
    return out
