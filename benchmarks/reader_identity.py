"""Correctness gate for reader speed work: the records must stay byte-identical.

Writes a fixed corpus once (a generated county of --units units with hostile files and
self-evaluations, every tests/docgen fixture family, the imperfect cases, the real templates,
the seed, and --mutations fuzzed mutations of the fuzz bases), then reads every file with
extract.api: the record as JSON (lineage included) or the rejection (kind and message), and
`jixiao explain`'s reading of it with every cell (explain_file(cells=True)).

    python benchmarks/reader_identity.py save BASELINE.json [--corpus DIR]
    python benchmarks/reader_identity.py check BASELINE.json [--corpus DIR]

`save` on the code to compare against (e.g. main's, exported with `git archive`), `check` on
the changed code: it prints every file whose record or reading differs and exits 1 if any does.
The corpus directory is reused when it exists, so both sides read the very same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

CORPUS = Path("/tmp/jixiao-reader-identity")


def write_corpus(out: Path, units: int, mutations: int) -> None:
    """Write every file of the corpus into `out` (subfolders by source)."""
    from tests.docgen import ooxml as ox
    from tests.docgen.county import write_county
    from tests.docgen.families import write_families
    from tests.docgen.selfeval import write_self_evaluations
    from tests.docgen.templates import write_templates
    from tests.docgen.variants import write_variants
    from tests.fuzzing import OPS, base_documents, mutate
    from tests.paths import SEED_DOCX
    from tests.test_imperfect import CASES

    write_county(out / "county", units=units, hostile=True, self_evaluations=True, copies=3)
    write_county(out / "county2", units=40, seed=5, hostile=True, duplicates=0)
    write_variants(out / "variants")
    write_templates(out / "templates")
    write_families(out / "families")
    write_self_evaluations(out / "selfevals")
    imperfect = out / "imperfect"
    imperfect.mkdir(parents=True)
    for i, (_, (build, _, _)) in enumerate(sorted(CASES.items())):
        (imperfect / f"case{i:02d}.docx").write_bytes(ox.package(ox.document_xml("".join(build().blocks))))
    real = Path(__file__).resolve().parents[1] / "tests" / "data" / "real-templates"
    (out / "real").mkdir()
    for path in sorted(real.glob("*/docs/*.docx")):
        (out / "real" / f"{path.parent.parent.name}-{path.name}").write_bytes(path.read_bytes())
    (out / "real" / SEED_DOCX.name).write_bytes(SEED_DOCX.read_bytes())
    fuzz = out / "fuzz"
    fuzz.mkdir()
    bases = base_documents()
    rng = random.Random(19)
    names = sorted(bases)
    for i in range(mutations):
        base = names[i % len(names)]
        steps = [(rng.choice(OPS), rng.randrange(2**32)) for _ in range(rng.randint(1, 4))]
        (fuzz / f"m{i:04d}-{base}.docx").write_bytes(mutate(bases[base], steps))


def read_all(corpus: Path) -> dict[str, Any]:
    """Return {relative path: {record or rejection, explain text}} for every file of the corpus."""
    from extract.api import RejectedFile, explain_file, extract_bytes

    out: dict[str, Any] = {}
    for path in sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix != ".json"):
        key = str(path.relative_to(corpus))
        data = path.read_bytes()
        entry: dict[str, Any] = {}
        try:
            entry["record"] = json.dumps(extract_bytes(data, path.name), ensure_ascii=False, sort_keys=True,
                                         default=repr)
        except RejectedFile as exc:
            entry["record"] = f"REJECTED {exc.kind}: {exc}"
        except Exception as exc:  # noqa: BLE001 - an internal error must stay the same error
            entry["record"] = f"ERROR {type(exc).__name__}: {exc}"
        try:
            entry["explain"] = explain_file(path, cells=True)[2]
        except RejectedFile as exc:
            entry["explain"] = f"REJECTED {exc.kind}: {exc}"
        except Exception as exc:  # noqa: BLE001
            entry["explain"] = f"ERROR {type(exc).__name__}: {exc}"
        out[key] = entry
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=("save", "check"))
    ap.add_argument("baseline", type=Path)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--units", type=int, default=400)
    ap.add_argument("--mutations", type=int, default=600)
    args = ap.parse_args()
    if not args.corpus.exists():
        write_corpus(args.corpus, args.units, args.mutations)
    readings = read_all(args.corpus)
    kinds = sum(1 for e in readings.values() if not e["record"].startswith(("REJECTED", "ERROR")))
    print(f"{len(readings)} files read ({kinds} extracted, {len(readings) - kinds} rejected)")
    if args.mode == "save":
        args.baseline.write_text(json.dumps(readings, ensure_ascii=False, indent=0), encoding="utf-8")
        return 0
    baseline = json.loads(args.baseline.read_text(encoding="utf-8"))
    bad = 0
    for key in sorted(set(baseline) | set(readings)):
        old, new = baseline.get(key), readings.get(key)
        if old != new:
            bad += 1
            if bad <= 20:
                parts = [p for p in ("record", "explain") if (old or {}).get(p) != (new or {}).get(p)]
                print(f"DIFFERS {key}: {', '.join(parts)}")
                for p in parts:
                    print(f"  was: {str((old or {}).get(p))[:300]}")
                    print(f"  now: {str((new or {}).get(p))[:300]}")
    print("identical" if not bad else f"{bad} files differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
