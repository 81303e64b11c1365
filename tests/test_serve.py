"""`jixiao serve` against a real `prefect server start` (the session's, tests/conftest.py): schedule
in its timezone, and a run that works."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.docgen.render import document
from tests.docgen.variants import VARIANTS
from tests.flow_fixtures import CI_ENV, stop
from warehouse.ledger import known_hashes

REPO = Path(__file__).resolve().parent.parent


def _post(url: str, body: dict[str, Any]) -> Any:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


FINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def _poll(what: str, fetch: Any, timeout: float, proc: subprocess.Popen[bytes], log: Path) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"jixiao serve exited {proc.returncode}:\n{log.read_text()[-3000:]}")
        found = fetch()
        if found:
            return found
        time.sleep(1)
    raise AssertionError(f"no {what} within {timeout:.0f} s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def server_api(prefect_api: str) -> str:
    """Return the API URL of the real Prefect server this module's tests talk to."""
    return prefect_api


def _client_env(api: str, home: Path) -> dict[str, str]:
    env = {**os.environ, **CI_ENV, "PREFECT_API_URL": api, "PREFECT_HOME": str(home),
           # Pick up a triggered run quickly (default: every 10 s).
           "PREFECT_RUNNER_POLL_FREQUENCY": "2"}
    for name in [n for n in env if n.startswith("JIXIAO_")]:
        del env[name]
    return env


def test_serve_registers_the_nightly_schedule_in_beijing_time(server_api: str, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    unit = inbox / "301001_2022.docx"
    unit.write_bytes(document(VARIANTS["seed_like"]()))
    warehouse = tmp_path / "wh" / "w.duckdb"
    api = server_api
    env = _client_env(api, tmp_path / "client-home")
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        serve = subprocess.Popen(
            [sys.executable, "-m", "flows.cli", "serve", "--inbox", str(inbox),
             "--warehouse", str(warehouse), "--name", "nightly-test"],
            cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
        try:
            deployments = _poll(
                "deployment",
                lambda: _post(f"{api}/deployments/filter",
                              {"deployments": {"name": {"any_": ["nightly-test"]}}}),
                45, serve, log,
            )
            deployment = deployments[0]
            [schedule] = deployment["schedules"]
            assert schedule["schedule"]["cron"] == "0 2 * * *"
            assert schedule["schedule"]["timezone"] == "Asia/Shanghai"
            assert schedule["active"] is True
            assert deployment["parameters"]["inbox"] == str(inbox.resolve())
            assert deployment["parameters"]["settings"]["timezone"] == "Asia/Shanghai"
            # The server's scheduler turns it into runs at 02:00 Beijing = 18:00 UTC.
            runs = _poll(
                "scheduled run",
                lambda: _post(f"{api}/flow_runs/filter", {
                    "deployments": {"id": {"any_": [deployment["id"]]}}, "limit": 3,
                    "sort": "EXPECTED_START_TIME_ASC",
                }),
                30, serve, log,
            )
            start = datetime.fromisoformat(runs[0]["expected_start_time"]).astimezone(UTC)
            assert (start.hour, start.minute) == (18, 0)

            # Run it now: the served process executes it with the stored parameters.
            run = _post(f"{api}/deployments/{deployment['id']}/create_flow_run", {})
            final = _poll(
                "finished run",
                lambda: (lambda r: r if r["state"]["type"] in FINAL else None)(
                    _get(f"{api}/flow_runs/{run['id']}")),
                60, serve, log,
            )
            assert final["state"]["type"] == "COMPLETED", (
                f"{final['state']['message']}\n{log.read_text()[-3000:]}")
            assert known_hashes(warehouse) == {hashlib.sha256(unit.read_bytes()).hexdigest()}
        finally:
            stop(serve)


@pytest.mark.parametrize("runner", ["processes", "dask"])
def test_ingest_on_other_runners_against_the_server(server_api: str, tmp_path: Path, runner: str) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    files = {
        "301001.docx": document(VARIANTS["seed_like"]()),
        "302001.docx": document(dataclasses.replace(
            VARIANTS["money_wan"](), unit_code="302001", unit_name="文安县第一中学")),
        "empty.docx": b"",
    }
    for name, data in files.items():
        (inbox / name).write_bytes(data)
    warehouse = tmp_path / "w.duckdb"
    result = subprocess.run(
        [sys.executable, "-m", "flows.cli", "ingest", str(inbox), "--warehouse", str(warehouse),
         "--runner", runner, "--concurrency", "2", "--batch-size", "1"],
        cwd=REPO, env=_client_env(server_api, tmp_path / "client-home"),
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "| 入库 loaded (new submissions) | 2 |" in result.stdout
    assert "| 退回 rejected | 1 |" in result.stdout
    assert known_hashes(warehouse) == {hashlib.sha256(d).hexdigest() for d in files.values()}


def test_serve_without_a_server_says_how_to_start_one(tmp_path: Path) -> None:
    env = {k: v for k, v in _client_env("", tmp_path / "home").items() if k != "PREFECT_API_URL"}
    result = subprocess.run(
        [sys.executable, "-m", "flows.cli", "serve", "--inbox", str(tmp_path)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    assert "prefect server start --host 127.0.0.1 --port 4200" in result.stderr
