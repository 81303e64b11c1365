"""Shared pytest fixtures: generated .docx fixtures written once per session into a temp dir."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.docgen.variants import write_variants


@pytest.fixture(scope="session")
def variants_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a directory holding every layout variant as <name>.docx + <name>.json."""
    out = tmp_path_factory.mktemp("variants")
    write_variants(out)
    return out
