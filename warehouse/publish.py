"""Build each load in a private copy of the warehouse and publish it with one atomic rename.

DuckDB lets no other process open a file while a writer holds it, not even read-only. So a load
never opens the published file for writing: it copies it, loads into the copy, checkpoints and
closes it, fsyncs it and renames it over the published path (os.replace, atomic on POSIX).
Readers that opened the old file keep reading it; new readers get the new one. A crash before
the rename leaves the published file as it was (the stale copy is removed by the next load).
Copies are written in DuckDB's 1.4 storage format (warehouse.connect.STORAGE_VERSION), so readers
bundling DuckDB 1.4 or later open the published file.
Callers must hold the single-writer lock (issue 6): two loads publishing at once would lose
one of them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from warehouse.stages import stage

BUILD_INFIX = ".building-"


def build_path(published: Path, load_id: str) -> Path:
    """Return the private build copy's path for `load_id`, next to the published file."""
    return published.with_name(f".{published.name}{BUILD_INFIX}{load_id}")


def stale_builds(published: Path) -> list[Path]:
    """Return leftover build copies (and their WAL files) of interrupted loads."""
    return sorted(published.parent.glob(f".{published.name}{BUILD_INFIX}*"))


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    for p in (path, Path(str(path) + ".wal")):
        p.unlink(missing_ok=True)


@contextmanager
def building(published: Path, load_id: str) -> Iterator[Path]:
    """Yield a fresh copy of `published` to load into; on clean exit publish it atomically."""
    # DuckDB only here: stale_builds is what an interrupted command needs, and fast (flows/interrupts.py).
    from warehouse.connect import STORAGE_VERSION, rewrite_in_storage_version, storage_version

    published = Path(published)
    published.parent.mkdir(parents=True, exist_ok=True)
    for stale in stale_builds(published):
        stale.unlink(missing_ok=True)
    build = build_path(published, load_id)
    if published.exists():
        if storage_version(published).startswith(STORAGE_VERSION):
            shutil.copyfile(published, build)
        else:
            # Written before the format was pinned (DuckDB 2.0's default): readers on DuckDB 1.x
            # cannot open it, so this load publishes a copy in the pinned format.
            rewrite_in_storage_version(published, build)
    try:
        stage("load:copied")
        yield build
        wal = Path(str(build) + ".wal")
        if wal.exists():
            raise RuntimeError(f"{build}: a WAL file remains after checkpoint; not publishing")
        stage("publish:fsync")
        _fsync(build)
        stage("publish:rename")
        os.replace(build, published)
        stage("publish:renamed")
        _fsync(published.parent)
    except BaseException:
        _remove(build)
        raise
