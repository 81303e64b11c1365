"""`jixiao extract PATH... --out DIR`: Word submissions to contract JSON files."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from extract.outcome import FileLimits
from flows.progress import Progress
from flows.settings import load_settings

if TYPE_CHECKING:
    from extract.guard import GuardPool


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="extract Word submissions into the canonical JSON",
                       description="Write one <stem>.json per readable file; report unreadable "
                                   "files on stderr as '<file>: <reason>'. Exit 1 if any was rejected.")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders (walked for .docx/.doc)")
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder for the JSON files")
    p.add_argument("--time-limit", type=float, default=FileLimits.seconds, metavar="SECONDS",
                   help=f"per-file time limit; slower files are rejected too_slow (default {FileLimits.seconds:g})")
    p.add_argument("--memory-limit", type=int, default=FileLimits.memory_mb, metavar="MB",
                   help=f"per-file memory limit; larger files are rejected too_large (default {FileLimits.memory_mb})")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Extract every file; return 0 if all were extracted, 1 if any was rejected."""
    from extract.batch import discover
    from extract.guard import GuardPool

    files = list(discover(args.paths))
    args.out.mkdir(parents=True, exist_ok=True)
    # Each file is read by a worker process under the per-file limits (extract/guard.py): one
    # worker (CPU is what a run costs; a second would pay its own start-up), forked from this
    # process, which holds no database, before the progress bar starts its drawing thread.
    labels = load_settings(getattr(args, "config", None)).labels_json  # jixiao.toml [labels]
    pool = GuardPool(FileLimits(seconds=args.time_limit, memory_mb=args.memory_limit, workers=1, labels=labels),
                     fork=True)
    try:
        if files:
            pool.start()
        progress = Progress(len(files), "extract")
        rejected = _extract_all(files, args.out, pool, progress)
    finally:
        pool.close()
    progress.done(f"{len(files) - rejected} extracted, {rejected} rejected")
    return 1 if rejected else 0


def _extract_all(files: list[Path], out: Path, pool: GuardPool, progress: Progress) -> int:
    """Write each readable file's JSON into `out`; return how many files were rejected."""
    rejected = 0
    # The worker encodes each record once, as the contract's JSON; it is written as received.
    for path, answer in zip(files, pool.extract_contracts(files), strict=True):
        if answer.json is None:
            rejected += 1
            progress.message(f"{answer.path}: {answer.rejection_reason}")
        else:
            for note in answer.notes:
                progress.message(f"{answer.path}: {note}")
            target = out / f"{path.stem}.json"
            tmp = target.with_suffix(".json.tmp")
            tmp.write_bytes(answer.json)
            tmp.replace(target)  # never a half-written JSON
        progress.step()
    return rejected
