"""`jixiao extract`: JSON for readable files, one stderr line per rejected file, honest exit status."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from flows.cli import main
from tests.docgen import hostile
from tests.paths import SEED_DOCX as SEED


@pytest.fixture()
def inbox(tmp_path: Path, variants_dir: Path) -> Path:
    box = tmp_path / "inbox"
    (box / "sub").mkdir(parents=True)
    shutil.copy(SEED, box / "seed.docx")
    shutil.copy(variants_dir / "missing_indicator_table.docx", box / "sub" / "missing.docx")
    (box / "empty.docx").write_bytes(hostile.empty())
    (box / "noise.docx").write_bytes(hostile.random_bytes(random.Random(1)))
    (box / "page.doc").write_bytes(hostile.html_doc("文安县气象局", "气象监测经费"))
    (box / "~$seed.docx").write_bytes(b"lock file")  # Word's lock file: never picked up
    (box / "notes.txt").write_text("not a submission")
    return box


def test_extract_writes_json_for_readable_files_and_reports_the_rest(
    inbox: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    status = main(["extract", str(inbox), "--out", str(out)])
    assert status == 1
    assert sorted(p.name for p in out.iterdir()) == ["missing.json", "seed.json"]
    seed = json.loads((out / "seed.json").read_text(encoding="utf-8"))
    assert seed["unit"]["code"] == "306001" and len(seed["projects"]) == 3
    assert "source_table" not in seed["projects"][0]  # lineage stays in memory, not in the contract
    err = capsys.readouterr().err
    for name in ("empty.docx", "noise.docx", "page.doc"):
        line = next(line for line in err.splitlines() if line.startswith(str(inbox / name)))
        assert line.split(": ", 1)[1].strip()  # a reason follows the file name
    assert "另存为" in next(line for line in err.splitlines() if "page.doc" in line)
    assert "缺少绩效指标表" in err  # the project without an indicator table is reported by name
    assert "~$seed" not in err and "notes.txt" not in err


def test_extract_exits_zero_when_every_file_is_read(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["extract", str(SEED), "--out", str(out)]) == 0
    assert (out / "seed_306001_2022.json").exists()


def test_console_script_is_installed_and_runs(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "jixiao"
    result = subprocess.run(
        [str(script), "extract", str(SEED), "--out", str(tmp_path)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "seed_306001_2022.json").read_text(encoding="utf-8"))["fiscal_year"] == 2022


def _records(variants_dir: Path) -> list[dict[str, object]]:
    """Records of the seed and every drawn variant that reads (lineage, department goals, gaps)."""
    from extract.api import RejectedFile, extract_file

    records = []
    for path in [SEED, *sorted(variants_dir.glob("*.docx"))]:
        try:
            records.append(dict(extract_file(path)))
        except RejectedFile:
            continue
    return records


def test_the_written_json_is_the_contract_encoded_by_the_json_module(variants_dir: Path) -> None:
    import copy

    from extract.api import to_contract
    from extract.outcome import contract_json

    records = _records(variants_dir)
    assert len(records) > 5
    for record in records:
        expected = json.dumps(to_contract(record), ensure_ascii=False, separators=(",", ":")) + "\n"  # type: ignore[arg-type]
        assert contract_json(copy.deepcopy(record)) == expected.encode("utf-8")  # type: ignore[arg-type]


def test_the_contract_encoder_uses_up_the_lineage_and_falls_back_past_64_bit_integers() -> None:
    from extract.api import extract_file
    from extract.outcome import contract_json

    record = extract_file(SEED)
    assert "source_table" in record["projects"][0]
    record["fiscal_year"] = 2**70  # orjson refuses it; the json module writes it
    text = contract_json(record)
    assert "source_table" not in record["projects"][0]  # popped in place: the record is used up
    assert json.loads(text)["fiscal_year"] == 2**70 and text.endswith(b"}\n") and b"\n" not in text[:-1]
