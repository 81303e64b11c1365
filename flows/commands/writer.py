"""Run a command that publishes the warehouse (upgrade, withdraw) the way a load does: one writer."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from flows.settings import Settings, SettingsError, load_settings


def as_writer(
    command: str, args: argparse.Namespace, work: Callable[[Settings], Any],
    refused: tuple[type[Exception], ...] = (),
) -> tuple[int, Any]:
    """Return (exit status, what work(settings) returned) after running it under the writer lock.

    Status 2 for bad settings or a missing warehouse, 3 when another writer holds it, 1 for an
    exception in `refused` (each printed as one line naming the command), 0 when work returned.
    """
    from warehouse.connect import WarehouseMissing
    from warehouse.lock import WarehouseBusy, writer_lock

    def fail(status: int, message: object) -> tuple[int, Any]:
        print(f"{command}: {message}", file=sys.stderr)
        return status, None

    try:
        settings = load_settings(args.config, warehouse=args.warehouse)
    except SettingsError as exc:
        return fail(2, exc)
    if not settings.warehouse.exists():  # before the lock, which would create its folder
        return fail(2, f"没有找到数据仓库文件 {settings.warehouse}（warehouse not found）")
    try:
        with writer_lock(settings.warehouse, settings.lock_wait_seconds, command=command):
            return 0, work(settings)
    except WarehouseMissing as exc:
        return fail(2, exc)
    except WarehouseBusy as exc:
        return fail(3, exc)
    except refused as exc:
        return fail(1, exc)
