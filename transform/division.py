"""Which county (行政区划 division) a submission belongs to, and what that county is called.

Counties number their budget units alike (every county has a 教育局本级 301001), so a unit is
only known by (division_code, unit_code). The extraction contract has no division field; it is
derived here from the record and the file's path, in this order:

1. `codes`: the most common first six digits of the file's 项目编码 (division 6 + year 2 + 'P' ...);
2. `path`: a six-digit folder name on the file's path (inbox/131026/…), nearest folder first;
3. `setting`: the installation's `division` setting (a single-county installation);
4. `unknown`: none of those; the run summary warns.

Six digits only count as a division when the first two are a province code (PROVINCES), so a
folder called 202201 or a serial number is not mistaken for a county.

The county name comes from the unit name or file name (…县/…区/…旗/…市 at the start, after an
optional province and prefecture), else the `county_name` setting.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import PurePosixPath

from extract.records import Submission

UNKNOWN_DIVISION = "unknown"

# GB/T 2260 province-level divisions by the first two digits of a 6-digit division code.
PROVINCES: dict[str, str] = {
    "11": "北京市", "12": "天津市", "13": "河北省", "14": "山西省", "15": "内蒙古自治区",
    "21": "辽宁省", "22": "吉林省", "23": "黑龙江省",
    "31": "上海市", "32": "江苏省", "33": "浙江省", "34": "安徽省", "35": "福建省",
    "36": "江西省", "37": "山东省",
    "41": "河南省", "42": "湖北省", "43": "湖南省", "44": "广东省", "45": "广西壮族自治区",
    "46": "海南省",
    "50": "重庆市", "51": "四川省", "52": "贵州省", "53": "云南省", "54": "西藏自治区",
    "61": "陕西省", "62": "甘肃省", "63": "青海省", "64": "宁夏回族自治区", "65": "新疆维吾尔自治区",
}

_CODE_DIVISION = re.compile(r"^\s*(\d{6})\d{2}P")
_SIX_DIGITS = re.compile(r"^\d{6}$")
# [province 省/自治区][prefecture 市/州/盟] county 县/区/旗, or a county-level 市.
_COUNTY = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,8}?(?:省|自治区))?"
    r"(?:[\u4e00-\u9fff]{2,8}?(?:市|州|盟|地区))?"
    r"([\u4e00-\u9fff]{2,6}?(?:自治县|县|区|旗))"
)
_CITY = re.compile(r"^(?:[\u4e00-\u9fff]{2,8}?省)?([\u4e00-\u9fff]{2,4}?市)")


def is_division(code: str | None) -> bool:
    """Return True for a six-digit code whose first two digits are a province's."""
    return bool(code) and bool(_SIX_DIGITS.match(code or "")) and (code or "")[:2] in PROVINCES


def division_from_codes(codes: Iterable[str | None]) -> str | None:
    """Return the most common division among well-formed 项目编码 (ties: the smallest), or None."""
    found = Counter(
        m.group(1) for c in codes if c and (m := _CODE_DIVISION.match(c)) and is_division(m.group(1))
    )
    if not found:
        return None
    return min(found, key=lambda d: (-found[d], d))


def division_from_path(path: str) -> str | None:
    """Return the nearest six-digit folder name on `path` that is a division, or None."""
    for part in reversed(PurePosixPath(path.replace("\\", "/")).parts[:-1]):
        if is_division(part):
            return part
    return None


def resolve_division(
    submission: Submission | None, path: str, setting: str | None = None
) -> tuple[str, str]:
    """Return (division_code, how it was found: codes | path | setting | unknown) of one file."""
    projects = submission["projects"] if submission else []
    from_codes = division_from_codes(p.get("code") for p in projects)
    if from_codes:
        return from_codes, "codes"
    from_path = division_from_path(path)
    if from_path:
        return from_path, "path"
    if setting and is_division(setting.strip()):
        return setting.strip(), "setting"
    return UNKNOWN_DIVISION, "unknown"


def county_name_in(text: str | None) -> str | None:
    """Return the county named at the start of a unit or file name (文安县教育局 -> 文安县), or None."""
    if not text:
        return None
    text = re.sub(r"^[\d\s\-_.]+", "", text)  # file names often start with the unit code
    m = _COUNTY.match(text)
    if m:
        return m.group(1)
    m = _CITY.match(text)
    return m.group(1) if m else None


def county_name_of(
    submission: Submission | None, file: str | None, setting: str | None = None
) -> str | None:
    """Return the county name from the unit name, else the file name, else the setting."""
    unit = submission["unit"]["name"] if submission else None
    return county_name_in(unit) or county_name_in(file) or (setting or None)


def province_of(division: str) -> str | None:
    """Return the province name of a division code (its first two digits), or None."""
    return PROVINCES.get(division[:2]) if is_division(division) else None
