"""Shared pytest fixtures: generated .docx fixtures written once per session into a temp dir, and
one real Prefect server for the modules that run flows against a server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.docgen.variants import write_variants
from tests.flow_fixtures import prefect_server


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
