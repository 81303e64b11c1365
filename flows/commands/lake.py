"""`jixiao province INBOX --lake DIR_OR_URL` and `jixiao lake build|vacuum|status`: the scale-out path.

`province` stages every file under INBOX into the Parquet lake on a Dask cluster (a local one
of --workers processes, or an existing --scheduler) and then builds the warehouse from the
lake. `lake build` builds (or brings up to date) a warehouse from the lake alone, on this
machine, without Prefect; `lake vacuum` deletes dead parts; `lake status` counts files per
county and year.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from flows.commands.states import failure_status
from flows.settings import SettingsError, load_settings


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `province` and `lake` sub-commands."""
    prov = subparsers.add_parser(
        "province",
        help="stage a province's inbox into the Parquet lake on Dask, then build the warehouse",
        description="Extract every Word file under INBOX on a Dask cluster, each worker writing "
        "its files' results into the lake (Parquet by county and year); then build the warehouse "
        "from the lake. Needs a running Prefect server (PREFECT_API_URL). Exit 0 when done, 1 when "
        "the run failed, 2 for bad input or no server, 3 when the warehouse is busy.",
    )
    prov.add_argument("inbox", help="folder of submissions (one sub-folder per county is usual), "
                      "or an fsspec URL (s3://bucket/inbox; --storage-option applies to it too)")
    _lake_options(prov)
    prov.add_argument("--warehouse", help="DuckDB warehouse file (default: setting `warehouse`)")
    prov.add_argument("--config", help="TOML settings file (default: $JIXIAO_CONFIG or ./jixiao.toml)")
    prov.add_argument("--workers", type=int, help="local Dask worker processes (default: setting `concurrency`)")
    prov.add_argument("--scheduler", help="existing Dask scheduler, e.g. tcp://10.0.0.5:8786 "
                      "(default: setting `dask_address`; none starts a local cluster)")
    prov.add_argument("--batch-size", type=int, help="files per extraction task (default: setting `batch_size`)")
    prov.add_argument("--division", help="county code for files whose 项目编码 and folder do not give one")
    prov.add_argument("--stage-only", action="store_true", help="stage into the lake, do not build the warehouse")
    prov.add_argument("--chunk-files", type=int, metavar="N",
                      help="build in loads of ~N files of whole counties (bounds memory; default: one load)")
    prov.set_defaults(func=run_province)

    lake = subparsers.add_parser("lake", help="the Parquet staging lake: build the warehouse, vacuum, status")
    actions = lake.add_subparsers(dest="lake_action", required=True, metavar="ACTION")
    build = actions.add_parser("build", help="build or update the warehouse from the lake alone")
    _lake_options(build)
    build.add_argument("--warehouse", help="DuckDB warehouse file (default: setting `warehouse`)")
    build.add_argument("--config", help="TOML settings file")
    build.add_argument("--year", type=int, action="append", dest="years", metavar="YEAR",
                       help="build this fiscal year only (repeatable; one load per call bounds memory)")
    build.add_argument("--chunk-files", type=int, metavar="N",
                       help="one load per ~N files of whole counties (bounds memory; default: one load)")
    build.set_defaults(func=run_build)
    vac = actions.add_parser("vacuum", help="delete parts replaced by a newer row of the same file")
    _lake_options(vac)
    vac.set_defaults(func=run_vacuum)
    status = actions.add_parser("status", help="files in the lake per county and fiscal year")
    _lake_options(status)
    status.set_defaults(func=run_status)


def _lake_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lake", required=True, help="lake folder or fsspec URL (s3://bucket/prefix ...)")
    parser.add_argument("--storage-option", action="append", default=[], metavar="KEY=VALUE",
                        help="fsspec storage option, repeatable (e.g. endpoint_url=http://minio:9000); "
                        "a JSON value is decoded")


def _check_chunk(args: argparse.Namespace) -> None:
    if getattr(args, "chunk_files", None) is not None and args.chunk_files < 1:
        raise SettingsError(f"--chunk-files must be at least 1, not {args.chunk_files}")


def storage_options(pairs: list[str]) -> dict[str, Any] | None:
    """Return the --storage-option pairs as a dict (JSON values decoded), None when there are none."""
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise SettingsError(f"--storage-option wants KEY=VALUE, not {pair!r}")
        try:
            out[key] = json.loads(value)
        except json.JSONDecodeError:
            out[key] = value
    return out or None


def run_province(args: argparse.Namespace) -> int:
    """Run province_ingest once; return 0 done, 1 failed, 2 bad input or no server, 3 busy."""
    from flows.commands.ingest import prefect_api_url

    try:
        settings = load_settings(args.config, warehouse=args.warehouse, batch_size=args.batch_size,
                                 dask_address=args.scheduler, concurrency=args.workers)
        options = storage_options(args.storage_option)
        _check_chunk(args)
    except SettingsError as exc:
        print(f"jixiao province: {exc}", file=sys.stderr)
        return 2
    from flows.province import is_url

    inbox = str(args.inbox) if is_url(args.inbox) else str(Path(args.inbox).resolve())
    if not is_url(inbox) and not Path(inbox).is_dir():
        print(f"jixiao province: 收件夹不存在 inbox folder not found: {inbox}", file=sys.stderr)
        return 2
    if not prefect_api_url():
        # Without a shared API every Dask worker would start its own temporary server.
        print("jixiao province: Dask workers need a running Prefect server: start one with\n"
              "  prefect server start --host 127.0.0.1 --port 4200 --no-ui --analytics-off\n"
              "and export PREFECT_API_URL=http://127.0.0.1:4200/api", file=sys.stderr)
        return 2
    from flows.province import dask_runner, format_summary, province_ingest

    flow = province_ingest.with_options(
        task_runner=dask_runner(settings.concurrency, settings.dask_address))
    state = flow(
        inbox=inbox, lake=args.lake, warehouse=settings.warehouse.resolve(),
        batch_size=settings.batch_size, max_file_mb=settings.max_file_mb,
        default_division=args.division, storage_options=options, build=not args.stage_only,
        chunk_files=args.chunk_files, file_time_limit_seconds=settings.file_time_limit_seconds,
        file_memory_limit_mb=settings.file_memory_limit_mb, lock_wait_seconds=settings.lock_wait_seconds,
        labels=settings.labels_json,  # jixiao.toml [labels], as the single-machine ingest reads them
        workers=settings.concurrency, return_state=True,
    )
    status = failure_status(state, "province")
    if status is not None:
        return status
    print(format_summary(state.result()))
    return 0


def run_build(args: argparse.Namespace) -> int:
    """Build the warehouse from the lake; return 0 done (also when nothing was new), 2 bad input, 3 busy."""
    from flows.province import build_from_lake
    from warehouse.lock import WarehouseBusy

    try:
        settings = load_settings(args.config, warehouse=args.warehouse)
        options = storage_options(args.storage_option)
        _check_chunk(args)
    except SettingsError as exc:
        print(f"jixiao lake build: {exc}", file=sys.stderr)
        return 2
    try:
        rows, _, report = build_from_lake(args.lake, settings.warehouse, options, args.years,
                                          args.chunk_files, settings.lock_wait_seconds)
    except WarehouseBusy as exc:
        print(f"jixiao lake build: {exc}", file=sys.stderr)
        return 3
    if report is None:
        print(f"{rows} files in the lake; nothing new for {settings.warehouse}")
    else:
        print(f"{rows} files in the lake -> {settings.warehouse}: loaded {report.loaded}, "
              f"rejected {report.rejected}, duplicate {report.duplicate}, superseded {report.superseded}, "
              f"projects {report.projects}, indicators {report.indicators} ({report.seconds:.1f} s)")
    return 0


def run_vacuum(args: argparse.Namespace) -> int:
    """Delete dead parts; return 0 (2 for bad options)."""
    from warehouse.lake import vacuum

    try:
        removed = vacuum(args.lake, storage_options(args.storage_option))
    except SettingsError as exc:
        print(f"jixiao lake vacuum: {exc}", file=sys.stderr)
        return 2
    print(f"removed {removed} dead part(s) from {args.lake}")
    return 0


def run_status(args: argparse.Namespace) -> int:
    """Print the number of files per county and fiscal year (from the listing); return 0."""
    from warehouse.lake import list_parts

    try:
        refs = list_parts(args.lake, storage_options(args.storage_option))
    except SettingsError as exc:
        print(f"jixiao lake status: {exc}", file=sys.stderr)
        return 2
    counts = Counter((ref.division, ref.fiscal_year) for ref in refs)
    print("division  fiscal_year  files")
    for (division, year), n in sorted(counts.items()):
        print(f"{division:<9} {year:<12} {n}")
    print(f"total {len(refs)} part(s), {len({r.path_id for r in refs})} file(s)")
    return 0
