"""A Prefect-free ingestion in its own process, for the lock and crash tests (and a reader loop).

    python -m tests.ingest_child ingest INBOX WAREHOUSE [LOCK_WAIT_SECONDS]
        runs flows.steps.run_direct; prints the summary's counts as JSON; exit 3 when the
        writer lock could not be had (message on stderr), as `jixiao ingest` does.
    python -m tests.ingest_child read WAREHOUSE SECONDS|STOPFILE
        opens the published warehouse read-only over and over for SECONDS, or until the file
        STOPFILE exists (at most 300 s); prints {"reads": n, "refused": [messages]} as JSON.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def ingest(inbox: Path, warehouse: Path, lock_wait: float) -> int:
    """Run the pipeline once without Prefect; return 0, or 3 when another ingestion holds the lock."""
    from flows.settings import load_settings
    from flows.steps import run_direct
    from warehouse.lock import WarehouseBusy

    settings = load_settings(
        env={}, inbox=inbox, warehouse=warehouse, concurrency=1, lock_wait_seconds=lock_wait
    )
    try:
        summary = run_direct(inbox, warehouse, settings, progress=lambda _: None)
    except WarehouseBusy as exc:
        print(exc, file=sys.stderr)
        return 3
    counts = {k: getattr(summary, k) for k in ("seen", "known", "new", "loaded", "rejected",
                                               "duplicate", "superseded")}
    print(json.dumps(counts))
    return 0


def read(warehouse: Path, until: str) -> int:
    """Open the warehouse read-only in a loop; print how many reads worked and every refusal."""
    import duckdb

    from warehouse.connect import open_readonly

    reads, refused = 0, []
    try:
        deadline, stop = time.monotonic() + float(until), None
    except ValueError:
        deadline, stop = time.monotonic() + 300, Path(until)
    while time.monotonic() < deadline and not (stop and stop.exists()):
        if not warehouse.exists():
            time.sleep(0.02)
            continue
        try:
            con = open_readonly(warehouse)
            try:
                con.execute("SELECT count(*) FROM ingest_ledger").fetchall()
            finally:
                con.close()
            reads += 1
        except duckdb.Error as exc:
            refused.append(str(exc).splitlines()[0])
        time.sleep(0.01)
    print(json.dumps({"reads": reads, "refused": refused}))
    return 0


if __name__ == "__main__":
    cmd, *rest = sys.argv[1:]
    if cmd == "ingest":
        wait = float(rest[2]) if len(rest) > 2 else 600.0
        sys.exit(ingest(Path(rest[0]), Path(rest[1]), wait))
    sys.exit(read(Path(rest[0]), rest[1]))
