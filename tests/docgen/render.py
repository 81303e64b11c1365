"""Draw a SubmissionSpec as a real .docx and write it with its expected extraction JSON."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from tests.docgen import ooxml as ox
from tests.docgen.indicators import column_widths, data_rows
from tests.docgen.indicators import header_rows as indicator_header_rows
from tests.docgen.runs import Ctx, runs
from tests.docgen.spec import DeptSpec, IndicatorSpec, ProjectSpec, SubmissionSpec, expected
from tests.docgen.tables import HEADER_WIDTHS, draw_rows, header_rows

_CN = "零一二三四五六七八九十"


def cn_number(n: int) -> str:
    """Return `n` (1..99) in Chinese numerals as in （十二）."""
    if n <= 10:
        return _CN[n]
    tens, ones = divmod(n, 10)
    return (_CN[tens] if tens > 1 else "") + "十" + (_CN[ones] if ones else "")


def _bp(
    ctx: Ctx, text: str, rpr: str = ox.RPR_BODY, jc: str | None = None, fld: str = "dept"
) -> str:
    ppr = ox.jc_ppr(jc) if jc else ""
    return ox.p(runs(ctx, fld, text, rpr), ppr, ctx.p_attrs())


def department(ctx: Ctx, dept: DeptSpec) -> str:
    """Return the paragraphs of 第一部分 部门整体绩效目标."""
    auto = ctx.opts.numbering == "auto"
    out = [
        _bp(ctx, " 第一部分", ox.RPR_HEAD, "center"),
        _bp(ctx, "部门整体绩效目标", ox.RPR_HEAD, "center"),
    ]
    out.append(_bp(ctx, "一、总体绩效目标", ox.RPR_HEAD))
    overall = _bp(ctx, dept.overall or "")
    if "body" in ctx.opts.sdt_levels:
        overall = ox.sdt(overall, "总体绩效目标", ctx.new_id())
    out += [overall, ox.p(""), _bp(ctx, "二、分项绩效目标", ox.RPR_HEAD)]
    num = ctx.new_list(2) if auto else 0
    for i, item in enumerate(dept.items, 1):
        if auto:
            out.append(
                ox.p(runs(ctx, "dept", item.title, ox.RPR_BODY), ox.num_ppr(num), ctx.p_attrs())
            )
        else:
            out.append(_bp(ctx, f"（{cn_number(i)}）{item.title}"))
        out.append(_bp(ctx, f"绩效目标：{item.goal or ''}"))
        out.append(_bp(ctx, f"绩效指标：{item.indicator or ''}"))
    out += [ox.p(""), _bp(ctx, "三、工作保障措施", ox.RPR_HEAD)]
    # As in the real sample: measures are bulleted paragraphs whose own typed numbering is text.
    out += [
        ox.p(runs(ctx, "dept", m, ox.RPR_BODY), ox.num_ppr(ox.NUM_BULLET), ctx.p_attrs())
        for m in dept.measures
    ]
    return "".join(out)


def _title(ctx: Ctx, seq: int, pr: ProjectSpec, title_num: int) -> str:
    name = pr.name or ""
    if ctx.opts.numbering == "auto":
        return ox.p(
            runs(ctx, "title", f"{name}绩效目标表", ox.RPR_HEAD),
            ox.num_ppr(title_num),
            ctx.p_attrs(),
        )
    if ctx.opts.wps:
        # WPS documents carry fields and bookmarks; the number is a field result here.
        bid = ctx.new_id()
        return ox.p(
            f'<w:bookmarkStart w:id="{bid}" w:name="_Toc{bid}"/>'
            f'<w:fldSimple w:instr=" SEQ 表 \\* ARABIC ">{ox.r(str(seq), ox.RPR_HEAD)}</w:fldSimple>'
            f'{ox.r(f".{name}绩效目标表", ox.RPR_HEAD)}<w:bookmarkEnd w:id="{bid}"/>',
            "",
            ctx.p_attrs(),
        )
    return ox.p(ox.r(f" {seq}.{name}绩效目标表", ox.RPR_HEAD), "", ctx.p_attrs())


def _unit_paragraphs(ctx: Ctx, spec: SubmissionSpec) -> str:
    code, name = spec.unit_code or "", spec.unit_name or ""
    if ctx.opts.unit_placement == "paragraph_labelled":
        return _bp(ctx, f"单位名称：{name}（单位编码：{code}）", ox.RPR, fld="unit")
    if ctx.opts.unit_placement == "paragraph_plain":
        return _bp(ctx, f"{code} {name}", ox.RPR, fld="unit") + _bp(
            ctx, f"单位：{ctx.opts.money_unit}", ox.RPR, "right"
        )
    return ""


def _unit_text(spec: SubmissionSpec, space: bool) -> str:
    return f"{spec.unit_code or ''}{' ' if space else ''}{spec.unit_name or ''}"


def _indicator_tables(ctx: Ctx, pr: ProjectSpec) -> list[str]:
    """Return body parts (tables and paragraphs) holding the indicator block(s) of `pr`."""
    opts = ctx.opts
    widths = column_widths(opts.columns, False)
    parts: list[str] = []
    blocks: list[tuple[str | None, list[IndicatorSpec]]] = [(None, pr.indicators)]
    if pr.long_term_indicators:
        blocks = [("长期绩效指标", pr.long_term_indicators), ("年度绩效指标", pr.indicators)]
    for label, inds in blocks:
        head = indicator_header_rows(ctx, opts.columns, widths, None)
        title_rows: list[str] = []
        if label is not None and opts.horizon_label == "paragraph":
            parts.append(_bp(ctx, label, ox.RPR_BOLD, "center"))
        elif label is not None:
            title_rows = [
                ox.tr([ox.tc([_bp(ctx, label, ox.RPR_BOLD, "center")], sum(widths), len(widths))])
            ]
        if opts.split and len(inds) > opts.split_at:
            k = opts.split_at
            repeat = opts.split == "repeat_header"
            # One block cut in two: merges running across the cut continue in the second part
            # (a vMerge 'continue' on its first row) unless the header repeats there.
            drawn = data_rows(ctx, inds, opts.columns, widths, False, {k} if repeat else set())
            first, rest = drawn[:k], drawn[k:]
            parts.append(ox.tbl(widths, title_rows + head + first))
            parts.append(ox.page_break_p())
            parts.append(ox.tbl(widths, (head if repeat else []) + rest))
        else:
            rows = data_rows(ctx, inds, opts.columns, widths, False, set())
            parts.append(ox.tbl(widths, title_rows + head + rows))
    if "body" in opts.sdt_levels:
        parts = [
            ox.sdt(x, "绩效指标表", ctx.new_id()) if x.startswith("<w:tbl>") else x for x in parts
        ]
    return parts


def _project(ctx: Ctx, spec: SubmissionSpec, seq: int, pr: ProjectSpec, title_num: int) -> str:
    opts = ctx.opts
    out = [_title(ctx, seq, pr, title_num), _unit_paragraphs(ctx, spec)]
    head = header_rows(ctx, pr, _unit_text(spec, opts.unit_space))
    if opts.layout == "combined":
        if pr.long_term_indicators or opts.split:
            raise ValueError("combined layout draws one annual indicator block without page breaks")
        widths = column_widths(opts.columns, opts.side_label)
        rows = draw_rows(ctx, head, widths)
        if pr.has_indicator_table:
            side = "绩效指标" if opts.side_label else None
            rows += indicator_header_rows(ctx, opts.columns, widths, side)
            rows += data_rows(ctx, pr.indicators, opts.columns, widths, opts.side_label, set())
        table = ox.tbl(widths, rows)
        out.append(ox.sdt(table, "项目表", ctx.new_id()) if "body" in opts.sdt_levels else table)
    else:
        table = ox.tbl(HEADER_WIDTHS, draw_rows(ctx, head, HEADER_WIDTHS))
        out.append(ox.sdt(table, "项目信息", ctx.new_id()) if "body" in opts.sdt_levels else table)
        out.append(ox.p(ox.r(" ")))
        if pr.has_indicator_table:
            out += _indicator_tables(ctx, pr)
    out += [ox.p(""), ox.p(ox.r(" "))]
    return "".join(out)


def document(spec: SubmissionSpec) -> bytes:
    """Return the .docx bytes drawing `spec`."""
    ctx = Ctx(spec.options)
    body = department(ctx, spec.department) if spec.department is not None else ""
    title_num = ctx.new_list(1) if spec.options.numbering == "auto" else 0
    body += "".join(_project(ctx, spec, i, pr, title_num) for i, pr in enumerate(spec.projects, 1))
    numbering = ox.NUMBERING.replace("</w:numbering>", "".join(ctx.nums) + "</w:numbering>")
    return ox.package(ox.document_xml(body, wps=spec.options.wps), numbering)


def write(
    spec: SubmissionSpec, out_dir: Path, json_name: str | None = None
) -> tuple[Path, dict[str, Any]]:
    """Write `spec` as out_dir/<file> plus its expected JSON beside it; return (docx path, expected)."""
    data = document(spec)
    path = out_dir / spec.file
    path.write_bytes(data)
    exp = expected(spec, hashlib.sha256(data).hexdigest())
    jpath = out_dir / (json_name or (path.stem + ".json"))
    jpath.write_text(json.dumps(exp, ensure_ascii=False, indent=1), encoding="utf-8")
    return path, exp
