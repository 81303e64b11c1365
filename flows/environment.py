"""The process environment a `jixiao` command runs in: Prefect quiet and untracked, unless asked
otherwise.

Prefect reads its settings from PREFECT_* variables when it is first imported, so these are
set before any command imports it. A variable the user set always wins.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager

# Measured on these machines (stack notes): telemetry prints a ~90-line "database is locked"
# traceback on every run of a temporary API; its start-up needs more than 20 s on two loaded
# cores; logs sent from outside a flow run are noise.
PREFECT_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # The client's side of the same: no usage data sent, and no "Prefect collects anonymous usage
    # data ..." banner before a run in a terminal.
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    "PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW": "ignore",
}
# Only the terminal's handler: the run's INFO lines still reach the Prefect UI.
QUIET_CONSOLE = {"PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "WARNING"}


def command_defaults(verbose: bool) -> dict[str, str]:
    """Return the PREFECT_* defaults of a command (Prefect's INFO lines too when verbose)."""
    return dict(PREFECT_DEFAULTS) if verbose else {**PREFECT_DEFAULTS, **QUIET_CONSOLE}


@contextmanager
def command_environment(
    verbose: bool = False, environ: MutableMapping[str, str] | None = None
) -> Iterator[None]:
    """Set the defaults the user did not set for the duration of a command, then restore."""
    env: MutableMapping[str, str] = os.environ if environ is None else environ
    added = [name for name in command_defaults(verbose) if name not in env]
    for name in added:
        env[name] = command_defaults(verbose)[name]
    try:
        yield
    finally:
        for name in added:
            env.pop(name, None)
