"""A person at a terminal: progress bars on stderr, the run summary as an aligned table on stdout,
no telemetry banner. Run under a real pseudo-terminal (a test with pipes would miss all of it:
Prefect's banner, like the bars, only shows when the output is a terminal).
"""

from __future__ import annotations

import io
import os
import pty
import re
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from extract.batch import discover
from flows import progress
from flows.steps import RunSummary, _width, format_summary, format_summary_for, format_summary_table
from tests.docgen.county import write_county

JIXIAO = str(Path(sys.executable).with_name("jixiao"))
BANNER = "Prefect collects anonymous usage data"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
CI_VARIABLES = ("CI", "GITHUB_ACTIONS", "GITLAB_CI", "JENKINS_URL", "BUILDKITE", "CI_NAME")


def bare_env(home: Path, **extra: str) -> dict[str, str]:
    """Return a fresh shell's environment: no PREFECT_*, JIXIAO_*, DO_NOT_TRACK or CI markers
    (Prefect stays silent in CI), a new HOME, so Prefect sees a first-time user."""
    drop = ("PREFECT_", "JIXIAO_", "DO_NOT_TRACK", *CI_VARIABLES)
    env = {k: v for k, v in os.environ.items() if not k.startswith(drop) and k not in CI_VARIABLES}
    home.mkdir(parents=True, exist_ok=True)
    return {**env, "HOME": str(home), "PREFECT_HOME": str(home / ".prefect"), "COLUMNS": "120",
            "TERM": "xterm-256color", **extra}


def run_in_pty(argv: list[str], env: dict[str, str], cwd: Path, timeout: float = 300) -> tuple[int, str]:
    """Return (exit status, everything written to the terminal) of `argv` run with its stdout and
    stderr on a pseudo-terminal."""
    controller, terminal = pty.openpty()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=terminal,
                            stderr=terminal, start_new_session=True)
    os.close(terminal)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([controller], [], [], 1.0)
            if ready:
                try:
                    data = os.read(controller, 65536)
                except OSError:  # EIO: every writer closed the terminal
                    break
                if not data:
                    break
                chunks.append(data)
            elif proc.poll() is not None:
                break
        status = proc.wait(timeout=max(1.0, deadline - time.monotonic()))
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(controller)
    return status, b"".join(chunks).decode("utf-8", errors="replace")


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("terminal") / "inbox"
    write_county(folder, units=6, seed=21)
    return folder


def test_jixiao_extract_draws_a_progress_bar_on_a_terminal(inbox: Path, tmp_path: Path) -> None:
    files = len(list(discover([inbox])))
    status, screen = run_in_pty([JIXIAO, "extract", str(inbox), "--out", str(tmp_path / "out")],
                                bare_env(tmp_path / "home"), tmp_path)
    text = ANSI.sub("", screen)
    assert status in (0, 1), screen  # 1: the generated county has rejected files
    assert f"{files}/{files}" in text and "files/s" in text and "ETA" in text
    assert "\r" in screen  # redrawn in place
    assert re.search(r"extract: \d+ extracted, \d+ rejected in", text)
    assert list((tmp_path / "out").glob("*.json"))


def test_without_a_terminal_extract_prints_no_bar(inbox: Path, tmp_path: Path) -> None:
    result = subprocess.run([JIXIAO, "extract", str(inbox), "--out", str(tmp_path / "out")],
                            env=bare_env(tmp_path / "home"), cwd=tmp_path, capture_output=True,
                            text=True, timeout=300)
    assert "\x1b[" not in result.stderr and "files/s" not in result.stderr
    assert re.search(r"extract: \d+ extracted, \d+ rejected in", result.stderr)


def test_no_telemetry_banner_in_a_terminal(tmp_path: Path) -> None:
    """Prefect prints its banner on import, in a terminal, to a first-time user: jixiao says no."""
    (tmp_path / "inbox").mkdir()
    env = bare_env(tmp_path / "home", PREFECT_API_URL="http://127.0.0.1:9/api")
    status, screen = run_in_pty([JIXIAO, "ingest", "inbox", "--warehouse", "wh.duckdb"], env, tmp_path)
    assert status == 2 and "http://127.0.0.1:9/api" in screen  # Prefect was imported: it asked the URL
    assert BANNER not in screen
    # The user who asks for telemetry gets Prefect's own behaviour back.
    status, screen = run_in_pty([JIXIAO, "ingest", "inbox", "--warehouse", "wh.duckdb"],
                                {**env, "DO_NOT_TRACK": "0", "HOME": str(tmp_path / "home2"),
                                 "PREFECT_HOME": str(tmp_path / "home2" / ".prefect")}, tmp_path)
    assert status == 2 and BANNER in screen


def _summary() -> RunSummary:
    return RunSummary(load_id="20261206T000000Z-abcdef12", inbox="/srv/inbox", warehouse="/srv/wh.duckdb",
                      seen=303, new=303, loaded=290, rejected=13, projects=2100, indicators=19442,
                      findings={"error": 41, "warning": 977},
                      current={"units": 290, "submissions": 290, "projects": 2100, "indicators": 19442},
                      rejected_files=[{"file": "a.docx", "kind": "corrupt", "reason": "文件已损坏"}])


def test_the_summary_is_an_aligned_table_on_a_terminal_and_markdown_otherwise() -> None:
    summary = _summary()
    table = format_summary_table(summary)
    rows = [line for line in table.splitlines() if re.search(r"\s\d+$", line) and line.startswith("  ")]
    assert len(rows) >= 14
    assert len({_width(line) for line in rows}) == 1  # every number ends in the same column
    assert "|" not in table and "a.docx (corrupt): 文件已损坏" in table

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert format_summary_for(summary, Terminal()) == table
    assert format_summary_for(summary, io.StringIO()) == format_summary(summary)
    assert "| 收到文件 files seen | 303 |" in format_summary(summary)


def test_run_progress_reports_nothing_without_a_terminal() -> None:
    with progress.showing_run(io.StringIO()):
        progress.extracted(1, 2)  # no bar installed: a no-op, not an error
        progress.loading("frames")
    assert progress._RUN is None


@pytest.fixture()
def terminal_stream() -> Iterator[io.TextIOWrapper]:
    controller, terminal = pty.openpty()
    stream = open(terminal, "w", encoding="utf-8", closefd=True)  # noqa: SIM115 - closed below
    try:
        yield stream
    finally:
        stream.close()
        os.close(controller)


def test_run_progress_draws_extraction_and_load_on_a_terminal(terminal_stream: io.TextIOWrapper) -> None:
    with progress.showing_run(terminal_stream):
        assert progress._RUN is not None
        progress.extracted(0, 10)
        progress.extracted(10, 10)
        for step in (*progress.LOAD_STEPS, "done"):
            progress.loading(step)
        bar = progress._RUN._bar
        tasks = {t.description: t for t in bar.tasks}
    assert tasks["读取 extract"].completed == 10 and tasks["读取 extract"].total == 10
    assert tasks["入库 load"].completed == len(progress.LOAD_STEPS)
    assert progress._RUN is None



def test_run_progress_counts_files_read_inside_tasks(terminal_stream: io.TextIOWrapper) -> None:
    with progress.showing_run(terminal_stream):
        assert progress._RUN is not None
        progress.files_read(5)  # before the total is known: nothing to count yet
        progress.extracted(0, 40)
        readers = [threading.Thread(target=progress.files_read, args=(10,)) for _ in range(3)]
        for reader in readers:
            reader.start()
        for reader in readers:
            reader.join()
        progress.extracted(20, 40)  # a batch finished: the bar never goes back
        bar = progress._RUN._bar
        assert {t.description: t.completed for t in bar.tasks}["读取 extract"] == 30
        progress.extracted(40, 40)
        assert {t.description: t.completed for t in bar.tasks}["读取 extract"] == 40


def test_jixiao_ingest_in_a_terminal_shows_bars_and_a_table(
    prefect_api: str, inbox: Path, tmp_path: Path
) -> None:
    env = bare_env(tmp_path / "home", PREFECT_API_URL=prefect_api)
    warehouse = tmp_path / "wh" / "jixiao.duckdb"
    status, screen = run_in_pty([JIXIAO, "ingest", str(inbox), "--warehouse", str(warehouse),
                                 "--batch-size", "4"], env, tmp_path)
    text = ANSI.sub("", screen)
    files = len([p for p in inbox.rglob("*") if p.is_file()])
    assert status == 0, text[-3000:]
    assert BANNER not in text
    assert re.search(r"读取 extract .* (\d+)/\1 ", text) and "files/s" in text  # all read
    assert "入库 load" in text
    assert "绩效目标入库 nightly ingest" in text and "| 收到文件" not in text  # a table, not Markdown
    seen = re.search(r"^  收到文件 files seen\s+(\d+)\s*$", text, flags=re.M)
    assert seen and int(seen.group(1)) == files


def test_ctrl_c_under_a_bar_says_interrupted_on_a_line_of_its_own(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    write_county(inbox, units=80, seed=22, hostile=False)
    controller, terminal = pty.openpty()
    proc = subprocess.Popen([JIXIAO, "extract", str(inbox), "--out", str(tmp_path / "out")], cwd=tmp_path,
                            env=bare_env(tmp_path / "home"), stdin=subprocess.DEVNULL, stdout=terminal,
                            stderr=terminal, start_new_session=True)
    os.close(terminal)
    screen, sent = b"", False
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([controller], [], [], 1.0)
            if ready:
                try:
                    data = os.read(controller, 65536)
                except OSError:
                    break
                if not data:
                    break
                screen += data
            shown = ANSI.sub("", screen.decode("utf-8", errors="replace"))
            if not sent and re.search(r" [1-9]\d*/\d+ ", shown):  # the bar is drawn, files are done
                os.killpg(proc.pid, signal.SIGINT)  # a terminal's Ctrl-C: the whole foreground group
                sent = True
        status = proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(controller)
    text = ANSI.sub("", screen.decode("utf-8", errors="replace"))
    assert sent and status == 130, text[-2000:]
    assert re.search(r"(^|\n)\r*jixiao: interrupted\r?\n", text), text[-500:]  # on a line of its own
    assert "Traceback" not in text
