"""What a finished flow run means for a command's exit status."""

from __future__ import annotations

import sys
from typing import Any


def failure_status(state: Any, command: str) -> int | None:
    """Return the exit status of a run that did not complete (3: warehouse busy, 1: failed), else None."""
    from warehouse.lock import WarehouseBusy

    failure = state.result(raise_on_failure=False) if state.is_failed() else None
    if isinstance(failure, WarehouseBusy):
        # Another ingestion is loading this warehouse: nothing was changed, try again later.
        print(f"jixiao {command}: {failure}", file=sys.stderr)
        return 3
    if not state.is_completed():
        print(f"jixiao {command}: 入库失败 the run did not complete ({state.name}): {state.message}",
              file=sys.stderr)
        return 1
    return None
