"""审核意见 letters a bureau sends: settings printed on every letter, the same problem said once with
its places, no empty column, rows that never break across pages, the signature never alone,
dates in the county's time zone. Built from a real warehouse with known findings."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest
from docx import Document
from docx.oxml.ns import qn

from reports.letters import LetterSettings, write_letters
from tests.test_rules_cases import clean, ind, p, set_
from tests.test_rules_frames import frames_of
from transform.rules import run_rules
from warehouse.load import load

WORDS = ["明显提升", "有效改善", "逐步完善", "稳步提高", "持续增强", "显著提高"]
SETTINGS = LetterSettings(
    issuer="文安县财政局",
    deadline="2026-12-15",
    county="文安县",
    reference="{county}财绩审〔{year}〕{seq}号",
    contact="预算绩效管理股 张三 0316-5212345",
    timezone="Asia/Shanghai",
    issued=date(2026, 12, 7),
)


def many_findings() -> dict[str, Any]:
    """Return a unit with six projects, each with six differently vague rows: 36 problems."""
    sub = clean("306001")
    for k in range(2, 7):
        again = copy.deepcopy(p(sub))
        again.update(seq=k, code=f"13102622P0023761150{k}C", name=f"第{k}个村道路修缮工程")
        sub["projects"].append(again)
    for k, project in enumerate(sub["projects"]):
        for i, row in enumerate(project["indicators"][:6]):
            raw = f"{WORDS[(i + k) % 6]}第{k + 1}村服务水平"
            set_(row, target_raw=raw, op=None, value=None, unit=None)
    # and the same vague word in every project's row 7, said once with six places
    for project in sub["projects"]:
        project["indicators"].append(ind("产出指标", "时效指标", "完工时限", "按时完成", None, None, None))
    return sub


def one_finding() -> dict[str, Any]:
    sub = clean("301002")
    p(sub)["code"] = "13102622P00237611001C"
    set_(p(sub)["indicators"][4], target_raw="明显提升", op=None, value=None, unit=None)
    return sub


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    root = tmp_path_factory.mktemp("letters")
    wh = root / "jixiao.duckdb"
    frames = frames_of([many_findings(), one_finding()], "load-letters")
    load(wh, frames, run_rules(frames))
    paths = write_letters(wh, root / "out", SETTINGS, fiscal_year=2022)
    return wh, {path.name[:6]: path for path in paths}


def _text(path: Path) -> str:
    return "\n".join(para.text for para in Document(str(path)).paragraphs)


def test_every_letter_carries_the_bureau_settings(letters: tuple[Path, dict[str, Path]]) -> None:
    _, paths = letters
    for seq, code in enumerate(sorted(paths), start=1):
        text = _text(paths[code])
        assert f"文安县财绩审〔2026〕{seq}号" in text  # the year of issue
        assert "联系人及电话：预算绩效管理股 张三 0316-5212345" in text
        assert "请于2026年12月15日前" in text and text.count("文安县财政局") >= 2
        assert text.rstrip().endswith("2026年12月7日")


def test_the_same_problem_is_said_once_with_every_place(letters: tuple[Path, dict[str, Path]]) -> None:
    wh, paths = letters
    with duckdb.connect(str(wh), read_only=True) as con:
        facts = con.execute(
            "SELECT count(*) FROM mart_unit_feedback WHERE unit_code = '306001' AND is_sent"
        ).fetchone()[0]
    rows = Document(str(paths["306001"])).tables[0].rows
    assert [c.text for c in rows[0].cells] == ["序号", "类别", "所在项目及指标行", "问题", "修改建议"]
    body = [[c.text for c in r.cells] for r in rows[1:]]
    assert len(body) >= 30 and len(body) < facts  # 36 vague rows + 按时完成 said once
    on_time = [r for r in body if "「按时完成」" in r[3]]
    assert len(on_time) == 1 and on_time[0][2].count("13102622P") == 6  # six projects
    for cells in body:
        assert all(c.strip() and c != "—" for c in cells), cells  # no empty column
        for place in cells[2].split("\n"):
            assert place.startswith("第") or place not in cells[3]  # no repeated text
        assert "13102622P" not in cells[3]
    advice = [r[4] for r in body]
    assert all(a == "同上" or a != b for a, b in zip(advice[1:], advice, strict=False))
    assert len(Document(str(paths["301002"])).tables[0].rows) == 2  # the one-finding letter


def test_rows_never_break_and_the_signature_never_stands_alone(
    letters: tuple[Path, dict[str, Path]],
) -> None:
    _, paths = letters
    doc = Document(str(paths["306001"]))
    for row in doc.tables[0].rows[1:]:
        assert row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
    paras = doc.paragraphs
    signature = max(i for i, para in enumerate(paras) if para.text == "文安县财政局")
    reply = max(i for i, para in enumerate(paras) if para.text.startswith("请于"))
    assert all(paras[i].paragraph_format.keep_with_next for i in range(reply, signature + 1))


def test_dates_are_the_countys_days(letters: tuple[Path, dict[str, Path]]) -> None:
    late = datetime(2026, 12, 6, 17, 32, tzinfo=UTC)  # 01:32 on the 7th in Beijing
    assert SETTINGS.local_day(late) == date(2026, 12, 7)
    assert LetterSettings(timezone="UTC").local_day(late) == date(2026, 12, 6)
    wh, paths = letters
    with duckdb.connect(str(wh), read_only=True) as con:
        received = con.execute(
            "SELECT received_at FROM dim_submission WHERE unit_code = '301002'"
        ).fetchone()[0]
    day = SETTINGS.local_day(received)
    assert f"（{day.year}年{day.month}月{day.day}日收到）" in _text(paths["301002"])


def test_workbook_rows_fit_a_page(letters: tuple[Path, dict[str, Path]], tmp_path: Path) -> None:
    import openpyxl

    from reports.feedback import write_feedback

    wh, _ = letters
    sender = (SETTINGS.signature, SETTINGS.contact)
    [path] = write_feedback(wh, tmp_path, unit_code="306001", fiscal_year=2022, sender=sender)
    book = openpyxl.load_workbook(path)
    summary = dict(list(book["汇总"].iter_rows(min_row=3, values_only=True)))
    assert (summary["审核单位"], summary["联系人及电话"]) == sender
    ws = book["审核问题"]
    assert ws.max_row > 30
    heights = [ws.row_dimensions[r].height or 15 for r in range(2, ws.max_row + 1)]
    # A4 landscape with these margins prints about 500 pt of rows under the header
    assert max(heights) < 400
    for row in ws.iter_rows(min_row=2, values_only=True):
        assert all(v not in (None, "") for v in row)


def test_files_without_a_unit_code_each_get_their_workbook_and_letter(tmp_path: Path) -> None:
    from reports.feedback import write_feedback

    subs = []
    for year, name in ((2021, "宁乡市教育局"), (2022, "佳县水利局")):
        sub = one_finding()
        sub["unit"] = {"code": None, "name": name}
        sub["fiscal_year"] = year
        sub["sha256"] = f"{year}".ljust(64, "a")
        subs.append(sub)
    wh = tmp_path / "jixiao.duckdb"
    frames = frames_of(subs, "load-nocode")
    load(wh, frames, run_rules(frames))
    books = write_feedback(wh, tmp_path / "out")
    assert sorted(p.name for p in books) == [
        "未知单位_佳县水利局_2022年绩效目标审核意见.xlsx",
        "未知单位_宁乡市教育局_2021年绩效目标审核意见.xlsx",
    ]
    letters = [p for p in write_letters(wh, tmp_path / "out", SETTINGS) if p.suffix == ".docx"]
    text = _text(next(p for p in letters if "宁乡市教育局" in p.name))
    assert "宁乡市教育局：" in text and "None" not in text


def test_without_a_bureau_or_county_set_letters_sign_for_the_units_county(tmp_path: Path) -> None:
    named = one_finding()
    named["unit"] = {"code": "301002", "name": "文安县第一中学"}  # the county the warehouse learns
    wh = tmp_path / "jixiao.duckdb"
    frames = frames_of([named], "load-county")
    load(wh, frames, run_rules(frames))
    bare = LetterSettings(issuer="", deadline="", timezone="Asia/Shanghai", issued=date(2026, 12, 7))
    paths = write_letters(wh, tmp_path / "bare", bare, fiscal_year=2022)
    assert paths
    for path in paths:  # its project code says 131026, its name 文安县: 文安县财政局 signs
        closing = [para.text for para in Document(str(path)).paragraphs if para.text.endswith("财政局")]
        assert closing == ["文安县财政局"], (path.name, closing)
