"""Table structures whose header words alone do not say each column (extract/header_rows.py), drawn in more
variants than the template families that showed them: other wording, another column order, cells merged
another way. Each reads exactly, or says with a `guessed` warning where the structure leaves a level to its
position; every cell keeps a fate the warnings agree with.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.docgen import ooxml as ox
from tests.docgen.templates import Doc, W, c, cont, top, write_docs
from tests.test_accounting import account

Row = list[tuple[str, int, str | None]]


def _project(extra_tables: list[tuple[int, list[Row]]]) -> Doc:
    d = Doc("case")
    d.para("2023年项目支出绩效目标表", "center")
    d.para("单位名称：[301001]某县教育局")
    d.table(4, [[c("项目名称"), c("教师培训", 3)], [c("资金总额（万元）"), c("120"), c("其中：财政拨款"), c("120")],
                [c("其他资金"), c("0"), c("年度目标"), c("培训教师100人")]])
    for ncols, rows in extra_tables:
        d.table(ncols, rows)
    return d


def _read(tmp_path: Path, doc: Doc) -> dict[str, Any]:
    """Write `doc`, check every cell has a fate the warnings agree with, and return its reading."""
    from extract.api import extract_file, to_contract

    doc.expected = {}
    path = write_docs(tmp_path, {"case": lambda: doc})[0]
    problems = account(path)
    assert not problems, problems
    return dict(to_contract(extract_file(path)))


def _rows(out: dict[str, Any], *keys: str) -> list[tuple[Any, ...]]:
    keys = keys or ("level1", "level2", "name", "target_raw")
    return [tuple(i[k] for k in keys) for i in out["projects"][0]["indicators"]]


def _kinds(out: dict[str, Any]) -> list[str]:
    return [w["kind"] for w in out["warnings"]]


def _hmerge_table(rows: list[list[tuple[str, str | None]]], ncols: int) -> str:
    """A table whose cells are merged across with the legacy w:hMerge (restart / continue), not gridSpan."""
    width = W // ncols

    def cell(text: str, h: str | None) -> str:
        pr = f'<w:tcW w:w="{width}" w:type="dxa"/>' + (f'<w:hMerge w:val="{h}"/>' if h else "")
        return f"<w:tc><w:tcPr>{pr}</w:tcPr>{ox.p(ox.r(text)) if text else ox.p('')}</w:tc>"

    return ox.tbl([width] * ncols, [ox.tr(cell(t, h) for t, h in row) for row in rows])


LEVELS = [("产出指标", "数量指标", "培训人数", "≥100人"), ("产出指标", "质量指标", "结业率", "≥95%"),
          ("效益指标", "社会效益指标", "教学能力提升", "明显提升"), ("满意度指标", "服务对象满意度指标", "学员满意度", "≥90%")]


def _grouped(rows: list[tuple[str, ...]], merge: tuple[int, ...] = (0,)) -> list[Row]:
    """Draw rows with the columns in `merge` merged down over runs of the same text, as Word does."""
    out: list[Row] = []
    for i, r in enumerate(rows):
        drawn: Row = []
        for k, text in enumerate(r):
            if k in merge:
                same_prev = i > 0 and rows[i - 1][k] == text
                same_next = i + 1 < len(rows) and rows[i + 1][k] == text
                drawn.append(cont() if same_prev else top(text) if same_next else c(text))
            else:
                drawn.append(c(text))
        out.append(drawn)
    return out


# -- 1. a header cell spanning the 一级 and 二级 columns: split by the content of the columns under it ----------
@pytest.mark.parametrize("head", ["评价内容", "考评要素", "指标"])
def test_a_header_spanning_both_levels_is_split_by_their_cells(tmp_path: Path, head: str) -> None:
    rows = _grouped(LEVELS)
    out = _read(tmp_path, _project([(4, [[c(head, 2), c("指标名称"), c("指标值")], *rows])]))
    assert _rows(out) == LEVELS and out["warnings"] == []


def test_a_spanning_header_over_levels_then_target_then_name(tmp_path: Path) -> None:
    """Another order (the target before the name), a 一级 of the common framework (投入), 二级 named …目标."""
    levels = [("投入", "成本目标", "≤120万元", "培训经费"), ("产出", "数量目标", "≥100人", "培训人数"),
              ("效益", "社会效益目标", "明显提升", "教学能力提升")]
    out = _read(tmp_path, _project([(4, [[c("绩效内容分类", 2), c("目标值"), c("三级指标")], *_grouped(levels)])]))
    assert _rows(out) == [(a, b, n, t) for a, b, t, n in levels] and out["warnings"] == []


def test_a_header_over_two_levels_merged_with_hmerge(tmp_path: Path) -> None:
    d = _project([])
    rows = [[("评价内容", "restart"), ("", "continue"), ("指标名称", None), ("指标值", None)],
            *[[(a, None), (b, None), (n, None), (t, None)] for a, b, n, t in LEVELS]]
    d.blocks.append(_hmerge_table(rows, 4))
    out = _read(tmp_path, d)
    assert _rows(out) == LEVELS and out["warnings"] == []


def test_a_header_written_once_over_an_empty_neighbour(tmp_path: Path) -> None:
    """Not merged at all: the header in the first cell, the second header cell left empty."""
    out = _read(tmp_path, _project([(4, [[c("评价内容"), c(""), c("指标名称"), c("指标值")], *_grouped(LEVELS)])]))
    assert _rows(out) == LEVELS and out["warnings"] == []


def test_a_sign_off_line_across_the_table_is_no_category_cell(tmp_path: Path) -> None:
    """填报人 / 注 rows written across the table are not cells of the category columns, nor data."""
    rows = [*_grouped(LEVELS), [c("填报人：王某　联系电话：0316-5221234", 4)], [c("注：指标值须可衡量", 4)]]
    out = _read(tmp_path, _project([(4, [[c("评价内容", 2), c("指标名称"), c("指标值")], *rows])]))
    assert _rows(out) == LEVELS and out["warnings"] == []


def test_a_spanning_header_whose_second_level_is_not_known_is_a_guess(tmp_path: Path) -> None:
    levels = [("产出指标", "前期工作", "完成设计", "3月底前"), ("产出指标", "工程质量", "验收合格率", "100%"),
              ("效益指标", "群众出行", "通行时间缩短", "≥10%")]
    out = _read(tmp_path, _project([(4, [[c("评价内容", 2), c("指标名称"), c("指标值")], *_grouped(levels)])]))
    assert _rows(out) == levels  # read by position, and said so
    assert _kinds(out) == ["guessed"] and "二级指标" in out["warnings"][0]["message"] and \
        "前期工作" in out["warnings"][0]["message"]


def test_a_spanning_header_over_text_nobody_can_place_stays_unknown(tmp_path: Path) -> None:
    levels = [("履职效能", "工作完成", "完成设计", "3月底前"), ("管理效率", "工作规范", "验收合格率", "100%")]
    out = _read(tmp_path, _project([(4, [[c("评价内容", 2), c("指标名称"), c("指标值")], *[[c(x) for x in r] for r in levels]])]))
    assert _rows(out) == [(None, None, n, t) for _, _, n, t in levels]
    assert "column_unknown" in _kinds(out) and "guessed" not in _kinds(out)


# -- 2. an indicator table without category columns: 名称 | 指标值, its category given by a side label or none ---
NAMES = [("购置设备", "12台"), ("验收合格率", "100%"), ("患者满意度", "≥90%")]


@pytest.mark.parametrize("heads", [("指标内容", "指标值"), ("指标名称", "目标值"), ("三级指标", "年度指标值")])
def test_a_name_and_target_table_is_read_with_null_levels(tmp_path: Path, heads: tuple[str, str]) -> None:
    out = _read(tmp_path, _project([(2, [[c(heads[0]), c(heads[1])], *[[c(n), c(v)] for n, v in NAMES]])]))
    assert _rows(out) == [(None, None, n, v) for n, v in NAMES] and out["warnings"] == []


def test_a_target_then_name_table_under_a_side_title(tmp_path: Path) -> None:
    rows = [[top("绩效指标"), c("指标值"), c("指标名称", 2)], *[[cont(), c(v), c(n, 2)] for n, v in NAMES]]
    out = _read(tmp_path, _project([(4, rows)]))
    assert _rows(out) == [(None, None, n, v) for n, v in NAMES] and out["warnings"] == []


def test_a_side_label_naming_the_category_gives_the_rows_their_level(tmp_path: Path) -> None:
    """产出指标 / 效益指标 merged down beside their rows, under an empty header cell: the rows' 一级."""
    rows = [("产出指标", "购置设备", "12台"), ("产出指标", "验收合格率", "100%"), ("效益指标", "救治成功率", "≥95%"),
            ("效益指标", "患者满意度", "≥90%")]
    out = _read(tmp_path, _project([(3, [[c(""), c("指标内容"), c("指标值")], *_grouped(rows)])]))
    assert _rows(out) == [(a, None, n, v) for a, n, v in rows] and out["warnings"] == []


def test_a_lone_name_column_without_targets_is_no_indicator_table(tmp_path: Path) -> None:
    out = _read(tmp_path, _project([(2, [[c("指标名称"), c("指标值")], [c("（由单位填写）", 2)]])]))
    assert _rows(out) == []


# -- 3. columns headed by a classification word: 类别 | 目标类型, left to right 一级 then 二级 ---------------------
BUILD = [("基建类", "前期工作目标", "完成施工图设计", "2024年3月底前"), ("基建类", "质量控制目标", "工程验收合格率", "100%"),
         ("专项类", "工期控制目标", "改造公厕数量", "40座"), ("专项类", "成本控制目标", "单座改造成本", "≤15万元")]


@pytest.mark.parametrize("heads", [("类别", "目标类型"), ("指标类别", "指标类型"), ("一级分类", "二级分类")])
def test_two_classification_columns_are_the_two_levels(tmp_path: Path, heads: tuple[str, str]) -> None:
    table = [[c(heads[0]), c(heads[1]), c("指标内容"), c("目标值")], *_grouped(BUILD)]
    out = _read(tmp_path, _project([(4, table)]))
    assert _rows(out) == BUILD and out["warnings"] == []


def test_classification_columns_with_a_remark_and_the_name_last_but_one(tmp_path: Path) -> None:
    rows = [(a, b, t, n) for a, b, n, t in BUILD]
    table = [[c("类型"), c("分类"), c("目标值"), c("指标名称"), c("备注")], *[[*r, c("")] for r in _grouped(rows, (0, 1))]]
    out = _read(tmp_path, _project([(5, table)]))
    assert _rows(out) == BUILD and out["warnings"] == []


def test_classification_columns_closed_by_sign_off_cells(tmp_path: Path) -> None:
    table = [[c("类别"), c("目标类型"), c("指标内容"), c("目标值")], *_grouped(BUILD),
             [c("填报人：王某", 2), c("审核人：李某", 2)]]
    out = _read(tmp_path, _project([(4, table)]))
    assert _rows(out) == BUILD and out["warnings"] == []


def test_one_classification_column_of_unknown_words_is_a_guessed_level1(tmp_path: Path) -> None:
    rows = [(a, n, t) for a, _, n, t in BUILD]
    out = _read(tmp_path, _project([(3, [[c("类别"), c("指标内容"), c("目标值")], *_grouped(rows)])]))
    assert _rows(out) == [(a, None, n, t) for a, _, n, t in BUILD]
    assert _kinds(out) == ["guessed"] and "一级指标" in out["warnings"][0]["message"]


def test_classification_columns_that_do_not_nest_are_a_guess(tmp_path: Path) -> None:
    """The left column changes where the right one does not: not a 一级 over its 二级, said so."""
    rows = [("基建类", "质量目标甲", "工程验收合格率", "100%"), ("专项类", "质量目标甲", "改造公厕数量", "40座")]
    out = _read(tmp_path, _project([(4, [[c("类别"), c("目标类型"), c("指标内容"), c("目标值")],
                                            *[[c(x) for x in r] for r in rows]])]))
    assert _rows(out) == rows and set(_kinds(out)) == {"guessed"}


def test_level_words_under_classification_headers_need_no_guess(tmp_path: Path) -> None:
    rows = [(a, n, t) for a, _, n, t in LEVELS]
    out = _read(tmp_path, _project([(3, [[c("指标类别"), c("指标名称"), c("指标值")], *_grouped(rows)])]))
    assert _rows(out) == [(a, None, n, t) for a, _, n, t in LEVELS] and out["warnings"] == []


# -- 4. a two-row header: a parent heading spanning sub-headings, the other headings merged down beside it ------
def _department(task_head: list[Row], tasks: list[Row], closing: list[Row], ncols: int) -> Doc:
    d = Doc("dept")
    d.para("部门整体支出绩效目标申报表", "center")
    d.para("（2022年度）", "center")
    d.table(ncols, [[c("部门（单位）名称"), c("某市统计局", ncols - 1)], *task_head, *tasks, *closing,
                    [c("年度总体目标"), c("按时保质完成各项统计调查任务。", ncols - 1)]])
    d.table(4, [[c("一级指标"), c("二级指标"), c("三级指标"), c("指标值")],
                [c("产出指标"), c("数量指标"), c("完成统计调查项目"), c("≥25项")]])
    return d


TASKS = [("统计调查", "完成经济普查和常规统计调查", "320", "300", "20"), ("统计信息化", "统计数据平台运维升级", "180", "180", "0")]


def _items(out: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(i["title"], i["goal"]) for i in out["department_goals"]["items"]]


def test_a_two_row_task_heading_in_another_wording_and_order(tmp_path: Path) -> None:
    """部门职能 | 预算金额（万元） over 合计 | 财政资金 | 其他 | 年度目标任务: the spanning heading in the middle."""
    head = [[top("年度履职目标"), top("部门职能"), c("预算金额（万元）", 3), top("年度目标任务")],
            [cont(), cont(), c("合计"), c("财政资金"), c("其他"), cont()]]
    tasks = [[cont(), c(t), c(a), c(f), c(o), c(g)] for t, g, a, f, o in TASKS]
    d = _department(head, tasks, [[cont(), c("合计"), c("500"), c("480"), c("20"), c("")]], 6)
    out = _read(tmp_path, d)
    assert _items(out) == [(t, g) for t, g, *_ in TASKS] and out["warnings"] == []
    extra = out["department_goals"]["extra"]
    assert extra["1.统计调查（预算金额（万元）：财政资金）"] == "300" and extra["2.统计信息化（预算金额（万元）：其他）"] == "0"


def test_a_two_row_task_heading_merged_with_hmerge(tmp_path: Path) -> None:
    d = Doc("dept")
    d.para("部门整体支出绩效目标申报表（2022年度）", "center")
    width = W // 5

    def cell(text: str, h: str | None = None, v: str | None = None) -> str:
        pr = f'<w:tcW w:w="{width}" w:type="dxa"/>' + (f'<w:hMerge w:val="{h}"/>' if h else "") + (
            '<w:vMerge w:val="restart"/>' if v == "restart" else "<w:vMerge/>" if v else "")
        return f"<w:tc><w:tcPr>{pr}</w:tcPr>{ox.p(ox.r(text)) if text else ox.p('')}</w:tc>"

    rows = [[cell("部门（单位）名称"), cell("某市统计局", "restart"), *[cell("", "continue")] * 3],
            [cell("年度主要任务", v="restart"), cell("任务名称", v="restart"), cell("主要内容", v="restart"),
             cell("预算申请（万元）", "restart"), cell("", "continue")],
            [cell("", v="continue"), cell("", v="continue"), cell("", v="continue"), cell("财政拨款"), cell("其他资金")],
            *[[cell("", v="continue"), cell(t), cell(g), cell(f), cell(o)] for t, g, _, f, o in TASKS],
            [cell("年度总体目标"), cell("按时保质完成各项统计调查任务。", "restart"), *[cell("", "continue")] * 3]]
    d.blocks.append(ox.tbl([width] * 5, [ox.tr(r) for r in rows]))
    d.table(4, [[c("一级指标"), c("二级指标"), c("三级指标"), c("指标值")],
                [c("产出指标"), c("数量指标"), c("完成统计调查项目"), c("≥25项")]])
    out = _read(tmp_path, d)
    assert _items(out) == [(t, g) for t, g, *_ in TASKS] and out["warnings"] == []


def test_a_one_row_heading_spanning_amounts_keeps_the_first_task(tmp_path: Path) -> None:
    """A heading spanning columns whose next row holds amounts: that row is a task, not a sub-heading."""
    head = [[top("年度主要任务"), c("任务名称"), c("主要内容"), c("预算申请（万元）", 3)]]
    tasks = [[cont(), c(t), c(g), c(a), c(f), c(o)] for t, g, a, f, o in TASKS]
    out = _read(tmp_path, _department(head, tasks, [], 6))
    assert _items(out) == [(t, g) for t, g, *_ in TASKS]


# -- the same rule in an indicator table: 指标值 spanning sub-headings the label lists do not know ----------------
def _two_row_target(subs: tuple[str, str]) -> list[Row]:
    head = [[top("一级指标"), top("二级指标"), top("三级指标"), c("指标值", 2)],
            [cont(), cont(), cont(), c(subs[0]), c(subs[1])]]
    return [*head, [c("产出指标"), c("数量指标"), c("培训人数"), c("≥100人"), c("≥300人")],
            [c("效益指标"), c("社会效益指标"), c("教学能力提升"), c("明显提升"), c("显著提升")]]


def test_a_target_heading_over_year_and_long_term_is_header(tmp_path: Path) -> None:
    out = _read(tmp_path, _project([(5, _two_row_target(("年度", "中长期")))]))
    assert _rows(out, "name", "target_raw", "horizon") == [
        ("培训人数", "≥100人", "annual"), ("培训人数", "≥300人", "long_term"),
        ("教学能力提升", "明显提升", "annual"), ("教学能力提升", "显著提升", "long_term")]
    assert out["warnings"] == []


def test_a_target_heading_over_two_years_reads_the_first_and_flags_the_other(tmp_path: Path) -> None:
    out = _read(tmp_path, _project([(5, _two_row_target(("2023年", "2025年")))]))
    assert _rows(out, "name", "target_raw") == [("培训人数", "≥100人"), ("教学能力提升", "明显提升")]
    assert [(w["kind"], "2025年" in w["message"]) for w in out["warnings"]] == [("column_unknown", True)]


def test_a_first_row_of_targets_under_a_spanning_heading_is_data(tmp_path: Path) -> None:
    """A row under 指标值 | 指标值 holding targets (its name left blank) is a row, not sub-headings."""
    rows = _two_row_target(("年度", "中长期"))
    rows[:2] = [[c("一级指标"), c("二级指标"), c("三级指标"), c("指标值", 2)], [c(""), c(""), c(""), c("≥50人"), c("≥150人")]]
    out = _read(tmp_path, _project([(5, rows)]))
    assert _rows(out, "name", "target_raw")[0] == (None, "≥50人\n≥150人") and "indicator_no_name" in _kinds(out)


def test_a_classification_column_beside_a_named_level2_column_is_its_level1(tmp_path: Path) -> None:
    table = [[c("类别"), c("二级指标"), c("三级指标"), c("指标值")], *_grouped(BUILD)]
    out = _read(tmp_path, _project([(4, table)]))
    assert _rows(out) == BUILD and out["warnings"] == []


def test_a_type_column_of_quantitative_or_qualitative_is_no_category(tmp_path: Path) -> None:
    """指标类型 holding 定量 / 定性 says the indicator's nature: not read as a 一级, and warned as not understood."""
    rows = [("定量指标", "培训人数", "≥100人"), ("定性指标", "教学能力", "明显提升")]
    out = _read(tmp_path, _project([(3, [[c("指标类型"), c("指标名称"), c("指标值")], *[[c(x) for x in r] for r in rows]])]))
    assert _rows(out) == [(None, None, n, t) for _, n, t in rows] and _kinds(out) == ["column_unknown"]


def test_task_headings_merged_over_two_rows_without_sub_headings_are_no_task(tmp_path: Path) -> None:
    """任务名称 | 主要内容 drawn two rows tall: the second row writes nothing new, so it is no task."""
    head = [[top("年度主要任务"), top("任务名称"), top("主要内容", 2)], [cont(), cont(), cont(2)]]
    tasks = [[cont(), c(t), c(g, 2)] for t, g, *_ in TASKS]
    out = _read(tmp_path, _department(head, tasks, [], 4))
    assert _items(out) == [(t, g) for t, g, *_ in TASKS] and out["warnings"] == []


# -- one header over the levels and the name, or categories given by title rows across the table -------------
@pytest.mark.parametrize("head", ["绩效指标", "评价内容"])
def test_a_header_spanning_levels_and_name_is_split_by_the_cells(tmp_path: Path, head: str) -> None:
    out = _read(tmp_path, _project([(4, [[c(head, 3), c("指标值")], *_grouped(LEVELS)])]))
    assert _rows(out) == LEVELS and out["warnings"] == []


def test_numbered_title_rows_give_the_rows_below_their_categories(tmp_path: Path) -> None:
    table = [[c("指标名称"), c("指标值")], [c("一、产出指标", 2)], [c("（一）数量指标", 2)], [c("培训人数"), c("≥100人")],
             [c("（二）质量指标", 2)], [c("结业率"), c("≥95%")], [c("二、效益指标", 2)], [c("教学能力提升"), c("明显提升")]]
    out = _read(tmp_path, _project([(2, table)]))
    assert _rows(out) == [("产出指标", "数量指标", "培训人数", "≥100人"), ("产出指标", "质量指标", "结业率", "≥95%"),
                          ("效益指标", None, "教学能力提升", "明显提升")]
    assert out["warnings"] == []


def test_a_department_indicator_table_under_a_header_over_two_levels(tmp_path: Path) -> None:
    d = Doc("dept")
    d.para("部门整体支出绩效目标申报表", "center")
    d.para("（2022年度）", "center")
    d.table(4, [[c("部门（单位）名称"), c("某市统计局", 3)], [c("年度总体目标"), c("按时保质完成各项统计调查任务。", 3)]])
    d.table(4, [[c("评价内容", 2), c("指标名称"), c("指标值")], *_grouped(LEVELS)])
    out = _read(tmp_path, d)
    got = [(i["level1"], i["level2"], i["name"], i["target_raw"]) for i in out["department_goals"]["indicators"]]
    assert got == LEVELS and out["warnings"] == []
