"""Every non-empty cell and paragraph of every fixture is accounted for, and perfect fixtures carry no warning.

The reader's record (extract.trace.Reading, what `jixiao explain` prints) gives each non-empty table
cell and each paragraph outside tables one fate: a label understood, the value of a named contract
field, boilerplate skipped by a named rule, or a warning. Here the document is walked again on its own
(grid cells by identity, paragraphs by text) and the two must list the same cells; every warned cell
must be in the file's warnings, and a fixture read perfectly has no warned cell and no warning.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from extract.api import RejectedFile, explain_file
from extract.trace import LABEL, RULES, SKIP, VALUE, WARN
from tests.docgen.county import write_county
from tests.docgen.templates import write_templates
from tests.paths import REAL_TEMPLATES, SEED_DOCX

CELL_WARNINGS = {"text_unplaced", "column_unknown", "table_unknown"}


def _non_empty(path: Path) -> Counter[tuple[int | None, int, int, str]]:
    """Return every non-empty cell (table, top-left row and column, text) and paragraph of a file, walked anew."""
    from extract.dispatch import load_document
    from extract.grid import flatten_nested_tables, table_grid
    from extract.wordml import P, body_blocks, drop_invisible, paragraph_text, w

    root = load_document(path.read_bytes(), path.name)
    drop_invisible(root)
    flatten_nested_tables(root)
    found: Counter[tuple[int | None, int, int, str]] = Counter()
    tables = paragraphs = 0
    for block in body_blocks(root.find(w("body"))):
        if block.tag == P:
            if text := paragraph_text(block).strip():
                found[(None, paragraphs, 0, text)] += 1
                paragraphs += 1
            continue
        cells = {id(c): c for row in table_grid(block) for c in row if c.lines}
        found.update((tables, c.row, c.col, c.text) for c in cells.values())
        tables += 1
    return found


def account(path: Path) -> list[str]:
    """Return what is wrong with a file's accounting (empty when every cell has a fate that agrees with the warnings)."""
    from extract.api import extract_file

    submission, reading, _ = explain_file(path)
    placements = reading.placements()
    problems = [] if extract_file(path)["warnings"] == submission["warnings"] else ["extract and explain warn differently"]
    got = Counter((p.table, p.row, p.col, p.text) for p in placements)
    want = _non_empty(path)
    problems += [f"not accounted: {k}" for k in (want - got)] + [f"accounted twice or invented: {k}" for k in (got - want)]
    kinds = {w["kind"] for w in submission["warnings"]}
    wheres = {(w["kind"], w["where"]) for w in submission["warnings"]}
    for p in placements:
        if p.kind not in (LABEL, VALUE, SKIP, WARN) or not p.what:
            problems.append(f"{p.where} “{p.text[:20]}”: no fate")
        elif p.kind == SKIP and p.what not in RULES:
            problems.append(f"{p.where}: skipped by an unnamed rule {p.what!r}")
        elif p.kind == WARN and p.what not in kinds:
            problems.append(f"{p.where} “{p.text[:20]}”: warned {p.what} but the file's warnings do not say it")
        elif p.kind == WARN and p.what == "text_unplaced" and ("text_unplaced", p.where) not in wheres:
            problems.append(f"{p.where} “{p.text[:20]}”: unplaced but not named in the warnings")
    warned = {p.what for p in placements if p.kind == WARN}
    problems += [f"warning {k} names no warned cell" for k in kinds & CELL_WARNINGS - warned]
    return problems


def _perfect(path: Path) -> None:
    """Assert a fixture read perfectly: every cell accounted for, none warned, no warning."""
    problems = account(path)
    assert not problems, f"{path.name}:\n  " + "\n  ".join(problems[:20])
    submission, reading, _ = explain_file(path)
    warned = [f"{p.where} {p.text[:20]} [{p.what}]" for p in reading.placements() if p.kind == WARN]
    assert not warned and submission["warnings"] == [], (path.name, warned, submission["warnings"])


@pytest.fixture(scope="module")
def templates_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("accounting_templates")
    write_templates(out)
    return out


@pytest.fixture(scope="module")
def demo_county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("accounting_county")
    write_county(out, units=60, seed=0)  # as `make demo` writes it
    return out


def test_seed_is_accounted_for() -> None:
    _perfect(SEED_DOCX)


def test_every_variant_is_accounted_for(variants_dir: Path) -> None:
    for path in sorted(variants_dir.glob("*.docx")):
        _perfect(path)


def test_every_template_is_accounted_for(templates_dir: Path) -> None:
    for path in sorted(templates_dir.glob("*.docx")):
        _perfect(path)


def test_real_template_sets_are_accounted_for() -> None:
    files = sorted(REAL_TEMPLATES.glob("*/docs/*.docx"))
    assert len(files) >= 12
    for path in files:
        _perfect(path)


def test_demo_county_is_accounted_for(demo_county: Path) -> None:
    read = 0
    for path in sorted(demo_county.rglob("*.docx")):
        try:
            _perfect(path)
            read += 1
        except RejectedFile:
            continue  # the county's broken files: rejected with a reason, nothing to account for
    assert read >= 60
