"""Fuzzing: mutated real .docx files (tests/fuzzing.py) through extraction. Every file is either
extracted or rejected with a reason; an 'internal' rejection (an exception the extractor did not
expect) or a hang is a failure. A fixed, derandomized budget for CI; benchmarks/fuzz_long.py runs
the same mutations for minutes."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.batch import extract_one
from tests.fuzzing import OPS, SCHEMA_PATH, base_documents, mutate, problem

BASES = base_documents()
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
HANG_SECONDS = 10
REPO = Path(__file__).resolve().parents[1]

steps_strategy = st.lists(
    st.tuples(st.sampled_from(OPS), st.integers(0, 2**32 - 1)), min_size=1, max_size=5
)


@contextmanager
def no_hang(seconds: int) -> Iterator[None]:
    """Fail (TimeoutError) when the block runs longer than `seconds`."""
    def _alarm(signum: int, frame: object) -> None:
        raise TimeoutError(f"extraction hung for more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@settings(max_examples=500, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(base=st.sampled_from(sorted(BASES)), steps=steps_strategy)
def test_mutated_docx_is_extracted_or_rejected_with_a_reason(base: str, steps: list[tuple[str, int]]) -> None:
    data = mutate(BASES[base], steps)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{base}.docx"
        path.write_bytes(data)
        with no_hang(HANG_SECONDS):
            outcome = extract_one(path)
    assert problem(outcome) is None, (base, steps, problem(outcome))


def test_mutated_files_through_the_jixiao_extract_cli(tmp_path: Path) -> None:
    rng = random.Random(6)
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    names = sorted(BASES)
    for i in range(16):
        base = rng.choice(names)
        steps = [(rng.choice(OPS), rng.getrandbits(32)) for _ in range(rng.randint(1, 4))]
        (inbox / f"{i:02d}_{base}.docx").write_bytes(mutate(BASES[base], steps))
    done = subprocess.run(
        [str(Path(sys.executable).with_name("jixiao")), "extract", str(inbox), "--out", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr and "未预料的问题" not in done.stderr, done.stderr
    extracted = rejected = 0
    for path in sorted(inbox.iterdir()):
        json_path = out / f"{path.stem}.json"
        if json_path.exists():
            jsonschema.validate(json.loads(json_path.read_text(encoding="utf-8")), SCHEMA)
            extracted += 1
        else:
            # Rejected: named on stderr with its reason.
            line = next((ln for ln in done.stderr.splitlines() if ln.startswith(f"{path}: ")), "")
            assert len(line) > len(f"{path}: ") + 10, (path.name, done.stderr[-2000:])
            rejected += 1
    assert extracted + rejected == 16 and extracted > 0 and rejected > 0
    assert done.returncode == 1  # some were rejected


# Regressions found by fuzzing. Read through the guard (1 GB, 20 s), so that a regression fails
# the test instead of exhausting the machine's memory.

def _with_every_cell(docx: bytes, prop: str, value: str) -> bytes:
    import io
    import zipfile

    from lxml import etree

    from tests.fuzzing import q

    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        parts = {info.filename: zf.read(info) for info in zf.infolist()}
    root = etree.fromstring(parts["word/document.xml"])
    for tc in root.iter(q("tc")):
        tcpr = tc.find(q("tcPr"))
        if tcpr is None:
            tcpr = etree.SubElement(tc, q("tcPr"))
            tc.insert(0, tcpr)
        etree.SubElement(tcpr, q(prop)).set(q("val"), value)
    parts["word/document.xml"] = etree.tostring(root)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_huge_grid_spans_are_clamped_not_allocated(tmp_path: Path) -> None:
    """gridSpan="2147483647" on cells padded every row to 2^31 cells (the OOM killer)."""
    from extract.guard import FileLimits, GuardPool

    pool = GuardPool(FileLimits(seconds=20, memory_mb=1024, workers=1))
    try:
        for name, prop, value in [
            ("span_max.docx", "gridSpan", "2147483647"),
            ("span_1e6.docx", "gridSpan", "1000000"),
            ("before_max.docx", "gridBefore", "2147483647"),
            ("after_max.docx", "gridAfter", "2147483647"),
        ]:
            path = tmp_path / name
            path.write_bytes(_with_every_cell(BASES["seed_306001_2022"], prop, value))
            outcome = pool.extract_one(path)
            assert outcome.rejection_kind not in ("too_slow", "too_large", "internal"), name
            assert problem(outcome) is None and outcome.seconds < 10, name
    finally:
        pool.close()


def test_a_row_wider_than_word_allows_is_refused(tmp_path: Path) -> None:
    from extract.grid import MAX_ROW_WIDTH

    cell = '<w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>'
    from tests.docgen import ooxml as ox

    wide = f"<w:tbl><w:tr>{cell * (MAX_ROW_WIDTH + 1)}</w:tr><w:tr>{cell}</w:tr></w:tbl>"
    path = tmp_path / "wide.docx"
    path.write_bytes(ox.package(ox.document_xml(ox.p(ox.r("项目支出绩效目标表")) + wide)))
    outcome = extract_one(path)
    assert outcome.rejection_kind == "bomb"
    assert f"一行超过 {MAX_ROW_WIDTH} 列" in (outcome.rejection_reason or "")


def test_a_zip_claiming_a_future_version_is_corrupt_not_internal(tmp_path: Path) -> None:
    """A flipped byte in the central directory's 'version needed' made zipfile raise NotImplementedError."""
    data = bytearray(BASES["seed_306001_2022"])
    central = data.index(b"PK\x01\x02")
    data[central + 6 : central + 8] = (99).to_bytes(2, "little")  # "zip version 9.9"
    path = tmp_path / "future.docx"
    path.write_bytes(bytes(data))
    outcome = extract_one(path)
    assert outcome.rejection_kind == "corrupt" and problem(outcome) is None


def test_odd_symbol_characters_are_dropped_not_fatal(tmp_path: Path) -> None:
    """w:sym char="FFFFFFFF" or "-1" made chr() raise; "D800" gave a lone surrogate (not UTF-8);
    "FFFE" could not be written back into the tree when a nested table was flattened."""
    import copy
    import io
    import zipfile

    from lxml import etree

    from tests.fuzzing import q

    for char in ("FFFFFFFF", "-1", "110000", "D800", "DFFF", "0", "FFFE", "FFFF", "1F"):
        with zipfile.ZipFile(io.BytesIO(BASES["seed_306001_2022"])) as zf:
            parts = {info.filename: zf.read(info) for info in zf.infolist()}
        root = etree.fromstring(parts["word/document.xml"])
        # Some runs inside a table nested in a cell: flattening it writes their text back.
        inner = copy.deepcopy(next(root.iter(q("tbl"))))
        next(root.iter(q("tc"))).append(inner)
        for run in list(root.iter(q("r")))[:200:7] + list(inner.iter(q("r")))[:5]:
            sym = etree.SubElement(run, q("sym"))
            sym.set(q("font"), "Arial")
            sym.set(q("char"), char)
        parts["word/document.xml"] = etree.tostring(root)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in parts.items():
                zf.writestr(name, data)
        path = tmp_path / f"sym_{char}.docx"
        path.write_bytes(buf.getvalue())
        outcome = extract_one(path)
        assert outcome.ok and problem(outcome) is None, (char, outcome.rejection_reason)
