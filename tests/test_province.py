"""province_ingest on a real Dask LocalCluster (2 worker processes) against a real Prefect server:
the Dask path and the single-machine path give the same warehouse, marts included, on a
three-county inbox; a second run extracts nothing. The server is the session's (tests/conftest.py)."""

from __future__ import annotations

import argparse
import json
import os
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from distributed import LocalCluster
from prefect.events.worker import EventsWorker
from prefect.logging.handlers import APILogWorker
from prefect.settings import PREFECT_API_URL, PREFECT_HOME, temporary_settings

from flows import province, steps
from flows.commands import lake as lake_command
from flows.settings import Settings, load_settings
from tests.flow_fixtures import CI_ENV
from tests.lake_fixtures import COUNTIES, assert_same_warehouse, write_province
from tests.test_label_overrides import TOML as LABELS_TOML
from tests.test_label_overrides import new_template_bytes
from warehouse import lake
from warehouse.connect import open_readonly


@pytest.fixture(scope="module")
def server_api(prefect_api: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Yield a real Prefect server's API URL, set for this process and the workers it spawns."""
    home = tmp_path_factory.mktemp("client-home")
    api = prefect_api
    saved = dict(os.environ)
    # Dask worker processes inherit the environment: they must report to the same server.
    os.environ.update({**CI_ENV, "PREFECT_API_URL": api, "PREFECT_HOME": str(home)})
    try:
        with temporary_settings(updates={PREFECT_API_URL: api, PREFECT_HOME: home}):
            yield api
            # Send the last logs and events while the server still answers (else the
            # log worker retries a stopped server for a minute at exit).
            APILogWorker.drain_all()
            EventsWorker.drain_all()
    finally:
        os.environ.clear()
        os.environ.update(saved)


def test_dask_path_and_single_machine_path_give_identical_marts(
    server_api: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = tmp_path / "inbox"
    write_province(inbox, units=4)
    files = len(steps.discover(inbox))

    direct = tmp_path / "direct.duckdb"
    single = steps.run_direct(inbox, direct, Settings(concurrency=1), progress=lambda _: None)

    root = str(tmp_path / "lake")
    dask_wh = tmp_path / "dask.duckdb"
    summary = province.run_province(inbox, root, dask_wh, workers=2, batch_size=2)
    assert (summary.files, summary.staged, summary.unchanged) == (files, files, 0)
    assert summary.workers == 2  # both worker processes extracted, each reporting its memory
    assert all(rss > 0 for rss in summary.worker_peak_rss.values())
    # Files were read under the per-file limits, by each worker's own extraction process.
    assert sorted(summary.extractor_peak_rss) == sorted(summary.worker_peak_rss)
    assert all(rss > 0 for rss in summary.extractor_peak_rss.values())
    assert os.getpid() not in summary.worker_peak_rss
    assert {r.division for r in lake.list_parts(root)} == {d for d, _ in COUNTIES}
    assert (summary.loaded, summary.duplicate, summary.superseded) == (
        single.loaded, single.duplicate, single.superseded)
    assert summary.loaded > 0 and summary.projects == single.projects

    assert_same_warehouse(direct, dask_wh)
    artifact = _latest_artifact(server_api, province.SUMMARY_KEY)
    assert f"files {files}: staged {files}" in artifact["data"]

    # Nothing new, through the command line: every file is hashed on a worker, found in the
    # lake and not extracted again; a warehouse rebuilt from the lake alone is still the same.
    # This time on an existing Dask scheduler, as a cluster elsewhere would be given.
    rebuilt = tmp_path / "rebuilt.duckdb"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as cluster:
        status = jixiao(["province", str(inbox), "--lake", root, "--warehouse", str(rebuilt),
                         "--scheduler", cluster.scheduler_address, "--batch-size", "4"])
    out = capsys.readouterr().out
    assert status == 0, out
    assert f"files {files}: staged 0 (0 rejected), unchanged {files}" in out
    assert_same_warehouse(direct, rebuilt)


def test_label_overrides_reach_the_dask_workers(
    server_api: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A county's usual files plus one template whose target column (考核值) only [labels] names.
    inbox = tmp_path / "inbox"
    write_province(inbox, units=1, counties=COUNTIES[:1])
    odd = inbox / COUNTIES[0][0] / "new_template.docx"
    odd.write_bytes(new_template_bytes())
    config = tmp_path / "jixiao.toml"
    config.write_text(LABELS_TOML, encoding="utf-8")

    direct = tmp_path / "direct.duckdb"
    steps.run_direct(inbox, direct, load_settings(config, env={}, concurrency=1), progress=lambda _: None)
    dask_wh = tmp_path / "dask.duckdb"
    status = jixiao(["province", str(inbox), "--lake", str(tmp_path / "lake"), "--warehouse", str(dask_wh),
                     "--config", str(config), "--workers", "2", "--batch-size", "1"])
    assert status == 0, capsys.readouterr().out
    for warehouse in (direct, dask_wh):
        con = open_readonly(warehouse)
        try:
            read = con.execute("SELECT indicator_name, target_op, target_value, target_unit "
                               "FROM fct_indicator_target WHERE indicator_name = '培训人数'").fetchall()
        finally:
            con.close()
        assert read == [("培训人数", ">=", 100.0, "人")], warehouse
    assert_same_warehouse(direct, dask_wh)


def _latest_artifact(api: str, key: str) -> dict[str, Any]:
    """Return the newest artifact with `key` from the server's API."""
    body = json.dumps({"artifacts": {"key": {"any_": [key]}}, "sort": "CREATED_DESC", "limit": 1}).encode()
    request = urllib.request.Request(f"{api}/artifacts/filter", data=body,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        found: list[dict[str, Any]] = json.loads(response.read())
    assert found, f"no artifact {key!r} on the server"
    return found[0]


def jixiao(argv: list[str]) -> int:
    """Return the exit status of a lake/province command (the CLI's own parsing and dispatch)."""
    parser = argparse.ArgumentParser(prog="jixiao")
    lake_command.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args))
