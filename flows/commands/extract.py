"""`jixiao extract PATH... --out DIR`: Word submissions to contract JSON files."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from extract.api import to_contract
from extract.batch import discover, extract_one
from flows.progress import Progress


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="extract Word submissions into the canonical JSON",
                       description="Write one <stem>.json per readable file; report unreadable "
                                   "files on stderr as '<file>: <reason>'. Exit 1 if any was rejected.")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders (walked for .docx/.doc)")
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder for the JSON files")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Extract every file; return 0 if all were extracted, 1 if any was rejected."""
    files = list(discover(args.paths))
    args.out.mkdir(parents=True, exist_ok=True)
    rejected = 0
    progress = Progress(len(files), "extract")
    for path in files:
        outcome = extract_one(path)
        if outcome.submission is None:
            rejected += 1
            progress.message(f"{outcome.path}: {outcome.rejection_reason}")
        else:
            for project in outcome.submission["projects"]:
                if not project["indicators"]:
                    progress.message(f"{outcome.path}: 项目“{project['name']}”（{project['code']}）缺少绩效指标表")
            target = args.out / f"{path.stem}.json"
            tmp = target.with_suffix(".json.tmp")
            tmp.write_text(json.dumps(to_contract(outcome.submission), ensure_ascii=False, indent=1),
                           encoding="utf-8")
            tmp.replace(target)  # never a half-written JSON
        progress.step()
    progress.done(f"{len(files) - rejected} extracted, {rejected} rejected")
    return 1 if rejected else 0
