"""Onboarding a template: `jixiao explain FILE --suggest`, pasted into jixiao.toml, gives a read without warnings.

Real CLI, real files: template families of tests/docgen/families.py, each read once with the built-in
tables (warned), then with the snippet `--suggest` printed as the only jixiao.toml. The transfer form and the
参考模板 read exactly as drawn now (their labels and title by meaning), so they are worded here as another
issuer might (tests/docgen/relabel.py): money labels and a heading line no rule can know.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from flows.cli import main
from flows.settings import SettingsError, load_settings
from tests.docgen.compare import differences
from tests.docgen.families import write_families
from tests.docgen.relabel import write_worded

NOT_COMPARED = frozenset({"extra", "sha256"})


@pytest.fixture(autouse=True)
def _builtin_labels() -> Iterator[None]:
    from extract.labels import reset_label_overrides

    reset_label_overrides()
    yield
    reset_label_overrides()  # what explain applied in this process must not reach the next test


@pytest.fixture(scope="module")
def families_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("families")
    write_families(out, ["fam_huaxi_hospital", "fam_fiscal_fanben"])
    write_worded(out)  # the families the reader now reads by meaning, worded as another issuer might
    return out


@pytest.fixture(scope="module")
def unread_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two families redrawn with what the reader cannot know by itself: a name column headed 评价要点 (no
    indicator word), and a header over two levels whose 一级 words (经济性, 效率性, 效果性) no scheme names."""
    from tests.docgen.families import fam_fiscal_fanben, fam_huaxi_hospital
    from tests.docgen.templates import Doc, write_docs

    def huaxi() -> Doc:
        d = fam_huaxi_hospital()
        d.blocks = [b.replace("指标内容", "评价要点") for b in d.blocks]
        return d

    def fanben() -> Doc:
        d = fam_fiscal_fanben()
        d.blocks = [b.replace("投入", "经济性").replace("产出", "效率性").replace("效益", "效果性") for b in d.blocks]
        return d

    out = tmp_path_factory.mktemp("unread")
    write_docs(out, {"fam_huaxi_hospital": huaxi, "fam_fiscal_fanben": fanben})
    return out


def _extract(path: Path, out: Path) -> dict[str, Any]:
    assert main(["extract", str(path), "--out", str(out)]) == 0
    data: dict[str, Any] = json.loads((out / f"{path.stem}.json").read_text(encoding="utf-8"))
    return data


def _onboard(families_dir: Path, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
             capsys: pytest.CaptureFixture[str]) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """Return (snippet, reading before, reading after pasting the snippet as jixiao.toml)."""
    path = families_dir / f"{name}.docx"
    monkeypatch.delenv("JIXIAO_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)  # no jixiao.toml yet
    before = _extract(path, tmp_path / "before")
    capsys.readouterr()
    assert main(["explain", str(path), "--suggest"]) == 0
    snippet = capsys.readouterr().out
    (tmp_path / "jixiao.toml").write_text(snippet, encoding="utf-8")
    return snippet, before, _extract(path, tmp_path / "after")


def test_a_transfer_form_is_onboarded_by_its_name_and_money_labels(
    families_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    snippet, before, after = _onboard(families_dir, "fam_transfer_worded", tmp_path, monkeypatch, capsys)
    assert "project_no_budget" in {w["kind"] for w in before["warnings"]}
    labels = tomllib.loads(snippet)["labels"]["header"]
    assert {k: v for k, v in labels.items() if k != "name"} == {
        "total": ["年度资金额度"], "fiscal": ["行业补助"], "fiscal_part": ["配套拨款"]}
    # 专项名称 is suggested as the name exactly when the reader took the title for it
    title_taken = before["projects"][0]["name"] != "服务业发展专项资金（供应链体系建设）"
    assert labels.get("name") == (["专项名称"] if title_taken else None)
    assert "# 表1：值 8000 像金额" in snippet  # each guess says its evidence
    expected = json.loads((families_dir / "fam_transfer_worded.json").read_text(encoding="utf-8"))
    assert after["warnings"] == []
    assert differences(expected, after, ignore=NOT_COMPARED) == []


def test_a_side_labelled_two_column_indicator_table_is_onboarded(
    families_dir: Path, unread_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str]
) -> None:
    # 指标内容 | 指标值 is read by the reader itself now; a name column headed by a word it does not know is not
    monkeypatch.chdir(tmp_path)
    assert main(["explain", str(families_dir / "fam_huaxi_hospital.docx"), "--suggest"]) == 0
    assert "没有需要登记的内容" in capsys.readouterr().out
    snippet, before, after = _onboard(unread_dir, "fam_huaxi_hospital", tmp_path, monkeypatch, capsys)
    assert before["projects"][0]["indicators"] == [] and "table_unknown" in {w["kind"] for w in before["warnings"]}
    assert tomllib.loads(snippet)["labels"] == {"indicator": {"ignored": ["项目绩效指标"], "name": ["评价要点"]}}
    expected = json.loads((unread_dir / "fam_huaxi_hospital.json").read_text(encoding="utf-8"))
    assert after["warnings"] == []
    assert differences(expected, after, ignore=NOT_COMPARED) == []


def test_a_line_registered_as_boilerplate_gives_an_exact_read_without_warnings(
    families_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    snippet, before, after = _onboard(families_dir, "fam_relief_worded", tmp_path, monkeypatch, capsys)
    assert [w["kind"] for w in before["warnings"]] == ["text_unplaced"]  # its heading line, 附2-2-1
    assert tomllib.loads(snippet)["labels"] == {"boilerplate": {"lines": ["附2-2-1"]}}
    expected = json.loads((families_dir / "fam_relief_worded.json").read_text(encoding="utf-8"))
    assert after["warnings"] == []
    assert differences(expected, after, ignore=NOT_COMPARED) == []


def test_what_labels_cannot_mend_is_said_in_the_snippet_and_stays_warned(
    unread_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    snippet, before, after = _onboard(unread_dir, "fam_fiscal_fanben", tmp_path, monkeypatch, capsys)
    assert {"column_unknown", "table_unknown"} <= {w["kind"] for w in before["warnings"]}
    labels = tomllib.loads(snippet)["labels"]
    assert labels["indicator"] == {"level1": ["评价内容"]}
    assert "单位已有的(或拟订的)保证项目实施的制度、措施" in labels["boilerplate"]["lines"]
    assert "跨 2 列" in snippet  # the guess says what it cannot mend: the header spans two levels
    # The 保证措施 table and the title are skipped now; the 一级 cells under the two-level header are still
    # read nowhere, and said so: a header over two levels needs the reader, not [labels].
    assert {w["kind"] for w in after["warnings"]} == {"text_unplaced"}
    assert sorted(w["message"].split("“")[1].split("”")[0] for w in after["warnings"]) == ["效果性", "效率性", "经济性"]


def test_a_header_over_two_levels_the_reader_splits_needs_no_label(
    families_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    snippet, before, after = _onboard(families_dir, "fam_fiscal_fanben", tmp_path, monkeypatch, capsys)
    assert "column_unknown" not in {w["kind"] for w in before["warnings"]}
    assert "indicator" not in tomllib.loads(snippet)["labels"]  # 评价内容 is split by its columns' cells
    assert after["warnings"] == []  # the title and the 保证措施 table, registered as boilerplate
    expected = json.loads((families_dir / "fam_fiscal_fanben.json").read_text(encoding="utf-8"))
    assert differences(expected, after, ignore=NOT_COMPARED) == []


def test_an_unknown_label_in_a_row_of_money_labels_is_said_and_suggested(
    families_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """资金总额 | 申请市财政资金 | 项目单位配套 | 其他 over their amounts: the known ones read, the unknown one warned
    (money_part_unknown) and suggested by its words; pasted, the budget reads as drawn."""
    snippet, before, after = _onboard(families_dir, "fam_city_worded", tmp_path, monkeypatch, capsys)
    budget = ("budget_total", "budget_fiscal", "budget_other")
    assert [before["projects"][0][k] for k in budget[:2]] == [6000000.0, 5000000.0]
    assert "money_part_unknown" in {w["kind"] for w in before["warnings"]}
    assert tomllib.loads(snippet)["labels"]["header"] == {"other_part": ["项目单位配套"]}
    assert [after["projects"][0][k] for k in budget] == [6000000.0, 5000000.0, 1000000.0]
    assert "money_part_unknown" not in {w["kind"] for w in after["warnings"]}


def test_nothing_to_suggest_is_said(families_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("JIXIAO_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    path = families_dir / "fam_transfer_worded.docx"
    (tmp_path / "jixiao.toml").write_text(
        '[labels.header]\ntotal = ["年度资金额度"]\nfiscal = ["行业补助"]\nfiscal_part = ["配套拨款"]\n', encoding="utf-8")
    assert main(["explain", str(path), "--suggest"]) == 0
    out = capsys.readouterr().out
    assert "没有需要登记的内容" in out and "[labels" not in out


def test_boilerplate_section_is_read_and_checked(tmp_path: Path) -> None:
    config = tmp_path / "jixiao.toml"
    config.write_text('[labels.boilerplate]\nlines = ["填报人："]\n', encoding="utf-8")
    assert load_settings(config, env={}).labels == {"boilerplate": {"lines": ["填报人："]}}
    config.write_text('[labels.boilerplate]\nline = ["填报人："]\n', encoding="utf-8")
    with pytest.raises(SettingsError, match="unknown 'line'.*lines"):
        load_settings(config, env={})
    config.write_text('[labels.ignore]\nlines = ["填报人："]\n', encoding="utf-8")
    with pytest.raises(SettingsError, match=r"\[labels.boilerplate\]"):
        load_settings(config, env={})


@pytest.mark.parametrize("name", ["county-c", "provinces-d"])
def test_on_the_real_template_sets_a_pasted_snippet_reads_no_worse_and_warns_less(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """On files nobody here generated: the snippet for a whole set, pasted, never costs a field or a row."""
    from tests.paths import DATA
    from tests.score import score_dirs, summary

    docs, truth = DATA / "real-templates" / name / "docs", DATA / "real-templates" / name / "truth"
    monkeypatch.delenv("JIXIAO_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)

    def read(out: str) -> tuple[dict[str, Any], int]:
        assert main(["extract", str(docs), "--out", str(tmp_path / out)]) == 0
        warned = sum(len(json.loads(f.read_text(encoding="utf-8"))["warnings"]) for f in (tmp_path / out).glob("*.json"))
        return summary(score_dirs(str(truth), str(tmp_path / out))[1]), warned

    before, warned_before = read("before")
    capsys.readouterr()
    assert main(["explain", *map(str, sorted(docs.glob("*.docx"))), "--suggest"]) == 0
    snippet = capsys.readouterr().out
    (tmp_path / "jixiao.toml").write_text(snippet, encoding="utf-8")
    after, warned_after = read("after")
    assert after["field_acc"] >= before["field_acc"] and after["ind_F1"] >= before["ind_F1"], (before, after)
    assert warned_after <= warned_before
    if "[labels." in snippet:  # it registered something: that placed what was unplaced, and read better
        assert warned_after < warned_before, snippet
        assert (after["field_acc"], after["ind_F1"]) > (before["field_acc"], before["ind_F1"]), (before, after)


def test_a_boilerplate_line_skips_a_cell_read_nowhere_by_its_named_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """[labels.boilerplate] reaches a single cell too: skipped by the rule jixiao_toml, no longer warned."""
    from tests.docgen.templates import Doc, c, write_docs

    def draw() -> Doc:
        d = Doc("boilerplate_cell")
        d.para("项目支出绩效目标表（2022年度）")
        d.table(4, [[c("项目名称"), c("乡村道路养护", 3)], [c("预算数（万元）"), c("10"), c("财政拨款（万元）"), c("10")],
                    [c("以下由财政部门审核填写", 4)]])  # a line of the form nobody reads: neither label nor value
        d.table(4, [[c("一级指标"), c("二级指标"), c("三级指标"), c("指标值")], [c("产出指标"), c("数量指标"), c("养护里程"), c("12公里")]])
        return d

    path = write_docs(tmp_path, {"boilerplate_cell": draw})[0]
    monkeypatch.delenv("JIXIAO_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    before = _extract(path, tmp_path / "before")
    where = "表1第3行第1列"
    assert any(w["kind"] == "text_unplaced" and w["where"] == where for w in before["warnings"])
    (tmp_path / "jixiao.toml").write_text('[labels.boilerplate]\nlines = ["以下由财政部门审核填写"]\n', encoding="utf-8")
    after = _extract(path, tmp_path / "after")
    assert not any(w["where"] == where for w in after["warnings"])
    assert len(after["warnings"]) == len(before["warnings"]) - 1
    capsys.readouterr()
    assert main(["explain", str(path)]) == 0
    assert "第3行第1列 以下由财政部门审核填写 -> 跳过 jixiao_toml" in capsys.readouterr().out
