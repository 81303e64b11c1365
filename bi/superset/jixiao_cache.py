"""A Superset results cache whose entries cannot outlive a jixiao load.

Every key is prefixed with the published warehouse file's identity (inode, size, modification
time). A load or a withdrawal publishes a new file by an atomic rename, so the identity changes
with every publish and each chart's next query misses the cache and reads the new load; entries
of earlier loads are never read again and expire with CACHE_DEFAULT_TIMEOUT. Between loads
(a day, usually) every refresh of the same chart is served from the cache.

Used by bi/superset/superset_config.py as DATA_CACHE_CONFIG's CACHE_TYPE; on disk, so every
gunicorn worker shares it.
"""

from __future__ import annotations

import os
from typing import Any

from flask_caching.backends.filesystemcache import FileSystemCache


def load_stamp(warehouses: str) -> str:
    """Return the identity of the published warehouse files ('missing' for one not there yet).

    `warehouses` is one path, or several separated by os.pathsep when one Superset reads several
    warehouses: a load into any of them then changes every key.
    """
    stamps = []
    for path in warehouses.split(os.pathsep):
        try:
            st = os.stat(path)
        except OSError:
            stamps.append("missing")
            continue
        stamps.append(f"{st.st_ino}-{st.st_size}-{st.st_mtime_ns}")
    return "+".join(stamps)


class LoadKeyedCache(FileSystemCache):
    """FileSystemCache whose keys carry the published warehouse's identity (load_stamp)."""

    def __init__(self, cache_dir: str, *args: Any, warehouse: str = "", **kwargs: Any) -> None:
        super().__init__(cache_dir, *args, **kwargs)
        self.warehouse = warehouse

    def _get_filename(self, key: str) -> str:
        # cachelib's get/set/add/has/delete all find an entry's file through this method; its
        # own bookkeeping file (the entry count) keeps its name.
        if key == self._fs_count_file:
            return super()._get_filename(key)
        return super()._get_filename(f"{load_stamp(self.warehouse)}:{key}")
