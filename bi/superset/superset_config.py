"""Apache Superset 6.1 configuration for reading the jixiao warehouse (docs/bi.md).

Set in the environment of every `superset` command and of gunicorn:
  SUPERSET_CONFIG_PATH  this file
  SUPERSET_SECRET_KEY   a long random string (`openssl rand -base64 42`), kept: it signs sessions
                        and encrypts connection secrets in the metadata database
  SUPERSET_HOME         Superset's own folder (metadata database, results cache)
  JIXIAO_WAREHOUSE      the published warehouse file as this server sees it (the results cache is
                        keyed on it: a cached chart never outlives a load; several files separated
                        by ':'; unset: no results cache)
Optional: SUPERSET_METADATA_URI (default sqlite in SUPERSET_HOME; PostgreSQL for several users).
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # jixiao_cache, beside this file

SECRET_KEY = os.environ.get("SUPERSET_SECRET_KEY", "")
if len(SECRET_KEY) < 32:
    raise RuntimeError(
        "SUPERSET_SECRET_KEY is not set (or shorter than 32 characters): "
        "export SUPERSET_SECRET_KEY=\"$(openssl rand -base64 42)\" and keep it (docs/bi.md)"
    )

superset_home = Path(os.environ.get("SUPERSET_HOME") or Path.home() / ".superset")
SQLALCHEMY_DATABASE_URI = os.environ.get("SUPERSET_METADATA_URI") or f"sqlite:///{superset_home / 'superset.db'}"

# Chinese first, English on offer. BABEL_DEFAULT_LOCALE must be one of LANGUAGES: without
# LANGUAGES (Superset's default is {}) the web UI is a blank page ("reading 'flag'").
BABEL_DEFAULT_LOCALE = "zh"
LANGUAGES = {
    "zh": {"flag": "cn", "name": "简体中文"},
    "en": {"flag": "us", "name": "English"},
}

# Numbers as a finance bureau writes them: 1,234,567.89; money metrics are in 万元 and 亿元
# (jixiao superset-register's sum_wan__ / sum_yi__ metrics), never d3's SI 1.05B.
D3_FORMAT = {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["¥", ""]}
D3_TIME_FORMAT = {
    "dateTime": "%Y-%m-%d %H:%M:%S",
    "date": "%Y-%m-%d",
    "time": "%H:%M:%S",
    "periods": ["上午", "下午"],
    "days": ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"],
    "shortDays": ["周日", "周一", "周二", "周三", "周四", "周五", "周六"],
    "months": [f"{m}月" for m in range(1, 13)],
    "shortMonths": [f"{m}月" for m in range(1, 13)],
}
CURRENCIES = ["CNY"]

# Chart results cached on disk, keyed on the published warehouse file: a load (an atomic rename)
# changes the key, so the next refresh after a load reads the new data; until then a day.
# Without JIXIAO_WAREHOUSE nothing could tell a load happened: no results cache at all then.
jixiao_warehouses = os.environ.get("JIXIAO_WAREHOUSE", "")
DATA_CACHE_CONFIG = (
    {
        "CACHE_TYPE": "jixiao_cache.LoadKeyedCache",
        "CACHE_DIR": str(superset_home / "results-cache"),
        "CACHE_DEFAULT_TIMEOUT": 24 * 60 * 60,
        "CACHE_THRESHOLD": 5000,
        "CACHE_OPTIONS": {"warehouse": jixiao_warehouses},
    }
    if jixiao_warehouses
    else {"CACHE_TYPE": "NullCache"}
)

# SQL Lab runs queries synchronously on the locked, read-only DuckDB connection.
SQLLAB_TIMEOUT = 120
ROW_LIMIT = 50000
