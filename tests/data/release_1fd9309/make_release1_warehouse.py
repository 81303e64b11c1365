"""How tests/data/release_1fd9309/jixiao.duckdb.gz was made: release 1fd9309's own code, two loads.

    git worktree add --detach REL1 1fd9309
    PYTHONPATH=REL1 .venv/bin/python tests/data/release_1fd9309/make_release1_warehouse.py OUT

Load 1: a 6-unit county for 2022 (one re-submission, one duplicate, four rejected files);
load 2: five units for 2023 (one re-submission). Ledger paths are the absolute paths of OUT/inbox.
"""

import shutil
import sys
from pathlib import Path

from flows.settings import load_settings  # release 1fd9309's modules, from PYTHONPATH
from flows.steps import run_direct
from tests.docgen.county import write_county

out = Path(sys.argv[1])
shutil.rmtree(out, ignore_errors=True)
inbox, warehouse = out / "inbox", out / "jixiao.duckdb"
settings = load_settings()
write_county(inbox / "2022", units=6, year=2022, seed=1, hostile=True, resubmissions=1, duplicates=1)
print(run_direct(inbox, warehouse, settings))
write_county(inbox / "2023", units=5, year=2023, seed=2, hostile=False, resubmissions=1, duplicates=0)
print(run_direct(inbox, warehouse, settings))
