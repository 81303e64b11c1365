"""Every generated layout variant, and the real sample, must extract to exactly its expected JSON."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.docgen.compare import differences, report
from tests.docgen.variants import VARIANTS
from tests.paths import SCHEMA_PATH, SEED_DOCX, SEED_JSON

SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _validate(doc: dict[str, Any], what: str) -> None:
    errors = sorted(jsonschema.Draft202012Validator(SCHEMA).iter_errors(doc), key=str)
    assert not errors, f"{what} breaks extraction.schema.json:\n" + "\n".join(
        f"  {'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:20]
    )


def _extract(path: Path) -> dict[str, Any]:
    from extract.api import extract_file, to_contract

    return dict(to_contract(extract_file(path)))


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_expected_json_matches_contract(variants_dir: Path, name: str) -> None:
    expected = json.loads((variants_dir / f"{name}.json").read_text(encoding="utf-8"))
    _validate(expected, f"expected JSON of {name}")
    assert expected["file"] == f"{name}.docx"
    assert (
        expected["sha256"]
        == hashlib.sha256((variants_dir / f"{name}.docx").read_bytes()).hexdigest()
    )


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_variant_extracts_to_expected(variants_dir: Path, name: str) -> None:
    expected = json.loads((variants_dir / f"{name}.json").read_text(encoding="utf-8"))
    actual = _extract(variants_dir / f"{name}.docx")
    _validate(actual, f"extraction of {name}.docx")
    diffs = differences(expected, actual)
    assert not diffs, report(f"{name}.docx", diffs)


def test_seed_extracts_to_seed_json() -> None:
    expected = json.loads(SEED_JSON.read_text(encoding="utf-8"))
    expected.setdefault("warnings", [])  # the golden predates `warnings`; a perfect read carries none
    actual = _extract(SEED_DOCX)
    _validate(actual, "extraction of the seed")
    # The seed's golden JSON carries no sha256; the extractor's must be the file's real digest.
    assert actual.get("sha256") in (None, hashlib.sha256(SEED_DOCX.read_bytes()).hexdigest())
    diffs = differences(expected, actual, ignore=frozenset({"sha256"}))
    assert not diffs, report(SEED_DOCX.name, diffs)


def test_county_extracts_as_its_manifest_says(tmp_path: Path) -> None:
    """A small county (every variant's layout once, then random mixes) round-trips file by file."""
    from extract.errors import RejectedFile
    from tests.docgen.county import write_county

    man = write_county(tmp_path, units=len(VARIANTS) + 8, seed=11)
    problems: list[str] = []
    for entry in man.entries:
        try:
            actual = _extract(tmp_path / entry.file)
        except RejectedFile as exc:
            if entry.rejection_kind != exc.kind:
                problems.append(f"{entry.file}: rejected as {exc.kind} ({exc.reason})")
            continue
        if entry.expected is None:
            problems.append(f"{entry.file}: read, but should be rejected as {entry.rejection_kind}")
            continue
        diffs = differences(entry.expected, actual)
        if diffs:
            problems.append(report(entry.file, diffs, limit=5))
    assert not problems, "\n".join(problems)
