"""`jixiao explain FILE...`: how each paragraph and table of a submission was read, and what was left unread.

For an operator meeting a new template: each paragraph's fate (a field, a label, boilerplate by a
named rule, or a warning), each table's part (project header, indicator table, department form,
unit, ignored), each column's role and the label or content that decided it, every cell counted by
fate with the skipped and warned ones listed (`--cells`: every cell), then the warnings the
extraction carries. Paragraphs, cells and warnings come from one record (extract.trace.Reading).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("explain", help="show how a Word submission was read, paragraph by paragraph and table by table",
                       description="Print what became of every paragraph and table cell (a label, the value of a "
                                   "field, boilerplate skipped by a named rule, or a warning), what each table was "
                                   "taken for, each column's role and what decided it, and the warnings.")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="Word submissions (.docx/.doc)")
    p.add_argument("--cells", action="store_true",
                   help="list every non-empty cell with its fate (by default cells read as values are only counted)")
    p.add_argument("--suggest", action="store_true",
                   help="print instead a commented jixiao.toml [labels] snippet for everything the reading left "
                        "unplaced (a label -> a field, a column -> a role, a line -> boilerplate), each with its "
                        "guess; one snippet for all FILEs, ready to paste or append to jixiao.toml")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Explain each file; return 1 if any could not be read."""
    from extract.api import RejectedFile, explain_file
    from extract.labels import apply_label_overrides
    from flows.settings import load_settings

    apply_label_overrides(load_settings().labels_json)  # jixiao.toml [labels], as extraction uses them
    if args.suggest:
        return _suggest(args.files)
    status = 0
    for path in args.files:
        print(f"== {path}")
        try:
            submission, _, text = explain_file(path, cells=args.cells)
        except (RejectedFile, OSError) as exc:
            print(f"{path}: {exc}", file=sys.stderr)
            status = 1
            continue
        print(text)
        if submission["kind"] == "self_evaluation":
            print("类型 (kind): 绩效自评表 self_evaluation（按标题/表头识别）")
        unit = submission["unit"]
        dept = submission["department_goals"]
        print(f"结果: 单位 {unit['code'] or '-'} {unit['name'] or '-'}; 年度 {submission['fiscal_year'] or '-'}; "
              f"项目 {len(submission['projects'])} 个, 指标 {sum(len(p['indicators']) for p in submission['projects'])} 条"
              + (f"; 部门整体目标 (任务 {len(dept['items'])}, 指标 {len(dept['indicators'])})" if dept else ""))
        warnings = submission["warnings"]
        print(f"提醒 (warnings): {len(warnings) or '无 (none)'}")
        for w in warnings:
            print(f"  [{w['kind']}] {w['where']}：{w['message']}")
    return status


def _suggest(files: list[Path]) -> int:
    """Print one [labels] snippet for all files; return 1 if any could not be read."""
    from extract.api import RejectedFile, explain_file
    from extract.suggest import Suggestion, document_tables, format_snippet, suggest

    status, found = 0, []
    for path in files:
        try:
            submission, reading, _ = explain_file(path)
            grids = document_tables(path)
        except (RejectedFile, OSError) as exc:
            print(f"{path}: {exc}", file=sys.stderr)
            status = 1
            continue
        found += suggest(submission, reading.tables, grids)
    names = ", ".join(p.name for p in files)
    merged: list[Suggestion] = list(dict.fromkeys(found))
    print(format_snippet(names, merged))
    return status
