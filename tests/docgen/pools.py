"""Word pools for a synthetic county: departments and units, projects, goals and indicator rows."""

from __future__ import annotations

import random

from tests.docgen.spec import IndicatorSpec, Target, count, qual, target

COUNTY_NAMES = {"131026": "文安县", "131025": "大城县", "131022": "固安县"}

# (department, its subordinate units); the department's own office is 本级 (unit xxx001).
DEPARTMENTS: list[tuple[str, list[str]]] = [
    ("教育局", ["第一中学", "第二中学", "实验小学", "城关幼儿园", "职业技术教育中心"]),
    ("卫生健康局", ["人民医院", "中医医院", "疾病预防控制中心", "妇幼保健院"]),
    ("农业农村局", ["农业技术推广站", "畜牧兽医站", "农村经济经营管理站"]),
    ("交通运输局", ["公路管理站", "农村公路养护中心"]),
    ("水务局", ["水利工程管理站", "防汛抗旱服务站"]),
    ("民政局", ["社会福利中心", "殡葬管理所"]),
    ("住房和城乡建设局", ["园林绿化管理中心", "市政设施维护中心"]),
    ("自然资源和规划局", ["不动产登记中心"]),
    ("文化广电和旅游局", ["图书馆", "文化馆"]),
    ("市场监督管理局", ["食品药品检验所"]),
    ("应急管理局", []),
    ("生态环境分局", ["环境监测站"]),
    ("人力资源和社会保障局", ["就业服务中心", "社会保险服务中心"]),
    ("财政局", ["财政投资评审中心"]),
    ("司法局", ["公共法律服务中心"]),
    ("退役军人事务局", []),
    ("统计局", []),
    ("审计局", []),
    ("机床市场管理委员会", []),
]
TOWNSHIPS = [
    "文安镇",
    "新镇镇",
    "苏桥镇",
    "大柳河镇",
    "左各庄镇",
    "滩里镇",
    "史各庄镇",
    "赵各庄镇",
    "兴隆宫镇",
    "大留镇镇",
    "孙氏镇",
    "德归镇",
    "大围河回族满族乡",
]

PROJECTS = [
    "办公楼维修改造",
    "专项业务经费",
    "信息化系统运维",
    "人员培训经费",
    "农村人居环境整治",
    "道路养护工程",
    "防汛物资储备",
    "公共卫生服务补助",
    "学生营养改善计划",
    "校舍安全改造",
    "基层文化活动经费",
    "食品安全抽检",
    "耕地保护补偿",
    "困难群众救助",
    "环境监测能力建设",
    "安全生产执法检查",
    "村级组织运转经费",
    "扶贫产业项目",
    "饮水安全工程维护",
    "档案数字化",
    "公共法律服务",
    "就业技能培训",
    "城区绿化养护",
    "污水管网维修",
    "图书购置经费",
    "疫苗冷链设备购置",
    "执法车辆运行维护",
    "小型农田水利建设",
    "桥梁重建工程",
    "政务公开经费",
]
GOALS = [
    "改善村容村貌",
    "提升幸福指数",
    "群众满意度",
    "保障工作正常运转",
    "提高服务质量",
    "按时完成年度任务",
    "提升管理水平",
    "保障资金安全",
    "改善办学条件",
    "保障群众饮水安全",
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林"
GIVEN = ["明", "伟", "芳", "娜", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "超", "霞", "平"]
VAGUE = ["明显提升", "有效改善", "按时完成", "可持续使用", "稳步提高", "持续提升"]


def person(rng: random.Random) -> str:
    """Return a plausible Chinese person's name."""
    return (
        rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.5 else "")
    )


def _pct_target(rng: random.Random, lo: int, hi: int) -> Target:
    notation = rng.choice(
        [
            "ge_baifenbi",
            "ge_baifenbi",
            "ge_space_pct",
            "ge_ascii_pct",
            "gt_fullwidth_pct",
            "budiyu_pct",
            "yishang_pct",
            "eq_pct",
            "eq_baifenbi",
        ]
    )
    return target(notation, rng.randint(lo, hi))


def _cost_target(rng: random.Random, budget: float) -> Target:
    wan = round(
        budget / 10000 * rng.choice([0.8, 1.0, 1.0, 1.0, 2.04]), 2
    )  # sometimes above budget
    roll = rng.random()
    if roll < 0.5:
        return target(rng.choice(["le_wan", "buchaoguo_wan", "yinei_wan"]), wan)
    if roll < 0.8:
        return target("eq_wan", wan)
    return target("eq_baifenbi", 100)  # a cost given as a percentage


def _time_target(rng: random.Random, year: int) -> Target:
    roll = rng.random()
    if roll < 0.35:
        return qual(f"{year}年12月31日前")
    if roll < 0.45:
        return qual(f"{year - 2}年12月31日前")  # a date copied from an old form
    if roll < 0.7:
        return qual("按时完成")
    return target("eq_pct", 100)


def indicators(rng: random.Random, budget: float, year: int, tax2021: bool) -> list[IndicatorSpec]:
    """Return 5-14 indicator rows grouped 产出 / (成本) / 效益 / 满意度, vague and duplicated ones included."""
    out: list[IndicatorSpec] = []
    add = out.append
    for _ in range(rng.randint(1, 3)):
        n = rng.choice([1, 2, 3, 4, 5, 10, 12, 20, 100])
        unit = rng.choice(["个", "座", "次", "人", "场", "公里", "所", "户"])
        tg = count(n, unit, ">=" if rng.random() < 0.2 else "=")
        add(
            IndicatorSpec(
                "产出指标", "数量指标", f"完成数量{n}{unit}", "按计划完成工作量", tg, "年度工作计划"
            )
        )
    for _ in range(rng.randint(1, 2)):
        tg = _pct_target(rng, 90, 100) if rng.random() < 0.85 else target("ge_baifenbi", 100)
        add(IndicatorSpec("产出指标", "质量指标", "验收合格率", "按标准验收", tg, "行业标准"))
    add(
        IndicatorSpec(
            "产出指标", "时效指标", "完成时间", "按时完成", _time_target(rng, year), "合同约定"
        )
    )
    if rng.random() < 0.7:
        l1, l2 = ("成本指标", "经济成本指标") if tax2021 else ("产出指标", "成本指标")
        add(
            IndicatorSpec(l1, l2, "项目成本", "控制在预算内", _cost_target(rng, budget), "预算批复")
        )
        if tax2021 and rng.random() < 0.5:
            add(
                IndicatorSpec(
                    "成本指标",
                    "社会成本指标",
                    "对群众生活影响",
                    "施工期间",
                    qual("影响较小"),
                    "施工方案",
                )
            )
    benefits = [
        ("社会效益指标", "社会效益"),
        ("经济效益指标", "经济效益"),
        ("生态效益指标", "环境效益" if tax2021 else "生态效益指标"),
        ("可持续影响指标", "可持续影响"),
    ]
    for long, short in rng.sample(benefits, rng.randint(1, 3)):
        l2 = short if tax2021 else long
        tg = qual(rng.choice(VAGUE)) if rng.random() < 0.35 else _pct_target(rng, 80, 98)
        add(IndicatorSpec("效益指标", l2, "社会影响", "效益逐步显现", tg, "工作目标"))
    # Many units repeat the 满意度 row two or three times with slightly different numbers.
    sat = "服务对象满意度" if tax2021 else "服务对象满意度指标"
    for _ in range(rng.choice([1, 1, 2, 3])):
        tg = target("ge_baifenbi", rng.choice([90, 95, 95, 96, 98]))
        add(
            IndicatorSpec(
                "满意度指标",
                sat,
                rng.choice(["满意度", "群众满意度"]),
                "群众满意度",
                tg,
                "调查问卷",
            )
        )
    if rng.random() < 0.03:
        out[0].target = qual("**")  # a placeholder left in the value
    return out
