"""Checks a command makes before it starts waiting or working: each returns one line or None.

`serve` would otherwise start happily and fail at 02:00; `ingest` would print a Prefect
traceback of a hundred lines for a server that is down.
"""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from pathlib import Path

HEALTH_TIMEOUT_SECONDS = 5.0


def inbox_problem(inbox: Path) -> str | None:
    """Return why `inbox` cannot be read as an inbox folder, or None."""
    if inbox.is_file():
        return (f"收件夹应为文件夹 {inbox} is a file, not a folder: give the folder that holds "
                "the submissions (jixiao extract reads single files)")
    if not inbox.is_dir():
        return f"收件夹不存在 inbox folder not found: {inbox}"
    if not os.access(inbox, os.R_OK | os.X_OK):
        return f"收件夹无法读取 inbox folder not readable by this account: {inbox}"
    return None


def warehouse_folder_problem(warehouse: Path) -> str | None:
    """Return why the warehouse cannot be written in its folder (created if missing), or None."""
    folder = warehouse.absolute().parent
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        return f"数据仓库目录无效 warehouse folder {folder}: {existing} is a file, not a folder"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"数据仓库目录不可写 warehouse folder {existing} is not writable by this account"
    if warehouse.is_dir():
        return f"数据仓库应为文件 warehouse {warehouse} is a folder: give a file such as {warehouse / 'jixiao.duckdb'}"
    return None


def server_problem(api_url: str) -> str | None:
    """Return why the Prefect API at `api_url` does not answer its health check, or None."""
    health = api_url.rstrip("/") + "/health"
    try:
        with urllib.request.urlopen(health, timeout=HEALTH_TIMEOUT_SECONDS) as response:
            if response.status == 200:
                return None
            reason = f"HTTP {response.status}"
    except urllib.error.HTTPError as exc:
        reason = f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = str(getattr(exc, "reason", exc))
    return (f"Prefect 服务器无法连接 the Prefect server at PREFECT_API_URL={api_url} does not answer "
            f"({reason}); start it, or unset PREFECT_API_URL to run on a temporary local API")
