"""The nightly flow end to end against a real Prefect server, on real generated and hostile files.

Real parts throughout: .docx written by tests/docgen, the real extractor, frames, rules and a
real DuckDB warehouse; Prefect runs on the session's `prefect server start` (tests/conftest.py).
"""

from __future__ import annotations

import dataclasses
import json
import os
import random
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
from prefect.events.worker import EventsWorker
from prefect.logging.handlers import APILogWorker
from prefect.settings import (
    PREFECT_API_URL,
    PREFECT_HOME,
    PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW,
    temporary_settings,
)

from flows import nightly, steps
from flows.settings import Settings, load_settings
from tests.docgen import hostile
from tests.docgen.render import document
from tests.docgen.variants import VARIANTS
from warehouse.connect import open_readonly
from warehouse.ledger import known_hashes

# Four units, each drawn in another layout, so none supersedes another.
GOOD = {
    "乡镇/301001_2022.docx": ("seed_like", "301001", "文安县大柳河镇人民政府"),
    "乡镇/301002_2022.docx": ("combined_table", "301002", "文安县新镇镇人民政府"),
    "教育/302001_2022.docx": ("money_wan", "302001", "文安县第一中学"),
    "302002_2022.docx": ("alt_columns", "302002", "文安县实验小学"),
}
COPY = "重复/301001_2022 - 副本.docx"  # the same bytes as a good file, dropped twice
HOSTILE = {
    "empty.docx": "empty",
    "damaged.docx": "not_word",
    "truncated.docx": "corrupt",
    "网页.doc": "html_doc",
    "请见附件.docx": "no_content",
    "预算表.docx": "not_word",
    "说明.txt": "not_word",
    "scan.docx": "too_large",
}
SKIPPED = ["~$301001_2022.docx", ".DS_Store", ".sync/301001_2022.docx"]


def _good_bytes(variant: str, code: str, name: str) -> bytes:
    spec = VARIANTS[variant]()
    return document(dataclasses.replace(spec, unit_code=code, unit_name=name, file=f"{code}.docx"))


def write_inbox(inbox: Path) -> None:
    """Write the test inbox: good submissions, a copy, hostile files and files to skip."""
    rng = random.Random(4)
    files: dict[str, bytes] = {rel: _good_bytes(*spec) for rel, spec in GOOD.items()}
    first_good = files["乡镇/301001_2022.docx"]
    files[COPY] = first_good
    files.update({
        "empty.docx": hostile.empty(),
        "damaged.docx": hostile.random_bytes(rng),
        "truncated.docx": hostile.truncated_zip(first_good),
        "网页.doc": hostile.html_doc("文安县交通运输局", "农村公路养护"),
        "请见附件.docx": hostile.no_content_docx(),
        "预算表.docx": hostile.xlsx_renamed(),
        "说明.txt": "各单位报送说明：请于3月底前报送。".encode(),
        "scan.docx": hostile.random_bytes(rng, 300 * 1024),  # over the 0.25 MB cap below
    })
    files.update({rel: b"lock or hidden" for rel in SKIPPED})
    for rel, data in files.items():
        path = inbox / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


@pytest.fixture(scope="module")
def prefect_client(prefect_api: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Run this module's flows against the session's real Prefect server."""
    with temporary_settings(updates={
        PREFECT_API_URL: prefect_api,
        PREFECT_HOME: tmp_path_factory.mktemp("prefect-home"),
        PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW: "ignore",
    }):
        yield
        # Send the last logs and events while the server surely answers.
        APILogWorker.drain_all()
        EventsWorker.drain_all()


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Return settings for a fresh inbox (written once) and a warehouse that does not exist yet."""
    root = tmp_path_factory.mktemp("county")
    write_inbox(root / "inbox")
    return load_settings(env={}, inbox=root / "inbox", warehouse=root / "wh" / "jixiao.duckdb",
                         batch_size=3, concurrency=2, max_file_mb=0.25)


def _ledger(warehouse: Path) -> dict[str, tuple[str, str | None, str | None]]:
    con = open_readonly(warehouse)
    try:
        rows = con.execute(
            "SELECT path, status, rejection_kind, reason FROM ingest_ledger"
        ).fetchall()
    finally:
        con.close()
    return {str(Path(path).name): (status, kind, reason) for path, status, kind, reason in rows}


def _artifacts(flow_run_id: Any) -> dict[str, Any]:
    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id]))
        )
    return {a.key: a for a in found}


def test_first_run_loads_good_files_and_records_every_other_file(
    prefect_client: None, county: Settings
) -> None:
    state = nightly.configured_flow(county)(county.inbox, county.warehouse, county, return_state=True)
    assert state.is_completed(), state.message
    summary: steps.RunSummary = state.result()

    assert summary.seen == len(GOOD) + 1 + len(HOSTILE)  # lock and hidden files are not seen
    assert summary.known == 0
    assert summary.loaded == len(GOOD)
    assert summary.rejected == len(HOSTILE)
    assert summary.duplicate == 1
    assert summary.projects == sum(len(VARIANTS[v]().projects) for v, _, _ in GOOD.values())
    assert summary.indicators > summary.projects
    assert sum(summary.findings.values()) > 0  # the generated content has known review defects

    ledger = _ledger(county.warehouse)
    for rel in GOOD:
        assert ledger[Path(rel).name][0] == "loaded"
    assert ledger[Path(COPY).name][0] == "duplicate"
    for name, kind in HOSTILE.items():
        status, got_kind, reason = ledger[name]
        assert (status, got_kind) == ("rejected", kind), name
        assert reason, f"{name} is rejected without a reason"
    assert not any(name.startswith(("~$", ".")) for name in ledger)

    artifacts = _artifacts(state.state_details.flow_run_id)
    markdown = artifacts[nightly.SUMMARY_KEY].data
    assert f"| 入库 loaded (new submissions) | {len(GOOD)} |" in markdown
    assert f"| 退回 rejected | {len(HOSTILE)} |" in markdown
    table = artifacts[nightly.REJECTED_KEY].data
    rows = json.loads(table) if isinstance(table, str) else table
    assert sorted(Path(r["file"]).name for r in rows) == sorted(HOSTILE)
    assert all(r["reason"] for r in rows)


def test_second_run_processes_nothing_new(prefect_client: None, county: Settings) -> None:
    before = known_hashes(county.warehouse)
    assert before, "the first run must have filled the ledger"
    summary = nightly.configured_flow(county)(county.inbox, county.warehouse, county)
    assert (summary.seen, summary.known, summary.new) == (summary.seen, summary.seen, 0)
    assert (summary.loaded, summary.rejected, summary.projects) == (0, 0, 0)
    assert known_hashes(county.warehouse) == before


def test_a_new_file_alone_is_read_on_the_next_run(prefect_client: None, county: Settings, tmp_path: Path) -> None:
    new = county.inbox / "新报" / "303001_2022.docx"
    new.parent.mkdir()
    new.write_bytes(_good_bytes("money_thousands", "303001", "文安县卫生健康局"))
    try:
        summary = nightly.configured_flow(county)(county.inbox, county.warehouse, county)
        assert (summary.new, summary.loaded, summary.rejected) == (1, 1, 0)
        assert _ledger(county.warehouse)[new.name][0] == "loaded"
    finally:
        shutil.rmtree(new.parent)


# Task logic, without the flow: each task's function on real inputs.

def test_tasks_fn_plan_extract_transform_load(tmp_path: Path) -> None:
    inbox, warehouse = tmp_path / "inbox", tmp_path / "w.duckdb"
    inbox.mkdir()
    (inbox / "301001.docx").write_bytes(_good_bytes("seed_like", "301001", "文安县大柳河镇人民政府"))
    (inbox / "empty.docx").write_bytes(b"")

    plan = nightly.plan_files.fn(inbox, warehouse, 10 * 1024 * 1024)
    assert [p.name for p in plan.to_extract] == ["301001.docx", "empty.docx"]
    outcomes = nightly.extract_files.fn(plan.to_extract)
    assert [o.rejection_kind for o in outcomes] == [None, "empty"]
    frames = nightly.transform.fn(outcomes, "L-test")
    assert frames["submissions"].height == 2
    findings = nightly.review.fn(frames, warehouse)
    assert findings is not None and set(findings["severity"].unique()) <= {"error", "warning", "info"}
    nightly.load_warehouse.fn(warehouse, frames, findings)
    assert known_hashes(warehouse) == {o.sha256 for o in outcomes}
    assert nightly.plan_files.fn(inbox, warehouse, 10 * 1024 * 1024).to_extract == []


def test_only_io_errors_are_retried() -> None:
    class State:
        def __init__(self, exc: BaseException) -> None:
            self.exc = exc

        def result(self) -> None:
            raise self.exc

    assert nightly._transient(None, None, State(OSError(28, "No space left on device")))
    assert nightly._transient(None, None, State(TimeoutError("share not answering")))
    assert not nightly._transient(None, None, State(NotADirectoryError("w.duckdb")))
    assert not nightly._transient(None, None, State(KeyError("project_seq")))
    assert not nightly._transient(None, None, State(ValueError("bad input")))


def test_deployment_parameters_round_trip_to_settings(tmp_path: Path) -> None:
    settings = load_settings(env={}, inbox=tmp_path / "in", warehouse=tmp_path / "w.duckdb",
                             runner="processes", batch_size=7)
    params = json.loads(json.dumps(nightly.flow_parameters(settings)))
    validated = nightly.nightly_ingest.validate_parameters(params)
    assert validated["inbox"] == tmp_path / "in"
    assert isinstance(validated["settings"], Settings)
    assert validated["settings"].batch_size == 7 and validated["settings"].runner == "processes"
    assert validated["settings"].timezone == "Asia/Shanghai"


def test_task_runner_follows_settings() -> None:
    from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner
    from prefect_dask import DaskTaskRunner

    assert isinstance(nightly.task_runner_for(load_settings(env={})), ThreadPoolTaskRunner)
    assert isinstance(nightly.task_runner_for(load_settings(env={}, runner="processes")), ProcessPoolTaskRunner)
    dask = nightly.task_runner_for(load_settings(env={}, runner="dask", dask_address="tcp://127.0.0.1:8786"))
    assert isinstance(dask, DaskTaskRunner) and dask.address == "tcp://127.0.0.1:8786"


# The command line: exit status says whether the run completed, not whether files were good.

def test_cli_ingest_exit_status(
    prefect_client: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from flows.cli import main

    monkeypatch.chdir(tmp_path)  # no ./jixiao.toml from the developer's folder
    for name in [n for n in os.environ if n.startswith("JIXIAO_")]:
        monkeypatch.delenv(name)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "302001_2022.docx").write_bytes(_good_bytes("money_wan", "302001", "文安县第一中学"))
    (inbox / "empty.docx").write_bytes(b"")
    warehouse = tmp_path / "w.duckdb"

    # A rejected file is a data problem, reported: the run completed.
    assert main(["ingest", str(inbox), "--warehouse", str(warehouse), "--batch-size", "1"]) == 0
    out = capsys.readouterr().out
    assert "| 退回 rejected | 1 |" in out and "empty.docx" in out

    # The warehouse cannot be written (its folder is a file): the run failed.
    blocked = inbox / "empty.docx" / "w.duckdb"
    (inbox / "new.docx").write_bytes(_good_bytes("seed_like", "301009", "文安县审计局"))
    assert main(["ingest", str(inbox), "--warehouse", str(blocked)]) == 1
    assert "入库失败" in capsys.readouterr().err

    # Bad input to the command itself.
    assert main(["ingest", str(tmp_path / "nope")]) == 2
    assert "inbox folder not found" in capsys.readouterr().err
    assert main(["ingest", str(inbox), "--batch-size", "0"]) == 2
