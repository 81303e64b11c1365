"""Command line: `python -m tests.docgen county OUT_DIR --units N`, `... variants OUT_DIR`, `... templates OUT_DIR`,
`... families OUT_DIR`, `... families2 OUT_DIR` or `... selfevals OUT_DIR`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tests.docgen.county import write_county
from tests.docgen.families import write_families
from tests.docgen.templates import write_templates
from tests.docgen.variants import write_variants


def main(argv: list[str] | None = None) -> int:
    """Run the generator; return the exit status."""
    ap = argparse.ArgumentParser(
        prog="python -m tests.docgen", description="Write generated .docx fixtures."
    )
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser(
        "county", help="a county inbox: one file per unit, re-submissions, copies, junk"
    )
    c.add_argument("out_dir", type=Path)
    c.add_argument("--units", type=int, default=60)
    c.add_argument("--year", type=int, default=2022)
    c.add_argument("--division", default="131026")
    c.add_argument("--seed", type=int, default=0)
    c.add_argument("--no-hostile", action="store_true", help="leave out the unreadable files")
    c.add_argument("--resubmissions", type=int, default=2)
    c.add_argument("--duplicates", type=int, default=1)
    c.add_argument(
        "--manifest", type=Path, help="also write the manifest (expected JSON per file) here"
    )
    v = sub.add_parser("variants", help="one file per layout variant, with <name>.json beside it")
    v.add_argument("out_dir", type=Path)
    t = sub.add_parser("templates", help="one file per published template of another issuer, with its JSON")
    t.add_argument("out_dir", type=Path)
    e = sub.add_parser("selfevals", help="one file per filled self-evaluation form (绩效自评表), with its JSON")
    e.add_argument("out_dir", type=Path)
    f = sub.add_parser("families", help="one file per template family found by search (families.py), with its JSON")
    f.add_argument("out_dir", type=Path)
    f.add_argument("--worded", action="store_true", help="also three of them worded as another issuer might (relabel.py)")
    f2 = sub.add_parser("families2", help="one file per family of the second search (families2.py), with its JSON")
    f2.add_argument("out_dir", type=Path)
    args = ap.parse_args(argv)
    if args.cmd == "families2":
        from tests.docgen.families2 import write_families2

        paths = write_families2(args.out_dir)
        print(f"{len(paths)} template families written to {args.out_dir}")
        return 0
    if args.cmd == "selfevals":
        from tests.docgen.selfeval import write_self_evaluations

        paths = write_self_evaluations(args.out_dir)
        print(f"{len(paths)} self-evaluations written to {args.out_dir}")
        return 0
    if args.cmd == "families":
        paths = write_families(args.out_dir)
        if args.worded:
            from tests.docgen.relabel import write_worded

            paths += write_worded(args.out_dir)
        print(f"{len(paths)} template families written to {args.out_dir}")
        return 0
    if args.cmd == "templates":
        paths = write_templates(args.out_dir)
        print(f"{len(paths)} templates written to {args.out_dir}")
        return 0
    if args.cmd == "variants":
        paths = write_variants(args.out_dir)
        print(f"{len(paths)} variants written to {args.out_dir}")
        return 0
    man = write_county(
        args.out_dir,
        units=args.units,
        year=args.year,
        division=args.division,
        seed=args.seed,
        hostile=not args.no_hostile,
        resubmissions=args.resubmissions,
        duplicates=args.duplicates,
    )
    if args.manifest:
        man.write_json(args.manifest)
    counts = ", ".join(f"{k} {v}" for k, v in man.counts().items())
    print(f"{args.out_dir}: {counts} ({man.seconds:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
