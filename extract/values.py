"""Cell values of a submission: money (金额), percentages, targets (指标值), checkpoints, numbering.

Pure functions over strings; none of them raises on any input. Money is computed with
Decimal and rounded to the fen (分) so that 25.93 万元 is exactly 259300.0 元.

Target grammar (after `normalize` and removing all spaces and trailing punctuation):

    [prefix operator] number [余|多] [unit] [suffix operator]

- prefix: ≥ >= ≧ ⩾ 不低于 不少于 不小于 大于等于 至少 达到 -> '>=';
  ≤ <= ≦ ⩽ 不高于 不超过 不大于 不多于 小于等于 至多 最多 控制在 -> '<=';
  > 高于 超过 大于 多于 -> '>'; < 低于 少于 小于 不足 -> '<'; = 等于 -> '='.
- suffix: 以上 及以上 或以上 -> '>='; 以下 及以下 或以下 以内 之内 内 -> '<='; 左右 -> no operator.
  A prefix and a suffix must agree (≥95%以上 is '>='), otherwise the target is qualitative.
- 余/多 right after the number (2000余亩) means "more than": '>'.
- no operator at all -> '='.
- unit: %/％/百分比 -> '%'; 元/万元/亿元/千元 -> '元' with the value in yuan; any other short
  run of letters (个, 座, 年, 人次, 平方米, 次/年, 万人 ...) is kept literally with the number as
  written, so 5万人 is (=, 5.0, '万人'): only money units are scaled, because a scaled
  head-count would no longer match the text a clerk reads in the file.
- qualitative (None, None, None): no number (明显提升, 按时完成); dates and date-like text
  (2022年12月31日前, 2022年底, 12月底前完成, 2022-12-31); ranges and any text with a second
  number (90%-95%: no single value is the target, and picking one end would invent it);
  relative changes (同比增长5%) and anything else outside the grammar.

`find_target` reads the same grammar at the end of a sentence (分项绩效目标's 绩效指标 line:
'…完成率≥90%。'), skipping a tail that is part of a date.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal, DecimalException
from typing import Literal

Op = Literal["=", ">=", "<=", ">", "<"]
Target = tuple[Op | None, float | None, str | None]

_QUALITATIVE: Target = (None, None, None)
_FEN = Decimal("0.01")

# Unicode spaces that Word and WPS leave in cells; all become an ordinary space.
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# Invisible characters that only get in the way of matching.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in range(0xFF01, 0xFF5F):
        if code == 0xFF0C:  # '，' stays a Chinese comma in text; number parsers handle it.
            continue
        table[code] = chr(code - 0xFEE0)
    for ch in _SPACES:
        table[ord(ch)] = " "
    for ch in _INVISIBLE:
        table[ord(ch)] = None
    return table


_NORMALIZE = _build_table()


def normalize(text: str) -> str:
    """Return text with full-width ASCII made half-width (except '，') and Unicode spaces as ' '."""
    return text.translate(_NORMALIZE)


def _compact(text: str) -> str:
    """Normalised text without any whitespace, as the value parsers read it."""
    return "".join(normalize(text).split())


# A number: digits with optional thousands groups (',' or '，') and an optional fraction.
_NUMBER = r"(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?|\.\d+"


def _decimal(number: str) -> Decimal:
    return Decimal(number.replace(",", "").replace("，", ""))


def _to_float(value: Decimal) -> float | None:
    result = float(value)
    return result if math.isfinite(result) else None


_MONEY_SCALE = {"元": 1, "千元": 1000, "万元": 10_000, "万": 10_000, "亿元": 10**8, "亿": 10**8}
_EMPTY = {"", "-", "--", "—", "——", "/", "无", "－", "–", "~", "空"}
_MONEY_RE = re.compile(
    rf"(?P<sign>-)?(?:¥|￥|RMB)?(?P<num>{_NUMBER})(?P<unit>元|千元|万元|万|亿元|亿)?"
)


def _yuan(amount: Decimal, scale: int) -> float | None:
    return _to_float((amount * scale).quantize(_FEN, rounding=ROUND_HALF_UP))


_NOTED_RE = re.compile(r"([^()（）]+?)[(（](?!(?:亿元|万元|千元|元)[)）])[^()（）]+[)）]")  # not a bare unit: 12（万元）


def parse_money(text: str | None, multiplier: int) -> float | None:
    """Return an amount cell (金额) in yuan, rounded to the fen; a unit in the text beats `multiplier`."""
    if text is None:
        return None
    compact = _compact(text).rstrip("。.")
    if compact in _EMPTY:
        return None
    match = _MONEY_RE.fullmatch(compact)
    if match is None:  # 854万（高标准农田建设400万元，…）: an amount followed by its breakdown in brackets
        noted = _NOTED_RE.fullmatch(compact)
        match = _MONEY_RE.fullmatch(noted.group(1)) if noted else None
    if match is None:
        return None
    unit = match.group("unit")
    scale = _MONEY_SCALE[unit] if unit else multiplier
    try:
        amount = _decimal(match.group("num"))
        if match.group("sign"):
            amount = -amount
        return _yuan(amount, scale)
    except (DecimalException, OverflowError, ValueError):
        return None


_MULTIPLIER_RE = re.compile(
    r"单位\s*[:：]?\s*(亿元|万元|千元|元)|[(（]\s*(亿元|万元|千元|元)\s*[)）]"
)


def money_multiplier(text: str | None) -> int | None:
    """Return yuan per written unit from a header such as 单位：万元 (10000) or （元） (1), else None."""
    if text is None:
        return None
    match = _MULTIPLIER_RE.search(normalize(text))
    if match is None:
        return None
    return _MONEY_SCALE[match.group(1) or match.group(2)]


_PERCENT_RE = re.compile(rf"(?P<num>{_NUMBER})(?:%|百分比)?")


def parse_percent(text: str | None) -> float | None:
    """Return a percentage cell ('25%', '２５％', '100百分比', '25') as a number of percent, else None."""
    if text is None:
        return None
    match = _PERCENT_RE.fullmatch(_compact(text).rstrip("。."))
    if match is None:
        return None
    try:
        return _to_float(_decimal(match.group("num")))
    except (DecimalException, OverflowError, ValueError):
        return None


_OP_WORDS: dict[Op, str] = {
    ">=": ">= => ≥ ≧ ⩾ 大于等于 大于或等于 不低于 不少于 不小于 至少 达到",
    "<=": "<= =< ≤ ≦ ⩽ 小于等于 小于或等于 不高于 不超过 不大于 不多于 至多 最多 控制在",
    ">": "> 高于 超过 大于 多于",
    "<": "< 低于 少于 小于 不足",
    "=": "= == 等于",
}
_SUFFIX_WORDS: dict[Op | None, str] = {
    ">=": "以上 及以上 或以上",
    "<=": "以下 及以下 或以下 以内 之内 内",
    None: "左右",
}
# Longest spellings first so that 不低于 wins over 低于 and >= over >.
_PREFIX_OPS = sorted(
    ((word, op) for op, words in _OP_WORDS.items() for word in words.split()),
    key=lambda pair: -len(pair[0]),
)
_SUFFIX_OPS = sorted(
    ((word, op) for op, words in _SUFFIX_WORDS.items() for word in words.split()),
    key=lambda pair: -len(pair[0]),
)
_PREFIX_RE = "|".join(re.escape(s) for s, _ in _PREFIX_OPS)
_SUFFIX_RE = "|".join(re.escape(s) for s, _ in _SUFFIX_OPS)
_PREFIX_OP = dict(_PREFIX_OPS)
_SUFFIX_OP = dict(_SUFFIX_OPS)

_TARGET_RE = re.compile(
    rf"(?P<op>{_PREFIX_RE})?(?P<num>{_NUMBER})(?P<more>余|多)?(?P<unit>.*?)(?P<suffix>{_SUFFIX_RE})?"
)
# A literal unit: a short run of letters, optionally per something (次/年), no digits or operators.
_UNIT_RE = re.compile(r"[A-Za-z\u4e00-\u9fff㎡㎞℃°‰²³]{1,6}(?:/[A-Za-z\u4e00-\u9fff㎡²³]{1,4}(?:·[\u4e00-\u9fff]{1,2})?)?")
_PERCENT_UNITS = {"%", "百分比"}
# Words that make the text a statement about change or timing rather than a unit.
_NOT_A_UNIT = "完成 提升 提高 改善 降低 增加 增长 减少 下降 达标 以上 以下 前 后 约 不".split()
_DATE_RE = re.compile(
    r"(?<![\d.,，])(?:(?:19|20)\d{2}年|\d{4}[-/]\d{1,2}|\d{4}\.\d{1,2}\.\d{1,2})|\d{1,2}月\d{1,2}[日号]"
    r"|\d{1,2}月(?:底|末|初|前|份|中旬|上旬|下旬)|\d{1,2}月$|年底|年末|年初|月底|月末|季度|上半年|下半年"
)


def parse_target(text: str | None) -> Target:
    """Return (op, value, unit) for a target (指标值); (None, None, None) if qualitative or a date."""
    if text is None:
        return _QUALITATIVE
    try:
        return _parse_target(text)
    except (DecimalException, OverflowError, ValueError):
        return _QUALITATIVE


def _parse_target(text: str) -> Target:
    # '（含）' only says the bound is included: ≥95%（含）, 90%（含）以上.
    compact = _compact(text).replace("(含)", "").rstrip("。.;；,，、")
    if not compact or _DATE_RE.search(compact):
        return _QUALITATIVE
    match = _TARGET_RE.fullmatch(compact)
    if match is None:
        return _QUALITATIVE
    prefix = _PREFIX_OP[match.group("op")] if match.group("op") else None
    suffix = _SUFFIX_OP[match.group("suffix")] if match.group("suffix") else None
    if match.group("more"):
        if suffix is not None or prefix not in (None, ">"):
            return _QUALITATIVE
        prefix = ">"
    if prefix is not None and suffix is not None and prefix != suffix:
        return _QUALITATIVE
    op: Op = prefix or suffix or "="
    number = _decimal(match.group("num"))
    unit = match.group("unit")
    if not unit:
        value = _to_float(number)
        return (op, value, None) if value is not None else _QUALITATIVE
    if unit in _PERCENT_UNITS:
        value = _to_float(number)
        return (op, value, "%") if value is not None else _QUALITATIVE
    if unit in _MONEY_SCALE and unit.endswith("元"):
        value = _yuan(number, _MONEY_SCALE[unit])
        return (op, value, "元") if value is not None else _QUALITATIVE
    if not _UNIT_RE.fullmatch(unit) or any(word in unit for word in _NOT_A_UNIT):
        return _QUALITATIVE
    value = _to_float(number)
    return (op, value, unit) if value is not None else _QUALITATIVE


# Where a threshold may begin inside a sentence: an operator, or a number not inside another.
_TAIL_START_RE = re.compile(rf"(?:{_PREFIX_RE})|(?<![\d.,，])\d")
# A written threshold is short; looking further back only costs time on long paragraphs.
_MAX_TAIL = 64


def find_target(text: str | None) -> Target:
    """Return the threshold a sentence ends with ('…完成率≥90%。' -> ('>=', 90.0, '%')), else qualitative."""
    if text is None:
        return _QUALITATIVE
    compact = _compact(text).rstrip("。.;；,，、")
    # A tail holding a date (or the end of one: 31日 of 12月31日) is a deadline, not a threshold.
    last_date_end = max((m.end() for m in _DATE_RE.finditer(compact)), default=-1)
    for start in _TAIL_START_RE.finditer(compact, max(0, len(compact) - _MAX_TAIL)):
        if start.start() < last_date_end:
            continue
        found = parse_target(compact[start.start() :])
        if found[0] is not None:
            return found
    return _QUALITATIVE


_CN_DIGITS = {
    name: n for n, name in enumerate("一 二 三 四 五 六 七 八 九 十 十一 十二".split(), 1)
}
_CN_DIGITS["两"] = 2
_QUARTER_RE = re.compile(r"(前)?(?:第)?([一二三四1234])季度")
_MONTH_RE = re.compile(r"(\d{1,2}|十[一二]?|[一二三四五六七八九])月")


def parse_checkpoint_month(text: str | None) -> int | None:
    """Return the month (1-12) a spending checkpoint (资金支出计划 column) ends at, else None."""
    if text is None:
        return None
    compact = _compact(text)
    month = _MONTH_RE.search(compact)
    if month is not None:
        raw = month.group(1)
        number = int(raw) if raw.isdigit() else _CN_DIGITS[raw]
        return number if 1 <= number <= 12 else None
    quarter = _QUARTER_RE.search(compact)
    if quarter is not None:
        raw = quarter.group(2)
        return 3 * (int(raw) if raw.isdigit() else _CN_DIGITS[raw])
    if "上半年" in compact:
        return 6
    if any(word in compact for word in ("下半年", "全年", "年底", "年末")):
        return 12
    return None


_CIRCLED = "①-⑳⑴-⒇⒈-⒛❶-❿➀-➉"
_NUMBERING_RE = re.compile(
    r"^[\s\u3000\u00a0]*(?:"
    r"[(（]\s*(?:[0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})\s*[)）][、.．,，]?"  # （1） （一）、
    r"|(?:[0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})(?:[、)）]|[.．](?![0-9０-９]))"  # 1. 1、 一、 1）
    rf"|[{_CIRCLED}][、.．]?"  # ①
    r"|[•●▪◆■·]"
    r")[\s\u3000\u00a0]*"
)


def strip_numbering(text: str) -> str:
    """Return text without a leading list number (1. 1、 （1） ① 一、 （一）); otherwise unchanged."""
    stripped = _NUMBERING_RE.sub("", text, count=1)
    return stripped if stripped else text
