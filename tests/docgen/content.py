"""Hand-written content for the layout variants: one unit, three projects, in the real sample's voice."""

from __future__ import annotations

from tests.docgen.spec import (
    DeptItem,
    DeptSpec,
    IndicatorSpec,
    ProjectSpec,
    count,
    qual,
    target,
)

UNIT_CODE = "306001"
UNIT_NAME = "文安县机床市场管理委员会本级"
PLAN = [("3月底", 3, 25.0), ("6月底", 6, 50.0), ("10月底", 10, 75.0), ("12月底", 12, 100.0)]

I = IndicatorSpec  # noqa: E741  (short rows read like the table they stand for)


def department() -> DeptSpec:
    """Return a department section with three 分项 items and bulleted measures."""
    return DeptSpec(
        overall="完善基础设施建设。积极加强基础设施建设，优化机床交易市场发展的硬件环境。抓好招商引资工作，力争有实质性进展。",
        items=[
            DeptItem(
                "提高法规治理，集中反映民意",
                "提高法规质量，保障其有效实施。",
                "培训计划完成率，执法检查和集中视察完成率≥90%",
            ),
            DeptItem(
                "严控会议次数、降低会议经费",
                "严控会议计划、会议规模和会期。",
                "大型会议控制率≥90%。",
            ),
            DeptItem(
                "解决农村用水安全问题", "解决农村居民饮水不安全问题。", "保障农村供水安全率=100%"
            ),
        ],
        measures=[
            "2022年，我机床市场管委会将不断加快建设步伐，不断强化各项保障措施，力争工作整体提升。",
            "（一）、加强支出管理",
            "通过优化支出结构、编细编实预算、及时支付资金等多种措施，确保支出进度达标。",
            "（二）、加强绩效运行监控",
        ],
    )


def project_village() -> ProjectSpec:
    """Return the 占地补偿款 project: percentages in several notations, three 满意度 rows."""
    return ProjectSpec(
        code="13102622P00237611444C",
        name="机床市场管委会小王东村占地补偿款",
        budget_total=259371.0,
        budget_fiscal=259371.0,
        budget_other=None,
        purpose="通过环境治理和开展各项公益事业工作，改善小王东村村容村貌，提升村民幸福指数。",
        spending_plan=list(PLAN),
        goals=["改善村容村貌", "提升幸福指数", "群众满意度"],
        indicators=[
            I(
                "产出指标",
                "数量指标",
                "是否覆盖全村",
                "主要进行环境治理和开展各项公益事业工作",
                count(1, "个"),
                "环境治理全覆盖",
            ),
            I(
                "产出指标",
                "质量指标",
                "是否干净整洁",
                "村内环境干净整洁",
                target("eq_baifenbi", 100),
                "所有街道干净整洁",
            ),
            I(
                "产出指标",
                "时效指标",
                "完成时间",
                "按照合同要求按时完工",
                qual("2022年12月31日前"),
                "按合同时限完成",
            ),
            I(
                "产出指标",
                "质量指标",
                "项目验收合格率",
                "按照村民代表验收合格率",
                target("ge_baifenbi", 100),
                "按期验收",
            ),
            I(
                "产出指标",
                "成本指标",
                "年内累计投资25.9371万元",
                "按照年初计划，不随意增价减价",
                target("eq_wan", "25.93"),
                "价格不作调整",
            ),
            I(
                "效益指标",
                "社会效益指标",
                "社会上反响",
                "社会认知度高，杜绝乱倒垃圾行为",
                target("ge_space_pct", 90),
                "杜绝乱倒垃圾",
            ),
            I(
                "效益指标",
                "经济效益指标",
                "是否吸引更多的投资者",
                "吸引企业投资，解决农村人口就业",
                target("budiyu_pct", 95),
                "改善环境",
            ),
            I(
                "效益指标",
                "生态效益指标",
                "环境是否得到提升",
                "小王东村环境得到了有效提升",
                target("yishang_pct", 92),
                "改善人居环境",
            ),
            I(
                "满意度指标",
                "服务对象满意度指标",
                "群众满意度",
                "群众满意度",
                target("ge_baifenbi", 95),
                "走访群众",
            ),
            I(
                "满意度指标",
                "服务对象满意度指标",
                "满意度",
                "群众满意度",
                target("ge_ascii_pct", 95),
                "调查问卷",
            ),
            I(
                "满意度指标",
                "服务对象满意度指标",
                "满意度",
                "满意度",
                target("ge_baifenbi", 96),
                "调查问卷",
            ),
        ],
    )


def project_bridge() -> ProjectSpec:
    """Return the bridge project: 1座, ≤102.11万元 (above its budget), 按时完成, 30年以上."""
    return ProjectSpec(
        code="13102622P00237611441H",
        name="李村支渠小王东桥重建工程",
        budget_total=500000.0,
        budget_fiscal=450000.0,
        budget_other=50000.0,
        purpose="解决辖区小王东村、徐屯村等2000余亩农作物收种问题，解除群众出行安全隐患。",
        spending_plan=list(PLAN),
        goals=["整体提升", "幸福指数", "满意度"],
        indicators=[
            I(
                "产出指标",
                "数量指标",
                "该桥长30米，采用5-4M现浇盖板涵。",
                "按照设计图纸、合同规定进行施工",
                count(1, "座"),
                "按照设计要求进行施工",
            ),
            I(
                "产出指标",
                "质量指标",
                "项目竣工验收合格率",
                "按监理公司、县财政局验收合格率",
                target("eq_pct", 100),
                "保证顺利竣工",
            ),
            I(
                "产出指标",
                "时效指标",
                "2022年12月31日完工验收",
                "按时按质完工。",
                qual("按时完成"),
                "保证按合同日期竣工",
            ),
            I(
                "产出指标",
                "成本指标",
                "合同价102.1147万元",
                "按照合同价进行施工",
                target("le_wan", "102.11"),
                "保证按合同价付款",
            ),
            I(
                "效益指标",
                "社会效益指标",
                "解决辖区3个村农作物收种问题",
                "出行得到有效改善",
                target("gt_fullwidth_pct", 90),
                "确保群众出行安全",
            ),
            I(
                "效益指标",
                "经济效益指标",
                "农作物收种绕行问题",
                "解决收种期间绕行问题",
                qual("明显提升"),
                "确保农民种粮增收",
            ),
            I(
                "效益指标",
                "可持续影响指标",
                "该桥可持续使用年限",
                "路面干净，桥面整洁",
                target("years_ge", 30),
                "确保群众出行安全",
            ),
            I(
                "满意度指标",
                "服务对象满意度指标",
                "满意度",
                "群众满意度",
                target("ge_baifenbi", 97),
                "调查问卷",
            ),
        ],
    )


def project_office() -> ProjectSpec:
    """Return the 专项办公经费 project: 4个, 不超过 money, a cost as a percentage."""
    return ProjectSpec(
        code="13102622P00237611443Q",
        name="专项办公经费",
        budget_total=164000.0,
        budget_fiscal=164000.0,
        budget_other=None,
        purpose="通过环境治理工作，改善辖区3个村村容村貌，提升机床交易市场整体对外交易形象。",
        spending_plan=list(PLAN),
        goals=["提升环境", "幸福指数", "满意度"],
        indicators=[
            I(
                "产出指标",
                "数量指标",
                "是否覆盖全辖区",
                "清理3个村周围及死角死面垃圾",
                count(4, "个"),
                "2022年工作计划",
            ),
            I(
                "产出指标",
                "质量指标",
                "是否干净整洁",
                "辖区环境干净整洁",
                qual("明显提升改善"),
                "2022年工作计划",
            ),
            I(
                "产出指标",
                "时效指标",
                "是否按时完成",
                "按照合同要求按时完工",
                target("eq_pct", 100),
                "按合同时限完成",
            ),
            I(
                "产出指标",
                "成本指标",
                "办公经费",
                "按照合同要求计价",
                target("buchaoguo_wan", "16.4"),
                "价格不作调整",
            ),
            I(
                "效益指标",
                "社会效益指标",
                "社会上反响",
                "社会认知度高",
                target("gt_baifenbi", 90),
                "杜绝乱倒垃圾",
            ),
            I(
                "效益指标",
                "可持续影响指标",
                "对未来的影响",
                "杜绝随意乱扔垃圾行为",
                target("ge_baifenbi", 90),
                "杜绝乱扔垃圾",
            ),
            I(
                "满意度指标",
                "服务对象满意度指标",
                "满意度",
                "群众满意度",
                target("ge_baifenbi", 95),
                "走访群众",
            ),
            I(
                "满意度指标",
                "服务对象满意度指标",
                "满意度",
                "群众满意度",
                target("ge_baifenbi", 96),
                "调查问卷",
            ),
        ],
    )


def projects() -> list[ProjectSpec]:
    """Return the three standard projects, freshly built (variants may change them)."""
    return [project_village(), project_bridge(), project_office()]


EXTRA = {
    "主管部门": "文安县机床市场管理委员会",
    "实施单位": "文安县机床市场管理委员会本级",
    "项目属性": "延续",
    "项目期": "2022年1月-2022年12月",
    "项目负责人": "王明",
    "联系电话": "0316-5212345",
}


def add_long_term(pr: ProjectSpec) -> None:
    """Give `pr` 长期目标 and a 长期绩效指标 table (drawn before its 年度 table)."""
    pr.long_term_goals = ["三年内根本改善辖区村容村貌", "建立长效管护机制"]
    pr.long_term_indicators = [
        I(
            "产出指标",
            "数量指标",
            "累计治理村庄数",
            "三年内治理辖区全部村庄",
            count(3, "个"),
            "三年规划",
        ),
        I(
            "效益指标",
            "可持续影响指标",
            "设施使用年限",
            "设施长期发挥作用",
            target("years_ge", 10),
            "设计年限",
        ),
        I(
            "满意度指标",
            "服务对象满意度指标",
            "群众满意度",
            "群众满意度",
            target("ge_baifenbi", 98),
            "问卷调查",
        ),
    ]


_RENAME_2021 = {
    "生态效益指标": "环境效益",
    "社会效益指标": "社会效益",
    "服务对象满意度指标": "服务对象满意度",
    "可持续影响指标": "可持续影响",
}


def to_taxonomy_2021(pr: ProjectSpec) -> None:
    """Rewrite `pr`'s indicators under the 2021 rules: 成本指标 becomes a 一级 of its own."""
    out: list[IndicatorSpec] = []
    for ind in pr.indicators:
        if ind.level2 == "成本指标":
            ind.level1, ind.level2 = "成本指标", "经济成本指标"
            out.append(ind)
            out.append(
                I(
                    "成本指标",
                    "社会成本指标",
                    "对周边出行影响",
                    "施工期间影响群众出行",
                    qual("影响较小"),
                    "施工方案",
                )
            )
            out.append(
                I(
                    "成本指标",
                    "生态环境成本指标",
                    "扬尘污染",
                    "施工扬尘达标",
                    target("le_pct", 5),
                    "环保要求",
                )
            )
            continue
        ind.level2 = _RENAME_2021.get(ind.level2 or "", ind.level2)
        out.append(ind)
    pr.indicators = out


def use_more_notations(pr: ProjectSpec) -> None:
    """Replace `pr`'s indicators with rows written in the less common target notations."""
    from tests.docgen.spec import as_written, fullwidth_digits

    pct98 = target("eq_fullwidth_pct", 98)
    pr.indicators = [
        I("产出指标", "数量指标", "清理次数", "每月清理", count(4, "次", ">="), "工作计划"),
        I("产出指标", "数量指标", "清运垃圾", "全年清运量", count(1200, "吨"), "工作计划"),
        I("产出指标", "质量指标", "垃圾遗留率", "清理后遗留", target("le_pct", 5), "验收标准"),
        I("产出指标", "质量指标", "投诉率", "群众投诉", target("lt_pct", 3), "投诉记录"),
        I("产出指标", "质量指标", "返工率", "返工情况", target("yixia_pct", 2), "验收标准"),
        I("产出指标", "质量指标", "差错率", "资金拨付差错", target("bugaoyu_pct", 1), "财务制度"),
        I("产出指标", "时效指标", "完成时限", "按期完成", target("eq_sym_pct", 100), "工作计划"),
        I("产出指标", "成本指标", "人工成本", "保洁人员工资", target("yinei_wan", "6.5"), "合同"),
        I("产出指标", "成本指标", "单次清理成本", "每次清理费用", target("le_yuan", 800), "市场价"),
        I(
            "产出指标",
            "成本指标",
            "设备购置",
            "购置清扫设备",
            target("eq_yuan", "12000.5"),
            "采购合同",
        ),
        I(
            "效益指标",
            "社会效益指标",
            "环境改善率",
            "环境改善",
            as_written(pct98, fullwidth_digits(pct98.raw)),
            "群众反映",
        ),
        I(
            "效益指标",
            "生态效益指标",
            "绿化覆盖率",
            "绿化覆盖",
            target("ge_ascii_pct", "35.5"),
            "规划",
        ),
        I("效益指标", "可持续影响指标", "长效机制", "建立长效机制", qual("有效改善"), "管理制度"),
        I(
            "满意度指标",
            "服务对象满意度指标",
            "商户满意度",
            "商户满意度",
            target("ge_baifenbi", 90),
            "问卷",
        ),
        I(
            "满意度指标",
            "服务对象满意度指标",
            "群众满意度",
            "群众满意度",
            target("ge_baifenbi", 90),
            "问卷",
        ),
    ]
