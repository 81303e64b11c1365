"""jixiao.toml [labels]: a template nobody foresaw is read once its labels are registered, without code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flows.cli import main
from flows.settings import SettingsError, load_settings
from tests.docgen import ooxml as ox
from tests.test_warnings import _doc

TOML = """
[labels.header]
total = ["项目总投资"]

[labels.indicator]
target_raw = ["考核值"]
"""


def new_template_bytes() -> bytes:
    """Return a .docx whose target column is headed 考核值, which only the [labels] above names."""
    doc = _doc("new_template", head=("一级指标", "二级指标", "三级指标", "考核值"),
               rows=(("产出指标", "数量指标", "培训人数", "≥100人"),))
    return ox.package(ox.document_xml("".join(doc.blocks)))


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "new_template.docx"
    path.write_bytes(new_template_bytes())
    return path


def test_labels_section_is_read_and_checked(tmp_path: Path) -> None:
    config = tmp_path / "jixiao.toml"
    config.write_text(TOML, encoding="utf-8")
    settings = load_settings(config, env={})
    assert settings.labels == {"header": {"total": ["项目总投资"]}, "indicator": {"target_raw": ["考核值"]}}
    config.write_text('[labels.indicator]\ntarget = ["考核值"]\n', encoding="utf-8")
    with pytest.raises(SettingsError, match="unknown 'target'.*target_raw"):
        load_settings(config, env={})


def test_unknown_header_without_override_then_read_with_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path)
    monkeypatch.delenv("JIXIAO_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)  # no jixiao.toml here: built-in labels only
    assert main(["extract", str(path), "--out", str(tmp_path / "before")]) == 0
    before = json.loads((tmp_path / "before" / "new_template.json").read_text(encoding="utf-8"))
    assert before["projects"][0]["indicators"] == []  # no 指标值 column understood: not an indicator table
    assert "table_unknown" in {w["kind"] for w in before["warnings"]}
    (tmp_path / "jixiao.toml").write_text(TOML, encoding="utf-8")
    assert main(["extract", str(path), "--out", str(tmp_path / "after")]) == 0
    after = json.loads((tmp_path / "after" / "new_template.json").read_text(encoding="utf-8"))
    ind = after["projects"][0]["indicators"]
    assert [(i["name"], i["op"], i["value"], i["unit"]) for i in ind] == [("培训人数", ">=", 100.0, "人")]
    assert after["warnings"] == []


def test_the_commands_forked_worker_reads_with_the_overrides(tmp_path: Path) -> None:
    """The console script's own process is small and single-threaded: its worker is forked
    (extract/guard.py) and must get [labels] as a fresh interpreter does, through the settings."""
    import os
    import subprocess
    import sys

    path = _write(tmp_path)
    (tmp_path / "jixiao.toml").write_text(TOML, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "JIXIAO_CONFIG"}
    script = Path(sys.executable).with_name("jixiao")
    result = subprocess.run([str(script), "extract", str(path), "--out", "out"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    after = json.loads((tmp_path / "out" / "new_template.json").read_text(encoding="utf-8"))
    assert [i["name"] for i in after["projects"][0]["indicators"]] == ["培训人数"]
