"""The temporary local Prefect API of a command run without a server, started and stopped by jixiao.

Prefect would start one itself (the same uvicorn command), but as a child in the command's
process group writing to the command's terminal: a terminal's Ctrl-C then reaches the API too,
and its shutdown prints "Error flushing events" lines after jixiao has said "interrupted". Here
the API runs in a session of its own, its output goes to a log file under PREFECT_HOME, and it
is stopped when the command ends (or, on an interrupt, by flows/interrupts.hard_exit, which stops
every descendant): nothing it says reaches the terminal.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

LOG_NAME = "jixiao-temporary-api.log"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except (OSError, urllib.error.URLError):
        return False


def _stop(proc: subprocess.Popen[bytes], grace: float = 5.0) -> None:
    """Stop the API: SIGTERM (it shuts down cleanly, into its log), SIGKILL after `grace`."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def temporary_api() -> Iterator[str]:
    """Yield the URL of a temporary Prefect API this process's flows use while inside."""
    import prefect
    from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

    settings = get_current_settings()
    home = Path(settings.home)
    home.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    url = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        # What Prefect's own temporary server sets (prefect.server.api.server.SubprocessASGIServer).
        "PREFECT_UI_ENABLED": "0",
        "PREFECT__SERVER_EPHEMERAL": "1",
        "PREFECT__SERVER_FINAL": "1",
        **settings.to_environment_variables(exclude_unset=True),
    }
    with (home / LOG_NAME).open("ab") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--app-dir", str(prefect.__module_path__.parent),
             "--factory", "prefect.server.api.server:create_app", "--host", "127.0.0.1",
             "--port", str(port), "--log-level", "error", "--lifespan", "on"],
            env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + settings.server.ephemeral.startup_timeout_seconds
        while not _answers(f"{url}/health"):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"the temporary Prefect API did not start (exit {proc.poll()}); "
                    f"see {home / LOG_NAME}, or run a Prefect server and set PREFECT_API_URL"
                )
            time.sleep(0.2)
        with temporary_settings(updates={PREFECT_API_URL: url}):
            try:
                yield url
            finally:
                # The run's last logs and events go out while the API still answers: a client
                # left holding them would retry a stopped API for minutes at exit.
                from prefect.events.worker import EventsWorker
                from prefect.logging.handlers import APILogWorker

                APILogWorker.drain_all()
                EventsWorker.drain_all()
    finally:
        _stop(proc)
