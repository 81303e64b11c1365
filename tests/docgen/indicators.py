"""Drawing of an indicator block: header row(s) and one row per indicator, merged as options say."""

from __future__ import annotations

from tests.docgen import ooxml as ox
from tests.docgen.options import Column
from tests.docgen.runs import Ctx, para
from tests.docgen.spec import IndicatorSpec

LevelState = tuple[str | None, str | None]  # (text drawn, vMerge state)


def column_widths(columns: tuple[Column, ...], side: bool) -> list[int]:
    """Return the grid widths of an indicator table (a column of span n takes n grid columns)."""
    widths = [600] if side else []
    for c in columns:
        widths += [c.width] * c.span
    return widths


def _cell_w(widths: list[int], col: int, span: int) -> int:
    return sum(widths[col : col + span])


def header_rows(
    ctx: Ctx, columns: tuple[Column, ...], widths: list[int], side: str | None
) -> list[str]:
    """Return the 一级指标 / 二级指标 … header: one row, or two under a '绩效指标' group cell."""
    keys = [c.key for c in columns]
    two = ctx.opts.two_row_header and keys[:3] == ["l1", "l2", "name"]
    top: list[str] = []
    bottom: list[str] = []
    col = 0
    if side is not None:
        top.append(ox.tc([para(ctx, "label", side)], widths[0], vmerge="restart"))
        bottom.append(ox.tc([ox.p("")], widths[0], vmerge="continue"))
        col = 1
    if two:
        group = sum(c.span for c in columns[:3])
        top.append(
            ox.tc(
                [para(ctx, "label", "绩效指标", rpr=ox.RPR_BOLD)],
                _cell_w(widths, col, group),
                group,
            )
        )
    for k, c in enumerate(columns):
        w = _cell_w(widths, col, c.span)
        col += c.span
        label = [para(ctx, "label", c.label or None, rpr=ox.RPR_BOLD)]
        if not two:
            top.append(ox.tc(label, w, c.span))
        elif k < 3:
            bottom.append(ox.tc(label, w, c.span))
        else:  # the other headers span both header rows
            top.append(ox.tc(label, w, c.span, "restart"))
            bottom.append(ox.tc([ox.p("")], w, c.span, "continue"))
    rows = [ox.tr(top, header=True, attrs=ctx.tr_attrs())]
    if two:
        rows.append(ox.tr(bottom, header=True, attrs=ctx.tr_attrs()))
    return rows


def _level_states(
    inds: list[IndicatorSpec], mode: str, merge_l2: bool, restart_at: set[int]
) -> list[tuple[LevelState, LevelState]]:
    """Return per row ((l1 text, l1 vmerge), (l2 text, l2 vmerge)) as drawn in `mode`."""
    states: list[tuple[LevelState, LevelState]] = []
    prev: IndicatorSpec | None = None
    for i, ind in enumerate(inds):
        fresh = prev is None or i in restart_at
        same1 = not fresh and prev is not None and ind.level1 == prev.level1
        same2 = same1 and prev is not None and ind.level2 == prev.level2
        s1: LevelState
        s2: LevelState
        if mode == "repeat":
            s1, s2 = (ind.level1, None), (ind.level2, None)
        elif mode == "first_row_only":
            s1 = ("", None) if same1 else (ind.level1, None)
            s2 = ("", None) if same2 else (ind.level2, None)
        else:  # vmerge
            s1 = ("", "continue") if same1 else (ind.level1, "restart")
            if merge_l2:
                s2 = ("", "continue") if same2 else (ind.level2, "restart")
            else:
                s2 = (ind.level2, None)
        states.append((s1, s2))
        prev = ind
    return states


def _ind_value(ind: IndicatorSpec, key: str) -> tuple[str, str | None]:
    return {
        "name": ("ind_name", ind.name),
        "desc": ("desc", ind.description),
        "target": ("target", ind.target.raw),
        "basis": ("basis", ind.basis),
        "note": ("note", ind.note),
        "spacer": ("spacer", None),
    }[key]


def _merge_state(values: list[str | None], i: int, restart_at: set[int]) -> str | None:
    """Return the vMerge state of row i when equal neighbouring cells are merged vertically."""
    v = values[i]
    if v is None:
        return None
    same_prev = i > 0 and i not in restart_at and values[i - 1] == v
    same_next = i + 1 < len(values) and i + 1 not in restart_at and values[i + 1] == v
    if same_prev:
        return "continue"
    return "restart" if same_next else None


def data_rows(
    ctx: Ctx,
    inds: list[IndicatorSpec],
    columns: tuple[Column, ...],
    widths: list[int],
    side: bool,
    restart_at: set[int],
) -> list[str]:
    """Return the data rows of an indicator block, one w:tr per indicator."""
    opts = ctx.opts
    states = _level_states(inds, opts.level_mode, opts.merge_level2, restart_at)
    keys = [c.key for c in columns]
    merged = {"desc", "basis"} if opts.merge_equal_cells else set()
    values = {k: [_ind_value(ind, k)[1] for ind in inds] for k in merged}
    rows = []
    for i, (ind, (s1, s2)) in enumerate(zip(inds, states, strict=True)):
        cells = []
        col = 0
        if side:
            cells.append(ox.tc([ox.p("", "", ctx.p_attrs())], widths[0], vmerge="continue"))
            col = 1
        # Every other row, the description also covers the spacer column (gridSpan in data rows).
        widen = opts.desc_spans_spacer and i % 2 == 1 and "desc" in keys and "spacer" in keys
        widen = widen and keys.index("spacer") == keys.index("desc") + 1
        for c in columns:
            span = c.span
            if widen and c.key == "spacer":
                col += span
                continue
            if widen and c.key == "desc":
                span += columns[keys.index("spacer")].span
            w = _cell_w(widths, col, span)
            col += span
            if c.key in ("l1", "l2"):
                text, vm = s1 if c.key == "l1" else s2
                cell = ox.tc([para(ctx, c.key, text or None)], w, span, vm)
            else:
                fld, text = _ind_value(ind, c.key)
                jc = "left" if c.key in ("desc", "basis") else "center"
                vm = _merge_state(values[c.key], i, restart_at) if c.key in merged else None
                shown = None if vm == "continue" else text
                cell = ox.tc([para(ctx, fld, shown, jc)], w, span, vm)
                if c.key == "target" and "cell" in opts.sdt_levels and i % 2 == 0:
                    cell = ox.sdt(cell, "指标值", ctx.new_id())
            cells.append(cell)
        row = ox.tr(cells, attrs=ctx.tr_attrs())
        if "row" in opts.sdt_levels and i % 3 == 1:
            row = ox.sdt(row, "指标行", ctx.new_id())
        rows.append(row)
    if opts.blank_rows:
        rows.append(ox.tr([ox.tc([ox.p("")], w) for w in widths], attrs=ctx.tr_attrs()))
    return rows
