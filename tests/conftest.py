"""Shared pytest fixtures: generated .docx fixtures written once per session into a temp dir, and
one real Prefect server for the modules that run flows against a server.

`make test` runs the suite on pytest-xdist workers with `--dist loadfile`: each test module is
one work unit, so its module-scoped fixtures are built once, on one worker. The modules using
`prefect_api` form a single unit (see `pytest_xdist_make_scheduler` below) so that they share
one server, and the longest units are handed out first.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.docgen.variants import write_variants
from tests.flow_fixtures import prefect_server

# The modules using `prefect_api`: one work unit, since a session fixture exists once per worker.
PREFECT_SERVER_MODULES = ("tests/test_flow.py", "tests/test_province.py", "tests/test_serve.py",
                          "tests/test_terminal.py")
PREFECT_SERVER = "prefect-server"

# Units that take a minute or more, first, so that no worker is left running one of them alone
# at the end (only the wall time depends on this order; `--no-loadscope-reorder` keeps it).
LONGEST_FIRST = (PREFECT_SERVER, "tests/test_crash.py", "tests/test_interrupt.py",
                 "tests/test_operator.py", "tests/test_lake.py", "tests/test_fuzz.py",
                 "tests/test_report.py")


def _unit(nodeid: str) -> str:
    module = nodeid.split("::", 1)[0]
    return PREFECT_SERVER if module in PREFECT_SERVER_MODULES else module


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "prefect_api" in getattr(item, "fixturenames", ()):
            assert _unit(item.nodeid) == PREFECT_SERVER, (
                f"{item.nodeid} uses prefect_api: add its module to PREFECT_SERVER_MODULES")

    def rank(item: pytest.Item) -> int:
        unit = _unit(item.nodeid)
        return LONGEST_FIRST.index(unit) if unit in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: the order within a module (and among the rest) is kept


try:
    from xdist.scheduler import LoadFileScheduling
except ImportError:  # plain pytest: nothing to schedule
    pass
else:
    class _ModuleScheduling(LoadFileScheduling):
        """xdist's loadfile, with the PREFECT_SERVER_MODULES as one unit."""

        def _split_scope(self, nodeid: str) -> str:
            return _unit(nodeid)

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
        return _ModuleScheduling(config, log) if config.getvalue("dist") == "loadfile" else None


@pytest.fixture(scope="session")
def variants_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a directory holding every layout variant as <name>.docx + <name>.json."""
    out = tmp_path_factory.mktemp("variants")
    write_variants(out)
    return out


@pytest.fixture(scope="session")
def prefect_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Yield the API URL of one real `prefect server start`, shared by the session's flow tests.

    Starting a server costs ~25 s of CPU (imports and database migrations); each module that
    uses it sets its own client settings and PREFECT_HOME.
    """
    with prefect_server(tmp_path_factory.mktemp("prefect-server-home")) as api:
        yield api
