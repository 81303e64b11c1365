"""Value parsers of extract.values: examples from real submissions, the seed, and properties."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from extract.values import (
    find_target,
    money_multiplier,
    normalize,
    parse_checkpoint_month,
    parse_money,
    parse_percent,
    parse_target,
    strip_numbering,
)
from tests.paths import SEED_JSON as SEED

QUALITATIVE = (None, None, None)


def _seed() -> dict:  # type: ignore[type-arg]
    return json.loads(SEED.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


# --- normalize ---------------------------------------------------------------------------


def test_normalize_full_width_and_spaces() -> None:
    assert normalize("２５．９３％") == "25.93%"
    assert normalize("ＡＢＣ：（１）") == "ABC:(1)"
    assert normalize("a\u3000b\u00a0c\u2002d\u202fe") == "a b c d e"
    assert normalize("一，二") == "一，二"  # the Chinese comma stays in text
    assert normalize("a\u200bb\ufeff") == "ab"
    assert normalize("≥100百分比") == "≥100百分比"


# --- money -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "multiplier", "expected"),
    [
        ("259371.00", 1, 259371.0),
        ("1,234,567.89", 1, 1234567.89),
        ("1，234，567.89", 1, 1234567.89),
        ("２５", 1, 25.0),
        ("２５．９３", 10000, 259300.0),
        ("25.93", 10000, 259300.0),
        ("0.01", 10000, 100.0),
        (" 164000 ", 1, 164000.0),
        ("102.11万元", 1, 1021100.0),
        ("102.11万元", 10000, 1021100.0),
        ("500元", 10000, 500.0),
        ("1.5亿元", 1, 150000000.0),
        ("1,000万元", 1, 10000000.0),
        ("￥1,000.50", 1, 1000.5),
        ("1.005", 1, 1.01),  # rounded half up to the fen
        ("0", 10000, 0.0),
        ("50.", 1, 50.0),
    ],
)
def test_parse_money(text: str, multiplier: int, expected: float) -> None:
    assert parse_money(text, multiplier) == expected


@pytest.mark.parametrize(
    "text", [None, "", "  ", "-", "—", "——", "/", "无", "－", "abc", "1,2345", "1.2.3", "九万"]
)
def test_parse_money_blank_or_not_a_number(text: str | None) -> None:
    assert parse_money(text, 10000) is None


def test_money_decimal_exact() -> None:
    # 19.99 * 10000 in binary floating point is 199899.99999999997; Decimal gives the fen exactly.
    assert 19.99 * 10000 != 199900.0
    assert parse_money("19.99", 10000) == 199900.0
    assert parse_money("0.07", 10000) == 700.0
    assert parse_target("≤19.99万元") == ("<=", 199900.0, "元")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("单位：元", 1),
        ("单位：万元", 10000),
        ("金额单位：万元", 10000),
        ("单位:万元", 10000),
        ("单位 ： 元", 1),
        ("单位：亿元", 100000000),
        ("预算数（万元）", 10000),
        ("项目支出绩效目标表", None),
        ("资金支出计划（%）", None),
        ("", None),
        (None, None),
    ],
)
def test_money_multiplier(text: str | None, expected: int | None) -> None:
    assert money_multiplier(text) == expected


# --- percent -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("25%", 25.0),
        ("２５％", 25.0),
        ("25", 25.0),
        ("25.5 %", 25.5),
        ("100百分比", 100.0),
        ("0%", 0.0),
        ("", None),
        (None, None),
        ("-", None),
        ("百分之五十", None),
        ("25%-30%", None),
    ],
)
def test_parse_percent(text: str | None, expected: float | None) -> None:
    assert parse_percent(text) == expected


# --- targets -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the notations of domain.md
        ("100百分比", ("=", 100.0, "%")),
        ("≥100百分比", (">=", 100.0, "%")),
        ("≥95百分比", (">=", 95.0, "%")),
        ("≥ 95 %", (">=", 95.0, "%")),
        (">=95%", (">=", 95.0, "%")),
        ("＞90%", (">", 90.0, "%")),
        (">90百分比", (">", 90.0, "%")),
        ("≧95%", (">=", 95.0, "%")),
        ("≥９５％", (">=", 95.0, "%")),
        ("不低于95%", (">=", 95.0, "%")),
        ("不少于95%", (">=", 95.0, "%")),
        ("95%以上", (">=", 95.0, "%")),
        ("95%及以上", (">=", 95.0, "%")),
        ("≥95%以上", (">=", 95.0, "%")),
        ("100%", ("=", 100.0, "%")),
        ("=100%", ("=", 100.0, "%")),
        ("＝100%", ("=", 100.0, "%")),
        ("等于100%", ("=", 100.0, "%")),
        ("1个", ("=", 1.0, "个")),
        ("1座", ("=", 1.0, "座")),
        ("4个", ("=", 4.0, "个")),
        ("30年以上", (">=", 30.0, "年")),
        ("25.93万元", ("=", 259300.0, "元")),
        ("≤102.11万元", ("<=", 1021100.0, "元")),
        # the other operator words
        ("5%以下", ("<=", 5.0, "%")),
        ("3天以内", ("<=", 3.0, "天")),
        ("3天内", ("<=", 3.0, "天")),
        ("不高于5%", ("<=", 5.0, "%")),
        ("不超过10次", ("<=", 10.0, "次")),
        ("不大于2%", ("<=", 2.0, "%")),
        ("≤5%", ("<=", 5.0, "%")),
        ("<=5%", ("<=", 5.0, "%")),
        ("控制在95%以内", ("<=", 95.0, "%")),
        ("低于3%", ("<", 3.0, "%")),
        ("少于3次", ("<", 3.0, "次")),
        ("小于3%", ("<", 3.0, "%")),
        ("<3%", ("<", 3.0, "%")),
        ("＜3%", ("<", 3.0, "%")),
        ("高于90%", (">", 90.0, "%")),
        ("超过90%", (">", 90.0, "%")),
        ("大于90%", (">", 90.0, "%")),
        ("多于20人", (">", 20.0, "人")),
        ("2000余亩", (">", 2000.0, "亩")),
        ("95%左右", ("=", 95.0, "%")),
        # units
        ("500元", ("=", 500.0, "元")),
        ("1.5亿元", ("=", 150000000.0, "元")),
        ("1,000万元", ("=", 10000000.0, "元")),
        ("1，000万元", ("=", 10000000.0, "元")),
        ("5万人", ("=", 5.0, "万人")),  # only money is scaled; 万人 is kept as written
        ("1200人次", ("=", 1200.0, "人次")),
        ("3.5公里", ("=", 3.5, "公里")),
        ("800平方米", ("=", 800.0, "平方米")),
        ("12户", ("=", 12.0, "户")),
        ("1次/年", ("=", 1.0, "次/年")),
        ("200元/人", ("=", 200.0, "元/人")),
        ("2个百分点", ("=", 2.0, "个百分点")),
        ("12个月", ("=", 12.0, "个月")),
        ("≤10日", ("<=", 10.0, "日")),
        ("100", ("=", 100.0, None)),
        ("≥ 100", (">=", 100.0, None)),
        ("100%。", ("=", 100.0, "%")),
        # qualitative
        ("明显提升", QUALITATIVE),
        ("按时完成", QUALITATIVE),
        ("可持续使用", QUALITATIVE),
        ("明显提升改善", QUALITATIVE),
        ("有效改善", QUALITATIVE),
        ("**", QUALITATIVE),
        ("xx%", QUALITATIVE),
        ("…", QUALITATIVE),
        ("", QUALITATIVE),
        (None, QUALITATIVE),
        # dates and date-like targets
        ("2022年12月31日前", QUALITATIVE),
        ("2022年底", QUALITATIVE),
        ("2022年", QUALITATIVE),
        ("12月底前完成", QUALITATIVE),
        ("12月31日", QUALITATIVE),
        ("2022-12-31", QUALITATIVE),
        ("2022/12/31", QUALITATIVE),
        ("2022.12.31", QUALITATIVE),
        ("第四季度", QUALITATIVE),
        ("上半年完成", QUALITATIVE),
        ("6月", QUALITATIVE),
        # ranges and other text with more than one number or outside the grammar
        ("90%-95%", QUALITATIVE),
        ("90-95%", QUALITATIVE),
        ("90%~95%", QUALITATIVE),
        ("1个2座", QUALITATIVE),
        ("同比增长5%", QUALITATIVE),
        ("100%完成", QUALITATIVE),
        ("≥95%以下", QUALITATIVE),
        ("1,2345元", QUALITATIVE),
        ("-5%", QUALITATIVE),
        ("9" * 400, QUALITATIVE),  # too large to be a float
    ],
)
def test_parse_target(
    text: str | None, expected: tuple[str | None, float | None, str | None]
) -> None:
    assert parse_target(text) == expected


def test_every_seed_target_parses_to_its_golden_value() -> None:
    checked = 0
    for project in _seed()["projects"]:
        for indicator in project["indicators"]:
            expected = (indicator["op"], indicator["value"], indicator["unit"])
            assert parse_target(indicator["target_raw"]) == expected, indicator["target_raw"]
            checked += 1
    assert checked == 35


def test_seed_department_indicators_end_in_their_threshold() -> None:
    items = _seed()["department_goals"]["items"]
    found = [find_target(item["indicator"]) for item in items]
    assert found == [
        (">=", 90.0, "%"),
        (">=", 90.0, "%"),
        ("=", 100.0, "%"),
        ("=", 100.0, "%"),
        ("=", 100.0, "%"),
        (">=", 90.0, "%"),
        (">=", 90.0, "%"),
        (">=", 90.0, "%"),
        (">=", 90.0, "%"),
        ("=", 100.0, "%"),
        (">=", 90.0, "%"),
        (">=", 90.0, "%"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("组织各类学习培训活动不少于15次。", (">=", 15.0, "次")),
        ("2022年完成率≥90%", (">=", 90.0, "%")),
        ("截至2022年12月31日", QUALITATIVE),
        ("12月底前完成", QUALITATIVE),
        ("提高群众满意度", QUALITATIVE),
        (None, QUALITATIVE),
    ],
)
def test_find_target(
    text: str | None, expected: tuple[str | None, float | None, str | None]
) -> None:
    assert find_target(text) == expected


# --- checkpoints and numbering -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3月底", 3),
        ("6月底", 6),
        ("10月底", 10),
        ("12月底", 12),
        ("１２月底", 12),
        ("3月末", 3),
        ("三月底", 3),
        ("十二月底", 12),
        ("2022年6月底", 6),
        ("第一季度", 3),
        ("一季度", 3),
        ("第2季度", 6),
        ("第三季度", 9),
        ("前三季度", 9),
        ("第四季度", 12),
        ("上半年", 6),
        ("下半年", 12),
        ("全年", 12),
        ("年底", 12),
        ("13月底", None),
        ("资金支出计划", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_checkpoint_month(text: str | None, expected: int | None) -> None:
    assert parse_checkpoint_month(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.改善村容村貌", "改善村容村貌"),
        ("1、改善村容村貌", "改善村容村貌"),
        ("1．改善村容村貌", "改善村容村貌"),
        ("１．改善村容村貌", "改善村容村貌"),
        ("1. 改善村容村貌", "改善村容村貌"),
        ("（1）改善村容村貌", "改善村容村貌"),
        ("(1)改善村容村貌", "改善村容村貌"),
        ("1）改善村容村貌", "改善村容村貌"),
        ("①改善村容村貌", "改善村容村貌"),
        ("⑫改善村容村貌", "改善村容村貌"),
        ("一、改善村容村貌", "改善村容村貌"),
        ("十二、改善村容村貌", "改善村容村貌"),
        ("（一）改善村容村貌", "改善村容村貌"),
        ("（一）、改善村容村貌", "改善村容村貌"),
        ("•改善村容村貌", "改善村容村貌"),
        ("改善村容村貌", "改善村容村貌"),
        ("1.5亿元用于道路", "1.5亿元用于道路"),
        ("2022年完成", "2022年完成"),
        ("一是健全学习制度", "一是健全学习制度"),
        ("十分重要", "十分重要"),
        ("2.提升幸福指数，3.满意度", "提升幸福指数，3.满意度"),
        ("1.", "1."),
        ("", ""),
    ],
)
def test_strip_numbering(text: str, expected: str) -> None:
    assert strip_numbering(text) == expected


# --- properties --------------------------------------------------------------------------

_FULL = str.maketrans("0123456789.", "０１２３４５６７８９．")
_SPACE = st.sampled_from(["", "", " ", "\u3000", "\u00a0"])

# Each operator in every notation a clerk writes it: (prefix, suffix).
_NOTATIONS: dict[str, list[tuple[str, str]]] = {
    ">=": [("≥", ""), (">=", ""), ("≧", ""), ("＞＝", ""), ("不低于", ""), ("不少于", ""),
           ("大于等于", ""), ("", "以上"), ("", "及以上"), ("≥", "以上")],
    "<=": [("≤", ""), ("<=", ""), ("≦", ""), ("不高于", ""), ("不超过", ""), ("不大于", ""),
           ("", "以下"), ("", "以内"), ("≤", "以内")],
    ">": [(">", ""), ("＞", ""), ("高于", ""), ("超过", ""), ("大于", ""), ("多于", "")],
    "<": [("<", ""), ("＜", ""), ("低于", ""), ("少于", ""), ("小于", "")],
    "=": [("", ""), ("=", ""), ("＝", ""), ("等于", "")],
}  # fmt: skip
# (written unit, expected unit, yuan per written unit or None when not money)
_UNITS = [
    ("%", "%", None), ("％", "%", None), ("百分比", "%", None), ("个", "个", None),
    ("座", "座", None), ("年", "年", None), ("人次", "人次", None), ("平方米", "平方米", None),
    ("元", "元", 1), ("万元", "元", 10_000), ("亿元", "元", 10**8), ("", None, None),
]  # fmt: skip

_AMOUNTS = st.builds(
    lambda whole, cents: Decimal(whole) + Decimal(cents) / 100,
    st.integers(0, 10**10),
    st.integers(0, 99),
)


def _write(number: Decimal, grouped: bool, separator: str, full_width: bool) -> str:
    """The number as a clerk might type it."""
    text = f"{number:,f}" if grouped else f"{number:f}"
    text = text.replace(",", separator)
    return text.translate(_FULL) if full_width else text


@st.composite
def _written_numbers(draw: st.DrawFn) -> tuple[Decimal, str]:
    number = draw(_AMOUNTS)
    text = _write(
        number, draw(st.booleans()), draw(st.sampled_from([",", "，"])), draw(st.booleans())
    )
    return number, text


@given(
    op=st.sampled_from(sorted(_NOTATIONS)),
    data=st.data(),
    written=_written_numbers(),
    unit=st.sampled_from(_UNITS),
    spaces=st.lists(_SPACE, min_size=4, max_size=4),
)
def test_target_round_trips(
    op: str,
    data: st.DataObject,
    written: tuple[Decimal, str],
    unit: tuple[str, str | None, int | None],
    spaces: list[str],
) -> None:
    prefix, suffix = data.draw(st.sampled_from(_NOTATIONS[op]))
    number, text = written
    unit_text, unit_name, scale = unit
    # 2022年 is a year, not a duration of 2022 years.
    assume(not (unit_text == "年" and 1900 <= number < 2100 and number == int(number)))
    raw = spaces[0] + prefix + spaces[1] + text + spaces[2] + unit_text + spaces[3] + suffix
    if scale is None:
        expected = float(number)
    else:
        expected = float((number * scale).quantize(Decimal("0.01")))
    assert parse_target(raw) == (op, expected, unit_name), raw


@given(written=_written_numbers(), multiplier=st.sampled_from([1, 10_000]))
def test_money_round_trips(written: tuple[Decimal, str], multiplier: int) -> None:
    number, text = written
    assert parse_money(text, multiplier) == float(number * multiplier)
    assert parse_money(text + "元", multiplier) == float(number)
    assert parse_money(text + "万元", 1) == float(number * 10_000)


@given(
    whole=st.integers(0, 1000),
    cents=st.integers(0, 99),
    mark=st.sampled_from(["%", "％", "百分比", ""]),
    full_width=st.booleans(),
    space=_SPACE,
)
def test_percent_round_trips(
    whole: int, cents: int, mark: str, full_width: bool, space: str
) -> None:
    number = Decimal(whole) + Decimal(cents) / 100
    text = _write(number, False, ",", full_width)
    assert parse_percent(text + space + mark) == float(number)


_NEAR_MISS = st.text(
    alphabet="0123456789０１２３４５６７８９.．,，%％-—/~ ≥≤><=＞＜≧≦年月日底前个万元亿百分比以上下内余多第季度一二三十、（）()①\u3000\u00a0",
    max_size=30,
)


@given(text=st.one_of(st.text(max_size=60), _NEAR_MISS))
def test_parsers_never_raise(text: str) -> None:
    op, value, unit = parse_target(text)
    assert op in (None, "=", ">=", "<=", ">", "<")
    assert (op is None) == (value is None)
    assert unit is None or op is not None
    find_target(text)
    parse_money(text, 10_000)
    parse_percent(text)
    money_multiplier(text)
    month = parse_checkpoint_month(text)
    assert month is None or 1 <= month <= 12
    stripped = strip_numbering(text)
    assert text.endswith(stripped)
    assert len(normalize(text)) <= len(text)


def test_long_paragraphs_stay_linear() -> None:
    # A pasted paragraph must not make find_target try every operator as a start (quadratic).
    assert find_target("≥" * 50_000 + "1") == (">=", 1.0, None)
    assert find_target("完成率≥90%，" * 5_000) == (">=", 90.0, "%")
    assert parse_target("1" + "个" * 100_000) == QUALITATIVE
