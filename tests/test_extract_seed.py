"""Golden test: the real seed submission extracts to exactly its expected JSON."""

from __future__ import annotations

import json

import jsonschema
import pytest

from extract.api import extract_file, to_contract
from tests.paths import SCHEMA_PATH as SCHEMA
from tests.paths import SEED_DOCX, SEED_JSON


@pytest.fixture(scope="module")
def seed() -> dict:
    return to_contract(extract_file(SEED_DOCX))


def test_seed_matches_golden_exactly(seed: dict) -> None:
    expected = json.loads(SEED_JSON.read_text(encoding="utf-8"))
    # The golden predates `warnings` (added to the repo's contract): the seed is read perfectly, so none.
    expected.setdefault("warnings", [])
    got = {k: v for k, v in seed.items() if k != "sha256"}
    assert got == expected


def test_seed_sha256_is_of_the_bytes(seed: dict) -> None:
    import hashlib

    assert seed["sha256"] == hashlib.sha256(SEED_DOCX.read_bytes()).hexdigest()


def test_seed_output_validates_against_contract(seed: dict) -> None:
    jsonschema.validate(seed, json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_seed_lineage_points_at_tables_and_rows() -> None:
    record = extract_file(SEED_DOCX)
    # Tables alternate header / indicators: project n's header is table 2(n-1).
    assert [p["source_table"] for p in record["projects"]] == [0, 2, 4]
    first = record["projects"][0]["indicators"][0]
    assert (first["source_table"], first["source_row"]) == (1, 1)
