"""The Parquet staging lake: real .docx files extracted, staged by county and year, read back
exactly; re-staging replaces a file's own row only; any fsspec URL; the warehouse built from the
lake alone equals the single-machine warehouse."""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from extract.batch import FileOutcome, extract_one
from flows import province, steps
from flows.settings import Settings
from tests.docgen.county import write_county
from tests.lake_fixtures import COUNTIES, assert_same_warehouse, write_province
from warehouse import lake

MAX_BYTES = 50 * 1024 * 1024


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("province") / "inbox"
    write_province(folder, units=4)
    return folder


def _paths(inbox: Path) -> list[str]:
    return [str(p) for p in steps.discover(inbox)]


def _parts(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted((root / lake.OUTCOMES).rglob("part-*.parquet"))}


def test_every_file_round_trips_with_its_lineage(inbox: Path, tmp_path: Path) -> None:
    paths = _paths(inbox)
    report = province.stage_files(paths, str(tmp_path / "lake"), {}, MAX_BYTES)
    assert (report.files, report.staged, report.unchanged) == (len(paths), len(paths), 0)
    records = {r.outcome.path: r for r in lake.read_records(str(tmp_path / "lake"))}
    assert sorted(records) == sorted(paths)
    for path in paths:
        original = extract_one(Path(path))
        back = records[path].outcome
        # Everything but the timing is the extraction itself, lineage (source_table/row) included.
        assert replace(back, seconds=0.0) == replace(original, seconds=0.0), path
        assert records[path].mtime == os.stat(path).st_mtime
    loaded = [r for r in records.values() if r.outcome.submission is not None]
    assert loaded and all("source_row" in i for r in loaded
                          for p in r.outcome.submission["projects"] for i in p["indicators"])  # type: ignore[index]
    rejected = [r for r in records.values() if r.outcome.submission is None]
    assert rejected and all(r.outcome.rejection_kind for r in rejected)


def test_partitions_are_county_and_year(inbox: Path, tmp_path: Path) -> None:
    root = tmp_path / "lake"
    province.stage_files(_paths(inbox), str(root), {}, MAX_BYTES)
    folders = {p.parent.relative_to(root / lake.OUTCOMES).as_posix() for p in _parts(root)}
    divisions = [d for d, _ in COUNTIES]
    # Readable files by their 项目编码's county; rejected ones by their county folder, year unknown.
    assert folders == {f"division={d}/fiscal_year={y}" for d in divisions for y in ("2022", "unknown")}
    for part in _parts(root):
        row = pq.read_table(part).to_pylist()[0]
        assert part.parent.parent.name == f"division={row['division']}"
        assert row["path"].split("/")[-2] == row["division"]  # the folder the county dropped it in
        if row["submission_json"] is not None:
            assert row["fiscal_year"] == 2022 and row["unit_code"]


def test_division_without_codes_or_folder_uses_the_default() -> None:
    bare = FileOutcome("/x/inbox/a.docx", "a.docx", "0" * 64, 1, None, "empty", "空文件", 0.0)
    assert lake.partition_of(bare) == ("unknown", "unknown")
    assert lake.partition_of(bare, "131026") == ("131026", "unknown")
    assert lake.division_of(replace(bare, path="/x/inbox/131081/sub/a.docx")) == "131081"


def test_restaging_a_changed_file_replaces_exactly_its_own_row(inbox: Path, tmp_path: Path) -> None:
    root = tmp_path / "lake"
    work = tmp_path / "inbox"
    shutil.copytree(inbox, work)
    paths = _paths(work)
    province.stage_files(paths, str(root), {}, MAX_BYTES)
    before = _parts(root)

    # Same bytes again: hashed, found in the lake, not extracted, nothing written.
    known = province.known_in_lake(str(root), paths, None)
    again = province.stage_files(paths, str(root), known, MAX_BYTES)
    assert (again.staged, again.unchanged) == (0, len(paths))
    assert _parts(root) == before

    # One unit sends a corrected file under the same name (another county's content).
    victim = next(p for p in paths if "/131026/" in p and extract_one(Path(p)).submission is not None)
    other = write_county(tmp_path / "other", units=1, division="131002", seed=99, hostile=False,
                         resubmissions=0, duplicates=0)
    Path(victim).write_bytes((other.out_dir / other.entries[0].file).read_bytes())
    known = province.known_in_lake(str(root), paths, None)
    report = province.stage_files([victim], str(root), {victim: known[victim]}, MAX_BYTES)
    assert report.staged == 1

    after = _parts(root)
    gone, added = set(before) - set(after), set(after) - set(before)
    assert len(gone) == 1 and len(added) == 1
    assert lake.path_id(victim) in gone.pop().name
    new_part = added.pop()
    assert new_part.parent.parent.name == "division=131002"  # it moved county with its content
    assert {p: after[p] for p in before if p in after} == {p: before[p] for p in before if p in after}
    rows = [r for r in lake.read_rows(str(root)) if r["path"] == victim]
    assert len(rows) == 1 and rows[0]["sha256"] == steps.sha256_of(Path(victim))[0]
    assert len(lake.read_rows(str(root))) == len(paths)


def test_a_part_left_behind_is_dead_and_vacuumed(tmp_path: Path, variants_dir: Path) -> None:
    root = str(tmp_path / "lake")
    source = tmp_path / "in" / "131026" / "u.docx"
    source.parent.mkdir(parents=True)
    first, second = sorted(variants_dir.glob("*.docx"))[:2]
    source.write_bytes(first.read_bytes())
    lake.stage(root, extract_one(source), 1.0)
    source.write_bytes(second.read_bytes())
    # Staged without naming the part it replaces (a worker that crashed before the delete).
    lake.stage(root, extract_one(source), 2.0)
    assert len(lake.list_parts(root)) == 2
    rows = lake.read_rows(root)
    assert len(rows) == 1 and rows[0]["mtime"] == 2.0
    assert lake.vacuum(root) == 1
    assert len(lake.list_parts(root)) == 1 and lake.read_rows(root) == rows
    # A half-written temporary file is never read.
    part = Path(lake.list_parts(root)[0].url)
    (part.parent / ".tmp-crashed").write_bytes(b"PAR1 half")
    assert lake.read_rows(root) == rows


@pytest.mark.parametrize("scheme", ["memory", "file"])
def test_any_fsspec_url(scheme: str, tmp_path: Path, variants_dir: Path) -> None:
    url = f"memory://lake-{tmp_path.name}" if scheme == "memory" else (tmp_path / "lake").as_uri()
    files = sorted(variants_dir.glob("*.docx"))[:3]
    for path in files:
        lake.stage(url, extract_one(path), path.stat().st_mtime, default_division="131026")
    refs = lake.list_parts(url)
    # Object-store parts are named by URL; local ones by plain path (what open() takes).
    prefix = "memory://" if scheme == "memory" else str(tmp_path / "lake")
    assert len(refs) == 3 and all(r.url.startswith(prefix) for r in refs)
    back = sorted(lake.read_records(url), key=lambda r: r.outcome.path)
    assert [r.outcome.sha256 for r in back] == [extract_one(p).sha256 for p in files]
    # By 项目编码 when the file has one, else the default: a county code either way.
    assert all(len(r.division) == 6 and r.division.isdigit() for r in back)


def test_warehouse_from_the_lake_alone_equals_the_single_machine_warehouse(inbox: Path, tmp_path: Path) -> None:
    work = tmp_path / "inbox"
    shutil.copytree(inbox, work)
    direct = tmp_path / "direct.duckdb"
    steps.run_direct(work, direct, Settings(concurrency=1), progress=lambda _: None)
    root = str(tmp_path / "lake")
    province.stage_files(_paths(work), root, {}, MAX_BYTES)
    shutil.rmtree(work)  # the lake alone from here on
    rows, frames, report = province.build_from_lake(root, tmp_path / "lake.duckdb")
    assert report is not None and report.loaded > 0 and report.duplicate > 0 and report.superseded > 0
    assert rows == report.files_seen
    assert_same_warehouse(direct, tmp_path / "lake.duckdb")
    # Building again from the same lake adds nothing: every path is in the ledger with its bytes.
    assert province.build_from_lake(root, tmp_path / "lake.duckdb")[2] is None


def test_lake_commands_build_status_vacuum(inbox: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    from flows.commands import lake as lake_command

    def jixiao(*argv: str) -> int:
        parser = argparse.ArgumentParser(prog="jixiao")
        lake_command.register(parser.add_subparsers(dest="command", required=True))
        args = parser.parse_args(list(argv))
        return int(args.func(args))

    root = str(tmp_path / "lake")
    paths = _paths(inbox)
    province.stage_files(paths, root, {}, MAX_BYTES)
    wh = str(tmp_path / "w.duckdb")
    assert jixiao("lake", "build", "--lake", root, "--warehouse", wh, "--year", "2021") == 0
    # No 2021 files: only the rejected ones (year unknown) come along.
    assert "loaded 0, rejected " in capsys.readouterr().out
    assert jixiao("lake", "build", "--lake", root, "--warehouse", wh, "--year", "2022") == 0
    assert f"files in the lake -> {wh}: loaded " in capsys.readouterr().out
    assert jixiao("lake", "build", "--lake", root, "--warehouse", wh) == 0
    assert "nothing new" in capsys.readouterr().out
    assert jixiao("lake", "status", "--lake", root) == 0
    out = capsys.readouterr().out
    assert "131081    2022" in out and f"total {len(paths)} part(s)" in out
    assert jixiao("lake", "vacuum", "--lake", root) == 0
    assert "removed 0 dead part(s)" in capsys.readouterr().out
    assert jixiao("lake", "status", "--lake", root, "--storage-option", "no-equals") == 2


def test_a_build_in_chunks_of_whole_counties_equals_one_load(inbox: Path, tmp_path: Path) -> None:
    root = str(tmp_path / "lake")
    province.stage_files(_paths(inbox), root, {}, MAX_BYTES)
    one = province.build_from_lake(root, tmp_path / "one.duckdb")[2]
    rows = lake.read_rows(root, light=True)
    pieces = lake.chunks(rows, 5)
    # Whole partitions, none split; rejected (year unknown) first.
    assert len(pieces) > 3 and sum(map(len, pieces)) == len(rows)
    seen: dict[tuple[str, object], int] = {}
    for n, piece in enumerate(pieces):
        for r in piece:
            assert seen.setdefault((r["division"], r["fiscal_year"]), n) == n
    assert pieces[0][0]["fiscal_year"] is None
    many = province.build_from_lake(root, tmp_path / "many.duckdb", chunk_files=5)[2]
    assert (many.loaded, many.rejected, many.duplicate, many.superseded) == (
        one.loaded, one.rejected, one.duplicate, one.superseded)
    # Every table and mart but the review findings: rules that compare a unit with the others
    # (boilerplate_across_units, project_code_duplicate) see the batch and the warehouse so
    # far, so their findings depend on how the loads are cut (and `loads` has one row per load).
    findings = ("fct_review_finding", "mart_unit_scorecard", "mart_rule_summary",
                "mart_county_summary", "loads")
    assert_same_warehouse(tmp_path / "one.duckdb", tmp_path / "many.duckdb", ignore=findings)


def test_an_inbox_given_by_url_is_read_through_fsspec(inbox: Path, tmp_path: Path) -> None:
    import fsspec

    local = _paths(inbox)[:8]
    fs = fsspec.filesystem("memory")
    base = f"/inbox-{tmp_path.name}"
    for name in local:
        fs.pipe_file(f"{base}/{Path(name).parent.name}/{Path(name).name}", Path(name).read_bytes())
    fs.pipe_file(f"{base}/131026/~$lock.docx", b"lock")  # Word's lock file: not a submission
    urls = province.discover_files(f"memory://{base}")
    assert len(urls) == len(local) and all(u.startswith("memory://") for u in urls)

    root = str(tmp_path / "lake")
    report = province.stage_files(urls, root, {}, MAX_BYTES)
    assert report.staged == len(local)
    back = {r.outcome.path: r for r in lake.read_records(root)}
    assert sorted(back) == urls
    for url, name in zip(urls, sorted(local, key=lambda n: (Path(n).parent.name, Path(n).name)), strict=True):
        expected = extract_one(Path(name))
        got = back[url].outcome
        assert replace(got, path=name, seconds=0.0) == replace(expected, seconds=0.0)
        assert back[url].mtime > 0
    known = province.known_in_lake(root, urls, None)
    assert province.stage_files(urls, root, known, MAX_BYTES).unchanged == len(local)


def test_staging_reads_files_under_the_per_file_limits(inbox: Path, tmp_path: Path) -> None:
    from extract.guard import FileLimits

    paths = _paths(inbox)[:6]
    root = str(tmp_path / "lake")
    report = province.stage_files(paths, root, {}, MAX_BYTES,
                                  limits=FileLimits(seconds=60, memory_mb=2048, workers=1))
    # Read in a separate extraction process (extract/guard.py), which reports its own memory.
    assert report.staged == len(paths) and report.extractor_peak_rss > 0
    for record in lake.read_records(root):
        expected = extract_one(Path(record.outcome.path))
        assert replace(record.outcome, seconds=0.0) == replace(expected, seconds=0.0)


def test_a_file_that_cannot_be_read_is_reported_not_staged(inbox: Path, tmp_path: Path) -> None:
    paths = _paths(inbox)[:2]
    gone = str(tmp_path / "131026" / "vanished.docx")  # listed, then deleted before the worker read it
    report = province.stage_files([paths[0], gone, paths[1]], str(tmp_path / "lake"), {}, MAX_BYTES)
    assert report.staged == 2 and len(report.unreadable) == 1
    assert report.unreadable[0].startswith(gone)
    assert sorted(r["path"] for r in lake.read_rows(str(tmp_path / "lake"))) == sorted(paths)
