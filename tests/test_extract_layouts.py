"""Layouts beyond the generated variants, as small inline documents through the real parser."""

from __future__ import annotations

from lxml import etree

from extract.submission import parse_submission
from extract.wordml import W_NS


def p(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space='preserve'>{text}</w:t></w:r></w:p>"


def tc(text: str = "", span: int = 1) -> str:
    pr = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span > 1 else ""
    paras = "".join(p(line) for line in text.split("|")) if text else "<w:p/>"
    return f"<w:tc>{pr}{paras}</w:tc>"


def tbl(*rows: list[str]) -> str:
    return "<w:tbl>" + "".join("<w:tr>" + "".join(r) + "</w:tr>" for r in rows) + "</w:tbl>"


def parse(body: str) -> dict:
    root = etree.fromstring(f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>')
    return dict(parse_submission(root, "t.docx"))


INDICATORS = tbl(
    [tc("一级指标"), tc("二级指标"), tc("三级指标"), tc("指标值")],
    [tc("产出指标"), tc("数量指标"), tc("培训人次"), tc("≥２００人次")],
    [tc(""), tc(""), tc("覆盖率"), tc("100%")],
)


def test_labels_and_values_in_the_same_cell() -> None:
    header = tbl(
        [tc("项目名称：乡村道路养护", 2), tc("项目编码：13102622P00237611444C", 2)],
        [tc("主管部门：文安县交通运输局", 2), tc("项目期：3年", 2)],
        [tc("预算数（万元）"), tc("12.5"), tc("财政拨款（万元）"), tc("12.5")],
        [tc("绩效目标：|1.完成养护；2.群众满意", 4)],
    )
    sub = parse(p("单位名称：文安县交通运输局（单位编码：308001）") + header + INDICATORS)
    (project,) = sub["projects"]
    assert project["name"] == "乡村道路养护"
    assert project["code"] == "13102622P00237611444C"
    assert project["extra"] == {"主管部门": "文安县交通运输局", "项目期": "3年"}
    assert project["budget_total"] == 125000.0 and project["budget_fiscal"] == 125000.0
    assert project["goals"] == ["完成养护", "群众满意"]
    assert sub["unit"] == {"code": "308001", "name": "文安县交通运输局"}
    assert sub["fiscal_year"] == 2022


def test_first_row_only_levels_and_full_width_targets() -> None:
    sub = parse(tbl([tc("项目名称"), tc("甲", 3)]) + INDICATORS)
    rows = sub["projects"][0]["indicators"]
    assert [(r["level1"], r["level2"], r["name"]) for r in rows] == [
        ("产出指标", "数量指标", "培训人次"),
        ("产出指标", "数量指标", "覆盖率"),
    ]
    assert (rows[0]["op"], rows[0]["value"], rows[0]["unit"]) == (">=", 200.0, "人次")
    assert rows[0]["target_raw"] == "≥２００人次"


def test_spending_plan_written_as_checkpoint_and_percent_in_one_cell() -> None:
    header = tbl(
        [tc("项目名称"), tc("乙", 4)],
        [tc("资金支出计划（%）"), tc("3月底：20%"), tc("6月底：50%"), tc("10月底：80%"), tc("12月底：100%")],
    )
    plan = parse(header + INDICATORS)["projects"][0]["spending_plan"]
    assert [(c["checkpoint"], c["month"], c["cumulative_pct"]) for c in plan] == [
        ("3月底", 3, 20.0), ("6月底", 6, 50.0), ("10月底", 10, 80.0), ("12月底", 12, 100.0)
    ]


def test_money_split_into_parts_sums_to_other_funds() -> None:
    header = tbl(
        [tc("项目名称"), tc("丙", 5)],
        [tc("资金总额"), tc("1,000,000.00"), tc("财政拨款"), tc("600,000.00"), tc("自有资金"), tc("300000")],
        [tc("事业收入"), tc("100000"), tc("其他"), tc(""), tc(""), tc("")],
    )
    project = parse(header + INDICATORS)["projects"][0]
    assert (project["budget_total"], project["budget_fiscal"], project["budget_other"]) == (
        1000000.0, 600000.0, 400000.0)


def test_department_items_with_goal_and_indicator_on_one_line() -> None:
    body = (p("二、分项绩效目标") + p("（一）强化服务") + p("绩效目标：提升效率；绩效指标：办结率≥95%")
            + p("（二）控制成本") + p("绩效目标：压减开支") + p("绩效指标：公用经费下降≥5%"))
    items = parse(body)["department_goals"]["items"]
    assert items == [
        {"seq": 1, "title": "强化服务", "goal": "提升效率", "indicator": "办结率≥95%"},
        {"seq": 2, "title": "控制成本", "goal": "压减开支", "indicator": "公用经费下降≥5%"},
    ]


def test_unit_line_above_the_department_section_and_money_unit_at_its_end() -> None:
    body = (
        p("单位名称：文安县民政局　　单位：万元") + p("单位编码：309001")
        + p("一、总体绩效目标") + p("兜底保障困难群众基本生活。")
        + tbl([tc("项目名称"), tc("低保资金"), tc("预算数"), tc("25.5")]) + INDICATORS
    )
    sub = parse(body)
    assert sub["unit"] == {"code": "309001", "name": "文安县民政局"}
    assert sub["department_goals"]["overall"] == "兜底保障困难群众基本生活。"
    assert sub["projects"][0]["budget_total"] == 255000.0


def test_unit_as_labelled_fields_in_the_header_table() -> None:
    header = tbl([tc("单位名称"), tc("309001文安县民政局"), tc("项目名称"), tc("临时救助")])
    assert parse(header + INDICATORS)["unit"] == {"code": "309001", "name": "文安县民政局"}


def test_header_table_broken_at_a_page_break_and_a_titled_table_without_name_row() -> None:
    first = tbl([tc("项目名称"), tc("道路养护")], [tc("预算数"), tc("100000")])
    rest = tbl([tc("资金用途"), tc("养护县乡道路")], [tc("绩效目标"), tc("1.路况良好")])
    titled = tbl([tc("预算数"), tc("5000")], [tc("绩效目标"), tc("1.按期完成")])
    sub = parse(first + rest + INDICATORS + p("2.办公设备购置绩效目标表") + titled + INDICATORS)
    one, two = sub["projects"]
    assert (one["name"], one["budget_total"], one["purpose"], one["goals"]) == (
        "道路养护", 100000.0, "养护县乡道路", ["路况良好"])
    assert (two["name"], two["budget_total"], two["goals"], len(two["indicators"])) == (
        "办公设备购置", 5000.0, ["按期完成"], 2)


def test_department_parts_numbered_as_items_and_item_with_goal_on_its_title_line() -> None:
    body = (p("（一）部门总体绩效目标") + p("做好民生保障。") + p("（二）分项绩效目标")
            + p("1.强化服务。绩效目标：提升效率。") + p("绩效指标：办结率≥95%") + p("（三）工作保障措施")
            + p("加强预算管理。"))
    dept = parse(body)["department_goals"]
    assert dept["overall"] == "做好民生保障。"
    assert dept["items"] == [{"seq": 1, "title": "强化服务", "goal": "提升效率。", "indicator": "办结率≥95%"}]
    assert dept["measures"] == ["加强预算管理。"]
